/**
 * Reading SQLite's stored CREATE TABLE and CREATE INDEX text. The pragmas give
 * columns, keys and indexes, but not constraint names, CHECK conditions,
 * collations, AUTOINCREMENT, generated expressions, deferrability or index
 * expressions: those only live in the text SQLite keeps in `sqlite_master`.
 */

/** One token of SQL text, with its place in the text so expressions can be cut out as written. */
interface Token {
  /** `word` (bare), `id` (quoted identifier), `string`, `number`, `blob`, `punct` (anything else). */
  readonly kind: "word" | "id" | "string" | "number" | "blob" | "punct";
  /** Unquoted value for words, identifiers and strings; the text itself otherwise. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

const NUMBER = /(?:0x[0-9a-f]+|(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)/iy;
const TWO_CHAR_PUNCT = new Set(["||", "<=", ">=", "<>", "!=", "==", "<<", ">>", "->"]);

/** `\s` of a regular expression, ASCII answered without one. */
function isBlank(code: number, ch: string): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return /\s/.test(ch);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `[\p{L}\p{N}_$]`, ASCII answered without a regular expression. */
function isWordChar(code: number, ch: string): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || isDigit(code) || code === 95 || code === 36;
  return /[\p{L}\p{N}_$]/u.test(ch);
}

/** Splits SQL into tokens, skipping blanks and comments. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const ch = sql[i]!;
    const code = sql.charCodeAt(i);
    if (isBlank(code, ch)) {
      i++;
      continue;
    }
    if (ch === "-" && sql[i + 1] === "-") {
      const eol = sql.indexOf("\n", i);
      i = eol === -1 ? n : eol + 1;
      continue;
    }
    if (ch === "/" && sql[i + 1] === "*") {
      const close = sql.indexOf("*/", i + 2);
      i = close === -1 ? n : close + 2;
      continue;
    }
    const start = i;
    if (ch === '"' || ch === "`" || ch === "'") {
      let value = "";
      i++;
      for (;;) {
        const close = sql.indexOf(ch, i);
        if (close === -1) {
          value += sql.slice(i);
          i = n;
          break;
        }
        value += sql.slice(i, close);
        if (sql[close + 1] === ch) {
          value += ch;
          i = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      tokens.push({ kind: ch === "'" ? "string" : "id", value, start, end: i });
      continue;
    }
    if (ch === "[") {
      const close = sql.indexOf("]", i + 1);
      i = close === -1 ? n : close + 1;
      tokens.push({ kind: "id", value: sql.slice(start + 1, close === -1 ? n : close), start, end: i });
      continue;
    }
    if ((ch === "x" || ch === "X") && sql[i + 1] === "'") {
      const close = sql.indexOf("'", i + 2);
      i = close === -1 ? n : close + 1;
      tokens.push({ kind: "blob", value: sql.slice(start, i), start, end: i });
      continue;
    }
    if (isDigit(code) || (ch === "." && isDigit(sql.charCodeAt(i + 1)))) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(sql);
      i += match ? match[0].length : 1;
      tokens.push({ kind: "number", value: sql.slice(start, i), start, end: i });
      continue;
    }
    if (isWordChar(code, ch)) {
      i++;
      while (i < n && isWordChar(sql.charCodeAt(i), sql[i]!)) i++;
      tokens.push({ kind: "word", value: sql.slice(start, i), start, end: i });
      continue;
    }
    i += TWO_CHAR_PUNCT.has(sql.slice(i, i + 2)) ? (sql.startsWith("->>", i) ? 3 : 2) : 1;
    tokens.push({ kind: "punct", value: sql.slice(start, i), start, end: i });
  }
  return tokens;
}

/** A reader over the tokens of one statement. */
class Reader {
  readonly #sql: string;
  readonly #tokens: readonly Token[];
  #at = 0;

  constructor(sql: string, tokens: readonly Token[]) {
    this.#sql = sql;
    this.#tokens = tokens;
  }

