import type { DialectCompareRules } from "../contract/index.js";

const SYNONYMS: readonly [RegExp, string][] = [
  // One INTEGER affinity and storage; an auto-incrementing key is always INTEGER.
  [/^(?:int|smallint|bigint|tinyint|mediumint)$/, "integer"],
  [/^(?:character varying|nvarchar|varying character)\b/, "varchar"],
  [/^(?:character|nchar)\b/, "char"],
  [/^bool$/, "boolean"],
  [/^decimal\b/, "numeric"],
  [/^double$/, "double precision"],
  [/^datetime\b/, "timestamp"],
  [/^clob$/, "text"],
];

/**
 * How SQLite's spellings compare. SQLite keeps declared type names as written,
 * so only the common synonyms of hand-written schemas are made one (`int`,
 * `datetime`, `decimal`, `bool`); json, uuid and enums are text. Defaults lose
 * the parentheses an expression default is written in (done for every
 * database); a quoted default and a bare number compare by value.
 */
export const sqliteCompareRules: DialectCompareRules = {
  typeKey(rendered) {
    let text = rendered;
    for (const [pattern, replacement] of SYNONYMS) text = text.replace(pattern, replacement);
    return text;
  },
  namedEnums: false,
  comments: false,
  defaultActions: ["no action"],
  uniqueIndexIsConstraint: false,
  identityIsAutoincrement: true,
  primaryKeyNames: false,
};
