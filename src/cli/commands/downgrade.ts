import type { Command } from "commander";
import type { Shared } from "../shared.js";

/** `athanor downgrade REV [--sql] [--tag TAG] [--json]` */
export function register(program: Command, shared: Shared): void {
  program
    .command("downgrade")
    .description("revert the database to an earlier revision (base, an id, -N, branch@-N)")
    .argument("<revision>", "target revision; with --sql a range start:end is required")
    .option("--sql", "write the SQL to stdout instead of running it")
    .option("--tag <tag>", "a tag handed to env.ts as context.tag")
    .option("--json", "print the result as one JSON document")
    .action(async (revision: string, opts: { sql?: boolean; tag?: string; json?: boolean }) => {
      const { migrationOutput, printMigrationResult, withInterrupts } = await import("./migration-output.js");
      await withInterrupts(async (signal) => {
        const config = await shared.loadConfig();
        const { downgrade } = await import("../../command/downgrade.js");
        return downgrade(config, revision, {
          sql: opts.sql === true,
          ...(opts.tag === undefined ? {} : { tag: opts.tag }),
          output: migrationOutput(shared, opts),
          signal,
        });
      }, (result) => printMigrationResult(shared, opts, result));
    });
}
