import { AthanorError } from "../../util/errors.js";
import { quoteWith, renderLiteral, type LiteralRules } from "../literal.js";
import { postgresqlViews, reflectPostgresqlViews } from "./views.js";
import { noRunGuard, type Connection, type Dialect, type ReflectOptions } from "../contract/index.js";
import type { SchemaModel } from "../../schema/model.js";
import { versionTableDdl } from "../version-table.js";
import { postgresqlBatch } from "./batch.js";
import { postgresqlCompareRules } from "./compare.js";
import { PostgresqlDdlCompiler } from "./ddl.js";
import { checkIdentifierLength } from "./identifier-length.js";
import { readNotModelledPostgresql } from "./not-modelled.js";
import { reflectPostgresql } from "./reflect.js";

/**
 * PostgreSQL strings are standard (`standard_conforming_strings` is on by default
 * since 9.1): a backslash is an ordinary character, only `'` is doubled.
 */
const rules: LiteralRules = {
  database: "PostgreSQL",
  string(text) {
    if (text.includes("\u0000")) {
      throw new AthanorError("PostgreSQL text cannot contain a NUL character", { hint: "store such data as bytea (a Buffer)" });
    }
    return `'${text.replace(/'/g, "''")}'`;
  },
  boolean: (value) => (value ? "TRUE" : "FALSE"),
  bytes: (hex) => `'\\x${hex}'::bytea`,
  date: (text) => `'${text}+00'`,
  nonFinite: (value) => `'${Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity"}'::float8`,
};

const base = {
  name: "postgresql" as const,
  transactionalDdl: true,
  beginStatement: "BEGIN;",
  commitStatement: "COMMIT;",
  quoteIdentifier(name: string): string {
    return quoteWith(checkIdentifierLength(name), '"', "PostgreSQL");
  },
  quoteTable(name: string, schema?: string | null): string {
    return schema ? `${this.quoteIdentifier(schema)}.${this.quoteIdentifier(name)}` : this.quoteIdentifier(name);
  },
  placeholder(index: number): string {
    return `$${index}`;
  },
  literal(value: unknown): string {
    return renderLiteral(value, rules);
  },
  createVersionTable(table: string, schema?: string | null): string[] {
    return [versionTableDdl(this, table, schema)];
  },
  currentUserSql: "CURRENT_USER",
  utcNowSql: "(clock_timestamp() AT TIME ZONE 'UTC')",
};

/**
 * The PostgreSQL dialect: double-quoted identifiers, transactional DDL.
 *
 * @example
 * ```ts
 * postgresqlDialect.quoteTable("user", "audit"); // "audit"."user"
 * postgresqlDialect.literal("it's");            // 'it''s'
 * ```
 */
export const postgresqlDialect: Dialect = Object.freeze({
  ...base,
  ddl: new PostgresqlDdlCompiler(base),
  async reflect(connection: Connection, options?: ReflectOptions): Promise<SchemaModel> {
    const tables = await reflectPostgresql(connection, options);
    const views = await reflectPostgresqlViews(connection, options);
    const model = views.length === 0 ? tables : { ...tables, views };
    const notModelled = await readNotModelledPostgresql(connection, options);
    return notModelled.length === 0 ? model : { ...model, notModelled };
  },
  batch: postgresqlBatch,
  compare: postgresqlCompareRules,
  views: postgresqlViews,
  // Nothing to prepare around a run: the advisory lock and transactional DDL cover it.
  runGuard: () => noRunGuard,
  async defaultSchema(connection: Connection): Promise<string | undefined> {
    const { rows } = await connection.execute("SELECT current_schema() AS name");
    const name = rows[0]?.["name"];
    return typeof name === "string" ? name : undefined;
  },
});
