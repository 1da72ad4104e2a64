import { existsSync } from "node:fs";
import type { Config } from "../config/index.js";
import { historyTableBeside, importModule } from "../config/index.js";
import { parseUrl, unknownDatabaseKind } from "../dialects/url.js";
import { findDialect, connect as openConnection, getDialect } from "../dialects/index.js";
import type { ConnectOptions, Connection, Dialect } from "../dialects/contract/index.js";
import type { ScriptDirectory } from "../script/index.js";
import { AthanorError } from "../util/errors.js";
import type { DatabaseEntry, EnvironmentContext, EnvironmentDefinition, RunMigrationsOptions } from "./env.js";
import type { DatabaseRunResult, MigrationRequest } from "./migration-context.js";
import { runOnDatabase } from "./migration-context.js";
import { RecordingConnection } from "./recording-connection.js";
import type { StepResult } from "./step-info.js";
import { VersionTable } from "./version-table.js";
import { HistoryTable } from "./history-table.js";

/** Where a run reports progress. Both default to nothing; offline SQL is also returned in the result. */
export interface RunOutput {
  /** A progress line such as `Running upgrade a1b2c3 -> d4e5f6, add users`. */
  readonly info?: (line: string) => void;
  /** Offline (`--sql`) SQL text, as it is produced. */
  readonly sql?: (text: string) => void;
  /** A warning about the request, e.g. an ambiguous relative target. */
  readonly warn?: (message: string) => void;
}

/** A command's request to the environment. */
export interface EnvironmentRequest extends MigrationRequest {
  readonly command: string;
  readonly offline: boolean;
  readonly tag?: string | undefined;
  readonly output?: RunOutput | undefined;
  /** The target(s) as given (`head`, `-1`, several for stamp). */
  readonly destination?: readonly string[] | undefined;
  /** Offline: the `start` of a `start:end` range. */
  readonly startingRevision?: string | undefined;
}

/** The outcome of running the environment for one command. */
export interface EnvironmentResult {
  readonly steps: readonly StepResult[];
  /** Heads after the run (of every database, in a multi-database run). */
  readonly heads: readonly string[];
  readonly databases: readonly DatabaseRunResult[];
  /** The SQL written in offline mode. */
  readonly sql: string | undefined;
}

/** Read the environment module (`migrations/env.ts`); absent or empty means the defaults. */
export async function loadEnvironment(script: ScriptDirectory): Promise<EnvironmentDefinition> {
  const path = script.envPath;
  if (!path || !existsSync(path)) return {};
  let mod: Record<string, unknown>;
  try {
    mod = (await importModule<Record<string, unknown>>(path)) ?? {};
  } catch (error) {
    if (error instanceof AthanorError) throw error;
    throw new AthanorError(`Could not load the environment: ${error instanceof Error ? error.message : String(error)}`, {
      file: path,
      cause: error,
    });
  }
  const exported = mod["default"] ?? mod["environment"];
  if (exported === undefined || exported === null) return {};
  if (typeof exported === "function") return { run: exported as EnvironmentDefinition["run"] };
  if (typeof exported !== "object") {
    throw new AthanorError("env.ts must export default defineEnvironment({...})", { file: path });
  }
  return exported as EnvironmentDefinition;
}

function databaseEntries(config: Config): DatabaseEntry[] {
  return config.databases.map((entry) => ({
    name: entry.name,
    url: entry.url,
    versionTable: entry.versionTable,
    versionTableSchema: entry.versionTableSchema,
  }));
}

function isConnection(value: unknown): value is Connection {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Connection).execute === "function" &&
    typeof (value as Connection).acquireLock === "function"
  );
}

function dialectOfUrl(url: string): Dialect {
  const parsed = parseUrl(url);
  if (!findDialect(parsed.dialect)) throw unknownDatabaseKind(parsed);
  return getDialect(parsed.dialect);
}

/**
 * Run the project's environment for one command: load `env.ts`, then either its
 * own `run(context)` or the default flow, which migrates `url` (or each entry of
 * the config's `databases`).
 */
