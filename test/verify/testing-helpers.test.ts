/**
 * athanor/testing from a vitest test, as a user writes one: a scratch
 * database migrated to a revision, rows inserted, migrated on, rows read
 * back; each built-in verify test run on its own.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createScratchDatabase, MigrationHarness, verifyTest } from "../../src/testing/index.js";
import { liveDialects } from "../support/servers.js";
import type { Project, RevisionSpec } from "../runtime/project.js";
import { brokenSecond, goodRevisions, scratchDatabases, verifyProject } from "./verify-project.js";

const projects: Project[] = [];
afterEach(async () => {
  for (const project of projects.splice(0)) await project.cleanup();
});

const createPeople: RevisionSpec = {
  id: "bb0000000001",
  doc: "create people",
  upgrade: `  await op.createTable("\${P}_people", [op.column("id", op.type.integer(), { primaryKey: true }), op.column("full_name", op.type.string(100))]);`,
  downgrade: `  await op.dropTable("\${P}_people");`,
};

const upperNames: RevisionSpec = {
  id: "bb0000000002",
  down: "bb0000000001",
  doc: "shout names",
  upgrade: `  await op.addColumn("\${P}_people", op.column("loud_name", op.type.string(100)));\n  await op.execute("UPDATE \${P}_people SET loud_name = UPPER(full_name)");`,
  downgrade: `  await op.dropColumn("\${P}_people", "loud_name");`,
};

describe.each(liveDialects())("athanor/testing on %s", (dialect) => {
  it("migrates a scratch database to a revision, takes rows, migrates on, and reads them back", async () => {
    const project = verifyProject(dialect, [createPeople, upperNames], null);
    projects.push(project);
    const before = await scratchDatabases(dialect);
    const db = await MigrationHarness.create(project.config());
    const table = `${project.prefix}_people`;
    try {
      expect(await db.heads()).toEqual([]);
      expect(await db.migrateTo("bb0000000001")).toEqual(["bb0000000001"]);
      await db.insert(table, [
        { id: 2, full_name: "Grace Hopper" },
        { id: 1, full_name: "Ada Lovelace" },
      ]);
      expect(await db.migrateTo("heads")).toEqual(["bb0000000002"]);
      expect(await db.rows(table, { orderBy: "id" })).toEqual([
        { id: 1, full_name: "Ada Lovelace", loud_name: "ADA LOVELACE" },
        { id: 2, full_name: "Grace Hopper", loud_name: "GRACE HOPPER" },
      ]);
      // back down: the column goes, the rows stay
      expect(await db.migrateTo("bb0000000001")).toEqual(["bb0000000001"]);
      expect(await db.rows(table)).toEqual([
        { id: 1, full_name: "Ada Lovelace" },
        { id: 2, full_name: "Grace Hopper" },
      ]);
      expect(await db.migrateTo("base")).toEqual([]);
      // the project's own database is left alone
      expect(await project.tableExists(table)).toBe(false);
    } finally {
      await db.drop();
    }
    expect((await scratchDatabases(dialect)).filter((name) => !before.includes(name))).toEqual([]);
  });

  it("runs the built-in verify tests one at a time", async () => {
    const good = verifyProject(dialect, goodRevisions);
    const bad = verifyProject(dialect, [goodRevisions[0]!, brokenSecond.leavesColumn]);
    projects.push(good, bad);
    expect(await verifyTest(good.config(), "stairway")).toMatchObject({ name: "stairway", status: "passed" });
    expect(await verifyTest(good.config(), "offline-matches")).toMatchObject({ name: "offline-matches", status: "passed" });
    const broken = await verifyTest(bad.config(), "stairway");
    expect(broken).toMatchObject({ name: "stairway", status: "failed", revision: "aa0000000002" });
    expect(broken.reason).toMatch(/column nickname added/);
    expect(await verifyTest(bad.config(), "single-head")).toMatchObject({ status: "passed", reason: "one head: aa0000000002" });
  });

  it("makes and removes a bare scratch database", async () => {
    const project = verifyProject(dialect, [], null);
    projects.push(project);
    const before = await scratchDatabases(dialect);
    const { database, dispose } = await createScratchDatabase(project.url, { cwd: project.dir });
    try {
      expect(database.name).toMatch(/athanor_verify_[0-9a-f]{10}_t/);
      expect(database.url.dialect).toBe(dialect);
      const connection = await database.connect();
      await connection.execute("CREATE TABLE scratch_probe (id integer)");
      expect(await connection.tableExists("scratch_probe")).toBe(true);
    } finally {
      await dispose();
    }
    expect((await scratchDatabases(dialect)).filter((name) => !before.includes(name))).toEqual([]);
  });
});
