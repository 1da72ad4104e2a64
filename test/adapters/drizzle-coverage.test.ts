// Every export of the installed drizzle-orm's pg-core, mysql-core and
// sqlite-core is mapped by the adapter, reported as not compared, or declares
// no schema object; every column type maps to the model type listed; what is
// reported reaches check's "not compared" lines.
import * as pgCore from "drizzle-orm/pg-core";
import * as mysqlCore from "drizzle-orm/mysql-core";
import * as sqliteCore from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { drizzleCoverage } from "../../src/adapters/drizzle/coverage.js";
import { fromDrizzle } from "../../src/adapters/drizzle/index.js";
import { notComparedLines } from "../../src/autogenerate/compare/not-compared.js";
import type { DrizzleDialectName } from "../../src/adapters/drizzle/flavor.js";
import type { SchemaModel } from "../../src/schema/model.js";

const ENTITY_KIND = Symbol.for("drizzle:entityKind");

const cores: Record<DrizzleDialectName, { module: Record<string, unknown>; table: string; column: string; builder: string }> = {
  postgresql: { module: pgCore as unknown as Record<string, unknown>, table: "pgTable", column: "PgColumn", builder: "PgColumnBuilder" },
  mysql: { module: mysqlCore as unknown as Record<string, unknown>, table: "mysqlTable", column: "MySqlColumn", builder: "MySqlColumnBuilder" },
  sqlite: { module: sqliteCore as unknown as Record<string, unknown>, table: "sqliteTable", column: "SQLiteColumn", builder: "SQLiteColumnBuilder" },
};

/** Whether `value` is a class deriving from `base` (a column or column builder class). */
function derivesFrom(value: unknown, base: unknown): boolean {
  if (typeof value !== "function" || typeof base !== "function") return false;
  for (let cls: unknown = value; typeof cls === "function"; cls = Object.getPrototypeOf(cls)) if (cls === base) return true;
  return false;
}

/** A column of each listed builder, named by its key (`bigint:bigint` → `bigint_bigint`). */
function columnsOf(dialect: DrizzleDialectName): Record<string, unknown> {
  const { module } = cores[dialect];
  const columns: Record<string, unknown> = {};
  for (const [key, coverage] of Object.entries(drizzleCoverage[dialect].columns)) {
    const builderName = key.split(":")[0]!;
    const name = key.replace(":", "_");
    const builder = module[builderName] as (...args: unknown[]) => unknown;
    const values = coverage.config?.["object"] === true ? { A: "a", B: "b" } : ["a", "b"];
    if (builderName === "customType") columns[name] = (builder({ dataType: () => "citext" }) as (n: string) => unknown)(name);
    else if (builderName === "mysqlEnum") columns[name] = builder(name, values);
    else if (builderName === "pgEnum") columns[name] = (builder(`mood_${name}`, values) as (n: string) => unknown)(name);
    else if (coverage.config?.["array"] === true) columns[name] = (builder(name) as { array(): unknown }).array();
    else columns[name] = coverage.config === undefined ? builder(name) : builder(name, coverage.config);
  }
  return columns;
}

