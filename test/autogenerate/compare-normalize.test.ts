import { describe, expect, test } from "vitest";
import { compareSchemas, defaultKey, expressionKey, typeKey } from "../../src/autogenerate/compare/index.js";
import { getDialect } from "../../src/dialects/index.js";
import type { Column, ColumnType, ServerDefault, Table } from "../../src/schema/model.js";

/** The spellings each database prints, against what a declaration says: equal keys, and real differences kept apart. */

const pg = getDialect("postgresql");
const my = getDialect("mysql");
const lite = getDialect("sqlite");
const custom = (sql: string): ColumnType => ({ kind: "custom", sql });
const col = (type: ColumnType): Column => ({ name: "c", type, nullable: true });
const sql = (text: string): ServerDefault => ({ kind: "sql", sql: text });
const lit = (value: string | number | boolean | null): ServerDefault => ({ kind: "literal", value });

describe("types", () => {
  test.each<[string, ColumnType, ColumnType]>([
    ["varchar is character varying", { kind: "string", length: 20 }, custom("character varying(20)")],
    ["int4 is integer", { kind: "integer" }, custom("int4")],
    ["serial is integer", { kind: "integer" }, custom("SERIAL")],
    ["timestamp is timestamp without time zone", { kind: "timestamp" }, custom("timestamp without time zone")],
    ["timestamptz", { kind: "timestamp", withTimezone: true }, custom("timestamptz")],
    ["numeric(10,0) is numeric(10)", { kind: "numeric", precision: 10 }, custom("numeric(10, 0)")],
    ["decimal is numeric", { kind: "numeric", precision: 10, scale: 2 }, custom("DECIMAL(10,2)")],
    ["float(53) is double precision", { kind: "double" }, custom("float(53)")],
    ["float8", { kind: "double" }, custom("float8")],
    ["bool", { kind: "boolean" }, custom("bool")],
    ["bpchar", { kind: "char", length: 3 }, custom("character(3)")],
  ])("PostgreSQL: %s", (_name, a, b) => {
    expect(typeKey(a, pg)).toBe(typeKey(b, pg));
  });

  test.each<[string, ColumnType, ColumnType]>([
    ["int(11) is int", { kind: "integer" }, custom("int(11)")],
    ["integer is int", { kind: "integer" }, custom("INTEGER")],
    ["bool is tinyint(1)", { kind: "boolean" }, custom("tinyint(1)")],
    ["boolean is tinyint(1)", { kind: "boolean" }, custom("BOOLEAN")],
    ["uuid is char(36)", { kind: "uuid" }, { kind: "char", length: 36 }],
    ["jsonb is json", { kind: "jsonb" }, { kind: "json" }],
    ["MariaDB's longtext is json", { kind: "json" }, custom("longtext")],
    ["decimal is decimal(10,0)", { kind: "numeric" }, { kind: "numeric", precision: 10, scale: 0 }],
    ["numeric(8) is decimal(8,0)", { kind: "numeric", precision: 8 }, custom("decimal(8,0)")],
    ["float(10) is float", { kind: "float", precision: 10 }, { kind: "float" }],
    ["timestamp is datetime", { kind: "timestamp" }, custom("DATETIME")],
  ])("MySQL: %s", (_name, a, b) => {
    expect(typeKey(a, my)).toBe(typeKey(b, my));
  });

  test.each<[string, ColumnType, ColumnType]>([
    ["INT is integer", { kind: "integer" }, custom("INT")],
    ["enum is text", { kind: "enum", name: "e", values: ["a"] }, { kind: "text" }],
    ["uuid is text", { kind: "uuid" }, { kind: "text" }],
    ["DATETIME is timestamp", { kind: "timestamp" }, custom("DATETIME")],
    ["NVARCHAR(9) is varchar(9)", { kind: "string", length: 9 }, custom("NVARCHAR(9)")],
  ])("SQLite: %s", (_name, a, b) => {
    expect(typeKey(a, lite)).toBe(typeKey(b, lite));
  });

  test("SQLite: declared type names compare as written, synonyms aside", () => {
    expect(typeKey({ kind: "integer" }, lite)).not.toBe(typeKey({ kind: "bigint" }, lite));
    expect(typeKey({ kind: "string", length: 50 }, lite)).not.toBe(typeKey({ kind: "string", length: 100 }, lite));
    expect(typeKey({ kind: "text" }, lite)).not.toBe(typeKey({ kind: "string", length: 10 }, lite));
  });

  test("the same default text on columns of other kinds and precisions keys by each column, in any order and asked again", () => {
    for (const dialect of [pg, my, lite]) {
      const cases: [Column, ServerDefault][] = [
        [col({ kind: "boolean" }), sql("'1'")],
        [col({ kind: "integer" }), sql("'1'")],
        [col({ kind: "text" }), sql("'1'")],
        [col({ kind: "timestamp", precision: 3 }), sql("CURRENT_TIMESTAMP(3)")],
        [col({ kind: "timestamp" }), sql("CURRENT_TIMESTAMP(3)")],
        [col({ kind: "text" }), sql("NULL")],
      ];
      const first = cases.map(([column, value]) => defaultKey(value, column, dialect));
      expect(first.slice(0, 3)).toEqual(["b:true", "n:1", "s:1"]);
      expect(first[3]).not.toBe(first[4]);
      expect(first[5]).toBeUndefined();
      const again = [...cases].reverse().map(([column, value]) => defaultKey(value, column, dialect)).reverse();
      expect(again).toEqual(first);
    }
  });

  test("real differences stay different", () => {
    expect(typeKey({ kind: "string", length: 20 }, pg)).not.toBe(typeKey({ kind: "string", length: 21 }, pg));
    expect(typeKey({ kind: "integer" }, pg)).not.toBe(typeKey({ kind: "bigint" }, pg));
    expect(typeKey({ kind: "timestamp" }, pg)).not.toBe(typeKey({ kind: "timestamp", withTimezone: true }, pg));
    expect(typeKey({ kind: "enum", name: "e", values: ["a"] }, my)).not.toBe(typeKey({ kind: "enum", name: "e", values: ["a", "b"] }, my));
    expect(typeKey({ kind: "enum", name: "e", values: ["a"] }, pg)).not.toBe(typeKey({ kind: "enum", name: "f", values: ["a"] }, pg));
    expect(typeKey({ kind: "numeric", precision: 10, scale: 2 }, my)).not.toBe(typeKey({ kind: "numeric", precision: 10 }, my));
  });
});

