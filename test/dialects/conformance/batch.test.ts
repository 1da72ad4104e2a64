// Batch mode on live databases through real revisions: move and copy keeps
// rows, indexes and foreign keys (also those of other tables pointing at the
// table); column order; SQLite's foreign_key_check; copyFrom offline.
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import { connect, getDialect } from "../../src/dialects/index.js";
import type { Connection } from "../../src/dialects/types.js";
import type { Table } from "../../src/schema/model.js";
import { liveDialects } from "../support/servers.js";
import type { DialectName } from "../support/servers.js";
import { createProject } from "../runtime/project.js";
import type { Project, RevisionSpec } from "../runtime/project.js";
import { familyRevisions } from "./scenarios.js";

const projects: Project[] = [];
const connections: Connection[] = [];
afterEach(async () => {
  while (connections.length > 0) await connections.pop()!.close().catch(() => undefined);
  while (projects.length > 0) await projects.pop()!.cleanup();
});

const ready = liveDialects().filter((d) => getDialect(d).ddl !== undefined && getDialect(d).reflect !== undefined);

/** SQLite with foreign keys enforced (off by default there); the servers as they are. */
function urlOf(p: Project): string {
  return p.dialect === "sqlite" ? `${p.url}?foreign_keys=on` : p.url;
}

async function db(p: Project): Promise<Connection> {
  const c = await connect(urlOf(p));
  connections.push(c);
  return c;
}

async function reflect(c: Connection, name: string): Promise<Table> {
  const model = await c.dialect.reflect!(c, { tables: [name] });
  const found = model.tables.find((t) => t.name === name);
  expect(found, `table ${name}`).toBeDefined();
  return found!;
}

describe.each(ready)("batch move and copy on %s", (dialect) => {
  it("keeps every row, index and foreign key of a table others refer to; places columns; reverses", async () => {
    const p = createProject(dialect, familyRevisions(dialect));
    projects.push(p);
    const config = p.config({ url: urlOf(p) });
    const parent = `${p.prefix}_parent`;
    const child = `${p.prefix}_child`;
    await command.upgrade(config, "ba0001");
    const c = await db(p);
    const q = (name: string): string => c.dialect.quoteIdentifier(name);
    const before = await reflect(c, parent);

    await command.upgrade(config, "ba0002");
    const after = await reflect(c, parent);
    expect(after.columns.map((col) => col.name)).toEqual(["first", "id", "rank", "code", "note"]);
    expect(JSON.stringify(after.columns.find((col) => col.name === "note")!.type)).toContain("200");
    expect((await c.execute(`SELECT id, ${q("rank")}, code, note FROM ${q(parent)} ORDER BY id`)).rows.map((r) => [Number(r["id"]), Number(r["rank"]), r["code"], r["note"]])).toEqual([
      [1, 1, "a", "one"],
      [2, 1, "b", "two"],
      [3, 1, "c", null],
    ]);
    expect(after.indexes.map((i) => i.name)).toEqual(before.indexes.map((i) => i.name));
    expect([...after.indexes, ...after.uniques].map((i) => i.name)).toContain(`uq_${p.prefix}_parent_code`);
    expect(after.primaryKey?.columns).toEqual(["id"]);
    // the child's rows and foreign key survive, and the key still holds and cascades
    const childTable = await reflect(c, child);
    expect(childTable.foreignKeys).toEqual([expect.objectContaining({ name: `fk_${p.prefix}_child_parent`, refTable: parent, refColumns: ["id"], onDelete: "cascade" })]);
    expect((await c.execute(`SELECT id FROM ${q(child)} ORDER BY id`)).rows.map((r) => Number(r["id"]))).toEqual([10, 11, 12]);
    if (dialect === "sqlite") expect((await c.execute("PRAGMA foreign_key_check")).rows).toEqual([]);
    await expect(c.execute(`INSERT INTO ${q(child)} (id, parent_id) VALUES (13, 999)`)).rejects.toThrow();

    // the child recreated keeps its own foreign key (names the schema holds once are freed first)
    await command.upgrade(config, "ba0003");
    const recreatedChild = await reflect(c, child);
    expect(recreatedChild.columns.map((col) => [col.name, col.nullable])).toEqual([["id", false], ["parent_id", false], ["label", true]]);
    expect(recreatedChild.foreignKeys).toEqual([expect.objectContaining({ name: `fk_${p.prefix}_child_parent`, refTable: parent, refColumns: ["id"], onDelete: "cascade" })]);
    expect((await c.execute(`SELECT id, parent_id FROM ${q(child)} ORDER BY id`)).rows.map((r) => [Number(r["id"]), Number(r["parent_id"])])).toEqual([[10, 1], [11, 2], [12, 2]]);
    await expect(c.execute(`INSERT INTO ${q(child)} (id, parent_id) VALUES (14, 998)`)).rejects.toThrow();
    await command.downgrade(config, "-1");
    expect((await reflect(c, child)).columns.map((col) => [col.name, col.nullable])).toEqual([["id", false], ["parent_id", true]]);

    // and back
    await command.downgrade(config, "-1");
    const reverted = await reflect(c, parent);
    expect(reverted.columns.map((col) => col.name)).toEqual(["id", "code", "note"]);
    expect((await c.execute(`SELECT count(*) AS n FROM ${q(child)}`)).rows.map((r) => Number(Object.values(r)[0]))).toEqual([3]);
    await c.execute(`DELETE FROM ${q(parent)} WHERE id = 2`);
    expect((await c.execute(`SELECT id FROM ${q(child)} ORDER BY id`)).rows.map((r) => Number(r["id"]))).toEqual([10]);
    await command.downgrade(config, "base");
  });
});

