// A SQLite run is one unit whatever the foreign-key setting: it runs with
// foreign keys off (batch copies of referenced tables never commit part of it),
// checks every reference before each commit, and gives the connection back
// with the setting it had.
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../../src/command/index.js";
import { connect } from "../../../src/dialects/index.js";
import type { Connection } from "../../../src/dialects/contract/index.js";
import { createProject } from "../../runtime/project.js";
import type { Project, RevisionSpec } from "../../runtime/project.js";

const projects: Project[] = [];
const opened: Connection[] = [];
afterEach(async () => {
  while (opened.length > 0) await opened.pop()!.close();
  while (projects.length > 0) await projects.pop()!.cleanup();
});

/** parent ← child (ON DELETE CASCADE) ← grandchild, with rows. */
const TABLES: RevisionSpec = {
  id: "ra0001",
  doc: "tables",
  upgrade: `
  await op.execute("CREATE TABLE \${P}_parent (id integer PRIMARY KEY, name varchar(50) NOT NULL)");
  await op.execute("CREATE TABLE \${P}_child (id integer PRIMARY KEY, parent_id integer CONSTRAINT \${P}_child_parent_fk REFERENCES \${P}_parent (id) ON DELETE CASCADE)");
  await op.execute("CREATE TABLE \${P}_grandchild (id integer PRIMARY KEY, child_id integer REFERENCES \${P}_child (id) ON DELETE CASCADE)");
  await op.execute("INSERT INTO \${P}_parent VALUES (1, 'one'), (2, 'two')");
  await op.execute("INSERT INTO \${P}_child VALUES (10, 1), (11, 2), (12, 2)");
  await op.execute("INSERT INTO \${P}_grandchild VALUES (100, 10), (101, 11)");`,
  downgrade: `
  await op.execute("DROP TABLE \${P}_grandchild");
  await op.execute("DROP TABLE \${P}_child");
  await op.execute("DROP TABLE \${P}_parent");`,
};

/**
 * The check's own error: the whole run's last commit fails with it as it is,
 * a revision's commit (per migration, or before a transactional = false
 * revision) wraps it in that revision's MigrationError.
 */
async function checkError(run: Promise<unknown>): Promise<{ message: string; hint?: string; revision?: string | null }> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e as { message: string; cause?: unknown; revision?: string | null },
  );
  if (error === undefined) throw new Error("the run did not fail");
  const inner = /^The run leaves /.test(error.message) ? error : (error.cause as { message: string; hint?: string });
  return { ...inner, message: inner.message, ...(error.revision === undefined ? {} : { revision: error.revision }) };
}

