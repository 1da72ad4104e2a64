import { afterAll, describe, expect, test } from "vitest";
import { connect, getDialect } from "../../src/dialects/index.js";
import type { Connection } from "../../src/dialects/contract/index.js";
import { liveDialects } from "../support/servers.js";
import { liveUrl, uniqueName } from "./helpers.js";

const HOSTILE_COLUMNS = [
  'double"quote',
  "back`tick",
  "it's",
  "with space",
  "select",
  "order",
  "Ünïcödé_名前",
  "semi;colon",
  "dash-name",
  "MixedCase",
  "tab\there",
];

/** Column names of a table, as the catalog reports them. */
async function catalogColumns(connection: Connection, table: string): Promise<string[]> {
  switch (connection.dialect.name) {
    case "postgresql":
      return (
        await connection.execute(
          "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
          [table],
        )
      ).rows.map((row) => String(row.name));
    case "mysql":
      return (
        await connection.execute(
          "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?",
          [table],
        )
      ).rows.map((row) => String(row.name ?? row.NAME));
    default:
      return (await connection.execute("SELECT name FROM pragma_table_info(?)", [table])).rows.map((row) => String(row.name));
  }
}

describe("pure quoting", () => {
  test("PostgreSQL and SQLite double quotes, MySQL backticks", () => {
    expect(getDialect("postgresql").quoteIdentifier('a "b"')).toBe('"a ""b"""');
    expect(getDialect("sqlite").quoteIdentifier("user")).toBe('"user"');
    expect(getDialect("mysql").quoteIdentifier("a `b`")).toBe("`a ``b```");
    expect(getDialect("postgresql").quoteTable("t", "s")).toBe('"s"."t"');
    expect(getDialect("mysql").quoteTable("t", null)).toBe("`t`");
    expect(getDialect("sqlite").quoteTable("t.x")).toBe('"t.x"');
  });

  test("empty names and NUL are refused", () => {
    for (const name of ["sqlite", "postgresql", "mysql"]) {
      expect(() => getDialect(name).quoteIdentifier("")).toThrow(/empty identifier/);
      expect(() => getDialect(name).quoteIdentifier("a\u0000b")).toThrow(/NUL/);
    }
  });

  test("version table DDL", () => {
    expect(getDialect("postgresql").createVersionTable("athanor_version", "audit")).toEqual([
      'CREATE TABLE IF NOT EXISTS "audit"."athanor_version" ("version_num" VARCHAR(32) NOT NULL, CONSTRAINT "athanor_version_pkc" PRIMARY KEY ("version_num"))',
    ]);
    expect(getDialect("mysql").createVersionTable("alembic_version")).toEqual([
      "CREATE TABLE IF NOT EXISTS `alembic_version` (`version_num` VARCHAR(32) NOT NULL, CONSTRAINT `alembic_version_pkc` PRIMARY KEY (`version_num`))",
    ]);
  });

  test("offline transaction statements only where DDL is transactional", () => {
    expect(getDialect("postgresql")).toMatchObject({ transactionalDdl: true, beginStatement: "BEGIN;", commitStatement: "COMMIT;" });
    expect(getDialect("sqlite")).toMatchObject({ transactionalDdl: true, beginStatement: "BEGIN;", commitStatement: "COMMIT;" });
    expect(getDialect("mysql")).toMatchObject({ transactionalDdl: false, beginStatement: "", commitStatement: "" });
  });

  test("placeholders", () => {
    expect(getDialect("postgresql").placeholder(3)).toBe("$3");
    expect(getDialect("mysql").placeholder(3)).toBe("?");
    expect(getDialect("sqlite").placeholder(1)).toBe("?");
  });

  test("an unknown database is a clear error", () => {
    expect(() => getDialect("oracle")).toThrow(/Unknown database "oracle"/);
  });
});

describe.each(liveDialects())("quoting round-trip on %s", (dialectName) => {
  const connections: Connection[] = [];
  afterAll(async () => {
    for (const connection of connections) await connection.close();
  });

  test("hostile table and column names are created and read back from the catalog", async () => {
    const connection = await connect(liveUrl(dialectName));
    connections.push(connection);
    const { dialect } = connection;
    const table = `${uniqueName("Tbl")} "q" \`b\` it's é`;
    const columns = dialectName === "mysql" ? HOSTILE_COLUMNS.filter((c) => !c.includes("\t")) : HOSTILE_COLUMNS;
    const definition = columns.map((name) => `${dialect.quoteIdentifier(name)} VARCHAR(20)`).join(", ");
    await connection.execute(`CREATE TABLE ${dialect.quoteTable(table)} (${definition})`);
    try {
      expect(await connection.tableExists(table)).toBe(true);
      expect((await catalogColumns(connection, table)).sort()).toEqual([...columns].sort());
      const names = columns.map((name) => dialect.quoteIdentifier(name));
      await connection.execute(
        `INSERT INTO ${dialect.quoteTable(table)} (${names.join(", ")}) VALUES (${columns.map((_, i) => dialect.placeholder(i + 1)).join(", ")})`,
        columns.map((_, i) => `v${i}`),
      );
      const { rows } = await connection.execute(`SELECT ${names.join(", ")} FROM ${dialect.quoteTable(table)}`);
      expect(rows).toEqual([Object.fromEntries(columns.map((name, i) => [name, `v${i}`]))]);
    } finally {
      await connection.execute(`DROP TABLE ${dialect.quoteTable(table)}`);
    }
    expect(await connection.tableExists(table)).toBe(false);
  });

  test("schema-qualified names", async () => {
    const connection = await connect(liveUrl(dialectName));
    connections.push(connection);
    const { dialect } = connection;
    const schema =
      dialectName === "sqlite" ? "main" : dialectName === "postgresql" ? "public" : String((await connection.execute("SELECT DATABASE() AS db")).rows[0]!.db);
    const table = uniqueName("qualified");
    await connection.execute(dialect.createVersionTable(table, schema)[0]!);
    await connection.execute(dialect.createVersionTable(table, schema)[0]!); // idempotent
    try {
      expect(await connection.tableExists(table, schema)).toBe(true);
      expect(await connection.tableExists(table)).toBe(true);
      expect(await connection.tableExists(table, "athanor_no_such_schema")).toBe(false);
      await connection.execute(`INSERT INTO ${dialect.quoteTable(table, schema)} (version_num) VALUES (${dialect.literal("abc")})`);
      await expect(
        connection.execute(`INSERT INTO ${dialect.quoteTable(table, schema)} (version_num) VALUES (${dialect.literal("abc")})`),
      ).rejects.toThrow(/unique|duplicate/i);
      await expect(
        connection.execute(`INSERT INTO ${dialect.quoteTable(table, schema)} (version_num) VALUES (${dialect.literal(null)})`),
      ).rejects.toThrow(/null/i);
    } finally {
      await connection.execute(`DROP TABLE ${dialect.quoteTable(table, schema)}`);
    }
  });
});
