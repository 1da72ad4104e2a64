import type { ColumnType } from "../../schema/model.js";
import type { DrizzleColumn } from "./drizzle-shapes.js";
import type { DrizzleFlavor, MappedColumnType } from "./flavor.js";
import { loadCore, type DrizzleCasing } from "./render-sql.js";

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function withPrecision<T extends object>(base: T, precision: unknown): T {
  const p = num(precision);
  return p === undefined ? base : { ...base, precision: p };
}

/** The neutral type of a pg-core column: the nearest one, else the column's own SQL type. */
export function pgColumnType(column: DrizzleColumn): MappedColumnType {
  switch (column.columnType) {
    case "PgSerial":
      return { type: { kind: "integer" }, autoincrement: true, notNull: true };
    case "PgSmallSerial":
      return { type: { kind: "smallint" }, autoincrement: true, notNull: true };
    case "PgBigSerial53":
    case "PgBigSerial64":
      return { type: { kind: "bigint" }, autoincrement: true, notNull: true };
    default:
      return { type: pgType(column) };
  }
}

function pgType(column: DrizzleColumn): ColumnType {
  const custom: ColumnType = { kind: "custom", sql: column.getSQLType() };
  switch (column.columnType) {
    case "PgInteger":
      return { kind: "integer" };
    case "PgSmallInt":
      return { kind: "smallint" };
    case "PgBigInt53":
    case "PgBigInt64":
    case "PgBigIntString":
      return { kind: "bigint" };
    case "PgNumeric":
    case "PgNumericNumber":
    case "PgNumericBigInt": {
      const precision = num(column["precision"]);
      const scale = num(column["scale"]);
      return { kind: "numeric", ...(precision !== undefined ? { precision } : {}), ...(precision !== undefined && scale !== undefined ? { scale } : {}) };
    }
    case "PgReal":
      return { kind: "float" };
    case "PgDoublePrecision":
      return { kind: "double" };
    case "PgBoolean":
      return { kind: "boolean" };
    case "PgText":
      return { kind: "text" };
    case "PgVarchar": {
      const length = num(column["length"]);
      return length === undefined ? { kind: "string" } : { kind: "string", length };
    }
    case "PgChar":
      // PostgreSQL reads `char` as `char(1)`.
      return { kind: "char", length: num(column["length"]) ?? 1 };
    case "PgDate":
    case "PgDateString":
      return { kind: "date" };
    case "PgTime":
      return withPrecision({ kind: "time", ...(column["withTimezone"] === true ? { withTimezone: true } : {}) }, column["precision"]) as ColumnType;
    case "PgTimestamp":
    case "PgTimestampString":
      return withPrecision({ kind: "timestamp", ...(column["withTimezone"] === true ? { withTimezone: true } : {}) }, column["precision"]) as ColumnType;
    case "PgInterval":
      return column["fields"] === undefined && column["precision"] === undefined ? { kind: "interval" } : custom;
    case "PgJson":
      return { kind: "json" };
    case "PgJsonb":
      return { kind: "jsonb" };
    case "PgUUID":
      return { kind: "uuid" };
    case "PgEnumColumn":
    case "PgEnumObjectColumn": {
      const declared = column["enum"] as { enumName: string; enumValues: readonly string[]; schema?: string } | undefined;
      if (declared === undefined) return custom;
      return {
        kind: "enum",
        name: declared.enumName,
        values: [...declared.enumValues],
        ...(declared.schema !== undefined ? { schema: declared.schema } : {}),
      };
    }
    case "PgArray": {
      const base = column["baseColumn"] as DrizzleColumn | undefined;
      if (base === undefined) return custom;
      const of = pgColumnType(base);
      if (of.autoincrement) return custom;
      // PostgreSQL arrays have no fixed number of dimensions: integer[][] is integer[].
      return of.type.kind === "array" ? of.type : { kind: "array", of: of.type };
    }
    default:
      // inet, cidr, macaddr, point, line, geometry, vector, bit, customType(...), and any newer type.
      return custom;
  }
}

/** pg-core. */
export function postgresqlFlavor(casing: DrizzleCasing | undefined): DrizzleFlavor {
  return {
    ...loadCore("drizzle-orm/pg-core", "PgDialect", casing),
    dialect: "postgresql",
    tableKind: "PgTable",
    primaryKeyImpliesNotNull: true,
    columnType: pgColumnType,
  };
}
