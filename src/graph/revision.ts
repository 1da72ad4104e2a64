import type { RevisionSource } from "./types.js";

/**
 * Where a {@link Revision} reads its place in the graph from (the revision
 * map's arrays). Lists are computed on first access and then kept.
 */
export interface RevisionView {
  readonly downRevisions: (i: number) => readonly string[];
  readonly dependencies: (i: number) => readonly string[];
  readonly normalizedDownRevisions: (i: number) => readonly string[];
  readonly branchLabels: (i: number) => readonly string[];
  readonly branches: (i: number) => readonly string[];
  readonly nextRevisions: (i: number) => readonly string[];
  readonly dependents: (i: number) => readonly string[];
  /** The revision's {@link RevisionFlag}s, or-ed together (a number: no object for each revision). */
  readonly flags: (i: number) => number;
}

/** What {@link RevisionView.flags} says of a revision, one bit each. */
export const RevisionFlag = {
  Head: 1,
  RealHead: 2,
  Base: 4,
  RealBase: 8,
  BranchPoint: 16,
  RealBranchPoint: 32,
  MergePoint: 64,
} as const;

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

  readonly #index: number;
  readonly #view: RevisionView;
  #down: readonly string[] | undefined;
  #deps: readonly string[] | undefined;
  #normDown: readonly string[] | undefined;
  #labels: readonly string[] | undefined;
  #branches: readonly string[] | undefined;
  #next: readonly string[] | undefined;
  #dependents: readonly string[] | undefined;

  /** Made by the revision map. */
  constructor(revision: string, source: T, index: number, view: RevisionView) {
    this.revision = revision;
    this.source = source;
    this.#index = index;
    this.#view = view;
    const flags = view.flags(index);
    this.isHead = (flags & RevisionFlag.Head) !== 0;
    this.isRealHead = (flags & RevisionFlag.RealHead) !== 0;
    this.isBase = (flags & RevisionFlag.Base) !== 0;
    this.isRealBase = (flags & RevisionFlag.RealBase) !== 0;
    this.isBranchPoint = (flags & RevisionFlag.BranchPoint) !== 0;
    this.isRealBranchPoint = (flags & RevisionFlag.RealBranchPoint) !== 0;
    this.isMergePoint = (flags & RevisionFlag.MergePoint) !== 0;
  }

  /** Parent revision ids by `downRevision`, in the order written. */
  get downRevisions(): readonly string[] {
    return (this.#down ??= this.#view.downRevisions(this.#index));
  }

  /** `dependsOn` resolved to revision ids (labels and partial ids replaced). */
  get dependencies(): readonly string[] {
    return (this.#deps ??= this.#view.dependencies(this.#index));
  }

  /**
   * Parents a migration step moves from: the down revisions plus those
   * dependencies not already implied by an ancestor's own dependencies.
   */
  get normalizedDownRevisions(): readonly string[] {
    return (this.#normDown ??= this.#view.normalizedDownRevisions(this.#index));
  }

  /** Branch labels written on this revision. */
  get branchLabels(): readonly string[] {
    return (this.#labels ??= this.#view.branchLabels(this.#index));
  }

  /** Every branch label this revision belongs to (own ones and those it inherits). */
  get branches(): readonly string[] {
    return (this.#branches ??= this.#view.branches(this.#index));
  }

  /** Children by `downRevision`, in source order. */
  get nextRevisions(): readonly string[] {
    return (this.#next ??= this.#view.nextRevisions(this.#index));
  }

  /** Revisions naming this one in `dependsOn` (and not as a down revision). */
  get dependents(): readonly string[] {
    return (this.#dependents ??= this.#view.dependents(this.#index));
  }

  /** The graph facts as a plain object (what `JSON.stringify` writes); `source` is left out. */
  toJSON(): {
    revision: string;
    downRevisions: readonly string[];
    dependencies: readonly string[];
    branchLabels: readonly string[];
    branches: readonly string[];
    nextRevisions: readonly string[];
    isHead: boolean;
    isRealHead: boolean;
    isBase: boolean;
    isBranchPoint: boolean;
    isMergePoint: boolean;
  } {
    return {
      revision: this.revision,
      downRevisions: this.downRevisions,
      dependencies: this.dependencies,
      branchLabels: this.branchLabels,
      branches: this.branches,
      nextRevisions: this.nextRevisions,
      isHead: this.isHead,
      isRealHead: this.isRealHead,
      isBase: this.isBase,
      isBranchPoint: this.isBranchPoint,
      isMergePoint: this.isMergePoint,
    };
  }

  /** `revision` (for string interpolation). */
  toString(): string {
    return this.revision;
  }
}
