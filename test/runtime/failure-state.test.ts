// A failed run's message says exactly what stays applied: revisions committed, and
// on a database without transactional DDL the statements of the failing revision that ran.
import { describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import { liveDialects } from "../support/servers.js";
import { tableRevision } from "./project.js";
import type { RevisionSpec } from "./project.js";
import { caught, projectsCleanedAfterEach } from "./run-helpers.js";

const project = projectsCleanedAfterEach();

const withThird = (upgrade: string): RevisionSpec[] => [
  tableRevision("aaa001", null, "one"),
  tableRevision("bbb002", "aaa001", "two"),
  tableRevision("ccc003", "bbb002", "three", { upgrade }),
];

const TWO_DDL_THEN_FAIL =
  `  await op.execute("CREATE TABLE \${P}_three (id integer PRIMARY KEY)");\n` +
  `  await op.execute("CREATE TABLE \${P}_four (id integer PRIMARY KEY)");\n` +
  `  await op.execute("INSERT INTO \${P}_missing (id) VALUES (1)");`;

describe.skipIf(!liveDialects().includes("mysql"))("on MariaDB, where DDL commits at once", () => {
  it("a revision failing after two DDL statements names exactly those two, and the revisions before as applied", async () => {
    const p = project("mysql", withThird(TWO_DDL_THEN_FAIL));
    const error = await caught(command.upgrade(p.config(), "head"));
    const three = `CREATE TABLE ${p.prefix}_three (id integer PRIMARY KEY)`;
    const four = `CREATE TABLE ${p.prefix}_four (id integer PRIMARY KEY)`;
    expect(error.statementsApplied).toEqual([three, four]);
    expect(error.hint).toContain(
      `revisions aaa001, bbb002 are applied; of ccc003, these 2 statements ran and stay applied: \`${three}\`, \`${four}\`; the version table names bbb002`,
    );
    expect(error.hint).not.toMatch(/rolled back/);
    expect(await p.versionRows()).toEqual(["bbb002"]);
    expect(await p.tableExists(`${p.prefix}_three`)).toBe(true);
    expect(await p.tableExists(`${p.prefix}_four`)).toBe(true);
  });

  it("a revision failing before any statement says none ran", async () => {
    const p = project("mysql", withThird(`  throw new Error("refused early");`));
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.statementsApplied).toEqual([]);
    expect(error.hint).toContain("revisions aaa001, bbb002 are applied; no statement of ccc003 ran; the version table names bbb002");
    expect(await p.versionRows()).toEqual(["bbb002"]);
    expect(await p.tableExists(`${p.prefix}_three`)).toBe(false);
  });

  it("a row written after a DDL statement stays too: the DDL ended the transaction", async () => {
    const p = project(
      "mysql",
      withThird(
        `  await op.execute("CREATE TABLE \${P}_three (id integer PRIMARY KEY)");\n` +
          `  await op.execute("INSERT INTO \${P}_three (id) VALUES (1)");\n  throw new Error("after the row");`,
      ),
    );
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.statementsApplied).toEqual([
      `CREATE TABLE ${p.prefix}_three (id integer PRIMARY KEY)`,
      `INSERT INTO ${p.prefix}_three (id) VALUES (1)`,
    ]);
    expect(error.hint).toContain("of ccc003, these 2 statements ran and stay applied");
    const db = await p.db();
    const rows = await db.execute(`SELECT id FROM ${db.dialect.quoteTable(`${p.prefix}_three`)}`);
    expect(rows.rows.map((r) => Number(r["id"]))).toEqual([1]);
  });

  it("a row written without any DDL is rolled back with the revision, and the message says so", async () => {
    const p = project(
      "mysql",
      withThird(`  await op.execute("INSERT INTO \${P}_two (id) VALUES (7)");\n  throw new Error("after the row");`),
    );
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.statementsApplied).toEqual([]);
    expect(error.hint).toContain("revisions aaa001, bbb002 are applied; the statement of ccc003 that ran was rolled back");
    const db = await p.db();
    const rows = await db.execute(`SELECT id FROM ${db.dialect.quoteTable(`${p.prefix}_two`)}`);
    expect(rows.rows).toEqual([]);
  });

  it("a statement the server ran but changed (a warning turned into an error) is named among those that stay", async () => {
    const p = project(
      "mysql",
      withThird(
        `  await op.execute("CREATE TABLE \${P}_three (id integer PRIMARY KEY, code varchar(3))");\n` +
          `  await op.execute("SET SESSION sql_mode = ''");\n` +
          `  await op.execute("INSERT INTO \${P}_three (id, code) VALUES (1, 'abcdef')");`,
      ),
    );
    const error = await caught(command.upgrade(p.config(), "head"));
    const insert = `INSERT INTO ${p.prefix}_three (id, code) VALUES (1, 'abcdef')`;
    expect(error.message).toMatch(/1265/);
    expect(error.statementsApplied).toContain(insert);
    expect(error.hint).toContain("of ccc003, these 3 statements ran and stay applied");
    const db = await p.db();
    const rows = await db.execute(`SELECT code FROM ${db.dialect.quoteTable(`${p.prefix}_three`)}`);
    expect(rows.rows.map((r) => r["code"])).toEqual(["abc"]);
  });

  it("the first revision failing: no revision of the run is applied", async () => {
    const p = project("mysql", [tableRevision("aaa001", null, "one", { upgrade: `  throw new Error("first");` })]);
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.hint).toContain("no revision of this run is applied; no statement of aaa001 ran; the version table names no revision (base)");
    expect(await p.versionRows()).toEqual([]);
  });
});

describe.each(liveDialects().filter((d) => d !== "mysql"))("on %s, where DDL is transactional", (dialect) => {
  it("the same failure rolls the whole run back and says so", async () => {
    const p = project(dialect, withThird(TWO_DDL_THEN_FAIL));
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.statementsApplied).toEqual([]);
    expect(error.hint).toBe("the run was rolled back; the database is as before it, at no revision (base)");
    expect(await p.versionRows()).toBeNull();
    expect(await p.tableExists(`${p.prefix}_one`)).toBe(false);
    expect(await p.tableExists(`${p.prefix}_three`)).toBe(false);
  });

  it("with transactionPerMigration, the committed revisions are named and the failing one rolled back", async () => {
    const p = project(dialect, withThird(TWO_DDL_THEN_FAIL));
    p.writeEnv(`export default { transactionPerMigration: true };`);
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.hint).toBe("revisions aaa001, bbb002 are applied; ccc003 was rolled back; the database is at bbb002");
    expect(await p.versionRows()).toEqual(["bbb002"]);
    expect(await p.tableExists(`${p.prefix}_two`)).toBe(true);
    expect(await p.tableExists(`${p.prefix}_three`)).toBe(false);
  });
});
