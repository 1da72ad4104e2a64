import type { SchemaModel } from "../../schema/model.js";
import type { BatchSupport } from "./batch-support.js";
import type { DialectCompareRules } from "./compare-rules.js";
import type { Connection } from "./connection.js";
import type { DdlCompiler } from "./ddl-compiler.js";
import type { RunGuard } from "./run-guard.js";
import type { ViewSupport } from "./view-support.js";

/** What `Dialect.reflect` reads. */
export interface ReflectOptions {
  /** Schemas to read; `null` is the connection's default schema (its tables come back without `schema`). Default `[null]`. */
  readonly schemas?: readonly (string | null)[];
  /** Only these table names (in every schema read); default all. */
  readonly tables?: readonly string[];
}

/**
 * Everything athanor asks of one database. Every member is required: the
 * layers above never test whether a database has one, they ask what it does
 * (a capability such as `batch.alterInPlace` or `compare.namedEnums`), never
 * which database it is. The pure members need no connection (offline mode
 * uses them); `reflect` and `defaultSchema` read a live one.
 */
export interface Dialect {
  /** The name it is registered under (`registerDialect`), also the URL scheme: `postgresql`, `mysql`, `sqlite`, ... */
  readonly name: string;
  /** Whether DDL runs inside a transaction and rolls back with it. */
  readonly transactionalDdl: boolean;
  /** Quote one identifier: `"a ""b"""` on PostgreSQL and SQLite, `` `a` `` on MySQL. */
  quoteIdentifier(name: string): string;
  /** Quote a possibly schema-qualified name. */
  quoteTable(name: string, schema?: string | null): string;
  /** The placeholder for the `index`-th parameter (1-based): `$1` on PostgreSQL, `?` on MySQL and SQLite. */
  placeholder(index: number): string;
  /** Render a value as an SQL literal for offline scripts (strings, numbers, booleans, null, dates, buffers). */
  literal(value: unknown): string;
  /** The statements that create the version table when it is missing (idempotent). */
  createVersionTable(table: string, schema?: string | null): string[];
  /**
   * An SQL expression naming the user the session runs as (`CURRENT_USER`),
   * written into the history table's rows; absent where the database has no
   * users (SQLite), which records none.
   */
  readonly currentUserSql?: string;
  /** An SQL expression for the time now in UTC, for offline scripts' history rows; default `CURRENT_TIMESTAMP`. */
  readonly utcNowSql?: string;
  /** Offline transaction statements (`BEGIN;` / `COMMIT;`), only where DDL is transactional. */
  readonly beginStatement: string;
  readonly commitStatement: string;
  /** The DDL compiler: schema operations to statements. Pure. */
  readonly ddl: DdlCompiler;
  /**
   * Read the live schema from the catalog: tables, columns, keys, constraints,
   * indexes, comments (and enum types where the database has them). A fixed number
   * of catalog queries, however many tables there are. What the schemas hold that
   * the model does not carry (triggers, functions, …) goes in `notModelled`, so that
   * autogenerate lists it as `not compared: …` instead of passing it over.
   */
  reflect(connection: Connection, options?: ReflectOptions): Promise<SchemaModel>;
  /**
   * The connection's default schema (PostgreSQL `current_schema()`, MySQL
   * `DATABASE()`), which autogenerate treats as no schema; `undefined` where
   * tables are not qualified by default (SQLite).
   */
  defaultSchema(connection: Connection): Promise<string | undefined>;
  /** What batch mode (`op.batchAlterTable`) needs to know about this database (./batch-support.ts). */
  readonly batch: BatchSupport;
  /** How autogenerate tells this database's spellings apart from real changes (src/dialects/<name>/compare.ts). */
  readonly compare: DialectCompareRules;
  /** Views: which options the database keeps, and how a definition is compared (src/dialects/<name>/views.ts). */
  readonly views: ViewSupport;
  /**
   * A fresh guard for one migration run, where the database needs the run's
   * connection prepared before its first transaction and checked before each
   * commit (SQLite: foreign keys off for the whole run, `foreign_key_check`
   * before every commit). A database that needs nothing around a run returns
   * a guard whose hooks do nothing (`noRunGuard`).
   */
  runGuard(options: { readonly offline: boolean }): RunGuard;
}
