import type { ColumnType } from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";

type Quote = (name: string, schema?: string | null) => string;

function positive(value: number | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0) {
    throw new AthanorError(`A ${what} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

function withPrecision(base: string, precision: number | undefined): string {
  const p = positive(precision, `${base} precision`);
  return p === undefined ? base : `${base}(${p})`;
}

/**
 * The PostgreSQL spelling of a neutral column type. Enum types are named types
 * (quoted, schema-qualified when a schema is given); arrays add `[]`.
 *
 * @example
 * ```ts
 * renderPostgresqlType({ kind: "string", length: 255 }, quote); // varchar(255)
 * renderPostgresqlType({ kind: "array", of: { kind: "integer" } }, quote); // integer[]
 * ```
 */
export function renderPostgresqlType(type: ColumnType, quoteTable: Quote): string {
  switch (type.kind) {
    case "smallint":
    case "integer":
    case "bigint":
    case "boolean":
    case "text":
    case "date":
    case "interval":
    case "json":
    case "jsonb":
    case "uuid":
      return type.kind;
    case "numeric": {
      const precision = positive(type.precision, "numeric precision");
      const scale = positive(type.scale, "numeric scale");
      if (precision === undefined) {
        if (scale !== undefined) throw new AthanorError("A numeric scale needs a precision", { hint: "give numeric(precision, scale)" });
        return "numeric";
      }
      return scale === undefined ? `numeric(${precision})` : `numeric(${precision}, ${scale})`;
    }
    case "float":
      return type.precision === undefined ? "real" : withPrecision("float", type.precision);
    case "double":
      return "double precision";
    case "string":
      return withPrecision("varchar", type.length);
    case "char":
      return withPrecision("char", type.length);
    case "time":
    case "timestamp": {
      const base = withPrecision(type.kind, type.precision);
      return type.withTimezone ? `${base} with time zone` : base;
    }
    case "binary":
      // bytea has no length; a length is a constraint the model may carry for other databases.
      return "bytea";
    case "enum":
      return quoteTable(type.name, type.schema);
    case "array":
      return `${renderPostgresqlType(type.of, quoteTable)}[]`;
    case "custom":
      if (!type.sql.trim()) throw new AthanorError("A custom column type needs its SQL text");
      return type.sql;
    default: {
      const unknown: never = type;
      throw new AthanorError(`Unknown column type ${JSON.stringify(unknown)}`);
    }
  }
}

/** The serial pseudo-type for an auto-incrementing integer column, or undefined when the type has none. */
export function serialType(type: ColumnType): string | undefined {
  switch (type.kind) {
    case "smallint":
      return "smallserial";
    case "integer":
      return "serial";
    case "bigint":
      return "bigserial";
    default:
      return undefined;
  }
}