export async function runEnvironment(script: ScriptDirectory, request: EnvironmentRequest): Promise<EnvironmentResult> {
  const config = script.config;
  const env = await loadEnvironment(script);
  const databases = databaseEntries(config);
  const opened: Connection[] = [];
  const results: DatabaseRunResult[] = [];
  let sqlText = "";
  const writeSql = (text: string): void => {
    sqlText += text;
    request.output?.sql?.(text);
  };
  const info = (line: string): void => request.output?.info?.(line);
  const warn = (message: string): void => request.output?.warn?.(message);

  const defaultUrl = (): string => {
    const url = env.url ?? config.url;
    if (!url) {
      throw new AthanorError("No database URL is configured", {
        hint: "set `url` in athanor.config.ts (e.g. process.env.DATABASE_URL), or in env.ts",
      });
    }
    return url;
  };

  // a relative SQLite path is relative to the config's folder, like its other paths;
  // a command that only reads never creates the file
  const connectOptions: ConnectOptions = { cwd: config.baseDir, ...(request.mutate ? {} : { mustExist: true }) };

  const context: EnvironmentContext = {
    config,
    script,
    command: request.command,
    xArgs: config.xArgs,
    isOffline: request.offline,
    tag: request.tag,
    destinationRevisions: request.destination ?? [],
    startingRevision: request.startingRevision,
    databases,
    async connect(url?: string): Promise<Connection> {
      const connection = await openConnection(url ?? defaultUrl(), connectOptions);
      opened.push(connection);
      return connection;
    },
    async runMigrations(options: RunMigrationsOptions = {}): Promise<DatabaseRunResult> {
      let connection: Connection;
      let recording: RecordingConnection | undefined;
      let own: Connection | undefined;
      if (request.offline) {
        const dialect = options.connection?.dialect ?? dialectOfUrl(options.url ?? defaultUrl());
        recording = new RecordingConnection(dialect, writeSql);
        connection = recording;
        if (options.database !== undefined) recording.comment(`database: ${options.database}`);
      } else if (options.connection) {
        connection = options.connection;
      } else {
        own = await openConnection(options.url ?? defaultUrl(), connectOptions);
        connection = own;
      }
      // the server's notices during the run are the run's warnings; a connection passed in gets its own hook back
      const previousNotice = connection.onNotice;
      const tag = options.database === undefined ? "" : `[${options.database}] `;
      if (!request.offline) connection.onNotice = (notice) => warn(`${tag}${notice.message}`);
      try {
        const versionTable = new VersionTable(
          connection.dialect,
          options.versionTable ?? env.versionTable ?? config.versionTable,
          options.versionTableSchema ?? env.versionTableSchema ?? config.versionTableSchema,
        );
        // unless named, the history table follows the version table this run uses
        const historyName = options.historyTable ?? env.historyTable ?? config.raw.historyTable ?? historyTableBeside(versionTable.name);
        const historyTable =
          historyName === false ? undefined : new HistoryTable(connection.dialect, historyName, versionTable.schema ?? null);
        const result = await runOnDatabase({
          connection,
          recording,
          script,
          versionTable,
          historyTable,
          transactionPerMigration: options.transactionPerMigration ?? env.transactionPerMigration ?? false,
          lockTimeout: config.lockTimeout,
          request,
          databaseName: options.database,
          targetMetadata: options.targetMetadata ?? env.targetMetadata,
          info: options.database === undefined ? info : (line) => info(`[${options.database}] ${line}`),
          warn: (message) => warn(`${tag}${message}`),
          onVersionApply: options.onVersionApply ?? env.onVersionApply,
        });
        results.push(result);
        return result;
      } finally {
        if (!request.offline) connection.onNotice = previousNotice;
        if (own) await own.close();
      }
    },
  };

  try {
    const shared = config.attributes["connection"];
    if (env.run) {
      await env.run(context);
      if (results.length === 0) info("env.ts run() returned without calling runMigrations(); nothing was run");
    } else if (isConnection(shared)) {
      // a connection handed in by the caller (`config.attributes.connection`), e.g. from an application's pool
      await context.runMigrations({ connection: shared });
    } else if (databases.length > 0) {
      for (const db of databases) {
        await context.runMigrations({
          url: db.url,
          database: db.name,
          ...(db.versionTable === undefined ? {} : { versionTable: db.versionTable }),
          ...(db.versionTableSchema === undefined ? {} : { versionTableSchema: db.versionTableSchema }),
        });
      }
    } else {
      await context.runMigrations();
    }
  } finally {
    for (const connection of opened) await connection.close().catch(() => undefined);
  }

  const heads = [...new Set(results.flatMap((r) => r.heads))];
  return {
    steps: results.flatMap((r) => r.steps),
    heads,
    databases: results,
    sql: request.offline ? sqlText : undefined,
  };
}
