/**
 * Reading SQL text as text: where quoted strings, quoted identifiers and
 * comments start and end, which parenthesis closes which, and changes made only
 * outside quotes. Catalogs hand back conditions, defaults and expressions as
 * SQL; comparing and reflecting them must not be fooled by a `)` or an upper
 * case letter inside a string literal.
 */

/**
 * How a piece of SQL quotes. Each character of `quotes` opens a quoted part
 * that the same character closes; the character written twice inside stands for
 * itself (`'it''s'`, `"a""b"`).
 */
export interface SqlQuoting {
  /** The characters that open a quoted string or identifier. */
  readonly quotes: string;
  /** A backslash takes the next character literally inside `'…'` and `"…"` (MySQL's default `sql_mode`; not in backquoted names). */
  readonly backslashEscapes?: boolean;
  /** `[name]` is a quoted identifier (SQLite, as SQL Server writes it). */
  readonly brackets?: boolean;
  /** `-- …` to the end of the line and `/* … *\/` are comments, skipped like quoted parts. */
  readonly comments?: boolean;
}

/** String literals only: identifiers and everything else are plain text. */
export const STRING_LITERALS: SqlQuoting = { quotes: "'" };

/** `'string'` and `"identifier"`, as PostgreSQL prints them in its catalog. */
export const POSTGRESQL_QUOTING: SqlQuoting = { quotes: `'"` };

/** SQLite's CREATE statements as stored: any quote, `[name]`, comments. */
export const SQLITE_QUOTING: SqlQuoting = { quotes: "'\"`", brackets: true, comments: true };

/** MySQL and MariaDB with the default `sql_mode`: backslashes escape inside quotes. */
export const MYSQL_QUOTING: SqlQuoting = { quotes: "'\"`", backslashEscapes: true, comments: true };

/** Text from any of the databases: every quote character, no escapes beyond doubling. */
export const ANY_QUOTING: SqlQuoting = { quotes: "'\"`" };

/**
 * The index just past the quoted part or comment that starts at `at`; `at`
 * itself when none starts there. A part left open runs to the end of the text.
 *
 * @example
 * ```ts
 * quotedEnd("'it''s' || x", 0, STRING_LITERALS); // 7
 * quotedEnd("x || 'y'", 0, STRING_LITERALS);      // 0
 * ```
 */
export function quotedEnd(sql: string, at: number, quoting: SqlQuoting): number {
  const ch = sql[at];
  if (ch === undefined) return at;
  if (quoting.quotes.includes(ch)) {
    const escapes = quoting.backslashEscapes === true && ch !== "`";
    let i = at + 1;
    while (i < sql.length) {
      const c = sql[i]!;
      if (c === "\\" && escapes) i += 2;
      else if (c !== ch) i += 1;
      else if (sql[i + 1] === ch) i += 2;
      else return i + 1;
    }
    return sql.length;
  }
  if (ch === "[" && quoting.brackets) return closedAt(sql, "]", at + 1);
  if (quoting.comments) {
    if (ch === "-" && sql[at + 1] === "-") return closedAt(sql, "\n", at + 2);
    if (ch === "/" && sql[at + 1] === "*") return closedAt(sql, "*/", at + 2);
  }
  return at;
}

/** Just past the first `close` from `from`, or the end of the text. */
function closedAt(sql: string, close: string, from: number): number {
  const found = sql.indexOf(close, from);
  return found === -1 ? sql.length : found + close.length;
}

/** One run of SQL text: inside a quoted part (quotes included) or outside every one. */
export interface SqlPart {
  readonly text: string;
  readonly quoted: boolean;
  readonly start: number;
  readonly end: number;
}

/**
 * The text cut into maximal runs outside quotes and the quoted parts between
 * them, in order; joined they give the text back.
 *
 * @example
 * ```ts
 * sqlParts("a = 'x'", STRING_LITERALS).map((p) => p.text); // ["a = ", "'x'"]
 * ```
 */
export function sqlParts(sql: string, quoting: SqlQuoting): SqlPart[] {
  const parts: SqlPart[] = [];
  let plainStart = 0;
  let i = 0;
  while (i < sql.length) {
    const end = quotedEnd(sql, i, quoting);
    if (end === i) {
      i += 1;
      continue;
    }
    if (i > plainStart) parts.push({ text: sql.slice(plainStart, i), quoted: false, start: plainStart, end: i });
    parts.push({ text: sql.slice(i, end), quoted: true, start: i, end });
    i = end;
    plainStart = end;
  }
  if (sql.length > plainStart) parts.push({ text: sql.slice(plainStart), quoted: false, start: plainStart, end: sql.length });
  return parts;
}

/**
 * Applies `change` to each run of the text outside quotes; quoted parts are kept
 * as they are.
 *
 * @example
 * ```ts
 * mapOutsideQuotes("LOWER(x) = 'A B'", STRING_LITERALS, (s) => s.toLowerCase()); // "lower(x) = 'A B'"
 * ```
 */
export function mapOutsideQuotes(sql: string, quoting: SqlQuoting, change: (part: string) => string): string {
  return sqlParts(sql, quoting)
    .map((part) => (part.quoted ? part.text : change(part.text)))
    .join("");
}

/**
 * The index of the `)` that closes the `(` at `open`, skipping quoted parts;
 * -1 when it is never closed (or `open` is not a `(`).
 *
 * @example
 * ```ts
 * matchingParenthesis("(a = ')') AND b", 0, STRING_LITERALS); // 8
 * ```
 */
export function matchingParenthesis(sql: string, open: number, quoting: SqlQuoting): number {
  if (sql[open] !== "(") return -1;
  let depth = 0;
  let i = open;
  while (i < sql.length) {
    const end = quotedEnd(sql, i, quoting);
    if (end !== i) {
      i = end;
      continue;
    }
    const ch = sql[i];
    if (ch === "(") depth += 1;
    else if (ch === ")" && --depth === 0) return i;
    i += 1;
  }
  return -1;
}

/**
 * Removes parentheses that enclose the whole (trimmed) text, as catalogs add
 * them around conditions and defaults, up to `times` pairs. Text whose opening
 * parenthesis closes before the end, or never, is returned trimmed.
 *
 * @example
 * ```ts
 * stripOuterParentheses("((a > 0))", POSTGRESQL_QUOTING);           // "a > 0"
 * stripOuterParentheses("(a > 0) AND (b > 0)", POSTGRESQL_QUOTING); // unchanged
 * stripOuterParentheses("((a))", SQLITE_QUOTING, 1);                // "(a)"
 * ```
 */
export function stripOuterParentheses(sql: string, quoting: SqlQuoting, times = Infinity): string {
  let text = sql.trim();
  for (let n = 0; n < times && text.endsWith(")") && matchingParenthesis(text, 0, quoting) === text.length - 1; n += 1) {
    text = text.slice(1, -1).trim();
  }
  return text;
}
