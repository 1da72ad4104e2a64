/**
 * Printing for the migration commands (upgrade, downgrade, stamp): progress
 * lines on stdout, or on stderr when stdout carries SQL or JSON.
 */
import type { MigrationResult, RunOutput } from "../../runtime/index.js";
import { watchInterrupts } from "../interrupt.js";
import { writeStdout } from "../output.js";
import type { Shared } from "../shared.js";

interface PrintOptions {
  readonly sql?: boolean;
  readonly json?: boolean;
}

/** Where the run's progress lines and SQL go. */
export function migrationOutput(shared: Shared, opts: PrintOptions): RunOutput {
  const quiet = shared.globals().quiet;
  const toStderr = opts.sql === true || opts.json === true;
  const out = shared.output();
  return {
    info: (line) => {
      if (quiet) return;
      if (toStderr) process.stderr.write(`${line}\n`);
      else out.line(line);
    },
    // with --json the SQL is part of the JSON document instead
    sql: (text) => {
      if (opts.json !== true) writeStdout(text);
    },
    warn: (message) => {
      if (!quiet) process.stderr.write(`athanor: warning: ${message}\n`);
    },
  };
}

/** What was asked for, to say so when there was nothing to do. */
interface Request {
  readonly command: string;
  readonly target: unknown;
}

/**
 * The closing output: the JSON document when asked for; otherwise, when an
 * upgrade or downgrade had nothing to do, one line saying where the database is.
 */
export function printMigrationResult(shared: Shared, opts: PrintOptions, result: MigrationResult, request?: Request): void {
  if (!opts.json) {
    const moves = request?.command === "upgrade" || request?.command === "downgrade";
    if (moves && result.steps.length === 0 && typeof request.target === "string") {
      migrationOutput(shared, opts).info?.(alreadyAt(request.target, result.heads));
    }
    return;
  }
  const { sql, ...rest } = result;
  shared.output().json(opts.sql === true ? { ...rest, sql } : rest);
}

/**
 * Run a migration command with Ctrl-C and SIGTERM wired to its `signal`,
 * listening from before the configuration loads. A signal that comes after
 * the run finished is said so, with the heads the database is at.
 */
export async function withInterrupts(
  run: (signal: AbortSignal) => Promise<MigrationResult>,
  print: (result: MigrationResult) => void,
): Promise<void> {
  const watch = watchInterrupts();
  try {
    const result = await run(watch.signal);
    print(result);
    if (watch.signal.aborted) {
      const at = result.heads.length === 0 ? "no revision (base)" : result.heads.join(", ");
      process.stderr.write(
        `athanor: Interrupted (${String(watch.signal.reason)}) after the run had finished; the database is at ${at}\n`,
      );
    }
  } finally {
    watch.dispose();
  }
}

/** `already at head 3f1c2a9b7d10`, `already at 3f1c2a9b7d10`, `already at base`. */
function alreadyAt(target: string, heads: readonly string[]): string {
  if (heads.length === 0) return "already at base";
  const at = heads.join(", ");
  const end = target.slice(target.lastIndexOf(":") + 1); // a --sql range `start:end`
  return heads.includes(end) ? `already at ${at}` : `already at ${end} ${at}`;
}
