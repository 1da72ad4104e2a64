// On MariaDB, whose DDL commits at once, a step's version-table change and history row
// commit together in a transaction of their own sent as one statement, and nothing of it
// stays when any part fails. It waits for the next revision's DDL and travels in front of
// it, in the same statement: one round trip a revision of DDL; anything else (a statement
// that is not DDL, the end of the run, a failure) writes it first, alone.
import { describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import { liveDialects } from "../support/servers.js";
import { tableRevision } from "./project.js";
import type { Project } from "./project.js";
import { caught, projectsCleanedAfterEach } from "./run-helpers.js";

const project = projectsCleanedAfterEach();

const five = [
  tableRevision("aaa001", null, "one"),
  tableRevision("bbb002", "aaa001", "two"),
  tableRevision("ccc003", "bbb002", "three"),
  tableRevision("ddd004", "ccc003", "four"),
  tableRevision("eee005", "ddd004", "five"),
];

/** The statements the run's own session sent (the server's `Questions`: those inside a compound statement not counted). */
const COUNTING_ENV = `
export default {
  async run(context) {
    const connection = await context.connect();
    const sent = async () => Number((await connection.execute("SHOW SESSION STATUS LIKE 'Questions'")).rows[0].Value);
    const before = await sent();
    await context.runMigrations({ connection });
    globalThis.statementsSentByRun = (await sent()) - before - 1;
  },
};
`;

async function sentBy(run: Promise<unknown>): Promise<number> {
  await run;
  return (globalThis as { statementsSentByRun?: number }).statementsSentByRun ?? Number.NaN;
}

async function historyOf(p: Project): Promise<string[]> {
  const db = await p.db();
  const q = (name: string): string => db.dialect.quoteIdentifier(name);
  const rows = await db.execute(`SELECT ${q("revision")}, ${q("direction")} FROM ${db.dialect.quoteTable(`${p.prefix}_history`)} ORDER BY ${q("id")}`);
  return rows.rows.map((row) => `${String(row["direction"])} ${String(row["revision"])}`);
}

describe.skipIf(!liveDialects().includes("mysql"))("on MariaDB, a step's version change and history row", () => {
  it("travel as one statement in front of the next revision's DDL, up and down", async () => {
    const p = project("mysql", five);
    p.writeEnv(COUNTING_ENV);
    await command.upgrade(p.config(), "aaa001");
    // the same fixed work around each run; the difference is what one more step sends
    const oneStep = await sentBy(command.upgrade(p.config(), "bbb002"));
    const threeSteps = await sentBy(command.upgrade(p.config(), "head"));
    expect((threeSteps - oneStep) / 2).toBe(1); // the previous step's record and this CREATE TABLE, as one statement
    const twoDown = await sentBy(command.downgrade(p.config(), "ccc003"));
    const oneDown = await sentBy(command.downgrade(p.config(), "bbb002"));
    expect(twoDown - oneDown).toBe(1); // the previous step's record and this DROP TABLE
    expect(await p.versionRows()).toEqual(["bbb002"]);
    expect(await historyOf(p)).toEqual([
      "upgrade aaa001",
      "upgrade bbb002",
      "upgrade ccc003",
      "upgrade ddd004",
      "upgrade eee005",
      "downgrade eee005",
      "downgrade ddd004",
      "downgrade ccc003",
    ]);
  });

  it("commit together or not at all: a history row the server refuses leaves the version table where it was", async () => {
    const p = project("mysql", five);
    await command.upgrade(p.config(), "bbb002");
    const db = await p.db();
    const history = db.dialect.quoteTable(`${p.prefix}_history`);
    await db.execute(
      `CREATE TRIGGER ${db.dialect.quoteIdentifier(`${p.prefix}_refuse`)} BEFORE INSERT ON ${history} FOR EACH ROW ` +
        `BEGIN IF NEW.revision = 'ccc003' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'no row for ccc003'; END IF; END`,
    );
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.revision).toBe("ccc003");
    expect(error.message).toContain("no row for ccc003");
    expect(error.message).toContain(`INSERT INTO \`${p.prefix}_history\``);
    // the revision's DDL committed at once and is said to stay; its version change did not
    expect(error.statementsApplied).toEqual([`CREATE TABLE ${p.prefix}_three (id integer PRIMARY KEY)`]);
    expect(error.hint).toContain("the version table names bbb002");
    expect(await p.versionRows()).toEqual(["bbb002"]);
    expect(await p.tableExists(`${p.prefix}_three`)).toBe(true);
    expect(await p.tableExists(`${p.prefix}_four`)).toBe(false);
    expect(await historyOf(p)).toEqual(["upgrade aaa001", "upgrade bbb002"]);
  });

  it("a version row that is not there any more fails the step with the rows it found, and nothing is recorded", async () => {
    const p = project("mysql", five);
    await command.upgrade(p.config(), "bbb002");
    // ccc003 empties the version table after its DDL (TRUNCATE commits at once, as DDL): its UPDATE then matches no row
    p.write(
      tableRevision("ccc003", "bbb002", "three", {
        upgrade: `  await op.execute("CREATE TABLE \${P}_three (id integer PRIMARY KEY)");\n  await op.execute("TRUNCATE TABLE \${P}_version");`,
      }),
    );
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.revision).toBe("ccc003");
    expect(error.message).toContain("Expected to match one row when updating 'bbb002' to 'ccc003' in the version table");
    expect(error.message).toContain("0 found");
    expect(await p.versionRows()).toEqual([]);
    expect(await historyOf(p)).toEqual(["upgrade aaa001", "upgrade bbb002"]);
  });

  it("wait for the next statement: a failing DDL of the next revision leaves the step before it recorded", async () => {
    const p = project("mysql", five);
    await command.upgrade(p.config(), "aaa001");
    const db = await p.db();
    // ddd004's table is there already: its CREATE TABLE fails after ccc003's record went in before it
    await db.execute(`CREATE TABLE ${p.prefix}_four (id integer PRIMARY KEY)`);
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.revision).toBe("ddd004");
    expect(error.message).toContain("already exists");
    expect(error.message).toContain(`CREATE TABLE ${p.prefix}_four`);
    expect(error.statementsApplied).toEqual([]);
    expect(error.hint).toContain("revisions bbb002, ccc003 are applied");
    expect(error.hint).toContain("the version table names ccc003");
    expect(await p.versionRows()).toEqual(["ccc003"]);
    expect(await historyOf(p)).toEqual(["upgrade aaa001", "upgrade bbb002", "upgrade ccc003"]);
  });

  it("a syntax error in the next DDL (the whole statement refused before anything ran) still records the step before it", async () => {
    const p = project("mysql", [
      ...five.slice(0, 3),
      tableRevision("ddd004", "ccc003", "four", { upgrade: `  await op.execute("CREATE TABLE \${P}_four (id integer PRIMARY KEY,)");` }),
    ]);
    await command.upgrade(p.config(), "bbb002");
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.revision).toBe("ddd004");
    expect(error.message).toContain("You have an error in your SQL syntax");
    expect(error.message).toContain(`CREATE TABLE ${p.prefix}_four (id integer PRIMARY KEY,)`);
    expect(error.message).not.toContain("BEGIN NOT ATOMIC");
    expect(await p.versionRows()).toEqual(["ccc003"]);
    expect(await historyOf(p)).toEqual(["upgrade aaa001", "upgrade bbb002", "upgrade ccc003"]);
  });

  it("is written alone before a next statement that is not DDL, which then runs in its own transaction", async () => {
    const p = project("mysql", [
      ...five.slice(0, 3),
      {
        id: "ddd004",
        down: "ccc003",
        upgrade: `  await op.execute("INSERT INTO \${P}_three (id) VALUES (4)");\n  await op.execute("CREATE TABLE \${P}_four (id integer PRIMARY KEY)");`,
        downgrade: `  await op.execute("DROP TABLE \${P}_four");\n  await op.execute("DELETE FROM \${P}_three WHERE id = 4");`,
      },
      five[4]!,
    ]);
    p.writeEnv(COUNTING_ENV);
    await command.upgrade(p.config(), "bbb002");
    const twoPlain = await sentBy(command.upgrade(p.config(), "ddd004"));
    await command.downgrade(p.config(), "bbb002");
    const oneEach = await sentBy(command.upgrade(p.config(), "ccc003"));
    // ccc003: its CREATE TABLE (with bbb002's record) and its record at the end; ddd004 adds its record
    // alone, BEGIN, the INSERT, its CREATE TABLE (which commits the INSERT) and its own record at the end
    expect(twoPlain - oneEach).toBe(4);
    await command.upgrade(p.config(), "head");
    expect(await p.versionRows()).toEqual(["eee005"]);
    const db = await p.db();
    expect((await db.execute(`SELECT id FROM ${p.prefix}_three`)).rows.map((row) => Number(row["id"]))).toEqual([4]);
    expect(await historyOf(p)).toEqual([
      "upgrade aaa001",
      "upgrade bbb002",
      "upgrade ccc003",
      "upgrade ddd004",
      "downgrade ddd004",
      "downgrade ccc003",
      "upgrade ccc003",
      "upgrade ddd004",
      "upgrade eee005",
    ]);
  });

  it("is written when the next revision fails without sending anything, and at the end of a run", async () => {
    const p = project("mysql", [
      ...five.slice(0, 3),
      tableRevision("ddd004", "ccc003", "four", { upgrade: `  throw new Error("ddd004 refuses to run");` }),
    ]);
    await command.upgrade(p.config(), "aaa001");
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.revision).toBe("ddd004");
    expect(error.message).toContain("ddd004 refuses to run");
    expect(error.hint).toContain("the version table names ccc003");
    expect(await p.versionRows()).toEqual(["ccc003"]);
    expect(await historyOf(p)).toEqual(["upgrade aaa001", "upgrade bbb002", "upgrade ccc003"]);
    // a run that ends: its last step's record is in
    await command.downgrade(p.config(), "bbb002");
    expect(await p.versionRows()).toEqual(["bbb002"]);
    expect((await historyOf(p)).at(-1)).toBe("downgrade ccc003");
  });

  it("a DDL statement drawing a warning fails, named, after the record before it went in", async () => {
    const p = project("mysql", [
      ...five.slice(0, 2),
      tableRevision("ccc003", "bbb002", "three", {
        // without NO_ENGINE_SUBSTITUTION the server makes the table with its default engine, and warns
        upgrade: `  await op.execute("CREATE TABLE \${P}_three (id integer PRIMARY KEY) ENGINE = NoSuchEngine");`,
      }),
    ]);
    p.writeEnv(`
export default {
  async run(context) {
    const connection = await context.connect();
    await connection.execute("SET SESSION sql_mode = ''");
    await context.runMigrations({ connection });
  },
};
`);
    await command.upgrade(p.config(), "aaa001");
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.revision).toBe("ccc003");
    expect(error.message).toContain("NoSuchEngine");
    expect(error.message).toContain(`CREATE TABLE ${p.prefix}_three`);
    expect(error.message).not.toContain("BEGIN NOT ATOMIC");
    // it ran (and committed at once): said to stay
    expect(error.statementsApplied).toEqual([`CREATE TABLE ${p.prefix}_three (id integer PRIMARY KEY) ENGINE = NoSuchEngine`]);
    expect(await p.tableExists(`${p.prefix}_three`)).toBe(true);
    expect(await p.versionRows()).toEqual(["bbb002"]);
    expect(await historyOf(p)).toEqual(["upgrade aaa001", "upgrade bbb002"]);
  });

  it("a run killed between a DDL statement and its record leaves a state the next run refuses aloud", async () => {
    // the state such a kill leaves: ccc003's table made, the version table at bbb002
    const p = project("mysql", five);
    await command.upgrade(p.config(), "bbb002");
    const db = await p.db();
    await db.execute(`CREATE TABLE ${p.prefix}_three (id integer PRIMARY KEY)`);
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.revision).toBe("ccc003");
    expect(error.message).toContain("already exists");
    expect(error.message).toContain(`CREATE TABLE ${p.prefix}_three`);
    expect(await p.versionRows()).toEqual(["bbb002"]);
    expect(await p.tableExists(`${p.prefix}_four`)).toBe(false);
  });

  it("a session lost while a record travels: the failure says the record and the statement may each be in or not", async () => {
    const p = project("mysql", five);
    await command.upgrade(p.config(), "aaa001");
    const db = await p.db();
    // the version row held by another session: bbb002's record, travelling in front of ccc003's CREATE TABLE, waits for it
    await db.execute("BEGIN");
    await db.execute(`SELECT * FROM ${db.dialect.quoteTable(`${p.prefix}_version`)} FOR UPDATE`);
    const run = caught(command.upgrade(p.config(), "head"));
    let id: unknown;
    for (let i = 0; i < 400 && id === undefined; i++) {
      // inside a compound statement the server shows the statement it is at
      const waiting = await db.execute(`SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'UPDATE \`${p.prefix}_version\` SET%'`);
      id = waiting.rows[0]?.["ID"];
      if (id === undefined) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(id).toBeDefined();
    await db.execute(`KILL CONNECTION ${Number(id)}`);
    const error = await run;
    await db.execute("ROLLBACK");
    expect(error.revision).toBe("ccc003");
    expect(error.hint).toContain(`bbb002 ran, and the connection was lost while its record and \`CREATE TABLE ${p.prefix}_three`);
    expect(error.hint).toContain("the version table names aaa001, or bbb002 if that record went in, and the statement may have run");
    expect(error.hint).toContain("athanor current");
    // what the database holds: bbb002's DDL (committed at once) and not its record, which waited when the session went
    expect(await p.versionRows()).toEqual(["aaa001"]);
    expect(await p.tableExists(`${p.prefix}_two`)).toBe(true);
    expect(await p.tableExists(`${p.prefix}_three`)).toBe(false);
  });
});
