import type { Dialect } from "./dialect.js";

/** Rows and affected-row count of one statement. */
export interface QueryResult {
  readonly rows: readonly Record<string, unknown>[];
  /** Rows changed by INSERT/UPDATE/DELETE; `null` when the driver cannot tell. */
  readonly rowCount: number | null;
}

/**
 * Something the server said about a statement that still succeeded: PostgreSQL's
 * NOTICE and WARNING messages, MySQL's Note-level warnings. What would mean data
 * or a name was silently changed is not a notice: the statement fails instead.
 */
export interface DatabaseNotice {
  /** `warning` for PostgreSQL WARNING (and MySQL deprecation warnings), `notice` for the rest. */
  readonly level: "notice" | "warning";
  /** One line: the server's message, its code, and the statement it is about. */
  readonly message: string;
  /** The server's code (SQLSTATE on PostgreSQL, the error number on MySQL). */
  readonly code?: string | undefined;
}

/** Options of `Connection.acquireLock`. */
export interface AcquireLockOptions {
  /**
   * Called once when the lock is still taken after about a second, with one line
   * naming the holder as the database describes it:
   * `waiting for the migration lock … held by … since …`.
   */
  readonly onWait?: (message: string) => void;
  /** Stops the wait when aborted: `acquireLock` then rejects with a `LockWaitStopped` error and holds nothing. */
  readonly signal?: AbortSignal | undefined;
}

/** One statement of {@link Connection.executeAtomic}. */
export interface AtomicStatement {
  readonly sql: string;
  /** The rows it must change; any other count rolls every statement back. Unset: any count. */
  readonly rowCount?: number;
}

