import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { AthanorError } from "../../util/errors.js";
import { assertConnectionOpen, connectError, statementError } from "../errors.js";
import { dropColumnHint } from "./drop-column-hint.js";
import type { ConnectOptions } from "../contract/index.js";
import type { AcquireLockOptions, Connection, DatabaseUrl, Dialect, QueryResult } from "../contract/index.js";
import { sqliteDialect } from "./dialect.js";
import { SqliteFileLock } from "./lock.js";
import type { NativeDatabase, NativeOpen, NativeStatement } from "./native.js";

/** How long a statement waits for another process's write lock before SQLITE_BUSY. */
const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** Statements whose affected-row count means something (SQLite keeps the last DML's count through DDL). */
const DML = /^\s*(?:(?:--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)\s*)*(?:insert|update|delete|replace|with)\b/i;

/** Schema statements, which return no rows: run at once, without preparing them first (one parse, not two). */
const DDL = /^\s*(?:create|drop|alter)\s/i;

/**
 * Transaction control, which returns no rows either: run at once too. Each
 * statement prepared keeps a closed database open until the garbage collector
 * finds it (see `close()`), so none is prepared where none is needed.
 */
const TRANSACTION_CONTROL = /^\s*(?:begin|commit|end|rollback|savepoint|release)\b/i;

/**
 * One INSERT, UPDATE, DELETE or REPLACE without RETURNING: run at once, its
 * count read after. A statement prepared each time stays alive until the
 * garbage collector finalizes it, and SQLite visits every live statement at
 * each schema change: a thousand revisions' version-table writes made each
 * CREATE TABLE a quarter slower.
 */
const PLAIN_DML = /^\s*(?:(?:--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)\s*)*(?:insert|update|delete|replace)\b/i;
const MORE_THAN_ONE = /;\s*\S/;
const RETURNING = /\breturning\b/i;

const PRAGMA_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PRAGMA_WORD = /^-?[A-Za-z0-9_.]+$/;

function toParam(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === "boolean") return value ? 1 : 0; // libsql aborts the process on a boolean
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  return value;
}

function fromRow(row: unknown): Record<string, unknown> {
  const out = row as Record<string, unknown>;
  for (const key of Object.keys(out)) {
    const value = out[key];
    if (value instanceof ArrayBuffer) out[key] = Buffer.from(value);
  }
  return out;
}

/**
 * libsql reports a file it cannot open as `ConnectionFailed("...: 14")`, better-sqlite3
 * as a TypeError without a code; say both as SQLite does, with SQLite's code.
 */
function readableOpenError(error: unknown, path: string): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && code.startsWith("SQLITE_")) return error;
  const number = /Unable to open connection[^"]*:\s*(\d+)/.exec(message)?.[1];
  const reason = number !== undefined ? `unable to open database file ${path} (SQLite error ${number})` : message;
  return Object.assign(new Error(reason, { cause: error }), { code: "SQLITE_CANTOPEN" });
}

/**
 * A connection through a better-sqlite3-style driver (libsql or better-sqlite3).
 * The driver is synchronous; the methods are async to fit `Connection`.
 */
export class SqliteConnection implements Connection {
  readonly dialect: Dialect = sqliteDialect;
  readonly #db: NativeDatabase;
  readonly #url: DatabaseUrl;
  readonly #lock: SqliteFileLock | undefined;
  #closed = false;
  /** `SELECT changes()`, prepared once (dropped on close). */
  #changes: NativeStatement | undefined;

  private constructor(db: NativeDatabase, url: DatabaseUrl, lock: SqliteFileLock | undefined) {
    this.#db = db;
    this.#url = url;
    this.#lock = lock;
  }

  /**
   * Opens the file named by the URL (relative paths against `options.cwd`); with
   * `options.mustExist`, a missing file is refused instead of created. Every
   * query parameter becomes a PRAGMA (`?journal_mode=wal&foreign_keys=on`);
   * `busy_timeout` defaults to 5000 ms.
   */
  static open(open: NativeOpen, url: DatabaseUrl, options: ConnectOptions): SqliteConnection {
    const name = url.database ?? ":memory:";
    const memory = name === ":memory:" || name === "";
    const path = memory ? ":memory:" : resolve(options.cwd ?? process.cwd(), name);
    if (options.mustExist && !memory && !existsSync(path)) {
      throw new AthanorError(`The SQLite database file ${path} does not exist`, {
        hint: "run `athanor upgrade head` to create it, or check `url` in the config and `-c`",
      });
    }
    const pragmas = Object.entries(url.query);
    for (const [key, value] of pragmas) {
      if (!PRAGMA_NAME.test(key)) throw new AthanorError(`Invalid SQLite URL parameter ${JSON.stringify(key)} in ${url.masked}`, { hint: "SQLite URL parameters are PRAGMA names, e.g. ?journal_mode=wal" });
      if (!PRAGMA_WORD.test(value)) throw new AthanorError(`Invalid value for SQLite PRAGMA ${key} in ${url.masked}`, { hint: "use a number or a single word" });
    }
    const busyText = url.query.busy_timeout;
    const busyTimeout = busyText !== undefined && /^\d+$/.test(busyText) ? Number(busyText) : DEFAULT_BUSY_TIMEOUT_MS;
    let db: NativeDatabase;
    try {
      db = open(path, { timeout: busyTimeout });
    } catch (error) {
      throw connectError(readableOpenError(error, path), url);
    }
    try {
      db.exec(`PRAGMA busy_timeout = ${busyTimeout}`);
      for (const [key, value] of pragmas) if (key !== "busy_timeout") db.exec(`PRAGMA ${key} = ${value}`);
    } catch (error) {
      db.close();
      throw connectError(error, url);
    }
    return new SqliteConnection(db, url, memory ? undefined : new SqliteFileLock(open, path));
  }

