import { afterEach, describe as group, expect, test } from "vitest";
import { compareSchemas, diffsToOperations, findRenameCandidates } from "../../src/autogenerate/compare/index.js";
import { reverseOperations } from "../../src/operations/reverse/index.js";
import type { CompareWarning } from "../../src/autogenerate/compare/index.js";
import { MetaData, column } from "../../src/schema/index.js";
import type { Column, SchemaModel, Table } from "../../src/schema/model.js";
import { liveDialects, type DialectName } from "../support/servers.js";
import { applyOperations, describe, diff, migrate, openSandbox, reflect, type Sandbox } from "./compare-helpers.js";

/**
 * Each kind of change, one at a time, on every database: compare finds exactly
 * it; its operations applied, compare finds nothing; their reverses applied,
 * the database compares equal to the schema before.
 */

function base(): SchemaModel {
  const md = new MetaData({
    namingConvention: {
      ix: "ix_%(table_name)s_%(column_0_name)s",
      uq: "uq_%(table_name)s_%(column_0_name)s",
      ck: "ck_%(table_name)s_%(constraint_name)s",
      fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
      pk: "pk_%(table_name)s",
    },
  });
  const parent = md.table("ch_parent", {
    id: column.integer().primaryKey().autoincrement(),
    name: column.string(50).notNull().index(),
    score: column.integer().default(0),
    note: column.text(),
    code: column.string(10).notNull(),
  });
  md.table("ch_child", {
    id: column.integer().primaryKey(),
    parentId: column.integer().columnName("parent_id").references(() => parent.c.id),
    label: column.string(20).notNull().default("x"),
  });
  return md.toModel();
}

type Change = (model: SchemaModel) => SchemaModel;

function table(model: SchemaModel, name: string, change: (t: Table) => Table): SchemaModel {
  return { ...model, tables: model.tables.map((t) => (t.name === name ? change(t) : t)) };
}

function col(t: Table, name: string, change: (c: Column) => Column): Table {
  return { ...t, columns: t.columns.map((c) => (c.name === name ? change(c) : c)) };
}

interface Case {
  readonly name: string;
  readonly change: Change;
  readonly expected: readonly string[];
  /** Where a database differs: MySQL drops the index it made for a dropped foreign key too. */
  readonly expectedOn?: Partial<Record<DialectName, readonly string[]>>;
  readonly on?: readonly DialectName[];
}

