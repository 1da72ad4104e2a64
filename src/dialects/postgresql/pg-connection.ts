import type { Client, ClientConfig } from "pg";
import { AthanorError } from "../../util/errors.js";
import { assertConnectionOpen, connectError, statementError } from "../errors.js";
import { importDriver } from "../import-driver.js";
import { LockWaitNotice, throwLockNotTaken } from "../lock-wait.js";
import { pollUntil } from "../sleep.js";
import { BatchStatementError } from "../contract/index.js";
import type { AcquireLockOptions, Connection, DatabaseNotice, DatabaseUrl, Dialect, QueryResult } from "../contract/index.js";
import { postgresqlDialect } from "./dialect.js";
import { distributedEngine, distributedEngineRefusal, type DistributedEngine } from "./distributed-engine.js";
import { describeAdvisoryLockHolder } from "./lock-holder.js";
import { advisoryLockKey } from "./lock-key.js";
import { withNodeNavigator } from "./pg-load.js";
import { noticeOutcome, type PgNotice } from "./notices.js";
import { certificateHint, fallsBackToPlain, withoutSslAliasWarning } from "./ssl-mode.js";

type PgResult = { readonly rows: Record<string, unknown>[]; readonly rowCount: number | null };
/** pg's Query: the hooks a submittable query receives from the protocol (pg-cursor uses the same). */
interface PgQuery {
  handleCommandComplete(message: unknown, connection: unknown): void;
}
type PgQueryClass = new (config: { text: string; callback: (error: Error | null, result: PgResult | PgResult[]) => void }) => PgQuery;
type PgModule = { Client: new (config: ClientConfig) => Client; Query: PgQueryClass };

const CONNECT_TIMEOUT_MS = 10_000;

/** How the run's sessions appear in pg_stat_activity unless the URL names them otherwise. */
const APPLICATION_NAME = "athanor";

/**
 * PostgreSQL 14+ checks this often whether the client of a running statement is
 * still there, and aborts the statement (rolling back, releasing the migration
 * lock) when it is gone: a killed run does not keep the lock for as long as its
 * last statement would have run. Left alone when the URL or server sets it.
 */
const CLIENT_CHECK_SQL =
  "SELECT version() AS server, (SELECT set_config('client_connection_check_interval', '1000', false) " +
  "WHERE current_setting('server_version_num')::int >= 140000 " +
  "AND current_setting('client_connection_check_interval', true) = '0') AS value";

/**
 * The URL as a connection string for pg, which reads sslmode, sslrootcert,
 * application_name, options and the other libpq-style parameters from it.
 */
function connectionString(url: DatabaseUrl): string {
  const user = url.username !== undefined ? encodeURIComponent(url.username) : "";
  const password = url.password !== undefined ? `:${encodeURIComponent(url.password)}` : "";
  const auth = user || password ? `${user}${password}@` : "";
  const host = url.host === undefined ? "" : url.host.includes(":") ? `[${url.host}]` : encodeURIComponent(url.host);
  const port = url.port !== undefined ? `:${url.port}` : "";
  const database = url.database !== undefined ? `/${encodeURIComponent(url.database)}` : "/";
  const query = Object.entries(url.query)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join("&");
  return `postgresql://${auth}${host}${port}${database}${query ? `?${query}` : ""}`;
}

/** Between the statements of a batch: each on its own lines, so a trailing `--` comment cannot swallow it. */
const BATCH_SEPARATOR = "\n;\n";

/**
 * Which statement of a batch failed. The server parses the whole message before
 * running any statement, so a syntax error comes before the first one completes:
 * its position (1-based, in the whole text) says where it is; otherwise the
 * failing statement is the one after those completed.
 */
function failedIndex(error: unknown, statements: readonly string[], completed: number): number {
  const position = Number((error as { position?: unknown } | null)?.position);
  if (Number.isInteger(position) && position > 0) {
    let end = 0;
    for (const [i, sql] of statements.entries()) {
      end += sql.length + BATCH_SEPARATOR.length;
      if (position <= end) return i;
    }
  }
  return Math.min(completed, statements.length - 1);
}

