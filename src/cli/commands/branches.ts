import type { Command } from "commander";
import { formatListed, formatRevisionLine } from "../format-revision.js";
import type { Shared } from "../shared.js";

/** `athanor branches [-v] [--json]` */
export function register(program: Command, shared: Shared): void {
  program
    .command("branches")
    .description("show the branch points of the revision graph")
    .option("-v, --verbose", "show the full entry of each branch point")
    .option("--json", "print one JSON document")
    .action(async (opts: { verbose?: boolean; json?: boolean }) => {
      const config = await shared.loadConfig();
      const { branches } = await import("../../command/branches.js");
      const result = await branches(config);
      const out = shared.output();
      if (opts.json) return out.json({ branchPoints: result });
      const verbose = opts.verbose === true || shared.globals().verbose;
      const lines: string[] = [];
      for (const point of result) {
        lines.push(...formatListed(point, verbose, { branches: true }, out.style));
        const indent = " ".repeat(point.revision.length);
        for (const child of point.children) {
          lines.push(`${indent} -> ${formatRevisionLine(child, { branches: true, doc: verbose }, out.style)}`);
        }
        lines.push("");
      }
      out.lines(lines);
    });
}
