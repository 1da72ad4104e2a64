import type { ColumnType } from "./model.js";

/** Where a table lives: its name and schema (undefined = the connection's default schema). */
export interface TableIdentity {
  readonly name: string;
  readonly schema: string | undefined;
}

/**
 * One column of a declared table, as addressed in references, indexes and
 * constraints (`users.c.email`).
 *
 * @example
 * ```ts
 * const ref = users.c.email;
 * ref.name;        // "email"
 * ref.table.name;  // "users"
 * ```
 */
export class ColumnRef {
  /** The table the column belongs to. */
  readonly table: TableIdentity;
  /** The property name in the table declaration. */
  readonly key: string;
  /** The column's name in the database. */
  readonly name: string;
  readonly type: ColumnType;

  constructor(table: TableIdentity, key: string, name: string, type: ColumnType) {
    this.table = table;
    this.key = key;
    this.name = name;
    this.type = type;
  }

  /** `schema.table.column` (or `table.column`), for messages. */
  toString(): string {
    return `${this.table.schema !== undefined ? `${this.table.schema}.` : ""}${this.table.name}.${this.name}`;
  }
}
