import * as pg from "drizzle-orm/pg-core";
import { afterAll, describe, expect, test } from "vitest";
import { fromDrizzle } from "../../src/adapters/drizzle/index.js";
import { compareSchemas } from "../../src/autogenerate/compare/index.js";
import { withStoredNames } from "../../src/autogenerate/compare/identifier-limit.js";
import { connect } from "../../src/dialects/index.js";
import type { Connection } from "../../src/dialects/contract/index.js";
import type { ColumnType, SchemaModel, Table } from "../../src/schema/model.js";
import { liveUrl, uniqueName } from "../dialects/helpers.js";
import { liveDialects, type DialectName } from "../support/servers.js";
import { mysqlSchema } from "./fixtures/mysql-schema.js";
import { pgSchema } from "./fixtures/pg-schema.js";
import { sqliteSchema } from "./fixtures/sqlite-schema.js";
import { mysqlTypes, pgTypes, sqliteTypes } from "./fixtures/types-schemas.js";

/**
 * The model fromDrizzle() gives is real input: each database creates the tables
 * from it, reads back the same tables, and autogenerate finds nothing to do.
 */

const schemas: Record<DialectName, (p: string) => Record<string, unknown>> = {
  postgresql: pgSchema,
  mysql: mysqlSchema,
  sqlite: sqliteSchema,
};

const typeSchemas: Record<DialectName, (p: string) => Record<string, unknown>> = {
  postgresql: pgTypes,
  mysql: mysqlTypes,
  sqlite: sqliteTypes,
};

/** The parts of a table every database reads back exactly as declared; types as the database spells them. */
function shape(table: Table, dialect: DialectName, typeText: (type: ColumnType) => string): unknown {
  const uniques = [
    ...table.uniques.map((u) => `${u.name}(${u.columns.join(",")})`),
    // MySQL reads a unique index over plain columns back as a unique constraint.
    ...(dialect === "mysql" ? table.indexes.filter((i) => i.unique).map((i) => `${i.name}(${i.columns.join(",")})`) : []),
  ].sort();
  const indexes = table.indexes
    .filter((i) => !(dialect === "mysql" && i.unique))
    .map((i) => ({ name: i.name, unique: i.unique, columns: i.columns.map((c) => (typeof c === "string" ? c : "<expression>")), partial: i.where !== undefined }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    name: table.name,
    columns: table.columns.map((c) => ({
      name: c.name,
      nullable: c.nullable,
      type: typeText(c.type),
      autoincrement: c.autoincrement === true,
      identity: c.identity ?? null,
      hasDefault: c.serverDefault !== undefined,
    })),
    primaryKey: table.primaryKey?.columns,
    foreignKeys: table.foreignKeys
      .map((fk) => `${fk.name}: ${fk.columns.join(",")} -> ${fk.refTable}(${fk.refColumns.join(",")}) delete ${fk.onDelete ?? "-"} update ${fk.onUpdate ?? "-"}`)
      .sort(),
    uniques,
    checks: table.checks.map((c) => c.name).sort(),
    indexes,
  };
}

describe("drizzle schemas on live databases", () => {
  const open: Connection[] = [];
  afterAll(async () => {
    for (const connection of open) await connection.close();
  });

  test.each(liveDialects().flatMap((d) => [[d, "keys and indexes"], [d, "every column type"]] as const))("%s, %s: the model creates the tables, reads back the same, and compares equal", async (name, which) => {
    const p = `${uniqueName("dz")}_`;
    const model: SchemaModel = fromDrizzle((which === "keys and indexes" ? schemas : typeSchemas)[name](p));
    const connection = await connect(liveUrl(name));
    open.push(connection);
    const dialect = connection.dialect;
    const ddl = dialect.ddl;
    const statements = [
      ...model.enums.flatMap((e) => ddl.compile({ kind: "createEnum", enum: e })),
      ...model.tables.flatMap((table) => ddl.compile({ kind: "createTable", table })),
    ];
    try {
      for (const sql of statements) await connection.execute(sql);
      const all = await dialect.reflect(connection, { tables: model.tables.map((t) => t.name) });
      const reflected: SchemaModel = { tables: all.tables, enums: all.enums.filter((e) => e.name.startsWith(p)) };

      const byName = new Map(reflected.tables.map((t) => [t.name, t]));
      for (const table of model.tables) {
        expect(byName.has(table.name), table.name).toBe(true);
        const typeText = (type: ColumnType): string => ddl.renderType(type).toLowerCase();
        expect(shape(byName.get(table.name)!, name, typeText), table.name).toEqual(shape(table, name, typeText));
      }
      expect(reflected.enums).toEqual(model.enums);

      const diffs = compareSchemas(model, reflected, { dialect });
      expect(diffs).toEqual([]);
    } finally {
      for (const table of [...model.tables].reverse()) {
        await connection.execute(`DROP TABLE IF EXISTS ${dialect.quoteTable(table.name)}`);
      }
      for (const e of model.enums) await connection.execute(`DROP TYPE IF EXISTS ${dialect.quoteIdentifier(e.name)}`);
    }
  });
});

describe.skipIf(!liveDialects().includes("postgresql"))("a drizzle pgSchema on PostgreSQL", () => {
  test("tables and enums of another schema, and references into it, read back and compare equal", async () => {
    const p = `${uniqueName("dzs")}_`;
    const schemaName = `${p}billing`;
    const billing = pg.pgSchema(schemaName);
    const currency = billing.enum("currency", ["eur", "usd"]);
    const accounts = billing.table(`${p}accounts`, { id: pg.serial().primaryKey(), currency: currency().notNull().default("eur") });
    const invoices = pg.pgTable(`${p}invoices`, {
      id: pg.serial().primaryKey(),
      accountId: pg.integer("account_id").notNull().references(() => accounts.id, { onDelete: "cascade" }),
      currency: currency(),
    });
    const model = fromDrizzle({ billing, currency, accounts, invoices });
    expect(model.tables.map((t) => [t.schema, t.name])).toEqual([[schemaName, `${p}accounts`], [undefined, `${p}invoices`]]);

    const connection = await connect(liveUrl("postgresql"));
    const dialect = connection.dialect;
    try {
      await connection.execute(`CREATE SCHEMA ${dialect.quoteIdentifier(schemaName)}`);
      for (const e of model.enums) for (const sql of dialect.ddl.compile({ kind: "createEnum", enum: e })) await connection.execute(sql);
      // drizzle's foreign key name here passes 63 bytes: created, as autogenerate writes it, under the name PostgreSQL keeps
      const stored = withStoredNames(model, dialect.compare.truncateIdentifier);
      for (const table of stored.tables) for (const sql of dialect.ddl.compile({ kind: "createTable", table })) await connection.execute(sql);
      const all = await dialect.reflect(connection, { schemas: [null, schemaName], tables: model.tables.map((t) => t.name) });
      const reflected: SchemaModel = { tables: all.tables, enums: all.enums.filter((e) => e.schema === schemaName) };
      expect(reflected.enums).toEqual([{ name: "currency", schema: schemaName, values: ["eur", "usd"] }]);
      expect(reflected.tables.find((t) => t.name === `${p}invoices`)?.foreignKeys[0]).toMatchObject({ refSchema: schemaName, refTable: `${p}accounts` });
      expect(compareSchemas(model, reflected, { dialect })).toEqual([]);
    } finally {
      await connection.execute(`DROP TABLE IF EXISTS ${dialect.quoteTable(`${p}invoices`)}`);
      await connection.execute(`DROP SCHEMA IF EXISTS ${dialect.quoteIdentifier(schemaName)} CASCADE`);
      await connection.close();
    }
  });
});
