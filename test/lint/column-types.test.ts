// Which type changes lint calls narrowing, and which PostgreSQL and MySQL change without copying rows.
import { describe, expect, it } from "vitest";
import { mysqlInPlaceType, narrows, postgresqlKeepsRows } from "../../src/lint/rules/column-types.js";
import type { ColumnType } from "../../src/schema/model.js";

const varchar = (length?: number): ColumnType => (length === undefined ? { kind: "string" } : { kind: "string", length });
const numeric = (precision: number, scale?: number): ColumnType => (scale === undefined ? { kind: "numeric", precision } : { kind: "numeric", precision, scale });
const mood = (...values: string[]): ColumnType => ({ kind: "enum", name: "mood", values });

describe("type changes", () => {
  it("narrowing: fewer characters, digits, bits or values, or an unrelated type", () => {
    const narrowing: [ColumnType, ColumnType][] = [
      [varchar(100), varchar(50)],
      [{ kind: "bigint" }, { kind: "integer" }],
      [{ kind: "integer" }, { kind: "smallint" }],
      [{ kind: "text" }, varchar(255)],
      [numeric(10, 2), numeric(8, 2)],
      [numeric(10, 2), numeric(10, 0)],
      [{ kind: "double" }, { kind: "float" }],
      [mood("happy", "sad"), mood("happy")],
      [{ kind: "text" }, { kind: "integer" }],
      [{ kind: "timestamp", precision: 6 }, { kind: "timestamp", precision: 0 }],
    ];
    for (const [from, to] of narrowing) expect([from, to, narrows(from, to)]).toEqual([from, to, true]);
    const widening: [ColumnType, ColumnType][] = [
      [varchar(50), varchar(100)],
      [varchar(50), { kind: "text" }],
      [{ kind: "integer" }, { kind: "bigint" }],
      [{ kind: "integer" }, { kind: "text" }],
      [numeric(8, 2), numeric(10, 2)],
      [{ kind: "float" }, { kind: "double" }],
      [mood("happy"), mood("happy", "sad")],
      [{ kind: "json" }, { kind: "jsonb" }],
    ];
    for (const [from, to] of widening) expect([from, to, narrows(from, to)]).toEqual([from, to, false]);
  });

  it("PostgreSQL keeps the rows for a longer varchar, varchar to text and more precision at the same scale", () => {
    expect(postgresqlKeepsRows(varchar(50), varchar(100))).toBe(true);
    expect(postgresqlKeepsRows(varchar(50), { kind: "text" })).toBe(true);
    expect(postgresqlKeepsRows(numeric(8, 2), numeric(10, 2))).toBe(true);
    expect(postgresqlKeepsRows({ kind: "integer" }, { kind: "bigint" })).toBe(false);
    expect(postgresqlKeepsRows(varchar(100), varchar(50))).toBe(false);
    expect(postgresqlKeepsRows(undefined, varchar(50))).toBe(false);
  });

  it("MySQL changes in place a longer VARCHAR on the same side of 256 bytes, and ENUM values added at the end", () => {
    expect(mysqlInPlaceType(varchar(20), varchar(60))).toBe(true);
    expect(mysqlInPlaceType(varchar(20), varchar(100))).toBe(false);
    expect(mysqlInPlaceType(varchar(100), varchar(200))).toBe(true);
    expect(mysqlInPlaceType(mood("a", "b"), mood("a", "b", "c"))).toBe(true);
    expect(mysqlInPlaceType(mood("a", "b"), mood("c", "a", "b"))).toBe(false);
    expect(mysqlInPlaceType({ kind: "integer" }, { kind: "bigint" })).toBe(false);
  });
});
