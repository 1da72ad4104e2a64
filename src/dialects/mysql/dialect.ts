import { AthanorError } from "../../util/errors.js";
import { quoteWith, renderLiteral, type LiteralRules } from "../literal.js";
import type { Connection, Dialect } from "../types.js";
import { versionTableDdl } from "../version-table.js";
import { mysqlBatch } from "./batch.js";
import { mysqlCompareRules } from "./compare.js";
import { MysqlDdlCompiler, type MysqlFlavor } from "./ddl.js";
import { reflectMysql } from "./reflect.js";

/** Options of a MySQL/MariaDB dialect. */
export interface MysqlDialectOptions {
  /**
   * Whether the server runs with `sql_mode` NO_BACKSLASH_ESCAPES, where a backslash
   * in a string is an ordinary character. Off by default (MySQL's default mode).
   * A live connection reads it from the server.
   */
  readonly noBackslashEscapes?: boolean;
  /**
   * The server, when known: `mariadb` refuses expression indexes at compile time,
   * `mysql` refuses MariaDB's `IF [NOT] EXISTS` on columns and indexes and drops
   * checks with `DROP CHECK`. Unknown (offline) compiles either. A live connection
   * reads it from the server.
   */
  readonly flavor?: MysqlFlavor;
}

const BACKSLASH_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  "'": "''",
  "\u0000": "\\0",
  "\u001a": "\\Z",
};

function stringRule(noBackslashEscapes: boolean): (text: string) => string {
  if (noBackslashEscapes) return (text) => `'${text.replace(/'/g, "''")}'`;
  return (text) => `'${text.replace(/[\\'\u0000\u001a]/g, (c) => BACKSLASH_ESCAPES[c]!)}'`;
}

/**
 * A MySQL/MariaDB dialect: backtick-quoted identifiers; DDL commits implicitly,
 * so offline scripts carry no BEGIN/COMMIT.
 *
 * @example
 * ```ts
 * const dialect = createMysqlDialect({ noBackslashEscapes: true });
 * dialect.literal("C:\\temp"); // 'C:\temp'
 * ```
 */
export function createMysqlDialect(options: MysqlDialectOptions = {}): Dialect {
  const rules: LiteralRules = {
    database: "MySQL",
    string: stringRule(options.noBackslashEscapes === true),
    boolean: (value) => (value ? "TRUE" : "FALSE"),
    bytes: (hex) => `X'${hex}'`,
    date: (text) => `'${text}'`,
    nonFinite() {
      throw new AthanorError("MySQL has no NaN or Infinity literal");
    },
  };
  const base = {
    name: "mysql" as const,
    transactionalDdl: false,
    beginStatement: "",
    commitStatement: "",
    quoteIdentifier(name: string): string {
      return quoteWith(name, "`", "MySQL");
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
  };
  return Object.freeze({
    ...base,
    ddl: new MysqlDdlCompiler(base, options.flavor),
    reflect: reflectMysql,
    batch: mysqlBatch,
    compare: mysqlCompareRules,
    async defaultSchema(connection: Connection): Promise<string | undefined> {
      const { rows } = await connection.execute("SELECT DATABASE() AS name");
      const name = rows[0]?.["name"];
      return typeof name === "string" ? name : undefined;
    },
  });
}

/** The MySQL/MariaDB dialect for the server's default `sql_mode`. */
export const mysqlDialect: Dialect = createMysqlDialect();
