import type { GraphPicture } from "./picture.js";

/** Where a node sits: a column and a row (row 0 holds the newest revisions). */
export interface Placed {
  readonly column: number;
  readonly row: number;
}

/**
 * A layered layout: each revision one row below the newest of the revisions
 * it comes after (parents and dependencies), heads in the top rows; within a
 * row, each node takes the column nearest the mean of its parents' columns that
 * is still free, so a line of history stays a straight line. Linear in nodes
 * and edges apart from sorting each row.
 */
export function layout(picture: GraphPicture): { readonly placed: ReadonlyMap<string, Placed>; readonly columns: number; readonly rows: number } {
  const index = new Map(picture.nodes.map((node, i) => [node.id, i]));
  const before: number[][] = picture.nodes.map(() => []);
  const after: number[][] = picture.nodes.map(() => []);
  for (const edge of picture.edges) {
    const from = index.get(edge.from);
    const to = index.get(edge.to);
    if (from === undefined || to === undefined) continue;
    before[to]!.push(from);
    after[from]!.push(to);
  }
  // ranks by a topological walk (Kahn), oldest first
  const waiting = before.map((list) => list.length);
  const rank = picture.nodes.map(() => 0);
  const queue: number[] = [];
  waiting.forEach((count, i) => count === 0 && queue.push(i));
  const order: number[] = [];
  for (let head = 0; head < queue.length; head += 1) {
    const v = queue[head]!;
    order.push(v);
    for (const w of after[v]!) {
      rank[w] = Math.max(rank[w]!, rank[v]! + 1);
      waiting[w]! -= 1;
      if (waiting[w] === 0) queue.push(w);
    }
  }
  const maxRank = rank.reduce((a, b) => Math.max(a, b), 0);
  const byRank: number[][] = Array.from({ length: maxRank + 1 }, () => []);
  for (const v of order) byRank[rank[v]!]!.push(v);

  const column: number[] = picture.nodes.map(() => 0);
  let columns = 1;
  for (const row of byRank) {
    const wanted = row.map((v) => {
      const parents = before[v]!;
      const mean = parents.length === 0 ? 0 : parents.reduce((sum, p) => sum + column[p]!, 0) / parents.length;
      return { v, mean };
    });
    wanted.sort((a, b) => a.mean - b.mean || a.v - b.v);
    let next = 0;
    for (const { v, mean } of wanted) {
      const at = Math.max(next, Math.round(mean));
      column[v] = at;
      next = at + 1;
      columns = Math.max(columns, at + 1);
    }
  }
  const placed = new Map<string, Placed>();
  picture.nodes.forEach((node, i) => placed.set(node.id, { column: column[i]!, row: maxRank - rank[i]! }));
  return { placed, columns, rows: maxRank + 1 };
}
