/**
 * The neutral schema model: plain, readonly data describing tables the way every
 * dialect, operation, reflection and comparison sees them. The DSL (builders)
 * produces it; catalog readers produce it from a live database; autogenerate
 * compares two of them.
 */

import type { NotModelledObject } from "./not-modelled.js";

/** A column type, independent of any database. Each dialect renders it its own way. */
export type ColumnType =
  | { readonly kind: "smallint" }
  | { readonly kind: "integer" }
  | { readonly kind: "bigint" }
  | { readonly kind: "numeric"; readonly precision?: number; readonly scale?: number }
  /** Single precision (`real`); `precision` as in SQL `float(p)`. */
  | { readonly kind: "float"; readonly precision?: number }
  | { readonly kind: "double" }
  | { readonly kind: "boolean" }
  /** `varchar(n)`. */
  | { readonly kind: "string"; readonly length?: number }
  | { readonly kind: "char"; readonly length?: number }
  | { readonly kind: "text" }
  | { readonly kind: "date" }
  | { readonly kind: "time"; readonly withTimezone?: boolean; readonly precision?: number }
  | { readonly kind: "timestamp"; readonly withTimezone?: boolean; readonly precision?: number }
  | { readonly kind: "interval" }
  | { readonly kind: "binary"; readonly length?: number }
  | { readonly kind: "json" }
  | { readonly kind: "jsonb" }
  | { readonly kind: "uuid" }
  /** A PostgreSQL enum type (named), MySQL `ENUM(...)`, text elsewhere. */
  | { readonly kind: "enum"; readonly name: string; readonly values: readonly string[]; readonly schema?: string }
  /** PostgreSQL arrays. */
  | { readonly kind: "array"; readonly of: ColumnType }
  /** Any other type, given as the SQL that names it. */
  | { readonly kind: "custom"; readonly sql: string };

/** A server default: a literal value (quoted by the dialect) or an SQL expression used as written. */
export type ServerDefault =
  | { readonly kind: "literal"; readonly value: string | number | boolean | null }
  | { readonly kind: "sql"; readonly sql: string };

/**
 * A sequence bound: a number, or its decimal text where it lies beyond
 * JavaScript's safe integers (a bigint sequence's `9223372036854775807`).
 */
export type SequenceValue = number | string;

/**
 * The options a sequence takes (a standalone one, or the one behind an
 * identity column); each left out means the database's default.
 */
export interface SequenceOptions {
  readonly start?: SequenceValue;
  readonly increment?: SequenceValue;
  readonly minValue?: SequenceValue;
  readonly maxValue?: SequenceValue;
  readonly cache?: SequenceValue;
  /** Whether the sequence wraps around after its last value (default false). */
  readonly cycle?: boolean;
}

export interface Identity extends SequenceOptions {
  /** `GENERATED ALWAYS` (true) or `BY DEFAULT` (false). */
  readonly always: boolean;
}

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  /** SERIAL / AUTO_INCREMENT / INTEGER PRIMARY KEY AUTOINCREMENT behaviour for an integer key column. */
  readonly autoincrement?: boolean;
  readonly identity?: Identity;
  readonly serverDefault?: ServerDefault;
  readonly comment?: string;
  /** A generated column: `GENERATED ALWAYS AS (sql) STORED|VIRTUAL`. */
  readonly computed?: { readonly sql: string; readonly stored: boolean };
  /** The column's collation (`utf8mb4_bin`, `"C"`, `NOCASE`); none = the table's or the database's default. */
  readonly collation?: string;
  /**
   * MySQL/MariaDB `ON UPDATE <sql>`: the value a row update writes, e.g.
   * `CURRENT_TIMESTAMP` or `CURRENT_TIMESTAMP(3)`. Other databases have no such
   * clause: autogenerate warns, naming the column, and their DDL refuses it.
   */
  readonly onUpdate?: string;
}

export type ForeignKeyAction = "cascade" | "restrict" | "set null" | "set default" | "no action";

export interface PrimaryKey {
  readonly name?: string;
  readonly columns: readonly string[];
}

export interface ForeignKey {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly refSchema?: string;
  readonly refColumns: readonly string[];
  readonly onDelete?: ForeignKeyAction;
  readonly onUpdate?: ForeignKeyAction;
  readonly deferrable?: boolean;
  readonly initially?: "deferred" | "immediate";
  readonly match?: "simple" | "full" | "partial";
}

