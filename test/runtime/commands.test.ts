import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import { liveDialects } from "../support/servers.js";
import { createProject, tableRevision } from "./project.js";
import type { Project } from "./project.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function project(dialect: Parameters<typeof createProject>[0], ...args: Parameters<typeof createProject> extends [unknown, ...infer R] ? R : never): Project {
  const p = createProject(dialect, ...args);
  projects.push(p);
  return p;
}

describe.each(liveDialects())("upgrade, downgrade, stamp, current on %s", (dialect) => {
  it("runs a linear history up and down with the version table right after each command", async () => {
    const p = project(dialect, [
      tableRevision("aaa001", null, "one"),
      tableRevision("bbb002", "aaa001", "two"),
      tableRevision("ccc003", "bbb002", "three"),
    ]);
    const config = p.config();

    const lines: string[] = [];
    const up = await command.upgrade(config, "head", { output: { info: (l) => lines.push(l) } });
    expect(up.steps.map((s) => [s.kind, s.revision])).toEqual([
      ["upgrade", "aaa001"],
      ["upgrade", "bbb002"],
      ["upgrade", "ccc003"],
    ]);
    expect(up.initialHeads).toEqual([]);
    expect(up.heads).toEqual(["ccc003"]);
    expect(lines).toEqual([
      "Running upgrade  -> aaa001, create one",
      "Running upgrade aaa001 -> bbb002, create two",
      "Running upgrade bbb002 -> ccc003, create three",
    ]);
    expect(await p.versionRows()).toEqual(["ccc003"]);
    for (const t of ["one", "two", "three"]) expect(await p.tableExists(`${p.prefix}_${t}`)).toBe(true);

    const cur = await command.current(config);
    expect(cur.heads.map((h) => [h.revision, h.isHead, h.known])).toEqual([["ccc003", true, true]]);
    expect(cur.atHeads).toBe(true);
    await expect(command.current(config, { checkHeads: true })).resolves.toBeTruthy();

    const down = await command.downgrade(config, "-1");
    expect(down.steps.map((s) => [s.kind, s.revision, s.toRevisions])).toEqual([["downgrade", "ccc003", ["bbb002"]]]);
    expect(await p.versionRows()).toEqual(["bbb002"]);
    expect(await p.tableExists(`${p.prefix}_three`)).toBe(false);
    await expect(command.current(config, { checkHeads: true })).rejects.toThrow(/not on all head revisions/);

    await command.downgrade(config, "base");
    expect(await p.versionRows()).toEqual([]);
    expect(await p.tableExists(`${p.prefix}_one`)).toBe(false);

    const plus = await command.upgrade(config, "+2");
    expect(plus.heads).toEqual(["bbb002"]);
    expect(await p.versionRows()).toEqual(["bbb002"]);

    // upgrading when already at head does nothing
    await command.upgrade(config, "head");
    const again = await command.upgrade(config, "head");
    expect(again.steps).toEqual([]);
    expect(await p.versionRows()).toEqual(["ccc003"]);
  });

  it("current never creates the version table", async () => {
    const p = project(dialect, [tableRevision("aaa001", null, "one")]);
    await p.db(); // an existing, empty database (current refuses a SQLite file that does not exist)
    const cur = await command.current(p.config());
    expect(cur.heads).toEqual([]);
    expect(cur.atHeads).toBe(false);
    expect(await p.versionRows()).toBeNull();
    await expect(command.current(p.config(), { checkHeads: true })).rejects.toThrow(/not on all head revisions/);
  });

  it("keeps one row per branch head and merges them", async () => {
    const p = project(dialect, [
      tableRevision("base01", null, "root"),
      tableRevision("left01", "base01", "left", { branchLabels: ["left"] }),
      tableRevision("right1", "base01", "right", { branchLabels: ["right"] }),
    ]);
    const config = p.config();
    await command.upgrade(config, "left@head");
    expect(await p.versionRows()).toEqual(["left01"]);
    const both = await command.upgrade(config, "heads");
    expect(both.steps.map((s) => s.revision)).toEqual(["right1"]);
    expect(await p.versionRows()).toEqual(["left01", "right1"]);
    const cur = await command.current(config);
    expect(cur.heads.map((h) => h.revision).sort()).toEqual(["left01", "right1"]);
    expect(cur.atHeads).toBe(true);

    p.write({ id: "merge1", down: ["left01", "right1"], doc: "merge" });
    await command.upgrade(p.config(), "head");
    expect(await p.versionRows()).toEqual(["merge1"]);

    await command.downgrade(p.config(), "left01");
    expect(await p.versionRows()).toEqual(["left01", "right1"]);

    await command.downgrade(p.config(), "right@-1");
    expect(await p.versionRows()).toEqual(["left01"]);
    expect(await p.tableExists(`${p.prefix}_right`)).toBe(false);
    expect(await p.tableExists(`${p.prefix}_left`)).toBe(true);

    await command.downgrade(p.config(), "base");
    expect(await p.versionRows()).toEqual([]);
    expect(await p.tableExists(`${p.prefix}_root`)).toBe(false);
  });

  it("stamps without running anything: one or several targets, base, purge", async () => {
    const p = project(dialect, [
      tableRevision("base01", null, "root"),
      tableRevision("left01", "base01", "left"),
      tableRevision("right1", "base01", "right"),
    ]);
    const config = p.config();
    const s1 = await command.stamp(config, "base01");
    expect(s1.steps.map((s) => s.kind)).toEqual(["stamp"]);
    expect(await p.versionRows()).toEqual(["base01"]);
    expect(await p.tableExists(`${p.prefix}_root`)).toBe(false);

    await command.stamp(config, ["left01", "right1"]);
    expect(await p.versionRows()).toEqual(["left01", "right1"]);

    await command.stamp(config, "base");
    expect(await p.versionRows()).toEqual([]);

    await command.stamp(config, "heads");
    expect(await p.versionRows()).toEqual(["left01", "right1"]);

    // a row no script knows: only --purge repairs it
    const db = await p.db();
    await db.execute(`INSERT INTO ${db.dialect.quoteTable(p.versionTable)} (version_num) VALUES ('deadbeef')`);
    const cur = await command.current(config);
    expect(cur.heads.find((h) => h.revision === "deadbeef")?.known).toBe(false);
    await expect(command.upgrade(config, "heads")).rejects.toThrow(/names a revision no script defines: deadbeef/);
    await expect(command.stamp(config, "left01")).rejects.toMatchObject({ hint: expect.stringMatching(/stamp --purge/) });
    const purged = await command.stamp(config, "left01", { purge: true });
    expect(purged.initialHeads).toEqual([]);
    expect(await p.versionRows()).toEqual(["left01"]);
    await expect(command.stamp(config, "head", { sql: true, purge: true })).rejects.toThrow(/--purge with --sql/);
  });

  it("ensure-version creates the empty table once", async () => {
    const p = project(dialect, [tableRevision("aaa001", null, "one")]);
    expect(await p.versionRows()).toBeNull();
    await command.ensureVersion(p.config());
    expect(await p.versionRows()).toEqual([]);
    await command.ensureVersion(p.config());
    expect(await p.versionRows()).toEqual([]);
  });

  it("honours the version table name and a range is refused online", async () => {
    const p = project(dialect, [tableRevision("aaa001", null, "one")]);
    const other = `${p.prefix}_other_version`;
    await command.upgrade(p.config({ versionTable: other }), "head");
    expect(await p.versionRows(other)).toEqual(["aaa001"]);
    expect(await p.versionRows()).toBeNull();
    await expect(command.upgrade(p.config(), "base:head")).rejects.toThrow(/Range revision not allowed/);
    await expect(command.downgrade(p.config(), "head", { sql: true })).rejects.toThrow(/requires <fromrev>:<torev>/);
  });

  it("migrates through a connection handed in as config.attributes.connection, and leaves its transaction to the caller", async () => {
    const p = project(dialect, [tableRevision("aaa001", null, "one"), tableRevision("bbb002", "aaa001", "two")]);
    const { connect } = await import("../../src/dialects/index.js");
    const shared = await connect(p.url);
    try {
      const config = p.config();
      config.attributes["connection"] = shared;
      const result = await command.upgrade(config, "aaa001");
      expect(result.heads).toEqual(["aaa001"]);
      // still open and usable
      const rows = await shared.execute(`SELECT version_num FROM ${shared.dialect.quoteTable(p.versionTable)}`);
      expect(rows.rows.map((r) => r["version_num"])).toEqual(["aaa001"]);
      expect(await p.versionRows()).toEqual(["aaa001"]);

      if (dialect !== "mysql") {
        // inside the caller's transaction: nothing is committed until the caller says so
        await shared.begin();
        await command.upgrade(config, "head");
        expect(shared.inTransaction).toBe(true);
        await shared.rollback();
        expect(await p.versionRows()).toEqual(["aaa001"]);
        expect(await p.tableExists(`${p.prefix}_two`)).toBe(false);
      }
    } finally {
      await shared.close();
    }
  });

  it("calls onVersionApply and hands op the dialect, queries and op.sql values", async () => {
    const p = project(dialect, [
      tableRevision("aaa001", null, "one"),
      {
        id: "bbb002",
        down: "aaa001",
        doc: "data",
        upgrade: [
          `  await op.execute(op.sql\`INSERT INTO \${P}_one (id) VALUES (\${7})\`);`,
          `  await op.execute(op.sql\`INSERT INTO \${op.identifier("\${P}_one")} (id) VALUES (\${op.literal(8)})\`);`,
          `  const rows = await op.query("SELECT id FROM \${P}_one ORDER BY id");`,
          `  if (rows.map((r) => Number(r.id)).join(",") !== "7,8") throw new Error("rows: " + JSON.stringify(rows));`,
          `  if (op.dialect !== ${JSON.stringify(dialect)} || op.isOffline) throw new Error("context");`,
        ].join("\n"),
        downgrade: `  await op.execute("DELETE FROM \${P}_one");`,
      },
    ]);
    p.writeEnv(`
export default {
  onVersionApply(info) {
    globalThis.__applied ??= [];
    globalThis.__applied.push([info.isUpgrade, info.revision, [...info.heads]]);
  },
};
`);
    (globalThis as { __applied?: unknown[] }).__applied = [];
    await command.upgrade(p.config(), "head");
    expect((globalThis as { __applied?: unknown[] }).__applied).toEqual([
      [true, "aaa001", ["aaa001"]],
      [true, "bbb002", ["bbb002"]],
    ]);
    expect(await p.versionRows()).toEqual(["bbb002"]);
  });
});

