import { AthanorError } from "../util/errors.js";
import type { FleetMigrationOptions } from "./types.js";

/**
 * The fleet options of a migration command's options, when they name a fleet
 * (`undefined` otherwise). `--sql` over a fleet is refused.
 */
export function fleetOptionsOf(options: object): FleetMigrationOptions | undefined {
  const fleet = (options as { fleet?: unknown }).fleet;
  if (fleet === undefined) return undefined;
  if ((options as { sql?: unknown }).sql === true) {
    throw new AthanorError("--sql cannot run over a fleet", { hint: "leave out --fleet to write the SQL of one database, or leave out --sql" });
  }
  return options as FleetMigrationOptions;
}
