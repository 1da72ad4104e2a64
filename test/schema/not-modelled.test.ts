import { describe, expect, test } from "vitest";
import { describeNotModelled } from "../../src/schema/not-modelled.js";

describe("describeNotModelled", () => {
  test("kind, name and table, schema-qualified outside the default schema", () => {
    expect(describeNotModelled({ kind: "trigger", name: "audit", table: "users" })).toBe('trigger "audit" on table "users"');
    expect(describeNotModelled({ kind: "trigger", name: "audit", table: "users", schema: "billing" })).toBe('trigger "audit" on table "billing.users"');
    expect(describeNotModelled({ kind: "function", name: "audit_fn()", schema: "billing" })).toBe('function "billing.audit_fn()"');
    expect(describeNotModelled({ kind: "grants", table: "users" })).toBe('grants on table "users"');
    expect(describeNotModelled({ kind: "partition", name: "events_2024", table: "events" })).toBe('partition "events_2024" of table "events"');
    expect(describeNotModelled({ kind: "inheritance", name: "other.base", table: "child" })).toBe('inheritance of table "child" from "other.base"');
    expect(describeNotModelled({ kind: "table option", name: "STRICT", table: "notes" })).toBe('table option "STRICT" on table "notes"');
  });
});