export interface UniqueConstraint {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly deferrable?: boolean;
  readonly initially?: "deferred" | "immediate";
  /** PostgreSQL 15 `NULLS NOT DISTINCT`: two NULLs count as equal (one row with NULL at most). */
  readonly nullsNotDistinct?: boolean;
}

/** One element of an exclusion constraint: `<expression> [<opclass>] WITH <operator>`. */
export interface ExcludeElement {
  readonly expression: string;
  readonly operator: string;
  /** The operator class, when not the default one of the expression's type for the access method. */
  readonly opclass?: string;
}

/**
 * A PostgreSQL exclusion constraint: no two rows for which every element's
 * operator holds (`EXCLUDE USING gist (room WITH =, during WITH &&)`).
 */
export interface ExcludeConstraint {
  readonly name?: string;
  /**
   * Each element: a column name or an SQL expression, the operator compared
   * with (`=`, `&&`), and an operator class when not the type's default one
   * for the access method (`gist_int4_ops`, `public.my_ops`).
   */
  readonly elements: readonly ExcludeElement[];
  /** The index access method (`gist` by default). */
  readonly using?: string;
  /** Only rows meeting this condition take part. */
  readonly where?: string;
  readonly deferrable?: boolean;
  readonly initially?: "deferred" | "immediate";
}

export interface CheckConstraint {
  readonly name?: string;
  /** The condition, as SQL. */
  readonly sql: string;
}

/**
 * One indexed element: a column name, or an SQL expression. An expression may
 * end in an operator class, a sort order and a NULLS placement, as PostgreSQL
 * writes them (`"email" text_pattern_ops DESC NULLS LAST`).
 */
export type IndexElement = string | { readonly expression: string };

