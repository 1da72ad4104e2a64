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

/**
 * True for the integer kinds (the only ones that can autoincrement or be an
 * identity), and for a custom type naming an integer type (MySQL's
 * `bigint unsigned`, `tinyint`, `mediumint`).
 */
export function isIntegerType(type: ColumnType): boolean {
  if (type.kind === "custom") return CUSTOM_INTEGER.test(type.sql.trim());
  return type.kind === "smallint" || type.kind === "integer" || type.kind === "bigint";
}

const CUSTOM_INTEGER = /^(tiny|small|medium|big)?int(eger)?(\s*\(\s*\d+\s*\))?(\s+(unsigned|signed|zerofill))*$/i;
