import { describe, expect, test } from "vitest";
import { RevisionMap, versionChanges, type MigrationStep, type RevisionSource } from "../../src/graph/index.js";

/** Small deterministic pseudo-random generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random graph: new lineages, branches, merges and cross-lineage dependencies. */
function randomGraph(seed: number, size: number): RevisionSource[] {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const out: RevisionSource[] = [];
  const ids: string[] = [];
  for (let i = 0; i < size; i++) {
    const id = `r${seed}x${i}`;
    let down: string[] = [];
    if (i > 0 && rand() > 0.08) {
      down = [pick(ids.slice(Math.max(0, ids.length - 6)))];
      if (rand() < 0.15) {
        const other = pick(ids);
        if (!down.includes(other)) down.push(other);
      }
    }
    const deps = i > 2 && rand() < 0.12 ? [pick(ids)] : [];
    out.push({ revision: id, downRevision: down.length === 0 ? null : down, dependsOn: deps.filter((d) => !down.includes(d)) });
    ids.push(id);
  }
  return out;
}

function run(map: RevisionMap, heads: readonly string[], steps: readonly MigrationStep[]): string[] {
  let cur = [...heads];
  for (const s of steps) cur = versionChanges(map, cur, s).heads;
  return cur.sort();
}

/** Revisions of `applied` that no other applied revision has below it. */
function tips(map: RevisionMap, applied: ReadonlySet<string>): string[] {
  const below = new Set<string>();
  for (const a of applied) for (const x of map.ancestorsOf([a])) if (x !== a) below.add(x);
  return [...applied].filter((a) => !below.has(a)).sort();
}

describe("random graphs", () => {
  for (let seed = 1; seed <= 120; seed++) {
    test(`graph ${seed}: history order, full and partial upgrades and downgrades`, () => {
      const map = new RevisionMap(randomGraph(seed, 20 + (seed % 5) * 10));
      const history = map.history();
      expect(history).toHaveLength(map.size);
      const pos = new Map(history.map((r, k) => [r.revision, k]));
      for (const r of history) for (const p of r.normalizedDownRevisions) expect(pos.get(p)!).toBeGreaterThan(pos.get(r.revision)!);

      const all = map.planUpgrade([], "heads");
      expect(all).toHaveLength(map.size);
      const top = run(map, [], all);
      expect(top).toEqual([...map.realHeads].sort());
      expect(run(map, top, map.planDowngrade(top, "base"))).toEqual([]);

      const rand = rng(seed * 7);
      for (let k = 0; k < 5; k++) {
        const target = history[Math.floor(rand() * history.length)]!.revision;
        const steps = map.planUpgrade([], target);
        const applied = new Set(steps.map((s) => s.revision!));
        expect(applied).toEqual(map.ancestorsOf([target]));
        const rows = run(map, [], steps);
        expect(rows).toEqual(tips(map, applied));
        // stamping the same target from nothing gives the same single row
        expect(run(map, [], map.planStamp([], [target]))).toEqual([target]);
        // upgrading to a second target from there adds exactly what it needs
        const second = history[Math.floor(rand() * history.length)]!.revision;
        const more = map.planUpgrade(rows, second);
        const both = new Set([...applied, ...map.ancestorsOf([second])]);
        expect(new Set([...applied, ...more.map((s) => s.revision!)])).toEqual(both);
        expect(more.some((s) => applied.has(s.revision!))).toBe(false);
        expect(run(map, rows, more)).toEqual(tips(map, both));
        // upgrading the rest from there reaches the real heads
        expect(run(map, rows, map.planUpgrade(rows, "heads"))).toEqual([...map.realHeads].sort());
        // downgrading from the top to the target drops everything above its children
        const children = map.get(target)!.nextRevisions;
        if (children.length === 0) {
          // only depended upon (or a head): nothing descends from it by down revision
          if (!top.includes(target)) expect(() => map.planDowngrade(top, target)).toThrow("not a valid downgrade target");
          continue;
        }
        const down = map.planDowngrade(top, target);
        const dropped = new Set(down.map((s) => s.revision!));
        expect(dropped).toEqual(map.descendantsOf(children));
        const kept = new Set([...pos.keys()].filter((id) => !dropped.has(id)));
        expect(run(map, top, down)).toEqual(tips(map, kept));
      }
    });
  }
});
