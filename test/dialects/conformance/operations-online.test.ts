// Conformance online: every built-in operation run through real revisions by
// command.upgrade / downgrade, its effect read back with the dialect's
// reflect(), then reversed by the downgrade and read back again; and each
// operation run directly (compiled by the dialect), read back, then undone by
// the operation its reverse() gives, and read back again.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as command from "../../../src/command/index.js";
import { reverseOperation } from "../../../src/operations/index.js";
import type { SchemaOperation } from "../../../src/dialects/contract/index.js";
import type { Column, Index, Table } from "../../../src/schema/model.js";
import { expressionKey } from "../../../src/autogenerate/compare/index.js";
import { AthanorError } from "../../../src/util/errors.js";
import { createProject } from "../../runtime/project.js";
import type { Project } from "../../runtime/project.js";
import { applyOperations } from "../../autogenerate/compare-helpers.js";
import { comparableColumns } from "./normalisations.js";
import { bare, hostile, openSandbox, type Sandbox } from "./sandbox.js";
import { operationRevisions as revisions } from "./scenarios.js";
import { conformanceIt } from "./known-gaps.js";
import { conformanceDialects } from "./targets.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

const ready = conformanceDialects();

async function reflect(p: Project, name: string): Promise<Table | undefined> {
  const db = await p.db();
  const model = await db.dialect.reflect!(db, { tables: [name] });
  return model.tables.find((t) => t.name === name);
}

async function table(p: Project, name: string): Promise<Table> {
  const found = await reflect(p, name);
  expect(found, `table ${name}`).toBeDefined();
  return found!;
}

function columnNames(t: Table): string[] {
  return t.columns.map((c) => c.name);
}