  get inTransaction(): boolean {
    return !this.#closed && this.#db.inTransaction;
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<QueryResult> {
    assertConnectionOpen(this.#url, this.#closed);
    const args = params.map(toParam);
    try {
      if (args.length === 0 && (DDL.test(sql) || TRANSACTION_CONTROL.test(sql))) {
        this.#db.exec(sql);
        return { rows: [], rowCount: null };
      }
      if (args.length === 0 && PLAIN_DML.test(sql) && !RETURNING.test(sql)) {
        // every statement of the text runs (libsql would prepare the first alone); a text that
        // may hold several says no count rather than the last one's
        this.#db.exec(sql);
        if (MORE_THAN_ONE.test(sql)) return { rows: [], rowCount: null };
        this.#changes ??= this.#db.prepare("SELECT changes() AS changes");
        // all(), not get(): a statement stepped once stays open, and SQLite then counts the
        // connection as in a transaction
        const [row] = this.#changes.all([]) as { changes: unknown }[];
        return { rows: [], rowCount: Number(row?.changes) };
      }
      let statement: NativeStatement;
      try {
        statement = this.#db.prepare(sql);
      } catch (error) {
        // better-sqlite3 refuses to prepare a text of several statements; exec() runs them all.
        if (args.length === 0 && /more than one statement/i.test((error as Error).message)) {
          this.#db.exec(sql);
          return { rows: [], rowCount: null };
        }
        throw error;
      }
      if (statement.reader) {
        const rows = statement.all(args).map(fromRow);
        return { rows, rowCount: rows.length };
      }
      const isDml = DML.test(sql);
      if (isDml || args.length > 0) {
        const info = statement.run(args);
        return { rows: [], rowCount: isDml ? info.changes : null };
      }
      // exec() runs every statement of the text, where prepare() would look at the first only.
      this.#db.exec(sql);
      return { rows: [], rowCount: null };
    } catch (error) {
      throw statementError(error, this.#url, sql, dropColumnHint(sql, error));
    }
  }

  async executeWithoutCount(sql: string): Promise<void> {
    assertConnectionOpen(this.#url, this.#closed);
    try {
      // exec() runs every statement of the text and reads nothing back
      this.#db.exec(sql);
    } catch (error) {
      throw statementError(error, this.#url, sql, dropColumnHint(sql, error));
    }
  }

  async begin(): Promise<void> {
    // IMMEDIATE takes the write lock at once, so two writers wait on busy_timeout
    // instead of deadlocking when both try to upgrade a read lock.
    await this.execute("BEGIN IMMEDIATE");
  }

  async commit(): Promise<void> {
    if (this.inTransaction) await this.execute("COMMIT");
  }

  async rollback(): Promise<void> {
    if (this.inTransaction) await this.execute("ROLLBACK");
  }

  async acquireLock(_name: string, timeoutMs: number, options?: AcquireLockOptions): Promise<void> {
    assertConnectionOpen(this.#url, this.#closed);
    await this.#lock?.acquire(timeoutMs, options);
  }

  async releaseLock(_name: string): Promise<void> {
    await this.#lock?.release();
  }

  async tableExists(table: string, schema?: string | null): Promise<boolean> {
    // pragma_table_list answers for any attached schema, and for an unknown one with no rows.
    const result = await this.execute(
      "SELECT 1 AS found FROM pragma_table_list WHERE schema = ? AND name = ? AND type = 'table'",
      [schema ?? "main", table],
    );
    return result.rows.length > 0;
  }

  /**
   * Closes the connection. libsql keeps a closed database open (its file, page
   * cache and schema) for as long as one of its prepared statements lives, and
   * frees it only when the garbage collector has collected the statement and
   * Node has then run the driver's finalizer, which waits for the event loop's
   * next turn. A run of many files that never yields would keep every file it
   * closed open: so the page cache is given back first, and closing yields once,
   * letting the statements already collected close their databases.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#changes = undefined;
    try {
      this.#lock?.close();
    } finally {
      try {
        this.#db.exec("PRAGMA shrink_memory");
      } catch {
        // closing anyway: only memory given back early is lost
      }
      this.#db.close();
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
