// Conformance: batch mode (move and copy) through real revisions keeps every
// row, index, unique and check constraint and foreign key of a table others
// refer to (theirs included), places columns, keeps generated keys, reverses.
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../../src/command/index.js";
import { connect } from "../../../src/dialects/index.js";
import type { Connection } from "../../../src/dialects/contract/index.js";
import type { Table } from "../../../src/schema/model.js";
import { createProject } from "../../runtime/project.js";
import type { Project } from "../../runtime/project.js";
import { familyRevisions } from "./scenarios.js";
import { conformanceDialects } from "./targets.js";

const projects: Project[] = [];
const connections: Connection[] = [];
afterEach(async () => {
  while (connections.length > 0) await connections.pop()!.close().catch(() => undefined);
  while (projects.length > 0) await projects.pop()!.cleanup();
});

const ready = conformanceDialects();

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
  it("keeps every row, index, check and foreign key of a table others refer to; places columns; reverses", async () => {
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
    // the check is kept, and still holds
    expect(after.checks).toEqual(before.checks);
    expect(after.checks.map((ck) => ck.name)).toEqual([`ck_${p.prefix}_parent_code`]);
    await expect(c.execute(`INSERT INTO ${q(parent)} (id, code) VALUES (9, '')`)).rejects.toThrow();
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
    expect(reverted.checks).toEqual(before.checks);
    expect(reverted.indexes).toEqual(before.indexes);
    expect((await c.execute(`SELECT count(*) AS n FROM ${q(child)}`)).rows.map((r) => Number(Object.values(r)[0]))).toEqual([3]);
    await c.execute(`DELETE FROM ${q(parent)} WHERE id = 2`);
    expect((await c.execute(`SELECT id FROM ${q(child)} ORDER BY id`)).rows.map((r) => Number(r["id"]))).toEqual([10]);
    await command.downgrade(config, "base");
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
