export { defineEnvironment } from "./env.js";
export type {
  EnvironmentDefinition,
  EnvironmentContext,
  RunMigrationsOptions,
  DatabaseEntry,
} from "./env.js";
export { runEnvironment, loadEnvironment } from "./run-environment.js";
export type { RunOutput, EnvironmentRequest, EnvironmentResult } from "./run-environment.js";
export type { MigrationRequest, DatabaseRunResult } from "./migration-context.js";
export type { StepResult, MigrationInfo } from "./step-info.js";
export type { MigrationCommandOptions, MigrationResult } from "./results.js";
export { InterruptedError, MigrationError, StatementError } from "./errors.js";
export { VersionTable } from "./version-table.js";
export { HistoryTable, historyRevision, athanorVersion } from "./history-table.js";
export type { HistoryRow, HistoryEntry } from "./history-table.js";
export { historyStatus, describeStatus } from "./history-status.js";
export type { HistoryStatus, ChangedRevision, OutOfOrderRevision } from "./history-status.js";
export { RecordingConnection } from "./recording-connection.js";
export { readCurrentHeads, readCurrentHeadsByDatabase, migrationResult } from "./current-heads.js";
export type { DatabaseHeads } from "./current-heads.js";
export { splitRange, startingHeads } from "./revision-range.js";
