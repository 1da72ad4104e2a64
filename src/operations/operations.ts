import { OperationTracker } from "./operation-tracker.js";
import { RawSql, SqlStatement } from "./sql-template.js";

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
}

/**
 * The `op` object a revision's `upgrade(op)` and `downgrade(op)` receive.
 * Every method returns a promise that must be awaited: a revision whose
 * function returns while an operation is still running fails with an error
 * naming it.
 *
 * @example
 * ```ts
 * export async function upgrade(op: Operations): Promise<void> {
 *   await op.execute("CREATE TABLE users (id integer PRIMARY KEY, email text)");
 *   await op.execute(op.sql`INSERT INTO users (id, email) VALUES (${1}, ${"a@example.com"})`);
 *   const rows = await op.query("SELECT id FROM users");
 * }
 * ```
 */
export class Operations {
  readonly #context: OperationContext;
  readonly #tracker: OperationTracker;

  constructor(context: OperationContext, tracker: OperationTracker) {
    this.#context = context;
    this.#tracker = tracker;
  }

  /** The database kind: `sqlite`, `postgresql` or `mysql`. */
  get dialect(): string {
    return this.#context.dialectName;
  }

  /** `true` when SQL is being written out (`--sql`) rather than run: queries return nothing then. */
  get isOffline(): boolean {
    return this.#context.isOffline;
  }

  /** In a multi-database run, the name of the database being migrated (a key of `databases`). */
  get database(): string | undefined {
    return this.#context.databaseName;
  }

  /**
   * Run one statement. `params` use the database's own placeholders (`$1` on
   * PostgreSQL, `?` on MySQL and SQLite); for portable SQL use `op.sql`.
   * Offline, the statement is written to the script (parameters are not allowed
   * there; `op.sql` values become literals).
   *
   * @example
   * ```ts
   * await op.execute("ALTER TABLE users ADD COLUMN name varchar(100)");
   * ```
   */
  execute(sql: SqlInput, params?: readonly unknown[]): Promise<void> {
    return this.#tracker.track(() => this.#context.execute(sql, params));
  }

  /**
   * Run a query and return its rows, for data migrations. Not available with
   * `--sql` (there is no database to read); check `op.isOffline` first.
   *
   * @example
   * ```ts
   * const users = await op.query<{ id: number }>("SELECT id FROM users");
   * ```
   */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: SqlInput,
    params?: readonly unknown[],
  ): Promise<Row[]> {
    return this.#tracker.track(() => this.#context.query(sql, params)) as Promise<Row[]>;
  }

  /**
   * A portable statement: each `${value}` becomes the database's placeholder
   * (online) or an inline literal (offline). `${op.identifier(name)}` and nested
   * `op.sql` statements are spliced in as SQL.
   *
   * @example
   * ```ts
   * await op.execute(op.sql`UPDATE users SET active = ${true} WHERE id = ${id}`);
   * ```
   */
  sql(strings: TemplateStringsArray, ...values: unknown[]): SqlStatement {
    return new SqlStatement([...strings], values);
  }

  /**
   * A quoted identifier (optionally schema-qualified as `schema.name` given in
   * two arguments) to splice into an `op.sql` statement.
   *
   * @example
   * ```ts
   * await op.execute(op.sql`DELETE FROM ${op.identifier("audit log")}`);
   * ```
   */
  identifier(name: string, schema?: string): RawSql {
    const quoted = this.#context.quoteIdentifier(name);
    return new RawSql(schema ? `${this.#context.quoteIdentifier(schema)}.${quoted}` : quoted);
  }

  /**
   * A value rendered inline as an SQL literal of this database (Alembic's
   * `inline_literal`), for statements that must not bind parameters.
   *
   * @example
   * ```ts
   * await op.execute(op.sql`UPDATE flags SET state = ${op.literal("on")}`);
   * ```
   */
  literal(value: unknown): RawSql {
    return new RawSql(this.#context.literal(value));
  }

  /** SQL text spliced into an `op.sql` statement as it is (never put user input here). */
  raw(text: string): RawSql {
    return new RawSql(text);
  }
}
