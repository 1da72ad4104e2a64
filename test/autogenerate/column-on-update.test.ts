// MySQL/MariaDB ON UPDATE CURRENT_TIMESTAMP through autogenerate (DSL and
// drizzle's onUpdateNow()), and said aloud where the database has no such clause.
import { afterEach, describe, expect, it } from "vitest";
import { int, mysqlTable, timestamp } from "drizzle-orm/mysql-core";
import { fromDrizzle } from "../../src/adapters/drizzle/index.js";
import { produceMigrations } from "../../src/command/autogenerate-project.js";
import { MetaData, column } from "../../src/schema/index.js";
import { getDialect } from "../../src/dialects/index.js";
import type { CompareWarning } from "../../src/autogenerate/compare/index.js";
import { createProject, type Project } from "../runtime/project.js";
import { liveDialects } from "../support/servers.js";
import { catalog, onlyOurs, roundTrip } from "./round-trip-helpers.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

const mysql = liveDialects().includes("mysql");

describe.runIf(mysql)("ON UPDATE on mysql", () => {
  it("declared with the DSL: created, compared, added and removed, and the downgrade restores it", async () => {
    const p = createProject("mysql");
    projects.push(p);
    const declare = (changed: boolean): MetaData => {
      const metadata = new MetaData();
      const at = column.timestamp({ precision: 3 }).notNull().defaultSql("CURRENT_TIMESTAMP(3)");
      const seen = column.timestamp().defaultSql("CURRENT_TIMESTAMP").comment("last seen");
      metadata.table(`${p.prefix}_rows`, {
        id: column.integer().primaryKey().autoincrement(),
        updatedAt: (changed ? at : at.onUpdateNow()).columnName("updated_at"),
        seenAt: (changed ? seen.onUpdate("CURRENT_TIMESTAMP") : seen).columnName("seen_at"),
      });
      return metadata;
    };
    const first = declare(false);
    const { detected, code, downgradeCode } = await roundTrip(p, first, declare(true));
    expect(detected.flatMap((d) => (d.kind === "modifyColumn" ? [[d.column, d.changes.onUpdate]] : []))).toEqual([
      ["updated_at", null],
      ["seen_at", "CURRENT_TIMESTAMP"],
    ]);
    expect(code).toContain('onUpdate: "CURRENT_TIMESTAMP"');
    expect(downgradeCode).toContain('onUpdate: "CURRENT_TIMESTAMP(3)"');
  });

  it("drizzle's onUpdateNow() compares equal once applied, with the column's precision", async () => {
    const p = createProject("mysql");
    projects.push(p);
    const schema = fromDrizzle({
      rows: mysqlTable(`${p.prefix}_rows`, {
        id: int("id").primaryKey(),
        updatedAt: timestamp("updated_at", { fsp: 3 }).defaultNow().onUpdateNow(),
        changedAt: timestamp("changed_at").onUpdateNow(),
      }),
    });
    expect(schema.tables[0]!.columns.map((c) => c.onUpdate)).toEqual([undefined, "CURRENT_TIMESTAMP(3)", "CURRENT_TIMESTAMP"]);
    const db = await p.db();
    const produced = await produceMigrations(db, schema, onlyOurs(p));
    for (const op of produced.upgradeOps) for (const sql of db.dialect.ddl.compile(op as never)) await db.execute(sql);
    const [table] = await catalog(p);
    expect(table!.columns.map((c) => c.onUpdate)).toEqual([undefined, "CURRENT_TIMESTAMP(3)", "CURRENT_TIMESTAMP"]);
    expect((await produceMigrations(db, schema, onlyOurs(p))).upgradeOps).toEqual([]);
    for (const op of produced.downgradeOps) for (const sql of db.dialect.ddl.compile(op as never)) await db.execute(sql);
  });
});

describe.each(liveDialects().filter((d) => d !== "mysql"))("ON UPDATE declared for %s", (dialect) => {
  it("is said aloud, naming the column, and left out of the revision", async () => {
    const p = createProject(dialect);
    projects.push(p);
    const metadata = new MetaData();
    metadata.table(`${p.prefix}_rows`, {
      id: column.integer().primaryKey(),
      updatedAt: column.timestamp().columnName("updated_at").onUpdateNow(),
    });
    const warnings: CompareWarning[] = [];
    const produced = await produceMigrations(await p.db(), metadata, onlyOurs(p, warnings));
    expect(warnings.map((w) => w.code)).toEqual(["onUpdateNotSupported"]);
    expect(warnings[0]!.message).toContain(`${p.prefix}_rows.updated_at`);
    const created = produced.upgradeOps[0] as unknown as { kind: string; table: { columns: { onUpdate?: string }[] } };
    expect(created.kind).toBe("createTable");
    expect(created.table.columns.every((c) => c.onUpdate === undefined)).toBe(true);
  });

  it("is refused by its DDL when written by hand", () => {
    const ddl = getDialect(dialect).ddl;
    const table = new MetaData();
    table.table("t", { id: column.integer().primaryKey(), at: column.timestamp().onUpdateNow() });
    expect(() => ddl.compile({ kind: "createTable", table: table.toModel().tables[0]! })).toThrow(/has no ON UPDATE clause/);
  });
});
