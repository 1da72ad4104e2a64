import { RevisionGraphError } from "./errors.js";
import { assertValidRevisionId } from "./identifiers.js";
import type { RevisionSource } from "./types.js";

/**
 * The revision graph as integer-indexed arrays (index = position in source
 * order). Built once, validated, and shared by every query of the map.
 */
export interface Graph {
  readonly size: number;
  readonly ids: readonly string[];
  /** Revision id -> index. */
  readonly byId: ReadonlyMap<string, number>;
  /** Branch label -> index of the revision that declares it. */
  readonly byLabel: ReadonlyMap<string, number>;
  /** Every id and label, sorted (when first read), for prefix lookups. */
  readonly sortedKeys: readonly string[];
  /** Down revisions (versioned parents). */
  readonly down: readonly (readonly number[])[];
  /** Dependencies resolved to indices (deduplicated). */
  readonly deps: readonly (readonly number[])[];
  /** Down revisions followed by the dependencies not implied by ancestors' dependencies. */
  readonly normDown: readonly (readonly number[])[];
  /** Children by down revision. */
  readonly next: readonly (readonly number[])[];
  /** Children by down revision or dependency. */
  readonly allNext: readonly (readonly number[])[];
  /** Labels declared on each revision. */
  readonly ownLabels: readonly (readonly string[])[];
  /** Labels each revision belongs to (own, inherited from ancestors, and given back to its stem). */
  readonly labels: readonly (readonly string[])[];
  /** Whether the source declared any dependency. */
  readonly declaredDeps: readonly boolean[];
  readonly heads: readonly number[];
  readonly realHeads: readonly number[];
  readonly bases: readonly number[];
  readonly realBases: readonly number[];
  /** Position of each revision in a parents-first order. */
  readonly topoRank: Int32Array;
  /**
   * A cover of the graph by paths: revision `x` is below `y` when both are on
   * one path and `x` comes first (`chainPos`). Used to answer "is below" fast.
   */
  readonly chain: Int32Array;
  readonly chainPos: Int32Array;
}

const EMPTY: never[] = [];
Object.freeze(EMPTY);

/** The listed values, duplicates dropped (the shared empty list when none). */
function toList(value: string | readonly string[] | null | undefined): string[] {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === "string") return [value];
  if (value.length === 0) return EMPTY;
  if (value.length === 1) return [value[0] as string];
  return value.filter((d, k, all) => all.indexOf(d) === k);
}

function dedupe(values: readonly number[]): number[] {
  if (values.length < 2) return [...values];
  const out: number[] = [];
  for (const v of values) if (!out.includes(v)) out.push(v);
  return out;
}

/** Ids for a message: all of them, or the first twenty and how many more. */
function fmt(ids: readonly string[]): string {
  if (ids.length <= 20) return ids.join(", ");
  return `${ids.slice(0, 20).join(", ")} and ${ids.length - 20} more`;
}

/** Keys (ids and labels) starting with `prefix` and longer than three characters. */
export function prefixMatches(sortedKeys: readonly string[], prefix: string): string[] {
  let lo = 0;
  let hi = sortedKeys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sortedKeys[mid] as string) < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < sortedKeys.length; i++) {
    const key = sortedKeys[i] as string;
    if (!key.startsWith(prefix)) break;
    if (key.length > 3) out.push(key);
  }
  return out;
}

