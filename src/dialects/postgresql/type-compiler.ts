import type { ColumnType } from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";
import { isStandardType, renderStandardType, withTypeArgument } from "../ddl/standard-types.js";

type Quote = (name: string, schema?: string | null) => string;

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
  if (isStandardType(type)) return renderStandardType(type);
  switch (type.kind) {
    case "json":
    case "jsonb":
    case "uuid":
      return type.kind;
    case "time":
    case "timestamp": {
      const base = withTypeArgument(type.kind, type.precision, `${type.kind} precision`);
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
