/**
 * The registration the migration commands (upgrade, downgrade, stamp) share:
 * `--sql`, `--tag`, `--json`, progress output, and Ctrl-C wired to the run.
 */
import type { Command } from "commander";
import type { Config } from "../../config/index.js";
import type { MigrationCommandOptions, MigrationResult } from "../../runtime/index.js";
import type { Shared } from "../shared.js";
import { addFleetFlags, fleetOptionsFromFlags, type FleetFlags } from "./fleet-flags.js";

/** The flags every migration command takes. */
export interface MigrationFlags {
  readonly sql?: boolean;
  readonly tag?: string;
  readonly json?: boolean;
}

/** One migration command: its words on the command line and how it runs. */
export interface MigrationCommand<Target, Flags extends MigrationFlags> {
  readonly name: string;
  readonly description: string;
  /** The positional argument: its syntax and its help text. */
  readonly argument: readonly [syntax: string, description: string];
  /** Options of this command alone, listed after `--tag` and before `--json`. */
  readonly options?: readonly (readonly [flags: string, description: string])[];
  /**
   * Runs the command with the options every migration command takes, built from
   * the flags; the command layer is imported here, lazily, to keep start-up fast.
   */
  run(config: Config, target: Target, flags: Flags, options: MigrationCommandOptions): Promise<MigrationResult>;
}

/** Adds a migration command to the program. */
export function registerMigrationCommand<Target, Flags extends MigrationFlags>(
  program: Command,
  shared: Shared,
  command: MigrationCommand<Target, Flags>,
): void {
  const cli = program
    .command(command.name)
    .description(command.description)
    .argument(...command.argument)
    .option("--sql", "write the SQL to stdout instead of running it")
    .option("--tag <tag>", "a tag handed to env.ts as context.tag");
  for (const [flags, description] of command.options ?? []) cli.option(flags, description);
  addFleetFlags(cli, { failFast: true });
  cli.option("--json", "print the result as one JSON document").action(async (target: Target, flags: Flags & FleetFlags) => {
    if (fleetOptionsFromFlags(flags) !== undefined) {
      const { runFleetCommand } = await import("./fleet-command.js");
      return runFleetCommand(shared, flags, (config, options) => command.run(config, target, flags, options as MigrationCommandOptions));
    }
    const { migrationOutput, printMigrationResult, withInterrupts } = await import("./migration-output.js");
    await withInterrupts(async (signal) => {
      const config = await shared.loadConfig();
      return command.run(config, target, flags, {
        sql: flags.sql === true,
        ...(flags.tag === undefined ? {} : { tag: flags.tag }),
        output: migrationOutput(shared, flags),
        signal,
      });
    }, (result) => printMigrationResult(shared, flags, result, { command: command.name, target }));
  });
}
