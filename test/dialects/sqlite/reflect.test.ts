import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseDefault } from "../../../src/dialects/sqlite/reflect.js";
import { bare, openSandbox, type Sandbox } from "./live.js";

describe("SQLite defaults as written", () => {
  test.each([
    ["'it''s'", { kind: "literal", value: "it's" }],
    ["-5", { kind: "literal", value: -5 }],
    ["1.5e3", { kind: "literal", value: 1500 }],
    ["NULL", { kind: "literal", value: null }],
    ["(1 + 2)", { kind: "sql", sql: "1 + 2" }],
    ["((a) + (b))", { kind: "sql", sql: "(a) + (b)" }],
    ["(a) + (b)", { kind: "sql", sql: "(a) + (b)" }],
    ["CURRENT_TIMESTAMP", { kind: "sql", sql: "CURRENT_TIMESTAMP" }],
    ["TRUE", { kind: "sql", sql: "TRUE" }],
    ["X'00ff'", { kind: "sql", sql: "X'00ff'" }],
    ["99999999999999999999", { kind: "sql", sql: "99999999999999999999" }],
  ] as const)("%s", (written, expected) => {
    expect(parseDefault(written)).toEqual(expected);
  });
});

describe("SQLite reflection", () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await openSandbox();
  });
  afterAll(async () => {
    await box?.close();
  });

  test("string defaults that look like signs or comments read back as the strings", async () => {
    await box.connection.execute(
      `CREATE TABLE "sign defaults" (a text DEFAULT '-' NOT NULL, b text DEFAULT '+', c text DEFAULT 'x--y', d integer DEFAULT - 3, e real DEFAULT +2.5)`,
    );
    const model = await box.connection.dialect.reflect(box.connection, { tables: ["sign defaults"] });
    const defaults = Object.fromEntries(model.tables[0]!.columns.map((c) => [c.name, c.serverDefault]));
    expect(defaults).toEqual({
      a: { kind: "literal", value: "-" },
      b: { kind: "literal", value: "+" },
      c: { kind: "literal", value: "x--y" },
      d: { kind: "literal", value: -3 },
      e: { kind: "literal", value: 2.5 },
    });
    expect(model.tables[0]!.columns[0]!.nullable).toBe(false);
    await box.connection.execute(`DROP TABLE "sign defaults"`);
  });

  test("a schema written by hand in SQL reads back as the expected model", async () => {
    await box.connection.execute(`
      CREATE TABLE [Hand Parent] (
        id INTEGER PRIMARY KEY, -- a row id, without AUTOINCREMENT
        code TEXT NOT NULL UNIQUE,
        \`kind\` VARCHAR(10) DEFAULT 'a,b' CHECK (kind <> ''),
        /* a comment, (with parentheses */ price DECIMAL(8,2) DEFAULT 0.5,
        made DATETIME DEFAULT (datetime('now')),
        note
      );
      CREATE TABLE "hand child" (
        a INT NOT NULL,
        b INT NOT NULL,
        parent_id INTEGER CONSTRAINT "to parent" REFERENCES [Hand Parent] ON DELETE CASCADE,
        code2 text COLLATE NOCASE,
        total REAL AS (a * b) STORED,
        CONSTRAINT "child pk" PRIMARY KEY (a, b),
        CONSTRAINT "one code" UNIQUE (code2, a),
        UNIQUE (b, a),
        FOREIGN KEY (code2) REFERENCES [Hand Parent] (code) ON UPDATE RESTRICT NOT DEFERRABLE,
        CONSTRAINT "positive" CHECK (a > 0 AND (b > 0))
      );
      CREATE UNIQUE INDEX "child code uix" ON "hand child" (code2);
      CREATE INDEX "child expr" ON "hand child" (lower(code2) DESC, b COLLATE NOCASE, a ASC) WHERE a > 1 AND code2 IS NOT NULL;
    `);
    const model = await box.reflect({ tables: ["Hand Parent", "hand child"] });
    expect(model).toEqual({
      enums: [],
      tables: [
        bare(
          "Hand Parent",
          [
            { name: "id", type: { kind: "integer" }, nullable: false },
            { name: "code", type: { kind: "text" }, nullable: false },
            { name: "kind", type: { kind: "string", length: 10 }, nullable: true, serverDefault: { kind: "literal", value: "a,b" } },
            { name: "price", type: { kind: "numeric", precision: 8, scale: 2 }, nullable: true, serverDefault: { kind: "literal", value: 0.5 } },
            { name: "made", type: { kind: "timestamp" }, nullable: true, serverDefault: { kind: "sql", sql: "datetime('now')" } },
            { name: "note", type: { kind: "custom", sql: "" }, nullable: true },
          ],
          { primaryKey: { columns: ["id"] }, uniques: [{ columns: ["code"] }], checks: [{ sql: "kind <> ''" }] },
        ),
        bare(
          "hand child",
          [
            { name: "a", type: { kind: "integer" }, nullable: false },
            { name: "b", type: { kind: "integer" }, nullable: false },
            { name: "parent_id", type: { kind: "integer" }, nullable: true },
            { name: "code2", type: { kind: "text" }, nullable: true, collation: "NOCASE" },
            { name: "total", type: { kind: "float" }, nullable: true, computed: { sql: "a * b", stored: true } },
          ],
          {
            primaryKey: { name: "child pk", columns: ["a", "b"] },
            foreignKeys: [
              { name: "to parent", columns: ["parent_id"], refTable: "Hand Parent", refColumns: ["id"], onDelete: "cascade" },
              { columns: ["code2"], refTable: "Hand Parent", refColumns: ["code"], onUpdate: "restrict", deferrable: false },
            ],
            uniques: [{ name: "one code", columns: ["code2", "a"] }, { columns: ["b", "a"] }],
            checks: [{ name: "positive", sql: "a > 0 AND (b > 0)" }],
            indexes: [
              { name: "child code uix", columns: ["code2"], unique: true },
              { name: "child expr", columns: [{ expression: "lower(code2) DESC" }, { expression: "b COLLATE NOCASE" }, { expression: "a ASC" }], unique: false, where: "a > 1 AND code2 IS NOT NULL" },
            ],
          },
        ),
      ],
    });
    await box.connection.execute(`DROP TABLE "hand child"; DROP TABLE [Hand Parent];`);
  });

  test("several schemas: main without a schema, an attached database with its name; internal and virtual tables left out", async () => {
    const q = box.connection.dialect.quoteIdentifier;
    await box.connection.execute(`CREATE TABLE "in main" (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT)`);
    await box.connection.execute(`INSERT INTO "in main" (v) VALUES ('x')`); // creates sqlite_sequence
    await box.connection.execute(`CREATE TABLE ${q(box.other)}."in other" (a INT)`);
    await box.connection.execute(`CREATE VIEW "a view" AS SELECT 1 AS one`);
    const model = await box.reflect({ schemas: [null, box.other] });
    expect(model.tables.map((t) => [t.schema, t.name])).toEqual([
      [undefined, "in main"],
      [box.other, "in other"],
    ]);
    expect(model.tables[0]?.columns[0]).toEqual({ name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true });
    expect((await box.reflect({ schemas: ["main"] })).tables.map((t) => [t.schema, t.name])).toEqual([["main", "in main"]]);
    expect((await box.reflect({ schemas: ["no such db"] })).tables).toEqual([]);
    await box.connection.execute(`CREATE TEMP TABLE "a temp" (x INT CONSTRAINT "temp uq" UNIQUE)`);
    expect((await box.reflect({ schemas: ["temp"] })).tables).toEqual([
      bare("a temp", [{ name: "x", type: { kind: "integer" }, nullable: true }], { schema: "temp", uniques: [{ name: "temp uq", columns: ["x"] }] }),
    ]);
    await box.connection.execute(`DROP TABLE temp."a temp"`);
    expect((await box.reflect({ tables: ["nothing here"] })).tables).toEqual([]);
    await box.connection.execute(`DROP TABLE "in main"; DROP TABLE ${q(box.other)}."in other"; DROP VIEW "a view"`);
  });
});
