import type { ColumnType } from "./model.js";

/** True when `value` looks like a {@link ColumnType}. */
export function isColumnType(value: unknown): value is ColumnType {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { kind?: unknown }).kind === "string" &&
    TYPE_KINDS.has((value as { kind: string }).kind)
  );
}

const TYPE_KINDS: ReadonlySet<string> = new Set([
  "smallint", "integer", "bigint", "numeric", "float", "double", "boolean", "string", "char", "text",
  "date", "time", "timestamp", "interval", "binary", "json", "jsonb", "uuid", "enum", "array", "custom",
]);

/** True for the integer kinds (the only ones that can autoincrement or be an identity). */
export function isIntegerType(type: ColumnType): boolean {
  return type.kind === "smallint" || type.kind === "integer" || type.kind === "bigint";
}
