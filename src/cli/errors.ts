/**
 * Turning any failure into what the user sees: one line on stderr and exit code 1;
 * the stack only with `--verbose`.
 */
import { CommanderError } from "commander";
import { AthanorError } from "../util/errors.js";
import { displayPath } from "./paths.js";

/** How to report: stack traces or not, and where stderr goes. */
export interface ReportOptions {
  readonly verbose: boolean;
  readonly writeErr?: (text: string) => void;
  readonly cwd?: string;
}

/**
 * Print `error` for a person and return the process exit code.
 *
 * @example
 * ```ts
 * try { await run(); } catch (error) { return reportError(error, { verbose: false }); }
 * ```
 */
export function reportError(error: unknown, options: ReportOptions): number {
  const writeErr = options.writeErr ?? ((text: string) => void process.stderr.write(text));
  if (error instanceof CommanderError) {
    // commander has printed its own one-line message (or the help / version text) already
    return error.exitCode === 0 ? 0 : 1;
  }
  writeErr(`athanor: ${maskPasswords(errorLine(error, options.cwd ?? process.cwd(), options.verbose))}\n`);
  if (options.verbose) writeErr(maskPasswords(stackOf(error)));
  return 1;
}

/** The single line describing `error` (without the `athanor: ` prefix). */
export function errorLine(error: unknown, cwd: string = process.cwd(), verbose = false): string {
  if (error instanceof AthanorError) {
    const file = error.file === undefined ? undefined : displayPath(error.file, cwd);
    const where = file ? `${file}${error.line ? `:${error.line}` : ""}: ` : "";
    return oneLine(`${where}${error.message}${error.hint ? ` (${error.hint})` : ""}`);
  }
  const message = error instanceof Error ? error.message || error.name : String(error);
  return oneLine(verbose ? message : `${message} (run again with --verbose to see the stack)`);
}

/**
 * Hide the password of any URL in `text` (`postgresql://app:s3cret@db/x` becomes
 * `postgresql://app:***@db/x`): a driver's or a user's own error may quote one.
 */
export function maskPasswords(text: string): string {
  return text.replace(/([a-z][\w+.-]*:\/\/[^\s:@/]*:)[^\s@/]+@/gi, "$1***@");
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

function stackOf(error: unknown): string {
  let text = "";
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    const stack = current instanceof Error ? (current.stack ?? String(current)) : String(current);
    text += `${depth === 0 ? "" : "Caused by: "}${stack}\n`;
    current = current instanceof Error ? current.cause : undefined;
  }
  return text;
}
