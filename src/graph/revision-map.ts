import { RevisionGraphError } from "./errors.js";
import { collectAndSort, sortAll } from "./collect.js";
import { buildGraph, type Graph } from "./graph.js";
import { parseRelative, parseRevisionRange } from "./identifiers.js";
import { NONE, Resolver, show, toList, type Symbolic } from "./resolver.js";
import { Revision } from "./revision.js";
import { stamp } from "./stamp.js";
import { ancestors, descendants } from "./traversal.js";
import type { MigrationStep, RevisionSource } from "./types.js";

/** Options of {@link RevisionMap.iterateRevisions}. */
export interface IterateOptions {
  /** The database's current heads, for `current` and relative identifiers. */
  readonly current?: readonly string[];
  /** Include the lower revision(s) themselves. Default false. */
  readonly inclusive?: boolean;
  /** Also include revisions on other branches needed below the upper bound (dependencies). Default false. */
  readonly implicitBase?: boolean;
  /** Collect what a downgrade from `upper` to `lower` drops, instead of what an upgrade needs. Default false. */
  readonly selectForDowngrade?: boolean;
  /** A relative identifier that walks past the end of the graph is an error (default true); otherwise it stops at the end. */
  readonly assertRelativeLength?: boolean;
  /** Receives warnings such as "downgrade -1 from multiple heads is ambiguous". */
  readonly onWarning?: (message: string) => void;
}

/** Options of the planners. */
export interface PlanOptions {
  /** Receives warnings such as "downgrade -1 from multiple heads is ambiguous". */
  readonly onWarning?: (message: string) => void;
}

/**
 * The revision graph: every revision with its parents, children, branch labels
 * and dependencies, identifier resolution (alembic.md §2.3), history order, and
 * the exact steps of upgrade, downgrade and stamp. Pure: it never reads files
 * or databases. Built once in near-linear time; immutable afterwards.
 *
 * @example
 * ```ts
 * const map = new RevisionMap([
 *   { revision: "a1", downRevision: null },
 *   { revision: "b2", downRevision: "a1" },
 * ]);
 * map.heads;                         // ["b2"]
 * map.planUpgrade([], "head");       // steps a1, b2
 * map.getRevision("b2-1")?.revision; // "a1"
 * ```
 */
export class RevisionMap<T extends RevisionSource = RevisionSource> {
  /** Heads by down revision only (a revision only depended upon is still a head: an "effective head"). */
  readonly heads: readonly string[];
  /** Heads when dependencies count as children too (what the version table holds after `upgrade heads`). */
  readonly realHeads: readonly string[];
  /** Revisions without a down revision. */
  readonly bases: readonly string[];
  /** Bases that have no dependencies either. */
  readonly realBases: readonly string[];

  readonly #g: Graph;
  readonly #r: Resolver;
  // made on first use: a command reading a few revisions of a large map builds only those
  readonly #revs: (Revision<T> | undefined)[];
  readonly #sources: readonly T[];

  /** Builds and validates the map; throws {@link RevisionGraphError} when the graph is broken. */
  constructor(sources: Iterable<T>) {
    const list = [...sources];
    const g = buildGraph(list);
    this.#g = g;
    this.#r = new Resolver(g);
    const ids = g.ids;
    const names = (xs: readonly number[]): string[] => {
      const out = new Array<string>(xs.length);
      for (let k = 0; k < xs.length; k++) out[k] = ids[xs[k] as number] as string;
      return out;
    };
    this.#revs = new Array<Revision<T> | undefined>(g.size);
    this.#sources = list;
    this.heads = Object.freeze(names(g.heads));
    this.realHeads = Object.freeze(names(g.realHeads));
    this.bases = Object.freeze(names(g.bases));
    this.realBases = Object.freeze(names(g.realBases));
  }

  /** Number of revisions. */
  get size(): number {
    return this.#g.size;
  }

  /** The revision with exactly this id (no labels, prefixes or symbols). */
  get(id: string): Revision<T> | undefined {
    const i = this.#g.byId.get(id);
    return i === undefined ? undefined : this.#at(i);
  }

