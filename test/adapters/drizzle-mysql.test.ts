import { sql } from "drizzle-orm";
import * as my from "drizzle-orm/mysql-core";
import { describe, expect, test } from "vitest";
import { fromDrizzle } from "../../src/adapters/drizzle/index.js";
import type { SchemaModel } from "../../src/schema/model.js";
import { mysqlSchema } from "./fixtures/mysql-schema.js";

describe("fromDrizzle on a MySQL schema", () => {
  test("tables, keys, indexes, checks, enums and defaults come out as the neutral model", () => {
    const expected: SchemaModel = {
      tables: [
        {
          name: "authors",
          columns: [
            // SERIAL is BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE.
            { name: "id", type: { kind: "custom", sql: "bigint unsigned" }, nullable: false, autoincrement: true },
            { name: "email", type: { kind: "string", length: 255 }, nullable: false },
            { name: "mood", type: { kind: "enum", name: "mood", values: ["sad", "ok", "happy"] }, nullable: false, serverDefault: { kind: "literal", value: "ok" } },
            { name: "active", type: { kind: "boolean" }, nullable: false, serverDefault: { kind: "literal", value: true } },
            { name: "score", type: { kind: "numeric", precision: 10, scale: 2 }, nullable: true, serverDefault: { kind: "literal", value: "0.00" } },
            { name: "weight", type: { kind: "double" }, nullable: true },
            { name: "visits", type: { kind: "custom", sql: "int unsigned" }, nullable: false, serverDefault: { kind: "literal", value: 0 } },
            { name: "level", type: { kind: "custom", sql: "tinyint" }, nullable: true },
            { name: "created_at", type: { kind: "timestamp", withTimezone: true }, nullable: false, serverDefault: { kind: "sql", sql: "(now())" } },
            { name: "seen_at", type: { kind: "timestamp", precision: 3 }, nullable: true },
          ],
          primaryKey: { columns: ["id"] },
          foreignKeys: [],
          uniques: [
            { name: "id", columns: ["id"] },
            { name: "authors_email_key", columns: ["email"] },
          ],
          checks: [],
          indexes: [],
        },
        {
          name: "books",
          columns: [
            { name: "author_id", type: { kind: "custom", sql: "bigint unsigned" }, nullable: false },
            { name: "slug", type: { kind: "string", length: 80 }, nullable: false },
            { name: "title", type: { kind: "string", length: 200 }, nullable: false },
            { name: "price", type: { kind: "numeric", precision: 8, scale: 2 }, nullable: true },
            { name: "meta", type: { kind: "json" }, nullable: true },
            { name: "body", type: { kind: "text" }, nullable: true },
          ],
          // MySQL's primary key is always PRIMARY.
          primaryKey: { columns: ["author_id", "slug"] },
          foreignKeys: [
            { name: "books_author_id_authors_id_fk", columns: ["author_id"], refTable: "authors", refColumns: ["id"], onDelete: "cascade" },
          ],
          uniques: [],
          checks: [{ name: "books_price_check", sql: "`price` >= 0" }],
          indexes: [
            { name: "books_title_idx", columns: ["title"], unique: false },
            { name: "books_title_uq", columns: ["author_id", "title"], unique: true },
          ],
        },
        {
          name: "reviews",
          columns: [
            { name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true },
            { name: "author_id", type: { kind: "custom", sql: "bigint unsigned" }, nullable: true },
            { name: "book_slug", type: { kind: "string", length: 80 }, nullable: true },
            { name: "stars", type: { kind: "integer" }, nullable: false },
          ],
          primaryKey: { columns: ["id"] },
          foreignKeys: [
            // RESTRICT is MySQL's default: left out, as the catalog reads it.
            { name: "reviews_book_fk", columns: ["author_id", "book_slug"], refTable: "books", refColumns: ["author_id", "slug"], onDelete: "set null" },
          ],
          uniques: [{ name: "reviews_author_stars_uq", columns: ["author_id", "stars"] }],
          checks: [{ name: "reviews_stars_check", sql: "`stars` between 1 and 5" }],
          indexes: [],
        },
      ],
      enums: [],
    };
    expect(fromDrizzle(mysqlSchema(""))).toEqual(expected);
  });

  test("every mysql-core column type maps to the nearest neutral type, or to MySQL's spelling", () => {
    const t = my.mysqlTable("types", {
      a: my.int(), b: my.int({ unsigned: true }), c: my.smallint(), d: my.smallint({ unsigned: true }), e: my.mediumint(),
      f: my.tinyint({ unsigned: true }), g: my.bigint({ mode: "bigint" }), h: my.decimal(), i: my.decimal({ precision: 6, scale: 1, unsigned: true }),
      j: my.real(), k: my.double({ precision: 9, scale: 3 }), l: my.float(), m: my.boolean(), n: my.text(), o: my.mediumtext(), p: my.longtext(),
      q: my.varchar({ length: 30 }), r: my.char(), s: my.char({ length: 2 }), u: my.date({ mode: "string" }), v: my.time({ fsp: 2 }),
      w: my.timestamp({ mode: "string", fsp: 6 }), x: my.datetime(), y: my.json(), z: my.year(), aa: my.binary({ length: 16 }),
      ab: my.varbinary({ length: 64 }), ac: my.mysqlEnum(["x", "y"]), ad: my.customType<{ data: string }>({ dataType: () => "point" })(),
    });
    const types = Object.fromEntries(fromDrizzle([t]).tables[0]!.columns.map((c) => [c.name, c.type]));
    expect(types).toEqual({
      a: { kind: "integer" }, b: { kind: "custom", sql: "int unsigned" }, c: { kind: "smallint" }, d: { kind: "custom", sql: "smallint unsigned" },
      e: { kind: "custom", sql: "mediumint" }, f: { kind: "custom", sql: "tinyint unsigned" }, g: { kind: "bigint" },
      h: { kind: "numeric", precision: 10, scale: 0 }, i: { kind: "custom", sql: "decimal(6,1) unsigned" },
      j: { kind: "double" }, k: { kind: "custom", sql: "double(9,3)" }, l: { kind: "float" }, m: { kind: "boolean" }, n: { kind: "text" },
      o: { kind: "custom", sql: "mediumtext" }, p: { kind: "custom", sql: "longtext" }, q: { kind: "string", length: 30 },
      r: { kind: "char", length: 1 }, s: { kind: "char", length: 2 }, u: { kind: "date" }, v: { kind: "time", precision: 2 },
      w: { kind: "timestamp", withTimezone: true, precision: 6 }, x: { kind: "timestamp" }, y: { kind: "json" }, z: { kind: "custom", sql: "year" },
      aa: { kind: "custom", sql: "binary(16)" }, ab: { kind: "binary", length: 64 }, ac: { kind: "enum", name: "ac", values: ["x", "y"] },
      ad: { kind: "custom", sql: "point" },
    });
  });

  test("generated columns are virtual unless stored; Date defaults are datetime literals", () => {
    const t = my.mysqlTable("gen", {
      a: my.int(),
      b: my.int().generatedAlwaysAs(sql`a * 2`),
      c: my.int().generatedAlwaysAs(sql`a * 3`, { mode: "stored" }),
      d: my.datetime({ fsp: 3 }).default(new Date(Date.UTC(2024, 5, 6, 7, 8, 9, 10))),
      e: my.json().default(["x"]),
    });
    const columns = fromDrizzle([t]).tables[0]!.columns;
    expect(columns[1]!.computed).toEqual({ sql: "a * 2", stored: false });
    expect(columns[2]!.computed).toEqual({ sql: "a * 3", stored: true });
    expect(columns[3]!.serverDefault).toEqual({ kind: "literal", value: "2024-06-06 07:08:09.010" });
    expect(columns[4]!.serverDefault).toEqual({ kind: "literal", value: '["x"]' });
  });
});
