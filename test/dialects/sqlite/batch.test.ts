import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sqliteDialect } from "../../../src/dialects/sqlite/index.js";
import { runBatch } from "../../../src/operations/batch/run-batch.js";
import type { OperationContext } from "../../../src/operations/operation-context.js";
import type { SchemaOperation } from "../../../src/dialects/contract/index.js";
import { openSandbox, operationContextOn, type Sandbox } from "./live.js";

describe("SQLite batch support", () => {
  test("auto recreates for anything ADD COLUMN and the index statements cannot do", () => {
    const needs = (ops: SchemaOperation[]): boolean => sqliteDialect.batch.requiresRecreate(ops);
    const add = (extra: object): SchemaOperation => ({ kind: "addColumn", table: "t", column: { name: "c", type: { kind: "integer" }, nullable: true, ...extra } });
    expect(needs([add({}), { kind: "createIndex", table: "t", index: { name: "i", columns: ["c"], unique: false } }, { kind: "dropIndex", name: "j" }])).toBe(false);
    expect(needs([add({ nullable: false, serverDefault: { kind: "literal", value: 0 } })])).toBe(false);
    expect(needs([add({ nullable: false })])).toBe(true);
    expect(needs([add({ serverDefault: { kind: "sql", sql: "CURRENT_TIMESTAMP" } })])).toBe(true);
    expect(needs([add({ computed: { sql: "1", stored: true } })])).toBe(true);
    expect(needs([add({ autoincrement: true })])).toBe(true);
    expect(needs([{ kind: "dropColumn", table: "t", name: "c" }])).toBe(true);
    expect(needs([{ kind: "alterColumn", table: "t", name: "c", changes: { nullable: false }, existing: {} }])).toBe(true);
    expect(needs([{ kind: "addConstraint", table: "t", constraint: { type: "check", name: "k", sql: "c > 0" } }])).toBe(true);
  });
});

