import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect, DatabaseError } from "../../src/dialects/index.js";
import type { Connection, Dialect } from "../../src/dialects/contract/index.js";
import { liveTargets, uniqueName } from "./helpers.js";

describe.each(liveTargets())("connection on %s", (_label, dialectName, makeUrl) => {
  let connection: Connection;
  let dialect: Dialect;
  const created: string[] = [];

  function table(prefix: string): string {
    const name = uniqueName(prefix);
    created.push(name);
    return name;
  }

  beforeAll(async () => {
    connection = await connect(makeUrl());
    dialect = connection.dialect;
  });

  afterAll(async () => {
    if (connection.inTransaction) await connection.rollback();
    for (const name of created) await connection.execute(`DROP TABLE IF EXISTS ${dialect.quoteIdentifier(name)}`);
    await connection.close();
  });

  test("DDL inside a rolled-back transaction", async () => {
    const name = table("tx_ddl");
    expect(connection.inTransaction).toBe(false);
    await connection.begin();
    expect(connection.inTransaction).toBe(true);
    await connection.execute(`CREATE TABLE ${dialect.quoteIdentifier(name)} (id INTEGER)`);
    await connection.rollback();
    expect(connection.inTransaction).toBe(false);
    // PostgreSQL and SQLite roll DDL back; MySQL/MariaDB committed it implicitly.
    expect(await connection.tableExists(name)).toBe(!dialect.transactionalDdl);
  });

  test("DDL inside a committed transaction", async () => {
    const name = table("tx_commit");
    await connection.begin();
    await connection.execute(`CREATE TABLE ${dialect.quoteIdentifier(name)} (id INTEGER)`);
    await connection.commit();
    expect(connection.inTransaction).toBe(false);
    expect(await connection.tableExists(name)).toBe(true);
  });

  test.runIf(dialectName === "mysql")("DDL ends the transaction on MySQL", async () => {
    const name = table("implicit");
    await connection.begin();
    await connection.execute(`CREATE TABLE ${dialect.quoteIdentifier(name)} (id INTEGER)`);
    expect(connection.inTransaction).toBe(false);
    await connection.rollback();
    expect(await connection.tableExists(name)).toBe(true);
  });

  test("DML rolls back and row counts are exact", async () => {
    const name = table("rows");
    const q = dialect.quoteIdentifier(name);
    const p = (i: number): string => dialect.placeholder(i);
    await connection.execute(`CREATE TABLE ${q} (id INTEGER PRIMARY KEY, v VARCHAR(10))`);
    const insert = await connection.execute(`INSERT INTO ${q} (id, v) VALUES (1, 'a'), (2, 'a'), (3, 'b')`);
    expect(insert.rowCount).toBe(3);
    const update = await connection.execute(`UPDATE ${q} SET v = ${p(1)} WHERE v = ${p(2)}`, ["c", "a"]);
    expect(update.rowCount).toBe(2);
    // A row matched but left unchanged still counts (the runtime checks version rows this way).
    const same = await connection.execute(`UPDATE ${q} SET v = 'b' WHERE id = 3`);
    expect(same.rowCount).toBe(1);
    const none = await connection.execute(`UPDATE ${q} SET v = 'z' WHERE id = 99`);
    expect(none.rowCount).toBe(0);
    const select = await connection.execute(`SELECT id, v FROM ${q} WHERE id >= ${p(1)} ORDER BY id`, [2]);
    expect(select.rows).toEqual([
      { id: 2, v: "c" },
      { id: 3, v: "b" },
    ]);
    expect(select.rowCount).toBe(2);

    await connection.begin();
    const deleted = await connection.execute(`DELETE FROM ${q} WHERE id <> ${p(1)}`, [1]);
    expect(deleted.rowCount).toBe(2);
    await connection.rollback();
    expect((await connection.execute(`SELECT COUNT(*) AS n FROM ${q}`)).rows[0]!.n).toEqual(
      dialectName === "postgresql" ? "3" : 3,
    );
  });

  test("parameters of every type bind", async () => {
    const name = table("params");
    const q = dialect.quoteIdentifier(name);
    const p = (i: number): string => dialect.placeholder(i);
    await connection.execute(`CREATE TABLE ${q} (s VARCHAR(50), n INTEGER, b INTEGER, z VARCHAR(5))`);
    await connection.execute(`INSERT INTO ${q} (s, n, b, z) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)})`, [
      "it's \\ ?",
      42,
      dialectName === "postgresql" ? 1 : true,
      null,
    ]);
    const { rows } = await connection.execute(`SELECT s, n, b, z FROM ${q}`);
    expect(rows).toEqual([{ s: "it's \\ ?", n: 42, b: 1, z: null }]);
  });

  test("a refused statement keeps the database's message", async () => {
    let caught: unknown;
    try {
      await connection.execute("SELEC 1");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatabaseError);
    const error = caught as DatabaseError;
    expect(error.message).toMatch(/syntax/i);
    expect(error.code).toBeTruthy();
    expect(error.sql).toBe("SELEC 1");
    // The connection still works.
    expect((await connection.execute("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });

  test.runIf(dialectName === "postgresql")("PostgreSQL's detail becomes the hint", async () => {
    const name = table("dup");
    const q = dialect.quoteIdentifier(name);
    await connection.execute(`CREATE TABLE ${q} (id INTEGER PRIMARY KEY)`);
    await connection.execute(`INSERT INTO ${q} (id) VALUES (1)`);
    const error = await connection.execute(`INSERT INTO ${q} (id) VALUES (1)`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).code).toBe("23505");
    expect((error as DatabaseError).hint).toContain("Key (id)=(1) already exists");
  });

  test("a failed statement inside a transaction can be rolled back", async () => {
    await connection.begin();
    await expect(connection.execute("SELECT * FROM athanor_no_such_table")).rejects.toThrow(/athanor_no_such_table/);
    await connection.rollback();
    expect(connection.inTransaction).toBe(false);
    expect((await connection.execute("SELECT 2 AS two")).rows).toEqual([{ two: 2 }]);
  });

  test("tableExists", async () => {
    const name = table("exists");
    expect(await connection.tableExists(name)).toBe(false);
    await connection.execute(`CREATE TABLE ${dialect.quoteIdentifier(name)} (id INTEGER)`);
    expect(await connection.tableExists(name)).toBe(true);
    expect(await connection.tableExists(name.toUpperCase() + "_other")).toBe(false);
  });

  test("a closed connection says so", async () => {
    const other = await connect(makeUrl());
    await other.close();
    await other.close();
    await expect(other.execute("SELECT 1")).rejects.toThrow(/is closed/);
  });
});

describe("SQLite specifics", () => {
  test("relative paths resolve against the working folder; PRAGMAs come from the query", async () => {
    const dir = (await import("./helpers.js")).tempDir();
    const connection = await connect("sqlite:///sub.db?journal_mode=wal&foreign_keys=on", { cwd: dir });
    try {
      await connection.execute("CREATE TABLE t (id INTEGER)");
      const { existsSync } = await import("node:fs");
      expect(existsSync(`${dir}/sub.db`)).toBe(true);
      expect((await connection.execute("PRAGMA journal_mode")).rows[0]).toEqual({ journal_mode: "wal" });
      expect((await connection.execute("PRAGMA foreign_keys")).rows[0]).toEqual({ foreign_keys: 1 });
      expect((await connection.execute("PRAGMA busy_timeout")).rows[0]).toEqual({ timeout: 5000 });
    } finally {
      await connection.close();
    }
  });

  test("busy_timeout can be set in the URL", async () => {
    const connection = await connect("sqlite://?busy_timeout=1234");
    try {
      expect((await connection.execute("PRAGMA busy_timeout")).rows[0]).toEqual({ timeout: 1234 });
    } finally {
      await connection.close();
    }
  });

  test("a malformed PRAGMA parameter is refused", async () => {
    await expect(connect("sqlite://?journal_mode=wal;drop")).rejects.toThrow(/Invalid value for SQLite PRAGMA journal_mode/);
  });

  test("a text with several statements runs them all", async () => {
    const connection = await connect("sqlite://");
    try {
      await connection.execute("CREATE TABLE a (x INTEGER); CREATE TABLE b (y INTEGER)");
      expect(await connection.tableExists("a")).toBe(true);
      expect(await connection.tableExists("b")).toBe(true);
    } finally {
      await connection.close();
    }
  });
});
