// Conformance: a model created on the database reads back through the dialect's
// reflect() as the same model (modulo the normalisations in normalisations.ts,
// which the dialect's own comparison rules declare), autogenerate's comparison
// of the two finds nothing, and reflection reads a fixed number of catalog
// queries however many tables there are.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { compareSchemas } from "../../../src/autogenerate/compare/index.js";
import type { Connection } from "../../../src/dialects/contract/index.js";
import { reverseOperation } from "../../../src/operations/index.js";
import type { SchemaOperation } from "../../../src/dialects/contract/index.js";
import type { Column, SchemaModel, Table } from "../../../src/schema/model.js";
import { comparable } from "./normalisations.js";
import { bare, hostile, openSandbox, type Sandbox } from "./sandbox.js";
import { conformanceDialects } from "./targets.js";

/** A parent and a child using every portable column type, each constraint kind, indexes, defaults and comments. */
function portableModel(sandbox: Sandbox): SchemaModel {
  const q = (name: string): string => sandbox.dialect.quoteIdentifier(name);
  const parent = bare(hostile("rt parent"), [{ name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true }], {
    primaryKey: { name: hostile("rt parent pk"), columns: ["id"] },
  });
  const columns: Column[] = [
    { name: "id", type: { kind: "bigint" }, nullable: false },
    { name: hostile("e-mail"), type: { kind: "string", length: 200 }, nullable: false, comment: "it's the login\nline 2" },
    { name: "select", type: { kind: "boolean" }, nullable: false, serverDefault: { kind: "literal", value: true } },
    { name: "nick", type: { kind: "string", length: 30 }, nullable: true, serverDefault: { kind: "literal", value: "it's" } },
    { name: "n", type: { kind: "integer" }, nullable: true, serverDefault: { kind: "literal", value: 7 } },
    { name: "score", type: { kind: "numeric", precision: 10, scale: 2 }, nullable: true },
    { name: "parent", type: { kind: "integer" }, nullable: true },
    { name: "small", type: { kind: "smallint" }, nullable: true },
    { name: "body", type: { kind: "text" }, nullable: true },
    { name: "code", type: { kind: "char", length: 3 }, nullable: true },
    { name: "ratio", type: { kind: "double" }, nullable: true },
    { name: "f", type: { kind: "float" }, nullable: true },
    { name: "raw", type: { kind: "binary" }, nullable: true },
    { name: "day", type: { kind: "date" }, nullable: true },
    { name: "at", type: { kind: "timestamp" }, nullable: true },
  ];
  const child: Table = {
    name: hostile("rt child"),
    columns,
    primaryKey: { name: hostile("rt child pk"), columns: ["id"] },
    foreignKeys: [{ name: hostile("rt fk"), columns: ["parent"], refTable: parent.name, refColumns: ["id"], onDelete: "cascade" }],
    uniques: [{ name: hostile("rt uq"), columns: [hostile("e-mail"), "nick"] }],
    checks: [{ name: hostile("rt ck"), sql: `${q("n")} >= 0` }],
    indexes: [
      { name: hostile("rt ix"), columns: ["nick", "n"], unique: false },
      { name: hostile("rt uix"), columns: ["code"], unique: true },
      { name: hostile("rt parent ix"), columns: ["parent"], unique: false },
    ],
    comment: "a table; it's \"hostile\"",
  };
  return { tables: [parent, child], enums: [] };
}

