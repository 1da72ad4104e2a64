import type { RunOutput } from "./run-environment.js";
import type { StepResult } from "./step-info.js";

/** Options shared by `upgrade`, `downgrade` and `stamp`. */
export interface MigrationCommandOptions {
  /** Write the SQL instead of running it (offline mode). The SQL is in the result's `sql`. */
  readonly sql?: boolean;
  /** An arbitrary tag handed to `env.ts` as `context.tag`. */
  readonly tag?: string;
  /** Where progress lines and offline SQL go as they are produced. */
  readonly output?: RunOutput;
  /**
   * Stops the run when aborted, at a safe point: before the next statement or
   * step (a running statement is cancelled where the driver can). What can be
   * rolled back is, the lock is released, and the command rejects with an
   * `InterruptedError` whose message says what state the database is in.
   *
   * @example
   * ```ts
   * const controller = new AbortController();
   * process.once("SIGINT", () => controller.abort("SIGINT"));
   * await command.upgrade(config, "head", { signal: controller.signal });
   * ```
   */
  readonly signal?: AbortSignal;
  /**
   * `upgrade` only: refuse to run (nothing done) when an applied revision's file
   * changed what it runs since it was applied, as the history table recorded it.
   * Without it such files are warned about (`output.warn`), as are
   * formatting-only edits, which `strict` lets through.
   *
   * @example
   * ```ts
   * await command.upgrade(config, "head", { strict: true });
   * ```
   */
  readonly strict?: boolean;
}

/** What `upgrade`, `downgrade` and `stamp` return. */
export interface MigrationResult {
  /** The steps that ran, in order. */
  readonly steps: readonly StepResult[];
  /** The version table's heads before the run. */
  readonly initialHeads: readonly string[];
  /** The version table's heads after the run. */
  readonly heads: readonly string[];
  /** The SQL written, in offline mode. */
  readonly sql?: string;
}
