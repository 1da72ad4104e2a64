import { Option, type Command } from "commander";
import { displayPath } from "../paths.js";
import type { Shared } from "../shared.js";
import { printRevisionResult } from "./revision-result.js";

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** `athanor revision -m MSG [--head REV] [--splice] [--branch-label L] [--depends-on REV]... [--rev-id ID] [--version-path P]` */
export function register(program: Command, shared: Shared): void {
  program
    .command("revision")
    .description("create a new revision file")
    .option("-m, --message <message>", "what the revision does")
    .option("--autogenerate", "fill the revision from the difference between the declared schema and the database")
    // accepted so that Alembic habits get a clear refusal rather than "unknown option"
    .addOption(new Option("--sql").hideHelp())
    .option("--head <rev>", "revision to build on (default head); base starts a new root", undefined)
    .option("--splice", "allow --head to name a revision that is not a head, starting a new branch")
    .option("--branch-label <label>", "branch label of the new revision (repeatable)", collect)
    .option("--depends-on <rev>", "revision the new one depends on (repeatable)", collect)
    .option("--rev-id <id>", "id of the new revision instead of a random one")
    .option("--version-path <path>", "version location to write the file in")
    .option("--json", "print one JSON document")
    .action(
      async (opts: {
        message?: string;
        autogenerate?: boolean;
        sql?: boolean;
        head?: string;
        splice?: boolean;
        branchLabel?: string[];
        dependsOn?: string[];
        revId?: string;
        versionPath?: string;
        json?: boolean;
      }) => {
        const config = await shared.loadConfig();
        const { revision } = await import("../../command/revision.js");
        const result = await revision(config, {
          ...(opts.message === undefined ? {} : { message: opts.message }),
          ...(opts.head === undefined ? {} : { head: opts.head }),
          ...(opts.revId === undefined ? {} : { revId: opts.revId }),
          ...(opts.versionPath === undefined ? {} : { versionPath: opts.versionPath }),
          ...(opts.branchLabel === undefined ? {} : { branchLabel: opts.branchLabel }),
          ...(opts.dependsOn === undefined ? {} : { dependsOn: opts.dependsOn }),
          autogenerate: opts.autogenerate === true,
          splice: opts.splice === true,
          sql: opts.sql === true,
        });
        printRevisionResult(result, shared, opts.json === true, displayPath);
      },
    );
}
