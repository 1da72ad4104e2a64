import { sql } from "drizzle-orm";
import * as pg from "drizzle-orm/pg-core";
import { describe, expect, test } from "vitest";
import { fromDrizzle } from "../../src/adapters/drizzle/index.js";
import type { Column, SchemaModel } from "../../src/schema/model.js";
import { pgSchema } from "./fixtures/pg-schema.js";

const mood = { kind: "enum", name: "mood", values: ["sad", "ok", "happy"] } as const;

describe("fromDrizzle on a PostgreSQL schema", () => {
  test("tables, keys, indexes, checks, enums and defaults come out as the neutral model", () => {
    const expected: SchemaModel = {
      tables: [
        {
          name: "authors",
          columns: [
            { name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true },
            { name: "email", type: { kind: "string", length: 255 }, nullable: false },
            { name: "mood", type: mood, nullable: false, serverDefault: { kind: "literal", value: "ok" } },
            { name: "active", type: { kind: "boolean" }, nullable: false, serverDefault: { kind: "literal", value: true } },
            { name: "score", type: { kind: "numeric", precision: 10, scale: 2 }, nullable: true, serverDefault: { kind: "literal", value: "0" } },
            { name: "rating", type: { kind: "float" }, nullable: true },
            { name: "weight", type: { kind: "double" }, nullable: true },
            { name: "visits", type: { kind: "bigint" }, nullable: false, serverDefault: { kind: "literal", value: 0 } },
            { name: "profile", type: { kind: "jsonb" }, nullable: true, serverDefault: { kind: "literal", value: '{"theme": "dark"}' } },
            { name: "token", type: { kind: "uuid" }, nullable: true, serverDefault: { kind: "sql", sql: "gen_random_uuid()" } },
            { name: "created_at", type: { kind: "timestamp", withTimezone: true }, nullable: false, serverDefault: { kind: "sql", sql: "now()" } },
            // $onUpdateFn runs in the application: no default in the database.
            { name: "updated_at", type: { kind: "timestamp" }, nullable: true },
          ],
          primaryKey: { columns: ["id"] },
          foreignKeys: [],
          uniques: [{ name: "authors_email_key", columns: ["email"] }],
          checks: [],
          indexes: [],
        },
        {
          name: "books",
          columns: [
            { name: "author_id", type: { kind: "integer" }, nullable: false },
            { name: "slug", type: { kind: "string", length: 80 }, nullable: false },
            { name: "title", type: { kind: "text" }, nullable: false },
            { name: "price", type: { kind: "numeric", precision: 8, scale: 2 }, nullable: true },
            { name: "tags", type: { kind: "array", of: { kind: "text" } }, nullable: true },
            { name: "published", type: { kind: "date" }, nullable: true },
          ],
          primaryKey: { name: "books_author_id_slug_pk", columns: ["author_id", "slug"] },
          foreignKeys: [
            { name: "books_author_id_authors_id_fk", columns: ["author_id"], refTable: "authors", refColumns: ["id"], onDelete: "cascade" },
          ],
          uniques: [],
          checks: [{ name: "books_price_check", sql: '"price" >= 0' }],
          indexes: [
            { name: "books_title_lower_idx", columns: [{ expression: 'lower("title")' }], unique: false },
            { name: "books_published_idx", columns: ["published"], unique: false, where: '"published" is not null' },
            { name: "books_title_uq", columns: ["author_id", "title"], unique: true },
          ],
        },
        {
          name: "reviews",
          columns: [
            { name: "id", type: { kind: "integer" }, nullable: false, identity: { always: true } },
            { name: "author_id", type: { kind: "integer" }, nullable: true },
            { name: "book_slug", type: { kind: "string", length: 80 }, nullable: true },
            { name: "stars", type: { kind: "smallint" }, nullable: false },
            // $defaultFn runs in the application too.
            { name: "body", type: { kind: "text" }, nullable: true },
          ],
          primaryKey: { columns: ["id"] },
          foreignKeys: [
            {
              name: "reviews_book_fk",
              columns: ["author_id", "book_slug"],
              refTable: "books",
              refColumns: ["author_id", "slug"],
              onDelete: "set null",
              onUpdate: "cascade",
            },
          ],
          uniques: [{ name: "reviews_author_stars_uq", columns: ["author_id", "stars"] }],
          checks: [{ name: "reviews_stars_check", sql: '"stars" between 1 and 5' }],
          indexes: [{ name: "reviews_stars_idx", columns: [{ expression: '"stars" DESC NULLS LAST' }], unique: false }],
        },
      ],
      enums: [{ name: "mood", values: ["sad", "ok", "happy"] }],
    };
    expect(fromDrizzle(pgSchema(""))).toEqual(expected);
  });

  test("every pg-core column type maps to the nearest neutral type, or to its own SQL", () => {
    const status = pg.pgEnum("status", ["on", "off"]);
    const t = pg.pgTable("types", {
      a: pg.serial(), b: pg.smallserial(), c: pg.bigserial({ mode: "number" }), d: pg.bigserial({ mode: "bigint" }),
      e: pg.integer(), f: pg.smallint(), g: pg.bigint({ mode: "bigint" }), h: pg.numeric(), i: pg.numeric({ precision: 7 }),
      j: pg.real(), k: pg.doublePrecision(), l: pg.boolean(), m: pg.text({ enum: ["x", "y"] }), n: pg.varchar(), o: pg.varchar({ length: 9 }),
      p: pg.char(), q: pg.char({ length: 4 }), r: pg.date({ mode: "date" }), s: pg.time({ precision: 3, withTimezone: true }),
      u: pg.timestamp({ precision: 6, mode: "string" }), v: pg.interval(), w: pg.interval({ fields: "day" }), x: pg.json(),
      y: pg.jsonb(), z: pg.uuid(), aa: status(), ab: pg.integer().array(), ac: pg.text().array().array(), ad: status().array(),
      ae: pg.inet(), af: pg.cidr(), ag: pg.macaddr(), ah: pg.point(), ai: pg.vector({ dimensions: 3 }),
      aj: pg.customType<{ data: string }>({ dataType: () => "citext" })(), ak: pg.serial().array(),
    });
    const model = fromDrizzle([t]);
    const types = Object.fromEntries(model.tables[0]!.columns.map((c: Column) => [c.name, c.type]));
    expect(types).toEqual({
      a: { kind: "integer" }, b: { kind: "smallint" }, c: { kind: "bigint" }, d: { kind: "bigint" },
      e: { kind: "integer" }, f: { kind: "smallint" }, g: { kind: "bigint" }, h: { kind: "numeric" }, i: { kind: "numeric", precision: 7 },
      j: { kind: "float" }, k: { kind: "double" }, l: { kind: "boolean" }, m: { kind: "text" }, n: { kind: "string" }, o: { kind: "string", length: 9 },
      p: { kind: "char", length: 1 }, q: { kind: "char", length: 4 }, r: { kind: "date" }, s: { kind: "time", withTimezone: true, precision: 3 },
      u: { kind: "timestamp", precision: 6 }, v: { kind: "interval" }, w: { kind: "custom", sql: "interval day" }, x: { kind: "json" },
      y: { kind: "jsonb" }, z: { kind: "uuid" }, aa: { kind: "enum", name: "status", values: ["on", "off"] },
      ab: { kind: "array", of: { kind: "integer" } }, ac: { kind: "array", of: { kind: "text" } },
      ad: { kind: "array", of: { kind: "enum", name: "status", values: ["on", "off"] } },
      ae: { kind: "custom", sql: "inet" }, af: { kind: "custom", sql: "cidr" }, ag: { kind: "custom", sql: "macaddr" }, ah: { kind: "custom", sql: "point" },
      ai: { kind: "custom", sql: "vector(3)" }, aj: { kind: "custom", sql: "citext" }, ak: { kind: "custom", sql: "serial[]" },
    });
    const serials = model.tables[0]!.columns.filter((c) => c.autoincrement).map((c) => [c.name, c.nullable]);
    expect(serials).toEqual([["a", false], ["b", false], ["c", false], ["d", false]]);
    // An enum used only through a column is declared too.
    expect(model.enums).toEqual([{ name: "status", values: ["on", "off"] }]);
  });

  test("JavaScript defaults become SQL literals of the column's type; SQL defaults keep their text", () => {
    const t = pg.pgTable("defaults", {
      day: pg.date({ mode: "date" }).default(new Date(Date.UTC(2024, 0, 2, 3, 4, 5))),
      at: pg.timestamp().default(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 67))),
      tags: pg.text().array().default(["a", "b c", 'q"uote', "NULL"]),
      grid: pg.integer().array().array().default([[1, 2], [3, 4]]),
      doc: pg.json().default({ b: 1, a: [true, null] }),
      docb: pg.jsonb().default({ bb: 1, a: { z: 1, y: 2 } }),
      big: pg.bigint({ mode: "bigint" }).default(9007199254740993n),
      nothing: pg.text().default(sql`null`),
      quoted: pg.text().default("it's"),
      param: pg.integer().default(sql`${42} + 1`),
      next: pg.timestamp().default(sql`now() + interval '1 day'`),
      identity: pg.bigint({ mode: "number" }).generatedByDefaultAsIdentity({ startWith: 100, increment: 5 }),
      computed: pg.integer().generatedAlwaysAs(sql`1 + 2`),
    });
    const columns = Object.fromEntries(fromDrizzle([t]).tables[0]!.columns.map((c) => [c.name, c]));
    expect(columns.day!.serverDefault).toEqual({ kind: "literal", value: "2024-01-02" });
    expect(columns.at!.serverDefault).toEqual({ kind: "literal", value: "2024-01-02 03:04:05.067" });
    expect(columns.tags!.serverDefault).toEqual({ kind: "literal", value: '{a,"b c","q\\"uote","NULL"}' });
    expect(columns.grid!.serverDefault).toEqual({ kind: "literal", value: "{{1,2},{3,4}}" });
    expect(columns.doc!.serverDefault).toEqual({ kind: "literal", value: '{"b":1,"a":[true,null]}' });
    expect(columns.docb!.serverDefault).toEqual({ kind: "literal", value: '{"a": {"y": 2, "z": 1}, "bb": 1}' });
    expect(columns.big!.serverDefault).toEqual({ kind: "sql", sql: "9007199254740993" });
    expect(columns.nothing!.serverDefault).toEqual({ kind: "sql", sql: "null" });
    expect(columns.quoted!.serverDefault).toEqual({ kind: "literal", value: "it's" });
    expect(columns.param!.serverDefault).toEqual({ kind: "sql", sql: "42 + 1" });
    expect(columns.next!.serverDefault).toEqual({ kind: "sql", sql: "now() + interval '1 day'" });
    expect(columns.identity).toEqual({ name: "identity", type: { kind: "bigint" }, nullable: false, identity: { always: false, start: 100, increment: 5 } });
    expect(columns.computed).toEqual({ name: "computed", type: { kind: "integer" }, nullable: true, computed: { sql: "1 + 2", stored: true } });
  });

  test("tables and enums of a pgSchema keep their schema, and references name it", () => {
    const billing = pg.pgSchema("billing");
    const currency = billing.enum("currency", ["eur", "usd"]);
    const accounts = billing.table("accounts", { id: pg.integer().primaryKey(), currency: currency().notNull() });
    const invoices = pg.pgTable("invoices", {
      id: pg.integer().primaryKey(),
      accountId: pg.integer("account_id").references(() => accounts.id, { onDelete: "restrict", onUpdate: "no action" }),
    }, (t) => [pg.index("invoices_account_idx").using("hash", t.accountId), pg.index().on(t.accountId.asc().nullsFirst().op("int4_ops"))]);
    const model = fromDrizzle({ billing, currency, accounts, invoices });
    expect(model.enums).toEqual([{ name: "currency", schema: "billing", values: ["eur", "usd"] }]);
    expect(model.tables.map((t) => [t.schema, t.name])).toEqual([["billing", "accounts"], [undefined, "invoices"]]);
    expect(model.tables[0]!.columns[1]!.type).toEqual({ kind: "enum", name: "currency", schema: "billing", values: ["eur", "usd"] });
    expect(model.tables[1]!.foreignKeys).toEqual([
      { name: "invoices_account_id_accounts_id_fk", columns: ["account_id"], refTable: "accounts", refSchema: "billing", refColumns: ["id"], onDelete: "restrict" },
    ]);
    expect(model.tables[1]!.indexes).toEqual([
      { name: "invoices_account_idx", columns: ["account_id"], unique: false, using: "hash" },
      { name: "invoices_account_id_index", columns: [{ expression: '"account_id" int4_ops NULLS FIRST' }], unique: false },
    ]);
  });

  test("casing names the columns declared without a name, in every place they appear", () => {
    const users = pg.pgTable("users", {
      userId: pg.integer().primaryKey(),
      emailAddress: pg.text().notNull(),
      createdAt: pg.timestamp("CreatedAt"),
    }, (t) => [pg.index("users_email_idx").on(sql`lower(${t.emailAddress})`), pg.uniqueIndex("users_email_uq").on(t.emailAddress)]);
    const model = fromDrizzle([users], { casing: "snake_case" });
    const table = model.tables[0]!;
    expect(table.columns.map((c) => c.name)).toEqual(["user_id", "email_address", "CreatedAt"]);
    expect(table.primaryKey).toEqual({ columns: ["user_id"] });
    expect(table.indexes).toEqual([
      { name: "users_email_idx", columns: [{ expression: 'lower("email_address")' }], unique: false },
      { name: "users_email_uq", columns: ["email_address"], unique: true },
    ]);
  });

  test("under casing, unnamed foreign and primary keys carry the cased column names, as drizzle-kit creates them; named ones keep their names", () => {
    const boards = pg.pgTable("board", { boardId: pg.text().primaryKey() });
    const members = pg.pgTable("boardMember", {
      boardId: pg.text().notNull().references(() => boards.boardId),
      userId: pg.text().notNull(),
      invitedBy: pg.text(),
    }, (t) => [
      pg.primaryKey({ columns: [t.boardId, t.userId] }),
      pg.foreignKey({ name: "member_inviter_fk", columns: [t.invitedBy, t.boardId], foreignColumns: [t.userId, t.boardId] }),
    ]);
    const named = pg.pgTable("grant", { boardId: pg.text().notNull(), userId: pg.text().notNull() }, (t) => [pg.primaryKey({ name: "grant_boardId_pk", columns: [t.boardId, t.userId] })]);
    const model = fromDrizzle([boards, members, named], { casing: "snake_case" });
    const table = model.tables[1]!;
    expect(table.primaryKey).toEqual({ name: "boardMember_board_id_user_id_pk", columns: ["board_id", "user_id"] });
    expect(table.foreignKeys.map((fk) => fk.name).sort()).toEqual(["boardMember_board_id_board_board_id_fk", "member_inviter_fk"]);
    expect(model.tables[2]!.primaryKey).toEqual({ name: "grant_boardId_pk", columns: ["board_id", "user_id"] });
    // without casing the names are drizzle's own
    expect(fromDrizzle([boards, members]).tables[1]!.foreignKeys.map((fk) => fk.name).sort()).toEqual(["boardMember_boardId_board_boardId_fk", "member_inviter_fk"]);
  });
});
