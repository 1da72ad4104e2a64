import type { RevisionSource } from "./types.js";

/** The fields a {@link Revision} is built from (filled in by the revision map). */
export interface RevisionInit<T> {
  readonly source: T;
  readonly revision: string;
  readonly downRevisions: readonly string[];
  readonly dependencies: readonly string[];
  readonly normalizedDownRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  readonly branches: readonly string[];
  readonly nextRevisions: readonly string[];
  readonly dependents: readonly string[];
  readonly hasDeclaredDependencies: boolean;
}

/**
 * One revision of a {@link RevisionMap}, with its place in the graph worked out.
 *
 * @example
 * ```ts
 * const rev = map.get("ae1027a6acf")!;
 * if (rev.isMergePoint) console.log(`${rev.revision} merges ${rev.downRevisions.join(", ")}`);
 * ```
 */
export class Revision<T extends RevisionSource = RevisionSource> {
  /** The revision id. */
  readonly revision: string;
  /** What the map was built from (e.g. the script file). */
  readonly source: T;
  /** Parent revision ids by `downRevision`, in the order written. */
  readonly downRevisions: readonly string[];
  /** `dependsOn` resolved to revision ids (labels and partial ids replaced). */
  readonly dependencies: readonly string[];
  /**
   * Parents a migration step moves from: the down revisions plus those
   * dependencies not already implied by an ancestor's own dependencies.
   */
  readonly normalizedDownRevisions: readonly string[];
  /** Branch labels written on this revision. */
  readonly branchLabels: readonly string[];
  /** Every branch label this revision belongs to (own ones and those it inherits). */
  readonly branches: readonly string[];
  /** Children by `downRevision`, in source order. */
  readonly nextRevisions: readonly string[];
  /** Revisions naming this one in `dependsOn` (and not as a down revision). */
  readonly dependents: readonly string[];
  /** No revision has this one as its down revision. */
  readonly isHead: boolean;
  /** No revision has this one as a down revision or dependency. */
  readonly isRealHead: boolean;
  /** Has no down revision. */
  readonly isBase: boolean;
  /** Has no down revision and no dependencies. */
  readonly isRealBase: boolean;
  /** More than one revision has this one as its down revision. */
  readonly isBranchPoint: boolean;
  /** More than one revision has this one as a down revision or dependency. */
  readonly isRealBranchPoint: boolean;
  /** Has more than one down revision. */
  readonly isMergePoint: boolean;

  constructor(init: RevisionInit<T>) {
    this.revision = init.revision;
    this.source = init.source;
    this.downRevisions = Object.freeze([...init.downRevisions]);
    this.dependencies = Object.freeze([...init.dependencies]);
    this.normalizedDownRevisions = Object.freeze([...init.normalizedDownRevisions]);
    this.branchLabels = Object.freeze([...init.branchLabels]);
    this.branches = Object.freeze([...init.branches]);
    this.nextRevisions = Object.freeze([...init.nextRevisions]);
    this.dependents = Object.freeze([...init.dependents]);
    this.isHead = init.nextRevisions.length === 0;
    this.isRealHead = init.nextRevisions.length === 0 && init.dependents.length === 0;
    this.isBase = init.downRevisions.length === 0;
    this.isRealBase = this.isBase && !init.hasDeclaredDependencies;
    this.isBranchPoint = init.nextRevisions.length > 1;
    this.isRealBranchPoint = init.nextRevisions.length + init.dependents.length > 1;
    this.isMergePoint = init.downRevisions.length > 1;
  }

  /** `revision` (for string interpolation). */
  toString(): string {
    return this.revision;
  }
}
