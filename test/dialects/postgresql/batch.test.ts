// PostgreSQL's batch support: no operation needs move and copy there. Batch
// move and copy itself, on every database, is test/dialects/conformance/batch.test.ts.
import { describe, expect, test } from "vitest";
import type { SchemaOperation } from "../../../src/dialects/contract/index.js";
import { postgresqlDialect } from "../../../src/dialects/postgresql/index.js";

describe("PostgreSQL batch support", () => {
  test("auto never recreates: every operation has an ALTER form", () => {
    const ops: SchemaOperation[] = [
      { kind: "dropColumn", table: "t", name: "a" },
      { kind: "alterColumn", table: "t", name: "a", changes: { type: { kind: "text" } }, existing: {} },
      { kind: "addConstraint", table: "t", constraint: { type: "check", name: "c", sql: "a > 0" } },
    ];
    expect(postgresqlDialect.batch.requiresRecreate(ops)).toBe(false);
  });
});
