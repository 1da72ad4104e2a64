import { RevisionMap, versionChanges, type MigrationStep, type RevisionSource } from "../../src/graph/index.js";

/** A revision source: `r("b", "a")`, `r("m", ["b1", "b2"])`, `r("x", null, { labels: "lib", deps: "a" })`. */
export function r(
  revision: string,
  downRevision: string | readonly string[] | null = null,
  opts: { labels?: string | readonly string[]; deps?: string | readonly string[] } = {},
): RevisionSource {
  return {
    revision,
    downRevision,
    branchLabels: opts.labels ?? null,
    dependsOn: opts.deps ?? null,
  };
}

export function build(...sources: RevisionSource[]): RevisionMap {
  return new RevisionMap(sources);
}

/** Steps as short strings: "up:b", "down:c", "stamp:a,b>c". */
export function brief(steps: readonly MigrationStep[]): string[] {
  return steps.map((s) =>
    s.kind === "stamp" ? `stamp:${s.fromRevisions.join(",")}>${s.toRevisions.join(",")}` : `${s.kind === "upgrade" ? "up" : "down"}:${s.revision}`,
  );
}

/** Applies steps to a version table holding `heads`; returns the final heads, sorted. */
export function apply(map: RevisionMap, heads: readonly string[], steps: readonly MigrationStep[]): string[] {
  let cur = [...heads];
  for (const s of steps) cur = versionChanges(map, cur, s).heads;
  return cur.sort();
}

export function ids(revs: readonly { revision: string }[]): string[] {
  return revs.map((x) => x.revision);
}

export function up(map: RevisionMap, current: readonly string[], target: string | readonly string[]): { steps: string[]; heads: string[] } {
  const steps = map.planUpgrade(current, target);
  return { steps: brief(steps), heads: apply(map, current, steps) };
}

export function down(
  map: RevisionMap,
  current: readonly string[],
  target: string,
  warnings?: string[],
): { steps: string[]; heads: string[] } {
  const steps = map.planDowngrade(current, target, { onWarning: (w) => warnings?.push(w) });
  return { steps: brief(steps), heads: apply(map, current, steps) };
}
