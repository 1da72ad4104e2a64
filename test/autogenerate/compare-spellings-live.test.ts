import { afterEach, describe as group, expect, test } from "vitest";
import { compareSchemas, defaultKey, expressionKey } from "../../src/autogenerate/compare/index.js";
import { getDialect } from "../../src/dialects/index.js";
import type { Column, SchemaModel, Table } from "../../src/schema/model.js";
import { availableServers } from "../support/servers.js";
import { describe, diff, migrate, openSandbox, reflect, type Sandbox } from "./compare-helpers.js";

/** What a database prints back for a declaration compares equal to that declaration. */

const has = (name: "postgresql" | "mysql"): boolean => availableServers().has(name);

function table(name: string, columns: readonly Column[], schema?: string): Table {
  return {
    name,
    ...(schema === undefined ? {} : { schema }),
    columns,
    primaryKey: { columns: [columns[0]!.name] },
    foreignKeys: [],
    uniques: [],
    checks: [],
    indexes: [],
  };
}

const model = (...tables: Table[]): SchemaModel => ({ tables, enums: [] });

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

group("PostgreSQL default spellings (no server)", () => {
  const pg = getDialect("postgresql");
  const column: Column = { name: "c", type: { kind: "timestamp" }, nullable: true };
  const key = (sql: string): string | undefined => defaultKey({ kind: "sql", sql }, column, pg);
  test.each([
    ["now() + interval '1 day'", "(now() + '1 day'::interval)"],
    ["CURRENT_TIMESTAMP + INTERVAL '2 hours'", "(CURRENT_TIMESTAMP + '02:00:00'::interval)"],
    ["interval '1 year 2 months 3 days 4 hours 5 minutes'", "'1 year 2 mons 3 days 04:05:00'::interval"],
    ["'{}'::jsonb", "'{}'::jsonb"],
    ["gen_random_uuid()", "gen_random_uuid()"],
    ["(1 + 2)", "(1 + 2)"],
    ["1 + 2", "(1 + 2)"],
  ])("%s is %s", (declared, printed) => {
    expect(key(declared)).toBe(key(printed));
  });
  test.each([
    ["now() + interval '1 day'", "(now() + '2 days'::interval)"],
    ["now() + interval '1 hour'", "(now() + '01:00:01'::interval)"],
    ["'interval ''1 day'''", "'1 day'"],
  ])("%s is not %s", (declared, printed) => {
    expect(key(declared)).not.toBe(key(printed));
  });
  test("a check condition with a typed literal compares equal to how PostgreSQL prints it", () => {
    expect(expressionKey("due > created + interval '1 day'", pg)).toBe(expressionKey("(due > (created + '1 day'::interval))", pg));
    expect(expressionKey("born > DATE '2020-01-01'", pg)).toBe(expressionKey("(born > '2020-01-01'::date)", pg));
  });
});

