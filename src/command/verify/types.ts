/** The shapes `athanor verify` reports. */

/**
 * The built-in tests, in the order they run:
 * - `single-head`: the graph has one head (or exactly the config's `expectedHeads`);
 * - `upgrade`: every revision upgrades from base to the heads, one at a time;
 * - `model-matches`: after the upgrade, `check` finds no difference with env.ts's `targetMetadata`;
 * - `stairway`: for each revision, upgrade, downgrade and upgrade again: the downgrade leaves
 *   the schema as it was before, and the second upgrade gives what the first gave;
 * - `downgrades`: every revision's `downgrade()` does something, unless it is marked `irreversible`;
 * - `offline-matches`: the `--sql` script of the range, run by the database's own client on a
 *   second scratch database, gives the catalog the online run gave.
 */
export type VerifyTestName = "single-head" | "upgrade" | "model-matches" | "stairway" | "downgrades" | "offline-matches";

/** Every built-in test, in the order `verify` runs them. */
export const VERIFY_TESTS: readonly VerifyTestName[] = ["single-head", "upgrade", "model-matches", "stairway", "downgrades", "offline-matches"];

/** `passed`, `failed`, or `skipped` (with the reason: nothing to compare, an earlier failure, a missing client). */
export type VerifyStatus = "passed" | "failed" | "skipped";

/** One test's outcome. */
export interface VerifyTestResult {
  readonly name: VerifyTestName;
  readonly status: VerifyStatus;
  /** One line: why it failed or was skipped, or what it checked. */
  readonly reason: string;
  /** The revision the failure is about, when there is one. */
  readonly revision?: string;
  /** More lines: each difference found, each revision skipped and why. */
  readonly details: readonly string[];
  readonly durationMs: number;
}

/** What {@link verify} returns. */
export interface VerifyResult {
  /** `true` when no test failed (skipped tests do not fail the run). */
  readonly ok: boolean;
  /** The database kind the scratch databases were: `sqlite`, `postgresql`, `mysql`. */
  readonly dialect: string;
  /** Where the scratch databases were made, password masked: a temp file, or the server's URL. */
  readonly scratch: string;
  /** The revisions checked, oldest first. */
  readonly revisions: readonly string[];
  readonly tests: readonly VerifyTestResult[];
  readonly durationMs: number;
}
