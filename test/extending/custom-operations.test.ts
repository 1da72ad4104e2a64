// registerOperation and registerComparator registered from env.ts, on every
// database: a revision using the custom operation upgrades and downgrades
// (read back from the catalog), `--sql` writes its SQL, autogenerate with the
// comparator writes a revision rendering it, and `check` sees the difference.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import type { Connection } from "../../src/dialects/contract/index.js";
import { liveDialects } from "../support/servers.js";
import type { DialectName } from "../support/servers.js";
import { createProject } from "../runtime/project.js";
import type { Project } from "../runtime/project.js";
import { viewsEnv } from "./views-env.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function setUp(dialect: DialectName, env = viewsEnv()): Project {
  const p = createProject(dialect);
  projects.push(p);
  p.writeEnv(env);
  declareViews(p, {});
  return p;
}

function declareViews(p: Project, views: Record<string, string>): void {
  (globalThis as Record<string, unknown>)[`athanorViews_${p.prefix}`] = views;
}

/** The views of the test's prefix, read from the database's catalog. */
async function views(db: Connection, prefix: string): Promise<string[]> {
  const like = `'${prefix}%'`;
  const sql =
    db.dialect.name === "postgresql"
      ? `SELECT viewname AS name FROM pg_views WHERE schemaname = current_schema() AND viewname LIKE ${like}`
      : db.dialect.name === "mysql"
        ? `SELECT table_name AS name FROM information_schema.views WHERE table_schema = DATABASE() AND table_name LIKE ${like}`
        : `SELECT name FROM sqlite_master WHERE type = 'view' AND name LIKE ${like}`;
  return (await db.execute(sql)).rows.map((r) => String(r["name"])).sort();
}

function quoted(dialect: DialectName, name: string): string {
  return dialect === "mysql" ? `\`${name}\`` : `"${name}"`;
}

const itemsTable = `await op.createTable("\${P}_items", [op.column("id", op.type.integer(), { primaryKey: true }), op.column("label", op.type.string(50))]);`;

describe.each(liveDialects())("custom operations and comparators on %s", (dialect) => {
  it("a revision's op.createReportView upgrades, op.dropReportView downgrades; read back from the catalog", async () => {
    const p = setUp(dialect);
    p.write({
      id: "a1",
      upgrade: `${itemsTable}\n  await op.bulkInsert("\${P}_items", [{ id: 1, label: "one" }, { id: 2, label: "two" }]);\n  await op.createReportView("\${P}_v", "SELECT id, label FROM \${P}_items WHERE id > 1");`,
      downgrade: `await op.dropReportView("\${P}_v");\n  await op.dropTable("\${P}_items");`,
    });
    const config = p.config();
    await command.upgrade(config, "head");
    const db = await p.db();
    expect(await views(db, p.prefix)).toEqual([`${p.prefix}_v`]);
    const rows = await db.execute(`SELECT label FROM ${db.dialect.quoteIdentifier(`${p.prefix}_v`)}`);
    expect(rows.rows.map((r) => r["label"])).toEqual(["two"]);
    expect(await p.versionRows()).toEqual(["a1"]);

    await command.downgrade(config, "base");
    expect(await views(db, p.prefix)).toEqual([]);
    expect(await p.tableExists(`${p.prefix}_items`)).toBe(false);
  });

  it("--sql writes the custom operation's SQL for this database, quoted by it", async () => {
    const p = setUp(dialect);
    p.write({ id: "a1", upgrade: `${itemsTable}\n  await op.createReportView("\${P}_v", "SELECT id FROM \${P}_items");`, downgrade: `await op.dropReportView("\${P}_v");` });
    const result = await command.upgrade(p.config(), "head", { sql: true });
    const create = dialect === "sqlite" ? "CREATE VIEW IF NOT EXISTS" : "CREATE VIEW";
    expect(result.sql).toContain(`${create} ${quoted(dialect, `${p.prefix}_v`)} AS SELECT id FROM ${p.prefix}_items;\n`);
    // the SQL comes after the table it selects from, inside the run
    expect(result.sql!.indexOf(create)).toBeGreaterThan(result.sql!.indexOf(`${p.prefix}_items`));
    const down = await command.downgrade(p.config(), "a1:base", { sql: true });
    expect(down.sql).toContain(`DROP VIEW ${quoted(dialect, `${p.prefix}_v`)};\n`);
    // nothing ran
    expect(await views(await p.db(), p.prefix)).toEqual([]);
  });

  it("autogenerate: the comparator's createReportView is rendered in the revision, check sees it, and the revision runs", async () => {
    const p = setUp(dialect);
    const config = p.config();
    const first = await command.revision(config, { message: "items", autogenerate: true });
    expect(readFileSync(first.path!, "utf8")).not.toContain("createReportView");
    await command.upgrade(config, "head");
    expect((await command.check(config)).upToDate).toBe(true);

    declareViews(p, { [`${p.prefix}_v`]: `SELECT id FROM ${p.prefix}_items` });
    const checked = await command.check(config);
    expect(checked.upToDate).toBe(false);
    expect(checked.differences).toEqual([`create view ${p.prefix}_v`]);
    expect(checked.upgrades).toBe(`await op.createReportView("${p.prefix}_v", "SELECT id FROM ${p.prefix}_items");`);

    const second = await command.revision(config, { message: "view", autogenerate: true });
    const text = readFileSync(second.path!, "utf8");
    expect(text).toContain(`await op.createReportView("${p.prefix}_v", "SELECT id FROM ${p.prefix}_items");`);
    expect(text).toContain(`await op.dropReportView("${p.prefix}_v", "SELECT id FROM ${p.prefix}_items");`);

    await command.upgrade(config, "head");
    const db = await p.db();
    expect(await views(db, p.prefix)).toEqual([`${p.prefix}_v`]);
    expect((await command.check(config)).upToDate).toBe(true);

    await command.downgrade(config, "-1");
    expect(await views(db, p.prefix)).toEqual([]);
    expect(await p.tableExists(`${p.prefix}_items`)).toBe(true);
  });

  it("a database the operation has no SQL for, and no default: one error naming the operation and the database; nothing stays applied", async () => {
    const other = dialect === "postgresql" ? "mysql" : "postgresql";
    const p = setUp(dialect, viewsEnv({ sql: `{ ${other}: (view) => "CREATE VIEW " + view.name + " AS " + view.select }` }));
    p.write({ id: "a1", upgrade: `await op.createReportView("\${P}_v", "SELECT 1 AS one");` });
    const error = await command.upgrade(p.config(), "head").then(
      () => undefined,
      (e: unknown) => e as Error & { cause?: Error & { hint?: string } },
    );
    expect(error).toBeDefined();
    const text = `${error!.message} ${error!.cause?.message ?? ""}`;
    expect(text).toContain(`The custom operation createReportView has no SQL for ${dialect} (it has ${other})`);
    expect(error!.cause?.hint).toBe(`give registerOperation's sql a ${dialect} function, or a default`);
    expect(await views(await p.db(), p.prefix)).toEqual([]);
    expect(await p.versionRows()).toEqual(dialect === "mysql" ? [] : null);
  });

  it("batch mode refuses a custom operation aloud, with where to call it instead", async () => {
    const p = setUp(dialect);
    p.write({ id: "a1", upgrade: `${itemsTable}` });
    p.write({
      id: "b2",
      down: "a1",
      upgrade: `await op.batchAlterTable("\${P}_items", (batch) => {\n    batch.createReportView("\${P}_v", "SELECT 1 AS one");\n  });`,
    });
    const config = p.config();
    await command.upgrade(config, "a1");
    const error = await command.upgrade(config, "head").then(
      () => undefined,
      (e: unknown) => e as Error & { cause?: Error },
    );
    const text = `${error?.message} ${error?.cause?.message ?? ""}`;
    expect(text).toContain(`batch.createReportView() cannot run inside batchAlterTable("${p.prefix}_items"): createReportView is a custom operation`);
    expect(await views(await p.db(), p.prefix)).toEqual([]);
    expect(await p.versionRows()).toEqual(["a1"]);
  });
});

