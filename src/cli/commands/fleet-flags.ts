/**
 * The flags a command takes to run over a fleet: `--fleet NAME`, `--only` and
 * `--except` patterns, `--concurrency N`, `--fail-fast`.
 */
import { InvalidArgumentError, type Command } from "commander";
import type { FleetOptions } from "../../fleet/types.js";
import { AthanorError } from "../../util/errors.js";

/** The fleet flags as parsed. */
export interface FleetFlags {
  readonly fleet?: string;
  readonly only?: string[];
  readonly except?: string[];
  readonly concurrency?: number;
  readonly failFast?: boolean;
}

const patterns = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value.split(",").map((p) => p.trim()).filter(Boolean),
];

const whole = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("give a whole number of 1 or more");
  return n;
};

/** Adds the fleet flags to a command (`--fail-fast` only where targets change). */
export function addFleetFlags(command: Command, options: { failFast: boolean }): Command {
  command
    .option("--fleet <name>", "run over every target of this fleet (`fleets` in the config or env.ts)")
    .option("--only <patterns>", "with --fleet: only targets whose name matches a glob (*, ?, [a-z]); comma-separated or repeated", patterns)
    .option("--except <patterns>", "with --fleet: leave out targets whose name matches a glob; comma-separated or repeated", patterns)
    .option("--concurrency <n>", "with --fleet: targets run at once (default 4 on a server, 1 for SQLite files)", whole);
  if (options.failFast) command.option("--fail-fast", "with --fleet: start no new target after the first failure");
  return command;
}

/** The fleet options the flags ask for, or `undefined` without `--fleet` (the other fleet flags are then refused). */
export function fleetOptionsFromFlags(flags: FleetFlags): (Omit<FleetOptions, "signal" | "onProgress" | "onWarning">) | undefined {
  if (flags.fleet === undefined) {
    const stray = (["only", "except", "concurrency", "failFast"] as const).find((k) => flags[k] !== undefined);
    if (stray !== undefined) {
      const flag = stray === "failFast" ? "--fail-fast" : `--${stray}`;
      throw new AthanorError(`${flag} works only with --fleet NAME`, { hint: "name the fleet to run over, e.g. --fleet tenants" });
    }
    return undefined;
  }
  return {
    fleet: flags.fleet,
    ...(flags.only === undefined ? {} : { only: flags.only }),
    ...(flags.except === undefined ? {} : { except: flags.except }),
    ...(flags.concurrency === undefined ? {} : { concurrency: flags.concurrency }),
    ...(flags.failFast === undefined ? {} : { failFast: flags.failFast }),
  };
}