describe.each(Object.keys(cores) as DrizzleDialectName[])("drizzle %s core", (dialect) => {
  const core = cores[dialect];
  const coverage = drizzleCoverage[dialect];

  test("every export is mapped, reported, a column type, or declares no schema object", () => {
    const columnFunctions = new Set(Object.keys(coverage.columns).map((k) => k.split(":")[0]!));
    const unlisted = Object.keys(core.module).filter((name) => {
      if (Object.hasOwn(coverage.exports, name) || columnFunctions.has(name)) return false;
      const value = core.module[name];
      return !derivesFrom(value, core.module[core.column]) && !derivesFrom(value, core.module[core.builder]);
    });
    expect(unlisted, `list these in src/adapters/drizzle/coverage.ts (${coverage.module})`).toEqual([]);
    // and nothing listed that drizzle no longer exports
    expect(Object.keys(coverage.exports).filter((name) => !(name in core.module))).toEqual([]);
  });

  test("every column builder maps to the model type listed, and every column class is built by one", () => {
    const table = (core.module[core.table] as (name: string, columns: Record<string, unknown>) => object)("coverage", columnsOf(dialect));
    const model = fromDrizzle({ table }, { dialect });
    const kinds = Object.fromEntries(model.tables[0]!.columns.map((c) => [c.name, c.type.kind]));
    const expected = Object.fromEntries(Object.entries(coverage.columns).map(([key, c]) => [key.replace(":", "_"), c.kind]));
    expect(kinds).toEqual(expected);

    const built = new Set(Object.values((table as Record<symbol, Record<string, { columnType: string }>>)[Symbol.for("drizzle:Columns")]!).map((c) => c.columnType));
    const columnClasses = Object.entries(core.module)
      .filter(([name, value]) => !name.endsWith("Builder") && derivesFrom(value, core.module[core.column]))
      .map(([, value]) => (value as unknown as Record<symbol, string>)[ENTITY_KIND]!);
    expect(columnClasses.filter((kind) => !built.has(kind) && !coverage.baseColumnKinds.includes(kind))).toEqual([]);
  });
});

/** A reported declaration: either carried by the model or listed as not compared, never neither. */
function expectReportedOrCarried(model: SchemaModel, line: string, carried: boolean): void {
  const lines = notComparedLines(model, { tables: [], enums: [] }, {});
  expect(lines.filter((l) => l === line), line).toHaveLength(carried ? 0 : 1);
}

describe("drizzle declarations the adapter does not map are reported", () => {
  test("PostgreSQL: roles, sequences, views, materialized views, policies and row-level security", () => {
    const admin = pgCore.pgRole("admin");
    const users = pgCore
      .pgTable("users", { id: pgCore.integer().primaryKey() }, () => [pgCore.pgPolicy("own_rows", { for: "select", to: admin, using: sql`true` })])
      .enableRLS();
    const model = fromDrizzle({
      users,
      admin,
      tickets: pgCore.pgSequence("tickets"),
      active: pgCore.pgView("active").as((qb) => qb.select().from(users)),
      counted: pgCore.pgMaterializedView("counted", { n: pgCore.integer() }).existing(),
    });
    const table = model.tables.find((t) => t.name === "users")!;
    expectReportedOrCarried(model, 'not compared: role "admin"', false);
    expectReportedOrCarried(model, 'not compared: sequence "tickets"', (model.sequences ?? []).some((s) => s.name === "tickets"));
    expectReportedOrCarried(model, 'not compared: view "active"', (model.views ?? []).some((v) => v.name === "active" && !v.existing));
    expectReportedOrCarried(model, 'not compared: materialized view "counted"', false);
    expectReportedOrCarried(model, 'not compared: row-level security on table "users"', table.rowLevelSecurity !== undefined);
    expectReportedOrCarried(model, 'not compared: policy "own_rows" on table "users"', (table.policies ?? []).some((p) => p.name === "own_rows"));
  });

  test("MySQL and SQLite: views", () => {
    const items = mysqlCore.mysqlTable("items", { id: mysqlCore.int().primaryKey() });
    const mysqlModel = fromDrizzle({ items, listed: mysqlCore.mysqlView("listed").as((qb) => qb.select().from(items)) });
    expectReportedOrCarried(mysqlModel, 'not compared: view "listed"', (mysqlModel.views ?? []).some((v) => v.name === "listed"));
    const notes = sqliteCore.sqliteTable("notes", { id: sqliteCore.integer().primaryKey() });
    const sqliteModel = fromDrizzle({ notes, recent: sqliteCore.sqliteView("recent").as((qb) => qb.select().from(notes)) });
    expectReportedOrCarried(sqliteModel, 'not compared: view "recent"', (sqliteModel.views ?? []).some((v) => v.name === "recent"));
  });
});
