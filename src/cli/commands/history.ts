import type { Command } from "commander";
import { formatListed, formatRevisionLine } from "../format-revision.js";
import type { Shared } from "../shared.js";

/** `athanor history [-r RANGE] [-v] [-i] [--json]` */
export function register(program: Command, shared: Shared): void {
  program
    .command("history")
    .description("list revisions, newest first")
    .option(
      "-r, --rev-range <range>",
      "[start]:[end], e.g. ae10:, :head, -3:, base:current (use -r-3: or --rev-range=-3: for a leading minus)",
    )
    .option("-v, --verbose", "show the full entry of each revision")
    .option("-i, --indicate-current", "mark the revisions the database is at")
    .option("--json", "print one JSON document")
    .action(
      async (opts: { revRange?: string; verbose?: boolean; indicateCurrent?: boolean; json?: boolean }) => {
        const config = await shared.loadConfig();
        const { history } = await import("../../command/history.js");
        const result = await history(config, {
          ...(opts.revRange === undefined ? {} : { revRange: opts.revRange }),
          indicateCurrent: opts.indicateCurrent === true,
        });
        const out = shared.output();
        if (opts.json) return out.json({ revisions: result });
        const verbose = opts.verbose === true || shared.globals().verbose;
        const parts = { parents: true, branches: true, doc: true };
        // one line a revision: no list per revision to flatten (10,000 revisions and more)
        if (!verbose) out.lines(result.map((rev) => formatRevisionLine(rev, parts, out.style)));
        else out.lines(result.flatMap((rev) => formatListed(rev, verbose, parts, out.style)));
      },
    );
}
