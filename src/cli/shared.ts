/**
 * What every command file receives next to the program: the global options, the
 * output, and the configuration (loaded on first use).
 */
import type { Command } from "commander";
import type { Config } from "../config/index.js";
import type { Output } from "./output.js";

/** The options given before (or after) any command. */
export interface GlobalOptions {
  /** `-c/--config PATH` */
  readonly config: string | undefined;
  /** `-n/--name NAME`: the named section of the configuration. */
  readonly name: string | undefined;
  /** `-x KEY=VALUE`, in the order given. */
  readonly x: readonly string[];
  /** `-q/--quiet` */
  readonly quiet: boolean;
  /** `--verbose`: stack traces on errors (and the long form of listings). */
  readonly verbose: boolean;
}

/** Handed to each command file's `register`. */
export interface Shared {
  /** The global options as parsed; call inside an action. */
  globals(): GlobalOptions;
  /** The stdout writer (respects `-q`, colours on a TTY only). */
  output(): Output;
  /** Load the configuration named by `-c`/`-n`/`-x` (once per process). */
  loadConfig(): Promise<Config>;
  /** The working directory commands resolve relative paths against. */
  readonly cwd: string;
}

/** The export each file of `src/cli/commands/` provides. */
export interface CommandFile {
  register(program: Command, shared: Shared): void;
}
