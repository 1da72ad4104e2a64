import { CommanderError, type Command } from "commander";
import type { Shared } from "../shared.js";

const collectPatterns = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value.split(",").map((p) => p.trim()).filter(Boolean),
];

/** `athanor verify [--revisions A:B] [--scratch-url URL] [--test NAME]... [--json] [--fleet NAME]`: exit 1 when a test fails. */
export function register(program: Command, shared: Shared): void {
  program
    .command("verify")
    .description("test the revisions on scratch databases: heads, upgrade, model, stairway, downgrades, offline SQL")
    .option("--revisions <range>", "[start]:[end] as history takes it (default base:heads)")
    .option("--scratch-url <url>", "server to make the scratch databases on, or pglite (default: the configured URL's)")
    .option("--test <name>", "run only this test, repeatable", (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .option("--json", "print one JSON document")
    .option("--fleet <name>", "verify on every server the fleet's targets live on (the targets are not touched)")
    .option("--only <patterns>", "with --fleet: only the servers of targets matching a glob", collectPatterns)
    .option("--except <patterns>", "with --fleet: leave out targets matching a glob", collectPatterns)
    .action(async (opts: { revisions?: string; scratchUrl?: string; test?: string[]; json?: boolean; fleet?: string; only?: string[]; except?: string[] }) => {
      const config = await shared.loadConfig();
      if (opts.fleet !== undefined || opts.only !== undefined || opts.except !== undefined) {
        const { verifyFleetCommand } = await import("./verify-fleet.js");
        return verifyFleetCommand(shared, config, opts);
      }
      const { verify } = await import("../../command/verify.js");
      const { watchInterrupts } = await import("../interrupt.js");
      const { verifyPrinter } = await import("./verify-output.js");
      const printer = verifyPrinter(shared, { json: opts.json === true });
      const watch = watchInterrupts();
      let result;
      try {
        result = await verify(config, {
          ...(opts.revisions === undefined ? {} : { revisions: opts.revisions }),
          ...(opts.scratchUrl === undefined ? {} : { scratchUrl: opts.scratchUrl }),
          ...(opts.test === undefined ? {} : { tests: opts.test as never }),
          signal: watch.signal,
          onProgress: printer.progress,
        });
      } finally {
        printer.clear();
        watch.dispose();
      }
      printer.result(result);
      if (!result.ok) throw new CommanderError(1, "athanor.verify", "");
    });
}