/** A connection through the pg package. */
export class PgConnection implements Connection {
  readonly dialect: Dialect = postgresqlDialect;
  onNotice: ((notice: DatabaseNotice) => void) | undefined;
  readonly #client: Client;
  readonly #url: DatabaseUrl;
  readonly #config: ClientConfig;
  readonly #pg: PgModule;
  #closed = false;
  #lastError: unknown;
  /** Notices the server sent during the statement now running, with the place in a batch of the statement they are about. */
  #notices: { notice: PgNotice; index: number }[] = [];
  /** Statements of the running batch the server has completed. */
  #completed = 0;
  /** The running batch's statements. */
  #batch: readonly string[] = [];
  #running = 0;
  /** Set when the server is a distributed engine speaking PostgreSQL's protocol. */
  #engine: DistributedEngine | undefined;

  private constructor(pg: PgModule, client: Client, config: ClientConfig, url: DatabaseUrl) {
    this.#pg = pg;
    this.#client = client;
    this.#config = config;
    this.#url = url;
    // A dropped connection is reported by the next statement, not as an unhandled event.
    client.on("error", (error) => {
      this.#lastError = error;
    });
    // The server sends a statement's notices before it completes: kept here, judged when it does.
    client.on("notice", (notice) => {
      this.#notices.push({ notice, index: this.#noticeIndex(notice) });
    });
  }

  /** Connects with the pg package (imported on first use). */
  static async open(url: DatabaseUrl): Promise<PgConnection> {
    const pg = await withNodeNavigator(() => importDriver<PgModule>("pg", "PostgreSQL"));
    try {
      return await PgConnection.#connect(pg, url);
    } catch (error) {
      if (!fallsBackToPlain(url.query["sslmode"], error)) throw connectError(error, url, certificateHint(url.query, error));
      // libpq's prefer/allow: the server has no SSL, so the plain connection is the one to make.
      const plain = { ...url, query: { ...url.query, sslmode: "disable" } };
      try {
        return await PgConnection.#connect(pg, plain);
      } catch (again) {
        throw connectError(again, url);
      }
    }
  }

  static async #connect(pg: PgModule, url: DatabaseUrl): Promise<PgConnection> {
    const config: ClientConfig = {
      connectionString: connectionString(url),
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      ...(url.query["application_name"] === undefined ? { application_name: APPLICATION_NAME } : {}),
    };
    const client = withoutSslAliasWarning(() => new pg.Client(config));
    const connection = new PgConnection(pg, client, config, url);
    try {
      await client.connect();
      const session = (await client.query(CLIENT_CHECK_SQL)) as PgResult;
      connection.#engine = distributedEngine(String(session.rows[0]?.server ?? ""));
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return connection;
  }

