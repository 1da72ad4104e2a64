import { afterEach, describe as group, expect, test } from "vitest";
import { compareSchemas, diffsToOperations } from "../../src/autogenerate/compare/index.js";
import { reverseOperations } from "../../src/operations/reverse/index.js";
import { unnamedUniqueName } from "../../src/operations/naming.js";
import { getDialect } from "../../src/dialects/index.js";
import type { SchemaModel, Table } from "../../src/schema/model.js";
import { liveDialects, type DialectName } from "../support/servers.js";
import { applyOperations, describe, diff, migrate, openSandbox, reflect, type Sandbox } from "./compare-helpers.js";

/** Order of operations (cycles, dependencies, enums) and schemas other than the default. */

function table(name: string, refs: readonly string[], schema?: string): Table {
  return {
    name,
    ...(schema === undefined ? {} : { schema }),
    columns: [{ name: "id", type: { kind: "integer" }, nullable: false }, ...refs.map((r) => ({ name: `${r}_id`, type: { kind: "integer" as const }, nullable: true }))],
    primaryKey: { name: `pk_${name}`, columns: ["id"] },
    foreignKeys: refs.map((r) => ({ name: `fk_${name}_${r}`, columns: [`${r}_id`], refTable: r, refColumns: ["id"], ...(schema === undefined ? {} : { refSchema: schema }) })),
    uniques: [],
    checks: [],
    indexes: [],
  };
}

