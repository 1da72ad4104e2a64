// On MariaDB, whose DDL commits at once, a step's version-table change and history row
// commit together in a transaction of their own sent as one statement: one round trip
// after the revision's DDL, and nothing of it stays when any part fails.
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
  it("travel as one statement after the revision's DDL, up and down", async () => {
    const p = project("mysql", five);
    p.writeEnv(COUNTING_ENV);
    await command.upgrade(p.config(), "aaa001");
    // the same fixed work around each run; the difference is what one more step sends
    const oneStep = await sentBy(command.upgrade(p.config(), "bbb002"));
    const threeSteps = await sentBy(command.upgrade(p.config(), "head"));
    expect((threeSteps - oneStep) / 2).toBe(2); // CREATE TABLE, then the version change and history row
    const twoDown = await sentBy(command.downgrade(p.config(), "ccc003"));
    const oneDown = await sentBy(command.downgrade(p.config(), "bbb002"));
    expect(twoDown - oneDown).toBe(2); // DROP TABLE, then the version change and history row
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
});