/** The connection, counting the statements run through it. */
function counting(connection: Connection): { connection: Connection; count: () => number } {
  let count = 0;
  const wrapped = new Proxy(connection, {
    get(target, prop) {
      if (prop === "execute") {
        return (sql: string, params?: readonly unknown[]) => {
          count += 1;
          return target.execute(sql, params);
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { connection: wrapped, count: () => count };
}

/**
 * The most catalog queries each database's reflection may take, however many
 * tables: tables, columns, keys, indexes and checks, then views, sequences,
 * policies and what is reported as not compared (a new database adds its own).
 */
const CATALOG_QUERIES: Record<string, number> = { sqlite: 6, postgresql: 8, mysql: 9 };

describe.each(conformanceDialects())("reflection round trip on %s", (dialect) => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await openSandbox(dialect, "conf reflect");
  });
  afterAll(async () => {
    await box?.close();
  });

  test("a created model reads back as the model; comparing them finds nothing; the drop reverses it", async () => {
    const model = portableModel(box);
    const creates: SchemaOperation[] = model.tables.map((table) => ({ kind: "createTable", table }));
    for (const op of creates) await box.run(op);
    const reflected = await box.reflect();
    const names = model.tables.map((t) => t.name);
    expect(reflected.tables.map((t) => t.name).sort()).toEqual([...names].sort());
    for (const table of model.tables) {
      const read = reflected.tables.find((t) => t.name === table.name)!;
      expect(comparable(read, box.dialect), table.name).toEqual(comparable(table, box.dialect));
    }
    expect(compareSchemas(model, reflected, { dialect: box.dialect })).toEqual([]);

    // The reflected model is itself a model the database creates again as it was.
    for (const op of [...creates].reverse()) await box.run(reverseOperation(op));
    expect(await box.names()).toEqual([]);
    for (const table of [...reflected.tables].sort((a) => (a.name === names[0] ? -1 : 1))) await box.run({ kind: "createTable", table });
    const again = await box.reflect();
    expect(again.tables.map((t) => comparable(t, box.dialect))).toEqual(reflected.tables.map((t) => comparable(t, box.dialect)));
    expect(compareSchemas(model, again, { dialect: box.dialect })).toEqual([]);
    for (const name of [...names].reverse()) await box.run({ kind: "dropTable", name });
    expect(await box.names()).toEqual([]);
  });

  test("a change to the model is found by the comparison", async () => {
    const model = portableModel(box);
    for (const table of model.tables) await box.run({ kind: "createTable", table });
    const [parent, child] = model.tables as [Table, Table];
    const changed: SchemaModel = {
      enums: [],
      tables: [parent, { ...child, columns: child.columns.map((c) => (c.name === "nick" ? { ...c, nullable: false } : c)) }],
    };
    const diffs = compareSchemas(changed, await box.reflect(), { dialect: box.dialect });
    expect(diffs).toHaveLength(1);
    expect(diffs[0]).toMatchObject({ kind: "modifyColumn", table: child.name, column: "nick" });
    await box.run({ kind: "dropTable", name: child.name });
    await box.run({ kind: "dropTable", name: parent.name });
  });

  test("the number of catalog queries does not grow with the number of tables", async () => {
    const q = (name: string): string => box.dialect.quoteIdentifier(name);
    const create = async (prefix: string, count: number): Promise<string[]> => {
      const names: string[] = [];
      for (let i = 0; i < count; i += 1) {
        const name = `${prefix} ${i}`;
        names.push(name);
        await box.run({
          kind: "createTable",
          table: bare(
            name,
            [
              { name: "id", type: { kind: "integer" }, nullable: false },
              { name: "code", type: { kind: "string", length: 10 }, nullable: true },
              { name: "n", type: { kind: "integer" }, nullable: true },
              { name: "p", type: { kind: "integer" }, nullable: true },
            ],
            {
              primaryKey: { columns: ["id"] },
              uniques: [{ name: `${prefix} ${i} uq`, columns: ["code"] }],
              checks: [{ name: `${prefix} ${i} ck`, sql: `${q("n")} > 0` }],
              indexes: [{ name: `${prefix} ${i} ix`, columns: ["n"], unique: false }],
              foreignKeys: i === 0 ? [] : [{ name: `${prefix} ${i} fk`, columns: ["p"], refTable: `${prefix} ${i - 1}`, refColumns: ["id"], onDelete: "cascade" }],
            },
          ),
        });
      }
      return names;
    };
    const few = await create("few", 3);
    const many = await create("many", 30);
    const read = async (tables: string[]): Promise<{ model: SchemaModel; queries: number }> => {
      const counted = counting(box.connection);
      const model = await box.dialect.reflect!(counted.connection, { tables });
      return { model, queries: counted.count() };
    };
    const small = await read(few);
    const large = await read(many);
    expect(small.model.tables).toHaveLength(3);
    expect(large.model.tables).toHaveLength(30);
    expect(large.model.tables.every((t) => t.uniques.length === 1 && t.indexes.length === 1 && t.checks.length === 1)).toBe(true);
    expect(large.model.tables.filter((t) => t.foreignKeys[0]?.onDelete === "cascade")).toHaveLength(29);
    expect(small.queries).toBeGreaterThan(0);
    expect(large.queries).toBe(small.queries);
    expect(large.queries).toBeLessThanOrEqual(CATALOG_QUERIES[dialect] ?? 0);
    for (const name of [...many].reverse()) await box.run({ kind: "dropTable", name });
    for (const name of [...few].reverse()) await box.run({ kind: "dropTable", name });
  });

  test("an absent table and an empty filter read back as nothing", async () => {
    expect((await box.reflect({ tables: ["nothing here"] })).tables).toEqual([]);
    expect((await box.reflect({ tables: [] })).tables).toEqual([]);
  });
});
