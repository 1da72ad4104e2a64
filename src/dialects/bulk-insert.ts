import type { ColumnType } from "../schema/model.js";
import type { BulkInsert } from "./contract/index.js";
import { AthanorError } from "../util/errors.js";

/** Rows per INSERT statement: SQLite's default limit of terms in a compound SELECT, well inside every server's packet size. */
export const INSERT_CHUNK = 500;

/** A column a bulk insert writes, with its type when given. */
export type InsertColumn = { readonly name: string; readonly type?: ColumnType };

/** The columns of a bulk insert: as given, or every key the rows use, in order of appearance. */
export function insertColumns(operation: BulkInsert): readonly InsertColumn[] {
  const columns =
    operation.columns.length > 0
      ? operation.columns
      : [...new Set(operation.rows.flatMap((row) => Object.keys(row)))].map((name) => ({ name }));
  if (columns.length === 0) {
    throw new AthanorError(`bulkInsert into ${JSON.stringify(operation.table)} has no columns`, {
      hint: "give the columns or non-empty rows",
    });
  }
  return columns;
}

/**
 * Multi-row INSERT statements with literal values, for databases whose VALUES
 * accept `DEFAULT` for a key a row leaves out (PostgreSQL, MySQL).
 */
export function multiRowInserts(
  operation: BulkInsert,
  render: {
    readonly table: string;
    readonly id: (name: string) => string;
    readonly value: (value: unknown, type: ColumnType | undefined) => string;
  },
): string[] {
  if (operation.rows.length === 0) return [];
  const columns = insertColumns(operation);
  const head = `INSERT INTO ${render.table} (${columns.map((c) => render.id(c.name)).join(", ")}) VALUES`;
  const statements: string[] = [];
  for (let start = 0; start < operation.rows.length; start += INSERT_CHUNK) {
    const rows = operation.rows.slice(start, start + INSERT_CHUNK).map((row) => {
      const values = columns.map((column) =>
        Object.hasOwn(row, column.name) && row[column.name] !== undefined ? render.value(row[column.name], column.type) : "DEFAULT",
      );
      return `(${values.join(", ")})`;
    });
    statements.push(`${head}\n${rows.join(",\n")}`);
  }
  return statements;
}

/**
 * Whether an inserted value is a JSON document: a plain object or array, or
 * any non-string value for a json/jsonb column. Dates and bytes are not.
 */
export function isJsonDocument(value: unknown, type: ColumnType | undefined): boolean {
  if (value === null) return false;
  const plainObject =
    typeof value === "object" && !(value instanceof Date) && !(value instanceof Uint8Array) && !(value instanceof ArrayBuffer);
  return plainObject || ((type?.kind === "json" || type?.kind === "jsonb") && typeof value !== "string");
}

/** One inserted value as a literal: NULL, a JSON document as its text, anything else as the dialect writes it. */
export function insertLiteral(literal: (value: unknown) => string, value: unknown, type: ColumnType | undefined): string {
  if (value === null) return "NULL";
  return literal(isJsonDocument(value, type) ? JSON.stringify(value) : value);
}
