// A PostgreSQL materialized view's tablespace, access method and storage
// parameters, declared with the DSL and with drizzle's pgMaterializedView:
// created with them, read back (the defaults as none, so naming them is no
// difference), a change of any found and the view replaced, and the downgrade
// restoring the view as it was.
import { afterEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { integer as pgInteger, pgMaterializedView, pgTable } from "drizzle-orm/pg-core";
import { fromDrizzle } from "../../src/adapters/drizzle/index.js";
import { renderBody } from "../../src/autogenerate/render/index.js";
import { connect, getDialect } from "../../src/dialects/index.js";
import type { Connection } from "../../src/dialects/contract/index.js";
import { MetaData, column } from "../../src/schema/index.js";
import type { View } from "../../src/schema/model.js";
import * as command from "../../src/command/index.js";
import { createProject, type Project } from "../runtime/project.js";
import { liveDialects } from "../support/servers.js";
import { diffs, generate, onlyOurs } from "./round-trip-helpers.js";
import { produceMigrations } from "../../src/command/autogenerate-project.js";
import type { CompareWarning } from "../../src/autogenerate/compare/index.js";

const projects: Project[] = [];
const tablespaces: string[] = [];
afterEach(async () => {
  while (projects.length > 0) {
    const p = projects.pop()!;
    await p.cleanup();
    // a tablespace goes once nothing is stored in it any more
    const db = await connect(p.url);
    try {
      for (const name of tablespaces.splice(0)) await db.execute(`DROP TABLESPACE IF EXISTS ${db.dialect.quoteIdentifier(name)}`);
    } finally {
      await db.close();
    }
  }
});

type Options = Pick<View, "tablespace" | "using" | "with">;

function schema(prefix: string, options: Options): MetaData {
  const metadata = new MetaData();
  metadata.table(`${prefix}_orders`, { id: column.integer().primaryKey(), customer: column.integer().notNull(), total: column.integer().notNull() });
  metadata.materializedView(`${prefix}_totals`, `SELECT customer, sum(total) AS total FROM ${prefix}_orders GROUP BY customer`, options);
  return metadata;
}

async function ourViews(db: Connection, prefix: string): Promise<View[]> {
  return ((await db.dialect.reflect(db, {})).views ?? []).filter((v) => v.name.startsWith(prefix));
}

describe("materialized view options, as data", () => {
  const ddl = getDialect("postgresql").ddl;

  it("compile in the order PostgreSQL takes them; a plain view carrying one is refused", () => {
    const view: View = { name: "totals", definition: "SELECT 1 AS one", materialized: true, using: "heap", with: { fillfactor: 70, autovacuum_enabled: false }, tablespace: "fast" };
    expect(ddl.compile({ kind: "createView", view })).toEqual([
      'CREATE MATERIALIZED VIEW "totals" USING heap WITH (fillfactor = 70, autovacuum_enabled = false) TABLESPACE "fast" AS SELECT 1 AS one',
    ]);
    expect(() => ddl.compile({ kind: "createView", view: { name: "v", definition: "SELECT 1", tablespace: "fast" } })).toThrow(/^View "v": tablespace belong to materialized views$/);
  });

  it("a replace is rendered as the materialized view it is, with its options", () => {
    const view: View = { name: "totals", definition: "SELECT 1 AS one", materialized: true, with: { fillfactor: 80 } };
    const code = renderBody([{ kind: "replaceView", view, existing: { ...view, with: { fillfactor: 70 } } }], { dialect: "postgresql" }).upgrades;
    expect(code).toMatch(/op\.replaceView\("totals", "SELECT 1 AS one", \{[\s\S]*materialized: true,[\s\S]*with: \{ fillfactor: 80 \}/);
  });

  it("drizzle's .tablespace(), .using() and .with() are carried, parameters in PostgreSQL's names", () => {
    const orders = pgTable("orders", { id: pgInteger().primaryKey() });
    const totals = pgMaterializedView("totals")
      .using("heap")
      .tablespace("fast")
      .with({ fillfactor: 70, autovacuumEnabled: false, vacuumIndexCleanup: "off" })
      .as((qb) => qb.select({ n: sql<number>`count(*)`.as("n") }).from(orders));
    const view = fromDrizzle({ orders, totals }).views?.[0];
    expect(view).toMatchObject({ name: "totals", materialized: true, using: "heap", tablespace: "fast", with: { fillfactor: 70, autovacuum_enabled: false, vacuum_index_cleanup: "off" } });
  });
});

describe.runIf(liveDialects().includes("postgresql"))("materialized view options on postgresql", () => {
  it("round-trip: created with them, the defaults named compare equal, a change replaces the view and the downgrade restores it", async () => {
    const p = createProject("postgresql");
    projects.push(p);
    const db = await p.db();
    // an in-place tablespace needs no directory of its own on the server
    const tablespace = `${p.prefix}_ts`;
    await db.execute("SET allow_in_place_tablespaces = on");
    await db.execute(`CREATE TABLESPACE ${db.dialect.quoteIdentifier(tablespace)} LOCATION ''`);
    tablespaces.push(tablespace);

    const first = schema(p.prefix, { using: "heap", tablespace: "pg_default", with: { fillfactor: 70, autovacuum_enabled: false } });
    const second = schema(p.prefix, { tablespace, with: { fillfactor: 80, autovacuum_enabled: "off" } });
    const { upgrade: code1 } = await generate(p, "mv0001", null, first);
    expect(code1).toMatch(/op\.createMaterializedView\([\s\S]*using: "heap"[\s\S]*with: \{ fillfactor: 70, autovacuum_enabled: false \}/);
    await command.upgrade(p.config(), "head");
    expect(await diffs(p, first)).toEqual([]);
    const before = await ourViews(db, p.prefix);
    expect(before[0]).toMatchObject({ materialized: true, with: { fillfactor: 70, autovacuum_enabled: false } });
    expect(before[0]!.tablespace).toBeUndefined();
    expect(before[0]!.using).toBeUndefined();

    const found = await diffs(p, second);
    expect(found.map((d) => (d.kind === "replaceView" ? `${d.kind} ${d.changes.join(",")}` : d.kind))).toEqual(["replaceView tablespace,with"]);
    await generate(p, "mv0002", "mv0001", second);
    await command.upgrade(p.config(), "head");
    expect(await diffs(p, second)).toEqual([]);
    const stored = await db.execute(
      `SELECT c.reloptions::text AS options, t.spcname AS tablespace FROM pg_class c LEFT JOIN pg_tablespace t ON t.oid = c.reltablespace WHERE c.oid = '"${p.prefix}_totals"'::regclass`,
    );
    expect(stored.rows[0]).toEqual({ options: "{fillfactor=80,autovacuum_enabled=off}", tablespace });

    await command.downgrade(p.config(), "mv0001");
    expect(await ourViews(db, p.prefix)).toEqual(before);
    expect(await diffs(p, first)).toEqual([]);
    await command.downgrade(p.config(), "base");
    expect(await ourViews(db, p.prefix)).toEqual([]);
  });

  it("replacing a materialized view that has indexes says they go with it, naming them", async () => {
    const p = createProject("postgresql");
    projects.push(p);
    const db = await p.db();
    const first = schema(p.prefix, {});
    await generate(p, "mv0001", null, first);
    await command.upgrade(p.config(), "head");
    await db.execute(`CREATE UNIQUE INDEX "${p.prefix}_totals_customer" ON "${p.prefix}_totals" (customer)`);
    const warnings: CompareWarning[] = [];
    const produced = await produceMigrations(db, schema(p.prefix, { with: { fillfactor: 50 } }), onlyOurs(p, warnings));
    expect(produced.notCompared).toEqual([`not compared: index "${p.prefix}_totals_customer" on table "${p.prefix}_totals"`]);
    expect(warnings.filter((w) => w.code === "materializedViewIndexes").map((w) => w.message)).toEqual([
      `Materialized view ${p.prefix}_totals is dropped and created again: its index ${p.prefix}_totals_customer goes with it and is not created again; add op.createIndex after it in the revision`,
    ]);
    await command.downgrade(p.config(), "base");
  });

  it("a drizzle materialized view with options is created with them and then compares equal", async () => {
    const p = createProject("postgresql");
    projects.push(p);
    const orders = pgTable(`${p.prefix}_orders`, { id: pgInteger().primaryKey(), total: pgInteger().notNull() });
    const totals = pgMaterializedView(`${p.prefix}_totals`)
      .using("heap")
      .with({ fillfactor: 60, autovacuumEnabled: false })
      .as((qb) => qb.select({ n: sql<number>`count(*)`.as("n") }).from(orders));
    const model = fromDrizzle({ orders, totals });
    await generate(p, "mv0001", null, model);
    await command.upgrade(p.config(), "head");
    expect(await diffs(p, model)).toEqual([]);
    expect((await ourViews(await p.db(), p.prefix))[0]?.with).toEqual({ fillfactor: 60, autovacuum_enabled: false });
    await command.downgrade(p.config(), "base");
  });
});
