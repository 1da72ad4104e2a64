/**
 * What the adapter does with each export of drizzle-orm's `pg-core`,
 * `mysql-core` and `sqlite-core`. A test walks the installed drizzle-orm and
 * fails on an export listed nowhere here, so a new drizzle release cannot add a
 * schema builder the adapter passes over in silence.
 */
import type { ColumnType } from "../../schema/model.js";
import type { DrizzleDialectName } from "./flavor.js";

/**
 * - `mapped`: read into the model (tables, keys, indexes, checks, enums, …).
 * - `reported`: read and listed by `check` and autogenerate as `not compared: …`.
 * - `not schema`: declares no schema object (queries, sessions, helpers).
 */
export type DrizzleExportCoverage = "mapped" | "reported" | "not schema";

/** A column builder function and the model type its column maps to (`custom`: the SQL type as drizzle writes it). */
export interface DrizzleColumnCoverage {
  readonly kind: ColumnType["kind"];
  /** The builder's second argument, where it needs one (`{ dimensions: 3 }`, a mode). */
  readonly config?: Readonly<Record<string, unknown>>;
}

/** One drizzle core module. */
export interface DrizzleModuleCoverage {
  /** `drizzle-orm/pg-core`, … */
  readonly module: string;
  /** Every export that is not a column type, by name. */
  readonly exports: Readonly<Record<string, DrizzleExportCoverage>>;
  /**
   * Every column builder function, by name: what it maps to; `name:mode` keys
   * call it with that config too (`{ object: true }`: an enum of an object,
   * `{ array: true }`: `.array()` of it).
   */
  readonly columns: Readonly<Record<string, DrizzleColumnCoverage>>;
  /** Entity kinds of the column classes no builder above yields (abstract bases, index elements). */
  readonly baseColumnKinds: readonly string[];
}

function list(names: string, coverage: DrizzleExportCoverage): Record<string, DrizzleExportCoverage> {
  return Object.fromEntries(names.split(/\s+/).filter(Boolean).map((name) => [name, coverage]));
}

const col = (kind: ColumnType["kind"], config?: Readonly<Record<string, unknown>>): DrizzleColumnCoverage => (config === undefined ? { kind } : { kind, config });

