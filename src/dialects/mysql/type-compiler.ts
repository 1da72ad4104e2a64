import type { ColumnType } from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";

/**
 * The MySQL/MariaDB spelling of a neutral column type. Booleans are `tinyint(1)`,
 * uuids `char(36)`, timestamps without a time zone `datetime` and with one
 * `timestamp` (stored in UTC, read in the session's zone), json and jsonb `json`
 * (MariaDB keeps it as longtext checked by `json_valid`). Types MySQL lacks
 * (interval, arrays) are an error that names a way out.
 *
 * @example
 * ```ts
 * renderMysqlType({ kind: "string", length: 80 }, (s) => `'${s}'`); // "varchar(80)"
 * ```
 */
export function renderMysqlType(type: ColumnType, literal: (text: string) => string): string {
  switch (type.kind) {
    case "smallint":
      return "smallint";
    case "integer":
      return "int";
    case "bigint":
      return "bigint";
    case "numeric":
      if (type.precision === undefined) {
        if (type.scale !== undefined) throw new AthanorError("A numeric type with a scale needs a precision", { hint: "give precision and scale" });
        return "decimal";
      }
      return type.scale === undefined
        ? `decimal(${whole(type.precision, "numeric precision")})`
        : `decimal(${whole(type.precision, "numeric precision")},${whole(type.scale, "numeric scale")})`;
    case "float":
      return type.precision === undefined ? "float" : `float(${whole(type.precision, "float precision")})`;
    case "double":
      return "double";
    case "boolean":
      return "tinyint(1)";
    case "string":
      if (type.length === undefined) {
        throw new AthanorError("A varchar column needs a length on MySQL", {
          hint: "give the string type a length, e.g. string(255), or use text",
        });
      }
      return `varchar(${whole(type.length, "string length")})`;
    case "char":
      return type.length === undefined ? "char" : `char(${whole(type.length, "char length")})`;
    case "text":
      return "text";
    case "date":
      return "date";
    case "time":
      return type.precision === undefined ? "time" : `time(${whole(type.precision, "time precision")})`;
    case "timestamp": {
      const name = type.withTimezone ? "timestamp" : "datetime";
      return type.precision === undefined ? name : `${name}(${whole(type.precision, "timestamp precision")})`;
    }
    case "interval":
      throw new AthanorError("MySQL has no interval type", {
        hint: "store the duration in a bigint (e.g. microseconds) or a time column, or give a custom type",
      });
    case "binary":
      return type.length === undefined ? "blob" : `varbinary(${whole(type.length, "binary length")})`;
    case "json":
    case "jsonb":
      return "json";
    case "uuid":
      return "char(36)";
    case "enum":
      if (type.values.length === 0) throw new AthanorError(`Enum ${JSON.stringify(type.name)} has no values`, { hint: "give at least one value" });
      return `enum(${type.values.map((value) => literal(value)).join(",")})`;
    case "array":
      throw new AthanorError("MySQL has no array types", { hint: "store the list as json, or in a separate table" });
    case "custom":
      if (!type.sql.trim()) throw new AthanorError("A custom column type needs its SQL text");
      return type.sql;
    default: {
      const unknown: never = type;
      throw new AthanorError(`Unknown column type ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
    }
  }
}

function whole(value: number, what: string): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new AthanorError(`The ${what} must be a non-negative integer, got ${String(value)}`);
  return String(value);
}

/** Whether a column of this type can carry AUTO_INCREMENT. */
export function canAutoIncrement(type: ColumnType): boolean {
  if (type.kind === "smallint" || type.kind === "integer" || type.kind === "bigint") return true;
  return type.kind === "custom" && /^\s*(tiny|small|medium|big)?int(eger)?\b/i.test(type.sql);
}
