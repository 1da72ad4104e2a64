/**
 * Scratch PostgreSQL databases without a server: each one a PGlite instance
 * (PostgreSQL compiled to WebAssembly, in this process) behind
 * `@electric-sql/pglite-socket`, which `pg` and `psql` reach like a server on
 * 127.0.0.1. Both packages are the project's to install; they load only here.
 */
import { importDriver } from "../../dialects/import-driver.js";
import { parseUrl } from "../../dialects/url.js";
import { AthanorError } from "../../util/errors.js";
import type { ScratchDatabase, ScratchServer } from "./scratch.js";
import { scratchDatabaseOf } from "./scratch.js";

interface PGliteLike {
  close(): Promise<void>;
}
interface PGliteModule {
  PGlite: { create(): Promise<PGliteLike> };
}
interface SocketServerLike {
  start(): Promise<void>;
  stop(): Promise<void>;
  getServerConn(): string;
}
interface SocketModule {
  PGLiteSocketServer: new (options: { db: PGliteLike; port: number; host: string; maxConnections?: number }) => SocketServerLike;
}

/** The packages PGlite scratch databases need, as `npm install -D` takes them. */
export const PGLITE_PACKAGES = "@electric-sql/pglite @electric-sql/pglite-socket";

async function load(): Promise<{ pglite: PGliteModule; socket: SocketModule }> {
  try {
    const pglite = await importDriver<PGliteModule>("@electric-sql/pglite", "PGlite");
    const socket = await importDriver<SocketModule>("@electric-sql/pglite-socket", "PGlite socket");
    return { pglite, socket };
  } catch (error) {
    throw new AthanorError(`PGlite is not installed: ${error instanceof Error ? error.message : String(error)}`, {
      hint: `run \`npm install -D ${PGLITE_PACKAGES}\`, or give --scratch-url a PostgreSQL server`,
    });
  }
}

/**
 * Scratch databases on PGlite: each `create()` starts an instance (a fresh
 * `initdb`, a few seconds) and its socket server on a free port.
 *
 * @example
 * ```ts
 * const server = await pgliteServer();
 * const db = await server.create("a");
 * try { console.log(db.url.masked); } finally { await db.drop(); }
 * ```
 */
export async function pgliteServer(): Promise<ScratchServer> {
  const { pglite, socket } = await load();
  return {
    dialect: "postgresql",
    where: "PGlite (PostgreSQL in this process)",
    async create(tag): Promise<ScratchDatabase> {
      const db = await pglite.PGlite.create();
      const server = new socket.PGLiteSocketServer({ db, port: 0, host: "127.0.0.1", maxConnections: 8 });
      try {
        await server.start();
      } catch (error) {
        await db.close().catch(() => undefined);
        throw error;
      }
      const address = server.getServerConn();
      const url = parseUrl(`postgresql://postgres@${address}/postgres`);
      return scratchDatabaseOf(url, `pglite_${tag}`, undefined, async () => {
        await server.stop().catch(() => undefined);
        await db.close().catch(() => undefined);
      });
    },
    async close() {},
  };
}