describe.each(ready.filter((d) => d === "sqlite"))("batch on %s with foreign keys on", (dialect) => {
  it("fails clearly, and changes nothing, when the copy would break references", async () => {
    const p = createProject(dialect, [
      {
        id: "bb0001",
        upgrade: `
  await op.execute("CREATE TABLE \${P}_parent (id integer PRIMARY KEY, code text NOT NULL UNIQUE)");
  await op.execute("CREATE TABLE \${P}_child (id integer PRIMARY KEY, code text REFERENCES \${P}_parent (code))");
  await op.execute("INSERT INTO \${P}_parent VALUES (1, 'abc'), (2, '7')");
  await op.execute("INSERT INTO \${P}_child VALUES (10, 'abc')");`,
        downgrade: `  await op.execute("DROP TABLE \${P}_child");\n  await op.execute("DROP TABLE \${P}_parent");`,
      },
      {
        id: "bb0002",
        down: "bb0001",
        upgrade: `  await op.batchAlterTable("\${P}_parent", (batch) => batch.alterColumn("code", { type: op.type.integer() }));`,
        downgrade: "",
      },
    ]);
    projects.push(p);
    const config = p.config({ url: urlOf(p) });
    await command.upgrade(config, "bb0001");
    await expect(command.upgrade(config, "head")).rejects.toThrow(/breaks 1 foreign key reference: .*_child rowid 10/);
    const c = await db(p);
    expect((await c.execute(`SELECT code FROM "${p.prefix}_parent" ORDER BY id`)).rows.map((r) => r["code"])).toEqual(["abc", "7"]);
    expect((await c.execute("PRAGMA foreign_keys")).rows.map((r) => Number(Object.values(r)[0]))).toEqual([1]);
    expect(await p.versionRows()).toEqual(["bb0001"]);
  });
});

describe.each(ready.filter((d) => d === "sqlite"))("batch on %s renaming a column other tables' keys name", (dialect) => {
  it("fails clearly and rolls the copy back", async () => {
    const p = createProject(dialect, [
      {
        id: "bg0001",
        upgrade: `
  await op.execute("CREATE TABLE \${P}_parent (id integer PRIMARY KEY, code text NOT NULL UNIQUE)");
  await op.execute("CREATE TABLE \${P}_child (id integer PRIMARY KEY, code text REFERENCES \${P}_parent (code))");
  await op.execute("INSERT INTO \${P}_parent VALUES (1, 'abc')");
  await op.execute("INSERT INTO \${P}_child VALUES (10, 'abc')");`,
        downgrade: "",
      },
      {
        id: "bg0002",
        down: "bg0001",
        upgrade: `  await op.batchAlterTable("\${P}_parent", (batch) => batch.alterColumn("code", { newName: "slug" }), { recreate: "always" });`,
        downgrade: "",
      },
    ]);
    projects.push(p);
    const config = p.config({ url: urlOf(p) });
    await command.upgrade(config, "bg0001");
    await expect(command.upgrade(config, "head")).rejects.toThrow(/leaves foreign keys that no longer fit it: foreign key mismatch/);
    const c = await db(p);
    expect((await c.execute(`SELECT name FROM pragma_table_info('${p.prefix}_parent')`)).rows.map((r) => r["name"])).toEqual(["id", "code"]);
    expect((await c.execute(`SELECT count(*) AS n FROM "${p.prefix}_child"`)).rows.map((r) => Number(r["n"]))).toEqual([1]);
    expect(await p.versionRows()).toEqual(["bg0001"]);
  });
});

