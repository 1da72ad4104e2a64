import type { Command } from "commander";
import { writeStdout } from "../output.js";
import type { Shared } from "../shared.js";

/** `athanor ensure-version [--sql]` */
export function register(program: Command, shared: Shared): void {
  program
    .command("ensure-version")
    .description("create the version table if it does not exist")
    .option("--sql", "write the CREATE statement to stdout instead of running it")
    .action(async (opts: { sql?: boolean }) => {
      const config = await shared.loadConfig();
      const { ensureVersion } = await import("../../command/ensure-version.js");
      const result = await ensureVersion(config, {
        sql: opts.sql === true,
        output: { sql: (text) => writeStdout(text) },
      });
      if (!opts.sql) shared.output().line(`Version table ${config.versionTable} is present`);
      void result;
    });
}
