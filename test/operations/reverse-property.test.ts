import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reverseOperation, reverseOperations } from "../../src/operations/index.js";
import type { SchemaOperation } from "../../src/dialects/contract/index.js";
import type { Column, ColumnType, Index, Table } from "../../src/schema/model.js";

const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);
const columnType: fc.Arbitrary<ColumnType> = fc.oneof(
  fc.constant({ kind: "integer" as const }),
  fc.constant({ kind: "text" as const }),
  fc.integer({ min: 1, max: 500 }).map((length) => ({ kind: "string" as const, length })),
  fc.constant({ kind: "boolean" as const }),
);
const column: fc.Arbitrary<Column> = fc.record({ name, type: columnType, nullable: fc.boolean() });
const schema = fc.option(name, { nil: undefined });
const table: fc.Arbitrary<Table> = fc.record({
  name,
  columns: fc.array(column, { minLength: 1, maxLength: 4 }),
  foreignKeys: fc.constant([]),
  uniques: fc.constant([]),
  checks: fc.constant([]),
  indexes: fc.constant([]),
});
const index: fc.Arbitrary<Index> = fc.record({ name, columns: fc.array(name, { minLength: 1, maxLength: 3 }), unique: fc.boolean() });

function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Operations that carry everything their reverse needs. */
const reversible: fc.Arbitrary<SchemaOperation> = fc.oneof(
  table.map((t) => ({ kind: "createTable" as const, table: t })),
  fc.tuple(name, name, schema).map(([a, b, s]) => clean({ kind: "renameTable" as const, name: a, newName: b, schema: s })),
  fc.tuple(name, column, schema).map(([t, c, s]) => clean({ kind: "addColumn" as const, table: t, column: c, schema: s })),
  fc.tuple(name, column).map(([t, c]) => ({ kind: "dropColumn" as const, table: t, name: c.name, column: c })),
  fc.tuple(name, name, index, fc.boolean()).map(([t, , i, concurrently]) => ({ kind: "createIndex" as const, table: t, index: i, concurrently })),
  fc.tuple(name, name, fc.array(name, { minLength: 1, maxLength: 2 })).map(([t, n, cols]) => ({
    kind: "addConstraint" as const,
    table: t,
    constraint: { type: "unique" as const, name: n, columns: cols },
  })),
  fc.tuple(name, fc.option(fc.string(), { nil: null }), fc.option(fc.string(), { nil: null })).map(([t, comment, existing]) => ({
    kind: "tableComment" as const,
    table: t,
    comment,
    existingComment: existing,
  })),
  fc.tuple(name, name, name).map(([n, from, to]) => ({ kind: "renameEnumValue" as const, name: n, from, to })),
  fc.tuple(name, name, columnType, columnType, fc.boolean(), fc.boolean()).map(([t, c, type, existingType, nullable, existingNullable]) => ({
    kind: "alterColumn" as const,
    table: t,
    name: c,
    changes: { type, nullable },
    existing: { type: existingType, nullable: existingNullable },
  })),
  fc.tuple(name, fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()).map(([t, enabled, force, wasEnabled, wasForced]) => ({
    kind: "rowLevelSecurity" as const,
    table: t,
    enabled,
    force,
    existing: { enabled: wasEnabled, force: wasForced },
  })),
  fc.tuple(name, name, fc.constantFrom("all", "select", "update") as fc.Arbitrary<"all" | "select" | "update">).map(([t, n, command]) => ({
    kind: "createPolicy" as const,
    table: t,
    policy: { name: n, for: command, using: "true" },
  })),
  fc.tuple(name, fc.integer({ min: 1, max: 100 }), fc.boolean()).map(([n, start, cycle]) => ({ kind: "createSequence" as const, sequence: { name: n, start, cycle } })),
  fc.tuple(name, fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })).map(([n, cache, was]) => ({
    kind: "alterSequence" as const,
    name: n,
    changes: { cache, ownedBy: null },
    existing: { cache: was, ownedBy: { table: "t", column: "c" } },
  })),
  fc.tuple(name, name, fc.boolean(), fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined })).map(([t, c, always, cache]) => ({
    kind: "alterColumn" as const,
    table: t,
    name: c,
    changes: { identity: clean({ always, cache }) },
    existing: { identity: null },
  })),
);

function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe("reverseOperation as a property", () => {
  it("reversing twice gives the operation back", () => {
    fc.assert(
      fc.property(reversible, (operation) => {
        expect(plain(reverseOperation(reverseOperation(operation)))).toEqual(plain(operation));
      }),
    );
  });

  it("a reversed list undoes the operations last to first, and reverses back to the list", () => {
    fc.assert(
      fc.property(fc.array(reversible, { maxLength: 8 }), (operations) => {
        const reversed = reverseOperations(operations);
        expect(reversed.map((o) => plain(o))).toEqual([...operations].reverse().map((o) => plain(reverseOperation(o))));
        expect(plain(reverseOperations(reversed))).toEqual(plain(operations));
      }),
    );
  });
});
