import type { Graph } from "./graph.js";

/**
 * Orders `todo` newest first (every revision before its parents and
 * dependencies), walking one branch at a time from the pending tips in source
 * order, and leaving a branch as soon as the next revision on it is still
 * needed below another pending tip. This reproduces the order `history` shows
 * and upgrades/downgrades run in.
 *
 * Cost is linear in the edges of `todo`, plus an upward search each time the
 * walk has to leave a branch. `todo` is `null` for every revision of the graph.
 */
export function sortNewestFirst(graph: Graph, todo: ReadonlySet<number> | null, tips: Iterable<number>): number[] {
  // index loops throughout: this runs once a process over up to every revision,
  // mostly before V8 optimizes it, where an iterator for each small list costs
  const n = graph.size;
  const normDown = graph.normDown;
  let members: number[];
  const inTodo = new Uint8Array(n);
  if (todo === null) {
    members = new Array<number>(n);
    for (let k = 0; k < n; k++) members[k] = k;
    inTodo.fill(1);
  } else {
    members = [...todo];
    for (let k = 0; k < members.length; k++) inTodo[members[k] as number] = 1;
  }
  const m = members.length;

  // children of each todo revision, within todo (CSR layout)
  const kidCount = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    const parents = normDown[members[k] as number] as number[];
    for (let j = 0; j < parents.length; j++) {
      const p = parents[j] as number;
      if (inTodo[p]) kidCount[p] = (kidCount[p] as number) + 1;
    }
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = (start[i] as number) + (kidCount[i] as number);
  const fill = start.slice(0, n);
  const kids = new Int32Array(start[n] as number);
  for (let k = 0; k < m; k++) {
    const t = members[k] as number;
    const parents = normDown[t] as number[];
    for (let j = 0; j < parents.length; j++) {
      const p = parents[j] as number;
      if (inTodo[p]) {
        kids[fill[p] as number] = t;
        fill[p] = (fill[p] as number) + 1;
      }
    }
  }
  const pendingKids = kidCount; // un-emitted todo children left per revision

  // pending tips in order, as a linked list of slots (slot k holds node[k])
  const isTip = new Uint8Array(n);
  const node: number[] = [];
  const prev: number[] = [];
  const next: number[] = [];
  let first = -1;
  let last = -1;
  let count = 0;
  const append = (v: number): void => {
    const k = node.length;
    node.push(v);
    prev.push(last);
    next.push(-1);
    if (last === -1) first = k;
    else next[last] = k;
    last = k;
    isTip[v] = 1;
    count++;
  };
  const unlink = (k: number): void => {
    const p = prev[k] as number;
    const q = next[k] as number;
    if (p === -1) first = q;
    else next[p] = q;
    if (q === -1) last = p;
    else prev[q] = p;
    count--;
  };

  const sortedTips = [...new Set(tips)].filter((t) => inTodo[t]).sort((a, b) => a - b);
  for (const t of sortedTips) append(t);
  // revisions no tip leads to (cannot happen for the sets the planners build)
  const reached = new Uint8Array(n);
  {
    const stack = [...sortedTips];
    for (const h of sortedTips) reached[h] = 1;
    while (stack.length > 0) {
      const parents = normDown[stack.pop() as number] as number[];
      for (let j = 0; j < parents.length; j++) {
        const p = parents[j] as number;
        if (inTodo[p] && !reached[p]) {
          reached[p] = 1;
          stack.push(p);
        }
      }
    }
    const extra: number[] = [];
    for (let k = 0; k < m; k++) {
      const t = members[k] as number;
      if (!reached[t] && pendingKids[t] === 0) extra.push(t);
    }
    extra.sort((a, b) => a - b);
    for (const t of extra) append(t);
  }

  const emitted = new Uint8Array(n);
  const out: number[] = [];

  // Not-yet-emitted revisions above each candidate, kept for reuse: a revision
  // emitted later has no pending descendants, so whatever is pending above the
  // candidate later was already in this set.
  const aboveCache = new Map<number, Set<number>>();
  const above = (c: number): Set<number> => {
    let region = aboveCache.get(c);
    if (region !== undefined) return region;
    if (aboveCache.size >= 256) aboveCache.clear();
    region = new Set<number>([c]);
    const stack = [c];
    while (stack.length > 0) {
      const v = stack.pop() as number;
      for (let k = start[v] as number; k < (start[v + 1] as number); k++) {
        const w = kids[k] as number;
        if (emitted[w] || region.has(w)) continue;
        region.add(w);
        stack.push(w);
      }
    }
    aboveCache.set(c, region);
    return region;
  };

  /** First slot (other than `self`) in order whose tip has `c` below it, or -1. */
  const owner = (c: number, self: number): number => {
    const region = above(c);
    for (let k = first; k !== -1; k = next[k] as number) if (k !== self && region.has(node[k] as number)) return k;
    return -1;
  };

  let slot = first;
  while (count > 0) {
    const c = node[slot] as number;
    if ((pendingKids[c] as number) > 0) {
      const j = owner(c, slot);
      if (j !== -1) {
        slot = j;
        continue;
      }
    }
    const parents = normDown[c] as number[];
    if (!emitted[c]) {
      out.push(c);
      emitted[c] = 1;
      for (let j = 0; j < parents.length; j++) {
        const p = parents[j] as number;
        if (inTodo[p]) pendingKids[p] = (pendingKids[p] as number) - 1;
      }
    }
    isTip[c] = 0;
    // the parents that become pending tips, in order, each once: the first takes
    // this slot, the others go to the end
    let taken = false;
    for (let j = 0; j < parents.length; j++) {
      const p = parents[j] as number;
      if (!inTodo[p] || emitted[p] || isTip[p]) continue;
      if (!taken) {
        node[slot] = p;
        isTip[p] = 1;
        taken = true;
      } else append(p);
    }
    if (!taken) {
      // drop the slot and step back to the one before it (or the new first)
      const before = prev[slot] as number;
      unlink(slot);
      slot = before !== -1 ? before : first;
    }
  }
  return out;
}