describe.each(ready)("schema operations on %s, read back from the catalog and reversed", (dialect) => {
  it("each revision's effect shows in the catalog, and each downgrade undoes it", async () => {
    const revs = revisions(dialect);
    const p = createProject(dialect, revs);
    projects.push(p);
    const config = p.config();
    const users = `${p.prefix}_users`;
    const posts = `${p.prefix}_posts`;
    const articles = `${p.prefix}_articles`;

    // Upgrade one revision at a time and read each effect back.
    const after: Record<string, () => Promise<void>> = {
      op0001: async () => {
        const u = await table(p, users);
        expect(columnNames(u)).toEqual(["id", "email", "name"]);
        expect(u.primaryKey?.columns).toEqual(["id"]);
        expect(u.columns.find((c) => c.name === "email")!.nullable).toBe(false);
        expect(u.columns.find((c) => c.name === "name")!.nullable).toBe(true);
        const t = await table(p, posts);
        expect(columnNames(t)).toEqual(["id", "user_id", "title"]);
        expect(JSON.stringify(t.columns.find((c) => c.name === "title")!.serverDefault)).toContain("untitled");
      },
      op0002: async () => {
        const age = (await table(p, users)).columns.find((c) => c.name === "age");
        expect(age?.nullable).toBe(true);
        expect(JSON.stringify(age?.serverDefault)).toContain("0");
      },
      op0003: async () => {
        const t = await table(p, users);
        // MySQL reads a unique index over plain columns back as a unique constraint: they are one thing there
        const index = t.indexes.find((i) => i.name === `ix_${p.prefix}_users_email`);
        const unique = t.uniques.find((u) => u.name === `ix_${p.prefix}_users_email`);
        if (dialect === "mysql") expect(index ?? { ...unique, unique: true }).toMatchObject({ columns: ["email"], unique: true });
        else expect(index).toMatchObject({ columns: ["email"], unique: true });
      },
      op0004: async () => {
        const name = (await table(p, users)).columns.find((c) => c.name === "name")!;
        expect(name.nullable).toBe(false);
        expect(JSON.stringify(name.type)).toContain("80");
        expect(JSON.stringify(name.serverDefault)).toContain("anon");
      },
      op0005: async () => {
        expect(columnNames(await table(p, users))).toEqual(["id", "email", "full_name", "age"]);
      },
      op0006: async () => {
        const t = await table(p, posts);
        expect(t.uniques.map((u) => u.name)).toContain(`uq_${p.prefix}_posts_title`);
        expect(t.foreignKeys).toEqual([expect.objectContaining({ name: `fk_${p.prefix}_posts_user`, columns: ["user_id"], refTable: users, refColumns: ["id"], onDelete: "cascade" })]);
        expect((await table(p, users)).checks.map((c) => c.name)).toContain(`ck_${p.prefix}_users_age`);
        // the foreign key and check really hold
        const db = await p.db();
        await expect(db.execute(`INSERT INTO ${db.dialect.quoteIdentifier(posts)} (id, user_id, title) VALUES (1, 999, 'x')`)).rejects.toThrow();
        await expect(db.execute(`INSERT INTO ${db.dialect.quoteIdentifier(users)} (id, email, full_name, age) VALUES (1, 'a', 'b', -1)`)).rejects.toThrow();
      },
      op0007: async () => {
        expect(await reflect(p, posts)).toBeUndefined();
        expect(columnNames(await table(p, articles))).toEqual(["id", "user_id", "title"]);
      },
      op0008: async () => {
        expect((await table(p, users)).comment).toBe(`people's "accounts"`);
      },
      op0011: async () => {
        expect((await table(p, `${p.prefix}_keys`)).primaryKey).toBeUndefined();
      },
      op0013: async () => {
        const keys = await table(p, `${p.prefix}_keys`);
        expect(keys.primaryKey?.columns).toEqual(["id"]);
        if (dialect !== "mysql") expect(keys.primaryKey?.name).toBe(`pk_${p.prefix}_keys`);
      },
      op0012: async () => {
        expect((await table(p, users)).columns.find((c) => c.name === "email")?.comment).toBe("where we write");
      },
      op0009: async () => {
        const db = await p.db();
        const model = await db.dialect.reflect!(db, { tables: [users] });
        expect(model.enums.find((e) => e.name === `${p.prefix}_mood`)?.values).toEqual(["sad", "ok"]);
        expect((await table(p, users)).columns.find((c) => c.name === "mood")?.type).toMatchObject({ kind: "enum", name: `${p.prefix}_mood` });
      },
      op0014: async () => {
        const db = await p.db();
        const model = await db.dialect.reflect!(db, { tables: [`${p.prefix}_moods`] });
        expect(model.enums.find((e) => e.name === `${p.prefix}_feel`)?.values).toEqual(["up", "down"]);
        expect(model.tables[0]?.columns.find((c) => c.name === "m")?.type).toMatchObject({ kind: "enum", name: `${p.prefix}_feel` });
      },
      op0010: async () => {
        const db = await p.db();
        const model = await db.dialect.reflect!(db, { tables: [users] });
        expect(model.enums.find((e) => e.name === `${p.prefix}_mood`)?.values).toEqual(["sad", "fine", "happy"]);
      },
    };
    const snapshots: string[] = [];
    const snapshot = async (): Promise<string> => {
      const db = await p.db();
      const model = await db.dialect.reflect!(db, { tables: [users, posts, articles, `${p.prefix}_keys`] });
      const enums = model.enums.filter((e) => e.name.startsWith(p.prefix));
      return JSON.stringify({ tables: [...model.tables].sort((a, b) => a.name.localeCompare(b.name)), enums });
    };
    for (const rev of revs) {
      snapshots.push(await snapshot());
      const result = await command.upgrade(config, "+1");
      expect(result.heads).toEqual([rev.id]);
      await after[rev.id]!();
    }
    // Downgrade one at a time: each leaves the catalog as it was before its upgrade
    // (except an added enum value, which PostgreSQL cannot remove).
    let enumGrew = false;
    for (const rev of [...revs].reverse()) {
      await command.downgrade(config, "-1");
      const before = snapshots.pop()!;
      const now = await snapshot();
      if (rev.id === "op0010") enumGrew = true;
      const expected = enumGrew ? before.replaceAll('"sad","ok"]', '"sad","ok","happy"]') : before;
      expect(JSON.parse(now)).toEqual(JSON.parse(expected));
    }
    expect(await reflect(p, users)).toBeUndefined();
  });
});

