// PostgreSQL's index and constraint options as DDL, as refusals elsewhere, as
// rendered code and reversed operations, and as an offline script psql accepts.
import { describe, expect, test } from "vitest";
import { renderBody } from "../../../src/autogenerate/render/index.js";
import { getDialect } from "../../../src/dialects/index.js";
import type { SchemaOperation } from "../../../src/dialects/contract/index.js";
import { indexExpression } from "../../../src/dialects/postgresql/ddl.js";
import { postgresqlDialect } from "../../../src/dialects/postgresql/index.js";
import { reverseOperation } from "../../../src/operations/reverse/index.js";
import type { Table } from "../../../src/schema/model.js";
import { expectOfflineTwin } from "../conformance/offline-twin.js";
import { liveDialects } from "../../support/servers.js";

const compile = (op: SchemaOperation): string[] => postgresqlDialect.ddl.compile(op);

const rooms: Table = {
  name: "rooms",
  columns: [
    { name: "id", type: { kind: "integer" }, nullable: false },
    { name: "code", type: { kind: "string", length: 20 }, nullable: true },
    { name: "during", type: { kind: "custom", sql: "tsrange" }, nullable: true },
  ],
  primaryKey: { columns: ["id"] },
  foreignKeys: [],
  uniques: [{ name: "uq_rooms_code", columns: ["code"], nullsNotDistinct: true }],
  checks: [],
  indexes: [{ name: "ix_rooms_code", columns: [{ expression: '"code" text_pattern_ops DESC' }], unique: true, nullsNotDistinct: true, with: { fillfactor: 70 }, where: "id > 0" }],
  excludes: [{ name: "ex_rooms_during", elements: [{ expression: "during", operator: "&&" }, { expression: "lower(code)", operator: "=" }], where: "id > 0", deferrable: true }],
};

describe("PostgreSQL DDL of index and constraint options", () => {
  test("CREATE TABLE holds NULLS NOT DISTINCT and the exclusion constraint; the index its options in PostgreSQL's order", () => {
    const [create, index] = compile({ kind: "createTable", table: rooms });
    expect(create).toContain('CONSTRAINT "uq_rooms_code" UNIQUE NULLS NOT DISTINCT ("code")');
    expect(create).toContain('CONSTRAINT "ex_rooms_during" EXCLUDE USING gist ("during" WITH &&, (lower(code)) WITH =) WHERE (id > 0) DEFERRABLE');
    expect(index).toBe('CREATE UNIQUE INDEX "ix_rooms_code" ON "rooms" ("code" text_pattern_ops DESC) NULLS NOT DISTINCT WITH (fillfactor = 70) WHERE id > 0');
  });

  test("an element keeps its operator class and order outside the parentheses an expression needs", () => {
    expect(indexExpression("lower(email) text_pattern_ops")).toBe("(lower(email)) text_pattern_ops");
    expect(indexExpression('"email" public.gin_trgm_ops')).toBe('"email" public.gin_trgm_ops');
    expect(indexExpression("a + b DESC NULLS LAST")).toBe("(a + b) DESC NULLS LAST");
  });

  test("storage parameter values that are not plain words are quoted, and odd names refused", () => {
    const op = (w: Record<string, string | number | boolean>): SchemaOperation => ({ kind: "createIndex", table: "t", index: { name: "ix", columns: ["a"], unique: false, with: w } });
    expect(compile(op({ fastupdate: false, buffering: "auto" }))[0]).toContain("WITH (fastupdate = false, buffering = auto)");
    expect(compile(op({ x: "a b" }))[0]).toContain("WITH (x = 'a b')");
    expect(() => compile(op({ "x; drop": 1 }))).toThrow(/not a storage parameter name/);
  });

  test("an operator that is not one is refused", () => {
    const table: Table = { ...rooms, excludes: [{ name: "ex", elements: [{ expression: "during", operator: "&&); DROP TABLE x; --" }] }] };
    expect(() => compile({ kind: "createTable", table })).toThrow(/is not an operator/);
  });
});

