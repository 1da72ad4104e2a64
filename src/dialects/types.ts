/**
 * The contract every database folder under src/dialects/ fulfils. Nothing above
 * this layer names a database: it asks the dialect.
 */
import type { BatchSupport } from "../operations/batch/batch-support.js";
import type { DdlCompiler } from "../operations/schema-operation.js";
import type { Column, ColumnType, ForeignKeyAction, SchemaModel } from "../schema/model.js";

/** What `Dialect.reflect` reads. */
export interface ReflectOptions {
  /** Schemas to read; `null` is the connection's default schema (its tables come back without `schema`). Default `[null]`. */
  readonly schemas?: readonly (string | null)[];
  /** Only these table names (in every schema read); default all. */
  readonly tables?: readonly string[];
}

/** Rows and affected-row count of one statement. */
export interface QueryResult {
  readonly rows: readonly Record<string, unknown>[];
  /** Rows changed by INSERT/UPDATE/DELETE; `null` when the driver cannot tell. */
  readonly rowCount: number | null;
}

/** A parsed, connectable database URL. `toString()` and `masked` never show the password. */
export interface DatabaseUrl {
  /** `sqlite`, `postgresql` or `mysql` (`postgres://` and `mariadb://` map here). */
  readonly dialect: string;
  /** The `+driver` suffix, when given (`sqlite+better-sqlite3://`). */
  readonly driver: string | undefined;
  readonly host: string | undefined;
  readonly port: number | undefined;
  readonly username: string | undefined;
  readonly password: string | undefined;
  /** Database name, or the SQLite file path (`:memory:` for in-memory). */
  readonly database: string | undefined;
  /** Query parameters, passed through to the driver (sslmode, charset, ...). */
  readonly query: Readonly<Record<string, string>>;
  /** The URL with the password replaced by `***`. */
  readonly masked: string;
}

/** What SQL looks like on one database. Pure: no connection needed (offline mode uses it). */
export interface Dialect {
  readonly name: "sqlite" | "postgresql" | "mysql";
  /** Whether DDL runs inside a transaction and rolls back with it. */
  readonly transactionalDdl: boolean;
  /** Quote one identifier: `"a ""b"""` on PostgreSQL and SQLite, `` `a` `` on MySQL. */
  quoteIdentifier(name: string): string;
  /** Quote a possibly schema-qualified name. */
  quoteTable(name: string, schema?: string | null): string;
  /** The placeholder for the `index`-th parameter (1-based): `$1` on PostgreSQL, `?` on MySQL and SQLite. */
  placeholder(index: number): string;
  /** Render a value as an SQL literal for offline scripts (strings, numbers, booleans, null, dates, buffers). */
  literal(value: unknown): string;
  /** The statements that create the version table when it is missing (idempotent). */
  createVersionTable(table: string, schema?: string | null): string[];
  /** Offline transaction statements (`BEGIN;` / `COMMIT;`), only where DDL is transactional. */
  readonly beginStatement: string;
  readonly commitStatement: string;
  /** The DDL compiler: schema operations to statements. Pure. */
  readonly ddl?: DdlCompiler;
  /**
   * Read the live schema from the catalog: tables, columns, keys, constraints,
   * indexes, comments (and enum types where the database has them). A fixed number
   * of catalog queries, however many tables there are.
   */
  reflect?(connection: Connection, options?: ReflectOptions): Promise<SchemaModel>;
  /** The connection's default schema (PostgreSQL `current_schema()`, MySQL `DATABASE()`), which autogenerate treats as no schema. */
  defaultSchema?(connection: Connection): Promise<string | undefined>;
  /** What batch mode (`op.batchAlterTable`) needs to know about this database (src/operations/batch/batch-support.ts). */
  readonly batch?: BatchSupport;
  /** How autogenerate tells this database's spellings apart from real changes (src/dialects/<name>/compare.ts). */
  readonly compare?: DialectCompareRules;
  /**
   * A fresh guard for one migration run, where the database needs the run's
   * connection prepared before its first transaction and checked before each
   * commit (SQLite: foreign keys off for the whole run, `foreign_key_check`
   * before every commit). Databases without it need nothing around a run.
   */
  runGuard?(options: { readonly offline: boolean }): RunGuard;
}

