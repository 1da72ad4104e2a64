import type { Dialect, DialectCompareRules } from "../../dialects/contract/index.js";
import type { Column, ColumnType, IndexElement, ServerDefault, Table } from "../../schema/model.js";
import { ANY_QUOTING, mapOutsideQuotes, STRING_LITERALS, stripOuterParentheses } from "../../util/sql-text.js";

/** The comparison rules of a dialect. */
export function rulesOf(dialect: Dialect): DialectCompareRules {
  return dialect.compare;
}

/**
 * Results of the pure text normalizers below, by input: a wide schema repeats the
 * same few types and conditions thousands of times. Emptied when large, so a long
 * process never holds more than a bounded number.
 */
class Memo {
  readonly #values = new Map<string, string>();
  get(key: string): string | undefined {
    return this.#values.get(key);
  }
  set(key: string, value: string): string {
    if (this.#values.size >= 20_000) this.#values.clear();
    this.#values.set(key, value);
    return value;
  }
}

const tidied = new Memo();
const expressionKeys = new WeakMap<DialectCompareRules, Memo>();
const typeKeys = new WeakMap<DialectCompareRules, Memo>();
const defaultKeys = new WeakMap<DialectCompareRules, Memo>();

function memoOf(memos: WeakMap<DialectCompareRules, Memo>, rules: DialectCompareRules): Memo {
  let memo = memos.get(rules);
  if (memo === undefined) memos.set(rules, (memo = new Memo()));
  return memo;
}

/** Lower case, single spaces, none inside parentheses or around commas: `Character Varying ( 20 )` → `character varying(20)`. */
export function tidy(sql: string): string {
  return tidied.get(sql) ?? tidied.set(sql, tidyText(sql));
}

function tidyText(sql: string): string {
  return mapOutsideQuotes(sql.trim(), STRING_LITERALS, (part) =>
    part
      .toLowerCase()
      .replace(/\s+/g, " ")
      .replace(/\s*([(),])\s*/g, "$1"),
  ).trim();
}

/**
 * The canonical text of a column type on a dialect: rendered by its DDL
 * compiler, tidied, then put in the dialect's canonical spelling. PostgreSQL
 * enum types compare by name (their values are compared as enum types).
 */
export function typeKey(type: ColumnType, dialect: Dialect): string {
  const rules = rulesOf(dialect);
  if (type.kind === "enum" && rules.namedEnums) return `enum ${type.schema ?? ""}.${type.name}`;
  if (type.kind === "array") return `${typeKey(type.of, dialect)}[]`;
  let rendered: string;
  try {
    rendered = dialect.ddl.renderType(type);
  } catch {
    rendered = type.kind === "custom" ? type.sql : JSON.stringify(type);
  }
  // a rule that reads the rendered text alone (declares no second parameter) is a function of it
  if (rules.typeKey.length >= 2) return rules.typeKey(tidy(rendered), type);
  const memo = memoOf(typeKeys, rules);
  return memo.get(rendered) ?? memo.set(rendered, rules.typeKey(tidy(rendered), type));
}

/**
 * A fingerprint of an SQL condition or expression: the dialect's rewriting
 * undone (casts, IN lists), then identifier quotes, parentheses and whitespace
 * removed and everything outside literals lower-cased. Two spellings of one
 * condition give the same fingerprint.
 */
export function expressionKey(sql: string, dialect: Dialect): string {
  const rules = rulesOf(dialect);
  const memo = memoOf(expressionKeys, rules);
  return memo.get(sql) ?? memo.set(sql, expressionText(sql, rules));
}

function expressionText(sql: string, rules: DialectCompareRules): string {
  const rewritten = rules.expression ? rules.expression(sql) : sql;
  return mapOutsideQuotes(rewritten, STRING_LITERALS, (part) => part.toLowerCase().replace(/!=/g, "<>").replace(/["`()\s]/g, ""));
}

/** The fingerprint of one index element (a column name or an expression). */
export function elementKey(element: IndexElement, dialect: Dialect): string {
  return typeof element === "string" ? expressionKey(dialect.quoteIdentifier(element), dialect) : expressionKey(element.expression, dialect);
}

type Category = "boolean" | "number" | "other" | "time";

function category(type: ColumnType): Category {
  switch (type.kind) {
    case "boolean":
      return "boolean";
    case "smallint":
    case "integer":
    case "bigint":
    case "numeric":
    case "float":
    case "double":
      return "number";
    case "time":
      return "time";
    case "custom":
      if (/^\s*(tiny|small|medium|big)?int(eger)?\b|^\s*(decimal|numeric|float|double|real)\b/i.test(type.sql)) {
        return /^\s*tinyint\s*\(\s*1\s*\)/i.test(type.sql) ? "boolean" : "number";
      }
      return /^\s*(bool|boolean)\s*$/i.test(type.sql) ? "boolean" : "other";
    default:
      return "other";
  }
}

const TRUE = new Set(["1", "t", "true", "y", "yes", "on", "b'1'"]);
const FALSE = new Set(["0", "f", "false", "n", "no", "off", "b'0'"]);

/**
 * The same instant-of-now spelled the ways databases print it. A precision equal
 * to the column's own is left out: MariaDB reads `now()` on a `timestamp(3)`
 * back as `current_timestamp(3)`.
 */
function nowSynonyms(sql: string, precision: number | undefined): string {
  return sql
    .replace(/\b(?:now|current_timestamp|localtimestamp|transaction_timestamp)\((\d+)\)/g, (_all, digits: string) =>
      Number(digits) === (precision ?? 0) ? "current_timestamp" : `current_timestamp(${Number(digits)})`,
    )
    .replace(/\b(?:now|current_timestamp|localtimestamp|transaction_timestamp)\(\)/g, "current_timestamp")
    .replace(/\blocaltimestamp\b/g, "current_timestamp")
    .replace(/\bcurrent_date\(\)/g, "current_date")
    .replace(/\bcurrent_time\(\)/g, "current_time");
}

function valueKey(value: string | number | boolean, kind: Category): string {
  if (kind === "boolean") {
    const text = String(value).toLowerCase();
    if (TRUE.has(text)) return "b:true";
    if (FALSE.has(text)) return "b:false";
  }
  // A boolean default of a number column (drizzle-kit writes `DEFAULT false` on SQLite's boolean-mode integers) is 0 or 1.
  if (kind === "number" && (typeof value === "boolean" || /^(?:true|false)$/i.test(String(value)))) {
    return String(value).toLowerCase() === "true" ? "n:1" : "n:0";
  }
  if (kind === "number" && typeof value !== "boolean" && String(value).trim() !== "") {
    const n = Number(value);
    if (Number.isFinite(n)) return `n:${n}`;
  }
  // a time of day as the database keeps it: '8:00' is '08:00:00'
  const time = kind === "time" ? /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d*))?)?$/.exec(String(value).trim()) : null;
  if (time) {
    const fraction = (time[4] ?? "").replace(/0+$/, "");
    return `t:${time[1]!.padStart(2, "0")}:${time[2]}:${time[3] ?? "00"}${fraction ? `.${fraction}` : ""}`;
  }
  return `s:${String(value)}`;
}

/**
 * The canonical text of a server default, `undefined` for none (a NULL default
 * is none). Literals compare by value for the column's type (`1`, `'1'` and
 * `true` are one boolean; `1.50` and `1.5` one number); expressions by their
 * fingerprint, with the spellings of "now" made one.
 */
export function defaultKey(value: ServerDefault | undefined, column: Column, dialect: Dialect): string | undefined {
  if (value === undefined) return undefined;
  const kind = category(column.type);
  if (value.kind === "literal") {
    if (value.value === null) return undefined;
    return valueKey(value.value, kind);
  }
  const rules = rulesOf(dialect);
  const precision = column.type.kind === "timestamp" ? column.type.precision : undefined;
  // the dialect's rule reads the text alone: the key is a function of the text, category and precision
  const memo = memoOf(defaultKeys, rules);
  const memoKey = `${kind}\u0000${precision ?? ""}\u0000${value.sql}`;
  const known = memo.get(memoKey);
  if (known !== undefined) return known === NO_KEY ? undefined : known;
  const key = sqlDefaultKey(value.sql, kind, precision, rules);
  memo.set(memoKey, key ?? NO_KEY);
  return key;
}

/** What {@link defaultKey} keeps for a default that has no key (NULL): no key starts with this. */
const NO_KEY = "\u0000";

function sqlDefaultKey(text: string, kind: Category, precision: number | undefined, rules: DialectCompareRules): string | undefined {
  const sql = stripOuterParentheses(rules.defaultSql ? rules.defaultSql(text) : text, ANY_QUOTING);
  const quoted = /^'((?:[^']|'')*)'$/s.exec(sql);
  if (quoted) return valueKey(quoted[1]!.replace(/''/g, "'"), kind);
  if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(sql)) return valueKey(sql, kind);
  const lower = sql.toLowerCase();
  if (lower === "null") return undefined;
  if (lower === "true" || lower === "false" || /^b'[01]'$/.test(lower)) return valueKey(lower, kind);
  return `x:${nowSynonyms(mapOutsideQuotes(sql, STRING_LITERALS, (part) => part.toLowerCase().replace(/["`\s]/g, "")), precision)}`;
}

/**
 * The canonical text of an `ON UPDATE` expression: lower case, no spaces, the
 * spellings of "now" made one (a precision equal to the column's left out).
 */
export function onUpdateKey(sql: string | undefined, column: Column): string {
  if (sql === undefined) return "";
  const type = column.type;
  const precision = type.kind === "timestamp" || type.kind === "time" ? type.precision : undefined;
  return nowSynonyms(mapOutsideQuotes(sql.trim(), STRING_LITERALS, (part) => part.toLowerCase().replace(/\s+/g, "")), precision);
}

/**
 * The collation a column has: its own, else its table's default (from
 * `fallback` when `table` states none), where the dialect knows one.
 */
export function effectiveCollation(column: Column, table: Table, dialect: Dialect, fallback?: Table): string | undefined {
  if (column.collation !== undefined) return column.collation;
  const rules = rulesOf(dialect);
  return rules.defaultCollation?.(column, table) ?? (fallback === undefined ? undefined : rules.defaultCollation?.(column, fallback));
}

/** The canonical text of a collation; "" for the default one. */
export function collationKey(collation: string | undefined, dialect: Dialect): string {
  if (collation === undefined) return "";
  const rules = rulesOf(dialect);
  return (rules.collationKey ? rules.collationKey(collation) : collation) ?? "";
}
