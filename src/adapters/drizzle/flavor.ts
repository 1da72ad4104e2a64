import type { ColumnType } from "../../schema/model.js";
import type { DrizzleColumn, DrizzleTableConfig } from "./drizzle-shapes.js";

/** The databases drizzle-orm declares tables for, by athanor's dialect names. */
export type DrizzleDialectName = "postgresql" | "mysql" | "sqlite";

/** How a drizzle column maps onto a neutral column, beyond its name and nullability. */
export interface MappedColumnType {
  readonly type: ColumnType;
  /** SERIAL-like pseudo-types and AUTO_INCREMENT. */
  readonly autoincrement?: boolean;
  /** Pseudo-types that imply NOT NULL (serial). */
  readonly notNull?: boolean;
  /** MySQL `serial` carries a unique key of its own, named after the column. */
  readonly impliedUnique?: boolean;
}

/** One drizzle dialect (pg-core, mysql-core, sqlite-core) as the adapter sees it. */
export interface DrizzleFlavor {
  readonly dialect: DrizzleDialectName;
  /** Entity kind of this dialect's tables (`PgTable`, ...). */
  readonly tableKind: string;
  getTableConfig(table: object): DrizzleTableConfig;
  /** An SQL fragment as text: column references unqualified, parameters inlined as literals. */
  sql(fragment: unknown): string;
  /** The column's name in the database (after the `casing` option). */
  columnName(column: DrizzleColumn): string;
  columnType(column: DrizzleColumn): MappedColumnType;
  /** A view's configuration as drizzle keeps it (name, schema, query, options). */
  viewConfig(view: object): Readonly<Record<string, unknown>>;
  /** A whole query (a view's) as this dialect writes it, parameters inlined. */
  query(sql: unknown): string;
  /** Whether primary key columns are NOT NULL whatever they declare. */
  readonly primaryKeyImpliesNotNull: boolean;
}
