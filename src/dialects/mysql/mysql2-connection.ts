import type { Connection as DriverConnection, ConnectionOptions, ResultSetHeader } from "mysql2/promise";
import { AthanorError } from "../../util/errors.js";
import { assertConnectionOpen, connectError, statementError, throwIfWaitStopped } from "../errors.js";
import { importDriver } from "../import-driver.js";
import { LOCK_WAIT_NOTICE_MS, throwLockNotTaken, waitLine } from "../lock-wait.js";
import { BatchStatementError, OutcomeUnknownError, RowCountMismatch } from "../contract/index.js";
import type { AcquireLockOptions, AtomicStatement, Connection, DatabaseNotice, DatabaseUrl, Dialect, QueryResult } from "../contract/index.js";
import { compoundTransaction, runsCompoundStatements, travelsAfterCommit } from "./compound-transaction.js";
import { compoundSelect } from "./result-sets.js";
import { createMysqlDialect } from "./dialect.js";
import { describeNamedLockHolder } from "./lock-holder.js";
import { mysqlLockName } from "./lock-name.js";
import { judgeWarnings, warningRows } from "./server-warnings.js";

type Mysql2Module = { createConnection(options: ConnectionOptions): Promise<DriverConnection> };

/** What mysql2's query reports as it reads a statement's results (its rows one by one). */
type ResultEvents = { on(event: "fields" | "result" | "error" | "end", listener: (...args: never[]) => void): unknown };

/** Bit of the server status flags set while a transaction is open. */
const SERVER_STATUS_IN_TRANS = 1;

const CONNECT_TIMEOUT_MS = 10_000;

/** The server does not know the statement's syntax (a MariaDB before 10.1 and its compound statements). */
const ER_PARSE_ERROR = 1064;

/**
 * Errors after which a compound transaction is not tried again statement by
 * statement: the statement was stopped (`KILL QUERY`, a time limit), the session
 * ended, or a lock was waited for until the limit (a second try would wait again).
 */
const NOT_RETRIED: ReadonlySet<number> = new Set([1053, 1205, 1317, 1927, 1969, 3024]);

/** URL parameters that are session variables set after connecting, not mysql2 options. */
const SESSION_SETTINGS: ReadonlySet<string> = new Set(["sql_mode", "time_zone"]);

/** A URL query value as a mysql2 option: booleans and numbers typed, `ssl` as mysql2 expects it. */
function optionValue(key: string, value: string): unknown {
  if (key === "ssl") {
    if (/^(true|1|required|require)$/i.test(value)) return {};
    if (/^(false|0|disabled|disable)$/i.test(value)) return undefined;
    if (value.startsWith("{")) {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        throw new AthanorError(`The ssl parameter of the MySQL URL is not valid JSON`);
      }
    }
    return value; // a named profile such as "Amazon RDS"
  }
  if (value === "true") return true;
  if (value === "false") return false;
  if (/^-?\d+$/.test(value) && key !== "charset" && key !== "password") return Number(value);
  return value;
}

function driverOptions(url: DatabaseUrl): ConnectionOptions {
  const options: Record<string, unknown> = {
    host: url.host,
    port: url.port,
    user: url.username,
    password: url.password,
    database: url.database,
    connectTimeout: CONNECT_TIMEOUT_MS,
    timezone: "Z",
    supportBigNumbers: true,
  };
  for (const [key, value] of Object.entries(url.query)) {
    if (SESSION_SETTINGS.has(key)) continue;
    const name = key === "socket" || key === "unix_socket" ? "socketPath" : key;
    options[name] = optionValue(key, value);
  }
  // One statement per call: a stray `;` in a migration cannot smuggle in another.
  options.multipleStatements = false;
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  return options as ConnectionOptions;
}