describe("environments with several databases and shared connections (SQLite)", () => {
  it("migrates every entry of `databases`, each with its own version table row, and op.database names it", async () => {
    const p = project("sqlite", [
      {
        id: "aaa001",
        down: null,
        doc: "per database",
        upgrade: `  await op.execute("CREATE TABLE \${P}_" + op.database + " (id integer PRIMARY KEY)");`,
        downgrade: `  await op.execute("DROP TABLE \${P}_" + op.database);`,
      },
    ]);
    const second = `sqlite:///${p.dir}/second.db`;
    const config = p.config({ url: undefined, databases: { main: { url: p.url }, audit: { url: second } } });
    const lines: string[] = [];
    const result = await command.upgrade(config, "head", { output: { info: (l) => lines.push(l) } });
    expect(result.steps.map((s) => [s.database, s.revision])).toEqual([
      ["main", "aaa001"],
      ["audit", "aaa001"],
    ]);
    expect(lines).toEqual(["[main] Running upgrade  -> aaa001, per database", "[audit] Running upgrade  -> aaa001, per database"]);
    expect(await p.tableExists(`${p.prefix}_main`)).toBe(true);
    const { connect } = await import("../../src/dialects/index.js");
    const audit = await connect(second);
    try {
      expect(await audit.tableExists(`${p.prefix}_audit`)).toBe(true);
      const rows = await audit.execute(`SELECT version_num FROM "${p.versionTable}"`);
      expect(rows.rows.map((r) => r["version_num"])).toEqual(["aaa001"]);
    } finally {
      await audit.close();
    }
  });

  it("run(context) can migrate through a connection it opened and keeps it open", async () => {
    const p = project("sqlite", [tableRevision("aaa001", null, "one"), tableRevision("bbb002", "aaa001", "two")]);
    p.writeEnv(`
export default {
  async run(context) {
    const connection = await context.connect();
    const result = await context.runMigrations({ connection });
    // still usable after the run
    const rows = await connection.execute("SELECT version_num FROM \\"${p.versionTable}\\"");
    globalThis.__shared = { heads: result.heads, rows: rows.rows.map((r) => r.version_num) };
  },
};
`);
    await command.upgrade(p.config(), "head");
    expect((globalThis as { __shared?: unknown }).__shared).toEqual({ heads: ["bbb002"], rows: ["bbb002"] });
  });
});

