import { RevisionGraphError } from "./errors.js";
import { buildGraph, prefixMatches, type Graph } from "./graph.js";
import { asInteger, parseRelative, parseRevisionRange } from "./identifiers.js";
import { Revision, type RevisionView } from "./revision.js";
import { sortNewestFirst } from "./topological-sort.js";
import type { MigrationStep, RevisionSource } from "./types.js";

/** "Nothing": before every revision (Alembic's `None`). */
const NONE = -1;
/** The empty state reached by walking down past a base (Alembic's `"base"`). */
const BASE = -2;
/** A revision index, {@link NONE} or {@link BASE}. */
type Ref = number;

type Symbolic = string | readonly string[] | null;

const NO_IDS: readonly string[] = Object.freeze([]);

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

function toList(value: Symbolic | undefined): string[] {
  if (value === null || value === undefined) return [];
  return typeof value === "string" ? [value] : [...value];
}

function show(value: Symbolic | undefined): string {
  if (value === null || value === undefined) return "base";
  if (typeof value === "string") return value;
  return value.length === 0 ? "base" : value.join(", ");
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
  readonly #revs: readonly Revision<T>[];

  /** Builds and validates the map; throws {@link RevisionGraphError} when the graph is broken. */
  constructor(sources: Iterable<T>) {
    const list = [...sources];
    const g = buildGraph(list);
    this.#g = g;
    const ids = g.ids;
    const names = (xs: readonly number[]): string[] => xs.map((x) => ids[x] as string);
    const frozen = (xs: readonly number[]): readonly string[] => (xs.length === 0 ? NO_IDS : Object.freeze(names(xs)));
    const dependents = (i: number): number[] => {
      const next = g.next[i] as number[];
      const all = g.allNext[i] as number[];
      return all.length === next.length ? [] : all.filter((c) => !next.includes(c));
    };
    const view: RevisionView = {
      downRevisions: (i) => frozen(g.down[i] as number[]),
      dependencies: (i) => frozen(g.deps[i] as number[]),
      normalizedDownRevisions: (i) => frozen(g.normDown[i] as number[]),
      branchLabels: (i) => Object.freeze([...(g.ownLabels[i] as string[])]),
      branches: (i) => Object.freeze([...(g.labels[i] as string[])]),
      nextRevisions: (i) => frozen(g.next[i] as number[]),
      dependents: (i) => frozen(dependents(i)),
      counts: (i) => {
        const next = (g.next[i] as number[]).length;
        return {
          down: (g.down[i] as number[]).length,
          next,
          dependents: (g.allNext[i] as number[]).length - next,
          declaredDependencies: g.declaredDeps[i] as boolean,
        };
      },
    };
    const revs: Revision<T>[] = new Array<Revision<T>>(g.size);
    for (let i = 0; i < g.size; i++) revs[i] = new Revision<T>(ids[i] as string, list[i] as T, i, view);
    this.#revs = revs;
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
    return i === undefined ? undefined : this.#revs[i];
  }

  /** Every revision, in source order. */
  all(): IterableIterator<Revision<T>> {
    return this.#revs[Symbol.iterator]();
  }

  /**
   * Resolves any identifier (full or partial id, `head`, `heads`, `base`, a
   * branch label, `label@head`, `label@heads`, `label@base`, `label@rev`, `-N`,
   * `rev+N`, `rev-N`, `label@-N`, ...; with `current` given also `current`,
   * `+N` and `-N` relative to those heads). `base` gives `[]`.
   */
  getRevisions(symbol: string, current?: readonly string[]): Revision<T>[] {
    const refs = this.#resolveWithCurrent(symbol, current);
    const out: Revision<T>[] = [];
    for (const r of refs) {
      if (r === NONE) {
        throw new RevisionGraphError(`Relative revision ${symbol} walks past the end of the revision graph`, {
          code: "relative",
          argument: symbol,
          hint: "use a smaller step count",
        });
      }
      if (r >= 0 && !out.includes(this.#revs[r] as Revision<T>)) out.push(this.#revs[r] as Revision<T>);
    }
    return out;
  }

  /**
   * Resolves an identifier that must name at most one revision; `base` gives
   * `null`. Throws when it names several (e.g. `head` with several heads).
   */
  getRevision(symbol: string, current?: readonly string[]): Revision<T> | null {
    const hasCurrent = current !== undefined && (symbol === "current" || this.#isCurrentRelative(symbol));
    if (!hasCurrent && parseRelative(symbol) === null) {
      const r = this.#getRevisionRef(symbol);
      return r >= 0 ? (this.#revs[r] as Revision<T>) : null;
    }
    const revs = this.getRevisions(symbol, current);
    if (revs.length > 1) throw this.#multipleHeads(revs.map((r) => r.revision), symbol);
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
    const order = this.#iterate(sub(upper), sub(lower), {
      inclusive: opts.inclusive ?? false,
      implicitBase: opts.implicitBase ?? false,
      selectForDowngrade: opts.selectForDowngrade ?? false,
      assertRelativeLength: opts.assertRelativeLength ?? true,
      warn: opts.onWarning ?? (() => {}),
    });
    return order.map((i) => this.#revs[i] as Revision<T>);
  }

  /**
   * Revisions in history order for a range `start:end` (either side may be
   * empty; `current` stands for the given current heads), or all of them.
   */
  history(range?: string, current?: readonly string[]): Revision<T>[] {
    let lower: string | null = null;
    let upper: string | null = null;
    if (range !== undefined) ({ lower, upper } = parseRevisionRange(range));
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
      return this.#iterate(head, base, {
        inclusive: true,
        implicitBase: false,
        selectForDowngrade: false,
        assertRelativeLength: false,
        warn: () => {},
      }).map((i) => this.#revs[i] as Revision<T>);
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
    const ends = this.#getRevs(upper).filter((r) => r >= 0);
    if (ends.length !== 1) return lower;
    const r = this.#walk(ends[0] as number, Number.parseInt(lower, 10), null, false);
    return r >= 0 ? (this.#g.ids[r] as string) : "base";
  }

  /**
   * The steps that bring the database from `current` heads to `target`,
   * parents first. Revisions other branches need (dependencies) are included.
   */
  planUpgrade(current: readonly string[], target: string | readonly string[], opts: PlanOptions = {}): MigrationStep[] {
    for (const t of toList(target)) this.#refuseRange(t);
    try {
      const order = this.#iterate(target, current, {
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
      const order = this.#iterate(current, target, {
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
      return this.#stamp(current, targets.length === 0 ? ["base"] : targets);
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
    const idx = ids.map((id) => this.#exact(id));
    return new Set(this.#ancestors(idx, opts.includeDependencies ?? true).map((i) => this.#g.ids[i] as string));
  }

  /** Ids of the given revisions and all their descendants (through dependents too unless `includeDependencies` is false). */
  descendantsOf(ids: readonly string[], opts: { includeDependencies?: boolean } = {}): Set<string> {
    const idx = ids.map((id) => this.#exact(id));
    return new Set(this.#descendants(idx, opts.includeDependencies ?? true).map((i) => this.#g.ids[i] as string));
  }

  /**
   * Whether `id` is one of `ids` or an ancestor of one of them (through down
   * revisions and dependencies), not counting paths through `except`. Ids not
   * in the map are ignored. Searches upward from `id` only, so it is cheap
   * unless `id` is a branch point.
   */
  isAncestorOfAny(id: string, ids: Iterable<string>, opts: { except?: string } = {}): boolean {
    const g = this.#g;
    const start = this.#exact(id);
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
    const idx = ids.map((id) => this.#exact(id));
    return this.#filterForLineage(idx, symbol, opts.includeDependencies ?? false).map((i) => this.#g.ids[i] as string);
  }

  /**
   * The heads implied by `ids`: the revisions and their ancestors, keeping only
   * those without a descendant in that set (Alembic's `get_all_current`).
   */
  allCurrent(ids: readonly string[]): Revision<T>[] {
    return this.#allCurrent(ids).map((i) => this.#revs[i] as Revision<T>);
  }

  /** The single head of the graph (or of branch `label`); null when empty; throws with several. */
  currentHead(label?: string): Revision<T> | null {
    const i = this.#currentHead(label ?? null);
    return i === NONE ? null : (this.#revs[i] as Revision<T>);
  }

  // ---------------------------------------------------------------- internals

  #exact(id: string): number {
    const i = this.#g.byId.get(id);
    if (i === undefined) {
      throw new RevisionGraphError(`No such revision '${id}'`, {
        code: "unknown-revision",
        revisions: [id],
        argument: id,
        hint: "give a full revision id",
      });
    }
    return i;
  }

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
    if (e.code === "multiple-heads") return this.#multipleHeads(e.revisions, how.headArg, e);
    return e;
  }

  #multipleHeads(heads: readonly string[], argument: string, cause?: unknown): RevisionGraphError {
    return new RevisionGraphError(
      `Multiple head revisions are present for given argument '${argument}'; please specify a specific target revision, '<branchname>@${argument}' to narrow to a specific head, or 'heads' for all heads`,
      {
        code: "multiple-heads",
        revisions: heads,
        argument,
        hint: `the heads are ${heads.join(", ")}; \`athanor merge heads\` joins them`,
        ...(cause !== undefined ? { cause } : {}),
      },
    );
  }

  #notAncestor(lower: Symbolic, upper: Symbolic, revisions: readonly string[] = []): RevisionGraphError {
    return new RevisionGraphError(`Revision ${show(lower)} is not an ancestor of revision ${show(upper)}`, {
      code: "not-ancestor",
      revisions,
    });
  }

  #relativeError(text: string, steps: number): RevisionGraphError {
    return new RevisionGraphError(`Relative revision ${text} didn't produce ${Math.abs(steps)} migrations`, {
      code: "relative",
      argument: text,
      hint: "the graph has fewer revisions in that direction; use a smaller step count",
    });
  }

  #isCurrentRelative(symbol: string): boolean {
    const rel = parseRelative(symbol);
    return rel !== null && rel.symbol === null;
  }

  #resolveWithCurrent(symbol: string, current: readonly string[] | undefined): Ref[] {
    const rel = parseRelative(symbol);
    if (rel !== null && rel.symbol !== null) {
      const refs = this.#parseUpgradeTarget(current ?? [], symbol, true);
      if (refs.includes(NONE)) throw this.#walkedTooFar(symbol);
      return refs;
    }
    if (rel !== null && rel.steps > 0 && current === undefined) {
      throw new RevisionGraphError(`Relative revision ${symbol} needs the current revision to count from`, {
        code: "relative",
        argument: symbol,
        hint: "name a revision to count from, e.g. 'head-1' or '<rev>+2'",
      });
    }
    if (current !== undefined) {
      if (symbol === "current") return current.map((c) => this.#getRevisionRef(c)).filter((r) => r >= 0);
      if (this.#isCurrentRelative(symbol)) {
        const rel = parseRelative(symbol) as NonNullable<ReturnType<typeof parseRelative>>;
        if (rel.steps > 0) return this.#parseUpgradeTarget(current, symbol, true);
        const { rev } = this.#parseDowngradeTarget(current, symbol, true, () => {});
        return [rev];
      }
    }
    return this.#getRevs(symbol);
  }

  // ---- traversal

  #ancestors(targets: readonly number[], deps: boolean): number[] {
    const edges = deps ? this.#g.normDown : this.#g.down;
    return this.#walkSet(targets, edges);
  }

  #descendants(targets: readonly number[], deps: boolean): number[] {
    const edges = deps ? this.#g.allNext : this.#g.next;
    return this.#walkSet(targets, edges);
  }

  #walkSet(targets: readonly number[], edges: readonly (readonly number[])[]): number[] {
    const seen = new Uint8Array(this.#g.size);
    const out: number[] = [];
    const stack: number[] = [];
    for (const t of targets) {
      if (t < 0 || seen[t]) continue;
      seen[t] = 1;
      stack.push(t);
      while (stack.length > 0) {
        const v = stack.pop() as number;
        out.push(v);
        for (const w of edges[v] as number[]) {
          if (!seen[w]) {
            seen[w] = 1;
            stack.push(w);
          }
        }
      }
    }
    return out;
  }

  /**
   * Like #walkSet, and fails when one requested revision lies on the walk of
   * another ("overlaps with other requested revisions").
   */
  #walkSetChecked(targets: readonly number[], edges: readonly (readonly number[])[]): number[] {
    const g = this.#g;
    const isTarget = new Set(targets.filter((t) => t >= 0));
    const seen = new Uint8Array(g.size);
    const out: number[] = [];
    for (const t of targets) {
      if (t < 0) continue;
      const overlaps: number[] = [];
      const stack = [t];
      while (stack.length > 0) {
        const v = stack.pop() as number;
        if (v !== t && isTarget.has(v) && !overlaps.includes(v)) overlaps.push(v);
        if (seen[v]) continue;
        seen[v] = 1;
        out.push(v);
        for (const w of edges[v] as number[]) stack.push(w);
      }
      if (overlaps.length > 0) {
        const names = overlaps.map((o) => g.ids[o] as string);
        throw new RevisionGraphError(
          `Requested revision ${g.ids[t]} overlaps with other requested revisions ${names.join(", ")}`,
          {
            code: "overlap",
            revisions: [g.ids[t] as string, ...names],
            hint: "one of the requested revisions is an ancestor of another; request only one of them",
          },
        );
      }
    }
    return out;
  }

  #sharesLineage(target: number, against: readonly number[], deps: boolean): boolean {
    if (against.length === 0) return true;
    const want = new Set(against);
    if (want.has(target)) return true;
    const g = this.#g;
    for (const edges of [deps ? g.normDown : g.down, deps ? g.allNext : g.next]) {
      const seen = new Uint8Array(g.size);
      const stack = [target];
      seen[target] = 1;
      while (stack.length > 0) {
        const v = stack.pop() as number;
        for (const w of edges[v] as number[]) {
          if (want.has(w)) return true;
          if (!seen[w]) {
            seen[w] = 1;
            stack.push(w);
          }
        }
      }
    }
    return false;
  }

  #filterForLineage(targets: readonly number[], checkAgainst: string | null, deps: boolean): number[] {
    if (targets.length === 0) return [];
    const { ids, label } = this.#resolveNumber(checkAgainst);
    const shares: string[] = [];
    if (label !== null) shares.push(label);
    shares.push(...ids);
    if (shares.length === 0) return [...targets];
    const against = shares.map((s) => this.#forIdent(s, null)).filter((r) => r >= 0);
    return this.#sharingLineage(targets, against, deps);
  }

  /** Of `targets`, those on a line of descent with one of `against` (cheapest way round). */
  #sharingLineage(targets: readonly number[], against: readonly number[], deps: boolean): number[] {
    const real = targets.filter((t) => t >= 0);
    if (real.length <= 2 || against.length >= real.length) {
      return real.filter((t) => this.#sharesLineage(t, against, deps));
    }
    const lineage = new Uint8Array(this.#g.size);
    for (const i of this.#ancestors(against, deps)) lineage[i] = 1;
    for (const i of this.#descendants(against, deps)) lineage[i] = 1;
    return real.filter((t) => lineage[t] === 1);
  }

  #allCurrent(ids: Symbolic): number[] {
    const g = this.#g;
    const top = this.#getRevs(ids).filter((r) => r >= 0);
    const all = this.#ancestors(top, true);
    const inSet = new Uint8Array(g.size);
    for (const a of all) inSet[a] = 1;
    return all.filter((a) => !(g.next[a] as number[]).some((c) => inSet[c]));
  }

  // ---- identifier resolution

  #resolveNumber(id: string | null): { ids: string[]; label: string | null } {
    if (id === null) return { ids: [], label: null };
    if (typeof id !== "string") {
      throw new RevisionGraphError(
        `revision identifier ${JSON.stringify(id)} is not a string; ensure database driver settings are correct`,
        { code: "unknown-revision" },
      );
    }
    let label: string | null = null;
    let rest = id;
    const at = id.indexOf("@");
    if (at !== -1) {
      label = id.slice(0, at);
      rest = id.slice(at + 1);
    }
    const g = this.#g;
    if (rest === "heads") {
      if (label !== null) return { ids: this.#filterForLineage(g.heads, label, false).map((i) => g.ids[i] as string), label };
      return { ids: g.realHeads.map((i) => g.ids[i] as string), label };
    }
    if (rest === "head") {
      const h = this.#currentHead(label);
      return { ids: h === NONE ? [] : [g.ids[h] as string], label };
    }
    if (rest === "base") return { ids: [], label };
    return { ids: [rest], label };
  }

  #currentHead(label: string | null): Ref {
    const g = this.#g;
    let heads: readonly number[] = g.heads;
    if (label !== null) heads = this.#filterForLineage(heads, label, false);
    if (heads.length > 1) {
      throw this.#multipleHeads(
        heads.map((h) => g.ids[h] as string),
        label !== null ? `${label}@head` : "head",
      );
    }
    return heads[0] ?? NONE;
  }

  #getRevs(id: Symbolic): Ref[] {
    if (id !== null && typeof id !== "string") return id.flatMap((x) => this.#getRevs(x));
    const { ids, label } = this.#resolveNumber(id);
    if (ids.length === 1) {
      const n = asInteger(ids[0] as string);
      if (n !== null && n < 0) {
        let heads = this.#getRevs("heads");
        if (label !== null) heads = heads.filter((h) => h >= 0 && (this.#g.labels[h] as readonly string[]).includes(label));
        return heads.map((h) => this.#walk(h, n, null, true));
      }
    }
    return ids.map((x) => this.#forIdent(x, label));
  }

  #getRevisionRef(id: string | null): Ref {
    const { ids, label } = this.#resolveNumber(id);
    if (ids.length > 1) throw this.#multipleHeads(ids, id ?? "base");
    return this.#forIdent(ids[0] ?? null, label);
  }

  #resolveBranch(label: string): number {
    const g = this.#g;
    const i = g.byId.get(label) ?? g.byLabel.get(label);
    if (i !== undefined) return i;
    try {
      return this.#forIdent(label, null);
    } catch (e) {
      if (e instanceof RevisionGraphError && (e.code === "unknown-revision" || e.code === "ambiguous-revision")) {
        throw new RevisionGraphError(`No such branch: '${label}'`, {
          code: "unknown-revision",
          argument: label,
          hint: "`athanor branches` lists the branch labels",
          cause: e,
        });
      }
      throw e;
    }
  }

  #forIdent(resolved: string | null, checkBranch: string | null): Ref {
    const g = this.#g;
    const branchRev = checkBranch !== null && checkBranch !== "" ? this.#resolveBranch(checkBranch) : NONE;
    if (resolved === null) return NONE;
    let rev = g.byId.get(resolved) ?? g.byLabel.get(resolved);
    if (rev === undefined) {
      let keys = resolved === "" ? [] : prefixMatches(g.sortedKeys, resolved);
      if (branchRev !== NONE) {
        const onBranch = new Set(this.#sharingLineage([...new Set(keys.map((k) => (g.byId.get(k) ?? g.byLabel.get(k)) as number))], [branchRev], false));
        keys = keys.filter((k) => onBranch.has((g.byId.get(k) ?? g.byLabel.get(k)) as number));
      }
      if (keys.length === 0) {
        const short = resolved.length < 4;
        throw new RevisionGraphError(
          `No such revision or branch '${resolved}'${short ? "; please ensure at least four characters are present for partial revision identifier matches" : ""}`,
          {
            code: "unknown-revision",
            revisions: [],
            argument: resolved,
            hint: "`athanor history` lists the revisions",
          },
        );
      }
      if (keys.length > 1) {
        const candidates = keys.map((k) => g.ids[(g.byId.get(k) ?? g.byLabel.get(k)) as number] as string);
        throw new RevisionGraphError(
          `Multiple revisions start with '${resolved}': ${keys
            .slice(0, 3)
            .map((k) => `'${k}'`)
            .join(", ")}...`,
          {
            code: "ambiguous-revision",
            revisions: [...new Set(candidates)].slice(0, 20),
            argument: resolved,
            hint: "give more characters of the revision id",
          },
        );
      }
      rev = (g.byId.get(keys[0] as string) ?? g.byLabel.get(keys[0] as string)) as number;
    }
    if (branchRev !== NONE && !this.#sharesLineage(rev, [branchRev], false)) {
      throw new RevisionGraphError(`Revision ${g.ids[rev]} is not a member of branch '${checkBranch}'`, {
        code: "unknown-revision",
        revisions: [g.ids[rev] as string],
        argument: resolved,
        hint: `choose a revision on branch '${checkBranch}'`,
      });
    }
    return rev;
  }

  /** Walks `steps` revisions up (> 0) or down (< 0) from `start`. */
  #walk(start: Ref, steps: number, branchLabel: string | null, noOverwalk: boolean): Ref {
    const g = this.#g;
    let initial = start;
    for (let k = 0; k < Math.abs(steps); k++) {
      let children: Ref[];
      if (steps > 0) {
        const up: number[] = initial < 0 ? [...g.bases] : [...(g.next[initial] as number[])];
        children = branchLabel !== null ? this.#filterForLineage(up, branchLabel, false) : up;
      } else if (initial === BASE) {
        children = [];
      } else {
        children = initial === NONE ? [...g.heads] : [...(g.down[initial] as number[])];
        if (children.length === 0) children = [BASE];
      }
      if (children.length === 0) return noOverwalk ? NONE : initial;
      if (children.length > 1) {
        const from = initial >= 0 ? `revision ${g.ids[initial]}` : "base";
        const names = children.filter((c) => c >= 0).map((c) => g.ids[c] as string).join(", ");
        const what = steps > 0 ? "is followed by several revisions" : initial >= 0 ? "has several down revisions" : "there are several heads";
        throw new RevisionGraphError(`Ambiguous walk: ${initial >= 0 || steps > 0 ? `${from} ${what}` : what} (${names})`, {
          code: "ambiguous-walk",
          revisions: children.filter((c) => c >= 0).map((c) => g.ids[c] as string),
          hint: "the walk reaches a branch point; name the branch as '<branchname>@+N' or give a revision",
        });
      }
      initial = children[0] as Ref;
    }
    return initial;
  }

  #parseDowngradeTarget(
    current: Symbolic,
    target: Symbolic,
    assertRelativeLength: boolean,
    warn: (m: string) => void,
  ): { label: string | null; rev: Ref } {
    if (target === null) return { label: null, rev: NONE };
    if (typeof target !== "string") {
      const list = [...target];
      if (list.length === 0) return { label: null, rev: NONE };
      if (list.length > 1) {
        throw new RevisionGraphError(`A downgrade goes to one target, not ${list.join(", ")}`, {
          code: "revision",
          argument: list.join(","),
        });
      }
      target = list[0] as string;
    }
    const rel = parseRelative(target);
    if (rel !== null) {
      let branchLabel = rel.branchLabel;
      let symbol = rel.symbol;
      if (rel.steps >= 0) {
        if (symbol === null) throw this.#relativeError(rel.text, rel.steps);
        const rev = this.#walk(this.#getRevisionRef(symbol), rel.steps, branchLabel, assertRelativeLength);
        if (rev === NONE) throw this.#walkedTooFar(target);
        return { label: branchLabel, rev };
      }
      const relativeToCurrent = symbol === null;
      if (relativeToCurrent) {
        const cur = toList(current);
        if (branchLabel !== null) {
          const g = this.#g;
          let symbols: string[] = cur.filter((c) =>
            this.#filterForLineage([this.#getRevisionRef(c)], branchLabel, false).length > 0,
          );
          if (symbols.length === 0) {
            symbols = this.#filterForLineage(this.#allCurrent(cur), branchLabel, false).map((i) => g.ids[i] as string);
          }
          if (symbols.length !== 1) {
            throw new RevisionGraphError(
              symbols.length === 0
                ? `No current revision is on branch '${branchLabel}'`
                : `Several current revisions are on branch '${branchLabel}': ${symbols.join(", ")}`,
              { code: "ambiguous-walk", revisions: symbols, argument: target },
            );
          }
          symbol = symbols[0] as string;
        } else {
          if (cur.length === 0) throw this.#relativeError(rel.text, rel.steps);
          if (new Set(cur).size > 1) {
            warn("downgrade -1 from multiple heads is ambiguous; this usage will be disallowed in a future release.");
          }
          symbol = cur[0] as string;
          branchLabel = symbol;
        }
      }
      const start = this.#getRevisionRef(branchLabel === null ? symbol : `${branchLabel}@${symbol}`);
      const rev = this.#walk(start, rel.steps, null, assertRelativeLength);
      if (rev === NONE) {
        if (relativeToCurrent) throw this.#relativeError(rel.text, rel.steps);
        throw this.#walkedTooFar(target);
      }
      return { label: branchLabel, rev };
    }
    const at = target.lastIndexOf("@");
    const label = at > 0 ? target.slice(0, at) : null;
    return { label, rev: this.#getRevisionRef(target.slice(at + 1)) };
  }

  #walkedTooFar(target: string): RevisionGraphError {
    return new RevisionGraphError(`Walked too far: '${target}' goes past the end of the revision graph`, {
      code: "relative",
      argument: target,
      hint: "use a smaller step count",
    });
  }

  #parseUpgradeTarget(current: Symbolic, target: Symbolic, assertRelativeLength: boolean): Ref[] {
    const rel = typeof target === "string" ? parseRelative(target) : null;
    if (rel === null) return this.#getRevs(target);
    const g = this.#g;
    const { branchLabel, symbol } = rel;
    if (rel.steps > 0) {
      if (symbol === null) {
        const cur = toList(current);
        let starts: Ref[] = cur.length === 0 ? [NONE] : cur.map((c) => this.#getRevisionRef(c));
        if (branchLabel !== null) {
          const curRevs = this.#getRevs(cur).filter((r) => r >= 0);
          starts = this.#filterForLineage(curRevs, branchLabel, false);
          if (starts.length === 0) {
            const active = this.#filterForLineage(this.#ancestors(curRevs, true), branchLabel, false);
            const below = new Set<number>();
            for (const a of active) for (const d of g.normDown[a] as number[]) below.add(d);
            starts = active.filter((a) => !below.has(a));
            if (starts.length === 0) starts = [NONE];
          }
        }
        if (starts.length > 1) {
          throw new RevisionGraphError("Ambiguous upgrade from multiple current revisions", {
            code: "ambiguous-walk",
            revisions: starts.filter((s) => s >= 0).map((s) => g.ids[s] as string),
            hint: "name the branch, e.g. '<branchname>@+1', or give a revision",
          });
        }
        const rev = this.#walk(starts[0] as Ref, rel.steps, branchLabel, assertRelativeLength);
        if (rev === NONE) throw this.#relativeError(rel.text, rel.steps);
        return [rev];
      }
      return [this.#walk(this.#getRevisionRef(symbol), rel.steps, branchLabel, assertRelativeLength)];
    }
    if (symbol === null) throw this.#relativeError(String(rel.steps), rel.steps);
    const start = this.#getRevisionRef(branchLabel === null ? symbol : `${branchLabel}@${symbol}`);
    return [this.#walk(start, rel.steps, null, assertRelativeLength)];
  }

  // ---- collection

  #iterate(
    upper: Symbolic,
    lower: Symbolic,
    o: {
      inclusive: boolean;
      implicitBase: boolean;
      selectForDowngrade: boolean;
      assertRelativeLength: boolean;
      warn: (m: string) => void;
    },
  ): number[] {
    const { needs, tips } = o.selectForDowngrade
      ? this.#collectDowngrade(upper, lower, o)
      : this.#collectUpgrade(upper, lower, o);
    return sortNewestFirst(this.#g, needs, tips);
  }

  #collectUpgrade(
    upper: Symbolic,
    lower: Symbolic,
    o: { inclusive: boolean; implicitBase: boolean; assertRelativeLength: boolean },
  ): { needs: Set<number>; tips: number[] } {
    const g = this.#g;
    let targets: number[] = [];
    for (const r of this.#parseUpgradeTarget(lower, upper, o.assertRelativeLength)) {
      if (r === NONE) throw this.#walkedTooFar(show(upper));
      if (r >= 0) targets.push(r);
    }
    if (typeof lower === "string" && lower.includes("@")) {
      const branch = lower.slice(0, lower.indexOf("@"));
      const branchRev = this.#getRevisionRef(branch);
      let wanted: readonly string[] = [branch];
      if (branchRev >= 0 && g.ids[branchRev] === branch) {
        wanted = g.labels[branchRev] as readonly string[];
        if (wanted.length === 0) {
          throw new RevisionGraphError(`Revision ${branch} is not on a labelled branch`, {
            code: "unknown-revision",
            revisions: [branch],
            argument: lower,
            hint: "use '<branchname>@...' with a branch label",
          });
        }
      }
      targets = targets.filter((t) => (g.labels[t] as readonly string[]).some((l) => wanted.includes(l)));
    }
    const required = new Set(this.#walkSetChecked(targets, g.normDown));
    for (const t of targets) required.add(t);

    let currentRevs = this.#getRevs(lower);
    if (!o.implicitBase && currentRevs.some((r) => r !== NONE && !required.has(r))) {
      throw this.#notAncestor(lower, upper);
    }
    if (currentRevs.length > 0 && currentRevs[0] === NONE) {
      const { rev } = this.#parseDowngradeTarget(upper, lower, o.assertRelativeLength, () => {});
      if (rev === BASE || rev === NONE) {
        currentRevs = [];
        lower = null;
      } else {
        currentRevs = [rev];
        lower = g.ids[rev] as string;
      }
    }
    const cur = currentRevs.filter((r) => r >= 0);
    const currentNodes = new Set(this.#walkSetChecked(cur, g.normDown));
    const needs = new Set<number>();
    for (const r of required) if (!currentNodes.has(r)) needs.add(r);
    if (o.inclusive) for (const r of this.#getRevs(lower)) if (r >= 0) needs.add(r);
    if (cur.length > 0 && !o.implicitBase) {
      const below = new Set(this.#walkSetChecked(cur, g.next));
      for (const r of [...needs]) if (!below.has(r)) needs.delete(r);
    }
    return { needs, tips: targets };
  }

  #collectDowngrade(
    upper: Symbolic,
    lower: Symbolic,
    o: { inclusive: boolean; implicitBase: boolean; assertRelativeLength: boolean; warn: (m: string) => void },
  ): { needs: Set<number>; tips: number[] } {
    const g = this.#g;
    const { label, rev } = this.#parseDowngradeTarget(upper, lower, o.assertRelativeLength, o.warn);
    const target = rev === BASE ? NONE : rev;
    let roots: number[];
    if (target === NONE) roots = [...g.bases];
    else if (o.inclusive) roots = [target];
    else roots = [...(g.next[target] as number[])];
    if (label !== null && roots.length > 1) {
      const anc = new Set(this.#ancestors([this.#resolveBranch(label)], false));
      roots = roots.filter((r) => anc.has(r));
      if (roots.length === 0) {
        throw new RevisionGraphError("Not a valid downgrade target from current heads", {
          code: "not-ancestor",
          argument: show(lower),
        });
      }
    }
    const heads = this.#getRevs(upper).filter((r) => r >= 0);
    const active = new Set(this.#ancestors(heads, true));
    const needs = new Set<number>();
    for (const d of this.#descendants(roots, true)) if (active.has(d)) needs.add(d);
    if (o.implicitBase) {
      const rootAnc = new Set(this.#ancestors(roots, true));
      for (const a of active) if (!rootAnc.has(a)) needs.add(a);
    }
    if (target !== NONE && needs.size === 0 && !heads.includes(target)) {
      throw this.#notAncestor(lower, upper, [g.ids[target] as string]);
    }
    return { needs, tips: heads };
  }

  // ---- stamp

  #stamp(current: readonly string[], targets: readonly string[]): MigrationStep[] {
    const g = this.#g;
    const headRevs = this.#getRevs(current).filter((r) => r >= 0);
    const filtered: number[] = [];
    for (const t of targets) {
      if (!t) continue;
      // a relative target (-1, label@+1, rev-2) is matched by the revisions it names
      const lineage =
        parseRelative(t) === null
          ? this.#filterForLineage(headRevs, t, true)
          : this.#sharingLineage(headRevs, this.#resolveWithCurrent(t, undefined).filter((r) => r >= 0), true);
      for (const h of lineage) if (!filtered.includes(h)) filtered.push(h);
    }
    let dests: Ref[] = targets.flatMap((t) => this.#resolveWithCurrent(t, undefined));
    if (dests.length === 0) dests = [NONE];
    const names = (xs: readonly number[]): string[] => xs.map((x) => g.ids[x] as string);
    const steps: MigrationStep[] = [];
    const stampStep = (from: string[], to: string[], isUpgrade: boolean, branchMove: boolean): MigrationStep => ({
      kind: "stamp",
      revision: null,
      fromRevisions: from,
      toRevisions: to,
      fromRevisionsNoDeps: from,
      toRevisionsNoDeps: to,
      isUpgrade,
      branchMove,
    });
    for (const dest of dests) {
      if (dest < 0) {
        for (const h of filtered) steps.push(stampStep([g.ids[h] as string], [], false, true));
        continue;
      }
      if (filtered.includes(dest)) continue;
      const id = g.ids[dest] as string;
      const desc = new Set(this.#descendants([dest], true));
      if (filtered.some((h) => desc.has(h))) {
        steps.push(stampStep(names(filtered), [id], false, false));
        continue;
      }
      const anc = new Set(this.#ancestors([dest], true));
      if (filtered.some((h) => anc.has(h))) {
        steps.push(stampStep(names(filtered), [id], true, false));
        continue;
      }
      steps.push(stampStep([], [id], true, true));
    }
    return steps;
  }
}
