import type { ScriptDirectory } from "../script/index.js";
import type { EnvironmentResult } from "./run-environment.js";
import { runEnvironment } from "./run-environment.js";
import type { MigrationResult } from "./results.js";

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
  const result = await runEnvironment(script, {
    command: "current",
    offline: false,
    plan: () => [],
    mutate: false,
    lock: false,
  });
  return [...result.heads];
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
