import { afterEach, describe as group, expect, test } from "vitest";
import { diffsToOperations } from "../../src/autogenerate/compare/index.js";
import { reverseOperations } from "../../src/operations/reverse/index.js";
import type { SchemaDiff } from "../../src/autogenerate/compare/index.js";
import type { Column, SchemaModel, Table } from "../../src/schema/model.js";
import { availableServers, liveDialects } from "../support/servers.js";
import { applyOperations, describe, diff, migrate, openSandbox, reflect, type Sandbox } from "./compare-helpers.js";

/** A primary key replaced by another: its drop comes just before the new key (MySQL runs both as one statement). */

const id: Column = { name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true };
const k: Column = { name: "k", type: { kind: "integer" }, nullable: false, serverDefault: { kind: "literal", value: 0 } };

function keyed(columns: readonly Column[], key: readonly string[]): SchemaModel {
  const table: Table = { name: "keyed", columns, primaryKey: { columns: key }, foreignKeys: [], uniques: [], checks: [], indexes: [] };
  return { tables: [table], enums: [] };
}

const kinds = (ops: readonly { kind: string }[]): string[] => ops.map((o) => o.kind);

group("the order of a primary key change", () => {
  const old = { type: "primary" as const, name: "PRIMARY", columns: ["id"] };
  test("with a new column in between, the old key is dropped after the column is added", () => {
    const diffs: SchemaDiff[] = [
      { kind: "removeConstraint", table: "keyed", constraint: old },
      { kind: "addColumn", table: "keyed", column: k },
      { kind: "addConstraint", table: "keyed", constraint: { type: "primary", name: "PRIMARY", columns: ["id", "k"] } },
    ];
    const ops = diffsToOperations(diffs);
    expect(kinds(ops)).toEqual(["addColumn", "dropConstraint", "addConstraint"]);
    expect(kinds(reverseOperations(ops))).toEqual(["dropConstraint", "addConstraint", "dropColumn"]);
  });

  test("a column of the old key dropped or altered keeps the drop first", () => {
    const dropped: SchemaDiff[] = [
      { kind: "removeConstraint", table: "keyed", constraint: { ...old, columns: ["id", "k"] } },
      { kind: "removeColumn", table: "keyed", column: k },
      { kind: "addConstraint", table: "keyed", constraint: { type: "primary", columns: ["id"] } },
    ];
    expect(kinds(diffsToOperations(dropped))).toEqual(["dropConstraint", "dropColumn", "addConstraint"]);
  });
});

/** SQLite auto-increments only a single-column key: the servers only. */
const servers = (["postgresql", "mysql"] as const).filter((name) => availableServers().has(name));

group.runIf(servers.length > 0)("live", () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  test.each(servers)("%s: a key widened by a new column on a table with an auto-incremented column, and back", async (name) => {
    sandbox = await openSandbox(name);
    const before = keyed([id], ["id"]);
    const after = keyed([id, k], ["id", "k"]);
    await migrate(sandbox.connection, before);
    const ops = await migrate(sandbox.connection, after);
    expect(kinds(ops)).toEqual(["addColumn", "dropConstraint", "addConstraint"]);
    expect(describe(await diff(sandbox.connection, after))).toEqual([]);
    await applyOperations(sandbox.connection, reverseOperations(ops));
    expect(describe(await diff(sandbox.connection, before))).toEqual([]);
  });
});

group.each(liveDialects())("%s: a unique constraint over exactly the primary key's columns", (name) => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => {
    await sandbox?.close();
    sandbox = undefined;
  });

  test("created with the table, compares equal whether or not the database kept it (PostgreSQL and SQLite leave it out)", async () => {
    sandbox = await openSandbox(name);
    const declared: SchemaModel = {
      tables: [{ name: "setting", columns: [{ name: "k", type: { kind: "string", length: 64 }, nullable: false }], primaryKey: { columns: ["k"] }, foreignKeys: [], uniques: [{ name: "setting_k_unique", columns: ["k"] }], checks: [], indexes: [] }],
      enums: [],
    };
    await migrate(sandbox.connection, declared);
    const kept = (await reflect(sandbox.connection)).tables.find((t) => t.name === "setting")!.uniques.map((u) => u.name);
    expect(kept).toEqual(name === "mysql" ? ["setting_k_unique"] : []);
    expect(describe(await diff(sandbox.connection, declared))).toEqual([]);
    // declared no more: dropped where the database has it, nothing to do where it does not
    const without: SchemaModel = { ...declared, tables: [{ ...declared.tables[0]!, uniques: [] }] };
    expect(describe(await diff(sandbox.connection, without))).toEqual(name === "mysql" ? [expect.stringContaining("setting_k_unique")] : []);
  });
});
