import type { ColumnType, ServerDefault } from "../../schema/model.js";
import type { DrizzleColumn } from "./drizzle-shapes.js";
import { isKind } from "./drizzle-shapes.js";
import type { DrizzleFlavor } from "./flavor.js";
import { ANY_QUOTING, stripOuterParentheses } from "../../util/sql-text.js";
import { quoteString } from "./sql-text.js";

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** `2024-01-02` (UTC). */
function isoDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/** `2024-01-02 03:04:05.678` (UTC), the spelling every database reads for timestamps. */
function isoTimestamp(value: Date): string {
  return `${isoDate(value)} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}.${pad(value.getUTCMilliseconds(), 3)}`;
}

/** A JavaScript array as a PostgreSQL array literal's text: `{a,"b c",NULL}`. */
function pgArrayText(value: readonly unknown[]): string {
  const item = (v: unknown): string => {
    if (v === null || v === undefined) return "NULL";
    if (Array.isArray(v)) return pgArrayText(v);
    const text = v instanceof Date ? isoTimestamp(v) : typeof v === "object" ? JSON.stringify(v) : String(v);
    return /^[^\s{}",\\]+$/.test(text) && text.toUpperCase() !== "NULL" ? text : `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  };
  return `{${value.map(item).join(",")}}`;
}

/**
 * JSON as PostgreSQL prints a jsonb value: keys ordered by length and then
 * bytewise, `": "` and `", "` between items. A default written this way reads
 * back from the catalog unchanged.
 */
export function jsonbText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => jsonbText(v === undefined ? null : v)).join(", ")}]`;
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => {
      const ab = Buffer.from(a);
      const bb = Buffer.from(b);
      return ab.length - bb.length || Buffer.compare(ab, bb);
    });
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${jsonbText(v)}`).join(", ")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function baseType(type: ColumnType): ColumnType {
  return type.kind === "array" ? baseType(type.of) : type;
}

/**
 * The server default of a drizzle column: SQL objects as SQL text, JavaScript
 * values as SQL literals of the column's type. `$defaultFn` / `$onUpdateFn` run
 * in the application and are no part of the database schema.
 */
export function serverDefaultOf(flavor: DrizzleFlavor, column: DrizzleColumn, type: ColumnType): ServerDefault | undefined {
  const value = column.default;
  if (value === undefined) return undefined;
  if (isKind(value, "SQL") || (typeof value === "object" && value !== null && typeof (value as { getSQL?: unknown }).getSQL === "function")) {
    const text = flavor.sql(value);
    // SQLite writes expression defaults in parentheses itself.
    return { kind: "sql", sql: flavor.dialect === "sqlite" ? stripOuterParentheses(text, ANY_QUOTING) : text };
  }
  if (value === null) return { kind: "literal", value: null };
  switch (typeof value) {
    case "string":
      return { kind: "literal", value };
    case "number":
      return Number.isFinite(value) ? { kind: "literal", value } : { kind: "literal", value: String(value) };
    case "bigint":
      return Number.isSafeInteger(Number(value)) ? { kind: "literal", value: Number(value) } : { kind: "sql", sql: value.toString() };
    case "boolean":
      // SQLite stores booleans as integers (drizzle's boolean mode).
      return flavor.dialect === "sqlite" ? { kind: "literal", value: value ? 1 : 0 } : { kind: "literal", value };
    default:
      break;
  }
  if (value instanceof Date) {
    if (flavor.dialect === "sqlite") {
      const ms = value.getTime();
      return { kind: "literal", value: column["mode"] === "timestamp_ms" ? ms : Math.floor(ms / 1000) };
    }
    const kind = baseType(type).kind;
    return { kind: "literal", value: kind === "date" ? isoDate(value) : isoTimestamp(value) };
  }
  if (value instanceof Uint8Array) {
    const hex = Buffer.from(value).toString("hex");
    return flavor.dialect === "postgresql" ? { kind: "sql", sql: `${quoteString(`\\x${hex}`)}::bytea` } : { kind: "sql", sql: `X'${hex}'` };
  }
  if (Array.isArray(value) && type.kind === "array") return { kind: "literal", value: pgArrayText(value) };
  if (typeof value === "object") return { kind: "literal", value: type.kind === "jsonb" ? jsonbText(value) : JSON.stringify(value) };
  return { kind: "literal", value: String(value) };
}
