/**
 * Scratch databases: made for one verify run and removed after it, even when
 * it fails or is interrupted. SQLite gets a file in a temp folder; PostgreSQL
 * and MySQL/MariaDB get a database named `athanor_verify_<random>` on the
 * server of the configured URL (or of the URL given), created and dropped
 * through that URL's connection.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect, findDialect } from "../../dialects/index.js";
import type { Connection, DatabaseUrl } from "../../dialects/contract/index.js";
import { parseUrl, unknownDatabaseKind } from "../../dialects/url.js";
import { AthanorError } from "../../util/errors.js";

/** One scratch database. */
export interface ScratchDatabase {
  /** Its URL (the password is never printed: use `url.masked`). */
  readonly url: DatabaseUrl;
  /** The name created on the server, or the SQLite file. */
  readonly name: string;
  /** Open a connection to it; every connection opened here is closed by `drop()`. */
  connect(): Promise<Connection>;
  /** Close its connections and remove it. Safe to call twice. */
  drop(): Promise<void>;
}

/** Where scratch databases are made: a temp folder, or a server reached through a URL. */
export interface ScratchServer {
  readonly dialect: string;
  /** The server's URL as given (masked), or the temp folder for SQLite. */
  readonly where: string;
  /** Make one more scratch database; `tag` ends its name. */
  create(tag: string): Promise<ScratchDatabase>;
  /** Remove what is left (the SQLite temp folder). */
  close(): Promise<void>;
}

/** `url` with another database name; the masked text follows. */
export function withDatabase(url: DatabaseUrl, database: string): DatabaseUrl {
  const masked = url.masked.replace(/^([^:]+:\/\/[^/?]*)(?:\/[^?]*)?/u, `$1/${database}`);
  const password = url.password;
  return Object.freeze({
    dialect: url.dialect,
    driver: url.driver,
    host: url.host,
    port: url.port,
    username: url.username,
    get password() {
      return password;
    },
    database,
    query: url.query,
    masked,
    toString: () => masked,
    toJSON: () => masked,
  }) as DatabaseUrl;
}

/** A fresh `athanor_verify_<random>` name: lowercase letters and digits, within every server's limit. */
export function scratchName(tag = ""): string {
  return `athanor_verify_${randomBytes(5).toString("hex")}${tag === "" ? "" : `_${tag}`}`;
}

/**
 * Where verify makes its databases: for SQLite a temp folder; for a server, the
 * server of `serverUrl` (the configured URL, or `--scratch-url`); `pglite`
 * for PGlite instances in this process (PostgreSQL without a server).
 *
 * @example
 * ```ts
 * const server = await scratchServer("postgresql://app@localhost/app", { cwd: process.cwd() });
 * const db = await server.create("online");
 * try { await (await db.connect()).execute("select 1"); } finally { await db.drop(); await server.close(); }
 * ```
 */
export async function scratchServer(serverUrl: string, options: { readonly cwd?: string } = {}): Promise<ScratchServer> {
  if (serverUrl === "pglite") {
    const { pgliteServer } = await import("./pglite.js");
    return pgliteServer();
  }
  const parsed = parseUrl(serverUrl);
  if (!findDialect(parsed.dialect)) throw unknownDatabaseKind(parsed);
  if (parsed.dialect === "sqlite") return sqliteServer(parsed);
  if (parsed.dialect === "postgresql" || parsed.dialect === "mysql") return databaseServer(parsed, options.cwd);
  throw new AthanorError(`verify cannot make a scratch database on ${parsed.dialect}`, {
    hint: "verify knows SQLite, PostgreSQL and MySQL/MariaDB",
  });
}

/** A scratch database whose connections are closed, and which `remove` removes, on `drop()`. */
export function scratchDatabaseOf(
  url: DatabaseUrl,
  name: string,
  cwd: string | undefined,
  remove: () => Promise<void>,
  prepare?: (connection: Connection) => Promise<void>,
): ScratchDatabase {
  return tracked(url, name, cwd, remove, prepare);
}

function tracked(
  url: DatabaseUrl,
  name: string,
  cwd: string | undefined,
  remove: () => Promise<void>,
  prepare: (connection: Connection) => Promise<void> = async () => undefined,
): ScratchDatabase {
  const opened: Connection[] = [];
  let dropped = false;
  return {
    url,
    name,
    async connect() {
      const connection = await connect(url, cwd === undefined ? {} : { cwd });
      opened.push(connection);
      await prepare(connection);
      return connection;
    },
    async drop() {
      if (dropped) return;
      dropped = true;
      for (const connection of opened.splice(0)) await connection.close().catch(() => undefined);
      await remove();
    },
  };
}

function sqliteServer(parsed: DatabaseUrl): ScratchServer {
  const dir = mkdtempSync(join(tmpdir(), "athanor-verify-"));
  return {
    dialect: "sqlite",
    where: dir,
    async create(tag) {
      const file = join(dir, `${scratchName(tag)}.db`);
      const url = parseUrl(`sqlite${parsed.driver === undefined ? "" : `+${parsed.driver}`}:///${file}`);
      // a scratch file is thrown away: no commit waits for the disk
      return tracked(url, file, undefined, async () => rmSync(file, { force: true }), async (connection) => {
        await connection.execute("PRAGMA synchronous = OFF");
      });
    },
    async close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function databaseServer(parsed: DatabaseUrl, cwd: string | undefined): Promise<ScratchServer> {
  const postgres = parsed.dialect === "postgresql";
  const quote = (name: string): string => (postgres ? `"${name}"` : `\`${name}\``);
  const admin = async <T>(use: (connection: Connection) => Promise<T>): Promise<T> => {
    const connection = await connect(parsed, cwd === undefined ? {} : { cwd });
    try {
      return await use(connection);
    } finally {
      await connection.close().catch(() => undefined);
    }
  };
  // MySQL: the scratch databases take the configured database's character set and collation
  const options = postgres
    ? ""
    : await admin(async (connection) => {
        const result = await connection.execute(
          "SELECT default_character_set_name AS cs, default_collation_name AS co FROM information_schema.schemata WHERE schema_name = DATABASE()",
        );
        const row = result.rows[0];
        const cs = row?.["cs"] ?? row?.["CS"];
        const co = row?.["co"] ?? row?.["CO"];
        return typeof cs === "string" && typeof co === "string" ? ` CHARACTER SET ${cs} COLLATE ${co}` : "";
      });
  return {
    dialect: parsed.dialect,
    where: parsed.masked,
    async create(tag) {
      const name = scratchName(tag);
      try {
        await admin((connection) => connection.execute(`CREATE DATABASE ${quote(name)}${options}`));
      } catch (error) {
        throw new AthanorError(`Cannot create the scratch database ${name} on ${parsed.masked}: ${error instanceof Error ? error.message : String(error)}`, {
          hint: "give a user who may create databases, or --scratch-url with a server where it may",
          cause: error,
        });
      }
      // a scratch database is thrown away: no commit waits for the disk (in every session, the client's too)
      if (postgres) await admin((connection) => connection.execute(`ALTER DATABASE ${quote(name)} SET synchronous_commit = off`)).catch(() => undefined);
      return tracked(withDatabase(parsed, name), name, cwd, async () => {
        await admin(async (connection) => {
          if (!postgres) {
            await connection.execute(`DROP DATABASE IF EXISTS ${quote(name)}`);
            return;
          }
          try {
            await connection.execute(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
          } catch {
            // before PostgreSQL 13 there is no FORCE; our own connections are closed by now
            await connection.execute(`DROP DATABASE IF EXISTS ${quote(name)}`);
          }
        });
      });
    },
    async close() {},
  };
}
