// Operations on what only SQLite has or does its own way (its types, attached
// databases, NUL in text, comments and enums that change nothing). What every
// database does is proven by test/dialects/conformance.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { reverseOperation } from "../../../src/operations/index.js";
import type { SchemaOperation } from "../../../src/dialects/contract/index.js";
import type { Column, Table } from "../../../src/schema/model.js";
import { bare, openSandbox, type Sandbox } from "./live.js";

/** Names with a space, quotes, a reserved word and non-ASCII letters. */
const hostile = (word: string): string => `${word} "select" ü'`;

describe("SQLite operations online, read back from the catalog, then reversed", () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await openSandbox();
  });
  afterAll(async () => {
    await box?.close();
  });

  async function names(schema?: string): Promise<string[]> {
    return (await box.reflect({ schemas: [schema ?? null] })).tables.map((t) => t.name);
  }

  test("create table with every column feature, constraint kind and index; drop it again", async () => {
    const parent = hostile("ops parent");
    const child = hostile("ops child");
    const parentTable = bare(parent, [{ name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true }], {
      primaryKey: { name: hostile("parent pk"), columns: ["id"] },
    });
    await box.run({ kind: "createTable", table: parentTable });
    expect(await box.table(parent)).toEqual(parentTable);

    const columns: Column[] = [
      { name: "id", type: { kind: "bigint" }, nullable: false },
      { name: hostile("e-mail"), type: { kind: "string", length: 255 }, nullable: false, collation: "NOCASE" },
      { name: "select", type: { kind: "boolean" }, nullable: false, serverDefault: { kind: "literal", value: 1 } },
      { name: "nick", type: { kind: "text" }, nullable: true, serverDefault: { kind: "literal", value: "it's\n" } },
      { name: "created", type: { kind: "timestamp", withTimezone: true, precision: 3 }, nullable: false, serverDefault: { kind: "sql", sql: "CURRENT_TIMESTAMP" } },
      { name: "expr", type: { kind: "integer" }, nullable: true, serverDefault: { kind: "sql", sql: "1 + 2" } },
      { name: "score", type: { kind: "numeric", precision: 10, scale: 2 }, nullable: true, serverDefault: { kind: "literal", value: -1.5 } },
      { name: "double score", type: { kind: "double" }, nullable: true, computed: { sql: "score * 2", stored: true } },
      { name: "shout", type: { kind: "text" }, nullable: true, computed: { sql: "upper(nick)", stored: false } },
      { name: "parent", type: { kind: "integer" }, nullable: true },
      { name: "at", type: { kind: "time", withTimezone: true }, nullable: true },
      { name: "f", type: { kind: "float" }, nullable: true },
      { name: "code", type: { kind: "char", length: 3 }, nullable: true },
      { name: "raw", type: { kind: "binary", length: 16 }, nullable: true },
      { name: "span", type: { kind: "interval" }, nullable: true },
      { name: "day", type: { kind: "date" }, nullable: true },
      { name: "small", type: { kind: "smallint" }, nullable: true },
      { name: "untyped", type: { kind: "custom", sql: "" }, nullable: true },
      { name: "money", type: { kind: "custom", sql: "money(4)" }, nullable: true },
    ];
    const table: Table = {
      name: child,
      columns,
      primaryKey: { name: hostile("child pk"), columns: ["id"] },
      foreignKeys: [
        {
          name: hostile("child fk"),
          columns: ["parent"],
          refTable: parent,
          refColumns: ["id"],
          onDelete: "set null",
          onUpdate: "cascade",
          match: "full",
          deferrable: true,
          initially: "deferred",
        },
      ],
      uniques: [{ name: hostile("child uq"), columns: [hostile("e-mail"), "nick"] }],
      checks: [{ name: hostile("child ck"), sql: "score >= -10" }],
      indexes: [
        { name: hostile("child ix"), columns: ["nick", { expression: "lower(nick) DESC" }], unique: false, where: "score > 0" },
        { name: hostile("child uix"), columns: ["parent"], unique: true },
      ],
    };
    const create: SchemaOperation = { kind: "createTable", table };
    await box.run(create);
    expect(await box.table(child)).toEqual(table);

    // The table works: defaults, the generated columns and the foreign key.
    await box.run({ kind: "bulkInsert", table: parent, columns: [], rows: [{ id: 7 }] });
    await box.run({ kind: "bulkInsert", table: child, columns: [], rows: [{ id: 1, [hostile("e-mail")]: "a@b", parent: 7, score: 2 }] });
    const rows = (await box.connection.execute(`SELECT "select", nick, expr, "double score", shout FROM ${box.connection.dialect.quoteIdentifier(child)}`)).rows;
    expect(rows).toEqual([{ select: 1, nick: "it's\n", expr: 3, "double score": 4, shout: "IT'S\n" }]);

    const drop = reverseOperation(create);
    await box.run(drop);
    expect(await names()).not.toContain(child);
    await box.run(reverseOperation({ kind: "dropTable", name: child, table }));
    expect(await box.table(child)).toEqual(table);
    await box.run(drop);
    await box.run({ kind: "dropTable", name: parent, ifExists: true });
    expect(await names()).not.toContain(parent);
  });

  test("operations in an attached database", async () => {
    const name = hostile("attached");
    const table = bare(name, [{ name: "a", type: { kind: "integer" }, nullable: false }], {
      schema: box.other,
      indexes: [{ name: hostile("attached ix"), columns: ["a"], unique: false }],
    });
    await box.run({ kind: "createTable", table });
    expect(await box.table(name, box.other)).toEqual(table);
    expect(await names()).not.toContain(name);
    await box.run({ kind: "addColumn", table: name, schema: box.other, column: { name: "b", type: { kind: "text" }, nullable: true } });
    await box.run({ kind: "dropIndex", name: hostile("attached ix"), schema: box.other });
    await box.run({ kind: "renameTable", name, schema: box.other, newName: hostile("attached 2") });
    const after = await box.table(hostile("attached 2"), box.other);
    expect(after?.columns.map((c) => c.name)).toEqual(["a", "b"]);
    expect(after?.indexes).toEqual([]);
    await box.run({ kind: "dropTable", name: hostile("attached 2"), schema: box.other });
    expect(await names(box.other)).toEqual([]);
  });

  test("bulk insert of hostile strings and other values round-trips", async () => {
    const name = hostile("rows");
    await box.run({
      kind: "createTable",
      table: bare(name, [
        { name: "id", type: { kind: "integer" }, nullable: false },
        { name: hostile("text"), type: { kind: "text" }, nullable: true, serverDefault: { kind: "literal", value: "dflt" } },
        { name: "doc", type: { kind: "json" }, nullable: true },
        { name: "bin", type: { kind: "binary" }, nullable: true },
        { name: "flag", type: { kind: "boolean" }, nullable: true },
      ]),
    });
    const strings = ["it's", 'a "quote"', "back\\slash", "line\nbreak\r\ttab", "nul\u0000inside", "é ü 中文 \u{1F600}", "", "NULL", "--", "';DROP TABLE x;--"];
    const rows = strings.map((s, i) => ({ id: i, [hostile("text")]: s }));
    await box.run({
      kind: "bulkInsert",
      table: name,
      columns: [],
      rows: [...rows, { id: 100, doc: { k: ["it's", 1] }, bin: Buffer.from([0, 255, 39]), flag: true }, { id: 101, [hostile("text")]: null }, { id: 102 }],
    });
    const q = box.connection.dialect.quoteIdentifier;
    const read = (await box.connection.execute(`SELECT id, ${q(hostile("text"))} AS t, hex(${q(hostile("text"))}) AS h, doc, bin, flag FROM ${q(name)} ORDER BY id`)).rows;
    // Compared as stored bytes: the driver reads text only up to a NUL character.
    expect(read.slice(0, strings.length).map((r) => r["h"])).toEqual(strings.map((s) => Buffer.from(s, "utf8").toString("hex").toUpperCase()));
    expect(read.slice(0, strings.length).map((r) => r["t"]).filter((t) => !String(t).startsWith("nul"))).toEqual(strings.filter((s) => !s.startsWith("nul")));
    for (const row of read) delete (row as Record<string, unknown>)["h"];
    expect(read[strings.length]).toEqual({ id: 100, t: "dflt", doc: '{"k":["it\'s",1]}', bin: Buffer.from([0, 255, 39]), flag: 1 });
    expect(read[strings.length + 1]?.["t"]).toBeNull();
    expect(read[strings.length + 2]?.["t"]).toBe("dflt");
    await box.run({ kind: "dropTable", name });
  });

  test("comments and enum operations do nothing; the schema is unchanged", async () => {
    const name = hostile("noop");
    const table = bare(name, [{ name: "mood", type: { kind: "enum", name: "mood", values: ["a", "b"] }, nullable: true, comment: "c" }], { comment: "t" });
    await box.run({ kind: "createEnum", enum: { name: "mood", values: ["a", "b"] } });
    await box.run({ kind: "createTable", table });
    await box.run({ kind: "tableComment", table: name, comment: "other" });
    await box.run({ kind: "addEnumValue", name: "mood", value: "c" });
    expect(await box.table(name)).toEqual(bare(name, [{ name: "mood", type: { kind: "text" }, nullable: true }]));
    await box.run({ kind: "dropTable", name });
    await box.run({ kind: "dropEnum", name: "mood" });
  });
});
