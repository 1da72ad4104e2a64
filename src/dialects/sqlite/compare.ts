import { mapOutsideQuotes, STRING_LITERALS } from "../../util/sql-text.js";
import type { DialectCompareRules } from "../contract/index.js";

/**
 * A column qualified by its table (`"t"."c"`, `t.c`, as drizzle-kit writes
 * partial-index conditions) is the column: conditions and index expressions
 * name only their own table's columns.
 */
function unqualified(sql: string): string {
  return mapOutsideQuotes(sql, STRING_LITERALS, (part) => part.replace(/(?:"(?:[^"]|"")+"|`(?:[^`]|``)+`|\[[^\]]+\]|(?<![\w$.])[A-Za-z_][\w$]*)\s*\.\s*(?=["`[]|[A-Za-z_])/g, ""));
}

const SYNONYMS: readonly [RegExp, string][] = [
  // Two names of one SQL type; smallint, integer and bigint stay apart (SQLite keeps the declared name).
  [/^int$/, "integer"],
  [/^(?:character varying|nvarchar|varying character)\b/, "varchar"],
  [/^(?:character|nchar)\b/, "char"],
  [/^bool$/, "boolean"],
  [/^decimal\b/, "numeric"],
  [/^double$/, "double precision"],
  [/^datetime\b/, "timestamp"],
  [/^clob$/, "text"],
];

/**
 * How SQLite's spellings compare. SQLite keeps declared type names as written
 * and enforces only their affinity; types compare by that declared text, so
 * every change of a declared type is one (`integer` → `bigint` as much as
 * `varchar(50)` → `varchar(100)`), and only names of one SQL type are made one
 * (`int`, `datetime`, `decimal`, `bool`, `nvarchar`); json, uuid and enums are
 * text. An auto-incrementing key is INTEGER whatever it declares. Collation
 * names compare case-insensitively (BINARY is the default). Defaults lose
 * the parentheses an expression default is written in (done for every
 * database); a quoted default and a bare number compare by value.
 */
export const sqliteCompareRules: DialectCompareRules = {
  typeKey(rendered) {
    let text = rendered;
    for (const [pattern, replacement] of SYNONYMS) text = text.replace(pattern, replacement);
    return text;
  },
  collationKey(collation) {
    const lower = collation.toLowerCase();
    return lower === "binary" ? undefined : lower;
  },
  counterTypeIsFixed: true,
  expression(sql) {
    return unqualified(sql);
  },
  namedEnums: false,
  comments: false,
  defaultActions: ["no action"],
  uniqueIndexIsConstraint: false,
  identityIsAutoincrement: true,
  primaryKeyNames: false,
};
