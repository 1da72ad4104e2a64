// PostgreSQL row-level security flags and policies through autogenerate on a
// live server: declared with the DSL and with drizzle, created, compared
// equal, changed, given back exactly by the downgrade; the --sql script runs
// through psql.
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { integer, pgPolicy, pgRole, pgTable, text } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { fromDrizzle } from "../../../src/adapters/drizzle/index.js";
import * as command from "../../../src/command/index.js";
import { MetaData, column } from "../../../src/schema/index.js";
import { createProject, type Project } from "../../runtime/project.js";
import { liveDialects } from "../../support/servers.js";
import { catalog, diffs, generate, roundTrip } from "../../autogenerate/round-trip-helpers.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function declare(prefix: string, changed: boolean): MetaData {
  const metadata = new MetaData();
  metadata.table(
    `${prefix}_docs`,
    { id: column.integer().primaryKey(), owner: column.text().notNull(), body: column.text() },
    {
      rowLevelSecurity: changed ? { force: true } : true,
      policies: [
        { name: "docs_read", for: "select", using: changed ? "owner = session_user" : "owner = current_user" },
        ...(changed ? [{ name: "docs_write", as: "restrictive" as const, for: "insert" as const, to: ["public"], withCheck: "owner = current_user AND body IS NOT NULL" }] : []),
      ],
    },
  );
  metadata.table(`${prefix}_notes`, { id: column.integer().primaryKey() }, changed ? {} : { rowLevelSecurity: true, policies: [{ name: "notes_all", using: "true" }] });
  return metadata;
}

async function flags(p: Project, table: string): Promise<{ enabled: boolean; force: boolean; policies: string[] }> {
  const db = await p.db();
  const { rows } = await db.execute(
    `SELECT c.relrowsecurity AS enabled, c.relforcerowsecurity AS force,
       coalesce((SELECT json_agg(polname ORDER BY polname) FROM pg_policy WHERE polrelid = c.oid), '[]'::json) AS policies
     FROM pg_class c WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace`,
    [table],
  );
  const row = rows[0]!;
  return { enabled: row["enabled"] === true, force: row["force"] === true, policies: row["policies"] as string[] };
}

