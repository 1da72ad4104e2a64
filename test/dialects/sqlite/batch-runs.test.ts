// SQLite batch runs: what move and copy does with the run's foreign key checks
// and transaction, which only SQLite's batch has. Every database's batch
// conformance is test/dialects/conformance/batch.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../../src/command/index.js";
import { connect } from "../../../src/dialects/index.js";
import type { Connection } from "../../../src/dialects/contract/index.js";
import { liveDialects } from "../../support/servers.js";
import { createProject } from "../../runtime/project.js";
import type { Project } from "../../runtime/project.js";

const projects: Project[] = [];
const connections: Connection[] = [];
afterEach(async () => {
  while (connections.length > 0) await connections.pop()!.close().catch(() => undefined);
  while (projects.length > 0) await projects.pop()!.cleanup();
});

const ready = liveDialects().filter((d) => d === "sqlite");

/** SQLite with foreign keys enforced (off by default there). */
function urlOf(p: Project): string {
  return `${p.url}?foreign_keys=on`;
}

async function db(p: Project): Promise<Connection> {
  const c = await connect(urlOf(p));
  connections.push(c);
  return c;
}

describe.each(ready)("batch on %s with foreign keys on", (dialect) => {
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

describe.each(ready)("batch on %s renaming a column other tables' keys name", (dialect) => {
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

describe.each(ready)("batch on %s inside the run's transaction", (dialect) => {
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