/** A connection through the mysql2 package (MySQL and MariaDB). */
export class Mysql2Connection implements Connection {
  readonly dialect: Dialect;
  onNotice: ((notice: DatabaseNotice) => void) | undefined;
  readonly #connection: DriverConnection;
  readonly #url: DatabaseUrl;
  readonly #mysql: Mysql2Module;
  #inTransaction = false;
  #closed = false;
  #lastError: unknown;
  #running = 0;
  /** The server runs anonymous compound statements (MariaDB 10.1+): a transaction travels in one message. */
  #compound: boolean;
  /**
   * On MariaDB, statements that commit together in one round trip (see
   * {@link Connection.executeAtomic}); absent on MySQL, which has no compound
   * statement outside stored programs.
   */
  readonly executeAtomic: ((statements: readonly AtomicStatement[]) => Promise<void>) | undefined;
  /** On MariaDB, statements committed together and then a DDL statement, in one round trip (see {@link Connection.executeAtomicThen}). */
  readonly executeAtomicThen:
    | ((statements: readonly AtomicStatement[], sql: string, committed: () => Promise<boolean>) => Promise<QueryResult | undefined>)
    | undefined;

  private constructor(mysql: Mysql2Module, connection: DriverConnection, url: DatabaseUrl, dialect: Dialect, serverVersion: string) {
    this.#mysql = mysql;
    this.#connection = connection;
    this.#url = url;
    this.dialect = dialect;
    this.#compound = runsCompoundStatements(serverVersion);
    this.executeAtomic = this.#compound ? (statements) => this.#executeAtomic(statements) : undefined;
    this.executeAtomicThen = this.#compound ? (statements, sql, committed) => this.#executeAtomicThen(statements, sql, committed) : undefined;
    connection.on("error", (error: unknown) => {
      this.#lastError = error;
    });
  }

  /**
   * Connects with mysql2 (imported on first use), sets the session's `sql_mode` and
   * `time_zone` when the URL gives them, and reads the sql_mode back so literals
   * follow NO_BACKSLASH_ESCAPES.
   */
  static async open(url: DatabaseUrl): Promise<Mysql2Connection> {
    const mysql = await importDriver<Mysql2Module>("mysql2", "MySQL", "mysql2/promise");
    let connection: DriverConnection;
    try {
      connection = await mysql.createConnection(driverOptions(url));
    } catch (error) {
      throw connectError(error, url);
    }
    try {
      for (const key of SESSION_SETTINGS) {
        const value = url.query[key];
        if (value !== undefined) await connection.query(`SET SESSION ${key} = ?`, [value]);
      }
      const [rows] = await connection.query("SELECT @@SESSION.sql_mode AS sql_mode, VERSION() AS version");
      const row = (rows as Array<{ sql_mode?: unknown; version?: unknown }>)[0];
      const mode = String(row?.sql_mode ?? "");
      const version = String(row?.version ?? "");
      const dialect = createMysqlDialect({
        noBackslashEscapes: /\bNO_BACKSLASH_ESCAPES\b/i.test(mode),
        flavor: /mariadb/i.test(version) ? "mariadb" : "mysql",
      });
      return new Mysql2Connection(mysql, connection, url, dialect, version);
    } catch (error) {
      await connection.end().catch(() => undefined);
      throw connectError(error, url);
    }
  }

  get inTransaction(): boolean {
    return this.#inTransaction;
  }

