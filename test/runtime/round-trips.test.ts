// A revision's version-table change travels with the next revision's first statement
// where the database takes several statements in one message (PostgreSQL), and a
// step's BEGIN waits for its first statement where DDL commits at once (MySQL). What a
// run reports stays exact: the failing statement and its revision, what rolled back,
// what stays applied, and the server's notices and warnings.
import { describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import { liveDialects } from "../support/servers.js";
import { tableRevision } from "./project.js";
import type { RevisionSpec } from "./project.js";
import { caught, projectsCleanedAfterEach } from "./run-helpers.js";

const project = projectsCleanedAfterEach();

const chain = (third: Partial<RevisionSpec>, second: Partial<RevisionSpec> = {}): RevisionSpec[] => [
  tableRevision("aaa001", null, "one"),
  tableRevision("bbb002", "aaa001", "two", second),
  tableRevision("ccc003", "bbb002", "three", third),
  tableRevision("ddd004", "ccc003", "four"),
];

describe.each(liveDialects())("on %s", (dialect) => {
  const transactionalDdl = dialect !== "mysql";

  it("a statement failing after earlier revisions names itself and its revision, and reports what stays exactly", async () => {
    const p = project(
      dialect,
      chain({ upgrade: `  await op.execute("INSERT INTO \${P}_missing (id) VALUES (1)");` }),
    );
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.revision).toBe("ccc003");
    expect(error.message).toContain(`INSERT INTO ${p.prefix}_missing (id) VALUES (1)`);
    expect(error.statementsApplied).toEqual([]);
    if (transactionalDdl) {
      expect(error.hint).toMatch(/^the run was rolled back; the database is as before it/);
      expect(await p.versionRows()).toBeNull();
      expect(await p.tableExists(`${p.prefix}_one`)).toBe(false);
      expect(await p.tableExists(`${p.prefix}_two`)).toBe(false);
    } else {
      expect(error.hint).toContain("revisions aaa001, bbb002 are applied");
      expect(error.hint).toContain("the version table names bbb002");
      expect(await p.versionRows()).toEqual(["bbb002"]);
      expect(await p.tableExists(`${p.prefix}_two`)).toBe(true);
    }
    expect(await p.tableExists(`${p.prefix}_three`)).toBe(false);
  });

  it("a syntax error, which the server finds before running anything sent with it, is blamed on its own statement", async () => {
    const p = project(dialect, chain({ upgrade: `  await op.execute("CREATE TABLEX \${P}_three (id integer)");` }));
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.revision).toBe("ccc003");
    expect(error.message).toContain(`CREATE TABLEX ${p.prefix}_three`);
    if (transactionalDdl) expect(await p.versionRows()).toBeNull();
    else expect(await p.versionRows()).toEqual(["bbb002"]);
  });

  it("a version-table change that fails is blamed on the revision that made it, not on the next one", async () => {
    // bbb002 empties the version table behind the run's back: its own UPDATE then matches no row
    const p = project(dialect, chain({}, { upgrade: `  await op.execute("DELETE FROM \${P}_version");` }));
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.revision).toBe("bbb002");
    expect(error.message).toContain("Expected to match one row when updating 'aaa001' to 'bbb002'");
    expect(await p.tableExists(`${p.prefix}_three`)).toBe(false);
    if (transactionalDdl) expect(await p.tableExists(`${p.prefix}_one`)).toBe(false);
  });

  it("a revision catching the error of its first statement does not hide the previous revision's failed change", async () => {
    const p = project(
      dialect,
      chain(
        {
          upgrade:
            `  try {\n    await op.execute("CREATE TABLE \${P}_three (id integer PRIMARY KEY)");\n  } catch {\n    // ignored on purpose\n  }`,
        },
        { upgrade: `  await op.execute("DELETE FROM \${P}_version");` },
      ),
    );
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.revision).toBe("bbb002");
    expect(await p.tableExists(`${p.prefix}_four`)).toBe(false);
  });

  it("runs up and down with parameters, queries and empty revisions between, the version table right at the end", async () => {
    const p = project(dialect, [
      tableRevision("aaa001", null, "one"),
      { id: "bbb002", down: "aaa001", upgrade: "  // nothing", downgrade: "  // nothing" },
      {
        id: "ccc003",
        down: "bbb002",
        upgrade:
          `  await op.execute("INSERT INTO \${P}_one (id) VALUES (${dialect === "postgresql" ? "$1" : "?"})", [5]);\n` +
          `  const rows = await op.query("SELECT id FROM \${P}_one");\n` +
          `  if (rows.length !== 1) throw new Error("expected the row");`,
        downgrade: `  await op.execute("DELETE FROM \${P}_one");`,
      },
      tableRevision("ddd004", "ccc003", "four"),
    ]);
    await command.upgrade(p.config(), "head");
    expect(await p.versionRows()).toEqual(["ddd004"]);
    expect(await p.tableExists(`${p.prefix}_four`)).toBe(true);
    await command.downgrade(p.config(), "aaa001");
    expect(await p.versionRows()).toEqual(["aaa001"]);
    expect(await p.tableExists(`${p.prefix}_four`)).toBe(false);
    await command.downgrade(p.config(), "base");
    expect(await p.versionRows()).toEqual([]);
    expect(await p.tableExists(`${p.prefix}_one`)).toBe(false);
  });
});