  get done(): boolean {
    return this.#at >= this.#tokens.length;
  }

  peek(offset = 0): Token | undefined {
    return this.#tokens[this.#at + offset];
  }

  next(): Token | undefined {
    return this.#tokens[this.#at++];
  }

  /** Whether the next token is the keyword `word` (case-insensitive, bare only). */
  is(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token !== undefined && token.kind === "word" && token.value.toUpperCase() === word;
  }

  /** Takes the keywords if they come next, in order. */
  accept(...words: string[]): boolean {
    if (!words.every((w, k) => this.is(w, k))) return false;
    this.#at += words.length;
    return true;
  }

  /** A name: a bare word, a quoted identifier or (as SQLite allows) a string. */
  name(): string | undefined {
    const token = this.peek();
    if (token === undefined || (token.kind !== "word" && token.kind !== "id" && token.kind !== "string")) return undefined;
    this.#at++;
    return token.value;
  }

  /** After an opening parenthesis: the text up to the matching one, as written; the reader moves past it. */
  parenthesized(): string | undefined {
    const open = this.peek();
    if (open?.value !== "(") return undefined;
    let depth = 0;
    for (let k = this.#at; k < this.#tokens.length; k++) {
      const token = this.#tokens[k]!;
      if (token.value === "(") depth++;
      else if (token.value === ")" && --depth === 0) {
        this.#at = k + 1;
        return this.#sql.slice(open.end, token.start).trim();
      }
    }
    this.#at = this.#tokens.length;
    return this.#sql.slice(open.end).trim();
  }

  /** Top-level comma-separated parts of a parenthesized list, each as its tokens. */
  list(): Token[][] | undefined {
    const open = this.peek();
    if (open?.value !== "(") return undefined;
    this.#at++;
    const parts: Token[][] = [[]];
    let depth = 0;
    while (!this.done) {
      const token = this.next()!;
      if (token.value === "(") depth++;
      if (token.value === ")") {
        if (depth === 0) break;
        depth--;
      }
      if (token.value === "," && depth === 0) parts.push([]);
      else parts[parts.length - 1]!.push(token);
    }
    return parts.filter((p) => p.length > 0);
  }

  /** The text from the current token up to (not including) the first top-level token for which `stop` is true. */
  until(stop: (reader: Reader) => boolean): string {
    const first = this.peek();
    if (first === undefined) return "";
    let depth = 0;
    let last: Token | undefined;
    while (!this.done) {
      if (depth === 0 && stop(this)) break;
      const token = this.next()!;
      if (token.value === "(") depth++;
      if (token.value === ")") depth--;
      last = token;
    }
    return last === undefined ? "" : this.#sql.slice(first.start, last.end);
  }

  skipConflictClause(): void {
    if (this.accept("ON", "CONFLICT")) this.next();
  }
}

export interface ParsedForeignKey {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly onDelete?: string;
  readonly onUpdate?: string;
  readonly match?: string;
  readonly deferrable?: boolean;
  readonly initially?: "deferred" | "immediate";
}

export interface ParsedColumn {
  readonly name: string;
  /** The declared type as written (may be empty). */
  readonly type: string;
  /** The default as written after DEFAULT (a parenthesized expression keeps its parentheses). */
  readonly defaultText?: string;
  readonly collation?: string;
  readonly autoincrement: boolean;
  readonly generated?: { readonly sql: string; readonly stored: boolean };
}

export interface ParsedTable {
  readonly columns: readonly ParsedColumn[];
  readonly primaryKey?: { readonly name?: string; readonly columns: readonly string[] };
  readonly uniques: readonly { readonly name?: string; readonly columns: readonly string[] }[];
  readonly checks: readonly { readonly name?: string; readonly sql: string }[];
  readonly foreignKeys: readonly ParsedForeignKey[];
}

