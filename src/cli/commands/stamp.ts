import type { Command } from "commander";
import type { Shared } from "../shared.js";

/** `athanor stamp REVS... [--sql] [--tag TAG] [--purge] [--json]` */
export function register(program: Command, shared: Shared): void {
  program
    .command("stamp")
    .description("set the version table to the given revision(s) without running any migration")
    .argument("<revisions...>", "revision(s) to stamp (head, heads, base, ids); with --sql each may be from:to")
    .option("--sql", "write the SQL to stdout instead of running it")
    .option("--tag <tag>", "a tag handed to env.ts as context.tag")
    .option("--purge", "delete every row of the version table first (not with --sql)")
    .option("--json", "print the result as one JSON document")
    .action(async (revisions: string[], opts: { sql?: boolean; tag?: string; purge?: boolean; json?: boolean }) => {
      const { migrationOutput, printMigrationResult, withInterrupts } = await import("./migration-output.js");
      await withInterrupts(async (signal) => {
        const config = await shared.loadConfig();
        const { stamp } = await import("../../command/stamp.js");
        return stamp(config, revisions, {
          sql: opts.sql === true,
          purge: opts.purge === true,
          ...(opts.tag === undefined ? {} : { tag: opts.tag }),
          output: migrationOutput(shared, opts),
          signal,
        });
      }, (result) => printMigrationResult(shared, opts, result));
    });
}