const CASES: readonly Case[] = [
  {
    name: "a table added",
    change: (m) => ({ ...m, tables: [...m.tables, { name: "ch_extra", columns: [{ name: "id", type: { kind: "integer" }, nullable: false }], primaryKey: { name: "pk_ch_extra", columns: ["id"] }, foreignKeys: [], uniques: [], checks: [], indexes: [] }] }),
    expected: ["addTable ch_extra"],
  },
  { name: "a table removed", change: (m) => ({ ...m, tables: m.tables.filter((t) => t.name !== "ch_child") }), expected: ["removeTable ch_child"] },
  {
    name: "a column added",
    change: (m) => table(m, "ch_parent", (t) => ({ ...t, columns: [...t.columns, { name: "extra", type: { kind: "bigint" }, nullable: true }] })),
    expected: ["addColumn ch_parent.extra"],
  },
  { name: "a column removed", change: (m) => table(m, "ch_parent", (t) => ({ ...t, columns: t.columns.filter((c) => c.name !== "note") })), expected: ["removeColumn ch_parent.note"] },
  {
    name: "a type changed",
    change: (m) => table(m, "ch_parent", (t) => col(t, "name", (c) => ({ ...c, type: { kind: "string", length: 80 } }))),
    expected: ["modifyColumn ch_parent.name type"],
  },
  {
    name: "a text column made an integer (PostgreSQL converts it with USING)",
    change: (m) => table(m, "ch_parent", (t) => col(t, "note", (c) => ({ ...c, type: { kind: "integer" } }))),
    expected: ["modifyColumn ch_parent.note type"],
    expectedOn: { postgresql: ["modifyColumn ch_parent.note type,using"] },
  },
  {
    name: "a string column made an enum (USING through text)",
    change: (m) => ({
      tables: m.tables.map((t) => (t.name === "ch_parent" ? col(t, "code", (c) => ({ ...c, type: { kind: "enum" as const, name: "ch_code", values: ["a", "b"] } })) : t)),
      enums: [{ name: "ch_code", values: ["a", "b"] }],
    }),
    expected: ["addEnum ch_code", "modifyColumn ch_parent.code type,using"],
    on: ["postgresql"],
  },
  { name: "nullability changed", change: (m) => table(m, "ch_parent", (t) => col(t, "score", (c) => ({ ...c, nullable: false }))), expected: ["modifyColumn ch_parent.score nullable"] },
  {
    name: "a server default changed",
    change: (m) => table(m, "ch_parent", (t) => col(t, "score", (c) => ({ ...c, serverDefault: { kind: "literal", value: 5 } }))),
    expected: ["modifyColumn ch_parent.score serverDefault"],
  },
  {
    name: "a server default removed",
    change: (m) => table(m, "ch_child", (t) => col(t, "label", ({ serverDefault: _d, ...c }) => c)),
    expected: ["modifyColumn ch_child.label serverDefault"],
  },
  {
    name: "a column comment added",
    change: (m) => table(m, "ch_parent", (t) => col(t, "note", (c) => ({ ...c, comment: "a note" }))),
    expected: ["modifyColumn ch_parent.note comment"],
    on: ["postgresql", "mysql"],
  },
  { name: "a table comment added", change: (m) => table(m, "ch_parent", (t) => ({ ...t, comment: "parents" })), expected: ["tableComment ch_parent"], on: ["postgresql", "mysql"] },
  {
    name: "an index added",
    change: (m) => table(m, "ch_parent", (t) => ({ ...t, indexes: [...t.indexes, { name: "ix_ch_parent_score", columns: ["score", "name"], unique: false }] })),
    expected: ["addIndex ch_parent.ix_ch_parent_score"],
  },
  { name: "an index removed", change: (m) => table(m, "ch_parent", (t) => ({ ...t, indexes: [] })), expected: ["removeIndex ch_parent.ix_ch_parent_name"] },
  {
    name: "an index changed",
    change: (m) => table(m, "ch_parent", (t) => ({ ...t, indexes: t.indexes.map((ix) => ({ ...ix, columns: ["name", "code"] })) })),
    expected: ["removeIndex ch_parent.ix_ch_parent_name", "addIndex ch_parent.ix_ch_parent_name"],
  },
  {
    name: "a unique constraint added",
    change: (m) => table(m, "ch_parent", (t) => ({ ...t, uniques: [{ name: "uq_ch_parent_code", columns: ["code"] }] })),
    expected: ["addConstraint ch_parent unique uq_ch_parent_code"],
  },
  {
    name: "an unnamed unique constraint added (named for its downgrade)",
    change: (m) => table(m, "ch_parent", (t) => ({ ...t, uniques: [{ columns: ["code", "name"] }] })),
    expected: ["addConstraint ch_parent unique ch_parent_code_name_key"],
  },
  {
    name: "an unnamed check added (named for its downgrade)",
    change: (m) => table(m, "ch_parent", (t) => ({ ...t, checks: [{ sql: "score <> 13" }] })),
    expected: ["addConstraint ch_parent check ch_parent_check_dd0d4922"],
  },
  {
    name: "a check constraint added",
    change: (m) => table(m, "ch_parent", (t) => ({ ...t, checks: [{ name: "ck_ch_parent_score", sql: "score >= 0" }] })),
    expected: ["addConstraint ch_parent check ck_ch_parent_score"],
  },
  {
    name: "a foreign key removed",
    change: (m) => table(m, "ch_child", (t) => ({ ...t, foreignKeys: [] })),
    expected: ["removeConstraint ch_child foreignkey fk_ch_child_parent_id_ch_parent"],
    expectedOn: { mysql: ["removeConstraint ch_child foreignkey fk_ch_child_parent_id_ch_parent", "removeIndex ch_child.fk_ch_child_parent_id_ch_parent"] },
  },
  {
    name: "a foreign key's action changed",
    change: (m) => table(m, "ch_child", (t) => ({ ...t, foreignKeys: t.foreignKeys.map((fk) => ({ ...fk, onDelete: "cascade" as const })) })),
    expected: ["removeConstraint ch_child foreignkey fk_ch_child_parent_id_ch_parent", "addConstraint ch_child foreignkey fk_ch_child_parent_id_ch_parent"],
  },
  {
    name: "a foreign key renamed",
    change: (m) => table(m, "ch_child", (t) => ({ ...t, foreignKeys: t.foreignKeys.map((fk) => ({ ...fk, name: "fk_child_parent" })) })),
    expected: ["removeConstraint ch_child foreignkey fk_ch_child_parent_id_ch_parent", "addConstraint ch_child foreignkey fk_child_parent"],
  },
  {
    name: "an index renamed",
    change: (m) => table(m, "ch_parent", (t) => ({ ...t, indexes: t.indexes.map((ix) => ({ ...ix, name: "ix_renamed" })) })),
    expected: ["removeIndex ch_parent.ix_ch_parent_name", "addIndex ch_parent.ix_renamed"],
  },
  {
    name: "the primary key changed",
    change: (m) => table(m, "ch_child", (t) => ({ ...t, primaryKey: { name: "pk_ch_child", columns: ["id", "label"] } })),
    expected: ["removeConstraint ch_child primary pk_ch_child", "addConstraint ch_child primary pk_ch_child"],
    expectedOn: { mysql: ["removeConstraint ch_child primary PRIMARY", "addConstraint ch_child primary pk_ch_child"] },
  },
  {
    name: "an enum type and a column of it added",
    change: (m) => ({
      tables: m.tables.map((t) => (t.name === "ch_parent" ? { ...t, columns: [...t.columns, { name: "mood", type: { kind: "enum" as const, name: "ch_mood", values: ["sad", "ok"] }, nullable: true }] } : t)),
      enums: [{ name: "ch_mood", values: ["sad", "ok"] }],
    }),
    expected: ["addEnum ch_mood", "addColumn ch_parent.mood"],
    on: ["postgresql"],
  },
];

