/**
 * A migration command (upgrade, downgrade, stamp) over a fleet from the command
 * line: Ctrl-C and SIGTERM stop starting new targets (running ones finish),
 * progress as the targets end, the summary (or JSON) at the end.
 */
import type { Config } from "../../config/index.js";
import type { FleetMigrationOptions, FleetResult } from "../../fleet/types.js";
import { watchInterrupts } from "../interrupt.js";
import type { Shared } from "../shared.js";
import { fleetOptionsFromFlags, type FleetFlags } from "./fleet-flags.js";
import { fleetReporter, printFleetResult } from "./fleet-output.js";

/** Runs `run` with the fleet options the flags ask for and prints its result; exit code 1 unless every target reached the goal. */
export async function runFleetCommand(
  shared: Shared,
  flags: FleetFlags & { readonly sql?: boolean; readonly tag?: string; readonly json?: boolean },
  run: (config: Config, options: FleetMigrationOptions) => Promise<unknown>,
): Promise<void> {
  const fleet = fleetOptionsFromFlags(flags)!;
  const reporter = fleetReporter(shared, flags);
  const watch = watchInterrupts();
  const stopping = (): void => {
    reporter.onWarning(`${String(watch.signal.reason)}: no new target is started; the running ones finish (again to exit at once)`);
  };
  watch.signal.addEventListener("abort", stopping, { once: true });
  try {
    const config = await shared.loadConfig();
    const result = (await run(config, {
      ...fleet,
      ...(flags.sql === true ? { sql: true as unknown as false } : {}),
      ...(flags.tag === undefined ? {} : { tag: flags.tag }),
      signal: watch.signal,
      onProgress: reporter.onProgress,
      onWarning: reporter.onWarning,
    })) as FleetResult;
    reporter.finish();
    printFleetResult(shared, flags, result);
  } finally {
    reporter.finish();
    watch.signal.removeEventListener("abort", stopping);
    watch.dispose();
  }
}