describe.each([
  ["foreign keys on", true],
  ["foreign keys off", false],
])("SQLite batch move and copy, %s", (_label, foreignKeys) => {
  let box: Sandbox;
  let context: OperationContext;
  const q = (name: string): string => sqliteDialect.quoteIdentifier(name);
  beforeAll(async () => {
    box = await openSandbox();
    const connection = box.connection;
    await connection.execute(`PRAGMA foreign_keys = ${foreignKeys ? "ON" : "OFF"}`);
    context = operationContextOn(box);
  });
  afterAll(async () => {
    await box?.close();
  });

  test("recreating a referenced table keeps rows, keys, checks, indexes, references and the AUTOINCREMENT counter", async () => {
    const parent = `pärent "select"`;
    await box.begin();
    await box.connection.execute(`
      CREATE TABLE ${q(parent)} (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        code TEXT CONSTRAINT ${q("code uq")} UNIQUE,
        n INT CONSTRAINT ${q("n positive")} CHECK (n > 0),
        old TEXT
      );
      CREATE INDEX ${q("parent n ix")} ON ${q(parent)} (n) WHERE n > 1;
      CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INT CONSTRAINT child_parent_fk REFERENCES ${q(parent)} (id) ON DELETE CASCADE);
      INSERT INTO ${q(parent)} (code, n, old) VALUES ('a', 1, 'x'), ('b', 2, 'y'), ('it''s', 3, 'z');
      DELETE FROM ${q(parent)} WHERE id = 3;
      INSERT INTO ${q(parent)} (code, n, old) VALUES ('it''s', 3, 'z');
      INSERT INTO child VALUES (1, 1), (2, 4);
    `);
    const before = await box.table(parent);
    await runBatch(
      context,
      parent,
      (batch) => {
        batch.dropColumn("old");
        batch.alterColumn("n", { type: { kind: "bigint" }, nullable: false, existingType: { kind: "integer" } });
        batch.addColumn({ name: "extra", type: { kind: "text" }, nullable: true }, { insertAfter: "id" });
        batch.createCheckConstraint("code not empty", "code <> ''");
      },
      {},
    );
    expect(box.connection.inTransaction).toBe(true); // the run's transaction goes on
    await box.commit();
    const after = await box.table(parent);
    expect(after?.columns).toEqual([
      { name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true },
      { name: "extra", type: { kind: "text" }, nullable: true },
      { name: "code", type: { kind: "text" }, nullable: true },
      { name: "n", type: { kind: "bigint" }, nullable: false },
    ]);
    expect(after?.primaryKey).toEqual(before?.primaryKey);
    expect(after?.uniques).toEqual([{ name: "code uq", columns: ["code"] }]);
    expect(after?.checks).toEqual([{ name: "n positive", sql: "n > 0" }, { name: "code not empty", sql: "code <> ''" }]);
    expect(after?.indexes).toEqual(before?.indexes);
    expect((await box.table("child"))?.foreignKeys).toEqual([
      { name: "child_parent_fk", columns: ["parent_id"], refTable: parent, refColumns: ["id"], onDelete: "cascade" },
    ]);
    // Every row kept: the parent's, and the child's (no cascade fired when the old table went).
    expect((await box.connection.execute(`SELECT id, code, n FROM ${q(parent)} ORDER BY id`)).rows).toEqual([
      { id: 1, code: "a", n: 1 },
      { id: 2, code: "b", n: 2 },
      { id: 4, code: "it's", n: 3 },
    ]);
    expect((await box.connection.execute("SELECT id, parent_id FROM child ORDER BY id")).rows).toEqual([
      { id: 1, parent_id: 1 },
      { id: 2, parent_id: 4 },
    ]);
    // AUTOINCREMENT goes on after the highest id ever used, not the highest left.
    await box.connection.execute(`INSERT INTO ${q(parent)} (code, n) VALUES ('d', 5)`);
    expect((await box.connection.execute(`SELECT max(id) AS id FROM ${q(parent)}`)).rows).toEqual([{ id: 5 }]);
    expect((await box.connection.execute("PRAGMA foreign_keys")).rows).toEqual([{ foreign_keys: foreignKeys ? 1 : 0 }]);
    if (foreignKeys) {
      await box.connection.execute(`DELETE FROM ${q(parent)} WHERE id = 4`);
      expect((await box.connection.execute("SELECT id FROM child ORDER BY id")).rows).toEqual([{ id: 1 }]);
      await expect(box.connection.execute("INSERT INTO child VALUES (9, 42)")).rejects.toThrow(/FOREIGN KEY/i);
    }
    await box.connection.execute(`DROP TABLE child; DROP TABLE ${q(parent)}`);
  });

  test("a copy that leaves a reference dangling fails, names the rows and leaves the table as it was", async () => {
    await box.connection.execute(`
      PRAGMA foreign_keys = OFF;
      CREATE TABLE p (id INTEGER PRIMARY KEY, k INT NOT NULL UNIQUE);
      CREATE TABLE c (id INTEGER PRIMARY KEY, pk INT REFERENCES p (k));
      INSERT INTO p VALUES (1, 10), (2, 20);
      INSERT INTO c VALUES (1, 10), (2, 99);
      PRAGMA foreign_keys = ${foreignKeys ? "ON" : "OFF"};
    `);
    await box.begin();
    const change = runBatch(context, "p", (batch) => batch.alterColumn("k", { type: { kind: "bigint" }, existingType: { kind: "integer" } }), {});
    await expect(change).rejects.toThrow(/breaks 1 foreign key reference: c rowid 2 → p/);
    await box.rollback();
    expect((await box.table("p"))?.columns.map((c) => c.type.kind)).toEqual(["integer", "integer"]);
    expect((await box.connection.execute("SELECT count(*) AS n FROM p")).rows).toEqual([{ n: 2 }]);
    expect((await box.connection.execute("PRAGMA foreign_keys")).rows).toEqual([{ foreign_keys: foreignKeys ? 1 : 0 }]);
    await box.connection.execute("DROP TABLE c; DROP TABLE p");
  });

  test("a table with generated columns and a self reference is recreated with both", async () => {
    await box.connection.execute(`
      CREATE TABLE tree (id INTEGER PRIMARY KEY, up INT REFERENCES tree (id), name TEXT, shout TEXT AS (upper(name)), len INT AS (length(name)) STORED);
      INSERT INTO tree (id, up, name) VALUES (1, NULL, 'root'), (2, 1, 'leaf');
    `);
    await box.begin();
    await runBatch(context, "tree", (batch) => batch.alterColumn("name", { nullable: false, existingType: { kind: "text" } }), {});
    await box.commit();
    const tree = await box.table("tree");
    expect(tree?.columns.find((c) => c.name === "name")?.nullable).toBe(false);
    expect(tree?.columns.filter((c) => c.computed !== undefined)).toEqual([
      { name: "shout", type: { kind: "text" }, nullable: true, computed: { sql: "upper(name)", stored: false } },
      { name: "len", type: { kind: "integer" }, nullable: true, computed: { sql: "length(name)", stored: true } },
    ]);
    expect(tree?.foreignKeys).toEqual([{ columns: ["up"], refTable: "tree", refColumns: ["id"] }]);
    expect((await box.connection.execute("SELECT id, up, shout, len FROM tree ORDER BY id")).rows).toEqual([
      { id: 1, up: null, shout: "ROOT", len: 4 },
      { id: 2, up: 1, shout: "LEAF", len: 4 },
    ]);
    await box.connection.execute("DROP TABLE tree");
  });

  test("a table no foreign key refers to is copied inside the run's transaction, so a rollback undoes all of it", async () => {
    await box.begin();
    await box.connection.execute("CREATE TABLE lone (id INTEGER PRIMARY KEY, v TEXT)");
    await runBatch(context, "lone", (batch) => batch.alterColumn("v", { nullable: false, existingType: { kind: "text" } }), {});
    expect(box.connection.inTransaction).toBe(true);
    expect((await box.table("lone"))?.columns[1]?.nullable).toBe(false);
    await box.rollback();
    expect(await box.table("lone")).toBeUndefined();
  });

  test("every constraint kind and column change SQLite cannot ALTER, made by batch and reversed by batch", async () => {
    const t = `wörk "select"`;
    await box.connection.execute(`
      CREATE TABLE ref (id INTEGER PRIMARY KEY);
      INSERT INTO ref VALUES (1), (2);
      CREATE TABLE ${q(t)} (a INT NOT NULL, b TEXT, r INT);
      INSERT INTO ${q(t)} VALUES (1, 'x', 1), (2, 'y', 2);
    `);
    const original = await box.table(t);
    await box.begin();
    await runBatch(context, t, (batch) => {
      batch.createPrimaryKey(`${t} pk`, ["a"]);
      batch.createUniqueConstraint(`${t} uq`, ["b"]);
      batch.createCheckConstraint(`${t} ck`, "a > 0");
      batch.createForeignKey(`${t} fk`, "ref", ["r"], ["id"], { onDelete: "cascade" });
      batch.alterColumn("b", { nullable: false, type: { kind: "string", length: 10 }, serverDefault: { kind: "literal", value: "it's" }, existingType: { kind: "text" }, existingNullable: true });
      batch.alterColumn("r", { newName: `r "renamed"` });
    }, {});
    await box.commit();
    expect(await box.table(t)).toEqual({
      name: t,
      columns: [
        { name: "a", type: { kind: "integer" }, nullable: false },
        { name: "b", type: { kind: "string", length: 10 }, nullable: false, serverDefault: { kind: "literal", value: "it's" } },
        { name: `r "renamed"`, type: { kind: "integer" }, nullable: true },
      ],
      primaryKey: { name: `${t} pk`, columns: ["a"] },
      foreignKeys: [{ name: `${t} fk`, columns: [`r "renamed"`], refTable: "ref", refColumns: ["id"], onDelete: "cascade" }],
      uniques: [{ name: `${t} uq`, columns: ["b"] }],
      checks: [{ name: `${t} ck`, sql: "a > 0" }],
      indexes: [],
    });
    await box.begin();
    await runBatch(context, t, (batch) => {
      batch.dropConstraint(`${t} pk`, { type: "primary" });
      batch.dropConstraint(`${t} uq`, { type: "unique" });
      batch.dropConstraint(`${t} ck`, { type: "check" });
      batch.dropConstraint(`${t} fk`, { type: "foreignkey" });
      batch.alterColumn("b", { nullable: true, type: { kind: "text" }, serverDefault: null, existingType: { kind: "string", length: 10 } });
      batch.alterColumn(`r "renamed"`, { newName: "r" });
    }, {});
    await box.commit();
    expect(await box.table(t)).toEqual(original);
    expect((await box.connection.execute(`SELECT a, b, r FROM ${q(t)} ORDER BY a`)).rows).toEqual([
      { a: 1, b: "x", r: 1 },
      { a: 2, b: "y", r: 2 },
    ]);
    await box.connection.execute(`DROP TABLE ${q(t)}; DROP TABLE ref`);
  });

  test("the table's triggers are created again on the copy", async () => {
    await box.connection.execute(`
      CREATE TABLE audited (id INTEGER PRIMARY KEY, v TEXT, gone TEXT);
      CREATE TABLE audit (what TEXT);
      CREATE TRIGGER "audited insert" AFTER INSERT ON audited BEGIN INSERT INTO audit VALUES ('added ' || NEW.v); END;
    `);
    await box.begin();
    await runBatch(context, "audited", (batch) => batch.alterColumn("v", { nullable: false, existingType: { kind: "text" } }), {});
    await box.commit();
    await box.connection.execute("INSERT INTO audited (v) VALUES ('x')");
    expect((await box.connection.execute("SELECT what FROM audit")).rows).toEqual([{ what: "added x" }]);

    // Also when another table refers to it (the run has foreign keys off).
    await box.connection.execute("CREATE TABLE audited_child (id INTEGER PRIMARY KEY, a INT REFERENCES audited (id))");
    await box.begin();
    await runBatch(context, "audited", (batch) => batch.dropColumn("gone"), {});
    await box.commit();
    await box.connection.execute("INSERT INTO audited (v) VALUES ('y')");
    expect((await box.connection.execute("SELECT what FROM audit ORDER BY rowid")).rows).toEqual([{ what: "added x" }, { what: "added y" }]);
    expect((await box.connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")).rows).toEqual([{ name: "audited insert" }]);
    await box.connection.execute("DROP TABLE audited_child");
    await box.connection.execute("DROP TABLE audited; DROP TABLE audit");
  });

  test("STRICT and WITHOUT ROWID tables are refused before anything changes", async () => {
    await box.connection.execute("CREATE TABLE strict_t (id INTEGER PRIMARY KEY, v TEXT) STRICT; CREATE TABLE norowid (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID");
    await box.begin();
    await expect(runBatch(context, "strict_t", (batch) => batch.dropColumn("v"), {})).rejects.toThrow(/is STRICT, which move and copy cannot keep/);
    await expect(runBatch(context, "norowid", (batch) => batch.dropColumn("v"), {})).rejects.toThrow(/is WITHOUT ROWID/);
    expect(box.connection.inTransaction).toBe(true);
    await box.rollback();
    expect((await box.table("strict_t"))?.columns.map((c) => c.name)).toEqual(["id", "v"]);
    await box.connection.execute("DROP TABLE strict_t; DROP TABLE norowid");
  });
});
