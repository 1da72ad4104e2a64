import { statSync } from "node:fs";
import { dirname, relative, sep } from "node:path";
import type { Command } from "commander";
import { displayPath } from "../paths.js";
import type { Shared } from "../shared.js";

/** `athanor init DIR [-t TEMPLATE]` (the config file written is `-c`, default athanor.config.ts) */
export function register(program: Command, shared: Shared): void {
  program
    .command("init")
    .description("create a migrations folder and a config file from a template")
    .argument("<directory>", "folder to create, e.g. migrations")
    .option("-t, --template <name>", "template to use (see list-templates)", "generic")
    .option("--json", "print one JSON document")
    .action(async (directory: string, opts: { template: string; json?: boolean }) => {
      const { init } = await import("../../command/init.js");
      const config = shared.globals().config;
      const result = await init(directory, {
        template: opts.template,
        cwd: shared.cwd,
        ...(config === undefined ? {} : { configPath: config }),
      });
      const out = shared.output();
      if (opts.json) return out.json(result);
      const show = (path: string): string => displayPath(path, shared.cwd);
      for (const path of result.created) {
        const isDir = statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
        out.status(`${isDir ? "Creating directory" : "Generating"} ${show(path)} ...  done`);
      }
      if (result.gitignore !== undefined && !result.created.includes(result.gitignore)) {
        out.status(`Adding *-athanor.lock to ${show(result.gitignore)} ...  done`);
      }
      if (result.configSkipped) out.status(`File ${show(result.configFile)} already exists, skipping`);
      if (result.configPointsElsewhere !== undefined) {
        const where =
          result.configPointsElsewhere === null
            ? "could not be read to check its scriptLocation"
            : `keeps scriptLocation ${show(result.configPointsElsewhere)}`;
        process.stderr.write(
          `athanor: warning: ${show(result.configFile)} ${where}, not ${show(result.dir)}: ` +
            `set scriptLocation to "${relative(dirname(result.configFile), result.dir).split(sep).join("/")}" in it, or give the new folder its own config with -c\n`,
        );
      }
      out.status(`Please edit the connection settings in ${show(result.configFile)} before proceeding.`);
    });
}