  /**
   * Runs one statement. When the server reports warnings for it (the OK packet's
   * warning count, so a statement without any costs nothing more), `SHOW WARNINGS`
   * is read: Warning and Error levels fail the statement (it ran, but the server
   * cut, replaced or dropped something), Notes go to `onNotice`.
   */
  async execute(sql: string, params: readonly unknown[] = []): Promise<QueryResult> {
    assertConnectionOpen(this.#url, this.#closed, this.#lastError);
    const header = await this.#run(sql, params);
    if (header.warnings > 0) await this.#judgeWarnings(sql);
    return header.result;
  }

  async #run(sql: string, params: readonly unknown[]): Promise<{ result: QueryResult; warnings: number }> {
    this.#running += 1;
    try {
      // Values are bound by the server (a prepared statement): mysql2's client-side
      // escaping would double backslashes that NO_BACKSLASH_ESCAPES keeps literal.
      const [result] =
        params.length > 0
          ? await this.#connection.execute(sql, params.map((value) => (value === undefined ? null : value)) as never)
          : await this.#connection.query(sql);
      if (Array.isArray(result)) {
        const rows = result as Record<string, unknown>[];
        return { result: { rows, rowCount: rows.length }, warnings: 0 };
      }
      const header = result as ResultSetHeader;
      // DDL commits implicitly on MySQL: the server's status says whether a transaction is still open.
      if (typeof header.serverStatus === "number") {
        this.#inTransaction = (header.serverStatus & SERVER_STATUS_IN_TRANS) !== 0;
      }
      return { result: { rows: [], rowCount: header.affectedRows ?? null }, warnings: Number(header.warningStatus ?? 0) };
    } catch (error) {
      throw statementError(error, this.#url, sql);
    } finally {
      this.#running -= 1;
    }
  }

  /**
   * One compound statement holding the transaction (see {@link compoundTransaction}).
   * When it fails, the server has rolled it back; it is then run again statement
   * by statement (BEGIN, each, COMMIT), which finds the failing statement's place,
   * the rows it changed, or the warnings it drew, as a run without the compound
   * statement would, and rolls back again. A stopped statement or a lost session
   * is not tried again.
   */
  async #executeAtomic(statements: readonly AtomicStatement[]): Promise<void> {
    assertConnectionOpen(this.#url, this.#closed, this.#lastError);
    if (this.#inTransaction) {
      throw new AthanorError("Statements to commit together were given while a transaction is open", {
        hint: "commit or roll back the open transaction first: they run in a transaction of their own",
      });
    }
    if (statements.length === 0) return;
    if (this.#compound) {
      const sql = compoundTransaction(statements);
      let failure: unknown;
      this.#running += 1;
      try {
        const [result] = await this.#connection.query(sql);
        const header = result as ResultSetHeader;
        if (typeof header.serverStatus === "number") this.#inTransaction = (header.serverStatus & SERVER_STATUS_IN_TRANS) !== 0;
        if (Number(header.warningStatus ?? 0) > 0) await this.#judgeWarnings(sql);
        return;
      } catch (error) {
        failure = error;
      } finally {
        this.#running -= 1;
      }
      if (failure instanceof AthanorError) throw failure;
      const fatal = (failure as { fatal?: unknown }).fatal === true;
      const errno = Number((failure as { errno?: unknown }).errno);
      // whatever the failure left open goes (the handler has rolled back already): the retry's BEGIN must not commit it
      if (!fatal) await this.#connection.query("ROLLBACK").catch(() => undefined);
      this.#inTransaction = false;
      if (fatal || NOT_RETRIED.has(errno)) throw statementError(failure, this.#url, sql);
      if (errno === ER_PARSE_ERROR) this.#compound = false;
    }
    await this.#executeEach(statements);
  }

  /**
   * On MariaDB, SELECTs sent as one compound statement (see {@link compoundSelect}):
   * each one's rows, in order, in one round trip; `onResult` gets each result as
   * soon as the next one starts to arrive. `undefined` where the server runs no
   * compound statement (MySQL): the caller runs them one by one.
   */
  async readResultSets(
    statements: readonly string[],
    onResult?: (index: number, rows: Record<string, unknown>[]) => void,
  ): Promise<Record<string, unknown>[][] | undefined> {
    if (!this.#compound) return undefined;
    assertConnectionOpen(this.#url, this.#closed, this.#lastError);
    const sql = compoundSelect(statements);
    const core = (this.#connection as unknown as { connection: { query(sql: string): ResultEvents } }).connection;
    this.#running += 1;
    try {
      return await new Promise<Record<string, unknown>[][] | undefined>((resolve, reject) => {
        const sets: Record<string, unknown>[][] = [];
        let rows: Record<string, unknown>[] | undefined;
        let handed = 0;
        let failure: { error: unknown } | undefined;
        // the results complete so far go to onResult; one that throws stops the rest, the statement is still read to its end
        const handOn = (): void => {
          while (handed < sets.length && failure === undefined) {
            try {
              onResult?.(handed, sets[handed]!);
            } catch (error) {
              failure = { error };
            }
            handed += 1;
          }
        };
        const query = core.query(sql);
        query.on("fields", (fields: unknown) => {
          handOn();
          rows = fields === undefined ? undefined : [];
          if (rows !== undefined) sets.push(rows);
        });
        query.on("result", (row: unknown) => {
          rows?.push(row as Record<string, unknown>);
        });
        query.on("error", (error: unknown) => {
          failure ??= { error: Number((error as { errno?: unknown }).errno) === ER_PARSE_ERROR && sets.length === 0 ? undefined : statementError(error, this.#url, sql) };
        });
        query.on("end", () => {
          if (failure !== undefined && failure.error === undefined) {
            this.#compound = false;
            resolve(undefined);
            return;
          }
          if (failure === undefined && sets.length !== statements.length) {
            failure = {
              error: new AthanorError(`The server answered ${statements.length} SELECTs sent together with ${sets.length} results`, {
                hint: "connect to MariaDB directly: something between athanor and the server changed the compound statement's results",
              }),
            };
          }
          handOn();
          if (failure !== undefined) reject(failure.error);
          else resolve(sets);
        });
      });
    } finally {
      this.#running -= 1;
    }
  }

  /**
   * One compound statement: the transaction, then `sql` after its COMMIT (see
   * {@link compoundTransaction}). The warnings reported are `sql`'s (the
   * transaction's own would have failed it) and are judged as `sql`'s. When it
   * fails, a session still open is asked, through `committed`, whether the
   * transaction is in: if so the failure is `sql`'s, which ran after it; if that
   * cannot be told (the session was lost), an {@link OutcomeUnknownError}; if not, nothing ran (`sql` only runs after the COMMIT), and
   * both go again apart, the transaction as {@link #executeAtomic} sends it and
   * then `sql` alone, so that each failure is found and named as when they are
   * sent apart (a syntax error in `sql` fails the whole compound statement before
   * anything runs). A stopped statement or a lock waited for until the limit is
   * not tried again: the transaction's failure, given the place of its first
   * statement.
   */
  async #executeAtomicThen(
    statements: readonly AtomicStatement[],
    sql: string,
    committed: () => Promise<boolean>,
  ): Promise<QueryResult | undefined> {
    assertConnectionOpen(this.#url, this.#closed, this.#lastError);
    if (!this.#compound || this.#inTransaction || statements.length === 0 || !travelsAfterCommit(sql)) return undefined;
    const text = compoundTransaction(statements, sql);
    let failure: unknown;
    let header: ResultSetHeader | undefined;
    this.#running += 1;
    try {
      [header] = (await this.#connection.query(text)) as unknown as [ResultSetHeader];
    } catch (error) {
      failure = error;
    } finally {
      this.#running -= 1;
    }
    if (header !== undefined) {
      if (typeof header.serverStatus === "number") this.#inTransaction = (header.serverStatus & SERVER_STATUS_IN_TRANS) !== 0;
      if (Number(header.warningStatus ?? 0) > 0) await this.#judgeWarnings(sql);
      return { rows: [], rowCount: null };
    }
    // a lost session cannot be asked: its transaction may have committed before the loss
    if ((failure as { fatal?: unknown }).fatal === true) throw new OutcomeUnknownError(statementError(failure, this.#url, sql));
    // a stopped statement skips the handler: whatever is left open goes
    await this.#connection.query("ROLLBACK").catch(() => undefined);
    this.#inTransaction = false;
    const done = await committed().catch(() => undefined);
    if (done === undefined) throw new OutcomeUnknownError(statementError(failure, this.#url, sql));
    if (done) throw statementError(failure, this.#url, sql);
    if (NOT_RETRIED.has(Number((failure as { errno?: unknown }).errno))) {
      throw new BatchStatementError(0, statementError(failure, this.#url, statements[0]!.sql));
    }
    await this.#executeAtomic(statements);
    return this.execute(sql);
  }

  /** BEGIN, each statement (its warnings judged, its row count checked), COMMIT; rolled back on any failure. */
  async #executeEach(statements: readonly AtomicStatement[]): Promise<void> {
    await this.begin();
    try {
      for (const [index, statement] of statements.entries()) {
        let result: QueryResult;
        try {
          result = await this.execute(statement.sql);
        } catch (error) {
          throw new BatchStatementError(index, error);
        }
        const expected = statement.rowCount;
        if (expected !== undefined && result.rowCount !== null && result.rowCount !== expected) {
          throw new BatchStatementError(index, new RowCountMismatch(expected, result.rowCount));
        }
      }
      await this.commit();
    } catch (error) {
      await this.rollback().catch(() => undefined);
      throw error;
    }
  }

  async #judgeWarnings(sql: string): Promise<void> {
    let rows: unknown;
    try {
      [rows] = await this.#connection.query("SHOW WARNINGS");
    } catch (error) {
      throw statementError(error, this.#url, "SHOW WARNINGS");
    }
    const { error, notices } = judgeWarnings(warningRows(rows), sql, this.#url.password);
    for (const notice of notices) this.onNotice?.(notice);
    if (error) throw error;
  }

  /**
   * Cancels the running statement with `KILL QUERY` from a second connection
   * (same URL); the statement fails with ER_QUERY_INTERRUPTED, the session stays.
   */
  async cancel(): Promise<void> {
    if (this.#closed || this.#running === 0) return;
    const id = this.#connection.threadId;
    let other: DriverConnection | undefined;
    try {
      other = await this.#mysql.createConnection(driverOptions(this.#url));
      await other.query(`KILL QUERY ${Number(id)}`);
    } catch (error) {
      throw statementError(error, this.#url, `KILL QUERY ${Number(id)}`);
    } finally {
      await other?.end().catch(() => other?.destroy());
    }
  }

  async begin(): Promise<void> {
    await this.execute("BEGIN");
    this.#inTransaction = true;
  }

  async commit(): Promise<void> {
    await this.execute("COMMIT");
    this.#inTransaction = false;
  }

  async rollback(): Promise<void> {
    await this.execute("ROLLBACK");
    this.#inTransaction = false;
  }

  /**
   * `GET_LOCK`: session-level, held until `RELEASE_LOCK` or the session ends; the
   * server does the waiting. With `onWait`, the first second is waited apart, so
   * the holder can be named in between (the session is blocked while it waits).
   */
  async acquireLock(name: string, timeoutMs: number, options?: AcquireLockOptions): Promise<void> {
    const lockName = mysqlLockName(this.#url.database, name);
    const what = `${JSON.stringify(lockName)} in ${this.#url.masked}`;
    const total = Math.max(0, timeoutMs);
    const first = options?.onWait ? Math.min(total, LOCK_WAIT_NOTICE_MS) : total;
    const holder = (): Promise<string | undefined> =>
      describeNamedLockHolder(async (sql, params) => (await this.execute(sql, params)).rows, lockName).catch(() => undefined);
    // GET_LOCK waits on the server: an abort cancels it there
    const signal = options?.signal;
    const stop = (): void => void this.cancel().catch(() => undefined);
    signal?.addEventListener("abort", stop, { once: true });
    let taken: boolean;
    try {
      throwIfWaitStopped(signal, what);
      taken = await this.#getLock(lockName, first);
      if (!taken && total > first && signal?.aborted !== true) {
        options?.onWait?.(waitLine(what, await holder()));
        taken = await this.#getLock(lockName, total - first);
      }
    } catch (error) {
      throwIfWaitStopped(signal, what);
      throw error;
    } finally {
      signal?.removeEventListener("abort", stop);
    }
    if (!taken) await throwLockNotTaken(what, timeoutMs, signal, holder);
  }

  async #getLock(lockName: string, ms: number): Promise<boolean> {
    const result = await this.execute("SELECT GET_LOCK(?, ?) AS taken", [lockName, ms / 1000]);
    return Number(result.rows[0]?.taken) === 1;
  }

  async releaseLock(name: string): Promise<void> {
    if (this.#closed) return;
    await this.execute("SELECT RELEASE_LOCK(?) AS released", [mysqlLockName(this.#url.database, name)]);
  }

  async tableExists(table: string, schema?: string | null): Promise<boolean> {
    const result = await this.execute(
      "SELECT 1 AS found FROM information_schema.tables WHERE table_schema = COALESCE(?, DATABASE()) AND table_name = ?",
      [schema ?? null, table],
    );
    return result.rows.length > 0;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#connection.end().catch(() => this.#connection.destroy());
  }
}
