/**
 * The dialect contract: everything a database folder under src/dialects/
 * fulfils and everything the layers above may ask of a database. A leaf: it
 * depends only on src/schema/ and src/util/, so every layer may import it.
 */
export type { BatchSupport } from "./batch-support.js";
export type { DialectCompareRules, PolicyConditions } from "./compare-rules.js";
export type { SequenceState, SequenceTarget } from "./sequence-state.js";
export { sequenceTargetKey } from "./sequence-state.js";
export type { AcquireLockOptions, AtomicStatement, Connection, DatabaseNotice, QueryResult } from "./connection.js";
export { BatchStatementError, OutcomeUnknownError, RowCountMismatch } from "./connection.js";
export type { DatabaseUrl } from "./database-url.js";
export type { DdlCompiler } from "./ddl-compiler.js";
export type { ConnectOptions, DialectDefinition, DriverAdapter } from "./dialect-definition.js";
export type { Dialect, ReflectOptions } from "./dialect.js";
export { noRunGuard, type RunGuard } from "./run-guard.js";
export type * from "./schema-operations.js";
export type { CanonicalView, ViewOption, ViewSupport } from "./view-support.js";
