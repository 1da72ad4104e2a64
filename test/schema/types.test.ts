import { describe, expect, test } from "vitest";
import { AthanorError } from "../../src/util/errors.js";
import { type as t, isColumnType, isIntegerType } from "../../src/schema/index.js";
import * as root from "../../src/schema/index.js";

describe("type builders", () => {
  test.each([
    ["smallint", t.smallint(), { kind: "smallint" }],
    ["integer", t.integer(), { kind: "integer" }],
    ["bigint", t.bigint(), { kind: "bigint" }],
    ["numeric()", t.numeric(), { kind: "numeric" }],
    ["numeric(10)", t.numeric(10), { kind: "numeric", precision: 10 }],
    ["numeric(10, 2)", t.numeric(10, 2), { kind: "numeric", precision: 10, scale: 2 }],
    ["numeric(5, 0)", t.numeric(5, 0), { kind: "numeric", precision: 5, scale: 0 }],
    ["float()", t.float(), { kind: "float" }],
    ["float(53)", t.float(53), { kind: "float", precision: 53 }],
    ["double", t.double(), { kind: "double" }],
    ["boolean", t.boolean(), { kind: "boolean" }],
    ["string()", t.string(), { kind: "string" }],
    ["string(255)", t.string(255), { kind: "string", length: 255 }],
    ["char()", t.char(), { kind: "char" }],
    ["char(2)", t.char(2), { kind: "char", length: 2 }],
    ["text", t.text(), { kind: "text" }],
    ["date", t.date(), { kind: "date" }],
    ["time()", t.time(), { kind: "time" }],
    ["time tz p3", t.time({ withTimezone: true, precision: 3 }), { kind: "time", withTimezone: true, precision: 3 }],
    ["timestamp()", t.timestamp(), { kind: "timestamp" }],
    ["timestamp tz", t.timestamp({ withTimezone: true }), { kind: "timestamp", withTimezone: true }],
    ["timestamp withTimezone false", t.timestamp({ withTimezone: false }), { kind: "timestamp" }],
    ["timestamp p0", t.timestamp({ precision: 0 }), { kind: "timestamp", precision: 0 }],
    ["interval", t.interval(), { kind: "interval" }],
    ["binary()", t.binary(), { kind: "binary" }],
    ["binary(16)", t.binary(16), { kind: "binary", length: 16 }],
    ["json", t.json(), { kind: "json" }],
    ["jsonb", t.jsonb(), { kind: "jsonb" }],
    ["uuid", t.uuid(), { kind: "uuid" }],
    ["enumType", t.enumType("mood", ["sad", "happy"]), { kind: "enum", name: "mood", values: ["sad", "happy"] }],
    ["enumType schema", t.enumType("mood", ["a"], { schema: "app" }), { kind: "enum", name: "mood", values: ["a"], schema: "app" }],
    ["array", t.array(t.text()), { kind: "array", of: { kind: "text" } }],
    ["array of array", t.array(t.array(t.integer())), { kind: "array", of: { kind: "array", of: { kind: "integer" } } }],
    ["customType", t.customType("tsvector"), { kind: "custom", sql: "tsvector" }],
  ])("%s", (_label, built, expected) => {
    expect(built).toStrictEqual(expected);
    expect(isColumnType(built)).toBe(true);
  });

  test("the namespace is exported as `type` and renames to t", () => {
    expect(root.type.integer()).toEqual({ kind: "integer" });
    expect(Object.keys(root.type).sort()).toEqual([
      "array", "bigint", "binary", "boolean", "char", "customType", "date", "double", "enumType", "float", "integer",
      "interval", "json", "jsonb", "numeric", "smallint", "string", "text", "time", "timestamp", "uuid",
    ]);
  });

  test("integer kinds", () => {
    expect([t.smallint(), t.integer(), t.bigint()].every(isIntegerType)).toBe(true);
    expect(isIntegerType(t.numeric(10))).toBe(false);
    expect(isColumnType({ kind: "nope" })).toBe(false);
    expect(isColumnType("integer")).toBe(false);
  });

  test("enum values are frozen copies", () => {
    const values = ["a", "b"];
    const e = t.enumType("e", values);
    values.push("c");
    expect(e.values).toEqual(["a", "b"]);
    expect(Object.isFrozen(e.values)).toBe(true);
  });
});

describe("type builder errors", () => {
  test.each([
    ["scale without precision", () => t.numeric(undefined, 2), /scale needs a precision/],
    ["scale above precision", () => t.numeric(3, 5), /scale is larger than the precision/],
    ["fractional precision", () => t.numeric(10.5), /precision must be an integer/],
    ["negative scale", () => t.numeric(10, -1), /scale must be an integer of at least 0/],
    ["zero length", () => t.string(0), /length must be an integer of at least 1/],
    ["negative char", () => t.char(-3), /length must be an integer/],
    ["binary NaN", () => t.binary(Number.NaN), /length must be an integer/],
    ["float zero", () => t.float(0), /precision must be an integer/],
    ["float above 53", () => t.float(54), /at most 53/],
    ["timestamp precision 7", () => t.timestamp({ precision: 7 }), /precision must be an integer from 0 to 6/],
    ["time precision -1", () => t.time({ precision: -1 }), /precision must be an integer from 0 to 6/],
    ["enum without name", () => t.enumType("", ["a"]), /needs a name/],
    ["enum without values", () => t.enumType("e", []), /at least one value/],
    ["enum duplicate value", () => t.enumType("e", ["a", "b", "a"]), /"a" is listed twice/],
    ["enum non-string value", () => t.enumType("e", [1 as unknown as string]), /values must be strings/],
    ["array of nothing", () => t.array(undefined as never), /pass the element type/],
    ["custom empty", () => t.customType("  "), /pass the SQL name/],
  ])("%s", (_label, build, message) => {
    expect(build).toThrow(AthanorError);
    expect(build).toThrow(message);
  });
});
