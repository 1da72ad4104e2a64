// MariaDB: statements that must commit together travel as one compound statement
// (BEGIN NOT ATOMIC … END), and nothing of them stays when one fails, changes the
// wrong number of rows or draws a warning.
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { BatchStatementError, RowCountMismatch } from "../../../src/dialects/contract/index.js";
import type { Connection } from "../../../src/dialects/contract/index.js";
import { compoundTransaction, runsCompoundStatements } from "../../../src/dialects/mysql/compound-transaction.js";
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
});
