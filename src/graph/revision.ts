import type { Graph } from "./graph.js";
import type { RevisionSource } from "./types.js";

const NO_IDS: readonly string[] = Object.freeze([]);

/** The ids of revisions `xs`, frozen (the shared empty list when none). */
function idsOf(xs: readonly number[], ids: readonly string[]): readonly string[] {
  const n = xs.length;
  if (n === 0) return NO_IDS;
  const out = new Array<string>(n);
  for (let k = 0; k < n; k++) out[k] = ids[xs[k] as number] as string;
  return Object.freeze(out);
}

/** A frozen copy of `xs` (the shared empty list when empty). */
const copied = (xs: readonly string[]): readonly string[] => (xs.length === 0 ? NO_IDS : Object.freeze([...xs]));

/** What a revision's flags say, one bit each (a number: no object for each revision). */
const Flag = {
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

  // Read from the map's arrays when first asked for, then kept. A listing makes one
  // revision for each of up to every revision, reading most of these once, mostly
  // before V8 optimizes anything: each list is one call away from its getter.
  readonly #g: Graph;
  readonly #i: number;
  readonly #flags: number;
  #down: readonly string[] | undefined;
  #deps: readonly string[] | undefined;
  #normDown: readonly string[] | undefined;
  #labels: readonly string[] | undefined;
  #branches: readonly string[] | undefined;
  #next: readonly string[] | undefined;
  #dependents: readonly string[] | undefined;

  /** Made by the revision map: the revision at index `i` of `graph`. */
  constructor(graph: Graph, i: number, source: T) {
    this.revision = graph.ids[i] as string;
    this.source = source;
    this.#g = graph;
    this.#i = i;
    const next = (graph.next[i] as readonly number[]).length;
    const all = (graph.allNext[i] as readonly number[]).length;
    const down = (graph.down[i] as readonly number[]).length;
    this.#flags =
      (next === 0 ? Flag.Head : 0) |
      (all === 0 ? Flag.RealHead : 0) |
      (down === 0 ? Flag.Base : 0) |
      (down === 0 && !graph.declaredDeps[i] ? Flag.RealBase : 0) |
      (next > 1 ? Flag.BranchPoint : 0) |
      (all > 1 ? Flag.RealBranchPoint : 0) |
      (down > 1 ? Flag.MergePoint : 0);
  }

  /** No revision has this one as its down revision. */
  get isHead(): boolean {
    return (this.#flags & Flag.Head) !== 0;
  }

  /** No revision has this one as a down revision or dependency. */
  get isRealHead(): boolean {
    return (this.#flags & Flag.RealHead) !== 0;
  }

  /** Has no down revision. */
  get isBase(): boolean {
    return (this.#flags & Flag.Base) !== 0;
  }

  /** Has no down revision and no dependencies. */
  get isRealBase(): boolean {
    return (this.#flags & Flag.RealBase) !== 0;
  }

  /** More than one revision has this one as its down revision. */
  get isBranchPoint(): boolean {
    return (this.#flags & Flag.BranchPoint) !== 0;
  }

  /** More than one revision has this one as a down revision or dependency. */
  get isRealBranchPoint(): boolean {
    return (this.#flags & Flag.RealBranchPoint) !== 0;
  }

  /** Has more than one down revision. */
  get isMergePoint(): boolean {
    return (this.#flags & Flag.MergePoint) !== 0;
  }

  /** Parent revision ids by `downRevision`, in the order written. */
  get downRevisions(): readonly string[] {
    return (this.#down ??= idsOf(this.#g.down[this.#i] as readonly number[], this.#g.ids));
  }

  /** `dependsOn` resolved to revision ids (labels and partial ids replaced). */
  get dependencies(): readonly string[] {
    return (this.#deps ??= idsOf(this.#g.deps[this.#i] as readonly number[], this.#g.ids));
  }

  /**
   * Parents a migration step moves from: the down revisions plus those
   * dependencies not already implied by an ancestor's own dependencies.
   */
  get normalizedDownRevisions(): readonly string[] {
    return (this.#normDown ??= idsOf(this.#g.normDown[this.#i] as readonly number[], this.#g.ids));
  }

  /** Branch labels written on this revision. */
  get branchLabels(): readonly string[] {
    return (this.#labels ??= copied(this.#g.ownLabels[this.#i] as readonly string[]));
  }

  /** Every branch label this revision belongs to (own ones and those it inherits). */
  get branches(): readonly string[] {
    return (this.#branches ??= copied(this.#g.labels[this.#i] as readonly string[]));
  }

  /** Children by `downRevision`, in source order. */
  get nextRevisions(): readonly string[] {
    return (this.#next ??= idsOf(this.#g.next[this.#i] as readonly number[], this.#g.ids));
  }

  /** Revisions naming this one in `dependsOn` (and not as a down revision). */
  get dependents(): readonly string[] {
    if (this.#dependents !== undefined) return this.#dependents;
    const next = this.#g.next[this.#i] as readonly number[];
    const all = this.#g.allNext[this.#i] as readonly number[];
    return (this.#dependents = all.length === next.length ? NO_IDS : idsOf(all.filter((c) => !next.includes(c)), this.#g.ids));
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
