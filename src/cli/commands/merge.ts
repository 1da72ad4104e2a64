import type { Command } from "commander";
import { displayPath } from "../paths.js";
import type { Shared } from "../shared.js";
import { printRevisionResult } from "./revision-result.js";

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** `athanor merge REVS... [-m MSG] [--branch-label L] [--rev-id ID] [--splice]` */
export function register(program: Command, shared: Shared): void {
  program
    .command("merge")
    .description("create a revision joining several revisions (e.g. `merge heads`)")
    .argument("<revisions...>", "revisions to join, or heads")
    .option("-m, --message <message>", "what the merge is for")
    .option("--branch-label <label>", "branch label of the merge revision (repeatable)", collect)
    .option("--rev-id <id>", "id of the merge revision instead of a random one")
    .option("--splice", "allow revisions that are not heads")
    .option("--json", "print one JSON document")
    .action(
      async (
        revisions: string[],
        opts: { message?: string; branchLabel?: string[]; revId?: string; splice?: boolean; json?: boolean },
      ) => {
        const config = await shared.loadConfig();
        const { merge } = await import("../../command/merge.js");
        const result = await merge(config, revisions, {
          ...(opts.message === undefined ? {} : { message: opts.message }),
          ...(opts.revId === undefined ? {} : { revId: opts.revId }),
          ...(opts.branchLabel === undefined ? {} : { branchLabel: opts.branchLabel }),
          splice: opts.splice === true,
        });
        printRevisionResult(result, shared, opts.json === true, displayPath);
      },
    );
}
