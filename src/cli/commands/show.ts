import type { Command } from "commander";
import { formatLogEntry } from "../format-revision.js";
import type { Shared } from "../shared.js";

/** `athanor show REV [--json]` */
export function register(program: Command, shared: Shared): void {
  program
    .command("show")
    .description("show the revision(s) a symbol names (id, prefix, label, head, heads, label@head, current)")
    .argument("<rev>", "revision symbol")
    .option("--json", "print one JSON document")
    .action(async (rev: string, opts: { json?: boolean }) => {
      const config = await shared.loadConfig();
      const { show } = await import("../../command/show.js");
      const result = await show(config, rev);
      const out = shared.output();
      if (opts.json) return out.json({ revisions: result });
      out.lines(result.flatMap((info) => formatLogEntry(info, out.style)));
    });
}
