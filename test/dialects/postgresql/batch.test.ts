import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runBatch } from "../../../src/operations/batch/run-batch.js";
import type { OperationContext } from "../../../src/operations/operations.js";
import type { SchemaOperation } from "../../../src/operations/schema-operation.js";
import { postgresqlDialect } from "../../../src/dialects/postgresql/index.js";
import { openSandbox, postgresqlAvailable, type Sandbox } from "./live.js";

describe("PostgreSQL batch support", () => {
  test("auto never recreates: every operation has an ALTER form", () => {
    const ops: SchemaOperation[] = [
      { kind: "dropColumn", table: "t", name: "a" },
      { kind: "alterColumn", table: "t", name: "a", changes: { type: { kind: "text" } }, existing: {} },
      { kind: "addConstraint", table: "t", constraint: { type: "check", name: "c", sql: "a > 0" } },
    ];
    expect(postgresqlDialect.batch?.requiresRecreate(ops)).toBe(false);
  });
});

describe.skipIf(!postgresqlAvailable)("PostgreSQL batch move and copy", () => {
  let box: Sandbox;
  let context: OperationContext;
  beforeAll(async () => {
    box = await openSandbox("pgsql batch");
    const connection = box.connection;
    context = {
      dialectName: "postgresql",
      isOffline: false,
      databaseName: undefined,
      connection,
      quoteIdentifier: (name) => connection.dialect.quoteIdentifier(name),
      literal: (value) => connection.dialect.literal(value),
      execute: async (sql, params) => {
        await connection.execute(String(sql), params);
      },
      query: async (sql, params) => [...(await connection.execute(String(sql), params)).rows],
      run: async (operation) => {
        for (const sql of connection.dialect.ddl!.compile(operation)) await connection.execute(sql);
      },
    };
  });
  afterAll(async () => {
    await box?.close();
  });

  test("recreating a referenced table keeps rows, keys, indexes, references and the serial sequence", async () => {
    const q = (name: string): string => box.connection.dialect.quoteIdentifier(name);
    const parent = `pärent "select"`;
    await box.connection.execute(`
      CREATE TABLE ${q(parent)} (id serial PRIMARY KEY, code text CONSTRAINT ${q("code uq")} UNIQUE, n int CHECK (n > 0), old text);
      CREATE INDEX ${q("parent n ix")} ON ${q(parent)} (n) WHERE n > 1;
      CREATE TABLE child (id int PRIMARY KEY, parent_id int CONSTRAINT child_parent_fk REFERENCES ${q(parent)} (id) ON DELETE CASCADE);
      INSERT INTO ${q(parent)} (code, n, old) VALUES ('a', 1, 'x'), ('b', 2, 'y'), ('it''s', 3, 'z');
      INSERT INTO child VALUES (1, 1), (2, 3);
    `);
    const before = await box.table(parent);
    await runBatch(
      context,
      parent,
      (batch) => {
        batch.dropColumn("old");
        batch.alterColumn("n", { type: { kind: "bigint" }, existingType: { kind: "integer" } });
        batch.addColumn({ name: "extra", type: { kind: "text" }, nullable: true }, { insertAfter: "id" });
      },
      { recreate: "always" },
    );
    const after = await box.table(parent);
    expect(after?.columns.map((c) => [c.name, c.type.kind])).toEqual([
      ["id", "integer"],
      ["extra", "text"],
      ["code", "text"],
      ["n", "bigint"],
    ]);
    expect(after?.primaryKey?.columns).toEqual(["id"]);
    expect(after?.uniques).toEqual(before?.uniques);
    expect(after?.checks.map((c) => c.sql)).toEqual(["n > 0"]);
    expect(after?.indexes).toEqual(before?.indexes);
    expect((await box.table("child"))?.foreignKeys).toEqual([
      { name: "child_parent_fk", columns: ["parent_id"], refTable: parent, refColumns: ["id"], onDelete: "cascade" },
    ]);
    const rows = await box.connection.execute(`SELECT id, code, n FROM ${q(parent)} ORDER BY id`);
    expect(rows.rows).toEqual([
      { id: 1, code: "a", n: "1" },
      { id: 2, code: "b", n: "2" },
      { id: 3, code: "it's", n: "3" },
    ]);
    // The sequence continues after the copied rows, and the reference still cascades.
    const inserted = await box.connection.execute(`INSERT INTO ${q(parent)} (code, n) VALUES ('d', 4) RETURNING id`);
    expect(inserted.rows).toEqual([{ id: 4 }]);
    await box.connection.execute(`DELETE FROM ${q(parent)} WHERE id = 3`);
    expect((await box.connection.execute("SELECT id FROM child ORDER BY id")).rows).toEqual([{ id: 1 }]);
    await expect(box.connection.execute("INSERT INTO child VALUES (9, 42)")).rejects.toThrow(/foreign key/);
    await box.connection.execute(`DROP TABLE child, ${q(parent)}`);
  });
});
