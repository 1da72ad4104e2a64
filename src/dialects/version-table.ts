import type { Dialect } from "./contract/index.js";

/**
 * `CREATE TABLE IF NOT EXISTS` of the version table, the same shape on every
 * database: `version_num varchar(32) not null`, primary key named `<table>_pkc`.
 */
export function versionTableDdl(
  dialect: Pick<Dialect, "quoteIdentifier" | "quoteTable">,
  table: string,
  schema?: string | null,
): string {
  const column = dialect.quoteIdentifier("version_num");
  return (
    `CREATE TABLE IF NOT EXISTS ${dialect.quoteTable(table, schema)} (` +
    `${column} VARCHAR(32) NOT NULL, ` +
    `CONSTRAINT ${dialect.quoteIdentifier(`${table}_pkc`)} PRIMARY KEY (${column}))`
  );
}

/**
 * The history table's default name, beside the version table's: `_version`
 * becomes `_history` (`athanor_version` → `athanor_history`, `alembic_version`
 * → `alembic_history`); any other name gets `_history` added.
 *
 * @example
 * ```ts
 * historyTableBeside("athanor_version"); // "athanor_history"
 * ```
 */
export function historyTableBeside(versionTable: string): string {
  return versionTable.endsWith("_version") ? `${versionTable.slice(0, -"_version".length)}_history` : `${versionTable}_history`;
}
