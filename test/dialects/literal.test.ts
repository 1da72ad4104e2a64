import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect, createMysqlDialect, getDialect } from "../../src/dialects/index.js";
import type { Connection, Dialect } from "../../src/dialects/contract/index.js";
import { AthanorError } from "../../src/util/errors.js";
import { liveDialects } from "../support/servers.js";
import { liveUrl, uniqueName } from "./helpers.js";

const HOSTILE_STRINGS = [
  "plain",
  "",
  "it's",
  "''",
  "'",
  "\\",
  "back\\slash",
  "\\'",
  "'\\",
  "\\\\'';--",
  "C:\\temp\\new",
  "\\n is not a newline",
  "new\nline",
  "crlf\r\nend",
  "tab\there",
  "ctrl-z \u001a",
  "bell \u0007",
  "unicode é ü 名前 Ω",
  "emoji 🚀 𝄞",
  '"double"',
  "`backtick`",
  "$$dollar$$ $1 ?",
  "%_ wildcards",
  "-- comment",
  "/* block */",
  "E'\\x41'",
  "x".repeat(2000),
];

describe("pure literals", () => {
  test("strings per database", () => {
    expect(getDialect("postgresql").literal("it's \\")).toBe("'it''s \\'");
    expect(getDialect("sqlite").literal("it's \\")).toBe("'it''s \\'");
    // MySQL row values: the same text in every sql_mode and client character set.
    expect(getDialect("mysql").literal("it's \\")).toBe("_utf8mb4 X'69742773205c'");
    expect(createMysqlDialect({ noBackslashEscapes: true }).literal("it's \\")).toBe("_utf8mb4 X'69742773205c'");
    expect(getDialect("mysql").literal("a\u0000b")).toBe("_utf8mb4 X'610062'");
    expect(getDialect("mysql").literal("it's")).toBe("'it''s'");
    expect(getDialect("mysql").literal("é 🚀")).toBe("_utf8mb4'é 🚀'");
    // MySQL DDL text (comments, defaults, enum labels) follows the mode.
    const ddlLiteral = (dialect: object, value: unknown): string => (dialect as { ddlLiteral(v: unknown): string }).ddlLiteral(value);
    expect(ddlLiteral(getDialect("mysql"), "it's \\\r\n\u0000")).toBe("'it''s \\\\\\r\n\\0'");
    expect(ddlLiteral(createMysqlDialect({ noBackslashEscapes: true }), "it's \\\r\n")).toBe("'it''s \\\r\n'");
    // SQLite: text holding NUL or CR goes as hex, which the sqlite3 shell cannot alter.
    expect(getDialect("sqlite").literal("a\r\nb")).toBe("CAST(X'610d0a62' AS TEXT)");
  });

  test("NULL, numbers, booleans, bigint", () => {
    for (const name of ["postgresql", "mysql", "sqlite"]) {
      const dialect = getDialect(name);
      expect(dialect.literal(null)).toBe("NULL");
      expect(dialect.literal(undefined)).toBe("NULL");
      expect(dialect.literal(42)).toBe("42");
      expect(dialect.literal(-1.5)).toBe("-1.5");
      expect(dialect.literal(12345678901234567890n)).toBe("12345678901234567890");
    }
    expect(getDialect("postgresql").literal(true)).toBe("TRUE");
    expect(getDialect("mysql").literal(false)).toBe("FALSE");
    expect(getDialect("sqlite").literal(true)).toBe("1");
    expect(getDialect("postgresql").literal(Number.NaN)).toBe("'NaN'::float8");
    expect(() => getDialect("mysql").literal(Number.POSITIVE_INFINITY)).toThrow(AthanorError);
  });

  test("dates and buffers", () => {
    const date = new Date(Date.UTC(2026, 10, 21, 9, 5, 3, 7));
    expect(getDialect("postgresql").literal(date)).toBe("'2026-11-21 09:05:03.007+00'");
    expect(getDialect("mysql").literal(date)).toBe("'2026-11-21 09:05:03.007'");
    expect(getDialect("sqlite").literal(date)).toBe("'2026-11-21 09:05:03.007'");
    const bytes = Buffer.from([0, 1, 0xab, 0xff]);
    expect(getDialect("postgresql").literal(bytes)).toBe("'\\x0001abff'::bytea");
    expect(getDialect("mysql").literal(bytes)).toBe("X'0001abff'");
    expect(getDialect("sqlite").literal(new Uint8Array([1, 2]))).toBe("X'0102'");
  });

  test("values without a literal form are refused", () => {
    expect(() => getDialect("postgresql").literal({ a: 1 })).toThrow(/Cannot render a value of type object/);
    expect(() => getDialect("sqlite").literal([1])).toThrow(/Cannot render an array/);
    expect(() => getDialect("postgresql").literal("a\u0000b")).toThrow(/NUL/);
    expect(() => getDialect("postgresql").literal(new Date(Number.NaN))).toThrow(/invalid Date/);
  });
});

