export { compareSchemas } from "./compare-schemas.js";
export { diffsToOperations } from "./to-operations.js";
export type { DiffsToOperationsOptions } from "./to-operations.js";
export { findRenameCandidates } from "./renames.js";
export { typeKey, defaultKey, expressionKey } from "./normalize.js";
export type {
  SchemaDiff,
  CompareOptions,
  CompareWarning,
  CompareObjectType,
  CompareParent,
  ColumnCompareContext,
  CompareTypeFunction,
  CompareServerDefaultFunction,
  RenameHints,
  RenameCandidate,
} from "./types.js";
