import type { Config } from "../config/index.js";
import { maskUrl } from "../dialects/url.js";
import type { EnvironmentDefinition } from "../runtime/env.js";
import type { MigrationRequest } from "../runtime/migration-context.js";
import { runOnDatabase } from "../runtime/migration-context.js";
import { VersionTable } from "../runtime/version-table.js";
import type { ScriptDirectory } from "../script/index.js";
import { connectTarget } from "./connect-target.js";
import { backoffMs, isTransient, targetError } from "./transient.js";
import type { FleetProgress, FleetTarget, TargetResult } from "./types.js";

/** What every target of one fleet run shares: the scripts (loaded once), the environment, the request. */
export interface TargetRunContext {
  readonly config: Config;
  readonly script: ScriptDirectory;
  readonly env: EnvironmentDefinition;
  readonly request: MigrationRequest;
  readonly retries: number;
  readonly warn: (message: string) => void;
  readonly progress: (event: FleetProgress) => void;
}

/** The version table of a target: env.ts's or the config's name, in the target's schema when it has one. */
export function targetVersionTable(context: { config: Config; env: EnvironmentDefinition }, target: FleetTarget, dialect: VersionTable["dialect"]): VersionTable {
  const { config, env } = context;
  return new VersionTable(dialect, env.versionTable ?? config.versionTable, target.schema ?? env.versionTableSchema ?? config.versionTableSchema);
}

/**
 * Run the request on one target, retrying a transient failure after a short
 * wait. Never throws: the outcome, failed or not, is the result.
 */
export async function runTarget(context: TargetRunContext, target: FleetTarget): Promise<TargetResult> {
  const started = performance.now();
  const base = { name: target.name, url: maskUrl(target.url), schema: target.schema };
  let attempts = 0;
  let initialHeads: readonly string[] = [];
  for (;;) {
    attempts += 1;
    try {
      const outcome = await attempt(context, target, (heads) => (initialHeads = heads));
      return { ...base, ...outcome, attempts, durationMs: elapsed(started) };
    } catch (error) {
      if (attempts <= context.retries && isTransient(error)) {
        const wait = backoffMs(attempts + 1);
        context.progress({ type: "target-retry", name: target.name, attempt: attempts + 1, reason: targetError(error).message });
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      const heads = (error as { heads?: unknown }).heads;
      return {
        ...base,
        status: "failed",
        initialHeads,
        heads: Array.isArray(heads) ? [...(heads as string[])] : initialHeads,
        steps: 0,
        attempts,
        durationMs: elapsed(started),
        error: targetError(error),
      };
    }
  }
}

async function attempt(
  context: TargetRunContext,
  target: FleetTarget,
  sawHeads: (heads: readonly string[]) => void,
): Promise<Pick<TargetResult, "status" | "initialHeads" | "heads" | "steps">> {
  const { config, env, request, script } = context;
  const connection = await connectTarget(target, { cwd: config.baseDir, mustExist: !request.mutate });
  try {
    const versionTable = targetVersionTable(context, target, connection.dialect);
    // at the goal already: said from one read of the version table, without the lock
    if (!request.purge && !request.ensureTable) {
      const heads = await versionTable.readHeads(connection);
      sawHeads(heads);
      let planned: number | undefined;
      try {
        planned = request.plan(heads).length;
      } catch {
        // the run under the lock says what is wrong
      }
      if (planned === 0) return { status: "skipped", initialHeads: heads, heads, steps: 0 };
    }
    const tag = `[${target.name}] `;
    connection.onNotice = (notice) => context.warn(`${tag}${notice.message}`);
    const result = await runOnDatabase({
      connection,
      recording: undefined,
      script,
      versionTable,
      transactionPerMigration: env.transactionPerMigration ?? false,
      lockTimeout: config.lockTimeout,
      // a running target finishes: the fleet's signal only stops new ones from starting
      request: { ...request, signal: undefined },
      databaseName: target.name,
      targetMetadata: env.targetMetadata,
      info: () => undefined,
      warn: (message) => context.warn(`${tag}${message}`),
      onVersionApply: env.onVersionApply,
    });
    sawHeads(result.initialHeads);
    return {
      // another run may have taken it to the goal between the read and the lock
      status: result.steps.length > 0 ? "migrated" : "skipped",
      initialHeads: result.initialHeads,
      heads: result.heads,
      steps: result.steps.length,
    };
  } finally {
    await connection.close().catch(() => undefined);
  }
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}