/** A live connection, opened by a dialect's driver adapter. */
export interface Connection {
  readonly dialect: Dialect;
  /**
   * Run one statement. `params` use the database's own placeholders
   * (`$1` on PostgreSQL, `?` on MySQL and SQLite).
   */
  execute(sql: string, params?: readonly unknown[]): Promise<QueryResult>;
  /**
   * Run one statement without parameters whose rows and changed-row count are not
   * read, where that saves work: SQLite then does not ask for the count, a statement
   * of its own. Absent where the count comes with the answer anyway (PostgreSQL,
   * MySQL); {@link execute} serves then.
   *
   * @example
   * ```ts
   * await (connection.executeWithoutCount ?? connection.execute).call(connection, "INSERT INTO app_log (note) VALUES ('b2')");
   * ```
   */
  executeWithoutCount?(sql: string): Promise<void>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  readonly inTransaction: boolean;
  /**
   * Take the migration lock, waiting up to `timeoutMs`; throws a clear error on timeout.
   * Session-level, so it outlives the run's transactions: PostgreSQL advisory lock,
   * MySQL GET_LOCK, SQLite an open write transaction on a lock file next to the
   * database (`app.db-athanor.lock`); none for in-memory SQLite. A killed process
   * releases it. After a second of waiting it tells `options.onWait` who holds it,
   * and the timeout error names the holder too.
   */
  acquireLock(name: string, timeoutMs: number, options?: AcquireLockOptions): Promise<void>;
  releaseLock(name: string): Promise<void>;
  /**
   * Run statements without parameters in one round trip, in order, inside the
   * transaction that is open (never outside one). Resolves with one result per
   * statement; a failing statement stops the rest and rejects with a
   * {@link BatchStatementError} giving its place. Absent where the database cannot
   * take several statements in one message (MySQL without multi-statements; SQLite
   * runs in process, where a round trip costs nothing).
   *
   * @example
   * ```ts
   * const [update, created] = await connection.executeBatch!([
   *   "UPDATE app_version SET version_num = 'b2' WHERE version_num = 'b1'",
   *   "CREATE TABLE t2 (id integer PRIMARY KEY)",
   * ]);
   * ```
   */
  executeBatch?(statements: readonly string[]): Promise<QueryResult[]>;
  /**
   * Run data-changing statements without parameters (INSERT, UPDATE, DELETE) as one
   * transaction of their own, in one round trip: they commit together or not at
   * all. Only outside a transaction. A statement given `rowCount` must change that
   * many rows, and none may draw a warning from the server; otherwise nothing is
   * applied. A failing statement rejects with a {@link BatchStatementError} giving
   * its place (its cause a {@link RowCountMismatch} when the count was wrong), after
   * everything was rolled back. Absent where the database has no way to send a
   * transaction in one message (MySQL proper, PostgreSQL, which keeps the run in
   * one transaction instead, and SQLite, which runs in process).
   *
   * @example
   * ```ts
   * await connection.executeAtomic?.([
   *   { sql: "UPDATE app_version SET version_num = 'b2' WHERE version_num = 'b1'", rowCount: 1 },
   *   { sql: "INSERT INTO app_log (note) VALUES ('b2 applied')" },
   * ]);
   * ```
   */
  executeAtomic?(statements: readonly AtomicStatement[]): Promise<void>;
  /**
   * {@link executeAtomic}'s statements, then `sql`, a statement that commits at once
   * (DDL), in one round trip: `sql` runs only once they are committed. Resolves with
   * `sql`'s result (its row count `null`: the server does not report it apart), or
   * with `undefined`, having sent nothing, when `sql` cannot travel that way (the
   * caller then sends the two apart). When the round trip fails, `committed` is
   * asked whether the statements are in: if not, they are written again alone (a
   * failure of theirs rejects with a {@link BatchStatementError}, as
   * `executeAtomic` does) and `sql` is then sent alone; if so, the failure is
   * `sql`'s; when that cannot be told (the session was lost), it rejects with an
   * {@link OutcomeUnknownError}. Present where `executeAtomic` runs as one
   * statement (MariaDB).
   *
   * @example
   * ```ts
   * await connection.executeAtomicThen?.(
   *   [{ sql: "UPDATE app_version SET version_num = 'b2' WHERE version_num = 'b1'", rowCount: 1 }],
   *   "CREATE TABLE t3 (id integer PRIMARY KEY)",
   *   async () => (await connection.execute("SELECT version_num FROM app_version")).rows[0]?.version_num === "b2",
   * );
   * ```
   */
  executeAtomicThen?(statements: readonly AtomicStatement[], sql: string, committed: () => Promise<boolean>): Promise<QueryResult | undefined>;
  /** Whether a table exists (used for the version table). */
  tableExists(table: string, schema?: string | null): Promise<boolean>;
  close(): Promise<void>;
  /**
   * Where the connection reports what the server said about a statement without
   * failing it (see {@link DatabaseNotice}). Unset, such notices are dropped; the
   * runtime sets it to the run's warning output for the length of a run.
   */
  onNotice?: ((notice: DatabaseNotice) => void) | undefined;
  /**
   * Cancel the statement this connection is running now, on the server, from a
   * second session (PostgreSQL `pg_cancel_backend`, MySQL `KILL QUERY`). The
   * statement fails with the database's cancel error; the connection stays open.
   * Resolves without doing anything when no statement is running. Absent where
   * the driver cannot (SQLite runs statements synchronously).
   *
   * @example
   * ```ts
   * process.once("SIGINT", () => void connection.cancel?.());
   * ```
   */
  cancel?(): Promise<void>;
}

/**
 * One statement of {@link Connection.executeBatch} failed: `index` is its place in
 * the batch (those before it ran, those after it did not), `cause` the error it
 * would have raised alone.
 */
export class BatchStatementError extends Error {
  readonly index: number;
  override readonly cause: unknown;

  constructor(index: number, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "BatchStatementError";
    this.index = index;
    this.cause = cause;
  }
}

/**
 * The round trip of {@link Connection.executeAtomicThen} failed and whether its
 * statements committed cannot be told: the session was lost before the server
 * answered, or could not be asked afterwards. `cause` is the error the round trip
 * raised. The caller must not count the statements as written, nor as not written.
 */
export class OutcomeUnknownError extends Error {
  override readonly cause: unknown;

  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "OutcomeUnknownError";
    this.cause = cause;
  }
}

/**
 * A statement of {@link Connection.executeAtomic} changed another number of rows
 * than it had to (the cause of the {@link BatchStatementError} giving its place).
 */
export class RowCountMismatch extends Error {
  readonly expected: number;
  readonly found: number;

  constructor(expected: number, found: number) {
    super(`Expected the statement to change ${expected} ${expected === 1 ? "row" : "rows"}; it changed ${found}`);
    this.name = "RowCountMismatch";
    this.expected = expected;
    this.found = found;
  }
}
