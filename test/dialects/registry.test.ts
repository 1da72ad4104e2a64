import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { renderOperations } from "../../src/autogenerate/render/render-operations.js";
import type { Connection, Dialect } from "../../src/dialects/contract/index.js";
import { connect, dialectNames, getDialect, registerDialect, sqliteDialect } from "../../src/dialects/index.js";
import { maskUrl, parseUrl } from "../../src/dialects/url.js";
import { AthanorError } from "../../src/util/errors.js";
import { tempDir, uniqueName } from "./helpers.js";

/**
 * A fourth database, registered from outside src/: SQLite's engine under
 * another name, with a driver that opens a real SQLite file. Nothing in
 * athanor names it; everything it does goes through the contract.
 */
const NAME = "lite4";
const dialect: Dialect = Object.freeze({ ...sqliteDialect, name: NAME });

function withDialect(inner: Connection): Connection {
  return {
    dialect,
    execute: (sql, params) => inner.execute(sql, params),
    begin: () => inner.begin(),
    commit: () => inner.commit(),
    rollback: () => inner.rollback(),
    get inTransaction() {
      return inner.inTransaction;
    },
    acquireLock: (name, timeoutMs, options) => inner.acquireLock(name, timeoutMs, options),
    releaseLock: (name) => inner.releaseLock(name),
    tableExists: (table, schema) => inner.tableExists(table, schema),
    close: () => inner.close(),
  };
}

registerDialect({
  name: NAME,
  aliases: ["lite4db"],
  fileDatabase: true,
  createDialect: () => dialect,
  defaultDriver: "file",
  drivers: {
    file: async (url, options) => withDialect(await connect(`sqlite:///${url.database}`, options)),
  },
});

describe("registerDialect", () => {
  test("the shipped databases register through it, each once", () => {
    expect(dialectNames().slice(0, 3)).toEqual(["sqlite", "postgresql", "mysql"]);
    expect(dialectNames()).toContain(NAME);
    expect(new Set(dialectNames()).size).toBe(dialectNames().length);
  });

  test("URLs name a registered database by its name or an alias, and its file rules apply", () => {
    expect(parseUrl(`lite4db:///data/app.db`)).toMatchObject({ dialect: NAME, database: "data/app.db", host: undefined });
    expect(parseUrl(`${NAME}://`).database).toBe(":memory:");
    expect(() => parseUrl(`${NAME}://host/app.db`)).toThrow(/names a file, not a host/);
    // the built-in aliases still map as before
    expect(parseUrl("postgres://u:secret@h/db")).toMatchObject({ dialect: "postgresql", masked: "postgres://u:***@h/db" });
    expect(parseUrl("mariadb://h/db").dialect).toBe("mysql");
    expect(parseUrl("sqlite3:///x.db").dialect).toBe("sqlite");
    expect(maskUrl(`lite4db://u:hunter2@/x.db`)).not.toContain("hunter2");
  });

  test("a registered database connects through its driver; its DDL and catalog reader work on the file", async () => {
    const file = join(tempDir(), "four.db");
    const connection = await connect(`lite4db:///${file}`);
    try {
      expect(connection.dialect).toBe(getDialect(NAME));
      const table = uniqueName("t");
      const statements = connection.dialect.ddl.compile({
        kind: "createTable",
        table: {
          name: table,
          columns: [
            { name: "id", type: { kind: "integer" }, nullable: false },
            { name: "label", type: { kind: "string", length: 20 }, nullable: true },
          ],
          primaryKey: { columns: ["id"] },
          foreignKeys: [],
          uniques: [],
          checks: [],
          indexes: [],
        },
      });
      for (const sql of statements) await connection.execute(sql);
      await connection.execute(`INSERT INTO ${connection.dialect.quoteIdentifier(table)} (id, label) VALUES (?, ?)`, [1, "one"]);
      const model = await connection.dialect.reflect(connection, { tables: [table] });
      expect(model.tables.map((t) => [t.name, t.columns.map((c) => c.name), t.primaryKey?.columns])).toEqual([[table, ["id", "label"], ["id"]]]);
      const { rows } = await connection.execute(`SELECT label FROM ${connection.dialect.quoteIdentifier(table)}`);
      expect(rows).toEqual([{ label: "one" }]);
    } finally {
      await connection.close();
    }
  });

  test("autogenerate renders batch blocks by the dialect's capability, not its name", () => {
    const operations = [{ kind: "dropColumn", table: "users", name: "age" }] as const;
    expect(renderOperations(operations, { dialect: NAME }).upgrades).toContain('op.batchAlterTable("users"');
    expect(renderOperations(operations, { dialect: "postgresql" }).upgrades).toBe('await op.dropColumn("users", "age");');
    expect(renderOperations(operations, { dialect: "unregistered" }).upgrades).toBe('await op.dropColumn("users", "age");');
  });

  test("a name or alias already taken, a bad scheme, or no driver is refused in one line", () => {
    const base = { createDialect: () => dialect, defaultDriver: "file", drivers: { file: async () => connect("sqlite://") } };
    const refusal = (run: () => unknown): string => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(AthanorError);
        return (error as AthanorError).oneLine();
      }
      throw new Error("not refused");
    };
    expect(refusal(() => registerDialect({ ...base, name: "postgresql" }))).toMatch(/"postgresql" already names the postgresql database/);
    expect(refusal(() => registerDialect({ ...base, name: "other4", aliases: ["mariadb"] }))).toMatch(/"mariadb" already names the mysql database/);
    expect(refusal(() => registerDialect({ ...base, name: "Bad+Name" }))).toMatch(/is not a URL scheme/);
    expect(refusal(() => registerDialect({ ...base, name: "nodriver4", drivers: {} }))).toMatch(/needs createDialect\(\) and drivers/);
    expect(dialectNames()).not.toContain("other4");
    // a refused alias leaves no half-registered name behind
    expect(parseUrl("other4://h/db").dialect).toBe("other4");
    expect(() => getDialect("other4")).toThrow(/Unknown database "other4"/);
  });

  test("every registered dialect fulfils the whole contract", () => {
    for (const name of dialectNames()) {
      const d = getDialect(name);
      expect(d.name).toBe(name);
      expect(typeof d.ddl.compile).toBe("function");
      expect(typeof d.reflect).toBe("function");
      expect(typeof d.defaultSchema).toBe("function");
      expect(typeof d.batch.alterInPlace).toBe("boolean");
      expect(typeof d.batch.requiresRecreate).toBe("function");
      expect(typeof d.compare.typeKey).toBe("function");
      expect([typeof d.views.canonicalize, typeof d.views.key, typeof d.views.materialized]).toEqual(["function", "function", "boolean"]);
      const guard = d.runGuard({ offline: true });
      expect([typeof guard.beforeRun, typeof guard.beforeCommit, typeof guard.afterRun]).toEqual(["function", "function", "function"]);
    }
  });
});
