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
    .option("--rename <old:new>", "with --autogenerate: a renamed table (table:new) or column (table.column:new), repeatable", collect)
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
        rename?: string[];
        json?: boolean;
      }) => {
        const config = await shared.loadConfig();
        if (opts.autogenerate) await prepareAutogenerate(config.attributes, opts.rename ?? [], opts.message, opts.json === true ? undefined : shared);
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

/** Hand `--rename`, the rename prompt (on a terminal) and the warning printer to autogenerate. */
async function prepareAutogenerate(attributes: Record<string, unknown>, renameOptions: readonly string[], message: string | undefined, text: Shared | undefined): Promise<void> {
  const { parseRenames } = await import("../../command/check.js");
  const { renameOption } = await import("../../command/autogenerate-revision.js");
  // with --json (no `text` output) nothing is asked and only the JSON document goes to stdout
  const ask = text !== undefined && process.stdin.isTTY === true && process.stderr.isTTY === true;
  attributes["autogenerate"] = {
    renames: parseRenames(renameOptions),
    ...(message === undefined ? {} : { message }),
    onWarning: (line: string) => void process.stderr.write(`athanor: warning: ${line}\n`),
    ...(text === undefined ? {} : { onDetected: (line: string) => text.output().status(`Detected ${line}`) }),
    ...(ask
      ? {
          confirmRename: async (candidate: Parameters<typeof renameOption>[0]): Promise<boolean> => {
            const { createInterface } = await import("node:readline/promises");
            const what = candidate.kind === "table" ? `table ${candidate.from}` : `column ${candidate.table}.${candidate.from}`;
            const prompt = createInterface({ input: process.stdin, output: process.stderr });
            try {
              const answer = await prompt.question(`Was ${what} renamed to ${candidate.to}? [y/N] `);
              return /^y(es)?$/i.test(answer.trim());
            } finally {
              prompt.close();
            }
          },
        }
      : {}),
  };
}