const TABLE_CONSTRAINT = new Set(["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]);
const COLUMN_CONSTRAINT = new Set(["CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS"]);

/** The column name of an indexed-column part (`"a" COLLATE x DESC` → `a`). */
function partName(part: readonly Token[]): string {
  return part[0]?.value ?? "";
}

function readForeignKeyClause(reader: Reader, name: string | undefined, columns: readonly string[]): ParsedForeignKey {
  const refTable = reader.name() ?? "";
  const refColumns = (reader.list() ?? []).map(partName);
  let onDelete: string | undefined;
  let onUpdate: string | undefined;
  let match: string | undefined;
  let deferrable: boolean | undefined;
  let initially: "deferred" | "immediate" | undefined;
  for (;;) {
    if (reader.accept("ON")) {
      const which = reader.next()?.value.toUpperCase();
      let action: string | undefined;
      if (reader.accept("SET", "NULL")) action = "set null";
      else if (reader.accept("SET", "DEFAULT")) action = "set default";
      else if (reader.accept("NO", "ACTION")) action = "no action";
      else action = reader.next()?.value.toLowerCase();
      if (which === "DELETE") onDelete = action;
      else onUpdate = action;
    } else if (reader.accept("MATCH")) {
      match = reader.next()?.value.toLowerCase();
    } else if (reader.accept("NOT", "DEFERRABLE")) {
      deferrable = false;
    } else if (reader.accept("DEFERRABLE")) {
      deferrable = true;
    } else if (reader.accept("INITIALLY")) {
      initially = reader.next()?.value.toLowerCase() === "deferred" ? "deferred" : "immediate";
    } else break;
  }
  return {
    ...(name === undefined ? {} : { name }),
    columns,
    refTable,
    refColumns,
    ...(onDelete === undefined ? {} : { onDelete }),
    ...(onUpdate === undefined ? {} : { onUpdate }),
    ...(match === undefined ? {} : { match }),
    ...(deferrable === undefined ? {} : { deferrable }),
    ...(initially === undefined ? {} : { initially }),
  };
}

/**
 * The parts of a CREATE TABLE statement the pragmas do not tell: names of
 * constraints, CHECK conditions, collations, AUTOINCREMENT, generated
 * expressions, defaults as written. Returns undefined for text it cannot read
 * (a virtual table, `CREATE TABLE ... AS SELECT`).
 */
export function parseCreateTable(sql: string): ParsedTable | undefined {
  const reader = new Reader(sql, tokenize(sql));
  // Skip to the column list: CREATE [TEMP] TABLE [IF NOT EXISTS] [schema.]name (
  while (!reader.done && reader.peek()?.value !== "(") {
    if (reader.is("AS")) return undefined;
    reader.next();
  }
  const items = reader.list();
  if (items === undefined) return undefined;
  const columns: ParsedColumn[] = [];
  const uniques: { name?: string; columns: readonly string[] }[] = [];
  const checks: { name?: string; sql: string }[] = [];
  const foreignKeys: ParsedForeignKey[] = [];
  let primaryKey: { name?: string; columns: readonly string[] } | undefined;
  for (const item of items) {
    const part = new Reader(sql, item);
    const first = item[0]!;
    if (first.kind === "word" && TABLE_CONSTRAINT.has(first.value.toUpperCase())) {
      let name: string | undefined;
      if (part.accept("CONSTRAINT")) name = part.name();
      const named = name === undefined ? {} : { name };
      if (part.accept("PRIMARY", "KEY")) primaryKey = { ...named, columns: (part.list() ?? []).map(partName) };
      else if (part.accept("UNIQUE")) uniques.push({ ...named, columns: (part.list() ?? []).map(partName) });
      else if (part.accept("CHECK")) checks.push({ ...named, sql: part.parenthesized() ?? "" });
      else if (part.accept("FOREIGN", "KEY")) {
        const cols = (part.list() ?? []).map(partName);
        if (part.accept("REFERENCES")) foreignKeys.push(readForeignKeyClause(part, name, cols));
      }
      continue;
    }
    const columnName = part.name() ?? "";
    const type = part.until((r) => {
      const token = r.peek();
      return token !== undefined && token.kind === "word" && COLUMN_CONSTRAINT.has(token.value.toUpperCase());
    });
    let defaultText: string | undefined;
    let collation: string | undefined;
    let autoincrement = false;
    let generated: { sql: string; stored: boolean } | undefined;
    let name: string | undefined;
    while (!part.done) {
      const named = name === undefined ? {} : { name };
      if (part.accept("CONSTRAINT")) {
        name = part.name();
        continue;
      }
      if (part.accept("PRIMARY", "KEY")) {
        if (part.is("ASC") || part.is("DESC")) part.next();
        part.skipConflictClause();
        if (part.accept("AUTOINCREMENT")) autoincrement = true;
        primaryKey = { ...named, columns: [columnName] };
      } else if (part.accept("NOT", "NULL") || part.accept("NULL")) {
        part.skipConflictClause();
      } else if (part.accept("UNIQUE")) {
        part.skipConflictClause();
        uniques.push({ ...named, columns: [columnName] });
      } else if (part.accept("CHECK")) {
        checks.push({ ...named, sql: part.parenthesized() ?? "" });
      } else if (part.accept("DEFAULT")) {
        const token = part.peek();
        if (token?.value === "(") {
          const inner = part.parenthesized() ?? "";
          defaultText = `(${inner})`;
        } else if (token?.kind === "punct" && (token.value === "-" || token.value === "+")) {
          part.next();
          const operand = part.next();
          defaultText = operand === undefined ? token.value : `${token.value}${sql.slice(operand.start, operand.end)}`;
        } else if (token !== undefined) {
          part.next();
          defaultText = sql.slice(token.start, token.end);
        }
      } else if (part.accept("COLLATE")) {
        collation = part.name();
      } else if (part.accept("REFERENCES")) {
        foreignKeys.push(readForeignKeyClause(part, name, [columnName]));
      } else if (part.accept("GENERATED", "ALWAYS", "AS") || part.accept("AS")) {
        const expression = part.parenthesized() ?? "";
        const stored = part.accept("STORED");
        if (!stored) part.accept("VIRTUAL");
        generated = { sql: expression, stored };
      } else {
        part.next();
        continue;
      }
      name = undefined;
    }
    columns.push({
      name: columnName,
      type,
      autoincrement,
      ...(defaultText === undefined ? {} : { defaultText }),
      ...(collation === undefined ? {} : { collation }),
      ...(generated === undefined ? {} : { generated }),
    });
  }
  return { columns, uniques, checks, foreignKeys, ...(primaryKey === undefined ? {} : { primaryKey }) };
}

export interface ParsedIndex {
  /** Each indexed element as written, and its column name when it is a bare column. */
  readonly elements: readonly { readonly text: string; readonly column?: string }[];
  readonly where?: string;
}

/** The elements and WHERE condition of a CREATE INDEX statement. */
export function parseCreateIndex(sql: string): ParsedIndex | undefined {
  const tokens = tokenize(sql);
  const reader = new Reader(sql, tokens);
  while (!reader.done && reader.peek()?.value !== "(") reader.next();
  const parts = reader.list();
  if (parts === undefined) return undefined;
  const elements = parts.map((part) => {
    const text = sql.slice(part[0]!.start, part[part.length - 1]!.end);
    const only = part.length === 1 && (part[0]!.kind === "word" || part[0]!.kind === "id") ? part[0]!.value : undefined;
    return only === undefined ? { text } : { text, column: only };
  });
  let where: string | undefined;
  if (reader.accept("WHERE")) where = reader.until(() => false).trim();
  return { elements, ...(where === undefined ? {} : { where }) };
}
