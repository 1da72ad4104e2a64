import type { ColumnType } from "../../schema/model.js";
import type { DrizzleColumn } from "./drizzle-shapes.js";
import type { DrizzleFlavor, MappedColumnType } from "./flavor.js";
import { loadCore, type DrizzleCasing } from "./render-sql.js";

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

const NEUTRAL_INTEGERS: Readonly<Record<string, ColumnType>> = {
  smallint: { kind: "smallint" },
  int: { kind: "integer" },
  bigint: { kind: "bigint" },
};

/** The neutral type of a mysql-core column. Unsigned and MySQL-only integers stay as MySQL spells them. */
export function mysqlColumnType(column: DrizzleColumn): MappedColumnType {
  const sqlType = column.getSQLType().trim().toLowerCase();
  const custom: ColumnType = { kind: "custom", sql: sqlType };
  const autoincrement = column["autoIncrement"] === true ? { autoincrement: true } : {};
  switch (column.columnType) {
    case "MySqlSerial":
      // SERIAL = BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE.
      return { type: { kind: "custom", sql: "bigint unsigned" }, autoincrement: true, notNull: true, impliedUnique: true };
    case "MySqlInt":
    case "MySqlSmallInt":
    case "MySqlBigInt53":
    case "MySqlBigInt64":
    case "MySqlBigIntString":
    case "MySqlTinyInt":
    case "MySqlMediumInt":
      return { type: NEUTRAL_INTEGERS[sqlType] ?? custom, ...autoincrement };
    case "MySqlDecimal":
    case "MySqlDecimalNumber":
    case "MySqlDecimalBigInt": {
      if (sqlType.includes("unsigned")) return { type: custom };
      // MySQL reads `decimal` as `decimal(10,0)`.
      const precision = num(column["precision"]) ?? 10;
      return { type: { kind: "numeric", precision, scale: num(column["scale"]) ?? 0 } };
    }
    case "MySqlReal":
    case "MySqlDouble":
      // REAL is DOUBLE on MySQL; with (precision, scale) it stays as written.
      return { type: sqlType === "real" || sqlType === "double" ? { kind: "double" } : { kind: "custom", sql: sqlType.replace(/^real/, "double") } };
    case "MySqlFloat":
      return { type: sqlType === "float" ? { kind: "float" } : custom };
    case "MySqlBoolean":
      return { type: { kind: "boolean" } };
    case "MySqlText":
      return { type: sqlType === "text" ? { kind: "text" } : custom };
    case "MySqlVarChar": {
      const length = num(column["length"]);
      return { type: length === undefined ? custom : { kind: "string", length } };
    }
    case "MySqlChar":
      return { type: { kind: "char", length: num(column["length"]) ?? 1 } };
    case "MySqlDate":
    case "MySqlDateString":
      return { type: { kind: "date" } };
    case "MySqlTime":
      return { type: { kind: "time", ...fsp(column) } };
    case "MySqlTimestamp":
    case "MySqlTimestampString":
      return { type: { kind: "timestamp", withTimezone: true, ...fsp(column) } };
    case "MySqlDateTime":
    case "MySqlDateTimeString":
      return { type: { kind: "timestamp", ...fsp(column) } };
    case "MySqlJson":
      return { type: { kind: "json" } };
    case "MySqlVarBinary": {
      const length = num(column["length"]);
      return { type: length === undefined ? custom : { kind: "binary", length } };
    }
    case "MySqlEnumColumn":
    case "MySqlEnumObjectColumn":
      // MySQL enums belong to their column: the type is named after it.
      return { type: { kind: "enum", name: column.name, values: [...(column.enumValues ?? [])] } };
    default:
      // binary(n), year, customType(...), and any newer type.
      return { type: custom, ...autoincrement };
  }
}

function fsp(column: DrizzleColumn): { precision?: number } {
  const value = num(column["fsp"]);
  return value === undefined || value === 0 ? {} : { precision: value };
}

/** mysql-core. */
export function mysqlFlavor(casing: DrizzleCasing | undefined): DrizzleFlavor {
  return {
    ...loadCore("drizzle-orm/mysql-core", "MySqlDialect", casing),
    dialect: "mysql",
    tableKind: "MySqlTable",
    primaryKeyImpliesNotNull: true,
    columnType: mysqlColumnType,
  };
}
