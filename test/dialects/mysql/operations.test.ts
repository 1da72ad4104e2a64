// Operations on what only MySQL/MariaDB has or does its own way (MODIFY and
// CHANGE, prefix and hash indexes, sql_mode, IF EXISTS forms, other databases
// by schema). What every database does is proven by test/dialects/conformance.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect } from "../../../src/dialects/index.js";
import { reverseOperation } from "../../../src/operations/index.js";
import type { SchemaOperation } from "../../../src/dialects/contract/index.js";
import type { Column, Table } from "../../../src/schema/model.js";
import { AthanorError } from "../../../src/util/errors.js";
import { serverUrls } from "../../support/servers.js";
import { bare, mysqlAvailable, openSandbox, withoutOptions, type Sandbox } from "./live.js";

/** Names with a space, a backtick, quotes, a reserved word and non-ASCII letters. */
const hostile = (word: string): string => `${word} \`select\` "é'ü`;
const q = (name: string): string => `\`${name.replace(/`/g, "``")}\``;

describe.skipIf(!mysqlAvailable)("MySQL/MariaDB operations online, read back from the catalog, then reversed", () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await openSandbox("my ops");
  });
  afterAll(async () => {
    await box?.close();
  });

  const read = async (name: string): Promise<Table | undefined> => withoutOptions(await box.table(name));

  /** Runs the operation, then returns its reverse (as the operation classes compute it). */
  async function runAndReverse(op: SchemaOperation): Promise<SchemaOperation> {
    await box.run(op);
    return reverseOperation(op);
  }

  /** A parent table with an integer key, for foreign keys. */
  async function parent(name: string): Promise<void> {
    await box.run({
      kind: "createTable",
      table: bare(name, [{ name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true }], { primaryKey: { columns: ["id"] } }),
    });
  }

  test("create table with every column feature, constraint kind, index and comment; reversed by a drop; the drop reversed again", async () => {
    const parentName = hostile("parent");
    await parent(parentName);
    const columns: Column[] = [
      { name: "id", type: { kind: "bigint" }, nullable: false, autoincrement: true },
      { name: hostile("e-mail"), type: { kind: "string", length: 200 }, nullable: false, comment: "it's the login\nline 2 \\ ü" },
      { name: "select", type: { kind: "boolean" }, nullable: false, serverDefault: { kind: "sql", sql: "1" } },
      { name: "nick", type: { kind: "string", length: 30 }, nullable: true, serverDefault: { kind: "literal", value: "it's \\ x" }, collation: "utf8mb4_bin" },
      { name: "created", type: { kind: "timestamp", withTimezone: true, precision: 3 }, nullable: false, serverDefault: { kind: "sql", sql: "current_timestamp(3)" } },
      { name: "score", type: { kind: "numeric", precision: 10, scale: 2 }, nullable: true },
      { name: "double score", type: { kind: "numeric", precision: 12, scale: 2 }, nullable: true, computed: { sql: "`score` * 2", stored: true } },
      { name: "virt", type: { kind: "integer" }, nullable: true, computed: { sql: "`id` + 1", stored: false } },
      { name: "mood", type: { kind: "enum", name: "mood", values: ["happy", "it's", "sad"] }, nullable: true, serverDefault: { kind: "literal", value: "it's" } },
      { name: "doc", type: { kind: "json" }, nullable: true },
      { name: "parent", type: { kind: "integer" }, nullable: true },
      { name: "uid", type: { kind: "char", length: 36 }, nullable: true },
      { name: "at", type: { kind: "time", precision: 2 }, nullable: true },
      { name: "ratio", type: { kind: "double" }, nullable: true },
      { name: "f", type: { kind: "float" }, nullable: true },
      { name: "raw", type: { kind: "binary" }, nullable: true },
      { name: "vb", type: { kind: "binary", length: 8 }, nullable: true },
      { name: "day", type: { kind: "date" }, nullable: true },
      { name: "dt", type: { kind: "timestamp" }, nullable: true },
      { name: "small", type: { kind: "smallint" }, nullable: true },
      { name: "body", type: { kind: "text" }, nullable: true, serverDefault: { kind: "literal", value: "it's \\ {}" } },
      { name: "big", type: { kind: "custom", sql: "mediumint unsigned" }, nullable: true },
    ];
    const childName = hostile("child");
    const table: Table = {
      name: childName,
      columns,
      primaryKey: { columns: ["id"] },
      foreignKeys: [
        { name: hostile("fk"), columns: ["parent"], refTable: parentName, refColumns: ["id"], onDelete: "cascade", onUpdate: "no action" },
      ],
      uniques: [{ name: hostile("uq"), columns: [hostile("e-mail")] }],
      checks: [{ name: hostile("ck"), sql: "`score` > 0" }],
      indexes: [
        { name: hostile("ix"), columns: ["nick", "created"], unique: false },
        { name: "ix prefix", columns: [{ expression: "`body`(10)" }], unique: false },
        { name: "ix parent", columns: ["parent"], unique: false },
      ],
      comment: "it's a child",
    };
    const reverse = await runAndReverse({ kind: "createTable", table });
    const read1 = await read(childName);
    expect(read1).toEqual({ ...table, primaryKey: { columns: ["id"] }, indexes: [...table.indexes].sort((a, b) => (a.name < b.name ? -1 : 1)) });

    expect(reverse.kind).toBe("dropTable");
    const again = await runAndReverse(reverse);
    expect(await read(childName)).toBeUndefined();
    await box.run(again);
    expect(await read(childName)).toEqual(read1);
    await box.run({ kind: "dropTable", name: childName });
    await box.run({ kind: "dropTable", name: parentName, ifExists: true });
    expect(await read(parentName)).toBeUndefined();
  });

  test("alter column: rename with CHANGE, a default-only change, auto-increment on and off", async () => {
    const name = hostile("rename col");
    await box.run({ kind: "createTable", table: bare(name, [{ name: "k", type: { kind: "integer" }, nullable: false }], { primaryKey: { columns: ["k"] } }) });
    await box.run({ kind: "addColumn", table: name, column: { name: "old", type: { kind: "integer" }, nullable: true, comment: "c" } });
    const rename: SchemaOperation = {
      kind: "alterColumn",
      table: name,
      name: "old",
      changes: { newName: hostile("new") },
      existing: { type: { kind: "integer" }, nullable: true, comment: "c" },
    };
    const unrename = await runAndReverse(rename);
    expect((await read(name))?.columns[1]).toEqual({ name: hostile("new"), type: { kind: "integer" }, nullable: true, comment: "c" });
    await box.run(unrename);
    expect((await read(name))?.columns[1]).toEqual({ name: "old", type: { kind: "integer" }, nullable: true, comment: "c" });

    const setDefault: SchemaOperation = { kind: "alterColumn", table: name, name: "old", changes: { serverDefault: { kind: "sql", sql: "42" } }, existing: { serverDefault: null } };
    const dropDefault = await runAndReverse(setDefault);
    expect((await read(name))?.columns[1]?.serverDefault).toEqual({ kind: "sql", sql: "42" });
    await box.run(dropDefault);
    expect((await read(name))?.columns[1]?.serverDefault).toBeUndefined();

    const auto: SchemaOperation = {
      kind: "alterColumn",
      table: name,
      name: "k",
      changes: { autoincrement: true },
      existing: { type: { kind: "integer" }, nullable: false, autoincrement: false },
    };
    const manual = await runAndReverse(auto);
    expect((await read(name))?.columns[0]).toEqual({ name: "k", type: { kind: "integer" }, nullable: false, autoincrement: true });
    await box.run(manual);
    expect((await read(name))?.columns[0]).toEqual({ name: "k", type: { kind: "integer" }, nullable: false });
  });

  test("create and drop indexes (reverse each other); a plain unique index reads back as a unique constraint", async () => {
    const name = hostile("indexed");
    await box.run({
      kind: "createTable",
      table: bare(name, [
        { name: "a", type: { kind: "integer" }, nullable: true },
        { name: hostile("b"), type: { kind: "string", length: 50 }, nullable: true },
      ]),
    });
    const index = { name: hostile("ix"), columns: [hostile("b"), "a"], unique: false, using: "hash" };
    const drop = await runAndReverse({ kind: "createIndex", table: name, index: { ...index, using: "btree" }, concurrently: true });
    expect((await read(name))?.indexes).toEqual([{ name: index.name, columns: index.columns, unique: false }]);
    const recreate = await runAndReverse(drop);
    expect((await read(name))?.indexes).toEqual([]);
    await box.run(recreate);
    expect((await read(name))?.indexes).toHaveLength(1);

    const prefix = { name: "ix prefix", columns: [{ expression: `${q(hostile("b"))}(4)` }], unique: true };
    const dropPrefix = await runAndReverse({ kind: "createIndex", table: name, index: prefix });
    expect((await read(name))?.indexes.find((i) => i.name === "ix prefix")).toEqual(prefix);
    await box.run(dropPrefix);

    await box.run({ kind: "createIndex", table: name, index: { name: "ux a", columns: ["a"], unique: true } });
    expect((await read(name))?.uniques).toEqual([{ name: "ux a", columns: ["a"] }]);
    await box.run({ kind: "dropIndex", name: "ux a", table: name });
    expect((await read(name))?.uniques).toEqual([]);
  });

  test("a constraint dropped without its type is refused before anything runs", async () => {
    const name = hostile("untyped");
    await parent(name);
    await expect(box.run({ kind: "dropConstraint", table: name, name: "PRIMARY" })).rejects.toThrow(/needs its type/);
    expect((await read(name))?.primaryKey).toEqual({ columns: ["id"] });
  });

  test("tables in another database, named by schema", async () => {
    const other = await box.extraSchema("my ops other");
    const name = hostile("elsewhere");
    await box.run({ kind: "createTable", table: bare(name, [{ name: "id", type: { kind: "integer" }, nullable: false }], { schema: other }) });
    await box.run({ kind: "addColumn", table: name, schema: other, column: { name: "x", type: { kind: "integer" }, nullable: true } });
    await box.run({ kind: "createIndex", table: name, schema: other, index: { name: "ix", columns: ["x"], unique: false } });
    const read1 = await box.table(name, other);
    expect(read1?.schema).toBe(other);
    expect(read1?.columns.map((c) => c.name)).toEqual(["id", "x"]);
    expect(read1?.indexes.map((i) => i.name)).toEqual(["ix"]);
    await box.run({ kind: "renameTable", name, newName: "renamed", schema: other });
    expect(await box.table("renamed", other)).toBeDefined();
    await box.run({ kind: "dropTable", name: "renamed", schema: other });
    expect(await box.table("renamed", other)).toBeUndefined();
  });

  test("bulk insert of hostile strings round-trips, with either backslash mode", async () => {
    const name = hostile("rows");
    await box.run({
      kind: "createTable",
      table: bare(name, [
        { name: "id", type: { kind: "integer" }, nullable: false },
        { name: hostile("text"), type: { kind: "text" }, nullable: true },
        { name: "doc", type: { kind: "json" }, nullable: true },
        { name: "flag", type: { kind: "boolean" }, nullable: true },
        { name: "filled", type: { kind: "string", length: 5 }, nullable: true, serverDefault: { kind: "literal", value: "dflt" } },
      ]),
    });
    const texts = ["it's", "back\\slash", "new\nline\r\ttab", "nul\u0000byte", "ctrl-z\u001a", "ü 🎉 ß", "'; DROP TABLE x; --", "\\'", ""];
    const rows = texts.map((text, id) => ({ id, [hostile("text")]: text, doc: { t: text }, flag: id % 2 === 0 }));
    const op: SchemaOperation = {
      kind: "bulkInsert",
      table: name,
      columns: [{ name: "id" }, { name: hostile("text") }, { name: "doc", type: { kind: "json" } }, { name: "flag", type: { kind: "boolean" } }, { name: "filled" }],
      rows,
    };
    await box.run(op);
    const noBackslash = await connect(serverUrlWithMode());
    try {
      await noBackslash.execute(`USE ${q(box.schema)}`);
      for (const sql of noBackslash.dialect.ddl.compile({ ...op, rows: rows.map((r) => ({ ...r, id: r.id + 100 })) })) await noBackslash.execute(sql);
    } finally {
      await noBackslash.close();
    }
    const { rows: back } = await box.connection.execute(`SELECT id, ${q(hostile("text"))} AS t, doc, flag, filled FROM ${q(name)} ORDER BY id`);
    expect(back.map((r) => [Number(r.id), r.t, (typeof r.doc === "string" ? JSON.parse(r.doc) : r.doc).t, Number(r.flag), r.filled])).toEqual([
      ...texts.map((text, id) => [id, text, text, id % 2 === 0 ? 1 : 0, "dflt"]),
      ...texts.map((text, id) => [id + 100, text, text, id % 2 === 0 ? 1 : 0, "dflt"]),
    ]);
  });

  test("IF [NOT] EXISTS forms run twice without error (MariaDB); MODIFY of a hostile column", async () => {
    const version = String((await box.connection.execute("SELECT VERSION() AS v")).rows[0]?.v);
    const name = hostile("exists");
    const col = hostile("col");
    const twice = async (op: SchemaOperation): Promise<void> => {
      await box.run(op);
      await box.run(op);
    };
    await twice({ kind: "createTable", ifNotExists: true, table: bare(name, [{ name: "id", type: { kind: "integer" }, nullable: false }], { primaryKey: { columns: ["id"] } }) });
    await box.run({ kind: "addColumn", table: name, column: { name: col, type: { kind: "integer" }, nullable: true } });
    await box.run({
      kind: "alterColumn",
      table: name,
      name: col,
      changes: { nullable: false, comment: "c'" },
      existing: { type: { kind: "integer" }, nullable: true },
    });
    expect((await read(name))?.columns[1]).toEqual({ name: col, type: { kind: "integer" }, nullable: false, comment: "c'" });
    if (!/mariadb/i.test(version)) return;
    const extra: Column = { name: "extra", type: { kind: "integer" }, nullable: true };
    await twice({ kind: "addColumn", table: name, column: extra, ifNotExists: true });
    await twice({ kind: "createIndex", table: name, ifNotExists: true, index: { name: "ix", columns: ["extra"], unique: false } });
    await box.run({ kind: "addConstraint", table: name, constraint: { type: "foreignkey", name: hostile("self fk"), columns: ["extra"], refTable: name, refColumns: ["id"] } });
    await box.run({ kind: "addConstraint", table: name, constraint: { type: "check", name: hostile("ck"), sql: "`extra` > 0" } });
    let table = await read(name);
    expect([table?.columns.length, table?.indexes.length, table?.foreignKeys.length, table?.checks.length]).toEqual([3, 1, 1, 1]);
    await twice({ kind: "dropConstraint", table: name, name: hostile("self fk"), type: "foreignkey", ifExists: true });
    await twice({ kind: "dropConstraint", table: name, name: hostile("ck"), type: "check", ifExists: true });
    await twice({ kind: "dropIndex", table: name, name: "ix", ifExists: true });
    await twice({ kind: "dropColumn", table: name, name: "extra", ifExists: true });
    table = await read(name);
    expect([table?.columns.length, table?.indexes.length, table?.foreignKeys.length, table?.checks.length]).toEqual([2, 0, 0, 0]);
    await twice({ kind: "dropTable", name, ifExists: true });
    expect(await read(name)).toBeUndefined();
  });

  test("what this server cannot do fails before reaching it, with a clear error", async () => {
    const name = hostile("limits");
    await parent(name);
    const mariadb = /mariadb/i.test(String((await box.connection.execute("SELECT VERSION() AS v")).rows[0]?.v));
    const expression = { kind: "createIndex" as const, table: name, index: { name: "ix", columns: [{ expression: "`id` + 1" }], unique: false } };
    if (mariadb) {
      expect(() => box.connection.dialect.ddl.compile(expression)).toThrow(/MariaDB cannot index expressions/);
    } else {
      await box.run(expression);
      expect((await read(name))?.indexes[0]?.columns).toEqual([{ expression: expect.stringContaining("id") }]);
    }
    const partial = { kind: "createIndex" as const, table: name, index: { name: "ix2", columns: ["id"], unique: false, where: "`id` > 0" } };
    expect(() => box.connection.dialect.ddl.compile(partial)).toThrow(AthanorError);
    expect(box.connection.dialect.ddl.compile({ kind: "createEnum", enum: { name: "e", values: ["a"] } })).toEqual([]);
  });
});

/** The test server's URL with NO_BACKSLASH_ESCAPES in the session's sql_mode. */
function serverUrlWithMode(): string {
  const url = serverUrls.mysql;
  return `${url}${url.includes("?") ? "&" : "?"}sql_mode=${encodeURIComponent("STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES")}`;
}
