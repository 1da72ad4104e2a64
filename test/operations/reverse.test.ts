import { describe, expect, it } from "vitest";
import {
  AddColumn,
  AddConstraint,
  AddEnumValue,
  AlterColumn,
  BulkInsert,
  CreateEnum,
  CreateIndex,
  CreateTable,
  DropColumn,
  DropConstraint,
  DropEnum,
  DropIndex,
  DropTable,
  ExecuteSql,
  OperationList,
  RenameEnumValue,
  RenameTable,
  TableComment,
  reverseOperation,
  toOperation,
} from "../../src/operations/index.js";
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

function expectNotReversible(fn: () => unknown, message: RegExp): void {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(AthanorError);
  expect((error as Error).message).toMatch(message);
}

describe("reverse() of every operation", () => {
  it("createTable ↔ dropTable keeps the whole table", () => {
    const create = new CreateTable({ table: users, ifNotExists: true });
    const drop = create.reverse();
    expect(drop).toBeInstanceOf(DropTable);
    expect(plain(drop)).toEqual({ kind: "dropTable", name: "users", schema: "app", ifExists: true, table: plain(users) });
    const again = drop.reverse();
    expect(again).toBeInstanceOf(CreateTable);
    expect(plain(again)).toEqual(plain(create));
  });

  it("a dropTable without the table cannot be reversed", () => {
    expectNotReversible(() => new DropTable({ name: "users" }).reverse(), /dropTable\("users"\) cannot be reversed: the table's definition is unknown/);
  });

  it("renameTable swaps the names", () => {
    const reversed = new RenameTable({ name: "user", newName: "users", schema: "app" }).reverse();
    expect(plain(reversed)).toEqual({ kind: "renameTable", name: "users", newName: "user", schema: "app" });
  });

  it("addColumn ↔ dropColumn keeps the column", () => {
    const add = new AddColumn({ table: "users", schema: "app", column: email });
    const drop = add.reverse();
    expect(plain(drop)).toEqual({ kind: "dropColumn", table: "users", schema: "app", name: "email", column: plain(email) });
    expect(plain(drop.reverse())).toEqual(plain(add));
  });

  it("a dropColumn without the column cannot be reversed", () => {
    expectNotReversible(() => new DropColumn({ table: "users", name: "email" }).reverse(), /the column's definition is unknown/);
  });

  it("alterColumn swaps changes and existing, and renames back", () => {
    const alter = new AlterColumn({
      table: "users",
      name: "email",
      changes: { nullable: false, type: { kind: "text" }, newName: "mail", serverDefault: null, comment: "address" },
      existing: { nullable: true, type: { kind: "string", length: 255 }, serverDefault: { kind: "literal", value: "x" }, comment: null, autoincrement: false },
    });
    const reversed = alter.reverse();
    expect(plain(reversed)).toEqual({
      kind: "alterColumn",
      table: "users",
      name: "mail",
      changes: { nullable: true, type: { kind: "string", length: 255 }, serverDefault: { kind: "literal", value: "x" }, comment: null, newName: "email" },
      existing: { nullable: false, type: { kind: "text" }, serverDefault: null, comment: "address", autoincrement: false },
    });
    expect(plain(reversed.reverse())).toEqual(plain(alter));
  });

  it("alterColumn without the existing value of a changed aspect cannot be reversed", () => {
    const alter = new AlterColumn({ table: "users", name: "email", changes: { nullable: false }, existing: {} });
    expectNotReversible(() => alter.reverse(), /its nullable before the change is unknown/);
  });

  it("createIndex ↔ dropIndex keeps the index and its table", () => {
    const create = new CreateIndex({ table: "users", index: emailIndex, concurrently: true, ifNotExists: true });
    const drop = create.reverse();
    expect(plain(drop)).toEqual({ kind: "dropIndex", name: "ix_users_email", table: "users", ifExists: true, concurrently: true, index: plain(emailIndex) });
    expect(plain(drop.reverse())).toEqual(plain(create));
    expectNotReversible(() => new DropIndex({ name: "ix", table: "users" }).reverse(), /the index's definition is unknown/);
    expectNotReversible(() => new DropIndex({ name: "ix", index: emailIndex }).reverse(), /its table is unknown/);
  });

  it("addConstraint ↔ dropConstraint by name and type", () => {
    const add = new AddConstraint({
      table: "posts",
      constraint: { type: "foreignkey", name: "fk_posts_users", columns: ["user_id"], refTable: "users", refColumns: ["id"], onDelete: "cascade" },
    });
    const drop = add.reverse();
    expect(drop).toBeInstanceOf(DropConstraint);
    expect(drop.name).toBe("fk_posts_users");
    expect(drop.type).toBe("foreignkey");
    expect(plain(drop.reverse())).toEqual(plain(add));
    expectNotReversible(() => new AddConstraint({ table: "t", constraint: { type: "check", sql: "a > 0" } }).reverse(), /it has no name/);
    expectNotReversible(() => new DropConstraint({ table: "t", name: "ck" }).reverse(), /the constraint's definition is unknown/);
  });

  it("tableComment restores the existing comment, and a drop without it cannot be reversed", () => {
    expect(plain(new TableComment({ table: "t", comment: "new", existingComment: "old" }).reverse())).toEqual({ kind: "tableComment", table: "t", comment: "old", existingComment: "new" });
    expect(plain(new TableComment({ table: "t", comment: "new" }).reverse())).toEqual({ kind: "tableComment", table: "t", comment: null, existingComment: "new" });
    expect(plain(new TableComment({ table: "t", comment: null, existingComment: "old" }).reverse())).toEqual({ kind: "tableComment", table: "t", comment: "old", existingComment: null });
    expectNotReversible(() => new TableComment({ table: "t", comment: null }).reverse(), /the comment it removes is unknown/);
  });

  it("createEnum ↔ dropEnum keeps the values", () => {
    const create = new CreateEnum({ enum: { name: "mood", schema: "app", values: ["sad", "happy"] } });
    const drop = create.reverse();
    expect(plain(drop)).toEqual({ kind: "dropEnum", name: "mood", schema: "app", enum: { name: "mood", schema: "app", values: ["sad", "happy"] } });
    expect(plain(drop.reverse())).toEqual(plain(create));
    expectNotReversible(() => new DropEnum({ name: "mood" }).reverse(), /its values are unknown/);
  });

  it("addEnumValue is not reversible, and says why", () => {
    expectNotReversible(() => new AddEnumValue({ name: "mood", value: "meh" }).reverse(), /PostgreSQL cannot remove a value from an enum type/);
  });

  it("renameEnumValue renames back", () => {
    expect(plain(new RenameEnumValue({ name: "mood", from: "ok", to: "fine" }).reverse())).toEqual({ kind: "renameEnumValue", name: "mood", from: "fine", to: "ok" });
  });

  it("execute and bulkInsert are not reversible", () => {
    expectNotReversible(() => new ExecuteSql({ sql: "UPDATE t SET a = 1" }).reverse(), /execute\(\) cannot be reversed/);
    expectNotReversible(() => new BulkInsert({ table: "t", columns: [{ name: "a" }], rows: [{ a: 1 }] }).reverse(), /bulkInsert\("t"\) cannot be reversed/);
  });

  it("reverseOperation and toOperation take plain data", () => {
    const reversed = reverseOperation({ kind: "addColumn", table: "users", column: email });
    expect(reversed).toBeInstanceOf(DropColumn);
    expect(toOperation({ kind: "renameTable", name: "a", newName: "b" })).toBeInstanceOf(RenameTable);
    const object = new RenameTable({ name: "a", newName: "b" });
    expect(toOperation(object)).toBe(object);
    expect(() => toOperation({ kind: "nope" } as never)).toThrow(/Unknown operation kind "nope"/);
  });

  it("an operation list reverses last to first", () => {
    const list = new OperationList([
      new CreateTable({ table: users }),
      { kind: "createIndex", table: "users", index: emailIndex },
      new RenameTable({ name: "users", newName: "people" }),
    ]);
    const reversed = list.reverse();
    expect(reversed.operations.map((o) => o.kind)).toEqual(["renameTable", "dropIndex", "dropTable"]);
    expect(plain(reversed.operations[0])).toEqual({ kind: "renameTable", name: "people", newName: "users" });
    expect(plain(reversed.reverse())).toEqual(plain(list));
    expect(new OperationList().isEmpty).toBe(true);
    expect([...list].length).toBe(3);
  });
});
