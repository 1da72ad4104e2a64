export type { CustomOperationDefinition, CustomSql, CustomSqlContext, CustomSqlDefinition, CustomRenderContext } from "./custom-definition.js";
export { registerOperation } from "./register-operation.js";
export type { RegisteredOperation } from "./register-operation.js";
export { customStatements } from "./custom-sql.js";
export { customDefinition } from "./registry.js";
