import { CommanderError, type Command } from "commander";
import type { Shared } from "../shared.js";
import { addFleetFlags, fleetOptionsFromFlags, type FleetFlags } from "./fleet-flags.js";

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** `athanor check [--rename old:new]... [--json]`: exit 1 and the differences when the declared schema and the database differ. */
export function register(program: Command, shared: Shared): void {
  const cli = program
    .command("check")
    .description("exit 1 and list the differences when the declared schema and the database differ")
    .option("--rename <old:new>", "a renamed table (table:new) or column (table.column:new), repeatable", collect)
    .option("--json", "print one JSON document");
  addFleetFlags(cli, { failFast: false }).action(async (opts: { rename?: string[]; json?: boolean } & FleetFlags) => {
      const config = await shared.loadConfig();
      const { check, parseRenames } = await import("../../command/check.js");
      const fleet = fleetOptionsFromFlags(opts);
      if (fleet !== undefined) {
        const { printFleetCheck } = await import("./fleet-output.js");
        return printFleetCheck(shared, opts, await check(config, { ...fleet, ...(opts.rename === undefined ? {} : { renames: parseRenames(opts.rename) }) }));
      }
      const result = await check(config, opts.rename === undefined ? {} : { renames: parseRenames(opts.rename) });
      const out = shared.output();
      if (opts.json) {
        out.json({ upToDate: result.upToDate, differences: result.differences, diffs: result.diffs, warnings: result.warnings, notCompared: result.notCompared });
      } else {
        for (const warning of [...result.warnings, ...result.notCompared]) process.stderr.write(`athanor: warning: ${warning}\n`);
        if (result.upToDate) out.line("No new upgrade operations detected.");
        else {
          out.line("New upgrade operations detected:");
          for (const line of result.differences) out.line(`  ${line}`);
        }
      }
      // exit code 1 without a second message: the list above is the report
      if (!result.upToDate) throw new CommanderError(1, "athanor.check", "");
    });
}