/** Builds and validates the graph; throws {@link RevisionGraphError} when it is broken. */
export function buildGraph(sources: readonly RevisionSource[]): Graph {
  const n = sources.length;
  const ids: string[] = new Array<string>(n);
  const rawDown: string[][] = new Array<string[]>(n);
  const rawDeps: string[][] = new Array<string[]>(n);
  const ownLabels: string[][] = new Array<string[]>(n);
  const declaredDeps: boolean[] = new Array<boolean>(n);

  for (let i = 0; i < n; i++) {
    const src = sources[i] as RevisionSource;
    const id = src.revision;
    assertValidRevisionId(id);
    ids[i] = id;
    const down = toList(src.downRevision);
    const deps = toList(src.dependsOn);
    if (down.includes(id)) {
      throw new RevisionGraphError(`Self-loop is detected in revisions (${id})`, {
        code: "loop",
        revisions: [id],
        hint: `revision ${id} names itself as its down revision; point it at its parent`,
      });
    }
    if (deps.includes(id)) {
      throw new RevisionGraphError(`Dependency self-loop is detected in revisions (${id})`, {
        code: "dependency-loop",
        revisions: [id],
        hint: `revision ${id} names itself in depends_on; remove it`,
      });
    }
    rawDown[i] = down;
    rawDeps[i] = deps;
    declaredDeps[i] = deps.length > 0;
    ownLabels[i] = toList(src.branchLabels);
  }

  const byId = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = ids[i] as string;
    const prev = byId.get(id);
    if (prev !== undefined) {
      throw new RevisionGraphError(`Revision ${id} is present more than once`, {
        code: "duplicate-revision",
        revisions: [id],
        hint: "two revision files declare the same revision id; give one of them a new id",
      });
    }
    byId.set(id, i);
  }

  const byLabel = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const own = ownLabels[i] as string[];
    // an index loop: most revisions have no label, and an iterator for each empty list is a cost at 10,000
    for (let k = 0; k < own.length; k++) {
      const label = own[k] as string;
      if (label.length === 0 || label.includes("@") || label.includes(":")) {
        throw new RevisionGraphError(`Branch label '${label}' in revision ${ids[i]} is not valid`, {
          code: "invalid-label",
          revisions: [ids[i] as string],
          hint: "a branch label must be non-empty and contain neither '@' nor ':'",
        });
      }
      const owner = byLabel.get(label) ?? byId.get(label);
      if (owner !== undefined) {
        throw new RevisionGraphError(
          `Branch name '${label}' in revision ${ids[i]} already used by revision ${ids[owner]}`,
          {
            code: "duplicate-label",
            revisions: owner === i ? [ids[i] as string] : [ids[owner] as string, ids[i] as string],
            hint: "branch labels must be unique and differ from every revision id; rename one of them",
          },
        );
      }
      byLabel.set(label, i);
    }
  }

  // sorted when first asked: only a dependency or a query naming a partial id needs it
  let sorted: string[] | undefined;
  const sortedKeys = (): string[] => (sorted ??= [...byId.keys(), ...byLabel.keys()].sort());

  const down: number[][] = new Array<number[]>(n);
  const deps: number[][] = new Array<number[]>(n);
  for (let i = 0; i < n; i++) {
    const id = ids[i] as string;
    const rd = rawDown[i] as string[];
    if (rd.length === 0) down[i] = EMPTY;
    else {
      const parents: number[] = [];
      for (let k = 0; k < rd.length; k++) {
        const d = rd[k] as string;
        const idx = byId.get(d);
        if (idx === undefined) {
          const labelled = byLabel.get(d);
          throw new RevisionGraphError(`Revision ${d} referenced from ${id} is not present`, {
            code: "missing-revision",
            revisions: [id, d],
            hint:
              labelled !== undefined
                ? `'${d}' is a branch label of ${ids[labelled]}; a down revision must name a revision id`
                : `restore the revision ${d}, or correct the down revision of ${id}`,
          });
        }
        parents.push(idx);
      }
      down[i] = parents;
    }
    const rawD = rawDeps[i] as string[];
    if (rawD.length === 0) {
      deps[i] = EMPTY;
      continue;
    }
    const resolved: number[] = [];
    for (const d of rawD) {
      let idx = byId.get(d) ?? byLabel.get(d);
      if (idx === undefined) {
        const matches = prefixMatches(sortedKeys(), d);
        const targets = [...new Set(matches.map((k) => (byId.get(k) ?? byLabel.get(k)) as number))];
        if (targets.length > 1) {
          throw new RevisionGraphError(
            `Revision ${id} depends on '${d}', which matches several revisions: ${fmt(targets.map((t) => ids[t] as string))}`,
            {
              code: "ambiguous-revision",
              revisions: [id, ...targets.map((t) => ids[t] as string)],
              hint: `write more characters of the revision id in the depends_on of ${id}`,
            },
          );
        }
        idx = targets[0];
      }
      if (idx === undefined) {
        throw new RevisionGraphError(`Revision ${d} referenced from ${id} is not present`, {
          code: "missing-revision",
          revisions: [id, d],
          hint: `restore the revision ${d}, or correct the depends_on of ${id}`,
        });
      }
      if (idx === i) {
        throw new RevisionGraphError(`Dependency self-loop is detected in revisions (${id})`, {
          code: "dependency-loop",
          revisions: [id],
          hint: `the depends_on of ${id} ('${d}') names ${id} itself; remove it`,
        });
      }
      if (!resolved.includes(idx)) resolved.push(idx);
    }
    deps[i] = resolved;
  }

  // children, in source order; without any dependency both kinds of children are the same lists
  const anyDeps = deps.some((ds) => ds.length > 0);
  const allNext: number[][] = new Array<number[]>(n).fill(EMPTY);
  const next: number[][] = anyDeps ? new Array<number[]>(n).fill(EMPTY) : allNext;
  const allDown: number[][] = anyDeps ? new Array<number[]>(n) : down;
  const add = (lists: number[][], at: number, v: number): void => {
    const l = lists[at] as number[];
    if (l === EMPTY) lists[at] = [v];
    else l.push(v);
  };
  for (let i = 0; i < n; i++) {
    const dn = down[i] as number[];
    const ds = deps[i] as number[];
    const all = ds.length === 0 ? dn : dedupe([...dn, ...ds]);
    if (anyDeps) allDown[i] = all;
    for (let k = 0; k < all.length; k++) {
      const d = all[k] as number;
      add(allNext, d, i);
      if (anyDeps && (all === dn || dn.includes(d))) add(next, d, i);
    }
  }

  const heads: number[] = [];
  const realHeads: number[] = [];
  const bases: number[] = [];
  const realBases: number[] = [];
  for (let i = 0; i < n; i++) {
    if ((next[i] as number[]).length === 0) heads.push(i);
    if ((allNext[i] as number[]).length === 0) realHeads.push(i);
    if ((down[i] as number[]).length === 0) {
      bases.push(i);
      if (!declaredDeps[i]) realBases.push(i);
    }
  }

  detectCycles(ids, down, next, heads, bases, "cycle");
  // without dependencies the second walk would repeat the first over the same lists
  if (anyDeps) detectCycles(ids, allDown, allNext, realHeads, realBases, "dependency-cycle");
  const topoOrder = parentsFirstOrder(ids, allDown, allNext);
  const topoRank = new Int32Array(n);
  for (let k = 0; k < n; k++) topoRank[topoOrder[k] as number] = k;

  const chain = new Int32Array(n);
  const chainPos = new Int32Array(n);
  const chainTail: number[] = [];
  for (let t = 0; t < n; t++) {
    const v = topoOrder[t] as number;
    let picked = -1;
    const parents = allDown[v] as number[];
    for (let k = 0; k < parents.length; k++) {
      const p = parents[k] as number;
      if (chainTail[chain[p] as number] === p) {
        picked = chain[p] as number;
        break;
      }
    }
    if (picked === -1) {
      picked = chainTail.length;
      chainTail.push(v);
      chainPos[v] = 0;
    } else {
      chainPos[v] = (chainPos[chainTail[picked] as number] as number) + 1;
      chainTail[picked] = v;
    }
    chain[v] = picked;
  }

  const normDown = normalizeDependencies(n, down, next, deps, topoRank);
  const labels = propagateLabels(n, topoOrder, down, next, allNext, ownLabels);

  return {
    size: n,
    ids,
    byId,
    byLabel,
    get sortedKeys() {
      return sortedKeys();
    },
    down,
    deps,
    normDown,
    next,
    allNext,
    ownLabels,
    labels,
    declaredDeps,
    heads,
    realHeads,
    bases,
    realBases,
    topoRank,
    chain,
    chainPos,
  };
}