  /** Every revision, in source order. */
  *all(): IterableIterator<Revision<T>> {
    for (let i = 0; i < this.#revs.length; i++) yield this.#at(i);
  }

  /** The revision at index `i`, made the first time it is asked for. */
  #at(i: number): Revision<T> {
    return (this.#revs[i] ??= new Revision<T>(this.#g, i, this.#sources[i] as T));
  }

  /**
   * Resolves any identifier (full or partial id, `head`, `heads`, `base`, a
   * branch label, `label@head`, `label@heads`, `label@base`, `label@rev`, `-N`,
   * `rev+N`, `rev-N`, `label@-N`, ...; with `current` given also `current`,
   * `+N` and `-N` relative to those heads). `base` gives `[]`.
   */
  getRevisions(symbol: string, current?: readonly string[]): Revision<T>[] {
    const refs = this.#r.resolveWithCurrent(symbol, current);
    const out: Revision<T>[] = [];
    for (const r of refs) {
      if (r === NONE) {
        throw new RevisionGraphError(`Relative revision ${symbol} walks past the end of the revision graph`, {
          code: "relative",
          argument: symbol,
          hint: "use a smaller step count",
        });
      }
      if (r >= 0 && !out.includes(this.#at(r))) out.push(this.#at(r));
    }
    return out;
  }

  /**
   * Resolves an identifier that must name at most one revision; `base` gives
   * `null`. Throws when it names several (e.g. `head` with several heads).
   */
  getRevision(symbol: string, current?: readonly string[]): Revision<T> | null {
    const hasCurrent = current !== undefined && (symbol === "current" || this.#r.isCurrentRelative(symbol));
    if (!hasCurrent && parseRelative(symbol) === null) {
      const r = this.#r.getRevisionRef(symbol);
      return r >= 0 ? this.#at(r) : null;
    }
    const revs = this.getRevisions(symbol, current);
    if (revs.length > 1) throw this.#r.multipleHeads(revs.map((r) => r.revision), symbol);
    return revs[0] ?? null;
  }

  /**
   * Revisions between `upper` and `lower`, newest first (history order). With
   * `selectForDowngrade`, what a downgrade from `upper` (current heads) to
   * `lower` (target) drops.
   */
  iterateRevisions(
    upper: string | readonly string[],
    lower: string | readonly string[],
    opts: IterateOptions = {},
  ): Revision<T>[] {
    const current = opts.current;
    const sub = (v: string | readonly string[]): Symbolic => {
      if (v === "current") {
        if (current === undefined) {
          throw new RevisionGraphError("'current' needs the database's current revisions", {
            code: "unknown-revision",
            argument: "current",
          });
        }
        return current;
      }
      return v;
    };
    const order = collectAndSort(this.#r, sub(upper), sub(lower), {
      inclusive: opts.inclusive ?? false,
      implicitBase: opts.implicitBase ?? false,
      selectForDowngrade: opts.selectForDowngrade ?? false,
      assertRelativeLength: opts.assertRelativeLength ?? true,
      warn: opts.onWarning ?? (() => {}),
    });
    return order.map((i) => this.#at(i));
  }

  /**
   * Revisions in history order for a range `start:end` (either side may be
   * empty; `current` stands for the given current heads), or all of them.
   */
  history(range?: string, current?: readonly string[]): Revision<T>[] {
    let lower: string | null = null;
    let upper: string | null = null;
    if (range !== undefined) ({ lower, upper } = parseRevisionRange(range));
    if (lower === null && upper === null) return sortAll(this.#r).map((i) => this.#at(i));
    const sub = (v: string | null, dflt: string): Symbolic => {
      if (v === "current") {
        if (current === undefined) {
          throw new RevisionGraphError("'current' needs the database's current revisions", {
            code: "unknown-revision",
            argument: "current",
          });
        }
        return current.length === 0 ? dflt : current;
      }
      return v ?? dflt;
    };
    let base = sub(lower, "base");
    const head = sub(upper, "heads");
    try {
      base = this.#lowerRelativeToUpper(base, upper === null ? null : head);
      return collectAndSort(this.#r, head, base, {
        inclusive: true,
        implicitBase: false,
        selectForDowngrade: false,
        assertRelativeLength: false,
        warn: () => {},
      }).map((i) => this.#at(i));
    } catch (e) {
      throw this.#rewrite(e, {
        notAncestor: `Requested range ${show(base)}:${show(head)} does not refer to ancestor/descendant revisions along the same branch`,
        headArg: show(head),
      });
    }
  }

  /**
   * In a history range `-N:end`, `-N` counts down from `end` (stopping at
   * base); with no end, or an end naming several revisions, it counts down
   * from the heads as everywhere else.
   */
  #lowerRelativeToUpper(lower: Symbolic, upper: Symbolic): Symbolic {
    if (typeof lower !== "string" || upper === null || !/^-\d+$/u.test(lower)) return lower;
    const ends = this.#r.getRevs(upper).filter((r) => r >= 0);
    if (ends.length !== 1) return lower;
    const r = this.#r.walk(ends[0] as number, Number.parseInt(lower, 10), null, false);
    return r >= 0 ? (this.#g.ids[r] as string) : "base";
  }

  /**
   * The steps that bring the database from `current` heads to `target`,
   * parents first. Revisions other branches need (dependencies) are included.
   */
  planUpgrade(current: readonly string[], target: string | readonly string[], opts: PlanOptions = {}): MigrationStep[] {
    for (const t of toList(target)) this.#refuseRange(t);
    try {
      const order = collectAndSort(this.#r, target, current, {
        inclusive: false,
        implicitBase: true,
        selectForDowngrade: false,
        assertRelativeLength: true,
        warn: opts.onWarning ?? (() => {}),
      });
      return order.reverse().map((i) => this.#step(i, true));
    } catch (e) {
      throw this.#rewrite(e, {
        notAncestor: `Destination ${show(target)} is not a valid upgrade target from current head(s)`,
        headArg: show(target),
      });
    }
  }

  /** The steps that bring the database from `current` heads down to `target`, children first. */
  planDowngrade(current: readonly string[], target: string, opts: PlanOptions = {}): MigrationStep[] {
    this.#refuseRange(target);
    try {
      const order = collectAndSort(this.#r, current, target, {
        inclusive: false,
        implicitBase: false,
        selectForDowngrade: true,
        assertRelativeLength: true,
        warn: opts.onWarning ?? (() => {}),
      });
      return order.map((i) => this.#step(i, false));
    } catch (e) {
      throw this.#rewrite(e, {
        notAncestor: `Destination ${target} is not a valid downgrade target from current head(s)`,
        headArg: target,
      });
    }
  }

  /**
   * The stamp steps that make the version table say `targets` (no migration
   * runs). An empty `targets` means `base`.
   */
  planStamp(current: readonly string[], targets: readonly string[]): MigrationStep[] {
    try {
      return stamp(this.#r, current, targets.length === 0 ? ["base"] : targets);
    } catch (e) {
      if (e instanceof RevisionGraphError && e.code === "multiple-heads") {
        throw new RevisionGraphError("Multiple heads are present; please specify a single target revision", {
          code: "multiple-heads",
          revisions: e.revisions,
          argument: targets.join(" "),
          hint: "name a specific revision, '<branchname>@head', or 'heads'",
          cause: e,
        });
      }
      throw e;
    }
  }

  /**
   * Ids of the given revisions and all their ancestors (through dependencies
   * too unless `includeDependencies` is false).
   */
  ancestorsOf(ids: readonly string[], opts: { includeDependencies?: boolean } = {}): Set<string> {
    const idx = ids.map((id) => this.#r.exact(id));
    return new Set(ancestors(this.#g, idx, opts.includeDependencies ?? true).map((i) => this.#g.ids[i] as string));
  }

  /** Ids of the given revisions and all their descendants (through dependents too unless `includeDependencies` is false). */
  descendantsOf(ids: readonly string[], opts: { includeDependencies?: boolean } = {}): Set<string> {
    const idx = ids.map((id) => this.#r.exact(id));
    return new Set(descendants(this.#g, idx, opts.includeDependencies ?? true).map((i) => this.#g.ids[i] as string));
  }

  /**
   * Whether `id` is one of `ids` or an ancestor of one of them (through down
   * revisions and dependencies), not counting paths through `except`. Ids not
   * in the map are ignored. Searches upward from `id` only, so it is cheap
   * unless `id` is a branch point.
   */
  isAncestorOfAny(id: string, ids: Iterable<string>, opts: { except?: string } = {}): boolean {
    const g = this.#g;
    const start = this.#r.exact(id);
    const skip = opts.except === undefined ? -1 : (g.byId.get(opts.except) ?? -1);
    const want = new Set<number>();
    const chainMax = new Map<number, number>();
    let maxRank = -1;
    for (const x of ids) {
      const i = g.byId.get(x);
      if (i === undefined) continue;
      if (i === start) return true;
      want.add(i);
      const c = g.chain[i] as number;
      chainMax.set(c, Math.max(chainMax.get(c) ?? -1, g.chainPos[i] as number));
      maxRank = Math.max(maxRank, g.topoRank[i] as number);
    }
    if (maxRank <= (g.topoRank[start] as number)) return false;
    // below a wanted revision on one path (and not only by passing `except`)?
    const onPathBelow = (v: number): boolean => {
      const c = g.chain[v] as number;
      const top = chainMax.get(c);
      if (top === undefined) return false;
      const pos = g.chainPos[v] as number;
      if (top < pos) return false;
      if (skip !== -1 && g.chain[skip] === c) {
        const sp = g.chainPos[skip] as number;
        if (sp > pos && sp <= top) return false;
      }
      return true;
    };
    if (onPathBelow(start)) return true;
    const seen = new Set<number>([start]);
    const stack = [start];
    while (stack.length > 0) {
      const v = stack.pop() as number;
      for (const w of g.allNext[v] as number[]) {
        if (w === skip || seen.has(w) || (g.topoRank[w] as number) > maxRank) continue;
        if (want.has(w) || onPathBelow(w)) return true;
        seen.add(w);
        stack.push(w);
      }
    }
    return false;
  }

  /**
   * Of `ids` (e.g. the version table's rows), those that share a line of
   * descent with `symbol` (a label, id, `label@head`, ...).
   */
  filterForLineage(ids: readonly string[], symbol: string, opts: { includeDependencies?: boolean } = {}): string[] {
    const idx = ids.map((id) => this.#r.exact(id));
    return this.#r.filterForLineage(idx, symbol, opts.includeDependencies ?? false).map((i) => this.#g.ids[i] as string);
  }

  /**
   * The heads implied by `ids`: the revisions and their ancestors, keeping only
   * those without a descendant in that set (Alembic's `get_all_current`).
   */
  allCurrent(ids: readonly string[]): Revision<T>[] {
    return this.#r.allCurrent(ids).map((i) => this.#at(i));
  }

  /** The single head of the graph (or of branch `label`); null when empty; throws with several. */
  currentHead(label?: string): Revision<T> | null {
    const i = this.#r.currentHead(label ?? null);
    return i === NONE ? null : this.#at(i);
  }

  // ---------------------------------------------------------------- internals

  #step(i: number, upgrade: boolean): MigrationStep {
    const g = this.#g;
    const id = g.ids[i] as string;
    const normDown = (g.normDown[i] as number[]).map((x) => g.ids[x] as string);
    const down = (g.down[i] as number[]).map((x) => g.ids[x] as string);
    return upgrade
      ? { kind: "upgrade", revision: id, fromRevisions: normDown, toRevisions: [id], fromRevisionsNoDeps: down, toRevisionsNoDeps: [id] }
      : { kind: "downgrade", revision: id, fromRevisions: [id], toRevisions: normDown, fromRevisionsNoDeps: [id], toRevisionsNoDeps: down };
  }

  #refuseRange(target: string): void {
    if (typeof target === "string" && target.includes(":")) {
      throw new RevisionGraphError("Range revision not allowed", {
        code: "invalid-range",
        argument: target,
        hint: "a start:end range is accepted only when generating SQL offline (--sql)",
      });
    }
  }

  #rewrite(e: unknown, how: { notAncestor: string; headArg: string }): unknown {
    if (!(e instanceof RevisionGraphError)) return e;
    if (e.code === "not-ancestor") {
      return new RevisionGraphError(how.notAncestor, {
        code: "not-ancestor",
        revisions: e.revisions,
        argument: how.headArg,
        hint: "run `athanor current` and `athanor history` to see where the database is",
        cause: e,
      });
    }
    if (e.code === "multiple-heads") return this.#r.multipleHeads(e.revisions, how.headArg, e);
    return e;
  }
}