function sorted(list: readonly string[]): string[] {
  return [...list].sort();
}

group("each kind of change", () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  for (const name of liveDialects()) {
    const cases = CASES.filter((c) => c.on === undefined || c.on.includes(name));
    test.each(cases.map((c) => [c.name, c] as const))(`${name}: %s`, async (_title, c) => {
      sandbox = await openSandbox(name);
      const { connection } = sandbox;
      const before = base();
      await migrate(connection, before);
      expect(describe(await diff(connection, before))).toEqual([]);

      const after = c.change(before);
      const diffs = await diff(connection, after);
      expect(sorted(describe(diffs))).toEqual(sorted(c.expectedOn?.[name] ?? c.expected));
      const upgrade = diffsToOperations(diffs);
      await applyOperations(connection, upgrade);
      expect(describe(await diff(connection, after))).toEqual([]);

      await applyOperations(connection, reverseOperations(upgrade));
      expect(describe(await diff(connection, before))).toEqual([]);
    });
  }
});

group("unique indexes and unique constraints", () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  test.each(liveDialects())("%s: told apart where the database tells them apart", async (name) => {
    sandbox = await openSandbox(name);
    const { connection } = sandbox;
    const asIndex = table(base(), "ch_parent", (t) => ({ ...t, indexes: [...t.indexes, { name: "uq_ch_parent_code", columns: ["code"], unique: true }] }));
    const asConstraint = table(base(), "ch_parent", (t) => ({ ...t, uniques: [{ name: "uq_ch_parent_code", columns: ["code"] }] }));
    await migrate(connection, asIndex);
    expect(describe(await diff(connection, asIndex))).toEqual([]);
    const diffs = await diff(connection, asConstraint);
    if (name === "mysql") {
      expect(describe(diffs)).toEqual([]);
      return;
    }
    expect(sorted(describe(diffs))).toEqual(["addConstraint ch_parent unique uq_ch_parent_code", "removeIndex ch_parent.uq_ch_parent_code"]);
    const upgrade = diffsToOperations(diffs);
    await applyOperations(connection, upgrade);
    expect(describe(await diff(connection, asConstraint))).toEqual([]);
    await applyOperations(connection, reverseOperations(upgrade));
    expect(describe(await diff(connection, asIndex))).toEqual([]);
  });
});