/** Every revision must be reachable from a head going down and from a base going up. */
function detectCycles(
  ids: readonly string[],
  downs: readonly (readonly number[])[],
  nexts: readonly (readonly number[])[],
  heads: readonly number[],
  bases: readonly number[],
  code: "cycle" | "dependency-cycle",
): void {
  const n = ids.length;
  if (n === 0) return;
  const kind = code === "cycle" ? "Cycle" : "Dependency cycle";
  const hint =
    code === "cycle"
      ? "down revisions must form a chain back to a base; fix the down revision of one of these files"
      : "depends_on must not lead back to the revision itself; remove one of these dependencies";
  if (heads.length === 0 || bases.length === 0) {
    throw new RevisionGraphError(`${kind} is detected in revisions (${fmt(ids)})`, {
      code,
      revisions: [...ids],
      hint,
    });
  }
  const fromHeads = reach(n, heads, downs);
  const fromBases = reach(n, bases, nexts);
  const missing: string[] = [];
  for (let i = 0; i < n; i++) if (!fromHeads[i] || !fromBases[i]) missing.push(ids[i] as string);
  if (missing.length > 0) {
    missing.sort();
    throw new RevisionGraphError(`${kind} is detected in revisions (${fmt(missing)})`, {
      code,
      revisions: missing,
      hint,
    });
  }
}