describe("server defaults", () => {
  test.each<[string, Column, ServerDefault, ServerDefault]>([
    ["'x'::text", col({ kind: "text" }), lit("x"), sql("'x'::text")],
    ["'x'::character varying", col({ kind: "string", length: 9 }), lit("x"), sql("'x'::character varying")],
    ["quotes doubled", col({ kind: "text" }), lit("it's"), sql("'it''s'::text")],
    ["now() is CURRENT_TIMESTAMP", col({ kind: "timestamp" }), sql("CURRENT_TIMESTAMP"), sql("now()")],
    ["'-1'::integer", col({ kind: "integer" }), lit(-1), sql("'-1'::integer")],
    ["0.00 is 0", col({ kind: "numeric", precision: 10, scale: 2 }), lit(0), sql("0.00")],
    ["true", col({ kind: "boolean" }), lit(true), sql("true")],
    ["'{}'::jsonb", col({ kind: "jsonb" }), sql("'{}'"), sql("'{}'::jsonb")],
    ["an enum value", col({ kind: "enum", name: "mood", values: ["a"] }), lit("a"), sql("'a'::mood")],
  ])("PostgreSQL: %s", (_name, column, declared, reflected) => {
    expect(defaultKey(declared, column, pg)).toBe(defaultKey(reflected, column, pg));
  });

  test.each<[string, Column, ServerDefault, ServerDefault]>([
    ["current_timestamp() is CURRENT_TIMESTAMP", col({ kind: "timestamp" }), sql("CURRENT_TIMESTAMP"), sql("current_timestamp()")],
    ["MariaDB's quoted literal", col({ kind: "string", length: 9 }), lit("x"), lit("x")],
    ["a quoted number on a numeric column", col({ kind: "numeric", precision: 10, scale: 2 }), lit(1.5), sql("'1.50'")],
    ["1 is true", col({ kind: "boolean" }), lit(true), sql("1")],
    ["'1' is true", col({ kind: "boolean" }), lit(true), lit("1")],
    ["b'0' is false", col({ kind: "boolean" }), lit(false), sql("b'0'")],
    ["an introduced literal", col({ kind: "text" }), sql("_utf8mb4\\'x\\'"), lit("x")],
  ])("MySQL: %s", (_name, column, declared, reflected) => {
    expect(defaultKey(declared, column, my)).toBe(defaultKey(reflected, column, my));
  });

  test.each<[string, Column, ServerDefault, ServerDefault]>([
    ["(1) is 1", col({ kind: "integer" }), lit(1), sql("(1)")],
    ["(CURRENT_TIMESTAMP)", col({ kind: "timestamp" }), sql("CURRENT_TIMESTAMP"), sql("(CURRENT_TIMESTAMP)")],
    ["TRUE is 1", col({ kind: "boolean" }), sql("TRUE"), lit(1)],
    ["NULL is none", col({ kind: "text" }), lit(null), sql("NULL")],
  ])("SQLite: %s", (_name, column, declared, reflected) => {
    expect(defaultKey(declared, column, lite)).toBe(defaultKey(reflected, column, lite));
  });

  test("real differences stay different", () => {
    expect(defaultKey(lit("x"), col({ kind: "text" }), pg)).not.toBe(defaultKey(sql("'y'::text"), col({ kind: "text" }), pg));
    expect(defaultKey(lit(1), col({ kind: "integer" }), pg)).not.toBe(defaultKey(lit(2), col({ kind: "integer" }), pg));
    expect(defaultKey(lit(true), col({ kind: "boolean" }), my)).not.toBe(defaultKey(sql("0"), col({ kind: "boolean" }), my));
    expect(defaultKey(lit("5"), col({ kind: "text" }), pg)).toBe(defaultKey(sql("'5'::text"), col({ kind: "text" }), pg));
    expect(defaultKey(undefined, col({ kind: "text" }), pg)).toBeUndefined();
  });
});