group("renames", () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  const renamedTable: Change = (m) => ({
    ...m,
    tables: m.tables.map((t) => (t.name === "ch_child" ? { ...t, name: "ch_kid" } : t)),
  });
  /** The renamed table's column renamed too, stated under the table's old name. */
  const renamedInRenamed: Change = (m) => table(m, "ch_kid", (t) => col(t, "label", (c) => ({ ...c, name: "tag" })));
  const renamedColumn: Change = (m) =>
    table(m, "ch_parent", (t) => ({ ...col(t, "note", (c) => ({ ...c, name: "remark" })) }));

  test.each(liveDialects())("%s: unstated renames are a drop and an add, with a warning and a candidate each", async (name) => {
    sandbox = await openSandbox(name);
    const before = base();
    await migrate(sandbox.connection, before);
    const warnings: CompareWarning[] = [];
    const reflected = await reflect(sandbox.connection);
    const diffs = compareSchemas(renamedColumn(renamedTable(before)), reflected, { dialect: sandbox.connection.dialect, onWarning: (w) => warnings.push(w) });
    expect(sorted(describe(diffs))).toEqual(["addColumn ch_parent.remark", "addTable ch_kid", "removeColumn ch_parent.note", "removeTable ch_child"]);
    expect(warnings.map((w) => w.code)).toEqual(["renameCandidate", "renameCandidate"]);
    expect(warnings.map((w) => w.candidate)).toEqual(
      expect.arrayContaining([
        { kind: "table", from: "ch_child", to: "ch_kid" },
        { kind: "column", table: "ch_parent", from: "note", to: "remark" },
      ]),
    );
    expect(findRenameCandidates(diffs, sandbox.connection.dialect)).toEqual(
      expect.arrayContaining([
        { kind: "table", from: "ch_child", to: "ch_kid" },
        { kind: "column", table: "ch_parent", from: "note", to: "remark" },
      ]),
    );
  });

  test.each(liveDialects())("%s: stated renames become renames, applied and reversed", async (name) => {
    sandbox = await openSandbox(name);
    const { connection } = sandbox;
    const before = base();
    await migrate(connection, before);
    await connection.execute(`INSERT INTO ch_parent (id, name, note, code) VALUES (1, 'a', 'kept', 'c')`);
    const after = renamedInRenamed(renamedColumn(renamedTable(before)));
    const renames = { tables: { ch_child: "ch_kid" }, columns: { "ch_parent.note": "remark", "ch_child.label": "tag" } };
    const warnings: CompareWarning[] = [];
    const diffs = await diff(connection, after, { renames, onWarning: (w) => warnings.push(w) });
    expect(sorted(describe(diffs))).toEqual(["renameColumn ch_kid.label->tag", "renameColumn ch_parent.note->remark", "renameTable ch_child->ch_kid"]);
    expect(warnings).toEqual([]);
    const upgrade = diffsToOperations(diffs);
    await applyOperations(connection, upgrade);
    expect(describe(await diff(connection, after))).toEqual([]);
    const rows = (await connection.execute(`SELECT remark FROM ch_parent`)).rows;
    expect(rows.map((r) => r["remark"])).toEqual(["kept"]);
    await applyOperations(connection, reverseOperations(upgrade));
    expect(describe(await diff(connection, before))).toEqual([]);
  });
});