/**
 * What a database does around one migration run, online and offline (then the
 * connection writes the statements into the script). The runtime calls
 * `beforeRun` before the run's first transaction opens, `beforeCommit` before
 * every commit of the run (the whole run's, each revision's with
 * `transactionPerMigration`, and the one before a `transactional = false`
 * revision), and `afterRun` on every exit, after the last commit or rollback.
 *
 * @example
 * ```ts
 * const guard = connection.dialect.runGuard?.({ offline: false });
 * await guard?.beforeRun(connection);
 * try {
 *   await connection.begin();
 *   // ... the run's statements ...
 *   await guard?.beforeCommit(connection); // throws, naming what is wrong: roll back
 *   await connection.commit();
 * } finally {
 *   await guard?.afterRun(connection);
 * }
 * ```
 */
export interface RunGuard {
  /**
   * Prepare the connection, outside any transaction. On a connection already
   * inside a transaction (one the caller owns) it changes nothing and the
   * other hooks do nothing.
   */
  beforeRun(connection: Connection): Promise<void>;
  /**
   * Check what the run has done so far; throws an AthanorError naming the
   * problem, after which the caller rolls back instead of committing.
   */
  beforeCommit(connection: Connection): Promise<void>;
  /** Restore what `beforeRun` changed. Runs outside any transaction. */
  afterRun(connection: Connection): Promise<void>;
}

/**
 * One database's comparison rules for autogenerate: each hook takes text the
 * generic comparison has already lower-cased outside quotes and stripped of
 * redundant whitespace, and returns it in this database's canonical spelling,
 * so that two spellings of the same thing become equal strings.
 */
export interface DialectCompareRules {
  /** A rendered type (`character varying(20)`, `int4`, `int(11)`) in canonical form. */
  typeKey(rendered: string, type: ColumnType): string;
  /** A default expression as this database prints it, without casts and wrappers it adds. */
  defaultSql?(sql: string, column: Column): string;
  /** A condition or index expression as this database prints it (casts, parentheses, IN lists). */
  expression?(sql: string): string;
  /** Enum types are named schema objects (PostgreSQL): compared by name, values compared as types. */
  readonly namedEnums: boolean;
  /** Whether tables and columns keep comments. */
  readonly comments: boolean;
  /** Referential actions that mean the same as none stated. */
  readonly defaultActions: readonly ForeignKeyAction[];
  /** A unique index over plain columns is the same thing as a unique constraint (MySQL). */
  readonly uniqueIndexIsConstraint: boolean;
  /** An identity column reads back as autoincrement (MySQL). */
  readonly identityIsAutoincrement: boolean;
  /** Primary keys keep their declared names (compared only when both sides name them). */
  readonly primaryKeyNames: boolean;
  /**
   * The conversion a type change needs, when the database does not convert by
   * itself (PostgreSQL's `USING "col"::type`); `column` is quoted, `rendered` the new type's SQL.
   */
  conversion?(column: string, from: ColumnType, to: ColumnType, rendered: string): string | undefined;
  /** The database adds an index for each foreign key by itself (MySQL): an undeclared one over a key's columns is not a difference. */
  readonly implicitForeignKeyIndexes?: boolean;
  /** A name as the database keeps it, when it shortens long ones without an error (PostgreSQL: 63 bytes). */
  truncateIdentifier?(name: string): string;
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

/** A live connection, opened by a dialect's driver adapter. */
export interface Connection {
  readonly dialect: Dialect;
  /**
   * Run one statement. `params` use the database's own placeholders
   * (`$1` on PostgreSQL, `?` on MySQL and SQLite).
   */
  execute(sql: string, params?: readonly unknown[]): Promise<QueryResult>;
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