describe("conditions and index expressions", () => {
  test.each<[string, string, string]>([
    ["PostgreSQL's IN list", "status IN ('a', 'b')", "((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))"],
    ["casts on numbers", "score >= 0", "score >= (0)::numeric"],
    ["parentheses and quotes", '"price" >= 0 AND price < 10', "((price >= 0) AND (price < 10))"],
    ["an expression index", "lower(email)", "lower((email)::text)"],
    ["LIKE", "name LIKE 'a%'", "((name)::text ~~ 'a%'::text)"],
    ["NOT ILIKE", "name NOT ILIKE 'a%'", "((name)::text !~~* 'a%'::text)"],
    ["!= is <>", "qty != 0", "(qty <> 0)"],
    ["NOT IN", "kind NOT IN ('x', 'y')", "((kind)::text <> ALL ((ARRAY['x'::character varying, 'y'::character varying])::text[]))"],
    ["char_length", "char_length(name) > 0", "(char_length((name)::text) > 0)"],
  ])("PostgreSQL: %s", (_name, declared, reflected) => {
    expect(expressionKey(declared, pg)).toBe(expressionKey(reflected, pg));
  });

  test("MySQL: escaped quotes and backticks", () => {
    expect(expressionKey("status <> 'zz'", my)).toBe(expressionKey("(`status` <> _utf8mb4\\'zz\\')", my));
  });

  test("literal text keeps its case", () => {
    expect(expressionKey("name <> 'A'", pg)).not.toBe(expressionKey("name <> 'a'", pg));
  });
});

