import type { ColumnType } from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";
import { isStandardType, renderStandardType, withTypeArgument } from "../ddl/standard-types.js";

/**
 * The SQLite spelling of a neutral column type. SQLite keeps the declared name
 * as written and derives only an affinity from it, so each type is spelled so
 * that it reads back as itself (`varchar(20)`, `boolean`, `timestamptz`), except
 * JSON, UUID and enums, which are `text` (text affinity keeps their values as
 * written). Arrays do not exist here.
 *
 * @example
 * ```ts
 * renderSqliteType({ kind: "string", length: 20 }); // varchar(20)
 * renderSqliteType({ kind: "json" });              // text
 * ```
 */
export function renderSqliteType(type: ColumnType): string {
  if (isStandardType(type)) return renderStandardType(type);
  switch (type.kind) {
    case "time":
    case "timestamp":
      // SQLite's type names cannot contain WITH, so the time zone is in the name.
      return withTypeArgument(type.withTimezone ? `${type.kind}tz` : type.kind, type.precision, `${type.kind} precision`);
    case "binary":
      return withTypeArgument("blob", type.length, "binary length");
    case "json":
    case "jsonb":
    case "uuid":
    case "enum":
      return "text";
    case "array":
      throw new AthanorError("SQLite has no array columns", { hint: "store the array as JSON text (type.json()) or in a table of its own" });
    case "custom":
      // An empty custom type is SQLite's column without a declared type.
      return type.sql.trim();
    default: {
      const unknown: never = type;
      throw new AthanorError(`Unknown column type ${JSON.stringify(unknown)}`);
    }
  }
}

const TYPE = /^([a-z_][a-z0-9_ ]*?)\s*(?:\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?$/i;

/**
 * The neutral type of a declared SQLite type name, the inverse of
 * {@link renderSqliteType} (plus the common spellings of hand-written schemas:
 * `INT`, `DATETIME`, `DECIMAL(10,2)`, `NVARCHAR(20)`, `CLOB`...). Anything else is
 * a custom type, as written.
 *
 * @example
 * ```ts
 * parseSqliteType("DECIMAL(10,2)"); // { kind: "numeric", precision: 10, scale: 2 }
 * parseSqliteType("timestamptz");   // { kind: "timestamp", withTimezone: true }
 * ```
 */
export function parseSqliteType(declared: string): ColumnType {
  const text = declared.trim();
  const match = TYPE.exec(text);
  if (match === null) return { kind: "custom", sql: text };
  const base = match[1]!.toLowerCase().replace(/\s+/g, " ");
  const first = match[2] === undefined ? undefined : Number(match[2]);
  const second = match[3] === undefined ? undefined : Number(match[3]);
  const length = first === undefined ? {} : { length: first };
  const precision = first === undefined ? {} : { precision: first };
  if (second !== undefined && base !== "numeric" && base !== "decimal") return { kind: "custom", sql: text };
  switch (base) {
    case "smallint":
      return { kind: "smallint" };
    case "int":
    case "integer":
      return first === undefined ? { kind: "integer" } : { kind: "custom", sql: text };
    case "bigint":
      return { kind: "bigint" };
    case "numeric":
    case "decimal":
      return { kind: "numeric", ...precision, ...(second === undefined ? {} : { scale: second }) };
    case "real":
      return first === undefined ? { kind: "float" } : { kind: "custom", sql: text };
    case "float":
      return { kind: "float", ...precision };
    case "double":
    case "double precision":
      return { kind: "double" };
    case "boolean":
    case "bool":
      return { kind: "boolean" };
    case "varchar":
    case "character varying":
    case "nvarchar":
      return { kind: "string", ...length };
    case "char":
    case "character":
    case "nchar":
      return { kind: "char", ...length };
    case "text":
    case "clob":
      return first === undefined ? { kind: "text" } : { kind: "custom", sql: text };
    case "date":
      return { kind: "date" };
    case "time":
      return { kind: "time", ...precision };
    case "timetz":
      return { kind: "time", withTimezone: true, ...precision };
    case "timestamp":
    case "datetime":
      return { kind: "timestamp", ...precision };
    case "timestamptz":
      return { kind: "timestamp", withTimezone: true, ...precision };
    case "interval":
      return { kind: "interval" };
    case "blob":
      return { kind: "binary", ...length };
    case "json":
      return { kind: "json" };
    case "jsonb":
      return { kind: "jsonb" };
    case "uuid":
      return { kind: "uuid" };
    default:
      return { kind: "custom", sql: text };
  }
}
