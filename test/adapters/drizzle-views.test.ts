// drizzle views (pgView, pgMaterializedView, mysqlView, sqliteView) as
// autogenerate's target on each live database: their queries are compiled by
// drizzle's own dialect, created after the tables and views they read, compare
// equal afterwards, and the downgrade removes them; an `.existing()` view is
// said to be not compared and left alone.
import { afterAll, describe, expect, test } from "vitest";
import { eq, gt, sql } from "drizzle-orm";
import { boolean as pgBoolean, integer as pgInteger, pgMaterializedView, pgTable, pgView, text as pgText } from "drizzle-orm/pg-core";
import { boolean as myBoolean, int as myInt, mysqlTable, mysqlView, varchar as myVarchar } from "drizzle-orm/mysql-core";
import { integer as liteInteger, sqliteTable, sqliteView, text as liteText } from "drizzle-orm/sqlite-core";
import { fromDrizzle } from "../../src/adapters/drizzle/index.js";
import { compareMetadata, produceMigrations } from "../../src/command/autogenerate-project.js";
import { connect } from "../../src/dialects/index.js";
import type { Connection, SchemaOperation } from "../../src/dialects/contract/index.js";
import type { CompareWarning } from "../../src/autogenerate/compare/types.js";
import { liveUrl, uniqueName } from "../dialects/helpers.js";
import { liveDialects, type DialectName } from "../support/servers.js";

/** A table, a view on it, a view on that view (declared first), an existing view; PostgreSQL adds a materialized view. */
function schema(dialect: DialectName, p: string): Record<string, unknown> {
  if (dialect === "postgresql") {
    const users = pgTable(`${p}users`, { id: pgInteger().primaryKey(), email: pgText().notNull(), active: pgBoolean().notNull() });
    const active = pgView(`${p}active`).with({ checkOption: "cascaded", securityBarrier: true }).as((qb) => qb.select({ id: users.id, email: users.email }).from(users).where(eq(users.active, true)));
    const recent = pgView(`${p}recent`).as((qb) => qb.select().from(active).where(gt(active.id, 10)));
    const counts = pgMaterializedView(`${p}counts`).withNoData().as((qb) => qb.select({ n: sql<number>`count(*)`.as("n") }).from(users));
    const legacy = pgView(`${p}legacy`, { id: pgInteger() }).existing();
    return { recent, users, active, counts, legacy };
  }
  if (dialect === "mysql") {
    const users = mysqlTable(`${p}users`, { id: myInt().primaryKey(), email: myVarchar({ length: 100 }).notNull(), active: myBoolean().notNull() });
    const active = mysqlView(`${p}active`).algorithm("merge").sqlSecurity("invoker").withCheckOption("cascaded").as((qb) => qb.select({ id: users.id, email: users.email }).from(users).where(eq(users.active, true)));
    const recent = mysqlView(`${p}recent`).as((qb) => qb.select().from(active).where(gt(active.id, 10)));
    const legacy = mysqlView(`${p}legacy`, { id: myInt() }).existing();
    return { recent, users, active, legacy };
  }
  const users = sqliteTable(`${p}users`, { id: liteInteger().primaryKey(), email: liteText().notNull(), active: liteInteger({ mode: "boolean" }).notNull() });
  const active = sqliteView(`${p}active`).as((qb) => qb.select({ id: users.id, email: users.email }).from(users).where(eq(users.active, true)));
  const recent = sqliteView(`${p}recent`).as((qb) => qb.select().from(active).where(gt(active.id, 10)));
  const legacy = sqliteView(`${p}legacy`, { id: liteInteger() }).existing();
  return { recent, users, active, legacy };
}

describe("drizzle views", () => {
  const open: Connection[] = [];
  afterAll(async () => {
    for (const connection of open) await connection.close();
  });

  test.each(liveDialects())("%s: created after what they read, equal afterwards, dropped by the downgrade; .existing() is not compared", async (name) => {
    const p = `${uniqueName("dzv")}_`;
    const model = fromDrizzle(schema(name, p));
    const declared = model.views?.map((v) => v.name) ?? [];
    expect([...declared].sort()).toEqual([`${p}active`, ...(name === "postgresql" ? [`${p}counts`] : []), `${p}legacy`, `${p}recent`]);
    // the view on a view comes after the one it reads, whatever the module's order
    expect(declared.indexOf(`${p}recent`)).toBeGreaterThan(declared.indexOf(`${p}active`));
    expect(model.views?.find((v) => v.name === `${p}legacy`)?.existing).toBe(true);
    const connection = await connect(liveUrl(name));
    open.push(connection);
    const dialect = connection.dialect;
    const warnings: CompareWarning[] = [];
    const options = {
      includeName: (objectName: string, type: string): boolean => !["table", "enum", "view", "sequence"].includes(type) || objectName.startsWith(p),
      onWarning: (warning: CompareWarning) => warnings.push(warning),
    };
    const run = async (ops: readonly SchemaOperation[]): Promise<void> => {
      for (const op of ops) for (const statement of dialect.ddl.compile(op)) await connection.execute(statement);
    };
    const ours = async (): Promise<string[]> => ((await dialect.reflect(connection)).views ?? []).map((v) => v.name).filter((n) => n.startsWith(p)).sort();
    try {
      const produced = await produceMigrations(connection, model, options);
      const kinds = produced.upgradeOps.map((op) => `${op.kind}:${(op as { view?: { name: string } }).view?.name ?? ""}`);
      expect([...kinds].sort()).toEqual([`createTable:`, `createView:${p}active`, ...(name === "postgresql" ? [`createView:${p}counts`] : []), `createView:${p}recent`]);
      expect(kinds[0]).toBe("createTable:");
      expect(kinds.indexOf(`createView:${p}recent`)).toBeGreaterThan(kinds.indexOf(`createView:${p}active`));
      expect(produced.notCompared).toContain(`not compared: view "${p}legacy"`);
      expect(warnings).toEqual([]);
      await run(produced.upgradeOps as readonly SchemaOperation[]);
      expect(await ours()).toEqual([`${p}active`, ...(name === "postgresql" ? [`${p}counts`] : []), `${p}recent`].sort());
      const reflected = (await dialect.reflect(connection)).views ?? [];
      if (name === "postgresql") {
        expect(reflected.find((v) => v.name === `${p}active`)).toMatchObject({ checkOption: "cascaded", securityBarrier: true });
        expect(reflected.find((v) => v.name === `${p}counts`)?.materialized).toBe(true);
      }
      if (name === "mysql") expect(reflected.find((v) => v.name === `${p}active`)).toMatchObject({ checkOption: "cascaded", securityInvoker: true, algorithm: "merge" });

      expect(await compareMetadata(connection, model, options)).toEqual([]);

      await run(produced.downgradeOps as readonly SchemaOperation[]);
      expect(await ours()).toEqual([]);
    } finally {
      for (const view of [...(model.views ?? [])].reverse()) {
        if (view.existing === true) continue;
        await connection.execute(`DROP ${view.materialized ? "MATERIALIZED VIEW" : "VIEW"} IF EXISTS ${dialect.quoteTable(view.name)}`);
      }
      for (const table of [...model.tables].reverse()) await connection.execute(`DROP TABLE IF EXISTS ${dialect.quoteTable(table.name)}`);
    }
  });
});
