/**
 * The neutral schema model: plain, readonly data describing tables the way every
 * dialect, operation, reflection and comparison sees them. The DSL (builders)
 * produces it; catalog readers produce it from a live database; autogenerate
 * compares two of them.
 */

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

export interface Identity {
  /** `GENERATED ALWAYS` (true) or `BY DEFAULT` (false). */
  readonly always: boolean;
  readonly start?: number;
  readonly increment?: number;
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
  readonly collation?: string;
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
}

export interface CheckConstraint {
  readonly name?: string;
  /** The condition, as SQL. */
  readonly sql: string;
}

/** One indexed element: a column name, or an SQL expression. */
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
}

/**
 * Options only one database understands, one bag per database keyed by the
 * dialect's name. The neutral model carries them untouched; each dialect reads
 * its own bag (MySQL: `mysql` with `engine`, `charset`, `collate`) and ignores
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
  readonly comment?: string;
  /** Options for particular databases, by dialect name (`{ mysql: { engine: "InnoDB" } }`). */
  readonly dialectOptions?: DialectOptions;
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
}