group.runIf(has("postgresql"))("PostgreSQL", () => {
  test("expression defaults the catalog rewrites compare equal to their declaration", async () => {
    sandbox = await openSandbox("postgresql");
    const declared = model(
      table("spelled_defaults", [
        { name: "id", type: { kind: "integer" }, nullable: false },
        { name: "due", type: { kind: "timestamp", withTimezone: true }, nullable: true, serverDefault: { kind: "sql", sql: "now() + interval '1 day'" } },
        { name: "doc", type: { kind: "jsonb" }, nullable: true, serverDefault: { kind: "sql", sql: "'{}'::jsonb" } },
        { name: "key", type: { kind: "uuid" }, nullable: true, serverDefault: { kind: "sql", sql: "gen_random_uuid()" } },
        { name: "three", type: { kind: "integer" }, nullable: true, serverDefault: { kind: "sql", sql: "(1 + 2)" } },
        { name: "later", type: { kind: "timestamp" }, nullable: true, serverDefault: { kind: "sql", sql: "CURRENT_TIMESTAMP + INTERVAL '2 hours'" } },
        { name: "span", type: { kind: "custom", sql: "interval" }, nullable: true, serverDefault: { kind: "sql", sql: "interval '1 year 2 months 3 days 4 hours 5 minutes'" } },
        { name: "born", type: { kind: "date" }, nullable: true, serverDefault: { kind: "sql", sql: "DATE '2020-01-01'" } },
        { name: "label", type: { kind: "text" }, nullable: true, serverDefault: { kind: "sql", sql: "'a' || 'b'" } },
      ]),
    );
    await migrate(sandbox.connection, declared);
    const reflected = (await reflect(sandbox.connection)).tables.find((t) => t.name === "spelled_defaults")!;
    expect(reflected.columns.find((c) => c.name === "due")!.serverDefault).toEqual({ kind: "sql", sql: "(now() + '1 day'::interval)" });
    expect(describe(await diff(sandbox.connection, declared))).toEqual([]);
  });

  test("a different interval is still a change", async () => {
    sandbox = await openSandbox("postgresql");
    const due = (sql: string): SchemaModel =>
      model(
        table("spelled_interval", [
          { name: "id", type: { kind: "integer" }, nullable: false },
          { name: "due", type: { kind: "timestamp", withTimezone: true }, nullable: true, serverDefault: { kind: "sql", sql } },
        ]),
      );
    await migrate(sandbox.connection, due("now() + interval '1 day'"));
    expect(describe(await diff(sandbox.connection, due("now() + interval '2 days'")))).toEqual(["modifyColumn spelled_interval.due serverDefault"]);
  });

  test('a table declared in schema "public" compares equal to the same table reflected', async () => {
    sandbox = await openSandbox("postgresql");
    const dialect = sandbox.connection.dialect;
    await sandbox.connection.execute("SET search_path TO public");
    const name = `public_${Math.random().toString(36).slice(2, 10)}`;
    const declared = model(table(name, [{ name: "id", type: { kind: "integer" }, nullable: false }], "public"));
    try {
      await sandbox.connection.execute(`CREATE TABLE public."${name}" (id integer PRIMARY KEY)`);
      expect(await dialect.defaultSchema(sandbox.connection)).toBe("public");
      const reflected = await dialect.reflect(sandbox.connection, { schemas: [null] });
      // public is shared with the other test files running at the same time: only this table's objects take part
      const standalone = new Set(["table", "enum", "view", "sequence"]);
      const options = { dialect, defaultSchema: "public", includeObject: (_object: unknown, objectName: string | undefined, type: string) => !standalone.has(type) || objectName === name };
      expect(describe(compareSchemas(declared, reflected, options))).toEqual([]);
      // Without the default schema the same comparison sees a table to add.
      expect(describe(compareSchemas(declared, reflected, { ...options, defaultSchema: undefined as unknown as string }))).toContain(`addTable ${name}`);
    } finally {
      await sandbox.connection.execute(`DROP TABLE IF EXISTS public."${name}"`);
    }
  });
});

group.runIf(has("mysql"))("MySQL/MariaDB", () => {
  test("a year column compares equal to a declared year type", async () => {
    sandbox = await openSandbox("mysql");
    const declared = model(
      table("spelled_year", [
        { name: "id", type: { kind: "integer" }, nullable: false },
        { name: "made", type: { kind: "custom", sql: "year" }, nullable: true },
      ]),
    );
    await migrate(sandbox.connection, declared);
    expect(describe(await diff(sandbox.connection, declared))).toEqual([]);
  });

  test("the current database is the default schema", async () => {
    sandbox = await openSandbox("mysql");
    const rows = (await sandbox.connection.execute("SELECT DATABASE() AS db")).rows as { db: string }[];
    expect(await sandbox.connection.dialect.defaultSchema(sandbox.connection)).toBe(rows[0]!.db);
  });
});
