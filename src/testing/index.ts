/**
 * athanor/testing: migration tests in your own test runner. A
 * {@link MigrationHarness} is a scratch database of its own (a temp SQLite
 * file, or `athanor_verify_<random>` on the configured server) that you
 * migrate to a revision, fill with rows, migrate on, and read back; the
 * built-in `athanor verify` tests run one at a time with {@link verifyTest}.
 *
 * @example
 * ```ts
 * import { afterEach, expect, test } from "vitest";
 * import { Config } from "athanor";
 * import { MigrationHarness, verifyTest } from "athanor/testing";
 *
 * test("the stairway holds", async () => {
 *   const result = await verifyTest(await Config.load(), "stairway");
 *   expect(result.status, result.reason).toBe("passed");
 * });
 *
 * test("full names are split", async () => {
 *   const db = await MigrationHarness.create(await Config.load());
 *   try {
 *     await db.migrateTo("a1b2c3d4e5f6");
 *     await db.insert("users", [{ id: 1, full_name: "Ada Lovelace" }]);
 *     await db.migrateTo("heads");
 *     expect(await db.rows("users")).toEqual([{ id: 1, first_name: "Ada", last_name: "Lovelace" }]);
 *   } finally {
 *     await db.drop();
 *   }
 * });
 * ```
 */
import { Config } from "../config/index.js";
import type { Connection, QueryResult } from "../dialects/contract/index.js";
import { downgrade } from "../command/downgrade.js";
import { upgrade } from "../command/upgrade.js";
import { readCurrentHeads } from "../runtime/index.js";
import { loadEnvironment } from "../runtime/run-environment.js";
import { ScriptDirectory } from "../script/index.js";
import { AthanorError } from "../util/errors.js";
import { refuseCustomRun, runVerify, type VerifyOptions } from "../command/verify/run-verify.js";
import { scratchServer, type ScratchDatabase, type ScratchServer } from "../command/verify/scratch.js";
import { VERIFY_TESTS, type VerifyTestName, type VerifyTestResult } from "../command/verify/types.js";

export { VERIFY_TESTS, type VerifyTestName, type VerifyTestResult };
export type { ScratchDatabase, ScratchServer };
export type { VerifyOptions, VerifyProgress, VerifyResult, VerifyStatus } from "../command/verify.js";

/** Options of {@link MigrationHarness.create}. */
export interface HarnessOptions {
  /** A server to make the scratch database on; default the server of the project's URL (SQLite: a temp file). */
  readonly scratchUrl?: string;
}

/**
 * A scratch database migrated with the project's revisions, for tests of
 * what a migration does to data (pytest-alembic's `alembic_runner`). Drop it
 * with {@link drop}.
 */
export class MigrationHarness {
  /** The project's config with the scratch connection handed in: pass it to any `command.*`. */
  readonly config: Config;
  /** The open connection to the scratch database. */
  readonly connection: Connection;
  /** The scratch database (its `url.masked` is printable). */
  readonly database: ScratchDatabase;
  readonly #server: ScratchServer;
  readonly #script: ScriptDirectory;

  private constructor(config: Config, connection: Connection, database: ScratchDatabase, server: ScratchServer, script: ScriptDirectory) {
    this.config = config;
    this.connection = connection;
    this.database = database;
    this.#server = server;
    this.#script = script;
  }

  /**
   * Make a scratch database for the project of `config`, empty (at base).
   *
   * @example
   * ```ts
   * const db = await MigrationHarness.create(await Config.load());
   * try { await db.migrateTo("heads"); } finally { await db.drop(); }
   * ```
   */
  static async create(config: Config, options: HarnessOptions = {}): Promise<MigrationHarness> {
    const script = await ScriptDirectory.fromConfig(config);
    const env = await loadEnvironment(script);
    refuseCustomRun(env);
    const url = options.scratchUrl ?? env.url ?? config.url;
    if (!url) throw new AthanorError("No database URL is configured to make a scratch database on", { hint: "set `url` in athanor.config.ts, or give scratchUrl" });
    const server = await scratchServer(url, { cwd: config.baseDir });
    let database: ScratchDatabase | undefined;
    try {
      database = await server.create("t");
      const connection = await database.connect();
      const scratch = Config.from(config.raw, { baseDir: config.baseDir, ...(config.file === undefined ? {} : { file: config.file }), xArgs: config.xArgList });
      Object.assign(scratch.attributes, config.attributes, { connection });
      return new MigrationHarness(scratch, connection, database, server, await ScriptDirectory.fromConfig(scratch));
    } catch (error) {
      await database?.drop().catch(() => undefined);
      await server.close().catch(() => undefined);
      throw error;
    }
  }

