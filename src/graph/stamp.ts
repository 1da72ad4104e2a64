import { NONE, type Ref, type Resolver } from "./resolver.js";
import { parseRelative } from "./identifiers.js";
import { ancestors, descendants, sharingLineage } from "./traversal.js";
import type { MigrationStep } from "./types.js";
import { RevisionGraphError } from "./errors.js";

/**
 * Two stamp targets on one line of history (one an ancestor of the other) would
 * leave a version table whose rows are not branch heads; say which and what to give.
 */
function refuseOverlap(res: Resolver, dests: readonly Ref[]): void {
  const real = [...new Set(dests.filter((d) => d >= 0))];
  for (const dest of real) {
    const below = new Set(ancestors(res.g, [dest], false));
    const lower = real.find((other) => other !== dest && below.has(other));
    if (lower === undefined) continue;
    const [low, high] = [res.g.ids[lower] as string, res.g.ids[dest] as string];
    throw new RevisionGraphError(
      `Can't stamp ${low} and ${high} together: ${low} is an ancestor of ${high}, and the version table holds one row per branch head`,
      {
        code: "overlap",
        revisions: [low, high],
        hint: `stamp ${high} alone (it already includes ${low}), or give revisions on different branches`,
      },
    );
  }
}

/** The stamp steps that make the version table hold `targets` (Alembic's stamp rules). */
export function stamp(res: Resolver, current: readonly string[], targets: readonly string[]): MigrationStep[] {
  const g = res.g;
  const headRevs = res.getRevs(current).filter((r) => r >= 0);
  const filtered: number[] = [];
  for (const t of targets) {
    if (!t) continue;
    // a relative target (-1, label@+1, rev-2) is matched by the revisions it names
    const lineage =
      parseRelative(t) === null
        ? res.filterForLineage(headRevs, t, true)
        : sharingLineage(res.g, headRevs, res.resolveWithCurrent(t, undefined).filter((r) => r >= 0), true);
    for (const h of lineage) if (!filtered.includes(h)) filtered.push(h);
  }
  let dests: Ref[] = targets.flatMap((t) => res.resolveWithCurrent(t, undefined));
  if (dests.length === 0) dests = [NONE];
  refuseOverlap(res, dests);
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
    const desc = new Set(descendants(res.g, [dest], true));
    if (filtered.some((h) => desc.has(h))) {
      steps.push(stampStep(names(filtered), [id], false, false));
      continue;
    }
    const anc = new Set(ancestors(res.g, [dest], true));
    if (filtered.some((h) => anc.has(h))) {
      steps.push(stampStep(names(filtered), [id], true, false));
      continue;
    }
    steps.push(stampStep([], [id], true, true));
  }
  return steps;
}
