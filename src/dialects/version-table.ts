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