  /** The revisions the version table holds (empty at base). */
  async heads(): Promise<readonly string[]> {
    return readCurrentHeads(this.#script);
  }

  /**
   * Upgrade or downgrade to `target` (`heads`, `base`, an id, `+1`, `-1`),
   * whichever way it lies.
   */
  async migrateTo(target: string): Promise<readonly string[]> {
    const current = await this.heads();
    if (target === "base") return (await downgrade(this.config, "base")).heads;
    if (/^-\d+$/u.test(target)) return (await downgrade(this.config, target)).heads;
    if (/^\+\d+$/u.test(target) || target === "head" || target === "heads") return (await upgrade(this.config, target)).heads;
    const ids = this.#script.map.getRevisions(target, current).map((rev) => rev.revision);
    const below = this.#script.map.ancestorsOf([...current]);
    const downward = ids.length > 0 && ids.every((id) => below.has(id) && !current.includes(id));
    if (ids.every((id) => current.includes(id))) return current;
    return (downward ? await downgrade(this.config, target) : await upgrade(this.config, target)).heads;
  }

  /** Run one statement on the scratch database (`$1` placeholders on PostgreSQL, `?` elsewhere). */
  execute(sql: string, params: readonly unknown[] = []): Promise<QueryResult> {
    return this.connection.execute(sql, params);
  }

  /**
   * Insert rows (objects of column → value) into a table, one statement per row.
   *
   * @example
   * ```ts
   * await db.insert("users", [{ id: 1, email: "ada@example.com" }]);
   * ```
   */
  async insert(table: string, rows: readonly Readonly<Record<string, unknown>>[], options: { readonly schema?: string } = {}): Promise<void> {
    const dialect = this.connection.dialect;
    const target = dialect.quoteTable(table, options.schema ?? null);
    for (const row of rows) {
      const columns = Object.keys(row);
      const sql = `INSERT INTO ${target} (${columns.map((c) => dialect.quoteIdentifier(c)).join(", ")}) VALUES (${columns.map((_c, i) => dialect.placeholder(i + 1)).join(", ")})`;
      await this.connection.execute(sql, columns.map((c) => row[c]));
    }
  }

  /**
   * Every row of a table, ordered by `orderBy` (default: the first column).
   *
   * @example
   * ```ts
   * expect(await db.rows("users", { orderBy: "id" })).toEqual([{ id: 1, email: "ada@example.com" }]);
   * ```
   */
  async rows(table: string, options: { readonly schema?: string; readonly orderBy?: string } = {}): Promise<Record<string, unknown>[]> {
    const dialect = this.connection.dialect;
    const order = options.orderBy === undefined ? "1" : dialect.quoteIdentifier(options.orderBy);
    const result = await this.connection.execute(`SELECT * FROM ${dialect.quoteTable(table, options.schema ?? null)} ORDER BY ${order}`);
    return result.rows.map((row) => ({ ...row }));
  }

  /** Close the connection and remove the scratch database. */
  async drop(): Promise<void> {
    await this.database.drop();
    await this.#server.close();
  }

}

/**
 * Run one built-in verify test on its own scratch databases (made and removed
 * here): `single-head`, `upgrade`, `model-matches`, `stairway`, `downgrades` or
 * `offline-matches`.
 *
 * @example
 * ```ts
 * const result = await verifyTest(config, "offline-matches");
 * expect(result.status, result.reason).not.toBe("failed");
 * ```
 */
export async function verifyTest(config: Config, name: VerifyTestName, options: Omit<VerifyOptions, "tests"> = {}): Promise<VerifyTestResult> {
  const result = await runVerify(config, { ...options, tests: [name] });
  const test = result.tests.find((t) => t.name === name);
  if (test === undefined) throw new AthanorError(`verify did not run the test "${name}"`);
  return test;
}

/**
 * Make a scratch database directly (what {@link MigrationHarness} uses):
 * `athanor_verify_<random>` on the server of `url`, or a temp SQLite file.
 *
 * @example
 * ```ts
 * const { database, dispose } = await createScratchDatabase("postgresql://postgres@localhost/app");
 * try { console.log(database.url.masked); } finally { await dispose(); }
 * ```
 */
export async function createScratchDatabase(url: string, options: { readonly cwd?: string } = {}): Promise<{ readonly database: ScratchDatabase; dispose(): Promise<void> }> {
  const server = await scratchServer(url, options);
  try {
    const database = await server.create("t");
    return {
      database,
      async dispose() {
        await database.drop();
        await server.close();
      },
    };
  } catch (error) {
    await server.close().catch(() => undefined);
    throw error;
  }
}