describe.each(ready.filter((d) => d === "sqlite"))("batch on %s inside the run's transaction", (dialect) => {
  it("a table no other table refers to is copied in the run's transaction: a failure rolls back the whole run", async () => {
    const p = createProject(dialect, [
      {
        id: "be0001",
        upgrade: `
  await op.execute("CREATE TABLE \${P}_log (n integer)");
  await op.execute("CREATE TABLE \${P}_lonely (id integer PRIMARY KEY, code text UNIQUE)");
  await op.execute("INSERT INTO \${P}_lonely VALUES (1, 'x'), (2, 'y')");`,
        downgrade: "",
      },
      {
        id: "be0002",
        down: "be0001",
        upgrade: `
  await op.execute("INSERT INTO \${P}_log VALUES (1)");
  await op.batchAlterTable("\${P}_lonely", (batch) => batch.alterColumn("code", { type: op.type.integer() }));`,
        downgrade: "",
      },
    ]);
    projects.push(p);
    const config = p.config({ url: urlOf(p) });
    await command.upgrade(config, "be0001");
    // 'x' and 'y' both become 0: the copy breaks the unique constraint
    await expect(command.upgrade(config, "head")).rejects.toThrow(/UNIQUE/);
    const c = await db(p);
    expect((await c.execute(`SELECT count(*) AS n FROM "${p.prefix}_log"`)).rows.map((r) => Number(r["n"]))).toEqual([0]);
    expect((await c.execute(`SELECT code FROM "${p.prefix}_lonely" ORDER BY id`)).rows.map((r) => r["code"])).toEqual(["x", "y"]);
    expect((await c.execute("SELECT name FROM sqlite_master WHERE name LIKE '_athanor_tmp_%'")).rows).toEqual([]);
    expect(await p.versionRows()).toEqual(["be0001"]);
  });
});

describe.each(ready)("batch on %s with generated keys", (dialect) => {
  it("copies autoincrement (and PostgreSQL identity) values as they are, and new rows continue after them", async () => {
    const identity = dialect === "postgresql"
      ? `\n  await op.createTable("\${P}_ident", [op.column("id", op.type.integer(), { primaryKey: true, identity: { always: true } }), op.column("v", op.type.text())]);\n  await op.execute("INSERT INTO \${P}_ident (v) VALUES ('a'), ('b')");`
      : "";
    const identityBatch = dialect === "postgresql"
      ? `\n  await op.batchAlterTable("\${P}_ident", (b) => b.addColumn(op.column("w", op.type.text())), { recreate: "always" });\n  await op.execute("INSERT INTO \${P}_ident (v) VALUES ('c')");`
      : "";
    const p = createProject(dialect, [
      {
        id: "bf0001",
        upgrade: `
  await op.createTable("\${P}_auto", [op.column("id", op.type.integer(), { primaryKey: true, autoincrement: true }), op.column("v", op.type.string(10))]);
  await op.execute("INSERT INTO \${P}_auto (v) VALUES ('a'), ('b')");
  await op.execute("DELETE FROM \${P}_auto WHERE v = 'a'");${identity}`,
        downgrade: "",
      },
      {
        id: "bf0002",
        down: "bf0001",
        upgrade: `
  await op.batchAlterTable("\${P}_auto", (b) => b.alterColumn("v", { type: op.type.string(20), existingType: op.type.string(10) }), { recreate: "always" });
  await op.execute("INSERT INTO \${P}_auto (v) VALUES ('c')");${identityBatch}`,
        downgrade: "",
      },
    ]);
    projects.push(p);
    await command.upgrade(p.config(), "head");
    const c = await db(p);
    const q = (name: string): string => c.dialect.quoteIdentifier(name);
    expect((await c.execute(`SELECT id, v FROM ${q(`${p.prefix}_auto`)} ORDER BY id`)).rows.map((r) => [Number(r["id"]), r["v"]])).toEqual([[2, "b"], [3, "c"]]);
    if (dialect === "postgresql") {
      expect((await c.execute(`SELECT id, v FROM ${q(`${p.prefix}_ident`)} ORDER BY id`)).rows.map((r) => [Number(r["id"]), r["v"]])).toEqual([[1, "a"], [2, "b"], [3, "c"]]);
    }
  });
});

const offlineUrls: Record<DialectName, string> = {
  sqlite: "sqlite:////nonexistent/folder/app.db",
  postgresql: "postgresql://nobody@127.0.0.1:1/nowhere",
  mysql: "mysql://nobody@127.0.0.1:1/nowhere",
};

