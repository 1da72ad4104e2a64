import type { Client, ClientConfig } from "pg";
import { AthanorError } from "../../util/errors.js";
import { connectError, lockTimeoutError, scrubSecret, statementError } from "../errors.js";
import { importDriver } from "../import-driver.js";
import { pollUntil } from "../sleep.js";
import type { Connection, DatabaseUrl, Dialect, QueryResult } from "../types.js";
import { postgresqlDialect } from "./dialect.js";
import { advisoryLockKey } from "./lock-key.js";

type PgModule = { Client: new (config: ClientConfig) => Client };

const CONNECT_TIMEOUT_MS = 10_000;

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

/** A connection through the pg package. */
export class PgConnection implements Connection {
  readonly dialect: Dialect = postgresqlDialect;
  readonly #client: Client;
  readonly #url: DatabaseUrl;
  #closed = false;
  #lastError: unknown;

  private constructor(client: Client, url: DatabaseUrl) {
    this.#client = client;
    this.#url = url;
    // A dropped connection is reported by the next statement, not as an unhandled event.
    client.on("error", (error) => {
      this.#lastError = error;
    });
  }

  /** Connects with the pg package (imported on first use). */
  static async open(url: DatabaseUrl): Promise<PgConnection> {
    const pg = await importDriver<PgModule>("pg", "PostgreSQL");
    let client: Client;
    try {
      client = new pg.Client({ connectionString: connectionString(url), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    } catch (error) {
      throw connectError(error, url);
    }
    const connection = new PgConnection(client, url);
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw connectError(error, url);
    }
    return connection;
  }

  get inTransaction(): boolean {
    // 'T' in a transaction, 'E' in a failed one, 'I' idle (pg's record of ReadyForQuery).
    const status = (this.#client as unknown as { getTransactionStatus?: () => string | null }).getTransactionStatus?.();
    return status === "T" || status === "E";
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<QueryResult> {
    this.#assertOpen();
    try {
      const result = await this.#client.query({ text: sql, values: params as unknown[] });
      // A text with several statements answers with one result per statement: report the last.
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return { rows: last?.rows ?? [], rowCount: last?.rowCount ?? null };
    } catch (error) {
      throw statementError(error, this.#url, sql);
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
  async acquireLock(name: string, timeoutMs: number): Promise<void> {
    const key = advisoryLockKey(name);
    const taken = await pollUntil(async () => {
      const result = await this.execute("SELECT pg_try_advisory_lock($1::bigint) AS taken", [key]);
      return result.rows[0]?.taken === true;
    }, timeoutMs);
    if (!taken) throw lockTimeoutError(`${JSON.stringify(name)} in ${this.#url.masked}`, timeoutMs);
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

  #assertOpen(): void {
    if (this.#closed) throw new AthanorError(`The connection to ${this.#url.masked} is closed`);
    if (this.#lastError !== undefined) {
      const error = this.#lastError;
      throw new AthanorError(`The connection to ${this.#url.masked} was lost: ${scrubSecret((error as Error).message, this.#url.password)}`, { cause: error });
    }
  }
}
