import { quoteWith, renderLiteral, type LiteralRules } from "../literal.js";
import type { Connection, Dialect, ReflectOptions } from "../contract/index.js";
import type { SchemaModel } from "../../schema/model.js";
import { sqliteBatch } from "./batch.js";
import { reflectSqliteViews, sqliteViews } from "./views.js";
import { sqliteCompareRules } from "./compare.js";
import { SqliteDdlCompiler } from "./ddl.js";
import { readNotModelledSqlite } from "./not-modelled.js";
import { reflectSqlite } from "./reflect.js";
import { sqliteRunGuard } from "./run-guard.js";
import { versionTableDdl } from "../version-table.js";

/**
 * SQLite text literals cannot hold NUL, and the `sqlite3` shell drops a CR
 * before a line feed when it reads a script: text holding either goes as its
 * UTF-8 bytes, a hex blob cast to text, which every path stores unchanged.
 * Online and offline runs render the same, so `sqlite_master` keeps the same
 * CREATE TABLE text; reflection reads the cast back as the literal.
 */
const rules: LiteralRules = {
  database: "SQLite",
  string(text) {
    if (/[\u0000\r]/.test(text)) return `CAST(X'${Buffer.from(text, "utf8").toString("hex")}' AS TEXT)`;
    return `'${text.replace(/'/g, "''")}'`;
  },
  boolean: (value) => (value ? "1" : "0"),
  bytes: (hex) => `X'${hex}'`,
  date: (text) => `'${text}'`,
  nonFinite: (value) => (Number.isNaN(value) ? "NULL" : value > 0 ? "9e999" : "-9e999"),
};

/** Quoting and literals for the DDL compiler, which the dialect object itself holds. */
const quoting = {
  quoteIdentifier: (name: string): string => quoteWith(name, '"', "SQLite"),
  quoteTable: (name: string, schema?: string | null): string =>
    schema ? `${quoteWith(schema, '"', "SQLite")}.${quoteWith(name, '"', "SQLite")}` : quoteWith(name, '"', "SQLite"),
  literal: (value: unknown): string => renderLiteral(value, rules),
};

const sqliteDdl = new SqliteDdlCompiler(quoting);

/**
 * The SQLite dialect: double-quoted identifiers; DDL is transactional (the
 * libsql and better-sqlite3 drivers run it inside the transaction). A `schema`
 * is an attached database name (`main`, `temp`, ...).
 *
 * @example
 * ```ts
 * sqliteDialect.quoteIdentifier('my "col"'); // "my ""col"""
 * sqliteDialect.literal(true);              // 1
 * ```
 */
export const sqliteDialect: Dialect = Object.freeze({
  name: "sqlite" as const,
  transactionalDdl: true,
  beginStatement: "BEGIN;",
  commitStatement: "COMMIT;",
  batch: sqliteBatch,
  runGuard: sqliteRunGuard,
  compare: sqliteCompareRules,
  views: sqliteViews,
  ddl: sqliteDdl,
  async reflect(connection: Connection, options?: ReflectOptions): Promise<SchemaModel> {
    const tables = await reflectSqlite(connection, options);
    const views = await reflectSqliteViews(connection, options);
    const model = views.length === 0 ? tables : { ...tables, views };
    const notModelled = await readNotModelledSqlite(connection, options);
    return notModelled.length === 0 ? model : { ...model, notModelled };
  },
  // Tables of the main database are written unqualified; there is no schema to strip.
  async defaultSchema(): Promise<string | undefined> {
    return undefined;
  },
  quoteIdentifier(name: string): string {
    return quoteWith(name, '"', "SQLite");
  },
  quoteTable(name: string, schema?: string | null): string {
    return schema ? `${this.quoteIdentifier(schema)}.${this.quoteIdentifier(name)}` : this.quoteIdentifier(name);
  },
  placeholder(): string {
    return "?";
  },
  literal(value: unknown): string {
    return renderLiteral(value, rules);
  },
  createVersionTable(table: string, schema?: string | null): string[] {
    return [versionTableDdl(this, table, schema)];
  },
});
