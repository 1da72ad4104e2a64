// MariaDB: statements that must commit together travel as one compound statement
// (BEGIN NOT ATOMIC … END), and nothing of them stays when one fails, changes the
// wrong number of rows or draws a warning.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { BatchStatementError, RowCountMismatch } from "../../../src/dialects/contract/index.js";
import type { Connection } from "../../../src/dialects/contract/index.js";
import { compoundTransaction, runsCompoundStatements, travelsAfterCommit } from "../../../src/dialects/mysql/compound-transaction.js";
import { mysqlAvailable, openSandbox, type Sandbox } from "./live.js";

test("the servers that run compound statements: MariaDB from 10.1, not MySQL", () => {
  expect(runsCompoundStatements("10.11.19-MariaDB-0+deb12u1")).toBe(true);
  expect(runsCompoundStatements("5.5.5-10.6.4-MariaDB-log")).toBe(true);
  expect(runsCompoundStatements("11.4.2-MariaDB")).toBe(true);
  expect(runsCompoundStatements("10.0.38-MariaDB")).toBe(false);
  expect(runsCompoundStatements("8.0.36")).toBe(false);
  expect(runsCompoundStatements("8.4.0-commercial")).toBe(false);
});

test("each statement is followed by its check, all between START TRANSACTION and COMMIT", () => {
  const sql = compoundTransaction([
    { sql: "UPDATE `v` SET `n` = 'b;' WHERE `n` = 'a'", rowCount: 1 },
    { sql: "INSERT INTO `h` (`n`) VALUES ('b');" },
  ]);
  expect(sql.split("\n")).toEqual([
    "BEGIN NOT ATOMIC",
    "  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;",
    "  START TRANSACTION;",
    "  UPDATE `v` SET `n` = 'b;' WHERE `n` = 'a';",
    expect.stringMatching(/^ {2}IF ROW_COUNT\(\) <> 1 OR @@warning_count > 0 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'statement 1 .*'; END IF;$/),
    "  INSERT INTO `h` (`n`) VALUES ('b');",
    expect.stringMatching(/^ {2}IF @@warning_count > 0 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'statement 2 .*'; END IF;$/),
    "  COMMIT;",
    "END",
  ]);
});

test("a DDL statement may follow the COMMIT, on a line of its own", () => {
  const sql = compoundTransaction([{ sql: "UPDATE `v` SET `n` = 'b' WHERE `n` = 'a'", rowCount: 1 }], "CREATE TABLE `t` (`id` integer PRIMARY KEY);");
  expect(sql.split("\n").slice(-4)).toEqual(["  COMMIT;", "  CREATE TABLE `t` (`id` integer PRIMARY KEY)", "  ;", "END"]);
});

test("what may follow the COMMIT: DDL without a row count, and never a text holding a semicolon", () => {
  for (const sql of [
    "CREATE TABLE t (id integer PRIMARY KEY)",
    "create table `t` (id int);",
    "CREATE UNIQUE INDEX ix ON t (a)",
    "CREATE INDEX ix ON t (a)",
    "DROP INDEX ix ON t",
    "ALTER TABLE t ADD COLUMN b int",
    "DROP TABLE t",
    "RENAME TABLE a TO b",
  ]) {
    expect(travelsAfterCommit(sql), sql).toBe(true);
  }
  for (const sql of [
    "CREATE TABLE t (id int); DROP TABLE u",
    "CREATE TABLE t (note varchar(9) DEFAULT 'a;b')",
    "CREATE TABLE t AS SELECT 1 AS id",
    "CREATE TEMPORARY TABLE t (id int)",
    "INSERT INTO t VALUES (1)",
    "TRUNCATE TABLE t",
    "CREATE DATABASE d",
    "SELECT 1",
    "BEGIN",
  ]) {
    expect(travelsAfterCommit(sql), sql).toBe(false);
  }
});

