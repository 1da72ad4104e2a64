// Revision files are loaded without type-checking, so an option key an op
// method does not know is refused aloud instead of being dropped.
import { readdirSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { BatchOperations } from "../../src/operations/batch/batch-operations.js";
import { AthanorError } from "../../src/util/errors.js";
import { athanor, ok, projectDir, writeRevision } from "../cli/helpers.js";
import { connect } from "../../src/dialects/index.js";
import { join } from "node:path";
import { captureOp } from "./capture.js";
import { createProject } from "../runtime/project.js";
import type { Project } from "../runtime/project.js";
import { liveDialects } from "../support/servers.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

/** The error a call throws (synchronously or by rejecting), checked to be an AthanorError. */
async function refusal(call: () => unknown): Promise<string> {
  try {
    await call();
  } catch (error) {
    expect(error).toBeInstanceOf(AthanorError);
    return (error as Error).message;
  }
  throw new Error("expected the call to be refused");
}

describe("op methods refuse option keys they do not know", () => {
  it("names the method, the key, the likely meant key and the known keys, on one line", async () => {
    const { op, operations } = captureOp();
    const bad = (value: object): never => value as never;
    expect(await refusal(() => op.dropIndex("ix_orders_customer", bad({ tableName: "orders" })))).toBe(
      'op.dropIndex: unknown option "tableName" (did you mean "table"?); known options: table, schema, ifExists, concurrently, index',
    );
    expect(await refusal(() => op.createIndex("ix_orders_ref", "orders", ["ref"], bad({ unqiue: true })))).toBe(
      'op.createIndex: unknown option "unqiue" (did you mean "unique"?); known options: unique, where, using, include, nullsNotDistinct, with, ifNotExists, concurrently, schema',
    );
    expect(await refusal(() => op.addColumn("orders", op.column("note", op.type.text()), bad({ nullable: false })))).toBe(
      'op.addColumn: unknown option "nullable"; known options: schema, ifNotExists',
    );
    expect(await refusal(() => op.alterColumn("orders", "note", bad({ nullabe: false })))).toBe(
      'op.alterColumn: unknown option "nullabe" (did you mean "nullable"?); known options: nullable, type, using, serverDefault, newName, comment, autoincrement, collation, onUpdate, identity, existingType, existingNullable, existingServerDefault, existingComment, existingAutoincrement, existingCollation, existingOnUpdate, existingComputed, existingIdentity, schema',
    );
    expect(await refusal(() => op.createForeignKey("fk_orders_customer", "orders", "customers", ["customer_id"], ["id"], bad({ ondelete: "cascade" })))).toBe(
      'op.createForeignKey: unknown option "ondelete" (did you mean "onDelete"?); known options: onDelete, onUpdate, deferrable, initially, match, sourceSchema, referentSchema',
    );
    expect(await refusal(() => op.batchAlterTable("orders", (batch) => batch.alterColumn("note", bad({ nullable: false, existingTyp: op.type.text() }))))).toBe(
      'batch.alterColumn: unknown option "existingTyp" (did you mean "existingType"?); known options: nullable, type, using, serverDefault, newName, comment, autoincrement, collation, onUpdate, identity, existingType, existingNullable, existingServerDefault, existingComment, existingAutoincrement, existingCollation, existingOnUpdate, existingComputed, existingIdentity, insertBefore, insertAfter',
    );
    expect(await refusal(() => op.batchAlterTable("orders", () => undefined, bad({ recreat: "always" })))).toContain('op.batchAlterTable: unknown option "recreat" (did you mean "recreate"?)');
    // nothing was queued by a refused call
    expect(operations).toEqual([]);
  });

  it("lets through keys whose value is undefined", async () => {
    const { op, operations } = captureOp();
    await op.dropIndex("ix_orders_ref", { table: "orders", tableName: undefined } as never);
    expect(operations.map((o) => o.kind)).toEqual(["dropIndex"]);
  });

  it("takes every documented key", async () => {
    const { op, operations } = captureOp({ dialect: "postgresql" });
    await op.dropIndex("ix_a", { table: "orders", schema: "shop", ifExists: true, concurrently: true, index: { name: "ix_a", columns: ["a"], unique: false } as never });
    await op.createIndex("ix_b", "orders", ["b"], {
      unique: true, where: "b > 0", using: "btree", include: ["c"], nullsNotDistinct: true, with: { fillfactor: 70 }, ifNotExists: true, concurrently: true, schema: "shop",
    });
    await op.addColumn("orders", op.column("note", op.type.text()), { schema: "shop", ifNotExists: true });
    await op.alterColumn("orders", "note", {
      nullable: false, type: op.type.string(20), using: "note::varchar(20)", serverDefault: "x", newName: "memo", comment: "c", autoincrement: false,
      collation: null, onUpdate: null, identity: null, existingType: op.type.text(), existingNullable: true, existingServerDefault: null,
      existingComment: null, existingAutoincrement: false, existingCollation: null, existingOnUpdate: null, existingComputed: null,
      existingIdentity: null, schema: "shop",
    });
    await op.createForeignKey("fk_a", "orders", "customers", ["customer_id"], ["id"], {
      onDelete: "cascade", onUpdate: "restrict", deferrable: true, initially: "deferred", match: "full", sourceSchema: "shop", referentSchema: "crm",
    });
    await op.createUniqueConstraint("uq_a", "orders", ["ref"], { schema: "shop", deferrable: true, initially: "immediate", nullsNotDistinct: true });
    await op.dropConstraint("uq_a", "orders", { type: "unique", schema: "shop", ifExists: true });
    await op.createView("v", "SELECT 1", { schema: "shop", checkOption: "local", securityInvoker: true, securityBarrier: true, algorithm: "merge" });
    await op.createSequence("seq", { schema: "shop", type: "bigint", start: 1, increment: 1, minValue: 1, maxValue: 100, cache: 1, cycle: false, ifNotExists: true });
    await op.createPolicy("p", "orders", { as: "permissive", for: "select", to: ["app"], using: "true", withCheck: "true", schema: "shop" });
    expect(operations.map((o) => o.kind)).toEqual([
      "dropIndex", "createIndex", "addColumn", "alterColumn", "addConstraint", "addConstraint", "dropConstraint", "createView", "createSequence", "createPolicy",
    ]);
  });

  it("batch methods take every documented key", () => {
    const batch = new BatchOperations("orders", undefined, {});
    batch.addColumn({ name: "note", type: { kind: "text" }, nullable: true }, { insertAfter: "id" });
    batch.alterColumn("note", { nullable: false, existingType: { kind: "text" }, insertBefore: "id" });
    batch.createIndex("ix_a", ["a"], { unique: true, where: "a > 0", using: "btree", include: ["b"], nullsNotDistinct: true, with: { fillfactor: 70 }, ifNotExists: true, concurrently: false });
    batch.createForeignKey("fk_a", "customers", ["customer_id"], ["id"], { onDelete: "cascade", onUpdate: "restrict", deferrable: true, initially: "deferred", match: "simple", referentSchema: "crm" });
    batch.createUniqueConstraint("uq_a", ["ref"], { deferrable: true, initially: "immediate", nullsNotDistinct: true });
    batch.dropConstraint("uq_a", { type: "unique" });
    batch.createTableComment("orders placed", { existingComment: null });
    batch.dropColumn("legacy", { column: { name: "legacy", type: { kind: "text" }, nullable: true } });
    expect(batch.items.map((item) => item.operation.kind)).toEqual([
      "addColumn", "alterColumn", "createIndex", "addConstraint", "addConstraint", "dropConstraint", "tableComment", "dropColumn",
    ]);
    expect(() => batch.dropConstraint("uq_b", { typ: "unique" } as never)).toThrow('batch.dropConstraint: unknown option "typ" (did you mean "type"?); known options: type');
  });

  it("through the CLI on SQLite: upgrade exits 1 with one line naming the file and the key, and nothing is applied", async () => {
    const dir = projectDir();
    ok(dir, "init", "migrations");
    const file = writeRevision(
      dir,
      { revision: "aaaa0000e001", message: "orders" },
      `/**
 * orders
 *
 * Revision ID: aaaa0000e001
 * Revises:
 * Create Date: 2026-11-21 10:00:00.000000
 */
export const revision = "aaaa0000e001";
export const downRevision = null;
export async function upgrade(op) {
  await op.createTable("orders", [op.column("id", op.type.integer(), { primaryKey: true }), op.column("ref", op.type.text())]);
  await op.createIndex("ix_orders_ref", "orders", ["ref"], { unqiue: true });
}
export async function downgrade(op) {
  await op.dropTable("orders");
}
`,
    );
    const result = athanor(dir, "upgrade", "head");
    expect(result.code).toBe(1);
    const lines = result.stderr.replace(/\n$/, "").split("\n");
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toContain(file.slice(file.lastIndexOf("/") + 1));
    expect(lines[0]).toContain('op.createIndex: unknown option "unqiue" (did you mean "unique"?)');
    const connection = await connect(`sqlite:///${join(dir, "app.db")}`);
    try {
      // the revision's transaction is rolled back, version table included
      expect((await connection.execute("SELECT name FROM sqlite_master WHERE name IN ('orders', 'ix_orders_ref', 'athanor_version')")).rows).toEqual([]);
    } finally {
      await connection.close();
    }
    expect(ok(dir, "current").lines).toEqual(["(no revision)"]);
  });
});

describe.each(liveDialects())("through the CLI on %s", (dialect) => {
  it("a misspelt option stops the upgrade before anything runs, naming the file and the key", async () => {
    const p = createProject(dialect, [
      {
        id: "bbbb0000e002",
        doc: "orders",
        upgrade: [
          `  await op.dropIndex("ix_\${P}_orders_ref", { tableName: "\${P}_orders" });`,
          `  await op.createTable("\${P}_orders", [op.column("id", op.type.integer(), { primaryKey: true })]);`,
        ].join("\n"),
        downgrade: `  await op.dropTable("\${P}_orders");`,
      },
    ]);
    projects.push(p);
    p.writeConfigFile();
    const result = athanor(p.dir, "upgrade", "head");
    expect(result.code, result.stderr).toBe(1);
    const lines = result.stderr.replace(/\n$/, "").split("\n");
    expect(lines, result.stderr).toHaveLength(1);
    const file = readdirSync(join(p.dir, "migrations", "versions")).find((name) => name.startsWith("bbbb0000e002"))!;
    expect(lines[0]).toContain(file);
    expect(lines[0]).toContain('op.dropIndex: unknown option "tableName" (did you mean "table"?); known options: table, schema, ifExists, concurrently, index');
    expect(await p.tableExists(`${p.prefix}_orders`)).toBe(false);
    expect((await p.versionRows()) ?? []).toEqual([]);
  });
});
