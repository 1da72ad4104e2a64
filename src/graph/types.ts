/**
 * What the revision map needs to know of one revision. Script files on disk
 * (src/script) and tests both provide this shape; the map never reads files.
 */
export interface RevisionSource {
  /** The revision's identifier, e.g. `3f1c2a9b7d10`. */
  readonly revision: string;
  /** Its parent(s); `null` for a base. Several parents make a merge point. */
  readonly downRevision: string | readonly string[] | null;
  /** Labels naming the branch that starts (or runs through) this revision. */
  readonly branchLabels?: string | readonly string[] | null;
  /** Revisions (ids, partial ids or branch labels) that must run before this one. */
  readonly dependsOn?: string | readonly string[] | null;
}

/**
 * One step of a plan: run one revision's `upgrade()` or `downgrade()`, or move
 * the version table without running anything (stamp).
 */
export interface MigrationStep {
  readonly kind: "upgrade" | "downgrade" | "stamp";
  /** The revision whose function runs; `null` for a stamp step. */
  readonly revision: string | null;
  /** Heads the version table holds before the step (the step's "from" side). */
  readonly fromRevisions: readonly string[];
  /** Heads the version table holds after the step (the step's "to" side). */
  readonly toRevisions: readonly string[];
  /**
   * `fromRevisions` counting down revisions only, not dependencies (what a log
   * line shows: "Running upgrade a -> b"). Set by the planners.
   */
  readonly fromRevisionsNoDeps?: readonly string[];
  /** `toRevisions` counting down revisions only, not dependencies. Set by the planners. */
  readonly toRevisionsNoDeps?: readonly string[];
  /** Stamp steps only: whether the stamp moves up the graph (true) or down (false). */
  readonly isUpgrade?: boolean;
  /** Stamp steps only: the step adds (upgrade) or removes (downgrade) a whole row instead of moving one. */
  readonly branchMove?: boolean;
}

/** One change to the version table, in the order it must be applied. */
export type VersionChange =
  | { readonly type: "insert"; readonly revision: string }
  | { readonly type: "update"; readonly from: string; readonly to: string }
  | { readonly type: "delete"; readonly revision: string };
