import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Operations } from "../../../src/operations/index.js";
import { openSandbox, operationsOn, type Sandbox } from "./live.js";

/** Revision-file code through `op`, on a live SQLite database, read back through reflection. */
describe("SQLite through op: declared tables, the ALTER subset, and batch mode for the rest", () => {
  let box: Sandbox;
  let op: Operations;
  beforeAll(async () => {
    box = await openSandbox();
    op = operationsOn(box, "sqlite facade test");
  });
  afterAll(async () => {
    await box?.close();
  });

  test("create, alter by batch, and read back", async () => {
    await box.begin();
    await op.createTable("rôles", [
      op.column("id", op.type.integer(), { primaryKey: true, autoincrement: true }),
      op.column("name", op.type.string(50), { nullable: false, unique: true }),
    ]);
    await op.createTable("users", {
      id: op.column.integer().primaryKey(),
      email: op.column.string(255),
      role_id: op.column.integer(),
    });
    await op.bulkInsert("rôles", [{ id: 1, name: "admin" }, { id: 2, name: `it's "member"` }]);
    await op.bulkInsert("users", [{ id: 1, email: "a@b", role_id: 2 }, { id: 2, email: null, role_id: 1 }]);
    await op.createIndex("ix_users_lower_email", "users", [op.expr("lower(email)")], { unique: true, where: "email IS NOT NULL" });

    await expect(op.alterColumn("users", "email", { nullable: false })).rejects.toThrow(/cannot alter column "email"/);
    await expect(op.createForeignKey(null, "users", "rôles", ["role_id"], ["id"])).rejects.toThrow(/cannot add a constraint/);

    await op.batchAlterTable("users", (batch) => {
      batch.alterColumn("email", { type: op.type.string(320), existingType: op.type.string(255) });
      batch.createForeignKey(null, "rôles", ["role_id"], ["id"], { onDelete: "cascade" });
      batch.addColumn(op.column("age", op.type.integer()), { insertAfter: "email" });
      batch.createCheckConstraint("ck_users_age", "age >= 0");
    });
    await op.addColumn("users", op.column("nick", op.type.text()));
    await op.alterColumn("users", "nick", { newName: "nickname" });
    await box.commit();

    const users = await box.table("users");
    expect(users?.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", { kind: "integer" }],
      ["email", { kind: "string", length: 320 }],
      ["age", { kind: "integer" }],
      ["role_id", { kind: "integer" }],
      ["nickname", { kind: "text" }],
    ]);
    expect(users?.foreignKeys).toEqual([
      { name: "fk_users_role_id_rôles", columns: ["role_id"], refTable: "rôles", refColumns: ["id"], onDelete: "cascade" },
    ]);
    expect(users?.checks).toEqual([{ name: "ck_users_age", sql: "age >= 0" }]);
    expect(users?.indexes).toEqual([
      { name: "ix_users_lower_email", columns: [{ expression: "lower(email)" }], unique: true, where: "email IS NOT NULL" },
    ]);
    const roles = await box.table("rôles");
    expect(roles?.columns[0]).toEqual({ name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true });
    expect(roles?.uniques.map((u) => u.columns)).toEqual([["name"]]);
    expect((await box.connection.execute(`SELECT id, email, role_id FROM users ORDER BY id`)).rows).toEqual([
      { id: 1, email: "a@b", role_id: 2 },
      { id: 2, email: null, role_id: 1 },
    ]);

    // A constraint SQLite reflects without a name is dropped by the name the convention gives it.
    await box.begin();
    await op.batchAlterTable("rôles", (batch) => batch.dropConstraint("uq_rôles_name", { type: "unique" }), {
      namingConvention: { uq: "uq_%(table_name)s_%(column_0_name)s" },
    });
    await op.dropTable("users");
    await op.dropTable("rôles");
    await box.commit();
    expect((await box.reflect()).tables).toEqual([]);
  });
});
