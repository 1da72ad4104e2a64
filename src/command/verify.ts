import type { Config } from "../config/index.js";
import { runVerify, type VerifyOptions } from "./verify/run-verify.js";
import type { VerifyResult } from "./verify/types.js";
import type { FleetOptions } from "../fleet/types.js";
import type { FleetVerifyHooks, FleetVerifyResult } from "../fleet/verify-fleet.js";

export type { VerifyOptions, VerifyProgress } from "./verify/run-verify.js";
export { VERIFY_TESTS, type VerifyResult, type VerifyStatus, type VerifyTestName, type VerifyTestResult } from "./verify/types.js";

/**
 * Test the revisions on scratch databases made for the run and removed after
 * it (a temp file for SQLite; `athanor_verify_<random>` on the configured
 * PostgreSQL or MySQL server, or on `scratchUrl`'s): one head (or the config's
 * `expectedHeads`), every revision upgrades one at a time, the declared schema
 * matches the upgraded database, each downgrade undoes its upgrade and a second
 * upgrade gives the same schema (the stairway), no downgrade is empty unless
 * the revision is marked `irreversible`, and the offline script gives the
 * catalog the online run gave. Nothing touches the configured database but the
 * `CREATE DATABASE` and `DROP DATABASE` of the scratch ones.
 *
 * @example
 * ```ts
 * const result = await command.verify(config, { revisions: "ae1027a6acf:heads" });
 * for (const test of result.tests) console.log(test.name, test.status, test.reason);
 * if (!result.ok) process.exitCode = 1;
 *
 * // over a fleet: once per server its targets live on (the targets themselves are not touched)
 * const fleet = await command.verify(config, { fleet: "tenants" });
 * for (const s of fleet.servers) console.log(s.server, s.targets.length, s.result.ok);
 * ```
 */
export async function verify(config: Config, options: VerifyOptions & FleetVerifyOptions): Promise<FleetVerifyResult<VerifyResult>>;
export async function verify(config: Config, options?: VerifyOptions): Promise<VerifyResult>;
export async function verify(config: Config, options: VerifyOptions & Partial<FleetVerifyOptions> = {}): Promise<VerifyResult | FleetVerifyResult<VerifyResult>> {
  if (options.fleet !== undefined) {
    // verify never touches a target: one run per server the fleet's targets live on
    const { verifyFleet } = await import("../fleet/verify-fleet.js");
    const { ScriptDirectory } = await import("../script/index.js");
    const { fleet, only, except, onServer, ...rest } = options;
    const fleetOptions = {
      fleet,
      ...(only === undefined ? {} : { only }),
      ...(except === undefined ? {} : { except }),
      ...(rest.signal === undefined ? {} : { signal: rest.signal }),
      ...(onServer === undefined ? {} : { onServer }),
    };
    return verifyFleet(await ScriptDirectory.fromConfig(config), fleetOptions, (one) => runVerify(one, rest));
  }
  return runVerify(config, options);
}

/** The fleet options `verify` takes: which fleet, and which of its targets' servers. */
type FleetVerifyOptions = Pick<FleetOptions, "fleet" | "only" | "except"> & FleetVerifyHooks<VerifyResult>;
