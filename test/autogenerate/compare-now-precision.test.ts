import { describe, expect, test } from "vitest";
import { defaultKey } from "../../src/autogenerate/compare/index.js";
import { getDialect } from "../../src/dialects/index.js";
import type { Column, ServerDefault } from "../../src/schema/model.js";

const my = getDialect("mysql");
const pg = getDialect("postgresql");
const ts = (precision?: number): Column => ({
  name: "at",
  type: precision === undefined ? { kind: "timestamp" } : { kind: "timestamp", precision },
  nullable: false,
});
const sql = (text: string): ServerDefault => ({ kind: "sql", sql: text });

describe("now() with the column's fractional seconds", () => {
  test("MariaDB's current_timestamp(3) on a timestamp(3) is the declared now()", () => {
    expect(defaultKey(sql("(now())"), ts(3), my)).toBe(defaultKey(sql("current_timestamp(3)"), ts(3), my));
    expect(defaultKey(sql("CURRENT_TIMESTAMP(3)"), ts(3), my)).toBe(defaultKey(sql("current_timestamp(3)"), ts(3), my));
    expect(defaultKey(sql("now(6)"), ts(6), pg)).toBe(defaultKey(sql("now()"), ts(6), pg));
    expect(defaultKey(sql("CURRENT_TIMESTAMP(0)"), ts(), my)).toBe(defaultKey(sql("CURRENT_TIMESTAMP"), ts(), my));
  });

  test("another precision stays different", () => {
    expect(defaultKey(sql("current_timestamp(3)"), ts(6), my)).not.toBe(defaultKey(sql("current_timestamp(6)"), ts(6), my));
    expect(defaultKey(sql("current_timestamp(3)"), ts(), my)).not.toBe(defaultKey(sql("current_timestamp"), ts(), my));
  });
});
