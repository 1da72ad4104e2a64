import type { Command } from "commander";
import { formatListed } from "../format-revision.js";
import type { Shared } from "../shared.js";
import { addFleetFlags, fleetOptionsFromFlags, type FleetFlags } from "./fleet-flags.js";

/** `athanor current [-v] [--check-heads] [--json] [--fleet NAME]` */
export function register(program: Command, shared: Shared): void {
  const cli = program
    .command("current")
    .description("show the revision(s) the database is at")
    .option("-v, --verbose", "show the full entry of each revision")
    .option("--check-heads", "exit 1 unless the database is at every head revision")
    .option("--json", "print one JSON document");
  addFleetFlags(cli, { failFast: false }).action(async (opts: { verbose?: boolean; checkHeads?: boolean; json?: boolean } & FleetFlags) => {
      const config = await shared.loadConfig();
      const { current } = await import("../../command/current.js");
      const fleet = fleetOptionsFromFlags(opts);
      if (fleet !== undefined) {
        // the drift over a fleet: how many targets at which revisions, and which ones
        const { printFleetCurrent } = await import("./fleet-output.js");
        return printFleetCurrent(shared, opts, await current(config, fleet));
      }
      const verbose = opts.verbose === true || shared.globals().verbose;
      // -v and --json also compare the applied history with the files (as `athanor status`)
      const result = await current(config, { checkHeads: opts.checkHeads === true, history: verbose || opts.json === true });
      const out = shared.output();
      if (opts.json) return out.json(result);
      if (verbose) {
        const { maskUrl } = await import("../../dialects/url.js");
        out.line(`Current revision(s) for ${config.url ? maskUrl(config.url) : "the configured database"}:`);
      }
      // several databases: each line names its database, as the upgrade lines do
      const named = result.databases.length > 1;
      for (const db of named ? result.databases : [{ database: undefined, heads: result.heads }]) {
        const prefix = named ? `[${db.database ?? ""}] ` : "";
        if (db.heads.length === 0) out.line(`${prefix}(no revision)`);
        for (const head of db.heads) {
          if (!head.known) {
            out.line(`${prefix}${out.style.bold(head.revision)} ${out.style.red("(unknown revision: no script defines it)")}`);
            continue;
          }
          const info = { ...head, isCurrent: null };
          for (const line of formatListed(info, verbose, { branches: true, tree: true }, out.style)) out.line(`${prefix}${line}`);
        }
      }
      if (verbose) {
        const { statusLines } = await import("./status-lines.js");
        for (const db of result.databases) {
          if (db.history !== undefined) out.lines(statusLines(db.history).map((line) => `${named ? `[${db.database ?? ""}] ` : ""}${line}`));
        }
      }
    });
}