describe.each((["sqlite", "postgresql", "mysql"] as const).filter((d) => getDialect(d).ddl !== undefined))("batch offline on %s", (dialect) => {
  it("recreates from copyFrom, and without it says to pass it", async () => {
    const copyFrom = JSON.stringify({
      name: "items",
      columns: [
        { name: "id", type: { kind: "integer" }, nullable: false },
        { name: "label", type: { kind: "string", length: 20 }, nullable: true },
      ],
      primaryKey: { name: "pk_items", columns: ["id"] },
      foreignKeys: [],
      uniques: [],
      checks: [],
      indexes: [{ name: "ix_items_label", columns: ["label"], unique: false }],
    });
    const p = createProject(dialect, [
      {
        id: "bc0001",
        upgrade: `  await op.batchAlterTable("items", (batch) => {\n    batch.alterColumn("label", { newName: "title", nullable: false });\n    batch.addColumn(op.column("n", op.type.integer()), { insertBefore: "title" });\n  }, { recreate: "always", copyFrom: ${copyFrom} });`,
        downgrade: "",
      },
      { id: "bc0002", down: "bc0001", upgrade: `  await op.batchAlterTable("items", (batch) => batch.dropColumn("n"), { recreate: "always" });`, downgrade: "" },
    ]);
    projects.push(p);
    const config = p.config({ url: offlineUrls[dialect] });
    const result = await command.upgrade(config, "bc0001", { sql: true });
    const q = (name: string): string => getDialect(dialect).quoteIdentifier(name);
    const sql = result.sql ?? "";
    const create = sql.indexOf(`CREATE TABLE ${q("_athanor_tmp_items")}`);
    const insert = sql.indexOf(`INSERT INTO ${q("_athanor_tmp_items")} (${q("id")}, ${q("title")}) SELECT ${q("id")}, ${q("label")} FROM ${q("items")};`);
    const drop = sql.indexOf(`DROP TABLE ${q("items")}`);
    const rename = sql.search(new RegExp(`(ALTER TABLE|RENAME TABLE) ${q("_athanor_tmp_items").replace(/[`"]/g, ".")}`));
    const index = sql.indexOf(`${q("ix_items_label")}`);
    expect([create, insert, drop, rename, index].every((i) => i >= 0), sql).toBe(true);
    expect(create < insert && insert < drop && drop < rename && rename < index).toBe(true);
    // the new column sits before the renamed one
    expect(sql.indexOf(q("n"), create)).toBeLessThan(sql.indexOf(q("title"), create));
    await expect(command.upgrade(config, "bc0001:bc0002", { sql: true })).rejects.toThrow(/--sql has no database to read it from/);
  });
});

const HOSTILE = [
  "it's",
  'say "hi"',
  "back\\slash \\' \\\\",
  "line\nbreak\r\ntab\there",
  "unicode: é ß 漢字 🙂",
  "-- not a comment; DROP TABLE x",
  "${not} %s ? $1 :name",
  "",
];

describe.each(ready)("bulkInsert of hostile strings on %s", (dialect) => {
  const strings = dialect === "postgresql" ? HOSTILE : [...HOSTILE, "nul\u0000inside"];
  const rows = strings.map((s, i) => ({ id: i + 1, s }));
  const revision: RevisionSpec = {
    id: "bd0001",
    upgrade: `  const t = await op.createTable("\${P}_strings", [op.column("id", op.type.integer(), { primaryKey: true }), op.column("s", op.type.text())]);\n  await op.bulkInsert(t, ${JSON.stringify(rows)});`,
    downgrade: `  await op.dropTable("\${P}_strings");`,
  };

  async function readBack(p: Project): Promise<unknown[]> {
    const c = await db(p);
    // SQLite keeps text past a NUL, but its drivers read text only up to it: read the bytes
    const value = dialect === "sqlite" ? "CAST(s AS BLOB) AS s" : "s";
    const result = await c.execute(`SELECT id, ${value} FROM ${c.dialect.quoteIdentifier(`${p.prefix}_strings`)} ORDER BY id`);
    return result.rows.map((r) => ({ id: Number(r["id"]), s: Buffer.isBuffer(r["s"]) ? r["s"].toString("utf8") : r["s"] }));
  }

  it("round-trips online", async () => {
    const p = createProject(dialect, [revision]);
    projects.push(p);
    await command.upgrade(p.config(), "head");
    expect(await readBack(p)).toEqual(rows);
  });

  it("round-trips through the offline script", async () => {
    const p = createProject(dialect, [revision]);
    projects.push(p);
    const result = await command.upgrade(p.config(), "head", { sql: true });
    const c = await db(p);
    const statements = (result.sql ?? "")
      .split(/;\n\n/)
      .map((s) => s.replace(/^-- .*\n\n/gm, "").trim())
      .filter((s) => s !== "");
    for (const statement of statements) await c.execute(statement);
    expect(await readBack(p)).toEqual(rows);
  });
});