/** Everything a run could change: schema text, every row of every table (the version table's too). */
async function snapshot(p: Project): Promise<unknown> {
  const db = await connect(p.url);
  opened.push(db);
  const schema = (await db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")).rows;
  const rows: Record<string, unknown> = {};
  for (const t of schema.filter((r) => r["type"] === "table")) {
    rows[String(t["name"])] = (await db.execute(`SELECT * FROM ${db.dialect.quoteIdentifier(String(t["name"]))} ORDER BY rowid`)).rows;
  }
  return { schema, rows };
}

const SETTINGS = [
  ["by default (libsql: on)", ""],
  ["on in the URL", "?foreign_keys=on"],
  ["off in the URL", "?foreign_keys=off"],
] as const;

describe.each(SETTINGS)("a SQLite run with foreign keys %s", (_label, query) => {
  const project = (revisions: RevisionSpec[]): { p: Project; config: ReturnType<Project["config"]> } => {
    const p = createProject("sqlite", revisions);
    projects.push(p);
    return { p, config: p.config({ url: `${p.url}${query}` }) };
  };

  it("a failure after a batch on a referenced table leaves the database exactly as before the run, as the message says", async () => {
    const { p, config } = project([
      TABLES,
      {
        id: "ra0002",
        down: "ra0001",
        doc: "widen and add",
        upgrade: `
  await op.batchAlterTable("\${P}_parent", (b) => b.alterColumn("name", { type: op.type.string(200), existingType: op.type.string(50) }));
  await op.batchAlterTable("\${P}_child", (b) => b.addColumn(op.column("required", op.type.integer(), { nullable: false })));`,
      },
    ]);
    await command.upgrade(config, "ra0001");
    const before = await snapshot(p);
    const run = command.upgrade(config, "head");
    await expect(run).rejects.toThrow(/NOT NULL/);
    await expect(run).rejects.toMatchObject({ hint: expect.stringMatching(/the run was rolled back; the database is as before it, at ra0001/) });
    expect(await snapshot(p)).toEqual(before);
    expect(await p.versionRows()).toEqual(["ra0001"]);
    // nothing cascaded, nothing half-copied
    const db = await p.db();
    expect((await db.execute(`SELECT count(*) AS n FROM "${p.prefix}_grandchild"`)).rows).toEqual([{ n: 2 }]);
    expect((await db.execute("SELECT name FROM sqlite_master WHERE name LIKE '_athanor_tmp_%'")).rows).toEqual([]);
  });

  it("a downgrade that drops a foreign key (by batch) and then fails keeps the key", async () => {
    const { p, config } = project([
      TABLES,
      {
        id: "ra0002",
        down: "ra0001",
        doc: "nothing up, breaks down",
        upgrade: "",
        downgrade: `
  await op.batchAlterTable("\${P}_child", (b) => b.dropConstraint("\${P}_child_parent_fk", { type: "foreignkey" }));
  await op.execute("INSERT INTO \${P}_no_such_table VALUES (1)");`,
      },
    ]);
    await command.upgrade(config, "head");
    const before = await snapshot(p);
    await expect(command.downgrade(config, "ra0001")).rejects.toThrow(/no such table/);
    expect(await snapshot(p)).toEqual(before);
    const db = await p.db();
    expect((await db.execute(`SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list('${p.prefix}_child')`)).rows).toEqual([
      { table: `${p.prefix}_parent`, from: "parent_id", to: "id", on_delete: "CASCADE" },
    ]);
    expect(await p.versionRows()).toEqual(["ra0002"]);
  });

  it("a data step that leaves orphans (ON DELETE CASCADE does not fire in a run) fails at the check, names the rows and rolls back", async () => {
    const { p, config } = project([
      TABLES,
      { id: "ra0002", down: "ra0001", doc: "delete a parent", upgrade: `  await op.execute("DELETE FROM \${P}_parent WHERE id = 2");` },
    ]);
    await command.upgrade(config, "ra0001");
    const before = await snapshot(p);
    expect(await checkError(command.upgrade(config, "head"))).toMatchObject({
        message: `The run leaves 2 rows referring to rows that do not exist: ${p.prefix}_child rowid 11 → ${p.prefix}_parent, ${p.prefix}_child rowid 12 → ${p.prefix}_parent`,
        hint: expect.stringMatching(/rolled back\. SQLite migrations run with foreign keys off, so ON DELETE CASCADE and SET NULL do not fire/),
    });
    expect(await snapshot(p)).toEqual(before);
    expect(await p.versionRows()).toEqual(["ra0001"]);
  });

  it("names at most five rows, and counts the rest", async () => {
    const { p, config } = project([
      TABLES,
      {
        id: "ra0002",
        down: "ra0001",
        doc: "orphans",
        upgrade: `  await op.execute("INSERT INTO \${P}_child VALUES (20, 9), (21, 9), (22, 9), (23, 9), (24, 9), (25, 9), (26, 9)");`,
      },
    ]);
    await command.upgrade(config, "ra0001");
    expect(await checkError(command.upgrade(config, "head"))).toMatchObject({
      message: expect.stringMatching(/leaves 7 rows .*rowid 20 .*rowid 24 → \S+_parent, and 2 more$/),
    });
    expect(await p.versionRows()).toEqual(["ra0001"]);
  });

  it("with transactionPerMigration each revision's commit is checked: the ones before stay, the breaking one is rolled back", async () => {
    const { p, config } = project([
      TABLES,
      {
        id: "ra0002",
        down: "ra0001",
        doc: "widen parent",
        upgrade: `  await op.batchAlterTable("\${P}_parent", (b) => b.alterColumn("name", { type: op.type.string(200), existingType: op.type.string(50) }));`,
      },
      { id: "ra0003", down: "ra0002", doc: "delete a parent", upgrade: `  await op.execute("DELETE FROM \${P}_parent WHERE id = 1");` },
    ]);
    p.writeEnv("export default { transactionPerMigration: true };\n");
    await command.upgrade(config, "ra0001");
    expect(await checkError(command.upgrade(config, "head"))).toMatchObject({ revision: "ra0003", message: expect.stringMatching(/_child rowid 10 → /) });
    expect(await p.versionRows()).toEqual(["ra0002"]);
    const db = await p.db();
    expect((await db.execute(`SELECT type FROM pragma_table_info('${p.prefix}_parent') WHERE name = 'name'`)).rows.map((r) => String(r["type"]).toLowerCase())).toEqual(["varchar(200)"]);
    expect((await db.execute(`SELECT id FROM "${p.prefix}_parent" ORDER BY id`)).rows).toEqual([{ id: 1 }, { id: 2 }]);
    expect((await db.execute(`SELECT id FROM "${p.prefix}_child" ORDER BY id`)).rows).toEqual([{ id: 10 }, { id: 11 }, { id: 12 }]);
  });

  it("the commit before a transactional = false revision is checked, and so are the statements of that revision", async () => {
    const { p, config } = project([
      TABLES,
      { id: "ra0002", down: "ra0001", doc: "delete a parent", upgrade: `  await op.execute("DELETE FROM \${P}_parent WHERE id = 1");` },
      { id: "ra0003", down: "ra0002", doc: "outside", upgrade: `  await op.execute("CREATE TABLE \${P}_outside (id integer)");`, extra: "export const transactional = false;" },
    ]);
    await command.upgrade(config, "ra0001");
    const before = await snapshot(p);
    expect(await checkError(command.upgrade(config, "head"))).toMatchObject({
      revision: "ra0003",
      message: expect.stringMatching(/leaves 1 row referring to rows that do not exist: \S+_child rowid 10 → /),
    });
    // the check came before the commit: ra0002 is rolled back and ra0003 never ran
    expect(await snapshot(p)).toEqual(before);
    expect(await p.tableExists(`${p.prefix}_outside`)).toBe(false);

    // a revision outside a transaction that breaks a reference: its statements stay, but the run stops there, saying so
    p.write({ id: "ra0002", down: "ra0001", doc: "harmless", upgrade: "" });
    p.write({ id: "ra0003", down: "ra0002", doc: "outside", upgrade: `  await op.execute("DELETE FROM \${P}_parent WHERE id = 2");`, extra: "export const transactional = false;" });
    p.write({ id: "ra0004", down: "ra0003", doc: "after", upgrade: `  await op.execute("CREATE TABLE \${P}_after (id integer)");` });
    expect(await checkError(command.upgrade(config, "head"))).toMatchObject({
      revision: "ra0003",
      message: expect.stringMatching(/leaves 2 rows .*_child rowid 11 → .*_child rowid 12 → /),
      hint: expect.stringMatching(/ran outside a transaction \(transactional = false\) and stay applied/),
    });
    expect(await p.tableExists(`${p.prefix}_after`)).toBe(false);
    const db = await p.db();
    expect((await db.execute(`SELECT id FROM "${p.prefix}_parent" ORDER BY id`)).rows).toEqual([{ id: 1 }]);
  });

  it("references broken before the run are not the run's: they do not fail it", async () => {
    const { p, config } = project([
      TABLES,
      { id: "ra0002", down: "ra0001", doc: "widen", upgrade: `  await op.batchAlterTable("\${P}_grandchild", (b) => b.alterColumn("child_id", { nullable: false, existingType: op.type.integer() }));` },
    ]);
    await command.upgrade(config, "ra0001");
    const db = await connect(`${p.url}?foreign_keys=off`);
    opened.push(db);
    await db.execute(`INSERT INTO "${p.prefix}_child" VALUES (13, 99)`);
    await command.upgrade(config, "head");
    expect(await p.versionRows()).toEqual(["ra0002"]);
  });
});

describe("the connection a run is given", () => {
  it.each([
    ["on", 1],
    ["off", 0],
  ] as const)("keeps its foreign keys setting (%s) after a run that succeeds and after one that fails", async (setting, value) => {
    const p = createProject("sqlite", [
      TABLES,
      {
        id: "ra0002",
        down: "ra0001",
        doc: "widen parent",
        upgrade: `  await op.batchAlterTable("\${P}_parent", (b) => b.alterColumn("name", { type: op.type.string(200), existingType: op.type.string(50) }));`,
      },
      { id: "ra0003", down: "ra0002", doc: "fails", upgrade: `  await op.execute("SELECT * FROM \${P}_no_such_table");` },
    ]);
    projects.push(p);
    const connection = await connect(`${p.url}?foreign_keys=${setting}`);
    opened.push(connection);
    const config = p.config();
    config.attributes["connection"] = connection;
    const setting_ = async (): Promise<unknown> => (await connection.execute("PRAGMA foreign_keys")).rows;
    await command.upgrade(config, "ra0002");
    expect(await setting_()).toEqual([{ foreign_keys: value }]);
    expect(connection.inTransaction).toBe(false);
    await expect(command.upgrade(config, "head")).rejects.toThrow(/no such table/);
    expect(await setting_()).toEqual([{ foreign_keys: value }]);
    expect(await p.versionRows()).toEqual(["ra0002"]);
    // every child row survived the copy of the table they refer to
    expect((await connection.execute(`SELECT count(*) AS n FROM "${p.prefix}_child"`)).rows).toEqual([{ n: 3 }]);
  });

  it("inside the caller's transaction with foreign keys on, a batch on a referenced table is refused and the transaction is not committed", async () => {
    const p = createProject("sqlite", [
      TABLES,
      {
        id: "ra0002",
        down: "ra0001",
        doc: "widen parent",
        upgrade: `  await op.batchAlterTable("\${P}_parent", (b) => b.alterColumn("name", { type: op.type.string(200), existingType: op.type.string(50) }));`,
      },
    ]);
    projects.push(p);
    await command.upgrade(p.config(), "ra0001");
    const connection = await connect(p.url);
    opened.push(connection);
    const config = p.config();
    config.attributes["connection"] = connection;
    await connection.begin();
    await connection.execute(`INSERT INTO "${p.prefix}_parent" VALUES (3, 'mine')`);
    await expect(command.upgrade(config, "head")).rejects.toThrow(
      /batchAlterTable\("\S+_parent"\) must copy a table other tables' foreign keys refer to, and foreign keys are on inside a transaction athanor did not open/,
    );
    expect(connection.inTransaction).toBe(true);
    await connection.rollback();
    expect((await connection.execute(`SELECT id FROM "${p.prefix}_parent" ORDER BY id`)).rows).toEqual([{ id: 1 }, { id: 2 }]);
    expect((await connection.execute(`SELECT type FROM pragma_table_info('${p.prefix}_parent') WHERE name = 'name'`)).rows).toEqual([{ type: "varchar(50)" }]);
    expect(await p.versionRows()).toEqual(["ra0001"]);

    // with foreign keys off before the caller's transaction, the batch runs inside it and the caller commits
    await connection.execute("PRAGMA foreign_keys = OFF");
    await connection.begin();
    await command.upgrade(config, "head");
    expect(connection.inTransaction).toBe(true);
    await connection.commit();
    expect(await p.versionRows()).toEqual(["ra0002"]);
    expect((await connection.execute(`SELECT count(*) AS n FROM "${p.prefix}_grandchild"`)).rows).toEqual([{ n: 2 }]);
  });
});
