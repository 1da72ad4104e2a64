import { describe, expect, test } from "vitest";
import { sameFields } from "../../src/util/same-fields.js";

describe("sameFields", () => {
  test("plain objects are the same field by field, in any order, a field holding undefined being none", () => {
    expect(sameFields({ kind: "string", length: 20 }, { length: 20, kind: "string" })).toBe(true);
    expect(sameFields({ kind: "text", collation: undefined }, { kind: "text" })).toBe(true);
    expect(sameFields({ kind: "text" }, { kind: "text", collation: undefined })).toBe(true);
    expect(sameFields({ name: "id", type: { kind: "integer" }, nullable: false }, { name: "id", type: { kind: "integer" }, nullable: false })).toBe(true);
  });

  test("a field missing, added or holding another value differs, however deep", () => {
    expect(sameFields({ kind: "string", length: 20 }, { kind: "string", length: 21 })).toBe(false);
    expect(sameFields({ kind: "string", length: 20 }, { kind: "string" })).toBe(false);
    expect(sameFields({ kind: "string" }, { kind: "string", length: 20 })).toBe(false);
    expect(sameFields({ kind: "text", collation: null }, { kind: "text" })).toBe(false);
    expect(sameFields({ d: { kind: "literal", value: true } }, { d: { kind: "literal", value: "1" } })).toBe(false);
    expect(sameFields({ d: { kind: "literal", value: 0 } }, { d: { kind: "literal", value: false } })).toBe(false);
    expect(sameFields({ d: { kind: "literal", value: "" } }, { d: { kind: "literal", value: null } })).toBe(false);
  });

  test("arrays are the same item by item, in order; an array is never an object", () => {
    expect(sameFields(["a", "b'c"], ["a", "b'c"])).toBe(true);
    expect(sameFields(["a", "b"], ["b", "a"])).toBe(false);
    expect(sameFields(["a"], ["a", undefined])).toBe(false);
    expect(sameFields({ columns: ["x", { expression: "`y`(5)" }] }, { columns: ["x", { expression: "`y`(5)" }] })).toBe(true);
    expect(sameFields({ columns: ["x", { expression: "`y`(5)" }] }, { columns: ["x", { expression: "`y`(6)" }] })).toBe(false);
    expect(sameFields({ 0: "a", length: 1 }, ["a"])).toBe(false);
    expect(sameFields(["a"], { 0: "a", length: 1 })).toBe(false);
  });

  test("primitives by ===; objects of a class other than Object are the same only when they are one", () => {
    expect(sameFields(1, 1)).toBe(true);
    expect(sameFields(1, "1")).toBe(false);
    expect(sameFields(null, undefined)).toBe(false);
    expect(sameFields(Number.NaN, Number.NaN)).toBe(false);
    const date = new Date(0);
    expect(sameFields(date, date)).toBe(true);
    expect(sameFields(new Date(0), new Date(0))).toBe(false);
    expect(sameFields(new Map(), new Map())).toBe(false);
    expect(sameFields({ at: new Date(0) }, { at: new Date(0) })).toBe(false);
  });
});
