import type { Column, Table } from "../../schema/model.js";
import { mapOutsideQuotes, STRING_LITERALS } from "../../util/sql-text.js";
import { mysqlTableOptionChanges, mysqlTableOptions } from "./table-options.js";
import { MARIADB_SEQUENCE_DEFAULTS } from "./sequences.js";
import { resolveMysqlCollations } from "./charset.js";
import type { Connection, DialectCompareRules } from "../contract/index.js";

const PROBE = "athanor_check_probe";

/**
 * Each condition added to an empty temporary copy of the table and read back
 * from SHOW CREATE TABLE, the copy dropped afterwards (a temporary table
 * commits nothing).
 */
async function canonicalMysqlChecks(connection: Connection, table: { readonly name: string; readonly schema?: string }, conditions: readonly string[]): Promise<(string | undefined)[]> {
  const quote = (name: string): string => `\`${name.replace(/`/g, "``")}\``;
  const source = table.schema === undefined ? quote(table.name) : `${quote(table.schema)}.${quote(table.name)}`;
  const results: (string | undefined)[] = [];
  for (const condition of conditions) {
    try {
      await connection.execute(`CREATE TEMPORARY TABLE ${PROBE} LIKE ${source}`);
      await connection.execute(`ALTER TABLE ${PROBE} ADD CONSTRAINT ${PROBE} CHECK (${condition})`);
      const shown = await connection.execute(`SHOW CREATE TABLE ${PROBE}`);
      const text = String(Object.values(shown.rows[0] ?? {})[1] ?? "");
      const line = text.split("\n").find((l) => l.trim().startsWith(`CONSTRAINT \`${PROBE}\` CHECK`));
      const clause = line === undefined ? undefined : /CHECK\s*\(([\s\S]*)\),?\s*$/.exec(line.trim())?.[1];
      results.push(clause);
    } catch {
      results.push(undefined);
    } finally {
      await connection.execute(`DROP TEMPORARY TABLE IF EXISTS ${PROBE}`);
    }
  }
  return results;
}

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

/**
 * Functions MariaDB keeps under another of their names (`lower()` reads back as
 * `lcase()`, `substring()` and `mid()` as `substr()`, `current_date` as
 * `curdate()`, `length()` as `octet_length()`, ...): each spelled one way.
 */
const FUNCTION_ALIASES: readonly [RegExp, string][] = [
  [/(?<![\w$.`])lcase\s*\(/gi, "lower("],
  [/(?<![\w$.`])ucase\s*\(/gi, "upper("],
  [/(?<![\w$.`])(?:substr|mid)\s*\(/gi, "substring("],
  [/(?<![\w$.`])character_length\s*\(/gi, "char_length("],
  [/(?<![\w$.`])octet_length\s*\(/gi, "length("],
  [/(?<![\w$.`])power\s*\(/gi, "pow("],
  [/(?<![\w$.`])nvl\s*\(/gi, "ifnull("],
  [/(?<![\w$.`])schema\s*\(\s*\)/gi, "database()"],
  [/(?<![\w$.`])(?:curdate\s*\(\s*\)|current_date\s*\(\s*\)|current_date\b)/gi, "current_date"],
  [/(?<![\w$.`])(?:curtime\s*\(\s*\)|current_time\s*\(\s*\)|current_time\b(?!stamp))/gi, "current_time"],
];

/** Column types that take a collation (uuid is char(36) here). */
const TEXTUAL: ReadonlySet<string> = new Set(["string", "char", "text", "enum", "uuid"]);

/** MySQL 8 escapes quotes inside printed expressions; MariaDB prints charset introducers and its own function names. */
function plainExpression(sql: string): string {
  const unescaped = sql.replace(/\\(['\\])/g, "$1").replace(/_(?:utf8mb4|utf8mb3|utf8|latin1|binary)(?=')/gi, "");
  return mapOutsideQuotes(unescaped, STRING_LITERALS, (part) => FUNCTION_ALIASES.reduce((text, [pattern, to]) => text.replace(pattern, to), part));
}

/** A table's stated collation (none when its options cannot be read), kept per table: every textual column asks. */
const collations = new WeakMap<Table, string | undefined>();
function tableCollation(table: Table): string | undefined {
  if (collations.has(table)) return collations.get(table);
  let collation: string | undefined;
  try {
    collation = mysqlTableOptions(table).collate;
  } catch {
    collation = undefined;
  }
  collations.set(table, collation);
  return collation;
}

/**
 * How MySQL's and MariaDB's spellings compare: `int(11)` is `int`, `bool` and
 * `boolean` are `tinyint(1)`, `decimal` is `decimal(10,0)`, `float(p)` is
 * `float` up to 24 and `double` above; MariaDB's json (longtext) reads back as
 * json and its `year(4)` is `year`; uuid is `char(36)`; an identity column is AUTO_INCREMENT. Defaults:
 * `current_timestamp()` is `CURRENT_TIMESTAMP`, MariaDB's quoted literals and
 * MySQL's bare ones compare by value, MariaDB's function aliases (`lcase`,
 * `ucase`, `substr`, `curdate`, ...) are the functions' own names; restrict is
 * the default action. Collations compare case-insensitively, the table's
 * default collation being the same as none, a character set named alone the
 * server's default collation of that set; columns take ON UPDATE. Sequences
 * (MariaDB's) compare with MariaDB's defaults filled in.
 */
export const mysqlCompareRules: DialectCompareRules = {
  typeKey(rendered) {
    let text = rendered;
    for (const [pattern, replacement] of SYNONYMS) text = text.replace(pattern, replacement);
    const float = /^float\((\d+)\)$/.exec(text);
    if (float) text = Number(float[1]) <= 24 ? "float" : "double";
    return text;
  },
  defaultSql(sql: string): string {
    return plainExpression(sql.trim());
  },
  expression(sql) {
    return plainExpression(sql);
  },
  collationKey(collation) {
    return collation.toLowerCase();
  },
  resolveCollations: resolveMysqlCollations,
  defaultCollation(column: Column, table: Table): string | undefined {
    if (!TEXTUAL.has(column.type.kind) && !(column.type.kind === "custom" && /char|text|enum|set\s*\(/i.test(column.type.sql))) return undefined;
    return tableCollation(table);
  },
  tableOptions(declared, reflected) {
    const changes = mysqlTableOptionChanges(declared, reflected);
    return changes === undefined ? undefined : { options: { mysql: { ...changes.options } }, existing: { mysql: { ...changes.existing } } };
  },
  onUpdate: true,
  namedEnums: false,
  comments: true,
  defaultActions: ["restrict", "no action"],
  uniqueIndexIsConstraint: true,
  identityIsAutoincrement: true,
  primaryKeyNames: false,
  implicitForeignKeyIndexes: true,
  canonicalChecks: canonicalMysqlChecks,
  sequences: true,
  sequenceDefaults: MARIADB_SEQUENCE_DEFAULTS,
};
