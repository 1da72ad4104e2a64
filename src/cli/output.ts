/**
 * Everything the CLI prints on stdout goes through one `Output`, so `-q`, `--json`
 * and colours are decided in one place.
 */
import { fstatSync, writeSync } from "node:fs";

/** Styles for text on a terminal; each is the identity when colours are off. */
export interface Styles {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
  readonly red: (text: string) => string;
}

/** Where a command writes; `Output.forProcess()` builds the one the CLI uses. */
export interface OutputOptions {
  /** Suppress status and listing lines (`-q`). JSON documents are still printed. */
  readonly quiet?: boolean;
  /** Use ANSI colours. */
  readonly color?: boolean;
  readonly write?: (text: string) => void;
}

/**
 * The CLI's stdout writer.
 *
 * @example
 * ```ts
 * const out = Output.forProcess({ quiet: false });
 * out.line(`${out.style.bold("a1b2c3d4e5f6")} (head)`);
 * out.json({ heads: ["a1b2c3d4e5f6"] });
 * ```
 */
export class Output {
  readonly quiet: boolean;
  readonly color: boolean;
  readonly style: Styles;
  readonly #write: (text: string) => void;

  constructor(options: OutputOptions = {}) {
    this.quiet = options.quiet ?? false;
    this.color = options.color ?? false;
    this.#write = options.write ?? writeStdout;
    this.style = this.color ? ansiStyles : plainStyles;
  }

  /** An output on `process.stdout`: colours only on a TTY and never with `NO_COLOR`. */
  static forProcess(options: { quiet?: boolean } = {}): Output {
    return new Output({ quiet: options.quiet ?? false, color: colorWanted() });
  }

  /** Print one line (or several joined by newlines), unless quiet. */
  line(text = ""): void {
    if (!this.quiet) this.#write(`${text}\n`);
  }

  /** Print many lines with one write (listings of thousands of revisions), unless quiet. */
  lines(lines: Iterable<string>): void {
    if (this.quiet) return;
    let text = "";
    for (const line of lines) text += `${line}\n`;
    if (text !== "") this.#write(text);
  }

  /** Print a status message such as `Generating x.ts ...  done`, unless quiet. */
  status(text: string): void {
    this.line(`  ${text}`);
  }

  /** Print one JSON document (always, even when quiet: it is what was asked for). */
  json(value: unknown): void {
    this.#write(`${JSON.stringify(value, null, 2)}\n`);
  }
}

/** True when stdout is a terminal and `NO_COLOR` is unset or empty. */
export function colorWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return false;
  // a pipe or a file is no terminal: asked without making process.stdout, whose
  // stream (and the modules behind it) costs more than a small command's own work
  try {
    if (!fstatSync(1).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return guardedStdout().isTTY === true;
}

let stdoutStream: NodeJS.WriteStream | undefined;

/** Set by the command line's own process only: see {@link writeStdoutDirectly}. */
let directStdout = false;

/**
 * Let {@link writeStdout} write to file descriptor 1 itself, without making
 * `process.stdout`. Only the `athanor` executable does this: a program that runs
 * the CLI's `main()` in its own process may have replaced or be watching
 * `process.stdout`, so there every write goes through it.
 */
export function writeStdoutDirectly(): void {
  directStdout = true;
}

/**
 * `process.stdout`, which ends the process quietly when the reader went away
 * (`athanor history | head` closes the pipe early; that is not an error).
 */
export function guardedStdout(): NodeJS.WriteStream {
  if (stdoutStream === undefined) {
    stdoutStream = process.stdout;
    stdoutStream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return stdoutStream;
}

/**
 * Write to stdout. In the `athanor` executable ({@link writeStdoutDirectly}):
 * straight to the file descriptor, synchronously, as Node's own stream writes to
 * a file or a pipe on Linux, without making the stream; a
 * reader that went away ends the process quietly. A descriptor that cannot take
 * more now (non-blocking) hands the rest, and every later write, to the stream.
 *
 * @example
 * ```ts
 * writeStdout("a1b2c3d4e5f6 (head)\n");
 * ```
 */
export function writeStdout(text: string): void {
  if (!directStdout) {
    guardedStdout().write(text);
    return;
  }
  if (stdoutStream === undefined) {
    const bytes = Buffer.from(text, "utf8");
    let offset = 0;
    try {
      while (offset < bytes.length) offset += writeSync(1, bytes, offset, bytes.length - offset);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EPIPE") process.exit(process.exitCode ?? 0);
      if (code !== "EAGAIN") throw error;
    }
    guardedStdout().write(bytes.subarray(offset));
    return;
  }
  stdoutStream.write(text);
}

const identity = (text: string): string => text;

const plainStyles: Styles = {
  bold: identity,
  dim: identity,
  green: identity,
  yellow: identity,
  cyan: identity,
  red: identity,
};

const wrap =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

const ansiStyles: Styles = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  red: wrap(31, 39),
};
