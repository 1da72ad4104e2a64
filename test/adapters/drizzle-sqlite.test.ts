import { sql } from "drizzle-orm";
import * as sl from "drizzle-orm/sqlite-core";
import { describe, expect, test } from "vitest";
import { fromDrizzle } from "../../src/adapters/drizzle/index.js";
import type { SchemaModel } from "../../src/schema/model.js";
import { sqliteSchema } from "./fixtures/sqlite-schema.js";

describe("fromDrizzle on a SQLite schema", () => {
  test("tables, keys, indexes, checks and defaults come out as the neutral model", () => {
    const expected: SchemaModel = {
      tables: [
        {
          name: "authors",
          columns: [
            { name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true },
            // SQLite keeps a declared type as written: text(255) stays text(255).
            { name: "email", type: { kind: "custom", sql: "text(255)" }, nullable: false },
            { name: "mood", type: { kind: "text" }, nullable: false, serverDefault: { kind: "literal", value: "ok" } },
            // Boolean and timestamp modes are integer columns.
            { name: "active", type: { kind: "integer" }, nullable: false, serverDefault: { kind: "literal", value: 1 } },
            { name: "rating", type: { kind: "float" }, nullable: true },
            { name: "avatar", type: { kind: "binary" }, nullable: true },
            { name: "settings", type: { kind: "text" }, nullable: true, serverDefault: { kind: "sql", sql: "'{}'" } },
            { name: "created_at", type: { kind: "integer" }, nullable: false, serverDefault: { kind: "sql", sql: "unixepoch()" } },
            { name: "updated_at", type: { kind: "integer" }, nullable: true },
          ],
          primaryKey: { columns: ["id"] },
          foreignKeys: [],
          // SQLite: unique constraints are unique indexes, as drizzle-kit writes them.
          uniques: [],
          checks: [],
          indexes: [{ name: "authors_email_unique", columns: ["email"], unique: true }],
        },
        {
          name: "books",
          columns: [
            { name: "author_id", type: { kind: "integer" }, nullable: false },
            { name: "slug", type: { kind: "text" }, nullable: false },
            { name: "title", type: { kind: "text" }, nullable: false },
            { name: "price", type: { kind: "float" }, nullable: true, serverDefault: { kind: "literal", value: 0 } },
          ],
          primaryKey: { columns: ["author_id", "slug"] },
          foreignKeys: [
            { name: "books_author_id_authors_id_fk", columns: ["author_id"], refTable: "authors", refColumns: ["id"], onDelete: "cascade" },
          ],
          uniques: [],
          checks: [{ name: "books_price_check", sql: '"price" >= 0' }],
          indexes: [
            { name: "books_title_lower_idx", columns: [{ expression: 'lower("title")' }], unique: false },
            { name: "books_price_idx", columns: ["price"], unique: false, where: '"price" > 0' },
            { name: "books_title_uq", columns: ["author_id", "title"], unique: true },
          ],
        },
        {
          name: "reviews",
          columns: [
            { name: "id", type: { kind: "integer" }, nullable: false },
            { name: "author_id", type: { kind: "integer" }, nullable: true },
            { name: "book_slug", type: { kind: "text" }, nullable: true },
            { name: "stars", type: { kind: "integer" }, nullable: false },
          ],
          primaryKey: { columns: ["id"] },
          foreignKeys: [
            { name: "reviews_book_fk", columns: ["author_id", "book_slug"], refTable: "books", refColumns: ["author_id", "slug"], onDelete: "set null" },
          ],
          uniques: [],
          checks: [{ name: "reviews_stars_check", sql: '"stars" between 1 and 5' }],
          indexes: [{ name: "reviews_author_stars_uq", columns: ["author_id", "stars"], unique: true }],
        },
      ],
      enums: [],
    };
    expect(fromDrizzle(sqliteSchema(""))).toEqual(expected);
  });

  test("every sqlite-core column type maps to the type SQLite writes", () => {
    const t = sl.sqliteTable("types", {
      a: sl.integer(), b: sl.integer({ mode: "boolean" }), c: sl.integer({ mode: "timestamp_ms" }), d: sl.real(), e: sl.text(),
      f: sl.text({ length: 40 }), g: sl.text({ mode: "json" }), h: sl.blob(), i: sl.blob({ mode: "bigint" }), j: sl.blob({ mode: "json" }),
      k: sl.numeric(), l: sl.numeric({ mode: "number" }), m: sl.customType<{ data: string }>({ dataType: () => "varchar(12)" })(),
    });
    const types = Object.fromEntries(fromDrizzle([t]).tables[0]!.columns.map((c) => [c.name, c.type]));
    expect(types).toEqual({
      a: { kind: "integer" }, b: { kind: "integer" }, c: { kind: "integer" }, d: { kind: "float" }, e: { kind: "text" },
      f: { kind: "custom", sql: "text(40)" }, g: { kind: "text" }, h: { kind: "binary" }, i: { kind: "binary" }, j: { kind: "binary" },
      k: { kind: "numeric" }, l: { kind: "numeric" }, m: { kind: "custom", sql: "varchar(12)" },
    });
  });

  test("timestamp-mode Date defaults are epoch numbers; booleans are 0/1; generated columns keep their mode", () => {
    const at = new Date(Date.UTC(2024, 0, 1, 0, 0, 1, 500));
    const t = sl.sqliteTable("d", {
      s: sl.integer({ mode: "timestamp" }).default(at),
      ms: sl.integer({ mode: "timestamp_ms" }).default(at),
      off: sl.integer({ mode: "boolean" }).default(false),
      name: sl.text(),
      upper: sl.text().generatedAlwaysAs(sql`upper(name)`),
      stored: sl.text().generatedAlwaysAs(sql`lower(name)`, { mode: "stored" }),
    });
    const columns = fromDrizzle([t]).tables[0]!.columns;
    expect(columns.map((c) => c.serverDefault)).toEqual([
      { kind: "literal", value: 1704067201 },
      { kind: "literal", value: 1704067201500 },
      { kind: "literal", value: 0 },
      undefined,
      undefined,
      undefined,
    ]);
    expect(columns[4]!.computed).toEqual({ sql: "upper(name)", stored: false });
    expect(columns[5]!.computed).toEqual({ sql: "lower(name)", stored: true });
  });
});
