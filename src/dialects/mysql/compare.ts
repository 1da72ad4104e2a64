import type { Column } from "../../schema/model.js";
import type { DialectCompareRules } from "../contract/index.js";

const SYNONYMS: readonly [RegExp, string][] = [
  [/^integer\b/, "int"],
  // Display widths are cosmetic, except tinyint(1), which is how MySQL spells boolean.
  [/^(smallint|mediumint|int|bigint)\(\d+\)/, "$1"],
  [/^tinyint\((?!1\))\d+\)/, "tinyint"],
  [/^bool(?:ean)?$/, "tinyint(1)"],
  [/^numeric\b/, "decimal"],
  [/^decimal$/, "decimal(10,0)"],
  [/^decimal\((\d+)\)$/, "decimal($1,0)"],
  [/^character varying\b/, "varchar"],
  [/^character\b/, "char"],
  [/^char$/, "char(1)"],
  [/^double precision$/, "double"],
  [/^real$/, "double"],
  // MariaDB's json is longtext (with a json_valid check when it was declared json).
  [/^(?:jsonb|longtext)$/, "json"],
  [/^(datetime|timestamp|time)\(0\)$/, "$1"],
  // MariaDB prints year as year(4), the only width it still has.
  [/^year\(4\)$/, "year"],
];

/** MySQL 8 escapes quotes inside printed expressions; MariaDB prints charset introducers. */
function plainExpression(sql: string): string {
  return sql.replace(/\\(['\\])/g, "$1").replace(/_(?:utf8mb4|utf8mb3|utf8|latin1|binary)(?=')/gi, "");
}

/**
 * How MySQL's and MariaDB's spellings compare: `int(11)` is `int`, `bool` and
 * `boolean` are `tinyint(1)`, `decimal` is `decimal(10,0)`, `float(p)` is
 * `float` up to 24 and `double` above; MariaDB's json (longtext) reads back as
 * json and its `year(4)` is `year`; uuid is `char(36)`; an identity column is AUTO_INCREMENT. Defaults:
 * `current_timestamp()` is `CURRENT_TIMESTAMP`, MariaDB's quoted literals and
 * MySQL's bare ones compare by value; restrict is the default action.
 */
export const mysqlCompareRules: DialectCompareRules = {
  typeKey(rendered) {
    let text = rendered;
    for (const [pattern, replacement] of SYNONYMS) text = text.replace(pattern, replacement);
    const float = /^float\((\d+)\)$/.exec(text);
    if (float) text = Number(float[1]) <= 24 ? "float" : "double";
    return text;
  },
  defaultSql(sql: string, _column: Column): string {
    return plainExpression(sql.trim());
  },
  expression(sql) {
    return plainExpression(sql);
  },
  namedEnums: false,
  comments: true,
  defaultActions: ["restrict", "no action"],
  uniqueIndexIsConstraint: true,
  identityIsAutoincrement: true,
  primaryKeyNames: false,
  implicitForeignKeyIndexes: true,
};
