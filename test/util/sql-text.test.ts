import { describe, expect, test } from "vitest";
import {
  ANY_QUOTING,
  mapOutsideQuotes,
  matchingParenthesis,
  MYSQL_QUOTING,
  POSTGRESQL_QUOTING,
  quotedEnd,
  sqlParts,
  SQLITE_QUOTING,
  STRING_LITERALS,
  stripOuterParentheses,
} from "../../src/util/sql-text.js";

describe("quotedEnd", () => {
  test("a string literal ends after its closing quote; a doubled quote stays inside", () => {
    expect(quotedEnd("'abc' x", 0, STRING_LITERALS)).toBe(5);
    expect(quotedEnd("'it''s' x", 0, STRING_LITERALS)).toBe(7);
    expect(quotedEnd("'''' x", 0, STRING_LITERALS)).toBe(4);
  });

  test("nothing quoted starts at a plain character", () => {
    expect(quotedEnd("abc 'x'", 0, STRING_LITERALS)).toBe(0);
    expect(quotedEnd("", 0, STRING_LITERALS)).toBe(0);
  });

  test("a literal left open runs to the end of the text", () => {
    expect(quotedEnd("'abc", 0, STRING_LITERALS)).toBe(4);
    expect(quotedEnd("'ab''", 0, STRING_LITERALS)).toBe(5);
  });

  test("identifier quotes count only where the quoting has them", () => {
    expect(quotedEnd('"a""b" x', 0, POSTGRESQL_QUOTING)).toBe(6);
    expect(quotedEnd('"a" x', 0, STRING_LITERALS)).toBe(0);
    expect(quotedEnd("`a``b` x", 0, ANY_QUOTING)).toBe(6);
    expect(quotedEnd("`a` x", 0, POSTGRESQL_QUOTING)).toBe(0);
  });

  test("a backslash escapes a quote in MySQL strings, and is plain text elsewhere", () => {
    expect(quotedEnd("'a\\'b' x", 0, MYSQL_QUOTING)).toBe(6);
    expect(quotedEnd("'a\\\\' x", 0, MYSQL_QUOTING)).toBe(5);
    expect(quotedEnd('"a\\"b" x', 0, MYSQL_QUOTING)).toBe(6);
    // In backquoted names a backslash is an ordinary character.
    expect(quotedEnd("`a\\` x", 0, MYSQL_QUOTING)).toBe(4);
    // Without backslash escapes the literal closes at the quote after the backslash.
    expect(quotedEnd("'a\\'b'", 0, ANY_QUOTING)).toBe(4);
  });

  test("SQLite's bracketed names and comments are skipped whole", () => {
    expect(quotedEnd("[a)b] x", 0, SQLITE_QUOTING)).toBe(5);
    expect(quotedEnd("[a)b] x", 0, ANY_QUOTING)).toBe(0);
    expect(quotedEnd("-- note )\nx", 0, SQLITE_QUOTING)).toBe(10);
    expect(quotedEnd("/* ) */ x", 0, SQLITE_QUOTING)).toBe(7);
    expect(quotedEnd("/* open", 0, SQLITE_QUOTING)).toBe(7);
    expect(quotedEnd("-- x", 0, ANY_QUOTING)).toBe(0);
  });
});

