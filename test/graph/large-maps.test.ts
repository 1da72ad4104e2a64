import { describe, expect, test } from "vitest";
import { RevisionMap, versionChanges, type MigrationStep } from "../../src/graph/index.js";
import { manyBranches, straightLine } from "./large-maps.js";

function applyAll(map: RevisionMap, heads: readonly string[], steps: readonly MigrationStep[]): string[] {
  let cur = [...heads];
  for (const s of steps) cur = versionChanges(map, cur, s).heads;
  return cur.sort();
}

describe("10,000 revisions in a straight line", () => {
  const sources = straightLine(10_000);
  const map = new RevisionMap(sources);
  const first = "r00000";
  const last = "r09999";

  test("heads, bases and size", () => {
    expect(map.size).toBe(10_000);
    expect(map.heads).toEqual([last]);
    expect(map.realHeads).toEqual([last]);
    expect(map.bases).toEqual([first]);
  });
  test("history is newest first", () => {
    const history = map.history();
    expect(history).toHaveLength(10_000);
    expect(history[0]!.revision).toBe(last);
    expect(history[9_999]!.revision).toBe(first);
    expect(map.history("r05000:r05002").map((r) => r.revision)).toEqual(["r05002", "r05001", "r05000"]);
  });
  test("upgrade from nothing to head and back to base", () => {
    const steps = map.planUpgrade([], "head");
    expect(steps).toHaveLength(10_000);
    expect(steps[0]).toMatchObject({ revision: first, fromRevisions: [] });
    expect(steps[9_999]).toMatchObject({ revision: last, fromRevisions: ["r09998"] });
    expect(applyAll(map, [], steps)).toEqual([last]);
    const back = map.planDowngrade([last], "base");
    expect(back).toHaveLength(10_000);
    expect(back[0]!.revision).toBe(last);
    expect(applyAll(map, [last], back)).toEqual([]);
  });
  test("relative moves deep in the line", () => {
    expect(map.planDowngrade([last], "-5000")).toHaveLength(5_000);
    expect(map.planUpgrade(["r04999"], "+5000").at(-1)!.revision).toBe(last);
    expect(map.getRevision("head-9999")!.revision).toBe(first);
  });
  test("partial ids and stamps", () => {
    expect(() => map.getRevision("r0999")).toThrow("Multiple revisions start with 'r0999': 'r09990', 'r09991', 'r09992'...");
    expect(() => map.getRevision("r0999x")).toThrow("No such revision or branch 'r0999x'");
    expect(map.getRevision("r09998")!.revision).toBe("r09998");
    expect(applyAll(map, ["r00010"], map.planStamp(["r00010"], ["head"]))).toEqual([last]);
  });
});

describe("100 labelled branches with dependencies and a merge", () => {
  const sources = manyBranches(100, 99, 100);
  const map = new RevisionMap(sources);
  const branchHead = (k: number): string => `b${String(k).padStart(3, "0")}x0098`;

  test("shape", () => {
    expect(map.size).toBe(100 + 100 * 99 + 3);
    // branches 8, 18, ... stay out of the merge; the branch after each depends on it
    expect(map.heads).toEqual([...Array.from({ length: 10 }, (_, j) => branchHead(10 * j + 8)), "tail2"]);
    expect(map.realHeads).toEqual(["tail2"]);
    expect(map.bases).toEqual(["t00000"]);
    expect(map.get("merged")!.downRevisions).toHaveLength(91);
    expect(map.get(branchHead(9))!.dependencies).toEqual([branchHead(8)]);
    expect(map.get("b042x0050")!.branches).toEqual(["branch42"]);
    // a label reaches every descendant, so the branch's head is past the merge
    expect(map.getRevision("branch42@head")!.revision).toBe("tail2");
    expect(map.get("tail2")!.branches).toHaveLength(90);
    expect(map.getRevision("branch42@b042x0002")!.revision).toBe("b042x0002");
    expect(() => map.getRevision("branch42@b043x0002")).toThrow("Revision b043x0002 is not a member of branch 'branch42'");
  });
  test("history lists every revision once, children before parents", () => {
    const history = map.history();
    expect(history).toHaveLength(map.size);
    const pos = new Map(history.map((r, k) => [r.revision, k]));
    for (const r of history) for (const p of r.normalizedDownRevisions) expect(pos.get(p)!).toBeGreaterThan(pos.get(r.revision)!);
    expect(history[0]!.revision).toBe("tail2");
  });
  test("upgrade everything, then the version table holds the one real head", () => {
    const steps = map.planUpgrade([], "heads");
    expect(steps).toHaveLength(map.size);
    const seen = new Set<string>();
    for (const s of steps) {
      for (const p of s.fromRevisions) expect(seen.has(p)).toBe(true);
      seen.add(s.revision!);
    }
    expect(applyAll(map, [], steps)).toEqual(["tail2"]);
  });
  test("upgrading one branch brings the trunk up to its fork and the branch it depends on", () => {
    const steps = map.planUpgrade([], branchHead(19));
    const revs = new Set(steps.map((s) => s.revision));
    expect(revs.has(branchHead(19))).toBe(true);
    expect(revs.has(branchHead(18))).toBe(true);
    expect(revs.has("b020x0000")).toBe(false);
    expect(applyAll(map, [], steps)).toEqual([branchHead(19)]);
  });
  test("downgrade everything to base", () => {
    const steps = map.planDowngrade(["tail2"], "base");
    expect(steps).toHaveLength(map.size);
    expect(steps[0]!.revision).toBe("tail2");
    expect(applyAll(map, ["tail2"], steps)).toEqual([]);
  });
  test("downgrade below the merge gives back one row per merged parent", () => {
    const steps = map.planDowngrade(["tail2"], "t00099");
    expect(steps.map((s) => s.revision)).toEqual(["tail2", "tail1", "merged"]);
    expect(versionChanges(map, ["merged"], steps[2]!).changes.filter((c) => c.type === "insert")).toHaveLength(90);
    const heads = applyAll(map, ["tail2"], steps);
    // one row per parent of the merge: the trunk head and 90 branch heads
    expect(heads).toHaveLength(91);
    expect(heads).toContain("t00099");
    expect(heads).not.toContain(branchHead(8));
    expect(heads).toContain(branchHead(9));
  });
});

describe("10,000 revisions that all depend on one other revision", () => {
  const sources = [
    { revision: "lib", downRevision: null },
    ...straightLine(10_000).map((src) => ({ ...src, dependsOn: "lib" })),
  ];
  const map = new RevisionMap(sources);
  test("only the first keeps the dependency; the rest inherit it", () => {
    expect(map.get("r00000")!.normalizedDownRevisions).toEqual(["lib"]);
    expect(map.get("r00001")!.normalizedDownRevisions).toEqual(["r00000"]);
    expect(map.get("r09999")!.dependencies).toEqual(["lib"]);
    expect(map.get("r09999")!.normalizedDownRevisions).toEqual(["r09998"]);
    expect(map.heads).toEqual(["lib", "r09999"]);
    expect(map.realHeads).toEqual(["r09999"]);
  });
  test("upgrade and downgrade", () => {
    const steps = map.planUpgrade([], "heads");
    expect(steps[0]!.revision).toBe("lib");
    expect(applyAll(map, [], steps)).toEqual(["r09999"]);
    expect(applyAll(map, ["r09999"], map.planDowngrade(["r09999"], "r00000"))).toEqual(["r00000"]);
    expect(applyAll(map, ["r09999"], map.planDowngrade(["r09999"], "base"))).toEqual([]);
  });
});
