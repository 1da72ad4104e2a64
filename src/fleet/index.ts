/**
 * Fleets: one command over many databases or schemas (a tenant each, shards,
 * regional copies), with bounded concurrency, retries of transient failures,
 * resume, and a result per target.
 *
 * @example
 * ```ts
 * import { command, Config } from "athanor";
 * const result = await command.upgrade(await Config.load(), "head", { fleet: "tenants", concurrency: 8 });
 * for (const t of result.targets) if (t.status === "failed") console.error(t.name, t.error?.message);
 * ```
 */
export type {
  FleetTarget,
  FleetSource,
  FleetSelector,
  FleetOptions,
  FleetResult,
  FleetSummary,
  FleetProgress,
  TargetResult,
  TargetStatus,
  TargetError,
  FleetCurrentResult,
  FleetHeadGroup,
  FleetCheckResult,
  FleetCheckTarget,
} from "./types.js";
export { runFleet, type FleetRequest } from "./run-fleet.js";
export { currentFleet } from "./current-fleet.js";
export { checkFleet } from "./check-fleet.js";
export { resolveFleet, declaredFleets, defaultConcurrency } from "./resolve.js";
export { globMatcher } from "./glob.js";
export { fleetOptionsOf } from "./fleet-options.js";
export type { FleetMigrationOptions } from "./types.js";
export { verifyFleet, type FleetVerifyResult, type FleetVerifyServer } from "./verify-fleet.js";