describe.skipIf(!liveDialects().includes("postgresql"))("on PostgreSQL, statements that travel together", () => {
  it("a notice of the statement sent with a version-table change is said aloud, naming that statement", async () => {
    const p = project(
      "postgresql",
      chain({ upgrade: `  await op.execute("DO $$ BEGIN RAISE NOTICE 'hello from three'; END $$");` }),
    );
    const warnings: string[] = [];
    await command.upgrade(p.config(), "head", { output: { warn: (message) => warnings.push(message) } });
    expect(warnings).toEqual([expect.stringMatching(/hello from three.*\[statement: DO \$\$ BEGIN RAISE NOTICE/)]);
    expect(await p.versionRows()).toEqual(["ddd004"]);
  });

  it("a name PostgreSQL cuts in a statement sent with a version-table change fails that revision and rolls back", async () => {
    const long = `${"x".repeat(70)}`;
    const p = project("postgresql", chain({ upgrade: `  await op.execute("CREATE TABLE \${P}_${long} (id integer)");` }));
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.revision).toBe("ccc003");
    expect(error.message).toContain("PostgreSQL cut a name");
    expect(error.message).toContain(`CREATE TABLE ${p.prefix}_${long}`);
    expect(await p.versionRows()).toBeNull();
  });
});

describe.skipIf(!liveDialects().includes("mysql"))("on MariaDB, where a step's BEGIN waits for its first statement", () => {
  it("a warning the server gives for a statement right after DDL still fails the revision", async () => {
    const p = project(
      "mysql",
      chain({
        upgrade:
          `  await op.execute("CREATE TABLE \${P}_three (id integer PRIMARY KEY, code varchar(2))");\n` +
          `  await op.execute("SET SESSION sql_mode = ''");\n` +
          `  await op.execute("INSERT INTO \${P}_three (id, code) VALUES (1, 'too long')");`,
      }),
    );
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.revision).toBe("ccc003");
    expect(error.message).toMatch(/MySQL ran the statement but changed what it was given/);
    expect(await p.versionRows()).toEqual(["bbb002"]);
  });

  it("data written by a revision without DDL still commits with its version-table change, or not at all", async () => {
    const p = project("mysql", [
      tableRevision("aaa001", null, "one"),
      {
        id: "bbb002",
        down: "aaa001",
        upgrade: `  await op.execute("INSERT INTO \${P}_one (id) VALUES (1)");`,
        downgrade: `  await op.execute("DELETE FROM \${P}_one");`,
      },
    ]);
    await command.upgrade(p.config(), "head");
    expect(await p.versionRows()).toEqual(["bbb002"]);
    const db = await p.db();
    expect((await db.execute(`SELECT id FROM ${db.dialect.quoteTable(`${p.prefix}_one`)}`)).rows.length).toBe(1);
  });
});
