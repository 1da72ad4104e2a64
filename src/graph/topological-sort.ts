import type { Graph } from "./graph.js";

/**
 * Orders `todo` newest first (every revision before its parents and
 * dependencies), walking one branch at a time from the pending tips in source
 * order, and leaving a branch as soon as the next revision on it is still
 * needed below another pending tip. This reproduces the order `history` shows
 * and upgrades/downgrades run in.
 *
 * Cost is linear in the edges of `todo`, plus an upward search each time the
 * walk has to leave a branch.
 */
export function sortNewestFirst(graph: Graph, todo: ReadonlySet<number>, tips: Iterable<number>): number[] {
  const n = graph.size;
  const inTodo = new Uint8Array(n);
  for (const t of todo) inTodo[t] = 1;

  // children of each todo revision, within todo (CSR layout)
  const kidCount = new Int32Array(n + 1);
  for (const t of todo) for (const p of graph.normDown[t] as number[]) if (inTodo[p]) kidCount[p] = (kidCount[p] as number) + 1;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = (start[i] as number) + (kidCount[i] as number);
  const fill = start.slice(0, n);
  const kids = new Int32Array(start[n] as number);
  for (const t of todo) {
    for (const p of graph.normDown[t] as number[]) {
      if (inTodo[p]) {
        kids[fill[p] as number] = t;
        fill[p] = (fill[p] as number) + 1;
      }
    }
  }
  const pendingKids = kidCount; // un-emitted todo children left per revision

  const isTip = new Uint8Array(n);
  const heads: number[] = [];
  const sortedTips = [...new Set(tips)].filter((t) => inTodo[t]).sort((a, b) => a - b);
  for (const t of sortedTips) {
    heads.push(t);
    isTip[t] = 1;
  }
  // revisions no tip leads to (cannot happen for the sets the planners build)
  const reached = new Uint8Array(n);
  {
    const stack = [...heads];
    for (const h of heads) reached[h] = 1;
    while (stack.length > 0) {
      const v = stack.pop() as number;
      for (const p of graph.normDown[v] as number[]) {
        if (inTodo[p] && !reached[p]) {
          reached[p] = 1;
          stack.push(p);
        }
      }
    }
    const extra = [...todo].filter((t) => !reached[t] && pendingKids[t] === 0).sort((a, b) => a - b);
    for (const t of extra) {
      heads.push(t);
      isTip[t] = 1;
    }
  }

  const emitted = new Uint8Array(n);
  const out: number[] = [];
  const mark = new Int32Array(n);
  let stamp = 0;

  /** Lowest position among pending tips that have `c` below them. */
  const owner = (c: number): number => {
    stamp++;
    let best = -1;
    const stack = [c];
    mark[c] = stamp;
    while (stack.length > 0) {
      const v = stack.pop() as number;
      for (let k = start[v] as number; k < (start[v + 1] as number); k++) {
        const w = kids[k] as number;
        if (emitted[w] || mark[w] === stamp) continue;
        mark[w] = stamp;
        if (isTip[w]) {
          const pos = heads.indexOf(w);
          if (best === -1 || pos < best) best = pos;
        }
        stack.push(w);
      }
    }
    return best;
  };

  let idx = 0;
  while (heads.length > 0) {
    const c = heads[idx] as number;
    if ((pendingKids[c] as number) > 0) {
      const j = owner(c);
      if (j !== -1 && j !== idx) {
        idx = j;
        continue;
      }
    }
    if (!emitted[c]) {
      out.push(c);
      emitted[c] = 1;
      for (const p of graph.normDown[c] as number[]) if (inTodo[p]) pendingKids[p] = (pendingKids[p] as number) - 1;
    }
    const toAdd: number[] = [];
    for (const p of graph.normDown[c] as number[]) {
      if (inTodo[p] && !emitted[p] && !isTip[p] && !toAdd.includes(p)) toAdd.push(p);
    }
    isTip[c] = 0;
    if (toAdd.length === 0) {
      heads.splice(idx, 1);
      idx = Math.max(idx - 1, 0);
    } else {
      heads[idx] = toAdd[0] as number;
      isTip[toAdd[0] as number] = 1;
      for (let k = 1; k < toAdd.length; k++) {
        heads.push(toAdd[k] as number);
        isTip[toAdd[k] as number] = 1;
      }
    }
  }
  return out;
}