describe.each(["mysql", "sqlite"] as const)("%s refuses what it lacks", (name) => {
  const ddl = getDialect(name).ddl;
  test("NULLS NOT DISTINCT, storage parameters and exclusion constraints, naming the object", () => {
    expect(() => ddl.compile({ kind: "createIndex", table: "t", index: { name: "ix_t", columns: ["a"], unique: true, nullsNotDistinct: true } })).toThrow(/index "ix_t".*NULLS NOT DISTINCT/);
    expect(() => ddl.compile({ kind: "createIndex", table: "t", index: { name: "ix_t", columns: ["a"], unique: false, with: { fillfactor: 70 } } })).toThrow(/ix_t.*storage parameters/);
    const table: Table = { ...rooms, indexes: [], uniques: [], checks: [] };
    expect(() => ddl.compile({ kind: "createTable", table })).toThrow(/ex_rooms_during.*no exclusion constraints/);
    expect(() => ddl.compile({ kind: "createTable", table: { ...rooms, indexes: [], excludes: [] } })).toThrow(/uq_rooms_code.*NULLS NOT DISTINCT/);
  });
});

describe("op.createExcludeConstraint as data", () => {
  const add: SchemaOperation = {
    kind: "addConstraint",
    table: "rooms",
    constraint: { type: "exclude", name: "ex_rooms_during", elements: [{ expression: "during", operator: "&&" }], using: "gist", where: "id > 0" },
  };
  test("reverses to dropConstraint of type exclude, which reverses to it again", () => {
    const drop = reverseOperation(add);
    expect(drop).toMatchObject({ kind: "dropConstraint", name: "ex_rooms_during", type: "exclude" });
    expect(compile(drop)).toEqual(['ALTER TABLE "rooms" DROP CONSTRAINT "ex_rooms_during"']);
    expect(reverseOperation(drop)).toEqual(add);
  });
  test("renders as the op call", () => {
    const code = renderBody([add], { dialect: "postgresql" }).upgrades.replace(/\s+/g, " ");
    expect(code).toContain('await op.createExcludeConstraint("ex_rooms_during", "rooms", [["during", "&&"]], { using: "gist", where: "id > 0", });');
  });
});

describe.runIf(liveDialects().includes("postgresql"))("the offline script on postgresql", () => {
  test("psql runs it and stores what the online run stores, up and down", async () => {
    const { upgrade } = await expectOfflineTwin("postgresql", [
      {
        id: "io0001",
        upgrade: [
          '  await op.createTable("${P}_slots", [',
          '    op.column("id", op.type.integer(), { primaryKey: true }),',
          '    op.column("code", op.type.string(20)),',
          '    op.column("during", op.type.customType("tsrange")),',
          '    op.unique("uq_${P}_slots_code").on("code").nullsNotDistinct(),',
          '    op.index("ix_${P}_slots_code").on(op.expr(\'"code" text_pattern_ops\')).with({ fillfactor: 60 }),',
          "  ]);",
          '  await op.createExcludeConstraint("ex_${P}_slots_during", "${P}_slots", [["during", "&&"]], { where: "id > 0" });',
          '  await op.createIndex("ix_${P}_slots_id", "${P}_slots", ["id", "code"], { unique: true, nullsNotDistinct: true, with: { fillfactor: 90 } });',
          '  await op.bulkInsert("${P}_slots", [{ id: 1, code: "a" }]);',
        ].join("\n"),
        downgrade: [
          '  await op.dropIndex("ix_${P}_slots_id");',
          '  await op.dropConstraint("ex_${P}_slots_during", "${P}_slots", { type: "exclude" });',
          '  await op.dropTable("${P}_slots");',
        ].join("\n"),
      },
    ]);
    expect(upgrade).toMatch(/EXCLUDE USING gist \("during" WITH &&\) WHERE \(id > 0\)/);
    expect(upgrade).toMatch(/UNIQUE NULLS NOT DISTINCT/);
  });
});
