import type { Command } from "commander";
import type { Shared } from "../shared.js";

/** `athanor upgrade REV [--sql] [--tag TAG] [--json]` */
export function register(program: Command, shared: Shared): void {
  program
    .command("upgrade")
    .description("upgrade the database to a later revision (head, heads, an id, +N, branch@head)")
    .argument("<revision>", "target revision; with --sql also a range start:end")
    .option("--sql", "write the SQL to stdout instead of running it")
    .option("--tag <tag>", "a tag handed to env.ts as context.tag")
    .option("--json", "print the result as one JSON document")
    .action(async (revision: string, opts: { sql?: boolean; tag?: string; json?: boolean }) => {
      const { migrationOutput, printMigrationResult, withInterrupts } = await import("./migration-output.js");
      await withInterrupts(async (signal) => {
        const config = await shared.loadConfig();
        const { upgrade } = await import("../../command/upgrade.js");
        return upgrade(config, revision, {
          sql: opts.sql === true,
          ...(opts.tag === undefined ? {} : { tag: opts.tag }),
          output: migrationOutput(shared, opts),
          signal,
        });
      }, (result) => printMigrationResult(shared, opts, result));
    });
}