describe.skipIf(!mysqlAvailable)("a compound transaction on the server", () => {
  let box: Sandbox;
  let db: Connection;
  const q = (name: string): string => db.dialect.quoteIdentifier(name);
  const versions = async (): Promise<string[]> =>
    (await db.execute(`SELECT ${q("n")} FROM ${q("v")} ORDER BY 1`)).rows.map((row) => String(row["n"]));
  const history = async (): Promise<string[]> =>
    (await db.execute(`SELECT ${q("n")} FROM ${q("h")} ORDER BY ${q("id")}`)).rows.map((row) => String(row["n"]));
  const update = (from: string, to: string): { sql: string; rowCount: number } => ({
    sql: `UPDATE ${q("v")} SET ${q("n")} = ${db.dialect.literal(to)} WHERE ${q("n")} = ${db.dialect.literal(from)}`,
    rowCount: 1,
  });
  const record = (id: number, n: string): { sql: string } => ({
    sql: `INSERT INTO ${q("h")} (${q("id")}, ${q("n")}) VALUES (${id}, ${db.dialect.literal(n)})`,
  });
  const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
    try {
      await promise;
    } catch (error) {
      return error;
    }
    throw new Error("expected a failure");
  };

  beforeEach(async () => {
    box = await openSandbox("compound");
    db = box.connection;
    await db.execute(`CREATE TABLE ${q("v")} (${q("n")} varchar(8) NOT NULL PRIMARY KEY)`);
    await db.execute(`CREATE TABLE ${q("h")} (${q("id")} integer NOT NULL PRIMARY KEY, ${q("n")} varchar(8) NOT NULL)`);
    await db.execute(`INSERT INTO ${q("v")} (${q("n")}) VALUES ('a')`);
    await db.execute(`INSERT INTO ${q("h")} (${q("id")}, ${q("n")}) VALUES (1, 'a')`);
  });
  afterEach(async () => {
    await box.close();
  });

  test("commits every statement at once, with quotes and semicolons in the values", async () => {
    expect(db.executeAtomic).toBeTypeOf("function");
    await db.executeAtomic!([update("a", "b';c"), record(2, "b';c")]);
    expect(db.inTransaction).toBe(false);
    expect(await versions()).toEqual(["b';c"]);
    expect(await history()).toEqual(["a", "b';c"]);
  });

  test("sent alone, a failing second statement leaves the first undone: the server rolls back before answering", async () => {
    const error = await rejection(db.execute(compoundTransaction([update("a", "b"), record(1, "b")])));
    expect(String(error)).toMatch(/Duplicate entry '1'/);
    expect(await versions()).toEqual(["a"]);
    expect(await history()).toEqual(["a"]);
    // and no transaction was left open behind the error
    expect((await db.execute("SELECT @@in_transaction AS t")).rows[0]?.["t"]).toEqual(0);
  });

  test("sent alone, a wrong row count or a warning rolls everything back", async () => {
    await expect(db.execute(compoundTransaction([record(2, "b"), update("zz", "b")]))).rejects.toThrow(/statement 2 of the transaction/);
    await db.execute("SET SESSION sql_mode = ''");
    // the value is cut to the column's 8 characters: a warning, not an error, in this mode
    await expect(db.execute(compoundTransaction([update("a", "b"), record(2, "much too long")]))).rejects.toThrow(
      /statement 2 of the transaction/,
    );
    expect(await versions()).toEqual(["a"]);
    expect(await history()).toEqual(["a"]);
  });

  test("through the connection, a failure names the statement's place and applies nothing", async () => {
    const failed = await rejection(db.executeAtomic!([update("a", "b"), record(1, "b")]));
    expect(failed).toBeInstanceOf(BatchStatementError);
    expect((failed as BatchStatementError).index).toBe(1);
    expect(String((failed as BatchStatementError).cause)).toMatch(/Duplicate entry '1'/);

    const miss = await rejection(db.executeAtomic!([record(2, "b"), update("zz", "b")]));
    expect((miss as BatchStatementError).index).toBe(1);
    expect((miss as BatchStatementError).cause).toBeInstanceOf(RowCountMismatch);
    expect(((miss as BatchStatementError).cause as RowCountMismatch).found).toBe(0);

    await db.execute("SET SESSION sql_mode = ''");
    const cut = await rejection(db.executeAtomic!([update("a", "b"), record(2, "much too long")]));
    expect((cut as BatchStatementError).index).toBe(1);
    expect(String((cut as BatchStatementError).cause)).toMatch(/MySQL ran the statement but changed what it was given/);

    expect(db.inTransaction).toBe(false);
    expect(await versions()).toEqual(["a"]);
    expect(await history()).toEqual(["a"]);
  });

  test("is refused inside an open transaction, whose work it would otherwise commit", async () => {
    await db.begin();
    await db.execute(`INSERT INTO ${q("h")} (${q("id")}, ${q("n")}) VALUES (5, 'open')`);
    await expect(db.executeAtomic!([update("a", "b"), record(2, "b")])).rejects.toThrow(/while a transaction is open/);
    await db.rollback();
    expect(await versions()).toEqual(["a"]);
    expect(await history()).toEqual(["a"]);
  });

  describe("followed by a DDL statement in the same round trip", () => {
    const tables = async (): Promise<string[]> =>
      (await db.execute("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1")).rows.map((row) =>
        String(row["t"]),
      );
    const isIn = (n: string) => async (): Promise<boolean> => (await versions()).includes(n);

    test("commits the transaction, then runs the statement, one statement on the server", async () => {
      const questions = async (): Promise<number> => Number((await db.execute("SHOW SESSION STATUS LIKE 'Questions'")).rows[0]?.["Value"]);
      const before = await questions();
      const result = await db.executeAtomicThen!([update("a", "b"), record(2, "b")], `CREATE TABLE ${q("t1")} (id integer PRIMARY KEY)`, isIn("b"));
      expect((await questions()) - before).toBe(2); // the compound statement and the SHOW
      expect(result).toEqual({ rows: [], rowCount: null });
      expect(await versions()).toEqual(["b"]);
      expect(await history()).toEqual(["a", "b"]);
      expect(await tables()).toContain("t1");
    });

    test("a statement ending in a comment runs as it would alone", async () => {
      const questions = async (): Promise<number> => Number((await db.execute("SHOW SESSION STATUS LIKE 'Questions'")).rows[0]?.["Value"]);
      const before = await questions();
      await db.executeAtomicThen!([update("a", "b")], `CREATE TABLE ${q("t1")} (id integer PRIMARY KEY) -- the first table`, isIn("b"));
      expect((await questions()) - before).toBe(2); // one statement, not sent again apart
      expect(await versions()).toEqual(["b"]);
      expect(await tables()).toContain("t1");
    });

    test("sends nothing for a statement that cannot follow (a semicolon, not DDL, an open transaction)", async () => {
      const asked: string[] = [];
      const committed = async (): Promise<boolean> => {
        asked.push("asked");
        return false;
      };
      expect(await db.executeAtomicThen!([update("a", "b")], `CREATE TABLE ${q("t1")} (id integer); DROP TABLE ${q("h")}`, committed)).toBeUndefined();
      expect(await db.executeAtomicThen!([update("a", "b")], `INSERT INTO ${q("h")} VALUES (7, 'x')`, committed)).toBeUndefined();
      await db.begin();
      expect(await db.executeAtomicThen!([update("a", "b")], `CREATE TABLE ${q("t1")} (id integer)`, committed)).toBeUndefined();
      await db.rollback();
      expect(asked).toEqual([]);
      expect(await versions()).toEqual(["a"]);
      expect(await history()).toEqual(["a"]);
      expect(await tables()).toEqual(["h", "v"]);
    });

    test("a failing statement fails named, with the transaction before it committed", async () => {
      await db.execute(`CREATE TABLE ${q("t1")} (id integer PRIMARY KEY)`);
      const error = await rejection(db.executeAtomicThen!([update("a", "b"), record(2, "b")], `CREATE TABLE ${q("t1")} (id integer PRIMARY KEY)`, isIn("b")));
      expect(error).not.toBeInstanceOf(BatchStatementError);
      expect(String(error)).toMatch(/already exists/);
      expect((error as { sql?: string }).sql).toBe(`CREATE TABLE ${q("t1")} (id integer PRIMARY KEY)`);
      expect(await versions()).toEqual(["b"]);
      expect(await history()).toEqual(["a", "b"]);
      expect(db.inTransaction).toBe(false);
    });

    test("a failing transaction rolls back, names its statement's place, and the statement does not run", async () => {
      const error = await rejection(db.executeAtomicThen!([update("a", "b"), record(1, "b")], `CREATE TABLE ${q("t1")} (id integer PRIMARY KEY)`, isIn("b")));
      expect(error).toBeInstanceOf(BatchStatementError);
      expect((error as BatchStatementError).index).toBe(1);
      expect(String((error as BatchStatementError).cause)).toMatch(/Duplicate entry '1'/);
      expect(await versions()).toEqual(["a"]);
      expect(await history()).toEqual(["a"]);
      expect(await tables()).toEqual(["h", "v"]);
    });

    test("a statement the server cannot parse (nothing ran) goes again apart: the transaction commits, the statement fails named", async () => {
      const bad = `CREATE TABLE ${q("t1")} (id integer PRIMARY KEY,)`;
      const error = await rejection(db.executeAtomicThen!([update("a", "b"), record(2, "b")], bad, isIn("b")));
      expect(error).not.toBeInstanceOf(BatchStatementError);
      expect(String(error)).toMatch(/SQL syntax/);
      expect((error as { sql?: string }).sql).toBe(bad);
      expect(await versions()).toEqual(["b"]);
      expect(await history()).toEqual(["a", "b"]);
      expect(await tables()).toEqual(["h", "v"]);
    });
  });
});
