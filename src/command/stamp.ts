import type { Config } from "../config/index.js";
import type { EnvironmentRequest, MigrationCommandOptions, MigrationResult } from "../runtime/index.js";
import { migrationResult, runEnvironment, startingHeads } from "../runtime/index.js";
import { ScriptDirectory } from "../script/index.js";
import { AthanorError } from "../util/errors.js";
import type { FleetMigrationOptions, FleetResult } from "../fleet/types.js";
import { fleetOptionsOf } from "../fleet/fleet-options.js";

/** Options of `stamp`. */
export interface StampOptions extends MigrationCommandOptions {
  /** Delete every row of the version table first (repairs a table naming unknown revisions). Not with `sql`. */
  readonly purge?: boolean;
}

/**
 * Write the version table to `revisions` without running any migration. Several
 * revisions stamp several branch heads; `base` removes rows; `heads` stamps all
 * heads. With `{ sql: true }` each may be `from:to`, all with one common start.
 *
 * @example
 * ```ts
 * await command.stamp(config, "head");
 * await command.stamp(config, ["a1b2c3", "f00d42"], { purge: true });
 * ```
 */
export async function stamp(config: Config, revisions: string | readonly string[], options: FleetMigrationOptions): Promise<FleetResult>;
export async function stamp(config: Config, revisions: string | readonly string[], options?: StampOptions): Promise<MigrationResult>;
export async function stamp(
  config: Config,
  revisions: string | readonly string[],
  options: StampOptions = {},
): Promise<MigrationResult | FleetResult> {
  const fleet = fleetOptionsOf(options);
  const offline = options.sql === true;
  const list = typeof revisions === "string" ? [revisions] : [...revisions];
  if (list.length === 0) throw new AthanorError("stamp needs at least one revision", { hint: "e.g. `athanor stamp head`" });
  if (offline && options.purge) throw new AthanorError("Can't use --purge with --sql", { hint: "purge online, or leave out --purge" });
  let start: string | undefined;
  const targets: string[] = [];
  for (const item of list) {
    const at = item.indexOf(":");
    if (at < 0) {
      targets.push(item);
      continue;
    }
    if (!offline) {
      throw new AthanorError(`Range revision not allowed: ${item}`, { hint: "a from:to range works only with --sql" });
    }
    const from = item.slice(0, at);
    if (start !== undefined && start !== from) {
      throw new AthanorError("Stamp with --sql supports only one starting revision at a time", {
        hint: `every range must start at ${start}`,
      });
    }
    start = from;
    targets.push(item.slice(at + 1));
  }
  const script = await ScriptDirectory.fromConfig(config);
  const request: EnvironmentRequest = {
    command: "stamp",
    offline,
    tag: options.tag,
    output: options.output,
    signal: options.signal,
    destination: targets,
    startingRevision: start,
    plan: (heads) => script.map.planStamp(heads, targets),
    startingHeads: (map) => startingHeads(map, start),
    purge: options.purge === true,
    mutate: true,
    lock: true,
  };
  if (fleet !== undefined) {
    const { runFleet } = await import("../fleet/run-fleet.js");
    return runFleet(script, { ...request, destination: request.destination ?? [] }, fleet);
  }
  return migrationResult(await runEnvironment(script, request));
}
