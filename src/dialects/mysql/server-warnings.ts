import { scrubSecret } from "../errors.js";
import { ServerWarningError } from "../server-warning.js";
import type { DatabaseNotice } from "../contract/index.js";

/** One row of `SHOW WARNINGS`. */
export interface MysqlWarning {
  readonly level: string;
  readonly code: number;
  readonly message: string;
}

/**
 * Warnings that announce a future change, not a change made to this statement's
 * data or definition (deprecated syntax, `utf8` as an alias of utf8mb3, integer
 * display widths): said aloud, not failed.
 */
const DEPRECATIONS: ReadonlySet<number> = new Set([1287, 1681, 3719, 3778]);

/**
 * Warnings that tell what athanor already knows: 1280, a primary key's name is
 * ignored (MySQL names every primary key PRIMARY; compare never expects the
 * declared name back), as in the version table's own DDL.
 */
const EXPECTED: ReadonlySet<number> = new Set([1280]);

/** What to do, by warning code, when the server changed data instead of refusing it. */
const HINTS: ReadonlyMap<number, string> = new Map([
  [1366, "the column's character set cannot hold these characters: give the column (or table) the utf8mb4 character set"],
  [1265, "the value does not fit the column: widen the column or shorten the value"],
  [1264, "the value is out of the column's range: widen the column's type or fix the value"],
  [1406, "the value is too long for the column: widen the column or shorten the value"],
  [1292, "the value is not valid for the column's type: fix the value"],
  [1048, "the column is NOT NULL: give it a value or a default"],
]);

const GENERIC_HINT =
  "MySQL changed the data or definition instead of refusing; fix the statement, or run with a strict sql_mode (STRICT_ALL_TABLES) so the server refuses it";

/** `IF [NOT] EXISTS` asks for the server's "already exists" / "does not exist" note: no news. */
const IF_EXISTS = /\bIF\s+(NOT\s+)?EXISTS\b/i;

function oneLine(sql: string): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat;
}

/** Reads `SHOW WARNINGS` rows as returned by mysql2. */
export function warningRows(rows: unknown): MysqlWarning[] {
  if (!Array.isArray(rows)) return [];
  return rows.map((row: Record<string, unknown>) => ({
    level: String(row["Level"] ?? row["level"] ?? ""),
    code: Number(row["Code"] ?? row["code"]),
    message: String(row["Message"] ?? row["message"] ?? ""),
  }));
}

/**
 * Sorts the warnings of a statement that ran: Warning- and Error-level ones mean
 * the server cut, replaced or dropped something silently, so they become one
 * error (the statement ran; its effect stays unless a transaction rolls it back);
 * Notes and deprecations are returned to be said aloud.
 */
export function judgeWarnings(
  warnings: readonly MysqlWarning[],
  sql: string,
  secret: string | undefined,
): { readonly error: ServerWarningError | undefined; readonly notices: DatabaseNotice[] } {
  const statement = scrubSecret(sql, secret);
  warnings = warnings.filter((w) => !EXPECTED.has(w.code));
  const serious = warnings.filter((w) => !/^note$/i.test(w.level) && !DEPRECATIONS.has(w.code));
  const notices = warnings
    .filter((w) => !serious.includes(w))
    .filter((w) => !(/^note$/i.test(w.level) && IF_EXISTS.test(sql)))
    .map(
      (w): DatabaseNotice => ({
        level: /^note$/i.test(w.level) ? "notice" : "warning",
        message: `MySQL ${w.level.toLowerCase()} ${w.code}: ${scrubSecret(w.message, secret)} [statement: ${oneLine(statement)}]`,
        code: String(w.code),
      }),
    );
  if (serious.length === 0) return { error: undefined, notices };
  const first = serious[0]!;
  const more = serious.length > 1 ? ` (and ${serious.length - 1} more warning${serious.length > 2 ? "s" : ""})` : "";
  const error = new ServerWarningError(
    `MySQL ran the statement but changed what it was given: ${first.level} ${first.code}: ${scrubSecret(first.message, secret)}${more}`,
    { code: String(first.code), sql: statement, hint: HINTS.get(first.code) ?? GENERIC_HINT },
  );
  return { error, notices };
}
