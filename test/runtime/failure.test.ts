import { describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import { liveDialects } from "../support/servers.js";
import { tableRevision } from "./project.js";
import type { RevisionSpec } from "./project.js";
import { caught, projectsCleanedAfterEach } from "./run-helpers.js";

const project = projectsCleanedAfterEach();

/** DDL is transactional here: a failed run leaves the database as before it. */
const transactional = (dialect: string): boolean => dialect !== "mysql";

const history = (third: Partial<RevisionSpec>): RevisionSpec[] => [
  tableRevision("aaa001", null, "one"),
  tableRevision("bbb002", "aaa001", "two"),
  tableRevision("ccc003", "bbb002", "three", third),
  tableRevision("ddd004", "ccc003", "four"),
];

describe.each(liveDialects())("a failing revision on %s", (dialect) => {
  it("that throws at step 3 of 4: the state is checked, then the fix completes the run", async () => {
    const p = project(
      dialect,
      history({
        upgrade: `  await op.execute("CREATE TABLE \${P}_three (id integer PRIMARY KEY)");\n  throw new Error("boom in three");`,
      }),
    );
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.revision).toBe("ccc003");
    expect(error.message).toContain("ccc003");
    expect(error.message).toContain("boom in three");
    if (transactional(dialect)) {
      expect(error.hint).toMatch(/rolled back/);
      expect(await p.versionRows()).toBeNull();
      expect(await p.tableExists(`${p.prefix}_one`)).toBe(false);
      expect(await p.tableExists(`${p.prefix}_three`)).toBe(false);
    } else {
      expect(await p.versionRows()).toEqual(["bbb002"]);
      expect(error.hint).toMatch(/bbb002/);
      expect(await p.tableExists(`${p.prefix}_two`)).toBe(true);
      // the DDL of the failed revision stays (MySQL commits it at once)
      expect(await p.tableExists(`${p.prefix}_three`)).toBe(true);
    }
    p.write(
      tableRevision("ccc003", "bbb002", "three", {
        upgrade: `  await op.execute("CREATE TABLE IF NOT EXISTS \${P}_three (id integer PRIMARY KEY)");`,
      }),
    );
    const fixed = await command.upgrade(p.config(), "head");
    expect(fixed.heads).toEqual(["ddd004"]);
    expect(await p.versionRows()).toEqual(["ddd004"]);
    expect(await p.tableExists(`${p.prefix}_four`)).toBe(true);
  });

  it("with bad SQL: the error names the revision, the statement and the database's message", async () => {
    const p = project(dialect, [
      tableRevision("aaa001", null, "one"),
      tableRevision("bbb002", "aaa001", "two", {
        upgrade: `  await op.execute("CREATE TABLE \${P}_two (id integer PRIMARY KEY)");\n  await op.execute("INSERT INTO \${P}_missing (id) VALUES (1)");`,
      }),
    ]);
    await command.upgrade(p.config(), "aaa001");
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.revision).toBe("bbb002");
    expect(error.statement).toBe(`INSERT INTO ${p.prefix}_missing (id) VALUES (1)`);
    expect(error.message).toContain(`${p.prefix}_missing`);
    expect(error.message).toMatch(/Running upgrade aaa001 -> bbb002, create two failed/);
    expect(error.reason).toMatch(/does not exist|no such table|doesn't exist/i);
    expect(await p.versionRows()).toEqual(["aaa001"]);
    expect(await p.tableExists(`${p.prefix}_two`)).toBe(!transactional(dialect));
  });

  it("with transactionPerMigration keeps the revisions before the failure", async () => {
    const p = project(
      dialect,
      history({
        upgrade: `  await op.execute("CREATE TABLE \${P}_three (id integer PRIMARY KEY)");\n  throw new Error("boom");`,
      }),
    );
    p.writeEnv(`export default { transactionPerMigration: true };`);
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.heads).toEqual(["bbb002"]);
    expect(await p.versionRows()).toEqual(["bbb002"]);
    expect(await p.tableExists(`${p.prefix}_two`)).toBe(true);
    expect(await p.tableExists(`${p.prefix}_three`)).toBe(!transactional(dialect));
  });

  it("that forgets an await fails naming the revision", async () => {
    const p = project(dialect, [
      tableRevision("aaa001", null, "one"),
      tableRevision("bbb002", "aaa001", "two", {
        upgrade: `  op.execute("CREATE TABLE \${P}_two (id integer PRIMARY KEY)");`,
      }),
    ]);
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.revision).toBe("bbb002");
    expect(error.message).toMatch(/upgrade\(\) of revision bbb002 returned while 1 operation was still running; did you forget an `await`\?/);
    if (transactional(dialect)) expect(await p.versionRows()).toBeNull();
    else expect(await p.versionRows()).toEqual(["aaa001"]);
  });

  it("runs a transactional = false revision outside the transaction", async () => {
    const concurrently = dialect === "postgresql" ? "CONCURRENTLY " : "";
    const p = project(dialect, [
      tableRevision("aaa001", null, "one"),
      {
        id: "bbb002",
        down: "aaa001",
        doc: "index outside a transaction",
        extra: "export const transactional = false;",
        upgrade: `  await op.execute("CREATE INDEX ${concurrently}\${P}_ix ON \${P}_one (id)");`,
        downgrade: `  await op.execute("DROP INDEX ${concurrently}\${P}_ix${dialect === "mysql" ? " ON ${P}_one" : ""}");`,
      },
      tableRevision("ccc003", "bbb002", "three", {
        upgrade: `  await op.execute("CREATE TABLE \${P}_three (id integer PRIMARY KEY)");\n  throw new Error("boom");`,
      }),
    ]);
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.revision).toBe("ccc003");
    // what ran before the non-transactional revision was committed with it
    expect(await p.versionRows()).toEqual(["bbb002"]);
    expect(await p.tableExists(`${p.prefix}_one`)).toBe(true);
    expect(await p.tableExists(`${p.prefix}_three`)).toBe(!transactional(dialect));
    await command.downgrade(p.config(), "base");
    expect(await p.versionRows()).toEqual([]);
    expect(await p.tableExists(`${p.prefix}_one`)).toBe(false);
  });

  it("that fails on downgrade leaves the version table consistent", async () => {
    const p = project(dialect, [
      tableRevision("aaa001", null, "one"),
      tableRevision("bbb002", "aaa001", "two", { downgrade: `  throw new Error("cannot go back");` }),
    ]);
    await command.upgrade(p.config(), "head");
    const error = await caught(command.downgrade(p.config(), "base"));
    expect(error.kind).toBe("downgrade");
    expect(error.message).toMatch(/Running downgrade bbb002 -> aaa001, create two failed: cannot go back/);
    expect(await p.versionRows()).toEqual(["bbb002"]);
  });

  it("refuses a version-table change that does not match exactly one row", async () => {
    const p = project(dialect, [
      tableRevision("aaa001", null, "one"),
      tableRevision("bbb002", "aaa001", "two", {
        // a revision that (wrongly) empties the version table under the runtime's feet
        upgrade: `  await op.execute("DELETE FROM \${P}_version");`,
      }),
    ]);
    await command.upgrade(p.config(), "aaa001");
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.revision).toBe("bbb002");
    expect(error.message).toContain(
      `Expected to match one row when updating 'aaa001' to 'bbb002' in the version table ${p.versionTable}; 0 found`,
    );
    // the DELETE was DML inside the step's transaction: rolled back with it everywhere
    expect(await p.versionRows()).toEqual(["aaa001"]);
  });
});

describe.skipIf(!liveDialects().includes("postgresql"))("the database's detail (PostgreSQL)", () => {
  it("is part of the error", async () => {
    const p = project("postgresql", [
      tableRevision("aaa001", null, "one", {
        upgrade: `  await op.execute("CREATE TABLE \${P}_one (id integer PRIMARY KEY)");\n  await op.execute("INSERT INTO \${P}_one VALUES (1)");\n  await op.execute("INSERT INTO \${P}_one VALUES (1)");`,
      }),
    ]);
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.reason).toMatch(/duplicate key value violates unique constraint/);
    expect(error.reason).toMatch(/Key \(id\)=\(1\) already exists/);
  });
});
