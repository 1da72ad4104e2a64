// An offline SQLite script does what the online run does: foreign keys off
// before its first BEGIN (so a batch copy of a referenced table cascades
// nothing), and a check before each COMMIT that rolls back a transaction that
// broke a reference. Run here by the real sqlite3 client, as a user would.
import { spawnSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../../src/command/index.js";
import { connect } from "../../../src/dialects/index.js";
import type { Connection } from "../../../src/dialects/contract/index.js";
import { createProject } from "../../runtime/project.js";
import type { Project, RevisionSpec } from "../../runtime/project.js";

const sqlite3 = spawnSync("sqlite3", ["-version"], { encoding: "utf8" });
const haveClient = sqlite3.status === 0;

const projects: Project[] = [];
const opened: Connection[] = [];
afterEach(async () => {
  while (opened.length > 0) await opened.pop()!.close();
  while (projects.length > 0) await projects.pop()!.cleanup();
});

/** parent ← cascade child ← cascade grandchild, and parent ← SET NULL child, with rows. */
const TABLES: RevisionSpec = {
  id: "of0001",
  doc: "tables",
  upgrade: `
  await op.execute("CREATE TABLE \${P}_parent (id integer PRIMARY KEY, name varchar(50) NOT NULL)");
  await op.execute("CREATE TABLE \${P}_kid (id integer PRIMARY KEY, parent_id integer REFERENCES \${P}_parent (id) ON DELETE CASCADE)");
  await op.execute("CREATE TABLE \${P}_grandkid (id integer PRIMARY KEY, kid_id integer REFERENCES \${P}_kid (id) ON DELETE CASCADE)");
  await op.execute("CREATE TABLE \${P}_note (id integer PRIMARY KEY, parent_id integer REFERENCES \${P}_parent (id) ON DELETE SET NULL)");
  await op.execute("INSERT INTO \${P}_parent VALUES (1, 'one'), (2, 'two')");
  await op.execute("INSERT INTO \${P}_kid VALUES (10, 1), (11, 2)");
  await op.execute("INSERT INTO \${P}_grandkid VALUES (100, 10), (101, 11)");
  await op.execute("INSERT INTO \${P}_note VALUES (1000, 1), (1001, 2)");`,
};

const PARENT_AS_IT_IS = JSON.stringify({
  name: "${P}_parent",
  columns: [
    { name: "id", type: { kind: "integer" }, nullable: false },
    { name: "name", type: { kind: "string", length: 50 }, nullable: false },
  ],
  primaryKey: { columns: ["id"] },
  foreignKeys: [],
  uniques: [],
  checks: [],
  indexes: [],
});

const widen = (extra = ""): RevisionSpec => ({
  id: "of0002",
  down: "of0001",
  doc: "widen parent name",
  upgrade: `
  await op.batchAlterTable("\${P}_parent", (b) => b.alterColumn("name", { type: op.type.string(200) }), { recreate: "always", copyFrom: ${PARENT_AS_IT_IS} });${extra}`,
});

/** Every row of the test's tables, the version table's, and the schema text. */
async function snapshot(p: Project, file: string): Promise<{ rows: Record<string, unknown>; schema: unknown }> {
  const db = await connect(`sqlite:///${file}`);
  opened.push(db);
  const schema = (await db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")).rows;
  const rows: Record<string, unknown> = {};
  for (const t of ["parent", "kid", "grandkid", "note"]) rows[t] = (await db.execute(`SELECT * FROM "${p.prefix}_${t}" ORDER BY id`)).rows;
  rows["version"] = (await db.execute(`SELECT version_num FROM "${p.versionTable}"`)).rows;
  return { rows, schema };
}

/** A copy of the database after revision 1, the script from 1 to head, and a way to run it with sqlite3. */
async function prepare(revisions: RevisionSpec[]): Promise<{ p: Project; script: string; fresh(name: string): string }> {
  const p = createProject("sqlite", revisions);
  projects.push(p);
  await command.upgrade(p.config(), "of0001");
  const script = (await command.upgrade(p.config(), "of0001:head", { sql: true })).sql!;
  const base = join(p.dir, "app.db");
  return {
    p,
    script,
    fresh(name) {
      const file = join(p.dir, `${name}.db`);
      copyFileSync(base, file);
      return file;
    },
  };
}

function runClient(file: string, script: string, bail: boolean): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync("sqlite3", [...(bail ? ["-bail"] : []), file], { input: script, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** As a user whose session has foreign keys on would run it. */
const foreignKeysOn = (script: string): string => `PRAGMA foreign_keys = ON;\n${script}`;

describe.skipIf(!haveClient)("an offline SQLite script run by the sqlite3 client", () => {
  it("starts with foreign keys off before BEGIN, checks before COMMIT, and switches them on at the end", async () => {
    const { script } = await prepare([TABLES, widen()]);
    const off = script.indexOf("PRAGMA foreign_keys = OFF;");
    const begin = script.indexOf("BEGIN;");
    const check = script.indexOf("INSERT OR ROLLBACK INTO temp._athanor_foreign_key_check");
    const commit = script.indexOf("COMMIT;");
    expect(off).toBeGreaterThanOrEqual(0);
    expect(off).toBeLessThan(begin);
    expect(begin).toBeLessThan(check);
    expect(check).toBeLessThan(commit);
    expect(script.endsWith("PRAGMA foreign_keys = ON;\n\n")).toBe(true);
    expect(script).toContain('DROP TABLE "');
  });

  it.each([
    ["-bail, foreign keys as the client has them", true, false],
    ["-bail, foreign keys on in the session", true, true],
    ["no -bail, foreign keys on in the session", false, true],
  ])("a batch on a referenced table (%s): nothing deleted or nulled, the schema changed, the version moved", async (_label, bail, on) => {
    const { p, script, fresh } = await prepare([TABLES, widen()]);
    const file = fresh("target");
    const before = await snapshot(p, file);
    const r = runClient(file, on ? foreignKeysOn(script) : script, bail);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const after = await snapshot(p, file);
    expect(after.rows).toEqual({ ...before.rows, version: [{ version_num: "of0002" }] });
    const parentSql = (after.schema as { name: string; sql: string }[]).find((t) => t.name === `${p.prefix}_parent`)?.sql;
    expect(parentSql).toMatch(/VARCHAR\(200\)/i);
    const db = await connect(`sqlite:///${file}`);
    opened.push(db);
    expect((await db.execute(`SELECT "table", on_delete FROM pragma_foreign_key_list('${p.prefix}_note')`)).rows).toEqual([
      { table: `${p.prefix}_parent`, on_delete: "SET NULL" },
    ]);
    expect((await db.execute("PRAGMA foreign_key_check")).rows).toEqual([]);
    expect((await db.execute("SELECT name FROM sqlite_master WHERE name LIKE '_athanor_%'")).rows).toEqual([]);
  });

  it.each([
    ["-bail", true, false],
    ["-bail, foreign keys on in the session", true, true],
    ["no -bail", false, false],
    ["no -bail, foreign keys on in the session", false, true],
  ])("a script whose data breaks a reference fails and leaves the database as before (%s)", async (_label, bail, on) => {
    const { p, script, fresh } = await prepare([TABLES, widen(`\n  await op.execute("DELETE FROM \${P}_parent WHERE id = 2");`)]);
    const file = fresh("target");
    const before = await snapshot(p, file);
    const r = runClient(file, on ? foreignKeysOn(script) : script, bail);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("CHECK constraint failed: athanor_foreign_key_violations");
    // the rows the script broke, listed before the check fails
    expect(r.stdout).toContain(`broken foreign key|main|${p.prefix}_kid|11|${p.prefix}_parent`);
    expect(r.stdout).toContain(`broken foreign key|main|${p.prefix}_note|1001|${p.prefix}_parent`);
    expect(await snapshot(p, file)).toEqual(before);
  });

  it("references already broken before the script are left to their owner", async () => {
    const { p, script, fresh } = await prepare([TABLES, widen()]);
    const file = fresh("target");
    const db = await connect(`sqlite:///${file}?foreign_keys=off`);
    await db.execute(`INSERT INTO "${p.prefix}_kid" VALUES (12, 99)`);
    await db.close();
    const r = runClient(file, foreignKeysOn(script), true);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect((await snapshot(p, file)).rows["version"]).toEqual([{ version_num: "of0002" }]);
  });
});
