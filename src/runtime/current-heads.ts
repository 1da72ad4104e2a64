import type { ScriptDirectory } from "../script/index.js";
import type { EnvironmentResult } from "./run-environment.js";
import { runEnvironment } from "./run-environment.js";
import type { MigrationResult } from "./results.js";
import type { HistoryRow } from "./history-table.js";

/**
 * The revisions the database is at: the rows of the version table (of every
 * database in a multi-database project). Never creates the table.
 *
 * @example
 * ```ts
 * const heads = await readCurrentHeads(await ScriptDirectory.fromConfig(config)); // ["3f1c2a9b7d10"]
 * ```
 */
export async function readCurrentHeads(script: ScriptDirectory): Promise<string[]> {
  const perDatabase = await readCurrentHeadsByDatabase(script);
  return [...new Set(perDatabase.flatMap((d) => d.heads))];
}

/** The version table's rows of one database. */
export interface DatabaseHeads {
  /** The database's name in a multi-database run, else `undefined`. */
  readonly database: string | undefined;
  readonly heads: readonly string[];
  /** With `{ history: true }`: the history table's rows (`undefined` when it does not exist). */
  readonly history?: readonly HistoryRow[] | undefined;
  /** With `{ history: true }`: the history table's name, `null` when the history is turned off. */
  readonly historyTable?: string | null;
}

/**
 * The revisions each database is at, in the order `env.ts` visits them: one
 * entry per database (one in a single-database project). Never creates the table.
 *
 * @example
 * ```ts
 * const each = await readCurrentHeadsByDatabase(script); // [{ database: "main", heads: ["3f1c2a9b7d10"] }, ...]
 * ```
 */
export async function readCurrentHeadsByDatabase(
  script: ScriptDirectory,
  options: { readonly history?: boolean; readonly command?: string } = {},
): Promise<DatabaseHeads[]> {
  const result = await runEnvironment(script, {
    command: options.command ?? "current",
    offline: false,
    plan: () => [],
    mutate: false,
    lock: false,
    readHistory: options.history === true,
  });
  return result.databases.map((d) => ({
    database: d.database,
    heads: [...d.heads],
    ...(options.history === true ? { history: d.history, historyTable: d.historyTable ?? null } : {}),
  }));
}

/** The command-level result of an environment run. */
export function migrationResult(result: EnvironmentResult): MigrationResult {
  const initialHeads = [...new Set(result.databases.flatMap((d) => d.initialHeads))];
  return {
    steps: result.steps,
    initialHeads,
    heads: result.heads,
    ...(result.sql === undefined ? {} : { sql: result.sql }),
  };
}
