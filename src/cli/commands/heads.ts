import type { Command } from "commander";
import { formatListed } from "../format-revision.js";
import type { Shared } from "../shared.js";

/** `athanor heads [-v] [--resolve-dependencies] [--json]` */
export function register(program: Command, shared: Shared): void {
  program
    .command("heads")
    .description("show the heads of the revision graph")
    .option("-v, --verbose", "show the full entry of each head")
    .option("--resolve-dependencies", "count dependsOn as a parent, so only real heads are shown")
    .option("--json", "print one JSON document")
    .action(async (opts: { verbose?: boolean; resolveDependencies?: boolean; json?: boolean }) => {
      const config = await shared.loadConfig();
      const { heads } = await import("../../command/heads.js");
      const result = await heads(config, { resolveDependencies: opts.resolveDependencies === true });
      const out = shared.output();
      if (opts.json) return out.json({ heads: result });
      const verbose = opts.verbose === true || shared.globals().verbose;
      out.lines(result.flatMap((rev) => formatListed(rev, verbose, { branches: true, tree: false }, out.style)));
    });
}