describe("identity", () => {
  const t = (column: Column): Table => ({ name: "t", columns: [column], foreignKeys: [], uniques: [], checks: [], indexes: [] });
  const id = (identity?: Column["identity"]): Column => ({ name: "id", type: { kind: "integer" }, nullable: false, ...(identity ? { identity } : {}) });
  test("a time of day default is compared as the database keeps it ('8:00' is '08:00:00')", () => {
    const at = (value: string): Table => t({ name: "opens_at", type: { kind: "time" }, nullable: true, serverDefault: { kind: "literal", value } });
    const kept = (text: string): Table => t({ name: "opens_at", type: { kind: "time" }, nullable: true, serverDefault: sql(`'${text}'::time without time zone`) });
    expect(compareSchemas({ tables: [at("8:00")], enums: [] }, { tables: [kept("08:00:00")], enums: [] }, { dialect: pg })).toEqual([]);
    expect(compareSchemas({ tables: [at("08:00:00.500")], enums: [] }, { tables: [kept("08:00:00.5")], enums: [] }, { dialect: pg })).toEqual([]);
    expect(compareSchemas({ tables: [at("08:30")], enums: [] }, { tables: [kept("08:00:00")], enums: [] }, { dialect: pg })).toHaveLength(1);
  });

  test("PostgreSQL: a changed identity is a column change; start 1 is the default", () => {
    const warnings: string[] = [];
    const onWarning = (w: { code: string }): void => void warnings.push(w.code);
    expect(compareSchemas({ tables: [t(id({ always: true, start: 1 }))], enums: [] }, { tables: [t(id({ always: true }))], enums: [] }, { dialect: pg, onWarning })).toEqual([]);
    expect(warnings).toEqual([]);
    const diffs = compareSchemas({ tables: [t(id({ always: true }))], enums: [] }, { tables: [t(id({ always: false }))], enums: [] }, { dialect: pg, onWarning });
    expect(diffs).toHaveLength(1);
    expect(diffs[0]).toMatchObject({ kind: "modifyColumn", changes: { identity: { always: true } } });
    expect(warnings).toEqual([]);
  });
  test("MySQL: identity is AUTO_INCREMENT", () => {
    const warnings: string[] = [];
    const declared = t(id({ always: true }));
    const reflected = t({ ...id(), autoincrement: true });
    expect(compareSchemas({ tables: [declared], enums: [] }, { tables: [reflected], enums: [] }, { dialect: my, onWarning: (w) => warnings.push(w.code) })).toEqual([]);
    expect(warnings).toEqual([]);
  });
});

describe("a serial's sequence", () => {
  const table = (column: Column): Table => ({ name: "t", columns: [column], foreignKeys: [], uniques: [], checks: [], indexes: [] });
  test("nextval() of a sequence feeding an autoincrement column is no default", () => {
    const declared = table({ name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true });
    const reflected = table({ name: "id", type: { kind: "integer" }, nullable: false, serverDefault: sql("nextval('t_id_seq'::regclass)") });
    expect(compareSchemas({ tables: [declared], enums: [] }, { tables: [reflected], enums: [] }, { dialect: pg })).toEqual([]);
  });
  test("but it is a difference for a column that does not autoincrement", () => {
    const declared = table({ name: "id", type: { kind: "integer" }, nullable: false });
    const reflected = table({ name: "id", type: { kind: "integer" }, nullable: false, serverDefault: sql("nextval('t_id_seq'::regclass)") });
    expect(compareSchemas({ tables: [declared], enums: [] }, { tables: [reflected], enums: [] }, { dialect: pg }).map((d) => d.kind)).toEqual(["modifyColumn"]);
  });
});
