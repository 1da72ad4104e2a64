import type { AtomicStatement } from "../contract/index.js";

/**
 * The message a compound transaction fails with when a statement changed another
 * number of rows than it had to, or drew a warning; `{n}` is its place, from 1.
 */
const CHECK_FAILED = "statement {n} of the transaction changed an unexpected number of rows or drew a warning; rolled back";

/**
 * MariaDB's anonymous compound statement (`BEGIN NOT ATOMIC … END`, 10.1+): a
 * transaction of its own, sent and run as one statement. Any error inside it
 * rolls everything back before it reaches the client (the handler's
 * `RESIGNAL` passes the server's own error on), and so does a statement that
 * changes another number of rows than `rowCount` or draws a warning (a warning
 * the client would otherwise judge statement by statement; the handler turns it
 * into error 1644). A client that dies midway leaves an open transaction, which
 * the server rolls back when the session ends. Must run outside a transaction:
 * its `START TRANSACTION` would commit an open one. `then`, a statement that
 * {@link travelsAfterCommit}, runs after the COMMIT, in the same round trip.
 *
 * @example
 * ```ts
 * compoundTransaction([{ sql: "UPDATE `v` SET `version_num` = 'b' WHERE `version_num` = 'a'", rowCount: 1 }]);
 * // BEGIN NOT ATOMIC
 * //   DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
 * //   START TRANSACTION;
 * //   UPDATE `v` SET `version_num` = 'b' WHERE `version_num` = 'a';
 * //   IF ROW_COUNT() <> 1 OR @@warning_count > 0 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '…'; END IF;
 * //   COMMIT;
 * // END
 * ```
 */
export function compoundTransaction(statements: readonly AtomicStatement[], then?: string): string {
  const lines = ["BEGIN NOT ATOMIC", "  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;", "  START TRANSACTION;"];
  statements.forEach((statement, i) => {
    // read at once: the IF is the next statement, so ROW_COUNT() and the warnings are still this one's
    const count = statement.rowCount === undefined ? "" : `ROW_COUNT() <> ${Math.trunc(statement.rowCount)} OR `;
    const message = CHECK_FAILED.replace("{n}", String(i + 1));
    lines.push(`  ${statement.sql.trim().replace(/;\s*$/, "")};`);
    lines.push(`  IF ${count}@@warning_count > 0 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${message}'; END IF;`);
  });
  lines.push("  COMMIT;");
  // after the COMMIT: it runs only once the transaction is in, and its own failure leaves it in;
  // its `;` on a line of its own, past any comment that ends its text
  if (then !== undefined) lines.push(`  ${then.trim().replace(/;\s*$/, "")}`, "  ;");
  lines.push("END");
  return lines.join("\n");
}

/**
 * Statements that may run after a compound transaction's COMMIT in the same compound
 * statement: DDL that commits at once and reports no row count worth keeping
 * (CREATE TABLE without a query, CREATE and DROP INDEX, ALTER, DROP and RENAME TABLE).
 * Its text holds no `;` at all, so that inside the block it stays one statement
 * whatever it contains (a stray `;` would otherwise start another one).
 */
const TRAVELS_AFTER_COMMIT = /^\s*(?:create\s+table|create\s+(?:unique\s+|fulltext\s+|spatial\s+)?index|drop\s+index|alter\s+table|drop\s+table|rename\s+table)\s/i;

/** Whether `sql` may follow a compound transaction's COMMIT in the same compound statement (see above). */
export function travelsAfterCommit(sql: string): boolean {
  const text = sql.trim().replace(/;$/, "");
  if (text.includes(";") || !TRAVELS_AFTER_COMMIT.test(text)) return false;
  // CREATE TABLE … SELECT reports the rows it copied
  return !(/^\s*create\s+table\b/i.test(text) && /\bselect\b/i.test(text));
}

/** Whether a server of this `VERSION()` runs anonymous compound statements (MariaDB 10.1 and later). */
export function runsCompoundStatements(version: string): boolean {
  if (!/mariadb/i.test(version)) return false;
  // some builds report "5.5.5-10.x.y-MariaDB": the MariaDB version is the one just before "-MariaDB"
  const match = /(\d+)\.(\d+)\.\d+-mariadb/i.exec(version) ?? /(\d+)\.(\d+)/.exec(version);
  if (match === null) return false;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return major > 10 || (major === 10 && minor >= 1);
}