describe("sqlParts and mapOutsideQuotes", () => {
  test("parts alternate between plain text and quoted parts and join back to the text", () => {
    const sql = "a = 'x''y' AND \"B\" = 'z'";
    const parts = sqlParts(sql, STRING_LITERALS);
    expect(parts.map((p) => [p.text, p.quoted])).toEqual([
      ["a = ", false],
      ["'x''y'", true],
      [' AND "B" = ', false],
      ["'z'", true],
    ]);
    expect(parts.map((p) => p.text).join("")).toBe(sql);
    expect(parts.map((p) => sql.slice(p.start, p.end))).toEqual(parts.map((p) => p.text));
  });

  test("only text outside quotes is changed", () => {
    const lower = (s: string): string => s.toLowerCase();
    expect(mapOutsideQuotes("UPPER(Name) = 'ABC'", STRING_LITERALS, lower)).toBe("upper(name) = 'ABC'");
    expect(mapOutsideQuotes(`"Name" = 'It''S'`, STRING_LITERALS, lower)).toBe(`"name" = 'It''S'`);
    expect(mapOutsideQuotes(`"Name" = 'It''S'`, POSTGRESQL_QUOTING, lower)).toBe(`"Name" = 'It''S'`);
    expect(mapOutsideQuotes("X   =  'a  b'", STRING_LITERALS, (s) => s.replace(/\s+/g, " "))).toBe("X = 'a  b'");
    expect(mapOutsideQuotes("A = 'open", STRING_LITERALS, lower)).toBe("a = 'open");
  });
});

describe("matchingParenthesis", () => {
  test("nested parentheses close in order", () => {
    expect(matchingParenthesis("(a(b)c)d", 0, STRING_LITERALS)).toBe(6);
    expect(matchingParenthesis("(a(b)c)d", 2, STRING_LITERALS)).toBe(4);
  });

  test("parentheses inside quotes do not count", () => {
    expect(matchingParenthesis("(a = ')(') x", 0, STRING_LITERALS)).toBe(9);
    expect(matchingParenthesis('("a)" = 1)', 0, POSTGRESQL_QUOTING)).toBe(9);
    expect(matchingParenthesis("('it''s)')", 0, STRING_LITERALS)).toBe(9);
    expect(matchingParenthesis("('a\\')' )", 0, MYSQL_QUOTING)).toBe(8);
    expect(matchingParenthesis("(a -- )\n)", 0, SQLITE_QUOTING)).toBe(8);
  });

  test("-1 when the parenthesis is never closed or is not one", () => {
    expect(matchingParenthesis("((a)", 0, STRING_LITERALS)).toBe(-1);
    expect(matchingParenthesis("a(b)", 0, STRING_LITERALS)).toBe(-1);
  });
});

describe("stripOuterParentheses", () => {
  test("every pair enclosing the whole text goes, blanks trimmed", () => {
    expect(stripOuterParentheses(" (( a > 0 )) ", ANY_QUOTING)).toBe("a > 0");
    expect(stripOuterParentheses("a > 0", ANY_QUOTING)).toBe("a > 0");
  });

  test("pairs that do not enclose everything stay", () => {
    expect(stripOuterParentheses("(a > 0) AND (b > 0)", ANY_QUOTING)).toBe("(a > 0) AND (b > 0)");
    expect(stripOuterParentheses("lower(x)", ANY_QUOTING)).toBe("lower(x)");
    expect(stripOuterParentheses("((a) + (b))", ANY_QUOTING)).toBe("(a) + (b)");
  });

  test("quoted parentheses are text", () => {
    expect(stripOuterParentheses("(a = ')(')", ANY_QUOTING)).toBe("a = ')('");
    expect(stripOuterParentheses("('(' || x || ')')", ANY_QUOTING)).toBe("'(' || x || ')'");
    expect(stripOuterParentheses("(`a)` + 1)", ANY_QUOTING)).toBe("`a)` + 1");
    expect(stripOuterParentheses("([a)] + 1)", SQLITE_QUOTING)).toBe("[a)] + 1");
  });

  test("a limit removes at most that many pairs", () => {
    expect(stripOuterParentheses("((a))", SQLITE_QUOTING, 1)).toBe("(a)");
    expect(stripOuterParentheses("((a))", SQLITE_QUOTING, 0)).toBe("((a))");
  });

  test("unbalanced text is left as it is", () => {
    expect(stripOuterParentheses("((a)", ANY_QUOTING)).toBe("((a)");
    expect(stripOuterParentheses("(a = ')", ANY_QUOTING)).toBe("(a = ')");
  });
});
