export { Operations } from "./operations.js";
export type { OperationContext, SqlInput } from "./operations.js";
export { OperationTracker } from "./operation-tracker.js";
export { SqlStatement, RawSql, renderSql } from "./sql-template.js";
export type { SqlRenderer } from "./sql-template.js";
