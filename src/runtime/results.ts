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
