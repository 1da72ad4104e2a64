import type { AnyOperation } from "../operation.js";

/**
 * What a custom operation's SQL function may use of the database it runs on.
 * Quote every identifier with it: names are never spliced in raw.
 */
export interface CustomSqlContext {
  /** The database kind: `sqlite`, `postgresql` or `mysql`. */
  readonly dialect: string;
  /** `true` when the SQL is written out (`--sql`) rather than run. */
  readonly isOffline: boolean;
  /** A name quoted as this database quotes identifiers. */
  quoteIdentifier(name: string): string;
  /** A table (or view) name, schema-qualified when `schema` is given, quoted. */
  quoteTable(name: string, schema?: string | null): string;
  /** A value as an SQL literal of this database. */
  literal(value: unknown): string;
}

/** The SQL of one custom operation on one database: one statement or several. */
export type CustomSql<Data> = (data: Data, db: CustomSqlContext) => string | readonly string[];

/**
 * The SQL of a custom operation: one function for every database, or one per
 * database name (`postgresql`, `mysql`, `sqlite`) with an optional `default` for
 * the others.
 */
export type CustomSqlDefinition<Data> =
  | CustomSql<Data>
  | { readonly default?: CustomSql<Data>; readonly [dialect: string]: CustomSql<Data> | undefined };

/** What a custom operation's `render` may use. */
export interface CustomRenderContext {
  /** The name of the operations object in the code, usually `op`. */
  readonly op: string;
  /** A value (string, number, boolean, null, arrays, plain objects) as TypeScript code. */
  literal(value: unknown): string;
  /** Import lines the revision file needs; add yours when the code uses more than `op`. */
  readonly imports: Set<string>;
  /** The database the revision is generated against, when known. */
  readonly dialect: string | undefined;
}

/**
 * The definition of a custom operation, given to `registerOperation`.
 * `Args` are the arguments of its `op` method; `Data` is what the operation
 * keeps of them.
 */
export interface CustomOperationDefinition<Args extends readonly unknown[], Data> {
  /** The operation's name, unique among operations (`createReportView`). */
  readonly name: string;
  /** The `op` method that runs it; default `name`. */
  readonly method?: string;
  /** The operation's data from the method's arguments (check them here: throwing stops the revision with your error). */
  readonly build: (...args: Args) => Data;
  /** The operation that undoes it (for autogenerate's downgrade): an operation (plain data, such as another registered operation's `create(...)`). Without it the operation is irreversible. */
  readonly reverse?: (data: Data) => AnyOperation;
  /** Its SQL per database. */
  readonly sql: CustomSqlDefinition<Data>;
  /**
   * Its code in a generated revision, without `await` and `;`, e.g.
   * `` `${code.op}.createReportView(${code.literal(data.name)}, ${code.literal(data.select)})` ``.
   * Default: `op.invoke({ kind: "custom", name, data })`.
   */
  readonly render?: (data: Data, code: CustomRenderContext) => string;
  /** One line for `check` and `describeDiff` (`create view active_users`); default the name and the data as JSON. */
  readonly describe?: (data: Data) => string;
}

/** A definition as the registry keeps it (types erased). */
export interface StoredCustomDefinition {
  readonly name: string;
  readonly method: string;
  readonly build: (...args: readonly unknown[]) => unknown;
  readonly reverse?: (data: unknown) => AnyOperation;
  readonly sql: CustomSqlDefinition<unknown>;
  readonly render?: (data: unknown, code: CustomRenderContext) => string;
  readonly describe?: (data: unknown) => string;
}