group("PostgreSQL enum values", () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });
  const withMood = (values: readonly string[]): SchemaModel => ({
    tables: base().tables.map((t) =>
      t.name === "ch_parent" ? { ...t, columns: [...t.columns, { name: "mood", type: { kind: "enum" as const, name: "ch_mood", values }, nullable: true }] } : t,
    ),
    enums: [{ name: "ch_mood", values }],
  });

  test.runIf(liveDialects().includes("postgresql"))("postgresql: a value added where it belongs; a stated rename renamed and reversed; an unstated one a warning", async () => {
    sandbox = await openSandbox("postgresql");
    const { connection } = sandbox;
    await migrate(connection, withMood(["sad", "ok"]));
    const added = await diff(connection, withMood(["sad", "meh", "ok"]));
    expect(added).toEqual([{ kind: "addEnumValue", name: "ch_mood", value: "meh", after: "sad" }]);
    await applyOperations(connection, diffsToOperations(added));
    expect(describe(await diff(connection, withMood(["sad", "meh", "ok"])))).toEqual([]);

    const warnings: string[] = [];
    expect(describe(await diff(connection, withMood(["sad", "meh", "fine"]), { onWarning: (w) => warnings.push(w.code) }))).toEqual([]);
    expect(warnings).toEqual(["enumValuesChanged"]);

    const renamed = await diff(connection, withMood(["sad", "meh", "fine", "great"]), { renames: { enumValues: { "ch_mood.ok": "fine" } } });
    expect(describe(renamed)).toEqual(["renameEnumValue ch_mood ok->fine", "addEnumValue ch_mood great"]);
    const upgrade = diffsToOperations(renamed);
    await applyOperations(connection, upgrade);
    expect(describe(await diff(connection, withMood(["sad", "meh", "fine", "great"])))).toEqual([]);
    // the downgrade takes the added value back (the type is recreated) and renames the other back
    const skipped: string[] = [];
    const downgrade = reverseOperations(upgrade, { onIrreversible: (op) => skipped.push(op.kind) });
    expect(downgrade.map((op) => op.kind)).toEqual(["dropEnumValue", "renameEnumValue"]);
    await applyOperations(connection, downgrade);
    expect(skipped).toEqual([]);
    expect((await reflect(connection)).enums).toEqual([{ name: "ch_mood", values: ["sad", "meh", "ok"] }]);
  });
});

group("hooks", () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  test.each(liveDialects())("%s: includeName, includeObject, compareType and compareServerDefault", async (name) => {
    sandbox = await openSandbox(name);
    const { connection } = sandbox;
    const before = base();
    await migrate(connection, before);
    await connection.execute(`CREATE TABLE ch_outside (id integer PRIMARY KEY)`);
    const changed = table(before, "ch_parent", (t) =>
      col(col(t, "name", (c) => ({ ...c, type: { kind: "string", length: 90 } })), "score", (c) => ({ ...c, serverDefault: { kind: "literal", value: 7 } })),
    );
    expect(sorted(describe(await diff(connection, changed)))).toEqual(["modifyColumn ch_parent.name type", "modifyColumn ch_parent.score serverDefault", "removeTable ch_outside"]);
    const quiet = await diff(connection, changed, {
      includeName: (n, type) => !(type === "table" && n === "ch_outside"),
      compareType: false,
      compareServerDefault: false,
    });
    expect(describe(quiet)).toEqual([]);
    const byFunction = await diff(connection, changed, {
      includeObject: (_o, n, type) => !(type === "table" && n === "ch_outside"),
      compareType: (ctx) => (ctx.column === "name" ? false : undefined),
      compareServerDefault: () => undefined,
    });
    expect(describe(byFunction)).toEqual(["modifyColumn ch_parent.score serverDefault"]);
    // includeObject sees each table and column with its counterpart.
    const seen: string[] = [];
    await diff(connection, changed, {
      includeObject: (object, n, type, reflected, compareTo) => {
        if ((type === "table" || type === "column") && n !== undefined) seen.push(`${type} ${n} ${reflected ? "db" : "declared"} ${compareTo === undefined ? "alone" : "paired"}`);
        return object !== undefined;
      },
    });
    expect(seen).toEqual(expect.arrayContaining(["table ch_parent declared paired", "table ch_outside db alone", "column score db paired", "column name declared paired"]));
    await connection.execute(`DROP TABLE ch_outside`);
  });

  test("the version table is never compared", () => {
    const version: Table = { name: "athanor_version", columns: [{ name: "version_num", type: { kind: "string", length: 32 }, nullable: false }], foreignKeys: [], uniques: [], checks: [], indexes: [] };
    const dialectName = liveDialects()[0]!;
    return openSandbox(dialectName).then(async (box) => {
      try {
        expect(compareSchemas({ tables: [], enums: [] }, { tables: [version], enums: [] }, { dialect: box.connection.dialect })).toEqual([]);
        expect(compareSchemas({ tables: [], enums: [] }, { tables: [{ ...version, name: "alembic_version" }], enums: [] }, { dialect: box.connection.dialect, versionTable: "alembic_version" })).toEqual([]);
      } finally {
        await box.close();
      }
    });
  });
});
