import type { Config } from "../config/index.js";
import type { EnvironmentRequest, MigrationCommandOptions, MigrationResult } from "../runtime/index.js";
import { migrationResult, runEnvironment, splitRange, startingHeads } from "../runtime/index.js";
import { ScriptDirectory } from "../script/index.js";
import { AthanorError } from "../util/errors.js";
import type { FleetMigrationOptions, FleetResult } from "../fleet/types.js";
import { fleetOptionsOf } from "../fleet/fleet-options.js";
import { refuseDowngradeAhead, refuseDowngradeFromSeveralHeads, refuseRelativeWrongWay } from "./direction.js";

/**
 * Downgrade the database to `target` (`base`, an id, `-1`, `branch@-2`, ...),
 * running each revision's `downgrade()`. With `{ sql: true }` the target must be
 * a range `from:to`, since there is no database to read the start from.
 *
 * @example
 * ```ts
 * await command.downgrade(config, "-1");
 * const { sql } = await command.downgrade(config, "head:base", { sql: true });
 * ```
 */
export async function downgrade(config: Config, target: string, options: FleetMigrationOptions): Promise<FleetResult>;
export async function downgrade(config: Config, target: string, options?: MigrationCommandOptions): Promise<MigrationResult>;
export async function downgrade(
  config: Config,
  target: string,
  options: MigrationCommandOptions = {},
): Promise<MigrationResult | FleetResult> {
  const fleet = fleetOptionsOf(options);
  const offline = options.sql === true;
  const { start, end } = splitRange(target, offline, "downgrade");
  if (offline && start === undefined) {
    throw new AthanorError("downgrade with --sql requires <fromrev>:<torev>", {
      hint: "e.g. `athanor downgrade head:base --sql`",
    });
  }
  if (!end) throw new AthanorError("downgrade needs a target revision", { hint: "e.g. `athanor downgrade -1`" });
  const script = await ScriptDirectory.fromConfig(config);
  const request: EnvironmentRequest = {
    command: "downgrade",
    offline,
    tag: options.tag,
    output: options.output,
    signal: options.signal,
    destination: [end],
    startingRevision: start,
    plan: (heads) => {
      refuseRelativeWrongWay("downgrade", end);
      refuseDowngradeFromSeveralHeads(heads, end);
      try {
        return script.map.planDowngrade(heads, end, { onWarning: (message) => options.output?.warn?.(message) });
      } catch (error) {
        refuseDowngradeAhead(script.map, heads, end);
        throw error;
      }
    },
    startingHeads: (map) => startingHeads(map, start),
    mutate: true,
    lock: true,
  };
  if (fleet !== undefined) {
    const { runFleet } = await import("../fleet/run-fleet.js");
    return runFleet(script, { ...request, destination: request.destination ?? [] }, fleet);
  }
  return migrationResult(await runEnvironment(script, request));
}