describe.runIf(liveDialects().includes("postgresql"))("row-level security and policies on postgresql", () => {
  it("DSL: are created, compare equal, are changed, and the downgrade restores them", async () => {
    const p = createProject("postgresql");
    projects.push(p);
    const first = declare(p.prefix, false);
    const second = declare(p.prefix, true);
    let afterSecond: Awaited<ReturnType<typeof flags>> | undefined;
    const { detected, code, downgradeCode } = await roundTrip(p, first, second, async () => {
      afterSecond = await flags(p, `${p.prefix}_docs`);
    });
    expect(afterSecond).toEqual({ enabled: true, force: true, policies: ["docs_read", "docs_write"] });
    const kinds = detected.map((d) => `${d.kind}${"policy" in d ? ` ${d.policy.name}` : ""}${"table" in d && typeof d.table === "string" ? ` ${d.table.slice(p.prefix.length)}` : ""}`);
    expect(kinds.sort()).toEqual(
      ["removePolicy docs_read _docs", "addPolicy docs_read _docs", "addPolicy docs_write _docs", "rowLevelSecurity _docs", "removePolicy notes_all _notes", "rowLevelSecurity _notes"].sort(),
    );
    expect(code).toContain(`op.enableRowLevelSecurity("${p.prefix}_docs", { force: true, existingEnabled: true })`);
    expect(code).toContain(`op.createPolicy("docs_write", "${p.prefix}_docs"`);
    expect(code).toContain(`op.disableRowLevelSecurity("${p.prefix}_notes")`);
    expect(downgradeCode).toContain(`op.dropPolicy("docs_write", "${p.prefix}_docs")`);
  });

  it("a table created with row-level security says it in its createTable and in the --sql script, which psql runs", async () => {
    const p = createProject("postgresql");
    projects.push(p);
    const metadata = declare(p.prefix, true);
    const { upgrade } = await generate(p, "rt0001", null, metadata);
    expect(upgrade).toContain("rowLevelSecurity: { force: true }");
    expect(upgrade).toContain(`op.createPolicy("docs_read", "${p.prefix}_docs"`);
    const script = String((await command.upgrade(p.config(), "head", { sql: true }))?.sql ?? "");
    expect(script).toContain(`ALTER TABLE "${p.prefix}_docs" ENABLE ROW LEVEL SECURITY`);
    expect(script).toContain(`ALTER TABLE "${p.prefix}_docs" FORCE ROW LEVEL SECURITY`);
    expect(script).toContain(`CREATE POLICY "docs_write" ON "${p.prefix}_docs" AS RESTRICTIVE FOR INSERT TO PUBLIC WITH CHECK (owner = current_user AND body IS NOT NULL)`);
    const url = new URL(p.url);
    const run = spawnSync("psql", ["-X", "-v", "ON_ERROR_STOP=1", "-q", "-h", url.hostname, "-p", url.port || "5432", "-U", decodeURIComponent(url.username), "-d", url.pathname.slice(1)], {
      input: script,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(await flags(p, `${p.prefix}_docs`)).toEqual({ enabled: true, force: true, policies: ["docs_read", "docs_write"] });
    expect(await diffs(p, metadata)).toEqual([]);
  });

  it("drizzle: .enableRLS(), inline and linked pgPolicy, policies implying row-level security; pgRole reported, not created", async () => {
    const p = createProject("postgresql");
    projects.push(p);
    const reader = pgRole(`${p.prefix}_reader`);
    const build = (changed: boolean): Record<string, unknown> => {
      const plain = pgTable(`${p.prefix}_plain`, { id: integer().primaryKey() }).enableRLS();
      const items = pgTable(`${p.prefix}_items`, { id: integer().primaryKey(), owner: text().notNull() }, (t) => [
        pgPolicy("items_own", { for: "select", to: "public", using: sql`${t.owner} = current_user` }),
        ...(changed ? [pgPolicy("items_add", { as: "restrictive", for: "insert", to: ["current_user"], withCheck: sql`${t.owner} = current_user` })] : []),
      ]);
      const linked = pgPolicy("plain_linked", { for: changed ? "update" : "delete", using: sql`true` }).link(plain);
      return { plain, items, linked, reader };
    };
    const first = fromDrizzle(build(false));
    const second = fromDrizzle(build(true));
    expect(first.tables.find((t) => t.name === `${p.prefix}_items`)?.rowLevelSecurity).toEqual({ enabled: true });
    expect(first.notModelled).toContainEqual({ kind: "role", name: `${p.prefix}_reader` });
    const { code } = await roundTrip(p, first, second, async () => {
      expect(await flags(p, `${p.prefix}_plain`)).toEqual({ enabled: true, force: false, policies: ["plain_linked"] });
      expect(await flags(p, `${p.prefix}_items`)).toEqual({ enabled: true, force: false, policies: ["items_add", "items_own"] });
      // The role is cluster-wide: never created.
      const db = await p.db();
      const { rows } = await db.execute("SELECT 1 FROM pg_roles WHERE rolname = $1", [`${p.prefix}_reader`]);
      expect(rows).toEqual([]);
    });
    // The linked policy's command changed: dropped and created again.
    expect(code).toContain(`op.dropPolicy("plain_linked", "${p.prefix}_plain")`);
    expect(code).toContain(`op.createPolicy("plain_linked", "${p.prefix}_plain", { for: "update", using: "true" })`);
  });

  it("a dropped table's downgrade creates it again with its flags and policies", async () => {
    const p = createProject("postgresql");
    projects.push(p);
    const first = declare(p.prefix, true);
    const second = new MetaData();
    second.table(`${p.prefix}_notes`, { id: column.integer().primaryKey() });
    const { downgradeCode } = await roundTrip(p, first, second);
    expect(downgradeCode).toContain("rowLevelSecurity: { force: true }");
    expect(downgradeCode).toContain('name: "docs_write"');
  });

  it("the reflected catalog carries the flags and the policies, conditions as PostgreSQL prints them", async () => {
    const p = createProject("postgresql");
    projects.push(p);
    await generate(p, "rt0001", null, declare(p.prefix, true));
    await command.upgrade(p.config(), "head");
    const docs = (await catalog(p)).find((t) => t.name === `${p.prefix}_docs`)!;
    expect(docs.rowLevelSecurity).toEqual({ enabled: true, force: true });
    expect(docs.policies).toEqual([
      { name: "docs_read", for: "select", using: "owner = SESSION_USER" },
      { name: "docs_write", as: "restrictive", for: "insert", withCheck: "owner = CURRENT_USER AND body IS NOT NULL" },
    ]);
  });
});
