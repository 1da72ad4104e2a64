import type { ColumnType } from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";

/** The column type kinds whose SQL-standard spelling a database may take as it is. */
export type StandardTypeKind = "smallint" | "integer" | "bigint" | "boolean" | "text" | "date" | "interval" | "numeric" | "float" | "double" | "string" | "char";

/** A column type of one of the standard kinds. */
export type StandardType = Extract<ColumnType, { readonly kind: StandardTypeKind }>;

const STANDARD_KINDS: ReadonlySet<ColumnType["kind"]> = new Set<StandardTypeKind>([
  "smallint",
  "integer",
  "bigint",
  "boolean",
  "text",
  "date",
  "interval",
  "numeric",
  "float",
  "double",
  "string",
  "char",
]);

/** Whether a type is one {@link renderStandardType} spells. */
export function isStandardType(type: ColumnType): type is StandardType {
  return STANDARD_KINDS.has(type.kind);
}

/** A length, precision or scale of a type: a non-negative integer, or absent. */
export function typeArgument(value: number | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0) throw new AthanorError(`A ${what} must be a non-negative integer, got ${String(value)}`);
  return value;
}

/** `name(n)`, or `name` when the argument is absent. */
export function withTypeArgument(name: string, value: number | undefined, what: string): string {
  const n = typeArgument(value, what);
  return n === undefined ? name : `${name}(${n})`;
}

/**
 * The SQL-standard spelling of a type (`integer`, `numeric(10, 2)`,
 * `varchar(255)`, `double precision`, ...), for databases that read it as
 * written (PostgreSQL, SQLite).
 *
 * @example
 * ```ts
 * renderStandardType({ kind: "numeric", precision: 10, scale: 2 }); // numeric(10, 2)
 * renderStandardType({ kind: "float" });                            // real
 * ```
 */
export function renderStandardType(type: StandardType): string {
  switch (type.kind) {
    case "smallint":
    case "integer":
    case "bigint":
    case "boolean":
    case "text":
    case "date":
    case "interval":
      return type.kind;
    case "numeric": {
      const precision = typeArgument(type.precision, "numeric precision");
      const scale = typeArgument(type.scale, "numeric scale");
      if (precision === undefined) {
        if (scale !== undefined) throw new AthanorError("A numeric scale needs a precision", { hint: "give numeric(precision, scale)" });
        return "numeric";
      }
      return scale === undefined ? `numeric(${precision})` : `numeric(${precision}, ${scale})`;
    }
    case "float":
      return type.precision === undefined ? "real" : withTypeArgument("float", type.precision, "float precision");
    case "double":
      return "double precision";
    case "string":
      return withTypeArgument("varchar", type.length, "string length");
    case "char":
      return withTypeArgument("char", type.length, "char length");
    default: {
      const unknown: never = type;
      throw new AthanorError(`Unknown column type ${JSON.stringify(unknown)}`);
    }
  }
}