/** The adapter's coverage of each drizzle core module. */
export const drizzleCoverage: Readonly<Record<DrizzleDialectName, DrizzleModuleCoverage>> = {
  postgresql: {
    module: "drizzle-orm/pg-core",
    exports: {
      ...list(
        `Check CheckBuilder ExtraConfigColumn ForeignKey ForeignKeyBuilder Index IndexBuilder IndexBuilderOn IndexedColumn InlineForeignKeys
         PgSchema PgTable PrimaryKey PrimaryKeyBuilder UniqueConstraint UniqueConstraintBuilder UniqueOnConstraintBuilder
         check foreignKey index pgEnum pgEnumObjectWithSchema pgEnumWithSchema pgSchema pgTable pgTableCreator pgTableWithSchema primaryKey unique uniqueIndex`,
        "mapped",
      ),
      ...list(`EnableRLS PgPolicy pgPolicy PgSequence pgSequence pgSequenceWithSchema`, "mapped"),
      ...list(`PgRole pgRole`, "reported"),
      // an .existing() view is carried (never dropped) and reported as not compared
      ...list(
        `PgView pgView pgViewWithSchema PgMaterializedView pgMaterializedView pgMaterializedViewWithSchema PgViewConfig PgMaterializedViewConfig
         ViewBuilder ManualViewBuilder MaterializedViewBuilder ManualMaterializedViewBuilder DefaultViewBuilderCore MaterializedViewBuilderCore`,
        "mapped",
      ),
      ...list(
        `PgDatabase PgDeleteBase PgDialect PgInsertBase PgInsertBuilder PgPreparedQuery PgRefreshMaterializedView PgSelectBase PgSelectBuilder
         PgSelectQueryBuilderBase PgSession PgTransaction PgUpdateBase PgUpdateBuilder QueryBuilder alias except exceptAll intersect intersectAll
         union unionAll extractUsedTable getMaterializedViewConfig getTableConfig getViewConfig isPgEnum isPgMaterializedView isPgSchema
         isPgSequence isPgView makePgArray parsePgArray parsePgNestedArray uniqueKeyName withReplicas`,
        "not schema",
      ),
    },
    columns: {
      bigint: col("bigint", { mode: "number" }),
      "bigint:bigint": col("bigint", { mode: "bigint" }),
      "bigint:string": col("bigint", { mode: "string" }),
      bigserial: col("bigint", { mode: "number" }),
      "bigserial:bigint": col("bigint", { mode: "bigint" }),
      bit: col("custom", { dimensions: 3 }),
      boolean: col("boolean"),
      char: col("char"),
      cidr: col("custom"),
      customType: col("custom"),
      date: col("date"),
      "date:date": col("date", { mode: "date" }),
      decimal: col("numeric"),
      "decimal:number": col("numeric", { mode: "number" }),
      "decimal:bigint": col("numeric", { mode: "bigint" }),
      doublePrecision: col("double"),
      geometry: col("custom"),
      "geometry:xy": col("custom", { mode: "xy" }),
      halfvec: col("custom", { dimensions: 3 }),
      inet: col("custom"),
      integer: col("integer"),
      interval: col("interval"),
      json: col("json"),
      jsonb: col("jsonb"),
      line: col("custom"),
      "line:abc": col("custom", { mode: "abc" }),
      macaddr: col("custom"),
      macaddr8: col("custom"),
      numeric: col("numeric"),
      point: col("custom"),
      "point:xy": col("custom", { mode: "xy" }),
      real: col("float"),
      serial: col("integer"),
      smallint: col("smallint"),
      smallserial: col("smallint"),
      sparsevec: col("custom", { dimensions: 3 }),
      text: col("text"),
      time: col("time"),
      timestamp: col("timestamp"),
      "timestamp:string": col("timestamp", { mode: "string" }),
      uuid: col("uuid"),
      varchar: col("string"),
      vector: col("custom", { dimensions: 3 }),
      pgEnum: col("enum"),
      "pgEnum:object": col("enum", { object: true }),
      "integer:array": col("array", { array: true }),
    },
    baseColumnKinds: ["PgColumn", "ExtraConfigColumn", "PgColumnBuilder", "PgIntColumnBaseBuilder"],
  },
  mysql: {
    module: "drizzle-orm/mysql-core",
    exports: {
      ...list(
        `Check CheckBuilder ForeignKey ForeignKeyBuilder Index IndexBuilder IndexBuilderOn InlineForeignKeys MySqlSchema MySqlTable
         PrimaryKey PrimaryKeyBuilder UniqueConstraint UniqueConstraintBuilder UniqueOnConstraintBuilder
         check foreignKey index mysqlDatabase mysqlSchema mysqlTable mysqlTableCreator mysqlTableWithSchema primaryKey unique uniqueIndex`,
        "mapped",
      ),
      ...list(`MySqlView mysqlView mysqlViewWithSchema MySqlViewConfig ViewBuilder ViewBuilderCore ManualViewBuilder`, "mapped"),
      ...list(
        `MySqlDatabase MySqlDeleteBase MySqlDialect MySqlInsertBase MySqlInsertBuilder MySqlPreparedQuery MySqlSelectBase MySqlSelectBuilder
         MySqlSelectQueryBuilderBase MySqlSession MySqlTransaction MySqlUpdateBase MySqlUpdateBuilder QueryBuilder alias convertIndexToString
         except exceptAll extractUsedTable getTableConfig getViewConfig intersect intersectAll isMySqlSchema toArray union unionAll
         uniqueKeyName withReplicas`,
        "not schema",
      ),
    },
    columns: {
      bigint: col("bigint", { mode: "number" }),
      "bigint:bigint": col("bigint", { mode: "bigint" }),
      binary: col("custom"),
      boolean: col("boolean"),
      char: col("char"),
      customType: col("custom"),
      date: col("date"),
      "date:string": col("date", { mode: "string" }),
      datetime: col("timestamp"),
      "datetime:string": col("timestamp", { mode: "string" }),
      decimal: col("numeric"),
      "decimal:number": col("numeric", { mode: "number" }),
      "decimal:bigint": col("numeric", { mode: "bigint" }),
      double: col("double"),
      float: col("float"),
      int: col("integer"),
      json: col("json"),
      longtext: col("custom"),
      mediumint: col("custom"),
      mediumtext: col("custom"),
      mysqlEnum: col("enum"),
      "mysqlEnum:object": col("enum", { object: true }),
      real: col("double"),
      serial: col("custom"),
      smallint: col("smallint"),
      text: col("text"),
      time: col("time"),
      timestamp: col("timestamp"),
      "timestamp:string": col("timestamp", { mode: "string" }),
      tinyint: col("custom"),
      tinytext: col("custom"),
      varbinary: col("binary", { length: 16 }),
      varchar: col("string", { length: 20 }),
      year: col("custom"),
    },
    baseColumnKinds: ["MySqlColumn", "MySqlColumnBuilder", "MySqlColumnBuilderWithAutoIncrement", "MySqlColumnWithAutoIncrement"],
  },
  sqlite: {
    module: "drizzle-orm/sqlite-core",
    exports: {
      ...list(
        `Check CheckBuilder ForeignKey ForeignKeyBuilder Index IndexBuilder IndexBuilderOn InlineForeignKeys PrimaryKey PrimaryKeyBuilder SQLiteTable
         UniqueConstraint UniqueConstraintBuilder UniqueOnConstraintBuilder check foreignKey index primaryKey sqliteTable sqliteTableCreator unique uniqueIndex`,
        "mapped",
      ),
      ...list(`SQLiteView sqliteView view ViewBuilder ViewBuilderCore ManualViewBuilder`, "mapped"),
      ...list(
        `BaseSQLiteDatabase ExecuteResultSync QueryBuilder SQLiteAsyncDialect SQLiteDeleteBase SQLiteDialect SQLiteInsertBase SQLiteInsertBuilder
         SQLitePreparedQuery SQLiteSelectBase SQLiteSelectBuilder SQLiteSelectQueryBuilderBase SQLiteSession SQLiteSyncDialect SQLiteTransaction
         SQLiteUpdateBase SQLiteUpdateBuilder alias except extractUsedTable getTableConfig getViewConfig intersect union unionAll uniqueKeyName withReplicas`,
        "not schema",
      ),
    },
    columns: {
      blob: col("binary"),
      "blob:json": col("binary", { mode: "json" }),
      "blob:bigint": col("binary", { mode: "bigint" }),
      customType: col("custom"),
      int: col("integer"),
      integer: col("integer"),
      "integer:boolean": col("integer", { mode: "boolean" }),
      "integer:timestamp": col("integer", { mode: "timestamp" }),
      numeric: col("numeric"),
      "numeric:number": col("numeric", { mode: "number" }),
      "numeric:bigint": col("numeric", { mode: "bigint" }),
      real: col("float"),
      text: col("text"),
      "text:json": col("text", { mode: "json" }),
    },
    baseColumnKinds: ["SQLiteColumn", "SQLiteColumnBuilder", "SQLiteBaseInteger", "SQLiteBaseIntegerBuilder"],
  },
};