describe.each(ready)("each operation run directly on %s, read back, then reversed", (dialect) => {
  // `it`, or `it.fails` where known-gaps.ts lists a defect of this database
  const test = conformanceIt(dialect);
  let box: Sandbox;
  beforeAll(async () => {
    box = await openSandbox(dialect, "conf ops");
  });
  afterAll(async () => {
    await box?.close();
  });

  /**
   * Runs an operation as a revision would: compiled and run as it is, or, where
   * the database has no ALTER for it (SQLite constraints), through batch mode.
   */
  async function apply(op: SchemaOperation): Promise<void> {
    // applyOperations reads only the operation's data on the batch path
    if (box.dialect.batch?.requiresRecreate([op])) await applyOperations(box.connection, [op]);
    else await box.run(op);
  }

  /** Runs the operation, then returns its reverse (as the operation classes compute it). */
  async function runAndReverse(op: SchemaOperation): Promise<SchemaOperation> {
    await apply(op);
    return reverseOperation(op);
  }

  /** A table with an integer key. */
  async function keyed(name: string): Promise<void> {
    await box.run({ kind: "createTable", table: bare(name, [{ name: "id", type: { kind: "integer" }, nullable: false }], { primaryKey: { columns: ["id"] } }) });
  }

  test("create table if not exists twice, with an index and comments; drop table if exists twice", async () => {
    const name = hostile("twice");
    const op: SchemaOperation = {
      kind: "createTable",
      table: bare(name, [{ name: "a", type: { kind: "integer" }, nullable: true, comment: "c" }], {
        indexes: [{ name: hostile("twice ix"), columns: ["a"], unique: false }],
        comment: "t",
      }),
      ifNotExists: true,
    };
    await box.run(op);
    await box.run(op);
    const read = await box.table(name);
    expect(read?.columns.map((c) => c.name)).toEqual(["a"]);
    expect(read?.indexes.map((i) => i.name)).toEqual([hostile("twice ix")]);
    await box.run({ kind: "dropTable", name, ifExists: true });
    await box.run({ kind: "dropTable", name, ifExists: true });
    expect(await box.table(name)).toBeUndefined();
  });

  test("rename table, and back", async () => {
    const from = hostile("ren from");
    const to = hostile("ren to");
    await keyed(from);
    const reverse = await runAndReverse({ kind: "renameTable", name: from, newName: to });
    expect(await box.names()).toContain(to);
    expect(await box.names()).not.toContain(from);
    expect((await box.table(to))?.columns.map((c) => c.name)).toEqual(["id"]);
    await box.run(reverse);
    expect(await box.table(to)).toBeUndefined();
    expect(await box.table(from)).toBeDefined();
    await box.run({ kind: "dropTable", name: from });
    expect(await box.names()).not.toContain(from);
  });

  test("add a column (its default fills existing rows), drop it by the reverse, add it back by the drop's reverse; rename a column and back", async () => {
    const name = hostile("cols");
    await keyed(name);
    await box.run({ kind: "bulkInsert", table: name, columns: [], rows: [{ id: 1 }] });
    const base = (await box.table(name))!.columns;
    const columns = async (table: string): Promise<unknown> => comparableColumns((await box.table(table))?.columns ?? [], box.dialect);
    const as = (list: readonly Column[]): unknown => comparableColumns(list, box.dialect);
    const column: Column = { name: hostile("added"), type: { kind: "string", length: 20 }, nullable: false, serverDefault: { kind: "literal", value: "x'y\\z" }, comment: "new 'one'" };
    const drop = await runAndReverse({ kind: "addColumn", table: name, column });
    expect(await columns(name)).toEqual(as([...base, column]));
    const q = box.dialect.quoteIdentifier;
    expect((await box.connection.execute(`SELECT ${q(column.name)} AS v FROM ${q(name)}`)).rows).toEqual([{ v: "x'y\\z" }]);

    const add = await runAndReverse(drop);
    expect(await columns(name)).toEqual(as(base));
    await box.run(add);
    expect(await columns(name)).toEqual(as([...base, column]));
    // Dropping with the column known reverses to adding it back as it was.
    const readd = await runAndReverse({ kind: "dropColumn", table: name, name: column.name, column });
    expect(await columns(name)).toEqual(as(base));
    await box.run(readd);
    expect(await columns(name)).toEqual(as([...base, column]));

    // MySQL restates the whole column on a rename: what it had is passed as existing
    const existing = { type: column.type, nullable: column.nullable, serverDefault: column.serverDefault!, comment: column.comment! };
    const unrename = await runAndReverse({ kind: "alterColumn", table: name, name: column.name, changes: { newName: hostile("renamed") }, existing });
    expect(await columns(name)).toEqual(as([...base, { ...column, name: hostile("renamed") }]));
    await apply(unrename);
    expect(await columns(name)).toEqual(as([...base, column]));
    expect((await box.connection.execute(`SELECT ${q(column.name)} AS v FROM ${q(name)}`)).rows).toEqual([{ v: "x'y\\z" }]);
    await box.run({ kind: "dropTable", name });
  });

  test("alter column: type, nullability, default and comment changed together, reversed from the existing values; rows kept", async () => {
    const name = hostile("alter");
    await keyed(name);
    const before: Column = { name: "c", type: { kind: "string", length: 20 }, nullable: true, serverDefault: { kind: "literal", value: "x" }, comment: "kept" };
    await apply({ kind: "addColumn", table: name, column: before });
    const q = box.dialect.quoteIdentifier;
    await box.connection.execute(`INSERT INTO ${q(name)} (id, c) VALUES (1, 'abc')`);
    const after: Column = { name: "c", type: { kind: "string", length: 40 }, nullable: false, serverDefault: { kind: "literal", value: "y'" }, comment: "changed" };
    const reverse = await runAndReverse({
      kind: "alterColumn",
      table: name,
      name: "c",
      changes: { nullable: false, type: after.type, serverDefault: after.serverDefault!, comment: "changed" },
      existing: { type: before.type, nullable: true, serverDefault: before.serverDefault!, comment: "kept" },
    });
    const column = async (): Promise<unknown> => comparableColumns((await box.table(name))?.columns.filter((c) => c.name === "c") ?? [], box.dialect);
    expect(await column()).toEqual(comparableColumns([after], box.dialect));
    await expect(box.connection.execute(`INSERT INTO ${q(name)} (id, c) VALUES (2, NULL)`)).rejects.toThrow();
    await apply(reverse);
    expect(await column()).toEqual(comparableColumns([before], box.dialect));
    expect((await box.connection.execute(`SELECT id, c FROM ${q(name)} ORDER BY id`)).rows.map((r) => [Number(r["id"]), r["c"]])).toEqual([[1, "abc"]]);
    await box.run({ kind: "dropTable", name });
  });

  test("create and drop indexes (reverse each other); unique indexes hold; partial and expression indexes, IF [NOT] EXISTS twice, where the database has them, refused before they run where not", async () => {
    const name = hostile("idx");
    await box.run({
      kind: "createTable",
      table: bare(name, [
        { name: "a", type: { kind: "string", length: 20 }, nullable: true },
        { name: "b", type: { kind: "integer" }, nullable: true },
      ]),
    });
    const plain = { name: hostile("ix"), columns: ["b", "a"], unique: false };
    const drop = await runAndReverse({ kind: "createIndex", table: name, index: plain });
    expect((await box.table(name))?.indexes).toEqual([plain]);
    expect(drop.kind).toBe("dropIndex");
    const recreate = await runAndReverse(drop);
    expect((await box.table(name))?.indexes).toEqual([]);
    await box.run(recreate);
    expect((await box.table(name))?.indexes).toEqual([plain]);
    await box.run(drop);

    const unique = { name: hostile("uix"), columns: ["a"], unique: true };
    const dropUnique = await runAndReverse({ kind: "createIndex", table: name, index: unique });
    const read = await box.table(name);
    // A database where a unique index over columns is a unique constraint reads it back as one.
    if (box.dialect.compare!.uniqueIndexIsConstraint) expect(read?.uniques).toEqual([{ name: unique.name, columns: ["a"] }]);
    else expect(read?.indexes).toEqual([unique]);
    const q = box.dialect.quoteIdentifier;
    await box.connection.execute(`INSERT INTO ${q(name)} (a, b) VALUES ('x', 1)`);
    await expect(box.connection.execute(`INSERT INTO ${q(name)} (a, b) VALUES ('x', 2)`)).rejects.toThrow();
    await box.run(dropUnique);
    expect([(await box.table(name))?.indexes, (await box.table(name))?.uniques]).toEqual([[], []]);

    // Partial and expression indexes: created and read back where the database has them, refused at compile time where not.
    const partial: Index = { name: hostile("pix"), columns: [{ expression: "lower(a)" }, "b"], unique: true, where: "b IS NOT NULL" };
    const create: SchemaOperation = { kind: "createIndex", table: name, index: partial, ifNotExists: true };
    let compiles = true;
    try {
      box.dialect.ddl!.compile(create);
    } catch (error) {
      expect(error).toBeInstanceOf(AthanorError);
      compiles = false;
    }
    if (compiles) {
      // Read back in the spelling autogenerate compares expressions in (PostgreSQL adds parentheses).
      const key = (ix: Index | undefined): unknown =>
        ix && {
          ...ix,
          columns: ix.columns.map((c) => (typeof c === "string" ? c : expressionKey(c.expression, box.dialect))),
          where: ix.where === undefined ? undefined : expressionKey(ix.where, box.dialect),
        };
      await box.run(create);
      await box.run(create); // IF NOT EXISTS: a second run is harmless
      expect((await box.table(name))?.indexes.map(key)).toEqual([key(partial)]);
      const drop: SchemaOperation = { kind: "dropIndex", name: partial.name, table: name, ifExists: true };
      await box.run(drop);
      await box.run(drop); // IF EXISTS: so is a second drop
      expect((await box.table(name))?.indexes).toEqual([]);
      // The reverse of a drop that knows the index creates it again as it was.
      await box.run(reverseOperation({ kind: "dropIndex", name: partial.name, table: name, index: partial }));
      expect((await box.table(name))?.indexes.map(key)).toEqual([key(partial)]);
    }
    await box.run({ kind: "dropTable", name });
  });

  test("each kind of constraint added, read back, dropped by its reverse, added back by the drop's reverse", async () => {
    const target = hostile("target");
    await keyed(target);
    const name = hostile("constrained");
    await box.run({
      kind: "createTable",
      table: bare(name, [
        { name: "id", type: { kind: "integer" }, nullable: false },
        { name: hostile("ref"), type: { kind: "integer" }, nullable: true },
        { name: "code", type: { kind: "string", length: 10 }, nullable: true },
      ]),
    });
    const q = box.dialect.quoteIdentifier;
    // A database that does not keep primary key names (MySQL) is held only to the columns.
    const keepsName = box.dialect.compare!.primaryKeyNames;
    const steps: Array<[Extract<SchemaOperation, { kind: "addConstraint" }>["constraint"], (t: Table) => unknown, unknown]> = [
      [
        { type: "primary", name: hostile("pk"), columns: ["id"] },
        (t) => t.primaryKey && (keepsName ? t.primaryKey : { columns: t.primaryKey.columns }),
        keepsName ? { name: hostile("pk"), columns: ["id"] } : { columns: ["id"] },
      ],
      [{ type: "unique", name: hostile("uq"), columns: ["code", "id"] }, (t) => t.uniques, [{ name: hostile("uq"), columns: ["code", "id"] }]],
      [{ type: "check", name: hostile("ck"), sql: `${q("id")} > 0` }, (t) => t.checks.map((c) => c.name), [hostile("ck")]],
      [
        { type: "foreignkey", name: hostile("fk"), columns: [hostile("ref")], refTable: target, refColumns: ["id"], onDelete: "set null", onUpdate: "cascade" },
        (t) => t.foreignKeys,
        [{ name: hostile("fk"), columns: [hostile("ref")], refTable: target, refColumns: ["id"], onDelete: "set null", onUpdate: "cascade" }],
      ],
    ];
    for (const [constraint, pick, expected] of steps) {
      const empty = pick((await box.table(name))!);
      const drop = await runAndReverse({ kind: "addConstraint", table: name, constraint });
      expect(pick((await box.table(name))!), constraint.type).toEqual(expected);
      const add = await runAndReverse(drop);
      expect(pick((await box.table(name))!), constraint.type).toEqual(empty);
      await apply(add);
      expect(pick((await box.table(name))!), constraint.type).toEqual(expected);
    }
    // and each holds
    await box.connection.execute(`INSERT INTO ${q(target)} (id) VALUES (1)`);
    await box.connection.execute(`INSERT INTO ${q(name)} (id, ${q(hostile("ref"))}, code) VALUES (1, 1, 'a')`);
    await expect(box.connection.execute(`INSERT INTO ${q(name)} (id, code) VALUES (1, 'b')`), "primary key").rejects.toThrow();
    await expect(box.connection.execute(`INSERT INTO ${q(name)} (id, code) VALUES (-1, 'c')`), "check").rejects.toThrow();
    await box.connection.execute(`DELETE FROM ${q(target)}`);
    expect((await box.connection.execute(`SELECT ${q(hostile("ref"))} AS r FROM ${q(name)}`)).rows.map((r) => r["r"])).toEqual([null]);
    await box.run({ kind: "dropTable", name });
    await box.run({ kind: "dropTable", name: target });
  });

  test("a table comment set, and removed by its reverse, where the database keeps comments; changes nothing where it does not", async () => {
    const name = hostile("commented");
    await keyed(name);
    const comment = "it's \\ ü\nnew \"one\"";
    const remove = await runAndReverse({ kind: "tableComment", table: name, comment, existingComment: null });
    expect((await box.table(name))?.comment).toBe(box.dialect.compare!.comments ? comment : undefined);
    await box.run(remove);
    expect((await box.table(name))?.comment).toBeUndefined();
    await box.run({ kind: "dropTable", name });
  });
});
