import { RevisionGraphError } from "./errors.js";
import { BASE, NONE, show, type Resolver, type Symbolic } from "./resolver.js";
import { sortNewestFirst } from "./topological-sort.js";
import { ancestors, descendants, walkSetChecked } from "./traversal.js";

/**
 * Every revision in history order, newest first: what the range `base:heads`
 * gives, without collecting it (every revision lies below a head).
 */
export function sortAll(res: Resolver): number[] {
  return sortNewestFirst(res.g, null, res.g.realHeads);
}

/** The revisions between `upper` and `lower` (see RevisionMap.iterateRevisions), newest first. */
export function collectAndSort(
  res: Resolver,
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
    ? collectDowngrade(res, upper, lower, o)
    : collectUpgrade(res, upper, lower, o);
  return sortNewestFirst(res.g, needs, tips);
}

/**
 * What an upgrade from `lower` (current heads) to `upper` (target) needs, and
 * the tips to order it from.
 */
export function collectUpgrade(
  res: Resolver,
  upper: Symbolic,
  lower: Symbolic,
  o: { inclusive: boolean; implicitBase: boolean; assertRelativeLength: boolean },
): { needs: Set<number>; tips: number[] } {
  const g = res.g;
  let targets: number[] = [];
  for (const r of res.parseUpgradeTarget(lower, upper, o.assertRelativeLength)) {
    if (r === NONE) throw res.walkedTooFar(show(upper));
    if (r >= 0) targets.push(r);
  }
  if (typeof lower === "string" && lower.includes("@")) {
    const branch = lower.slice(0, lower.indexOf("@"));
    const branchRev = res.getRevisionRef(branch);
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
  const required = new Set(walkSetChecked(res.g, targets, g.normDown));
  for (const t of targets) required.add(t);

  let currentRevs = res.getRevs(lower);
  if (!o.implicitBase && currentRevs.some((r) => r !== NONE && !required.has(r))) {
    throw res.notAncestor(lower, upper);
  }
  if (currentRevs.length > 0 && currentRevs[0] === NONE) {
    const { rev } = res.parseDowngradeTarget(upper, lower, o.assertRelativeLength, () => {});
    if (rev === BASE || rev === NONE) {
      currentRevs = [];
      lower = null;
    } else {
      currentRevs = [rev];
      lower = g.ids[rev] as string;
    }
  }
  const cur = currentRevs.filter((r) => r >= 0);
  const currentNodes = new Set(walkSetChecked(res.g, cur, g.normDown));
  const needs = new Set<number>();
  for (const r of required) if (!currentNodes.has(r)) needs.add(r);
  if (o.inclusive) for (const r of res.getRevs(lower)) if (r >= 0) needs.add(r);
  if (cur.length > 0 && !o.implicitBase) {
    const below = new Set(walkSetChecked(res.g, cur, g.next));
    for (const r of [...needs]) if (!below.has(r)) needs.delete(r);
  }
  return { needs, tips: targets };
}

/**
 * What a downgrade from `upper` (current heads) to `lower` (target) drops, and
 * the tips to order it from.
 */
export function collectDowngrade(
  res: Resolver,
  upper: Symbolic,
  lower: Symbolic,
  o: { inclusive: boolean; implicitBase: boolean; assertRelativeLength: boolean; warn: (m: string) => void },
): { needs: Set<number>; tips: number[] } {
  const g = res.g;
  const { label, rev } = res.parseDowngradeTarget(upper, lower, o.assertRelativeLength, o.warn);
  const target = rev === BASE ? NONE : rev;
  let roots: number[];
  if (target === NONE) roots = [...g.bases];
  else if (o.inclusive) roots = [target];
  else roots = [...(g.next[target] as number[])];
  if (label !== null && roots.length > 1) {
    const anc = new Set(ancestors(res.g, [res.resolveBranch(label)], false));
    roots = roots.filter((r) => anc.has(r));
    if (roots.length === 0) {
      throw new RevisionGraphError("Not a valid downgrade target from current heads", {
        code: "not-ancestor",
        argument: show(lower),
      });
    }
  }
  const heads = res.getRevs(upper).filter((r) => r >= 0);
  const active = new Set(ancestors(res.g, heads, true));
  const needs = new Set<number>();
  for (const d of descendants(res.g, roots, true)) if (active.has(d)) needs.add(d);
  if (o.implicitBase) {
    const rootAnc = new Set(ancestors(res.g, roots, true));
    for (const a of active) if (!rootAnc.has(a)) needs.add(a);
  }
  if (target !== NONE && needs.size === 0 && !heads.includes(target)) {
    throw res.notAncestor(lower, upper, [g.ids[target] as string]);
  }
  return { needs, tips: heads };
}