/** Marks every revision reachable from `starts` along `edges`, the starts included. */
function reach(n: number, starts: readonly number[], edges: readonly (readonly number[])[]): Uint8Array {
  // indexed loops and a typed stack: this runs once per command, mostly before V8
  // optimizes it, and the interpreter's array iterators cost several times more
  const seen = new Uint8Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k] as number;
    if (!seen[s]) {
      seen[s] = 1;
      stack[top++] = s;
    }
  }
  while (top > 0) {
    const list = edges[stack[--top] as number] as number[];
    for (let k = 0; k < list.length; k++) {
      const w = list[k] as number;
      if (!seen[w]) {
        seen[w] = 1;
        stack[top++] = w;
      }
    }
  }
  return seen;
}

/** Kahn's algorithm over all edges; any revision left over sits on a cycle. */
function parentsFirstOrder(
  ids: readonly string[],
  allDown: readonly (readonly number[])[],
  allNext: readonly (readonly number[])[],
): number[] {
  const n = ids.length;
  const pending = new Int32Array(n);
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    pending[i] = (allDown[i] as number[]).length;
    if (pending[i] === 0) order.push(i);
  }
  for (let k = 0; k < order.length; k++) {
    const children = allNext[order[k] as number] as number[];
    for (let j = 0; j < children.length; j++) {
      const c = children[j] as number;
      const left = (pending[c] as number) - 1;
      pending[c] = left;
      if (left === 0) order.push(c);
    }
  }
  if (order.length < n) {
    const missing: string[] = [];
    for (let i = 0; i < n; i++) if ((pending[i] as number) > 0) missing.push(ids[i] as string);
    missing.sort();
    throw new RevisionGraphError(`Cycle is detected in revisions (${fmt(missing)})`, {
      code: "cycle",
      revisions: missing,
      hint: "down revisions and dependencies must not lead back to a revision; fix one of these files",
    });
  }
  return order;
}

/**
 * Drops from each revision's dependencies those that one of its versioned
 * ancestors already depends on, and returns down revisions + remaining deps.
 */
