import type { RevisionMap } from "./revision-map.js";

/**
 * The applied revisions a not-yet-applied revision would land below: its down
 * revision is applied, but so is a later revision on another line from that
 * down revision. Applying it makes the database's history non-linear (it runs
 * after revisions that were written, reviewed and deployed without it). Empty
 * when the revision is applied already, when none of its down revisions is,
 * or when it simply continues a head. Ids the map does not know are ignored.
 *
 * @example
 * ```ts
 * // a -> b -> c applied; x revises a
 * landsBelow(map, ["c"], "x"); // ["c"]
 * landsBelow(map, ["c"], "d"); // [] (d revises c)
 * ```
 */
export function landsBelow(map: RevisionMap, appliedHeads: readonly string[], revision: string): string[] {
  const rev = map.get(revision);
  const heads = appliedHeads.filter((h) => map.get(h) !== undefined);
  if (rev === undefined || heads.length === 0) return [];
  const applied = map.ancestorsOf(heads);
  if (applied.has(revision)) return [];
  const parents = rev.downRevisions.filter((p) => applied.has(p));
  if (parents.length === 0) return [];
  const own = map.ancestorsOf([revision]);
  const below = new Set<string>();
  for (const parent of parents) {
    const later = map.descendantsOf([parent]);
    for (const head of heads) if (head !== parent && later.has(head) && !own.has(head)) below.add(head);
  }
  return [...below];
}
