import { AthanorError } from "../../util/errors.js";
import { quoteWith, renderLiteral, type LiteralRules } from "../literal.js";
import type { Connection, Dialect, ReflectOptions } from "../contract/index.js";
import type { SchemaModel } from "../../schema/model.js";
import { versionTableDdl } from "../version-table.js";
import { mysqlBatch } from "./batch.js";
import { mysqlCompareRules } from "./compare.js";
import { MysqlDdlCompiler, type MysqlFlavor } from "./ddl.js";
import { mysqlViews } from "./views.js";
import { reflectMysqlSchema } from "./reflect-schema.js";
import { mysqlRunGuard } from "./run-guard.js";

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

/**
 * Characters a plain MySQL string literal cannot carry the same way in every
 * setting: a backslash means itself only under NO_BACKSLASH_ESCAPES, the
 * `mariadb`/`mysql` clients refuse a raw NUL and drop a CR before a line feed,
 * and Ctrl-Z ends input on some platforms.
 */
const NEEDS_ESCAPE = /[\\\u0000\r\u001a]/;
const NEEDS_ESCAPE_GLOBAL = /[\\'\u0000\r\u001a]/g;

const BACKSLASH_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  "'": "''",
  "\u0000": "\\0",
  "\r": "\\r",
  "\u001a": "\\Z",
};

/**
 * Text in DDL (comments, defaults, enum labels), where MySQL takes only a plain
 * string literal (COMMENT) or shows an introduced one garbled (MariaDB's
 * parenthesized defaults). It follows the session's mode: with backslash
 * escapes (the default, and what offline scripts assume) NUL, CR, Ctrl-Z and
 * backslash are escaped, so the clients pass them through intact; under
 * NO_BACKSLASH_ESCAPES (known only on a live connection) only `'` is doubled.
 * The same rule renders the online and the offline run, so both store the same.
 */
function ddlStringRule(noBackslashEscapes: boolean): (text: string) => string {
  if (noBackslashEscapes) return (text) => `'${text.replace(/'/g, "''")}'`;
  return (text) => `'${text.replace(NEEDS_ESCAPE_GLOBAL, (c) => BACKSLASH_ESCAPES[c]!)}'`;
}

/**
 * A row value (bulk insert, `op.sql` templates): written so that it stores the
 * same text whatever the session's sql_mode and the client's character set.
 * Text holding a backslash, NUL, CR or Ctrl-Z goes as UTF-8 hex (`_utf8mb4 X'…'`,
 * the same in both modes); other non-ASCII text carries the `_utf8mb4`
 * introducer, so a client connected as latin1 or utf8mb3 cannot reinterpret
 * its bytes (emoji included); plain ASCII stays a plain literal.
 */
function valueString(text: string): string {
  if (NEEDS_ESCAPE.test(text)) return `_utf8mb4 X'${Buffer.from(text, "utf8").toString("hex")}'`;
  const quoted = `'${text.replace(/'/g, "''")}'`;
  return /[^\u0000-\u007f]/.test(text) ? `_utf8mb4${quoted}` : quoted;
}

/**
 * A MySQL/MariaDB dialect: backtick-quoted identifiers; DDL commits implicitly,
 * so offline scripts carry no BEGIN/COMMIT.
 *
 * @example
 * ```ts
 * const dialect = createMysqlDialect({ noBackslashEscapes: true });
 * dialect.literal("C:\\temp");    // _utf8mb4 X'433a5c74656d70' (the same in every sql_mode)
 * dialect.ddlLiteral("C:\\temp"); // 'C:\temp' (a comment or default, in this mode)
 * ```
 */
export function createMysqlDialect(options: MysqlDialectOptions = {}): Dialect {
  const rules: LiteralRules = {
    database: "MySQL",
    string: valueString,
    boolean: (value) => (value ? "TRUE" : "FALSE"),
    bytes: (hex) => `X'${hex}'`,
    date: (text) => `'${text}'`,
    nonFinite() {
      throw new AthanorError("MySQL has no NaN or Infinity literal");
    },
  };
  const ddlRules: LiteralRules = { ...rules, string: ddlStringRule(options.noBackslashEscapes === true) };
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
    /** A literal inside DDL: comments, defaults and enum labels (see ddlStringRule). */
    ddlLiteral(value: unknown): string {
      return renderLiteral(value, ddlRules);
    },
    createVersionTable(table: string, schema?: string | null): string[] {
      return [versionTableDdl(this, table, schema)];
    },
    currentUserSql: "CURRENT_USER()",
    utcNowSql: "UTC_TIMESTAMP(3)",
  };
  return Object.freeze({
    ...base,
    ddl: new MysqlDdlCompiler(base, options.flavor),
    reflect(connection: Connection, options?: ReflectOptions): Promise<SchemaModel> {
      return reflectMysqlSchema(connection, options);
    },
    batch: mysqlBatch,
    compare: mysqlCompareRules,
    views: mysqlViews,
    runGuard: mysqlRunGuard,
    async defaultSchema(connection: Connection): Promise<string | undefined> {
      const { rows } = await connection.execute("SELECT DATABASE() AS name");
      const name = rows[0]?.["name"];
      return typeof name === "string" ? name : undefined;
    },
  });
}

/** The MySQL/MariaDB dialect for the server's default `sql_mode`. */
export const mysqlDialect: Dialect = createMysqlDialect();