describe.each(liveDialects())("registerComparator on %s", (dialect) => {
  it("a table comparator sees each table on both sides and its operations follow the built-in ones, reversed in the downgrade", async () => {
    const { registerComparator } = await import("../../src/autogenerate/comparators/index.js");
    const { registerOperation } = await import("../../src/operations/custom/index.js");
    const { produceMigrations } = await import("../../src/command/autogenerate-project.js");
    const { renderOperations } = await import("../../src/autogenerate/render/index.js");
    const { MetaData, column } = await import("../../src/schema/index.js");
    const p = setUp(dialect);
    const audit = registerOperation({
      name: "enableAudit",
      build: (table: string) => ({ table }),
      reverse: (data) => ({ kind: "execute", sql: `SELECT ${JSON.stringify(data.table)}` }),
      sql: { default: (data, db) => `SELECT ${db.literal(data.table)}` },
      describe: (data) => `enable audit on ${data.table}`,
    });
    const seen: string[] = [];
    const unregister = registerComparator("table", ({ tableName, declaredTable, reflectedTable, dialect: d }) => {
      if (!tableName.startsWith(p.prefix)) return [];
      seen.push(`${tableName}:${declaredTable === undefined ? "-" : "declared"}:${reflectedTable === undefined ? "-" : "reflected"}:${d.name}`);
      return declaredTable !== undefined && reflectedTable === undefined ? [audit.create(tableName)] : [];
    });
    try {
      const db = await p.db();
      await db.execute(`CREATE TABLE ${db.dialect.quoteIdentifier(`${p.prefix}_old`)} (id integer PRIMARY KEY)`);
      const metadata = new MetaData();
      metadata.table(`${p.prefix}_new`, { id: column.integer().primaryKey() });
      const produced = await produceMigrations(db, metadata, { versionTable: p.versionTable, includeName: (name, type) => !["table", "view", "sequence"].includes(type) || name.startsWith(p.prefix) });
      expect(seen.sort()).toEqual([`${p.prefix}_new:declared:-:${dialect}`, `${p.prefix}_old:-:reflected:${dialect}`]);
      expect(produced.upgradeOps.map((o) => o.kind)).toEqual(["createTable", "dropTable", "custom"]);
      expect(produced.diffs.filter((d) => d.kind === "operation").map((d) => (d as { description: string }).description)).toEqual([`enable audit on ${p.prefix}_new`]);
      // the default rendering of an operation without render(): op.invoke with its data
      expect(renderOperations(produced.upgradeOps.slice(-1)).upgrades).toBe(
        `await op.invoke({ kind: "custom", name: "enableAudit", data: { table: "${p.prefix}_new" } });`,
      );
      // its reverse() returned an operation that cannot be undone: reported, left out of the downgrade
      expect(produced.downgradeOps.some((o) => o.kind === "custom")).toBe(false);
    } finally {
      unregister();
      audit.unregister();
    }
  });
});
