import { describe, expect, it } from "vitest";
import { applyBatch, BatchOperations } from "../../src/operations/index.js";
import { nameUnnamed } from "../../src/operations/batch/run-batch.js";
import type { Table } from "../../src/schema/model.js";
import { column, type } from "../../src/schema/index.js";
import { captureOp, plain } from "./capture.js";

const parent: Table = {
  name: "parent",
  columns: [
    { name: "id", type: { kind: "integer" }, nullable: false },
    { name: "code", type: { kind: "string", length: 10 }, nullable: false },
    { name: "note", type: { kind: "text" }, nullable: true },
  ],
  primaryKey: { columns: ["id"] },
  foreignKeys: [{ columns: ["id"], refTable: "parent", refColumns: ["id"] }],
  uniques: [{ columns: ["code"] }],
  checks: [{ name: "ck_code", sql: "length(code) > 0" }],
  indexes: [{ name: "ix_parent_note", columns: ["note"], unique: false }],
};

const convention = { ix: "ix_%(column_0_label)s", uq: "uq_%(table_name)s_%(column_0_name)s", fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s", pk: "pk_%(table_name)s" };

function queue(fill: (batch: BatchOperations) => void): BatchOperations {
  const batch = new BatchOperations("parent", undefined, convention);
  fill(batch);
  return batch;
}

describe("batch: the new table from the old one and the queued operations", () => {
  it("places added and moved columns with insertBefore / insertAfter", () => {
    const batch = queue((b) => {
      b.addColumn(column("first", type.integer()), { insertBefore: "id" });
      b.addColumn(column("middle", type.text()), { insertAfter: "id" });
      b.addColumn(column("last", type.text()));
      b.alterColumn("note", { insertBefore: "code" });
    });
    const plan = applyBatch(parent, batch.items);
    expect(plan.table.columns.map((c) => c.name)).toEqual(["first", "id", "middle", "note", "code", "last"]);
    expect(plan.sources.map((s) => s.from ?? null)).toEqual([null, "id", null, "note", "code", null]);
  });

  it("a renamed column is copied from its old name and renamed in keys, uniques and indexes", () => {
    const plan = applyBatch(parent, queue((b) => {
      b.alterColumn("code", { newName: "slug", type: type.text() });
      b.alterColumn("note", { newName: "remark", nullable: false });
    }).items);
    expect(plan.table.columns.map((c) => c.name)).toEqual(["id", "slug", "remark"]);
    expect(plan.sources.map((s) => [s.column.name, s.from, s.typeChanged])).toEqual([["id", "id", false], ["slug", "code", true], ["remark", "note", false]]);
    expect(plan.table.uniques).toEqual([{ columns: ["slug"] }]);
    expect(plan.table.indexes[0]!.columns).toEqual(["remark"]);
    expect(plan.table.columns[2]!.nullable).toBe(false);
  });

  it("dropping a column drops the keys and indexes on it; constraints come and go by name", () => {
    const named = nameUnnamed(parent, convention);
    expect(named.primaryKey?.name).toBe("pk_parent");
    expect(named.uniques[0]!.name).toBe("uq_parent_code");
    expect(named.foreignKeys[0]!.name).toBe("fk_parent_id_parent");
    expect(named.checks[0]!.name).toBe("ck_code");
    const plan = applyBatch(named, queue((b) => {
      b.dropColumn("note");
      b.dropConstraint("uq_parent_code", { type: "unique" });
      b.dropConstraint("ck_code");
      b.createCheckConstraint("ck_id", "id > 0");
      b.createUniqueConstraint(null, ["code"]);
      b.createIndex(null, ["code"]);
      b.createTableComment("parents");
    }).items);
    expect(plan.table.columns.map((c) => c.name)).toEqual(["id", "code"]);
    expect(plan.table.indexes).toEqual([{ name: "ix_parent_code", columns: ["code"], unique: false }]);
    expect(plan.table.checks).toEqual([{ name: "ck_id", sql: "id > 0" }]);
    expect(plan.table.uniques).toEqual([{ name: "uq_parent_code", columns: ["code"] }]);
    expect(plan.table.comment).toBe("parents");
  });

  it("errors name what is missing and say how to name unnamed constraints", () => {
    expect(() => applyBatch(parent, queue((b) => b.dropConstraint("uq_x")).items)).toThrow(/no constraint named "uq_x"/);
    expect(() => applyBatch(parent, queue((b) => b.dropConstraint("uq_x")).items)).toThrow(expect.objectContaining({ hint: expect.stringMatching(/naming convention/) }));
    expect(() => applyBatch(parent, queue((b) => b.dropColumn("nope")).items)).toThrow(/has no column "nope"/);
    expect(() => applyBatch(parent, queue((b) => b.dropIndex("ix_nope")).items)).toThrow(/no index named "ix_nope"/);
    expect(() => applyBatch(parent, queue((b) => b.addColumn(column("id", type.integer()))).items)).toThrow(/"id" already exists/);
    expect(() => queue((b) => b.addColumn(column("x", type.integer()), { insertBefore: "a", insertAfter: "b" }))).toThrow(/not both/);
  });
});

describe("op.batchAlterTable", () => {
  it("recreate never: the queued operations run as they are, in order", async () => {
    const { op, operations, executed } = captureOp({ dialect: "postgresql" });
    await op.batchAlterTable("parent", (b) => {
      b.addColumn(op.column("x", op.type.integer()));
      b.alterColumn("code", { nullable: true });
      b.execute("UPDATE parent SET x = 1");
      b.dropColumn("note");
    }, { recreate: "never" });
    expect(operations.map((o) => o.kind)).toEqual(["addColumn", "alterColumn", "dropColumn"]);
    expect(executed).toEqual(["UPDATE parent SET x = 1"]);
  });

  it("auto: ALTER where the database can (PostgreSQL always; SQLite for added columns and indexes)", async () => {
    const pg = captureOp({ dialect: "postgresql" });
    await pg.op.batchAlterTable("parent", (b) => b.alterColumn("code", { nullable: true }));
    expect(pg.operations.map((o) => o.kind)).toEqual(["alterColumn"]);
    const lite = captureOp({ dialect: "sqlite" });
    await lite.op.batchAlterTable("parent", (b) => {
      b.addColumn(op().column("x", op().type.integer()));
      b.createIndex("ix_x", ["x"]);
    });
    expect(lite.operations.map((o) => o.kind)).toEqual(["addColumn", "createIndex"]);
  });

  it("refuses a bad recreate value, and insertBefore without a recreate", async () => {
    const { op } = captureOp({ dialect: "postgresql" });
    await expect(op.batchAlterTable("parent", () => undefined, { recreate: "sometimes" as never })).rejects.toThrow(/recreate must be "auto", "always" or "never"/);
    await expect(op.batchAlterTable("parent", (b) => b.addColumn(op.column("x", op.type.integer()), { insertAfter: "id" }))).rejects.toThrow(/insertBefore\/insertAfter need the table to be recreated/);
  });

  it("offline, move and copy needs copyFrom", async () => {
    const { op } = captureOp({ dialect: "sqlite" });
    await expect(op.batchAlterTable("parent", (b) => b.alterColumn("code", { nullable: true }))).rejects.toThrow(/--sql has no database to read it from/);
  });

  it("move and copy from copyFrom: create the copy, INSERT ... SELECT with renames and casts, drop, rename, indexes", async () => {
    const { op, operations, executed } = captureOp({ dialect: "sqlite" });
    await op.batchAlterTable(
      "parent",
      (b) => {
        b.alterColumn("code", { newName: "slug", type: op.type.integer() });
        b.addColumn(op.column("added", op.type.text()), { insertAfter: "id" });
        b.dropColumn("note");
        b.execute("UPDATE parent SET added = 'x'");
      },
      { copyFrom: parent, namingConvention: convention },
    );
    expect(operations.map((o) => o.kind)).toEqual(["createTable", "dropTable", "renameTable"]);
    const created = plain(operations[0]) as { table: Table };
    expect(created.table.name).toBe("_athanor_tmp_parent");
    expect(created.table.columns.map((c) => c.name)).toEqual(["id", "added", "slug"]);
    expect(created.table.primaryKey).toEqual({ name: "pk_parent", columns: ["id"] });
    // SQLite refers to tables by name: the self reference keeps the table's own name
    expect(created.table.foreignKeys).toEqual([{ name: "fk_parent_id_parent", columns: ["id"], refTable: "parent", refColumns: ["id"] }]);
    expect(created.table.indexes).toEqual([]);
    expect(plain(operations.slice(1))).toEqual([
      { kind: "dropTable", name: "parent" },
      { kind: "renameTable", name: "_athanor_tmp_parent", newName: "parent" },
    ]);
    expect(executed[0]).toMatch(/^INSERT INTO "_athanor_tmp_parent" \("id", "slug"\) SELECT "id", (CAST\("code" AS [A-Za-z]+\)|"code") FROM "parent"$/);
    expect(executed[1]).toBe("UPDATE parent SET added = 'x'");
  });

  it("PostgreSQL recreate always points the self reference at the copy and frees index-backed names first", async () => {
    const { op, operations, executed } = captureOp({ dialect: "postgresql" });
    const named = nameUnnamed(parent, convention);
    await op.batchAlterTable("parent", (b) => {
      b.addColumn(op.column("x", op.type.integer()));
      b.alterColumn("code", { type: op.type.bigint() });
      b.alterColumn("note", { type: op.type.text(), nullable: false });
    }, { copyFrom: named, recreate: "always" });
    // a changed type is cast; an unchanged spelling is copied as it is
    expect(executed).toEqual(['INSERT INTO "_athanor_tmp_parent" ("id", "code", "note") SELECT "id", CAST("code" AS bigint), "note" FROM "parent"']);
    expect(operations.map((o) => o.kind)).toEqual(["dropConstraint", "dropConstraint", "createTable", "dropTable", "renameTable", "createIndex"]);
    expect(plain(operations.slice(0, 2))).toEqual([
      { kind: "dropConstraint", table: "parent", name: "uq_parent_code", type: "unique" },
      { kind: "dropConstraint", table: "parent", name: "pk_parent", type: "primary" },
    ]);
    expect((operations[2] as { table: Table }).table.foreignKeys[0]!.refTable).toBe("_athanor_tmp_parent");
    expect(plain(operations[5])).toEqual({ kind: "createIndex", table: "parent", index: { name: "ix_parent_note", columns: ["note"], unique: false } });
  });
});

describe("op.batchAlterTable copy", () => {
  it("leaves generated columns out of the copy: they compute their own values", async () => {
    const { op, executed } = captureOp({ dialect: "postgresql" });
    const copyFrom: Table = {
      ...parent,
      foreignKeys: [],
      columns: [...parent.columns, { name: "code_upper", type: { kind: "text" }, nullable: true, computed: { sql: "upper(code)", stored: true } }],
    };
    await op.batchAlterTable("parent", (b) => b.dropColumn("note"), { copyFrom, recreate: "always" });
    expect(executed).toEqual(['INSERT INTO "_athanor_tmp_parent" ("id", "code") SELECT "id", "code" FROM "parent"']);
  });
});

function op(): ReturnType<typeof captureOp>["op"] {
  return captureOp().op;
}
