import type { MigrationStep } from "../graph/types.js";

/** What happened in one step of a run; the same data for the programmatic API and `--json`. */
export interface StepResult {
  readonly kind: "upgrade" | "downgrade" | "stamp";
  /** The revision whose function ran; `null` for a stamp. */
  readonly revision: string | null;
  readonly fromRevisions: readonly string[];
  readonly toRevisions: readonly string[];
  /** The revision's message (first line of its header comment). */
  readonly doc: string | undefined;
  /** The database's name in a multi-database run. */
  readonly database: string | undefined;
  /** Time the step took, in milliseconds. */
  readonly durationMs: number;
}

/**
 * Passed to `onVersionApply` after each step, once its version-table change is
 * written (like Alembic's `MigrationInfo`).
 */
export interface MigrationInfo {
  readonly step: MigrationStep;
  readonly isUpgrade: boolean;
  readonly isStamp: boolean;
  /** `true` when a revision's function ran (not a stamp). */
  readonly isMigration: boolean;
  readonly revision: string | null;
  readonly doc: string | undefined;
  /** Heads the step started from and ended at. */
  readonly sourceRevisionIds: readonly string[];
  readonly destinationRevisionIds: readonly string[];
  /** The version table's heads after the step. */
  readonly heads: readonly string[];
  readonly database: string | undefined;
  readonly isOffline: boolean;
}

/** The line Alembic users know: `Running upgrade a1b2c3 -> d4e5f6, add users`. */
export function stepLine(step: MigrationStep, doc: string | undefined, index: number, total: number): string {
  const counter = total >= 10 ? `[${index}/${total}] ` : "";
  const from = (step.fromRevisionsNoDeps ?? step.fromRevisions).join(", ");
  const to = (step.toRevisionsNoDeps ?? step.toRevisions).join(", ");
  return `${counter}Running ${step.kind} ${from} -> ${to}${doc ? `, ${doc}` : ""}`;
}
