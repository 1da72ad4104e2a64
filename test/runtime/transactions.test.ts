// What another connection sees while a run is under way: nothing until the end
// (one transaction), or each revision as it finishes (per migration, MySQL).
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import { connect } from "../../src/dialects/index.js";
import type { Connection } from "../../src/dialects/contract/index.js";
import { liveDialects } from "../support/servers.js";
import { createProject, tableRevision } from "./project.js";
import type { Project } from "./project.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

type Seen = { revision: string | null; rows: string[] | null };
const hook = globalThis as { __observe?: (revision: string | null) => Promise<void> };

/** env.ts calling back into the test after every step. */
const ENV = (extra: string): string => `
export default {
  ${extra}
  async onVersionApply(info) {
    await globalThis.__observe(info.revision);
  },
};
`;

async function observeRun(p: Project, env: string): Promise<Seen[]> {
  p.writeEnv(ENV(env));
  const other: Connection = await connect(p.url);
  const seen: Seen[] = [];
  hook.__observe = async (revision) => {
    const exists = await other.tableExists(p.versionTable);
    const rows = exists
      ? (await other.execute(`SELECT version_num FROM ${other.dialect.quoteTable(p.versionTable)}`)).rows.map((r) =>
          String(r["version_num"]),
        )
      : null;
    seen.push({ revision, rows });
  };
  try {
    await command.upgrade(p.config(), "head");
  } finally {
    await other.close();
    delete hook.__observe;
  }
  return seen;
}

describe.each(liveDialects())("transactions on %s", (dialect) => {
  const revisions = (): ReturnType<typeof tableRevision>[] => [
    tableRevision("aaa001", null, "one"),
    tableRevision("bbb002", "aaa001", "two"),
    tableRevision("ccc003", "bbb002", "three"),
  ];

  it("by default: others see nothing of the run until it ends, where DDL is transactional", async () => {
    const p = createProject(dialect, revisions());
    projects.push(p);
    const seen = await observeRun(p, "");
    if (dialect === "mysql") {
      // each revision is committed with its version row as it finishes
      expect(seen).toEqual([
        { revision: "aaa001", rows: ["aaa001"] },
        { revision: "bbb002", rows: ["bbb002"] },
        { revision: "ccc003", rows: ["ccc003"] },
      ]);
    } else {
      expect(seen).toEqual([
        { revision: "aaa001", rows: null },
        { revision: "bbb002", rows: null },
        { revision: "ccc003", rows: null },
      ]);
    }
    expect(await p.versionRows()).toEqual(["ccc003"]);
  });

  it("with transactionPerMigration: each revision is visible as soon as it finishes", async () => {
    const p = createProject(dialect, revisions());
    projects.push(p);
    await command.ensureVersion(p.config());
    const seen = await observeRun(p, "transactionPerMigration: true,");
    expect(seen).toEqual([
      { revision: "aaa001", rows: ["aaa001"] },
      { revision: "bbb002", rows: ["bbb002"] },
      { revision: "ccc003", rows: ["ccc003"] },
    ]);
  });
});

describe.skipIf(!liveDialects().includes("postgresql"))("tenants in their own schemas (PostgreSQL)", () => {
  it("run(context) migrates each tenant schema with its own version table", async () => {
    const p = createProject("postgresql", [
      {
        id: "aaa001",
        down: null,
        doc: "accounts per tenant",
        upgrade: `  await op.execute(op.sql\`CREATE TABLE \${op.identifier("accounts", op.database)} (id integer PRIMARY KEY)\`);`,
        downgrade: `  await op.execute(op.sql\`DROP TABLE \${op.identifier("accounts", op.database)}\`);`,
      },
    ]);
    projects.push(p);
    const tenants = [`${p.prefix}_acme`, `${p.prefix}_globex`];
    const admin = await p.db();
    for (const t of tenants) await admin.execute(`CREATE SCHEMA "${t}"`);
    try {
      p.writeEnv(`
export default {
  async run(context) {
    const connection = await context.connect();
    for (const tenant of ${JSON.stringify(tenants)}) {
      await context.runMigrations({ connection, versionTableSchema: tenant, database: tenant });
    }
  },
};
`);
      const result = await command.upgrade(p.config(), "head");
      expect(result.steps.map((s) => s.database)).toEqual(tenants);
      for (const t of tenants) {
        const rows = await admin.execute(`SELECT version_num FROM "${t}"."${p.versionTable}"`);
        expect(rows.rows.map((r) => r["version_num"])).toEqual(["aaa001"]);
        expect(await admin.tableExists("accounts", t)).toBe(true);
      }
      // the default schema was not touched
      expect(await p.versionRows()).toBeNull();
      const down = await command.downgrade(p.config(), "base");
      expect(down.steps).toHaveLength(2);
      for (const t of tenants) expect(await admin.tableExists("accounts", t)).toBe(false);
    } finally {
      for (const t of tenants) await admin.execute(`DROP SCHEMA IF EXISTS "${t}" CASCADE`);
    }
  });
});

describe.each(liveDialects())("the lock from the runtime's side on %s", (dialect) => {
  it("waits for a lock held elsewhere, gives up after lockTimeout with a clear error, and runs once it is free", async () => {
    const p = createProject(dialect, [tableRevision("aaa001", null, "one")]);
    projects.push(p);
    const holder = await connect(p.url);
    try {
      await holder.acquireLock(`athanor:${p.versionTable}`, 5_000);
      const started = Date.now();
      await expect(command.upgrade(p.config({ lockTimeout: 400 }), "head")).rejects.toThrow(/holds the lock/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(350);
      expect(await p.versionRows()).toBeNull();
      // a reader does not wait for the lock
      expect((await command.current(p.config({ lockTimeout: 400 }))).heads).toEqual([]);
      await holder.releaseLock(`athanor:${p.versionTable}`);
      await command.upgrade(p.config({ lockTimeout: 400 }), "head");
      expect(await p.versionRows()).toEqual(["aaa001"]);
    } finally {
      await holder.close();
    }
  });
});
