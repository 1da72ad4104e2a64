import { CommanderError, type Command } from "commander";
import type { Shared } from "../shared.js";

/** `athanor status [--json]`: exit 1 when a file changed what it runs, a row has no file, or a revision was applied out of order. */
export function register(program: Command, shared: Shared): void {
  program
    .command("status")
    .description("compare the applied history with the revision files: changed files, rows without a file, out-of-order revisions")
    .option("--json", "print one JSON document")
    .action(async (opts: { json?: boolean }) => {
      const config = await shared.loadConfig();
      const { status } = await import("../../command/status.js");
      const { statusLines } = await import("./status-lines.js");
      const result = await status(config);
      const out = shared.output();
      if (opts.json) out.json(result);
      else {
        const named = result.databases.length > 1;
        for (const db of result.databases) {
          const prefix = named ? `[${db.database ?? ""}] ` : "";
          out.line(`${prefix}At ${db.rows.length === 0 ? "no revision (base)" : db.rows.join(", ")}`);
          out.lines(statusLines(db.history).map((line) => `${prefix}${line}`));
        }
      }
      if (!result.clean) throw new CommanderError(1, "athanor.status", "");
    });
}
