import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { RevisionMap, versionChanges, type MigrationStep } from "../../src/graph/index.js";

/**
 * Random graphs (branches, merges, labels, dependencies) with the orders and
 * version table rows Alembic produces for them, recorded once from Alembic
 * itself: history order, upgrade/downgrade/history iterations from various
 * current states, and the rows after every step of upgrade, downgrade and
 * stamp plans. Cases where Alembic fails or leaves a row that another row
 * already implies are not recorded.
 */
interface Case {
  graph: [string, string[], string[], string[]][];
  history: string[];
  heads: string[];
  realHeads: string[];
  labels: Record<string, string[]>;
  plans: ["up" | "down" | "hist", string[], string, string[]][];
  rows: ["up" | "down" | "stamp", string[], string, string[][]][];
}

const cases = JSON.parse(readFileSync(new URL("./reference-cases.json", import.meta.url), "utf8")) as Case[];

describe("orders and rows recorded from Alembic", () => {
  cases.forEach((c, k) => {
    test(`graph ${k + 1} (${c.graph.length} revisions)`, () => {
      const map = new RevisionMap(
        c.graph.map(([revision, down, deps, labels]) => ({
          revision,
          downRevision: down.length === 0 ? null : down,
          dependsOn: deps,
          branchLabels: labels,
        })),
      );
      expect(map.heads).toEqual(c.heads);
      expect(map.realHeads).toEqual(c.realHeads);
      expect(map.history().map((r) => r.revision)).toEqual(c.history);
      for (const rev of map.all()) expect([...rev.branches].sort()).toEqual(c.labels[rev.revision] ?? []);
      for (const [kind, current, target, expected] of c.plans) {
        const got =
          kind === "up"
            ? map.iterateRevisions(target, current, { implicitBase: true }).reverse()
            : kind === "down"
              ? map.iterateRevisions(current, target, { selectForDowngrade: true })
              : map.iterateRevisions(target.split(":")[1]!, target.split(":")[0]!, { inclusive: true, assertRelativeLength: false });
        expect(got.map((r) => r.revision), `${kind} ${current.join(",")} -> ${target}`).toEqual(expected);
      }
      for (const [kind, current, target, expected] of c.rows) {
        const steps: MigrationStep[] =
          kind === "up"
            ? map.planUpgrade(current, target)
            : kind === "down"
              ? map.planDowngrade(current, target)
              : map.planStamp(current, [target]);
        let heads = [...current];
        const seen: string[][] = [];
        for (const s of steps) {
          heads = versionChanges(map, heads, s).heads;
          seen.push([...heads].sort());
        }
        expect(seen, `${kind} ${current.join(",")} -> ${target}`).toEqual(expected);
      }
    });
  });
});
