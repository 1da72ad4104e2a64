import type { SchemaOperation } from "../dialects/contract/index.js";
import type { Connection } from "../dialects/contract/index.js";
import type { SqlStatement } from "./sql-template.js";

/** A statement for `op.execute` / `op.query`: SQL text with native placeholders, or an `op.sql` statement. */
export type SqlInput = string | SqlStatement;

/**
 * What the `op` facade asks of the migration context that runs it. The runtime
 * implements it for a live connection and for offline (`--sql`) output.
 */
export interface OperationContext {
  /** `sqlite`, `postgresql` or `mysql`. */
  readonly dialectName: string;
  /** Whether SQL is written out (`--sql`) instead of executed. */
  readonly isOffline: boolean;
  /** The database's name in a multi-database run (`databases` in the config), else `undefined`. */
  readonly databaseName: string | undefined;
  quoteIdentifier(name: string): string;
  /** The value as an SQL literal of this database. */
  literal(value: unknown): string;
  execute(sql: SqlInput, params?: readonly unknown[]): Promise<void>;
  query(sql: SqlInput, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /**
   * Run a schema operation: the dialect's DDL compiler gives its statements,
   * executed (online) or written (offline). Operations registered with
   * `registerOperation` never come here: `runOperation` sends their own SQL
   * through `execute`.
   */
  run(operation: SchemaOperation): Promise<void>;
  /**
   * Send an operation `run` still holds back (one the database may need in a single
   * statement with the next, src/operations/statement-pairing.ts) before the
   * connection is used directly.
   */
  flush?(): Promise<void>;
  /** The connection (offline: the one writing SQL out), for batch mode's reflection and copy. */
  readonly connection: Connection;
  /** env.ts's `targetMetadata`: its `namingConvention` names unnamed constraints created by operations. */
  readonly targetMetadata?: unknown;
}
