import { maskUrl } from "../dialects/url.js";
import type { MigrationRequest } from "../runtime/migration-context.js";
import { loadEnvironment } from "../runtime/run-environment.js";
import type { ScriptDirectory } from "../script/index.js";
import { AthanorError } from "../util/errors.js";
import { runPool } from "./pool.js";
import { defaultConcurrency, resolveFleet } from "./resolve.js";
import { runTarget } from "./run-target.js";
import type { FleetOptions, FleetResult, FleetSummary, FleetTarget, TargetResult } from "./types.js";

/** A migration command's request over a fleet. */
export interface FleetRequest extends MigrationRequest {
  readonly command: string;
  /** The goal as given (`head`, `-1`, the revisions of a stamp). */
  readonly destination: readonly string[];
}

/**
 * Run a migration command (upgrade, downgrade, stamp) on every target of a
 * fleet: the revision files are loaded once for all of them; at most
 * `concurrency` targets run at once, each under its own migration lock and
 * connection, closed as the target finishes.
 */
export async function runFleet(script: ScriptDirectory, request: FleetRequest, options: FleetOptions): Promise<FleetResult> {
  const started = performance.now();
  const config = script.config;
  const env = await loadEnvironment(script);
  const warn = (message: string): void => options.onWarning?.(message);
  if (env.run !== undefined) {
    warn("env.ts's run() is not used over a fleet: each target is migrated by the fleet runner, with env.ts's other settings");
  }
  const fleet = await resolveFleet(config, env, options.fleet, { only: options.only, except: options.except });
  const concurrency = checkConcurrency(options.concurrency ?? defaultConcurrency(fleet.dialect));
  const retries = options.retries ?? 2;
  // every revision file compiled in one go, once for the whole fleet; each target's plan then finds its modules loaded
  await script.preloadRevisions(script.scripts);

  const results: (TargetResult | undefined)[] = new Array(fleet.targets.length);
  let failed = false;
  const progress = options.onProgress ?? (() => undefined);
  progress({ type: "start", total: fleet.targets.length, concurrency });
  const context = { config, script, env, request, retries, warn, progress };
  await runPool(
    fleet.targets,
    concurrency,
    async (target, index) => {
      progress({ type: "target-start", name: target.name });
      const result = await runTarget(context, target);
      results[index] = result;
      if (result.status === "failed") failed = true;
      progress({ type: "target-end", result });
    },
    () => options.signal?.aborted === true || (options.failFast === true && failed),
  );
  const targets = fleet.targets.map((target, i) => results[i] ?? pendingResult(target));
  const summary = summarize(targets, concurrency, performance.now() - started);
  return {
    fleet: fleet.name,
    command: request.command,
    goal: [...request.destination],
    ok: summary.failed === 0 && summary.pending === 0,
    targets,
    summary,
  };
}

/** The result of a target the run never started. */
export function pendingResult(target: FleetTarget): TargetResult {
  return {
    name: target.name,
    url: maskUrl(target.url),
    schema: target.schema,
    status: "pending",
    initialHeads: [],
    heads: [],
    steps: 0,
    attempts: 0,
    durationMs: 0,
  };
}

function summarize(targets: readonly TargetResult[], concurrency: number, durationMs: number): FleetSummary {
  const count = (status: TargetResult["status"]): number => targets.filter((t) => t.status === status).length;
  return {
    total: targets.length,
    migrated: count("migrated"),
    skipped: count("skipped"),
    failed: count("failed"),
    pending: count("pending"),
    steps: targets.reduce((sum, t) => sum + t.steps, 0),
    durationMs: Math.round(durationMs),
    concurrency,
  };
}

/** A concurrency the run can use: a whole number, 1 or more. */
export function checkConcurrency(value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new AthanorError(`--concurrency must be a whole number of 1 or more, got ${String(value)}`, { hint: "e.g. --concurrency 8" });
  }
  return value;
}
