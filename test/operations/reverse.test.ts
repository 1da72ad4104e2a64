import { describe, expect, it } from "vitest";
import { reverseOperation, reverseOperations } from "../../src/operations/index.js";
import type { AddColumn, AlterColumn, CreateEnum, CreateIndex, CreateTable, SchemaOperation } from "../../src/dialects/contract/index.js";
import type { Column, Index, Table } from "../../src/schema/model.js";
import { AthanorError } from "../../src/util/errors.js";

const id: Column = { name: "id", type: { kind: "integer" }, nullable: false };
const email: Column = { name: "email", type: { kind: "string", length: 255 }, nullable: true };
const users: Table = {
  name: "users",
  schema: "app",
  columns: [id, email],
  primaryKey: { name: "pk_users", columns: ["id"] },
  foreignKeys: [],
  uniques: [],
  checks: [],
  indexes: [],
};
const emailIndex: Index = { name: "ix_users_email", columns: ["email"], unique: true };

function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

function expectNotReversible(fn: () => unknown, message: RegExp, hint?: string): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AthanorError);
  expect((error as Error).message).toMatch(message);
  if (hint !== undefined) expect((error as AthanorError).hint).toBe(hint);
}

describe("reverseOperation of every operation", () => {
  it("createTable ↔ dropTable keeps the whole table", () => {
    const create: CreateTable = { kind: "createTable", table: users, ifNotExists: true };
    const drop = reverseOperation(create);
    expect(drop).toStrictEqual({ kind: "dropTable", name: "users", schema: "app", ifExists: true, table: users });
    expect(reverseOperation(drop)).toStrictEqual(create);
    // optional fields the operation lacks are left out, not set to undefined
    expect(reverseOperation({ kind: "createTable", table: { ...users, schema: undefined } } as SchemaOperation)).toStrictEqual({ kind: "dropTable", name: "users", table: { ...users, schema: undefined } });
  });

  it("a dropTable without the table cannot be reversed", () => {
    expectNotReversible(() => reverseOperation({ kind: "dropTable", name: "users" }), /dropTable\("users"\) cannot be reversed: the table's definition is unknown/, "give the drop the whole table so the downgrade can create it again");
  });

  it("renameTable swaps the names", () => {
    const reversed = reverseOperation({ kind: "renameTable", name: "user", newName: "users", schema: "app" });
    expect(reversed).toStrictEqual({ kind: "renameTable", name: "users", newName: "user", schema: "app" });
  });

  it("addColumn ↔ dropColumn keeps the column", () => {
    const add: AddColumn = { kind: "addColumn", table: "users", schema: "app", column: email };
    const drop = reverseOperation(add);
    expect(drop).toStrictEqual({ kind: "dropColumn", table: "users", schema: "app", name: "email", column: email });
    expect(reverseOperation(drop)).toStrictEqual(add);
  });

  it("a dropColumn without the column cannot be reversed", () => {
    expectNotReversible(() => reverseOperation({ kind: "dropColumn", table: "users", name: "email" }), /dropColumn\("users", "email"\) cannot be reversed: the column's definition is unknown/, "give the drop the column as it was so the downgrade can add it again");
  });

  it("alterColumn swaps changes and existing, and renames back", () => {
    const alter: AlterColumn = {
      kind: "alterColumn",
      table: "users",
      name: "email",
      changes: { nullable: false, type: { kind: "text" }, newName: "mail", serverDefault: null, comment: "address" },
      existing: { nullable: true, type: { kind: "string", length: 255 }, serverDefault: { kind: "literal", value: "x" }, comment: null, autoincrement: false },
    };
    const reversed = reverseOperation(alter);
    expect(plain(reversed)).toEqual({
      kind: "alterColumn",
      table: "users",
      name: "mail",
      changes: { nullable: true, type: { kind: "string", length: 255 }, serverDefault: { kind: "literal", value: "x" }, comment: null, newName: "email" },
      existing: { nullable: false, type: { kind: "text" }, serverDefault: null, comment: "address", autoincrement: false },
    });
    expect(plain(reverseOperation(reversed))).toEqual(plain(alter));
  });

  it("alterColumn without the existing value of a changed aspect cannot be reversed", () => {
    const alter: AlterColumn = { kind: "alterColumn", table: "users", name: "email", changes: { nullable: false }, existing: {} };
    expectNotReversible(() => reverseOperation(alter), /its nullable before the change is unknown/, "pass existingNullable so the downgrade can restore it");
  });

  it("createIndex ↔ dropIndex keeps the index and its table", () => {
    const create: CreateIndex = { kind: "createIndex", table: "users", index: emailIndex, concurrently: true, ifNotExists: true };
    const drop = reverseOperation(create);
    expect(drop).toStrictEqual({ kind: "dropIndex", name: "ix_users_email", table: "users", ifExists: true, concurrently: true, index: emailIndex });
    expect(reverseOperation(drop)).toStrictEqual(create);
    expectNotReversible(() => reverseOperation({ kind: "dropIndex", name: "ix", table: "users" }), /the index's definition is unknown/, "give the drop the table and the index as it was");
    expectNotReversible(() => reverseOperation({ kind: "dropIndex", name: "ix", index: emailIndex }), /its table is unknown/);
  });

  it("addConstraint ↔ dropConstraint by name and type", () => {
    const add: SchemaOperation = {
      kind: "addConstraint",
      table: "posts",
      constraint: { type: "foreignkey", name: "fk_posts_users", columns: ["user_id"], refTable: "users", refColumns: ["id"], onDelete: "cascade" },
    };
    const drop = reverseOperation(add);
    expect(drop).toMatchObject({ kind: "dropConstraint", name: "fk_posts_users", type: "foreignkey" });
    expect(reverseOperation(drop)).toStrictEqual(add);
    expectNotReversible(() => reverseOperation({ kind: "addConstraint", table: "t", constraint: { type: "check", sql: "a > 0" } }), /it has no name/, "name the constraint, or declare a naming convention in targetMetadata");
    expectNotReversible(() => reverseOperation({ kind: "dropConstraint", table: "t", name: "ck" }), /the constraint's definition is unknown/, "give the drop the constraint as it was");
  });

  it("tableComment restores the existing comment, and a drop without it cannot be reversed", () => {
    expect(reverseOperation({ kind: "tableComment", table: "t", comment: "new", existingComment: "old" })).toStrictEqual({ kind: "tableComment", table: "t", comment: "old", existingComment: "new" });
    expect(reverseOperation({ kind: "tableComment", table: "t", comment: "new" })).toStrictEqual({ kind: "tableComment", table: "t", comment: null, existingComment: "new" });
    expect(reverseOperation({ kind: "tableComment", table: "t", comment: null, existingComment: "old" })).toStrictEqual({ kind: "tableComment", table: "t", comment: "old", existingComment: null });
    expectNotReversible(() => reverseOperation({ kind: "tableComment", table: "t", comment: null }), /the comment it removes is unknown/, "pass existingComment");
  });

  it("createEnum ↔ dropEnum keeps the values", () => {
    const create: CreateEnum = { kind: "createEnum", enum: { name: "mood", schema: "app", values: ["sad", "happy"] } };
    const drop = reverseOperation(create);
    expect(drop).toStrictEqual({ kind: "dropEnum", name: "mood", schema: "app", enum: { name: "mood", schema: "app", values: ["sad", "happy"] } });
    expect(reverseOperation(drop)).toStrictEqual(create);
    expectNotReversible(() => reverseOperation({ kind: "dropEnum", name: "mood" }), /its values are unknown/, "give the drop the enum type as it was");
  });

  it("addEnumValue and dropEnumValue undo each other, keeping where the value stands", () => {
    const add = { kind: "addEnumValue", name: "mood", value: "meh", after: "sad", schema: "app" } as const;
    expect(reverseOperation(add)).toStrictEqual({ kind: "dropEnumValue", name: "mood", value: "meh", after: "sad", schema: "app" });
    expect(reverseOperation(reverseOperation(add))).toStrictEqual({ kind: "addEnumValue", name: "mood", schema: "app", value: "meh", after: "sad" });
  });

  it("renameEnumValue renames back", () => {
    expect(reverseOperation({ kind: "renameEnumValue", name: "mood", from: "ok", to: "fine" })).toStrictEqual({ kind: "renameEnumValue", name: "mood", from: "fine", to: "ok" });
  });

  it("execute and bulkInsert are not reversible", () => {
    expectNotReversible(() => reverseOperation({ kind: "execute", sql: "UPDATE t SET a = 1" }), /execute\(\) cannot be reversed/, "write the downgrade's SQL by hand");
    expectNotReversible(() => reverseOperation({ kind: "bulkInsert", table: "t", columns: [{ name: "a" }], rows: [{ a: 1 }] }), /bulkInsert\("t"\) cannot be reversed/, "write the DELETE in the downgrade by hand");
  });

  it("a list reverses last to first, and an irreversible one is reported when asked", () => {
    const upgrade: SchemaOperation[] = [
      { kind: "createTable", table: users },
      { kind: "createIndex", table: "users", index: emailIndex },
      { kind: "renameTable", name: "users", newName: "people" },
    ];
    const reversed = reverseOperations(upgrade);
    expect(reversed.map((o) => o.kind)).toEqual(["renameTable", "dropIndex", "dropTable"]);
    expect(reversed[0]).toStrictEqual({ kind: "renameTable", name: "people", newName: "users" });
    expect(reverseOperations(reversed)).toStrictEqual(upgrade);
    expect(reverseOperations([])).toEqual([]);
    const skipped: string[] = [];
    const down = reverseOperations([...upgrade, { kind: "dropTable", name: "gone" }], { onIrreversible: (operation, error) => skipped.push(`${operation.kind}: ${error.message}`) });
    expect(down.map((o) => o.kind)).toEqual(["renameTable", "dropIndex", "dropTable"]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatch(/^dropTable: dropTable\("gone"\) cannot be reversed/);
    expect(() => reverseOperations([{ kind: "dropTable", name: "gone" }])).toThrow(/dropTable\("gone"\) cannot be reversed/);
  });
});
