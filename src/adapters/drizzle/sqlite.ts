import type { ColumnType } from "../../schema/model.js";
import type { DrizzleColumn } from "./drizzle-shapes.js";
import type { DrizzleFlavor, MappedColumnType } from "./flavor.js";
import { loadCore, type DrizzleCasing } from "./render-sql.js";

/**
 * The neutral type of a sqlite-core column. SQLite keeps a column's declared
 * type as written, so each maps to the neutral type that is written the same
 * way: boolean and timestamp modes are `integer` columns, json mode is `text`,
 * `text(n)` stays `text(n)`.
 */
export function sqliteColumnType(column: DrizzleColumn): MappedColumnType {
  const sqlType = column.getSQLType().trim();
  const autoincrement = column["autoIncrement"] === true ? { autoincrement: true } : {};
  switch (column.columnType) {
    case "SQLiteInteger":
    case "SQLiteBoolean":
    case "SQLiteTimestamp":
      return { type: { kind: "integer" }, ...autoincrement };
    case "SQLiteReal":
      return { type: { kind: "float" } };
    case "SQLiteText":
    case "SQLiteTextJson":
      return { type: sqlType.toLowerCase() === "text" ? { kind: "text" } : { kind: "custom", sql: sqlType } };
    case "SQLiteBlobBuffer":
    case "SQLiteBlobJson":
    case "SQLiteBigInt":
      return { type: { kind: "binary" } };
    case "SQLiteNumeric":
    case "SQLiteNumericNumber":
    case "SQLiteNumericBigInt":
      return { type: { kind: "numeric" } };
    default:
      return { type: { kind: "custom", sql: sqlType } as ColumnType };
  }
}

/** sqlite-core. */
export function sqliteFlavor(casing: DrizzleCasing | undefined): DrizzleFlavor {
  return {
    ...loadCore("drizzle-orm/sqlite-core", "SQLiteSyncDialect", casing),
    dialect: "sqlite",
    tableKind: "SQLiteTable",
    primaryKeyImpliesNotNull: false,
    columnType: sqliteColumnType,
  };
}