function normalizeDependencies(
  n: number,
  down: readonly (readonly number[])[],
  next: readonly (readonly number[])[],
  deps: readonly (readonly number[])[],
  topoRank: Int32Array,
): number[][] {
  const dependents = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const ds = deps[i] as number[];
    if (ds.length === 0) continue;
    for (const d of ds) {
      const list = dependents.get(d);
      if (list === undefined) dependents.set(d, [i]);
      else list.push(i);
    }
  }
  // for a dependency shared by many revisions (or whose pairwise checks get
  // long), mark once every revision below one of its dependents instead
  const below = new Map<number, Uint8Array>();
  const markBelow = (d: number): Uint8Array => {
    const children = (dependents.get(d) as number[]).flatMap((x) => next[x] as number[]);
    const mark = reach(n, children, next);
    below.set(d, mark);
    return mark;
  };
  if (dependents.size === 0) return down as number[][];
  for (const [d, list] of dependents) if (list.length > 4) markBelow(d);
  const normDown: number[][] = new Array<number[]>(n);
  for (let i = 0; i < n; i++) {
    const dn = down[i] as number[];
    const ds = deps[i] as number[];
    if (ds.length === 0) {
      normDown[i] = dn;
      continue;
    }
    const kept: number[] = [];
    for (const d of ds) {
      let mark = below.get(d);
      let implied = false;
      if (mark === undefined) {
        for (const x of dependents.get(d) as number[]) {
          if (x === i) continue;
          const found = isVersionedAncestor(x, i, down, topoRank, 512);
          if (found === null) {
            mark = markBelow(d);
            break;
          }
          if (found) {
            implied = true;
            break;
          }
        }
      }
      if (mark !== undefined) implied = mark[i] === 1;
      if (!implied) kept.push(d);
    }
    normDown[i] = dedupe([...dn, ...kept]);
  }
  return normDown;
}

/**
 * Whether `anc` is a proper ancestor of `rev` through down revisions only;
 * `null` when that takes more than `budget` steps to tell.
 */
function isVersionedAncestor(
  anc: number,
  rev: number,
  down: readonly (readonly number[])[],
  topoRank: Int32Array,
  budget: number,
): boolean | null {
  const floor = topoRank[anc] as number;
  if ((topoRank[rev] as number) <= floor) return false;
  const seen = new Set<number>();
  const stack = [...(down[rev] as number[])];
  while (stack.length > 0) {
    const v = stack.pop() as number;
    if (v === anc) return true;
    if (seen.has(v) || (topoRank[v] as number) < floor) continue;
    if (seen.size >= budget) return null;
    seen.add(v);
    for (const p of down[v] as number[]) stack.push(p);
  }
  return false;
}

/**
 * Branch labels reach every descendant (by down revision) of the labelled
 * revision; when the labelled revision's descendants form a plain line, they
 * also reach back down its stem to the nearest branch point or merge point.
 */
function propagateLabels(
  n: number,
  topoOrder: readonly number[],
  down: readonly (readonly number[])[],
  next: readonly (readonly number[])[],
  allNext: readonly (readonly number[])[],
  ownLabels: readonly (readonly string[])[],
): (readonly string[])[] {
  const empty: readonly string[] = Object.freeze([]);
  const labels: (readonly string[])[] = new Array<readonly string[]>(n).fill(empty);
  for (let t = 0; t < n; t++) {
    const i = topoOrder[t] as number;
    const own = ownLabels[i] as string[];
    const parents = down[i] as number[];
    if (parents.length === 1 && own.length === 0) {
      labels[i] = labels[parents[0] as number] as readonly string[];
      continue;
    }
    if (parents.length === 0 && own.length === 0) continue;
    const set = new Set<string>();
    for (const p of parents) for (const l of labels[p] as readonly string[]) set.add(l);
    for (const l of own) set.add(l);
    labels[i] = set.size === 0 ? empty : [...set];
  }
  // stems: labelled revisions processed newest first
  const stemmed: number[] = [];
  for (let k = topoOrder.length - 1; k >= 0; k--) {
    const i = topoOrder[k] as number;
    if ((ownLabels[i] as string[]).length > 0) stemmed.push(i);
  }
  for (const i of stemmed) {
    let x = i;
    let plainLine = true;
    for (;;) {
      if ((allNext[x] as number[]).length > 1 || (down[x] as number[]).length > 1) {
        plainLine = false;
        break;
      }
      const kids = next[x] as number[];
      if (kids.length === 0) break;
      x = kids[0] as number;
    }
    if (!plainLine) continue;
    const give = labels[i] as readonly string[];
    let p = (down[i] as number[])[0];
    while (p !== undefined && (allNext[p] as number[]).length <= 1 && (down[p] as number[]).length <= 1) {
      const cur = labels[p] as readonly string[];
      const missing = give.filter((l) => !cur.includes(l));
      if (missing.length > 0) labels[p] = [...cur, ...missing];
      p = (down[p] as number[])[0];
    }
  }
  return labels;
}