  get inTransaction(): boolean {
    // 'T' in a transaction, 'E' in a failed one, 'I' idle (pg's record of ReadyForQuery).
    const status = (this.#client as unknown as { getTransactionStatus?: () => string | null }).getTransactionStatus?.();
    return status === "T" || status === "E";
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<QueryResult> {
    assertConnectionOpen(this.#url, this.#closed, this.#lastError);
    this.#notices = [];
    this.#running += 1;
    let result: PgResult | PgResult[];
    try {
      result = (await this.#client.query({ text: sql, values: params as unknown[] })) as PgResult | PgResult[];
    } catch (error) {
      throw statementError(error, this.#url, sql);
    } finally {
      this.#running -= 1;
    }
    this.#judgeNotices(() => sql);
    // A text with several statements answers with one result per statement: report the last.
    const last = Array.isArray(result) ? result.at(-1) : result;
    return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? null };
  }

  /**
   * Several statements in one simple-protocol message, inside the open transaction.
   * The server runs them in order and stops at the first error; counting the
   * statements it completed tells which one failed, and which one a notice is about.
   * The last text may itself hold several statements: its result is the last one's.
   */
  async executeBatch(statements: readonly string[]): Promise<QueryResult[]> {
    assertConnectionOpen(this.#url, this.#closed, this.#lastError);
    if (!this.inTransaction) throw new AthanorError("A batch of statements runs only inside a transaction");
    this.#notices = [];
    this.#completed = 0;
    this.#batch = statements;
    this.#running += 1;
    const count = (): number => this.#completed;
    const done = (): void => {
      this.#completed += 1;
    };
    const text = statements.join(BATCH_SEPARATOR);
    let raw: PgResult | PgResult[];
    try {
      raw = await new Promise<PgResult | PgResult[]>((resolve, reject) => {
        const Base = this.#pg.Query;
        const query = new (class extends Base {
          override handleCommandComplete(message: unknown, connection: unknown): void {
            done();
            super.handleCommandComplete(message, connection);
          }
        })({ text, callback: (error, result) => (error ? reject(error) : resolve(result)) });
        void this.#client.query(query as never);
      });
    } catch (error) {
      const index = failedIndex(error, statements, count());
      this.#notices = [];
      throw new BatchStatementError(index, statementError(error, this.#url, statements[index]!));
    } finally {
      this.#running -= 1;
      this.#batch = [];
    }
    this.#completed = 0;
    this.#judgeNotices((index) => statements[Math.min(index, statements.length - 1)]!, true);
    const results = Array.isArray(raw) ? raw : [raw];
    const out: QueryResult[] = statements.map((_, i) => {
      // the last text's result is its last statement's
      const r = i === statements.length - 1 ? results.at(-1) : results[i];
      return { rows: r?.rows ?? [], rowCount: r?.rowCount ?? null };
    });
    return out;
  }

  /**
   * Which statement of the running batch a notice is about: the one running, except
   * for a cut name, which the server reports while parsing the whole message before
   * running any: the last statement holding that name.
   */
  #noticeIndex(notice: PgNotice): number {
    const name = notice.code === "42622" ? /"([^"]+)"/.exec(notice.message ?? "")?.[1] : undefined;
    if (name !== undefined) {
      for (let i = this.#batch.length - 1; i >= 0; i--) if (this.#batch[i]!.includes(name)) return i;
    }
    return this.#completed;
  }

  /**
   * A notice that means a name was cut fails the statement (in a batch, as a
   * {@link BatchStatementError} giving its place); the others go to `onNotice`.
   */
  #judgeNotices(sqlOf: (index: number) => string, batch = false): void {
    const notices = this.#notices;
    this.#notices = [];
    for (const { notice, index } of notices) {
      const outcome = noticeOutcome(notice, sqlOf(index), this.#url.password);
      if (outcome === undefined) continue;
      if (outcome instanceof Error) throw batch ? new BatchStatementError(index, outcome) : outcome;
      this.onNotice?.(outcome);
    }
  }

  /**
   * Cancels the running statement with `pg_cancel_backend` from a second session
   * (same URL); the statement fails with SQLSTATE 57014.
   */
  async cancel(): Promise<void> {
    const pid = (this.#client as unknown as { processID?: number | null }).processID;
    if (this.#closed || this.#running === 0 || typeof pid !== "number") return;
    const other = withoutSslAliasWarning(() => new this.#pg.Client({ ...this.#config, application_name: `${APPLICATION_NAME} cancel` }));
    other.on("error", () => undefined);
    try {
      await other.connect();
      await other.query("SELECT pg_cancel_backend($1) AS cancelled", [pid]);
    } catch (error) {
      throw statementError(error, this.#url, "SELECT pg_cancel_backend($1)");
    } finally {
      await other.end().catch(() => undefined);
    }
  }

  async begin(): Promise<void> {
    await this.execute("BEGIN");
  }

  async commit(): Promise<void> {
    await this.execute("COMMIT");
  }

  async rollback(): Promise<void> {
    if (this.inTransaction) await this.execute("ROLLBACK");
  }

  /**
   * Session-level advisory lock, so it outlives the run's transactions. Waits by
   * polling `pg_try_advisory_lock`, which never holds a transaction open.
   */
  async acquireLock(name: string, timeoutMs: number, options?: AcquireLockOptions): Promise<void> {
    if (this.#engine !== undefined) throw distributedEngineRefusal(this.#engine, this.#url.masked);
    const key = advisoryLockKey(name);
    const what = `${JSON.stringify(name)} in ${this.#url.masked}`;
    const notice = new LockWaitNotice(what, options);
    const holder = (): Promise<string | undefined> => describeAdvisoryLockHolder(this, key);
    const taken = await pollUntil(async () => {
      const result = await this.execute("SELECT pg_try_advisory_lock($1::bigint) AS taken", [key]);
      if (result.rows[0]?.taken === true) return true;
      await notice.say(holder);
      return false;
    }, timeoutMs, options?.signal);
    if (!taken) await throwLockNotTaken(what, timeoutMs, options?.signal, holder);
  }

  async releaseLock(name: string): Promise<void> {
    if (this.#closed) return;
    await this.execute("SELECT pg_advisory_unlock($1::bigint) AS released", [advisoryLockKey(name)]);
  }

  async tableExists(table: string, schema?: string | null): Promise<boolean> {
    const result = await this.execute(
      `SELECT 1 AS found FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relname = $1 AND n.nspname = COALESCE($2, current_schema()) AND c.relkind IN ('r', 'p')`,
      [table, schema ?? null],
    );
    return result.rows.length > 0;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#client.end().catch(() => undefined);
  }
}