group("the order of operations", () => {
  test("referenced tables are created first and dropped last; a cycle's closing key is added after its tables", () => {
    const dialect = getDialect("postgresql");
    const declared: SchemaModel = { tables: [table("so_c", ["so_b"]), table("so_b", ["so_a"]), table("so_a", ["so_b"])], enums: [{ name: "so_e", values: ["x"] }] };
    const up = diffsToOperations(compareSchemas(declared, { tables: [], enums: [] }, { dialect }));
    expect(up[0]!.kind).toBe("createEnum");
    const created = new Set<string>();
    let lastCreate = -1;
    up.forEach((op, i) => {
      if (op.kind !== "createTable") return;
      for (const fk of op.table.foreignKeys) expect(created.has(fk.refTable) || fk.refTable === op.table.name, `${op.table.name} -> ${fk.refTable}`).toBe(true);
      created.add(op.table.name);
      lastCreate = i;
    });
    expect(created.size).toBe(3);
    const keysAfter = up.filter((op, i) => op.kind === "addConstraint" && i > lastCreate);
    const keysInline = up.reduce((n, op) => n + (op.kind === "createTable" ? op.table.foreignKeys.length : 0), 0);
    expect(keysAfter.length).toBeGreaterThan(0);
    expect(keysAfter.length + keysInline).toBe(3);

    const down = diffsToOperations(compareSchemas({ tables: [], enums: [] }, declared, { dialect }));
    const drops = down.map((op) => (op.kind === "dropTable" ? `drop ${op.name}` : op.kind === "dropConstraint" ? `dropfk ${op.table}` : op.kind));
    // When a table is dropped, no table still there references it by a key not yet dropped.
    const gone = new Set<string>();
    const keysDropped = new Set(down.flatMap((op) => (op.kind === "dropConstraint" ? [op.name] : [])));
    for (const op of down) {
      if (op.kind !== "dropTable") continue;
      for (const other of declared.tables) {
        if (gone.has(other.name) || other.name === op.name) continue;
        for (const fk of other.foreignKeys) expect(fk.refTable === op.name && !keysDropped.has(fk.name!), `${other.name} -> ${op.name}`).toBe(false);
      }
      gone.add(op.name);
    }
    const reversed = reverseOperations(down).map((op) => op.kind);
    expect(reversed.filter((k) => k === "createTable")).toHaveLength(3);
    expect(drops.findIndex((d) => d.startsWith("dropfk"))).toBe(0);
    expect(drops[drops.length - 1]).toBe("dropEnum");
  });

  test("where references to tables not yet created are accepted (SQLite), a cycle's keys stay in CREATE TABLE and the tables work", async () => {
    const sandbox = await openSandbox("sqlite");
    try {
      const declared: SchemaModel = { tables: [table("so_c", ["so_b"]), table("so_b", ["so_a"]), table("so_a", ["so_b"])], enums: [] };
      const up = diffsToOperations(await diff(sandbox.connection, declared), { forwardReferences: true });
      expect(up.map((op) => op.kind)).toEqual(["createTable", "createTable", "createTable"]);
      expect(up.reduce((n, op) => n + (op.kind === "createTable" ? op.table.foreignKeys.length : 0), 0)).toBe(3);
      await applyOperations(sandbox.connection, up);
      expect(describe(await diff(sandbox.connection, declared))).toEqual([]);
      await sandbox.connection.execute("INSERT INTO so_a (id) VALUES (1)");
      await sandbox.connection.execute("INSERT INTO so_b (id, so_a_id) VALUES (1, 1)");
      await expect(sandbox.connection.execute("INSERT INTO so_c (id, so_b_id) VALUES (1, 2)")).rejects.toThrow(/FOREIGN KEY/);
      await sandbox.connection.execute("DELETE FROM so_b");
      await sandbox.connection.execute("DELETE FROM so_a");
      await applyOperations(sandbox.connection, reverseOperations(up));
      expect((await reflect(sandbox.connection)).tables).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  test("an enum value added is reversed by removing it, remembering where it stood", () => {
    const dialect = getDialect("postgresql");
    const up = diffsToOperations(
      compareSchemas({ tables: [], enums: [{ name: "so_e", values: ["x", "y"] }] }, { tables: [], enums: [{ name: "so_e", values: ["x"] }] }, { dialect }),
    );
    expect(up.map((op) => op.kind)).toEqual(["addEnumValue"]);
    const skipped: string[] = [];
    expect(reverseOperations(up, { onIrreversible: (op) => skipped.push(op.kind) })).toEqual([{ kind: "dropEnumValue", name: "so_e", value: "y", after: "x" }]);
    expect(skipped).toEqual([]);
  });

  test("enum values removed or reordered are a warning, not an operation", () => {
    const dialect = getDialect("postgresql");
    const warnings: string[] = [];
    const diffs = compareSchemas({ tables: [], enums: [{ name: "so_e", values: ["y", "x"] }] }, { tables: [], enums: [{ name: "so_e", values: ["x", "y"] }] }, { dialect, onWarning: (w) => warnings.push(w.code) });
    expect(diffs).toEqual([]);
    expect(warnings).toEqual(["enumValuesChanged"]);
  });

  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  test.each(liveDialects())("%s: tables referencing each other are created, dropped and recreated by the reverse", async (name) => {
    sandbox = await openSandbox(name);
    const { connection } = sandbox;
    const declared: SchemaModel = { tables: [table("so_a", ["so_b"]), table("so_b", ["so_a"]), table("so_c", ["so_a", "so_b"])], enums: [] };
    await migrate(connection, declared);
    expect(describe(await diff(connection, declared))).toEqual([]);
    const teardown = diffsToOperations(await diff(connection, { tables: [], enums: [] }));
    await applyOperations(connection, teardown);
    expect((await reflect(connection)).tables).toEqual([]);
    await applyOperations(connection, reverseOperations(teardown));
    expect(describe(await diff(connection, declared))).toEqual([]);
  });
});

const withSchemas: DialectName[] = liveDialects().filter((d) => d === "postgresql");

group.skipIf(withSchemas.length === 0)("schemas other than the default", () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  test.each(withSchemas)("%s: tables and enums of another schema are compared with includeSchemas, left alone without", async (name) => {
    sandbox = await openSandbox(name);
    const { connection } = sandbox;
    const other = `${String((await connection.execute("SELECT current_schema() AS s")).rows[0]!["s"])}_b`;
    await connection.execute(`CREATE SCHEMA "${other}"`);
    try {
      const declared: SchemaModel = {
        tables: [
          table("ss_local", []),
          table("ss_far", ["ss_far"], other),
          {
            ...table("ss_mixed", [], other),
            columns: [
              { name: "id", type: { kind: "integer" }, nullable: false },
              { name: "local_id", type: { kind: "integer" }, nullable: true },
              { name: "mood", type: { kind: "enum", name: "ss_mood", schema: other, values: ["a", "b"] }, nullable: true },
            ],
            foreignKeys: [{ name: "fk_ss_mixed_local", columns: ["local_id"], refTable: "ss_local", refColumns: ["id"] }],
          },
        ],
        enums: [{ name: "ss_mood", schema: other, values: ["a", "b"] }],
      };
      const read = (): Promise<SchemaModel> => connection.dialect.reflect(connection, { schemas: [null, other] });
      const dialect = connection.dialect;
      const first = compareSchemas(declared, await read(), { dialect });
      expect(describe(first).sort()).toEqual(["addEnum ss_mood", "addTable ss_far", "addTable ss_local", "addTable ss_mixed"]);
      await applyOperations(connection, diffsToOperations(first));
      expect(describe(compareSchemas(declared, await read(), { dialect }))).toEqual([]);
      // Without the other schema, only the default schema's tables take part.
      expect(describe(compareSchemas({ tables: [table("ss_local", [])], enums: [] }, await read(), { dialect, includeSchemas: false }))).toEqual([]);
      expect(describe(compareSchemas({ tables: [table("ss_local", [])], enums: [] }, await read(), { dialect, includeSchemas: [other] })).sort()).toEqual([
        "removeEnum ss_mood",
        "removeTable ss_far",
        "removeTable ss_mixed",
      ]);
      // A declared default schema by name equals the reflected one without a name.
      const current = other.slice(0, -2);
      const named = { ...declared, tables: declared.tables.map((t) => (t.schema === undefined ? { ...t, schema: current } : t)) };
      expect(describe(compareSchemas(named, await read(), { dialect, defaultSchema: current }))).toEqual([]);
      await applyOperations(connection, diffsToOperations(compareSchemas({ tables: [], enums: [] }, await read(), { dialect })));
      expect((await read()).tables).toEqual([]);
    } finally {
      await connection.execute(`DROP SCHEMA "${other}" CASCADE`);
    }
  });
});

group("constraints the database keeps without a name", () => {
  test("SQLite: an undeclared unnamed unique constraint is dropped by the name its columns give it (a batch copy drops it)", async () => {
    const sandbox = await openSandbox("sqlite");
    try {
      await sandbox.connection.execute(`CREATE TABLE su_t (id integer PRIMARY KEY, code text, UNIQUE (code))`);
      const warnings: string[] = [];
      const declared: SchemaModel = {
        tables: [{ ...table("su_t", []), primaryKey: { columns: ["id"] }, columns: [{ name: "id", type: { kind: "integer" }, nullable: false }, { name: "code", type: { kind: "text" }, nullable: true }] }],
        enums: [],
      };
      const found = await diff(sandbox.connection, declared, { onWarning: (w) => warnings.push(`${w.code}: ${w.message}`) });
      expect(found.map((d) => (d.kind === "removeConstraint" ? [d.kind, d.constraint.type, d.constraint.name] : [d.kind]))).toEqual([
        ["removeConstraint", "unique", unnamedUniqueName("su_t", ["code"])],
      ]);
      expect(warnings).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });
});
