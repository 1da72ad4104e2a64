import type { Config } from "../config/index.js";
import type { MigrationCommandOptions } from "../runtime/index.js";
import { runEnvironment } from "../runtime/index.js";
import { ScriptDirectory } from "../script/index.js";

/** What `ensureVersion` returns. */
export interface EnsureVersionResult {
  /** The version table's rows (unchanged). */
  readonly heads: readonly string[];
  /** The CREATE statement(s), in offline mode. */
  readonly sql?: string;
}

/**
 * Create the version table if it does not exist; with `{ sql: true }`, write its
 * CREATE statement instead.
 *
 * @example
 * ```ts
 * await command.ensureVersion(config);
 * ```
 */
export async function ensureVersion(
  config: Config,
  options: Pick<MigrationCommandOptions, "sql" | "output"> = {},
): Promise<EnsureVersionResult> {
  const offline = options.sql === true;
  const script = await ScriptDirectory.fromConfig(config);
  const result = await runEnvironment(script, {
    command: "ensure-version",
    offline,
    output: options.output,
    plan: () => [],
    mutate: true,
    ensureTable: true,
    lock: true,
  });
  return { heads: result.heads, ...(result.sql === undefined ? {} : { sql: result.sql }) };
}