export interface Index {
  readonly name: string;
  readonly columns: readonly IndexElement[];
  readonly unique: boolean;
  /** Partial index condition (PostgreSQL, SQLite). */
  readonly where?: string;
  /** PostgreSQL access method (`btree`, `gin`, ...). */
  readonly using?: string;
  /** PostgreSQL `INCLUDE (...)` columns. */
  readonly include?: readonly string[];
  /** PostgreSQL 15 `NULLS NOT DISTINCT` of a unique index. */
  readonly nullsNotDistinct?: boolean;
  /** PostgreSQL storage parameters: `WITH (fillfactor = 70)`. */
  readonly with?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Options only one database understands, one bag per database keyed by the
 * dialect's name. The neutral model carries them untouched; each dialect reads
 * its own bag (MySQL: `mysql` with `engine`, `charset`, `collate`, `rowFormat`) and ignores
 * the others'.
 *
 * @example
 * ```ts
 * const options: DialectOptions = { mysql: { engine: "InnoDB", charset: "utf8mb4" } };
 * ```
 */
export interface DialectOptions {
  readonly [dialect: string]: Readonly<Record<string, unknown>>;
}

/** The options of a table for particular databases (see {@link DialectOptions}). */
export type TableOptions = DialectOptions;

export interface Table {
  readonly name: string;
  readonly schema?: string;
  readonly columns: readonly Column[];
  readonly primaryKey?: PrimaryKey;
  readonly foreignKeys: readonly ForeignKey[];
  readonly uniques: readonly UniqueConstraint[];
  readonly checks: readonly CheckConstraint[];
  readonly indexes: readonly Index[];
  /** PostgreSQL exclusion constraints. */
  readonly excludes?: readonly ExcludeConstraint[];
  readonly comment?: string;
  /** Options for particular databases, by dialect name (`{ mysql: { engine: "InnoDB" } }`). */
  readonly dialectOptions?: DialectOptions;
  /**
   * PostgreSQL row-level security: `ENABLE ROW LEVEL SECURITY` (and with
   * `force`, `FORCE ROW LEVEL SECURITY`, which holds the table's owner to its
   * policies too). Left out = off.
   */
  readonly rowLevelSecurity?: RowLevelSecurity;
  /** PostgreSQL row-level security policies of the table. */
  readonly policies?: readonly Policy[];
}

/** A table's row-level security flags (PostgreSQL's `relrowsecurity`, `relforcerowsecurity`). */
export interface RowLevelSecurity {
  readonly enabled: boolean;
  /** Also for the table's owner (default false). */
  readonly force?: boolean;
}

/** The commands a policy applies to. */
export type PolicyCommand = "all" | "select" | "insert" | "update" | "delete";

/**
 * A PostgreSQL row-level security policy:
 * `CREATE POLICY name ON table AS PERMISSIVE|RESTRICTIVE FOR command TO roles USING (…) WITH CHECK (…)`.
 */
export interface Policy {
  readonly name: string;
  /** `permissive` (the default) or `restrictive`. */
  readonly as?: "permissive" | "restrictive";
  /** The command it applies to (default `all`). */
  readonly for?: PolicyCommand;
  /** Role names (`public`, `current_user` and the like as keywords); default `public`. */
  readonly to?: readonly string[];
  /** Which existing rows are visible, as SQL. */
  readonly using?: string;
  /** Which new rows are allowed, as SQL. */
  readonly withCheck?: string;
}

/**
 * A standalone PostgreSQL sequence (not the one behind a serial or identity
 * column). `type` is `smallint`, `integer` or `bigint` (PostgreSQL's default).
 */
export interface Sequence extends SequenceOptions {
  readonly name: string;
  readonly schema?: string;
  readonly type?: "smallint" | "integer" | "bigint";
  /** `OWNED BY table.column`: dropped with the column. */
  readonly ownedBy?: { readonly table: string; readonly column: string };
}

/** A PostgreSQL enum type. */
export interface EnumType {
  readonly name: string;
  readonly schema?: string;
  readonly values: readonly string[];
}

/** A whole schema: what a MetaData declares, or what a catalog reader reflects. */
export interface SchemaModel {
  readonly tables: readonly Table[];
  readonly enums: readonly EnumType[];
  /** PostgreSQL standalone sequences; left out = none. */
  readonly sequences?: readonly Sequence[];
  /** Views and materialized views, each after the views it reads; left out = none. */
  readonly views?: readonly View[];
  /**
   * What the schema holds that this model does not carry (triggers, functions,
   * partitions, …): never compared, listed by autogenerate and `check` as
   * `not compared: …`. Left out = none.
   */
  readonly notModelled?: readonly NotModelledObject[];
}

/**
 * A view: a named query. `definition` is the SELECT as SQL; databases keep it
 * rewritten (PostgreSQL's `pg_get_viewdef`, MySQL's qualified names), so
 * autogenerate compares the spelling each database gives a definition, not the
 * text. Options a database lacks are refused by its DDL.
 *
 * @example
 * ```ts
 * const view: View = { name: "active_users", definition: "SELECT id, email FROM users WHERE active" };
 * ```
 */
export interface View {
  readonly name: string;
  readonly schema?: string;
  /** The query, as SQL (`SELECT ...`). */
  readonly definition: string;
  /** A PostgreSQL materialized view: the rows are stored and refreshed on demand. */
  readonly materialized?: boolean;
  /** `WITH [LOCAL|CASCADED] CHECK OPTION` (PostgreSQL, MySQL): writes through the view must satisfy it. */
  readonly checkOption?: "local" | "cascaded";
  /** Permissions are checked as the querying user: PostgreSQL `security_invoker`, MySQL `SQL SECURITY INVOKER`. */
  readonly securityInvoker?: boolean;
  /** PostgreSQL `security_barrier`. */
  readonly securityBarrier?: boolean;
  /** MySQL `ALGORITHM` (`undefined`, `merge`, `temptable`). */
  readonly algorithm?: "undefined" | "merge" | "temptable";
  /** A materialized view created `WITH NO DATA` (filled by its first refresh); used on creation only. */
  readonly withNoData?: boolean;
  /** A PostgreSQL materialized view's tablespace; left out = the database's default. */
  readonly tablespace?: string;
  /** A PostgreSQL materialized view's table access method (`USING heap`); left out = the server's default. */
  readonly using?: string;
  /** A PostgreSQL materialized view's storage parameters: `WITH (fillfactor = 70)`. */
  readonly with?: Readonly<Record<string, string | number | boolean>>;
  /**
   * Declared as managed elsewhere (drizzle's `.existing()`): never created,
   * dropped or compared; autogenerate says it was not compared.
   */
  readonly existing?: boolean;
}
