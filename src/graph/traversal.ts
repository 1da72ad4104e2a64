/** Walks over the graph's index arrays: ancestors, descendants, shared lines of descent. */
import { RevisionGraphError } from "./errors.js";
import type { Graph } from "./graph.js";

/** `targets` and everything below them (through dependencies too when `deps`). */
export function ancestors(g: Graph, targets: readonly number[], deps: boolean): number[] {
  const edges = deps ? g.normDown : g.down;
  return walkSet(g, targets, edges);
}

/** `targets` and everything above them (through dependents too when `deps`). */
export function descendants(g: Graph, targets: readonly number[], deps: boolean): number[] {
  const edges = deps ? g.allNext : g.next;
  return walkSet(g, targets, edges);
}

/** Every revision reachable from `targets` along `edges`, targets included. */
export function walkSet(g: Graph, targets: readonly number[], edges: readonly (readonly number[])[]): number[] {
  const seen = new Uint8Array(g.size);
  const out: number[] = [];
  const stack: number[] = [];
  for (const t of targets) {
    if (t < 0 || seen[t]) continue;
    seen[t] = 1;
    stack.push(t);
    while (stack.length > 0) {
      const v = stack.pop() as number;
      out.push(v);
      const around = edges[v] as number[];
      for (let k = 0; k < around.length; k++) {
        const w = around[k] as number;
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
 * Like {@link walkSet}, and fails when one requested revision lies on the walk of
 * another ("overlaps with other requested revisions").
 */
export function walkSetChecked(g: Graph, targets: readonly number[], edges: readonly (readonly number[])[]): number[] {
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
      const around = edges[v] as number[];
      for (let k = 0; k < around.length; k++) stack.push(around[k] as number);
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

/** Whether `target` is one of `against`, or above or below one of them. */
export function sharesLineage(g: Graph, target: number, against: readonly number[], deps: boolean): boolean {
  if (against.length === 0) return true;
  const want = new Set(against);
  if (want.has(target)) return true;
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

/** Of `targets`, those on a line of descent with one of `against` (cheapest way round). */
export function sharingLineage(g: Graph, targets: readonly number[], against: readonly number[], deps: boolean): number[] {
  const real = targets.filter((t) => t >= 0);
  if (real.length <= 2 || against.length >= real.length) {
    return real.filter((t) => sharesLineage(g, t, against, deps));
  }
  const lineage = new Uint8Array(g.size);
  for (const i of ancestors(g, against, deps)) lineage[i] = 1;
  for (const i of descendants(g, against, deps)) lineage[i] = 1;
  return real.filter((t) => lineage[t] === 1);
}