describe("the programmatic API", () => {
  it("import { command, Config } from the package runs a migration and returns its result", async () => {
    const { command: api, Config: ConfigClass } = await import("../../src/index.js");
    const p = project("sqlite", [tableRevision("aaa001", null, "one")]);
    const config = ConfigClass.from({ scriptLocation: "migrations", url: p.url, versionTable: p.versionTable }, { baseDir: p.dir });
    const result = await api.upgrade(config, "head");
    expect(result).toMatchObject({ initialHeads: [], heads: ["aaa001"], steps: [{ kind: "upgrade", revision: "aaa001", doc: "create one" }] });
    expect((await api.current(config)).heads.map((h) => h.revision)).toEqual(["aaa001"]);
  });
});

describe("current with dependencies (SQLite)", () => {
  it("lists a revision implied through dependsOn, as Alembic does, next to the raw rows", async () => {
    const p = project("sqlite", [
      tableRevision("a1", null, "a1", { branchLabels: ["A"] }),
      tableRevision("b1", null, "b1", { branchLabels: ["B"] }),
      tableRevision("b2", "b1", "b2", { dependsOn: ["a1"] }),
      tableRevision("a2", "a1", "a2"),
    ]);
    const config = p.config();
    const up = await command.upgrade(config, "b2");
    expect(up.steps.map((s) => s.revision)).toEqual(["a1", "b1", "b2"]);
    expect(await p.versionRows()).toEqual(["b2"]);
    const cur = await command.current(config);
    expect(cur.rows).toEqual(["b2"]);
    expect(cur.heads.map((h) => h.revision).sort()).toEqual(["a1", "b2"]);
    await command.upgrade(config, "heads");
    expect(await p.versionRows()).toEqual(["a2", "b2"]);
    expect((await command.current(config)).atHeads).toBe(true);
    await command.downgrade(config, "base");
    expect(await p.versionRows()).toEqual([]);
  });
});
