/**
 * The `athanor` command line. Command files are small and load their command's
 * code (and through it the TypeScript loader or a database driver) only when that command runs, so
 * `athanor --help` and the graph commands start fast.
 */
import { readFileSync } from "node:fs";
import { Command, Option } from "commander";
import { reportError } from "./errors.js";
import * as initCommand from "./commands/init.js";
import * as listTemplatesCommand from "./commands/list-templates.js";
import * as revisionCommand from "./commands/revision.js";
import * as mergeCommand from "./commands/merge.js";
import * as editCommand from "./commands/edit.js";
import * as headsCommand from "./commands/heads.js";
import * as branchesCommand from "./commands/branches.js";
import * as historyCommand from "./commands/history.js";
import * as showCommand from "./commands/show.js";
import * as graphCommand from "./commands/graph.js";
import * as upgradeCommand from "./commands/upgrade.js";
import * as downgradeCommand from "./commands/downgrade.js";
import * as stampCommand from "./commands/stamp.js";
import * as currentCommand from "./commands/current.js";
import * as statusCommand from "./commands/status.js";
import * as ensureVersionCommand from "./commands/ensure-version.js";
import * as checkCommand from "./commands/check.js";
import * as lintCommand from "./commands/lint.js";
import * as verifyCommand from "./commands/verify.js";
import { interruptExitCode } from "./interrupt.js";
import { Output, writeStdout } from "./output.js";
import type { CommandFile, GlobalOptions, Shared } from "./shared.js";
import type { Config } from "../config/index.js";

/** The command files, in the order `athanor --help` lists them. Each is small: its command's code loads when it runs. */
const commandFiles: readonly CommandFile[] = [
  initCommand,
  listTemplatesCommand,
  revisionCommand,
  mergeCommand,
  editCommand,
  headsCommand,
  branchesCommand,
  historyCommand,
  showCommand,
  graphCommand,
  upgradeCommand,
  downgradeCommand,
  stampCommand,
  currentCommand,
  statusCommand,
  ensureVersionCommand,
  checkCommand,
  lintCommand,
  verifyCommand,
];

/**
 * Run the CLI with `argv` (without the node and script paths) and return the
 * exit code: 0 on success, 1 on any error (printed as one line on stderr).
 *
 * @example
 * ```ts
 * process.exitCode = await main(["heads", "--json"]);
 * ```
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command("athanor");
  const cwd = process.cwd();
  let output: Output | undefined;
  let config: Promise<Config> | undefined;

  const globals = (): GlobalOptions => {
    const opts = program.opts<{ config?: string; name?: string; x?: string[]; quiet?: boolean; verbose?: boolean }>();
    return {
      config: opts.config,
      name: opts.name,
      x: opts.x ?? [],
      quiet: opts.quiet === true,
      verbose: opts.verbose === true,
    };
  };
  const shared: Shared = {
    cwd,
    globals,
    output: () => (output ??= Output.forProcess({ quiet: globals().quiet })),
    loadConfig: () =>
      (config ??= (async () => {
        const g = globals();
        const { Config } = await import("../config/index.js");
        return Config.load({
          cwd,
          ...(g.config === undefined ? {} : { path: g.config }),
          ...(g.name === undefined ? {} : { name: g.name }),
          xArgs: g.x,
        });
      })()),
  };

  program
    .description("Database schema migrations for TypeScript")
    // package.json is read only when the version is asked for
    .version(`athanor ${argv.includes("--version") ? packageVersion() : ""}`, "--version", "print the version and exit")
    .option("-c, --config <path>", "configuration file (default: $ATHANOR_CONFIG, else athanor.config.{ts,mts,js,mjs,json} here)")
    .option("-n, --name <name>", "named section of the configuration to use")
    .addOption(new Option("-x <key=value>", "argument for env.ts, repeatable").argParser(collect))
    .option("-q, --quiet", "print nothing but errors and requested JSON")
    .option("--verbose", "show the stack trace of an error (and the long form of listings)")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: writeStdout,
      outputError: (text, write) => write(`athanor: ${text.replace(/^error: /, "").trim().replace(/\s*\n\s*/g, " ")}\n`),
    });

  try {
    for (const file of commandFiles) {
      file.register(program, shared);
    }
    await program.parseAsync([...argv], { from: "user" });
    return interruptExitCode() ?? 0;
  } catch (error) {
    const code = reportError(error, { verbose: program.opts()["verbose"] === true, cwd });
    // a run stopped by Ctrl-C or SIGTERM exits as the signal would have (130, 143)
    return interruptExitCode() ?? code;
  }
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function packageVersion(): string {
  try {
    const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
    return (JSON.parse(text) as { version?: string }).version ?? "unknown";
  } catch {
    return "unknown";
  }
}