const TEXT_COLUMN: Record<string, string> = {
  postgresql: "TEXT",
  sqlite: "TEXT",
  mysql: "LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
};

describe.each(liveDialects())("literal round-trip on %s", (dialectName) => {
  let connection: Connection;
  let dialect: Dialect;
  let table: string;

  beforeAll(async () => {
    connection = await connect(liveUrl(dialectName));
    dialect = connection.dialect;
    table = uniqueName("literals");
    await connection.execute(`CREATE TABLE ${dialect.quoteIdentifier(table)} (id INTEGER PRIMARY KEY, v ${TEXT_COLUMN[dialectName]})`);
  });

  afterAll(async () => {
    await connection.execute(`DROP TABLE ${dialect.quoteIdentifier(table)}`);
    await connection.close();
  });

  async function roundTrip(values: readonly string[], render: (value: string) => string): Promise<unknown[]> {
    await connection.execute(`DELETE FROM ${dialect.quoteIdentifier(table)}`);
    for (const [index, value] of values.entries()) {
      await connection.execute(`INSERT INTO ${dialect.quoteIdentifier(table)} (id, v) VALUES (${index}, ${render(value)})`);
    }
    const { rows } = await connection.execute(`SELECT v FROM ${dialect.quoteIdentifier(table)} ORDER BY id`);
    return rows.map((row) => row.v);
  }

  test("hostile strings read back equal", async () => {
    expect(await roundTrip(HOSTILE_STRINGS, (value) => dialect.literal(value))).toEqual(HOSTILE_STRINGS);
  });

  test("random strings over a hostile alphabet read back equal", async () => {
    // A fixed seed keeps the run repeatable; the alphabet holds everything quoting cares about.
    const alphabet = ["'", "\\", '"', "`", "\n", "\r", "\t", "\u001a", "%", "_", "?", "$", ";", "-", "/", "*", " ", "a", "Z", "0", "é", "名", "🚀", "\u2028", "\u00a0"];
    let seed = 20261121;
    const next = (limit: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % limit;
    };
    const values = Array.from({ length: 200 }, () =>
      Array.from({ length: next(24) }, () => alphabet[next(alphabet.length)]!).join(""),
    );
    expect(await roundTrip(values, (value) => dialect.literal(value))).toEqual(values);
  });

  test("NULL reads back as null", async () => {
    await connection.execute(`DELETE FROM ${dialect.quoteIdentifier(table)}`);
    await connection.execute(`INSERT INTO ${dialect.quoteIdentifier(table)} (id, v) VALUES (1, ${dialect.literal(null)})`);
    const { rows } = await connection.execute(`SELECT v FROM ${dialect.quoteIdentifier(table)}`);
    expect(rows).toEqual([{ v: null }]);
  });

  test.skipIf(dialectName === "postgresql")("a NUL character reads back", async () => {
    // Compared as hex: some drivers cut text at a NUL when they read it back.
    const values = ["a\u0000b", "\u0000", "\u0000'\\"];
    await roundTrip(values, (value) => dialect.literal(value));
    const { rows } = await connection.execute(`SELECT HEX(v) AS h FROM ${dialect.quoteIdentifier(table)} ORDER BY id`);
    expect(rows.map((row) => String(row.h).toLowerCase())).toEqual(values.map((v) => Buffer.from(v, "utf8").toString("hex")));
  });

  test.runIf(dialectName === "mysql")("strings round-trip under NO_BACKSLASH_ESCAPES", async () => {
    const strict = createMysqlDialect({ noBackslashEscapes: true });
    await connection.execute("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_BACKSLASH_ESCAPES')");
    try {
      const values = HOSTILE_STRINGS.filter((value) => !value.includes("\u001a"));
      expect(await roundTrip(values, (value) => strict.literal(value))).toEqual(values);
    } finally {
      await connection.execute("SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', '')");
    }
  });

  test.runIf(dialectName === "mysql")("a connection follows the server's NO_BACKSLASH_ESCAPES", async () => {
    const url = new URL(liveUrl("mysql"));
    url.searchParams.set("sql_mode", "NO_BACKSLASH_ESCAPES,STRICT_TRANS_TABLES");
    const strict = await connect(url.toString());
    try {
      expect((strict.dialect as unknown as { ddlLiteral(v: unknown): string }).ddlLiteral("a\\b")).toBe("'a\\b'");
      const { rows } = await strict.execute(`SELECT ${strict.dialect.literal("C:\\new\\'x'")} AS v, @@SESSION.sql_mode AS mode`);
      expect(rows[0]!.v).toBe("C:\\new\\'x'");
      expect(String(rows[0]!.mode)).toContain("NO_BACKSLASH_ESCAPES");
      // Bound values are not escaped on the client, so the mode cannot corrupt them.
      const bound = await strict.execute("SELECT ? AS v, ? AS w", ["a\\b'c", undefined]);
      expect(bound.rows).toEqual([{ v: "a\\b'c", w: null }]);
    } finally {
      await strict.close();
    }
    expect((connection.dialect as unknown as { ddlLiteral(v: unknown): string }).ddlLiteral("a\\b")).toBe("'a\\\\b'");
  });

  test("numbers, booleans, dates and bytes", async () => {
    const typed = uniqueName("typed");
    const blob = dialectName === "postgresql" ? "BYTEA" : dialectName === "mysql" ? "LONGBLOB" : "BLOB";
    const timestamp = dialectName === "postgresql" ? "TIMESTAMPTZ(3)" : dialectName === "mysql" ? "DATETIME(3)" : "TEXT";
    const boolean = dialectName === "mysql" ? "TINYINT(1)" : "BOOLEAN";
    const q = (name: string): string => dialect.quoteIdentifier(name);
    await connection.execute(
      `CREATE TABLE ${q(typed)} (i BIGINT, f DOUBLE PRECISION, b ${boolean}, t ${timestamp}, d ${blob})`,
    );
    try {
      const date = new Date(Date.UTC(2026, 10, 21, 9, 5, 3, 7));
      const bytes = Buffer.from([0, 1, 0x27, 0x5c, 0xff]);
      const row = [9007199254740993n, -1.25, true, date, bytes];
      await connection.execute(`INSERT INTO ${q(typed)} (i, f, b, t, d) VALUES (${row.map((v) => dialect.literal(v)).join(", ")})`);
      await connection.execute(`INSERT INTO ${q(typed)} (i, f, b, t, d) VALUES (-7, 0, ${dialect.literal(false)}, NULL, ${dialect.literal(Buffer.alloc(0))})`);
      const asText = dialectName === "mysql" ? "CHAR" : "TEXT";
      const { rows } = await connection.execute(`SELECT CAST(i AS ${asText}) AS i, f, b, t, d FROM ${q(typed)} ORDER BY 1 DESC`);
      expect(String(rows[0]!.i)).toBe("9007199254740993");
      expect(Number(rows[0]!.f)).toBe(-1.25);
      expect(Boolean(rows[0]!.b)).toBe(true);
      const t = rows[0]!.t;
      expect(t instanceof Date ? t.toISOString() : String(t)).toBe(
        dialectName === "sqlite" ? "2026-11-21 09:05:03.007" : "2026-11-21T09:05:03.007Z",
      );
      expect(Buffer.from(rows[0]!.d as Uint8Array).equals(bytes)).toBe(true);
      expect(Number(rows[1]!.i)).toBe(-7);
      expect(Boolean(rows[1]!.b)).toBe(false);
      expect(Buffer.from(rows[1]!.d as Uint8Array).length).toBe(0);
    } finally {
      await connection.execute(`DROP TABLE ${q(typed)}`);
    }
  });
});
