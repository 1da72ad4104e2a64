import type { Config } from "../config/index.js";
import type { EnvironmentRequest, MigrationCommandOptions, MigrationResult } from "../runtime/index.js";
import { migrationResult, runEnvironment, splitRange, startingHeads } from "../runtime/index.js";
import { ScriptDirectory } from "../script/index.js";
import { AthanorError } from "../util/errors.js";
import type { FleetMigrationOptions, FleetResult } from "../fleet/types.js";
import { fleetOptionsOf } from "../fleet/fleet-options.js";
import { refuseRelativeWrongWay, refuseUpgradeBehind } from "./direction.js";

/**
 * Upgrade the database to `target` (`head`, `heads`, an id or partial id,
 * `branch@head`, `+2`, ...), running each revision's `upgrade()`. With
 * `{ sql: true }` nothing is connected to: the SQL is returned (and streamed to
 * `output.sql`); `target` may then be a range `start:end`.
 *
 * @example
 * ```ts
 * import { command, Config } from "athanor";
 * const result = await command.upgrade(await Config.load(), "head");
 * console.log(result.heads, result.steps.length);
 * ```
 *
 * @example
 * ```ts
 * // stop at a safe point on Ctrl-C: rolled back where the database can, lock released
 * const controller = new AbortController();
 * process.once("SIGINT", () => controller.abort("SIGINT"));
 * try {
 *   await command.upgrade(config, "head", { signal: controller.signal });
 * } catch (error) {
 *   if (error instanceof InterruptedError) console.error(error.message); // what state the database is in
 *   else throw error;
 * }
 * ```
 *
 * @example
 * ```ts
 * // every target of the fleet `tenants` (declared under `fleets` in the config or env.ts), 8 at a time
 * const fleet = await command.upgrade(config, "head", { fleet: "tenants", concurrency: 8 });
 * if (!fleet.ok) for (const t of fleet.targets) if (t.status !== "migrated" && t.status !== "skipped") console.error(t.name, t.error?.message);
 * ```
 */
export async function upgrade(config: Config, target: string, options: FleetMigrationOptions): Promise<FleetResult>;
export async function upgrade(config: Config, target: string, options?: MigrationCommandOptions): Promise<MigrationResult>;
export async function upgrade(
  config: Config,
  target: string,
  options: MigrationCommandOptions = {},
): Promise<MigrationResult | FleetResult> {
  const fleet = fleetOptionsOf(options);
  const offline = options.sql === true;
  const { start, end } = splitRange(target, offline, "upgrade");
  const script = await ScriptDirectory.fromConfig(config);
  if (!end) throw new AthanorError("upgrade needs a target revision", { hint: "e.g. `athanor upgrade head`" });
  const request: EnvironmentRequest = {
    command: "upgrade",
    offline,
    tag: options.tag,
    output: options.output,
    signal: options.signal,
    destination: [end],
    startingRevision: start,
    plan: (heads) => {
      refuseRelativeWrongWay("upgrade", end);
      const steps = script.map.planUpgrade(heads, end, { onWarning: (message) => options.output?.warn?.(message) });
      if (steps.length === 0) refuseUpgradeBehind(script.map, heads, end);
      return steps;
    },
    startingHeads: (map) => startingHeads(map, start),
    mutate: true,
    lock: true,
    // applied revisions whose file changed: warned about, or with `strict` refused when what runs changed
    changedFiles: options.strict === true ? "refuse" : "warn",
  };
  if (fleet !== undefined) {
    const { runFleet } = await import("../fleet/run-fleet.js");
    return runFleet(script, { ...request, destination: request.destination ?? [] }, fleet);
  }
  return migrationResult(await runEnvironment(script, request));
}
