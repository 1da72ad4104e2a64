// Conformance: what a run needs of every database. The migration lock is held
// for the whole run and let go after it; the version table has one row per
// head, with the shape Alembic gives it; a failing revision leaves the
// database as the dialect's transactionalDdl says.
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../../src/command/index.js";
import { connect } from "../../../src/dialects/index.js";
import type { Connection } from "../../../src/dialects/contract/index.js";
import { AthanorError } from "../../../src/util/errors.js";
import { createProject, tableRevision } from "../../runtime/project.js";
import type { Project, RevisionSpec } from "../../runtime/project.js";
import { conformanceDialects } from "./targets.js";

const projects: Project[] = [];
const connections: Connection[] = [];
afterEach(async () => {
  while (connections.length > 0) await connections.pop()!.close().catch(() => undefined);
  while (projects.length > 0) await projects.pop()!.cleanup();
});

async function other(p: Project): Promise<Connection> {
  const c = await connect(p.url);
  connections.push(c);
  return c;
}

/** The lock a run on this project takes (one per version table). */
const lockOf = (p: Project): string => `athanor:${p.versionTable}`;

const hook = globalThis as { __conformanceStep?: (revision: string | null) => Promise<void> };

describe.each(conformanceDialects())("migration runtime on %s", (dialect) => {
  it("the lock is taken before the run reads the version table, held through it, and released after", async () => {
    const p = createProject(dialect, [tableRevision("lk0001", null, "one"), tableRevision("lk0002", "lk0001", "two")]);
    projects.push(p);
    const holder = await other(p);
    await holder.acquireLock(lockOf(p), 1000);
    // A run that cannot take the lock fails clearly and changes nothing.
    const refused = command.upgrade(p.config({ lockTimeout: 300 }), "head");
    await expect(refused).rejects.toThrow(AthanorError);
    await expect(refused).rejects.toThrow(/Another migration holds the lock/);
    expect(await p.versionRows()).toBeNull();
    expect(await p.tableExists(`${p.prefix}_one`)).toBe(false);
    await holder.releaseLock(lockOf(p));

    // During the run another session cannot take it.
    const seen: boolean[] = [];
    p.writeEnv(`export default { async onVersionApply(info) { await globalThis.__conformanceStep(info.revision); } };`);
    hook.__conformanceStep = async () => {
      try {
        await holder.acquireLock(lockOf(p), 100);
        await holder.releaseLock(lockOf(p));
        seen.push(false);
      } catch {
        seen.push(true);
      }
    };
    try {
      await command.upgrade(p.config(), "head");
    } finally {
      delete hook.__conformanceStep;
    }
    expect(seen).toEqual([true, true]);
    // After it, at once.
    await holder.acquireLock(lockOf(p), 100);
    await holder.releaseLock(lockOf(p));
    expect(await p.versionRows()).toEqual(["lk0002"]);
  });

  it("the version table holds one row per head: branches, their merge, downgrades, base", async () => {
    const revisions: RevisionSpec[] = [
      tableRevision("vt0001", null, "root"),
      tableRevision("vt0002", "vt0001", "left"),
      tableRevision("vt0003", "vt0001", "right"),
      { id: "vt0004", down: ["vt0002", "vt0003"], doc: "merge" },
    ];
    const p = createProject(dialect, revisions);
    projects.push(p);
    const config = p.config();
    await command.upgrade(config, "vt0001");
    expect(await p.versionRows()).toEqual(["vt0001"]);
    await command.upgrade(config, "vt0002");
    await command.upgrade(config, "vt0003");
    expect(await p.versionRows()).toEqual(["vt0002", "vt0003"]);
    await command.upgrade(config, "heads");
    expect(await p.versionRows()).toEqual(["vt0004"]);
    // undoing the merge leaves both branches' heads again
    await command.downgrade(config, "vt0002");
    expect(await p.versionRows()).toEqual(["vt0002", "vt0003"]);
    await command.downgrade(config, "vt0001");
    expect(await p.versionRows()).toEqual(["vt0001"]);
    expect(await p.tableExists(`${p.prefix}_left`)).toBe(false);
    await command.downgrade(config, "base");
    expect(await p.versionRows()).toEqual([]);
    expect(await p.tableExists(`${p.prefix}_root`)).toBe(false);

    // version_num varchar(32), the primary key, as Alembic has it
    const db = await other(p);
    const table = (await db.dialect.reflect!(db, { tables: [p.versionTable] })).tables[0];
    expect(table?.columns).toEqual([{ name: "version_num", type: { kind: "string", length: 32 }, nullable: false }]);
    expect(table?.primaryKey?.columns).toEqual(["version_num"]);
  });

  it("a failing revision leaves what the dialect's transactionalDdl says: nothing of the run, or the revisions before it and its DDL", async () => {
    const revisions: RevisionSpec[] = [
      tableRevision("fr0001", null, "one"),
      tableRevision("fr0002", "fr0001", "two", {
        upgrade: `  await op.execute("CREATE TABLE \${P}_two (id integer PRIMARY KEY)");\n  await op.execute("SELECT * FROM \${P}_no_such_table");`,
      }),
    ];
    const p = createProject(dialect, revisions);
    projects.push(p);
    const db = await other(p);
    await expect(command.upgrade(p.config(), "head")).rejects.toThrow(/fr0002/);
    if (db.dialect.transactionalDdl) {
      // one transaction for the run: all of it rolled back
      expect(await p.tableExists(`${p.prefix}_one`)).toBe(false);
      expect(await p.tableExists(`${p.prefix}_two`)).toBe(false);
      expect(await p.versionRows()).toBeNull();
    } else {
      // DDL commits as it runs: the revisions before stay applied and recorded, and so does the DDL the failing one ran
      expect(await p.tableExists(`${p.prefix}_one`)).toBe(true);
      expect(await p.tableExists(`${p.prefix}_two`)).toBe(true);
      expect(await p.versionRows()).toEqual(["fr0001"]);
    }
    expect(db.inTransaction).toBe(false);
  });

  it("with transactionPerMigration, the revisions before a failing one stay applied and recorded", async () => {
    const revisions: RevisionSpec[] = [
      tableRevision("tp0001", null, "one"),
      tableRevision("tp0002", "tp0001", "two", {
        upgrade: `  await op.execute("CREATE TABLE \${P}_two (id integer PRIMARY KEY)");\n  await op.execute("SELECT * FROM \${P}_no_such_table");`,
      }),
    ];
    const p = createProject(dialect, revisions);
    projects.push(p);
    p.writeEnv("export default { transactionPerMigration: true };");
    const db = await other(p);
    await expect(command.upgrade(p.config(), "head")).rejects.toThrow(/tp0002/);
    expect(await p.tableExists(`${p.prefix}_one`)).toBe(true);
    expect(await p.versionRows()).toEqual(["tp0001"]);
    // the failing revision's DDL rolled back with it only where DDL is transactional
    expect(await p.tableExists(`${p.prefix}_two`)).toBe(!db.dialect.transactionalDdl);
  });
});
