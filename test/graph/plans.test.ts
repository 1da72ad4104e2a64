import { describe, expect, test } from "vitest";
import { apply, brief, build, down, r, up } from "./helpers.js";

describe("straight line", () => {
  // ids shaped like generated ones, so partial ids can be tried
  const [a, b, c, d, e] = ["e6239818bb3a", "548bbb905360", "b7ea43dc85e4", "1bbe33445780", "3975fb1a0125"] as const;
  const map = build(r(a), r(b, a), r(c, b), r(d, c), r(e, d));

  test("downgrade to base with nothing applied does nothing", () => {
    expect(down(map, [], "base")).toEqual({ steps: [], heads: [] });
  });
  test("downgrade to the revision already current does nothing", () => {
    expect(down(map, [a], a)).toEqual({ steps: [], heads: [a] });
    expect(down(map, [e], e)).toEqual({ steps: [], heads: [e] });
  });
  test("upgrade along the line", () => {
    expect(up(map, [c], e)).toEqual({ steps: [`up:${d}`, `up:${e}`], heads: [e] });
    expect(up(map, [], c)).toEqual({ steps: [`up:${a}`, `up:${b}`, `up:${c}`], heads: [c] });
    expect(up(map, [], "head").steps).toHaveLength(5);
  });
  test("relative upgrades", () => {
    expect(up(map, [a], "+2")).toEqual({ steps: [`up:${b}`, `up:${c}`], heads: [c] });
    expect(up(map, [a], "+1")).toEqual({ steps: [`up:${b}`], heads: [b] });
    expect(up(map, [b], "+3")).toEqual({ steps: [`up:${c}`, `up:${d}`, `up:${e}`], heads: [e] });
    expect(up(map, [a], `${b}+2`)).toEqual({ steps: [`up:${b}`, `up:${c}`, `up:${d}`], heads: [d] });
    expect(up(map, [a], `${d}-2`)).toEqual({ steps: [`up:${b}`], heads: [b] });
  });
  test("relative upgrades that cannot be made", () => {
    expect(() => map.planUpgrade([b], "-2")).toThrow("Relative revision -2 didn't produce 2 migrations");
    expect(() => map.planUpgrade([b], "+5")).toThrow("Relative revision +5 didn't produce 5 migrations");
  });
  test("downgrade along the line", () => {
    expect(down(map, [e], c)).toEqual({ steps: [`down:${e}`, `down:${d}`], heads: [c] });
    expect(down(map, [c], "base")).toEqual({ steps: [`down:${c}`, `down:${b}`, `down:${a}`], heads: [] });
  });
  test("relative downgrades", () => {
    expect(down(map, [c], "-1")).toEqual({ steps: [`down:${c}`], heads: [b] });
    expect(down(map, [e], "-3")).toEqual({ steps: [`down:${e}`, `down:${d}`, `down:${c}`], heads: [b] });
    expect(down(map, [d], `${a}+2`)).toEqual({ steps: [`down:${d}`], heads: [c] });
    expect(down(map, [d], `${c}-2`)).toEqual({ steps: [`down:${d}`, `down:${c}`, `down:${b}`], heads: [a] });
  });
  test("relative downgrades that cannot be made", () => {
    expect(() => map.planDowngrade([b], "-5")).toThrow("Relative revision -5 didn't produce 5 migrations");
    expect(() => map.planDowngrade([b], "+2")).toThrow("Relative revision +2 didn't produce 2 migrations");
  });
  test("downgrade targets above the current revision are refused", () => {
    expect(() => map.planDowngrade([], b.slice(0, 3))).toThrow(
      `Destination ${b.slice(0, 3)} is not a valid downgrade target from current head(s)`,
    );
    expect(() => map.planDowngrade([b], c.slice(0, 4))).toThrow(
      `Destination ${c.slice(0, 4)} is not a valid downgrade target from current head(s)`,
    );
  });
  test("upgrading to a revision already applied does nothing", () => {
    expect(up(map, [d], b)).toEqual({ steps: [], heads: [d] });
  });
  test("ranges are refused by the planners", () => {
    expect(() => map.planUpgrade([], `${a}:${c}`)).toThrow("Range revision not allowed");
    expect(() => map.planDowngrade([c], `${c}:${a}`)).toThrow("Range revision not allowed");
  });
  test("stamp to base deletes the row", () => {
    const steps = map.planStamp([d], ["base"]);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ kind: "stamp", fromRevisions: [d], toRevisions: [], isUpgrade: false, branchMove: true });
    expect(apply(map, [d], steps)).toEqual([]);
    expect(apply(map, [d], map.planStamp([d], []))).toEqual([]);
  });
  test("stamp up, down, and to where it already is", () => {
    expect(brief(map.planStamp([b], [d]))).toEqual([`stamp:${b}>${d}`]);
    expect(apply(map, [b], map.planStamp([b], [d]))).toEqual([d]);
    expect(apply(map, [d], map.planStamp([d], [a]))).toEqual([a]);
    expect(map.planStamp([d], [d])).toEqual([]);
    expect(apply(map, [], map.planStamp([], ["head"]))).toEqual([e]);
  });
  test("steps carry the from and to sides of the version table", () => {
    const [step] = map.planUpgrade([a], "+1");
    expect(step).toMatchObject({ kind: "upgrade", revision: b, fromRevisions: [a], toRevisions: [b] });
    const [back] = map.planDowngrade([b], "-1");
    expect(back).toMatchObject({ kind: "downgrade", revision: b, fromRevisions: [b], toRevisions: [a] });
    const [first] = map.planUpgrade([], "+1");
    expect(first).toMatchObject({ kind: "upgrade", revision: a, fromRevisions: [], toRevisions: [a] });
  });
});

describe("two labelled branches from one branch point", () => {
  const map = build(
    r("a"),
    r("b", "a"),
    r("c1", "b", { labels: "c1branch" }),
    r("d1", "c1"),
    r("c2", "b", { labels: "c2branch" }),
    r("d2", "c2"),
  );
  test("stamp down across both branches to the branch point merges the rows", () => {
    const steps = map.planStamp(["d1", "c2"], ["b"]);
    expect(brief(steps)).toEqual(["stamp:d1,c2>b"]);
    expect(apply(map, ["d1", "c2"], steps)).toEqual(["b"]);
  });
  test("stamp one branch to its base removes only its row", () => {
    const steps = map.planStamp(["d1", "c2"], ["c1branch@base"]);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ fromRevisions: ["d1"], toRevisions: [], branchMove: true, isUpgrade: false });
    expect(apply(map, ["d1", "c2"], steps)).toEqual(["c2"]);
  });
  test("stamp one branch to its head moves only its row", () => {
    const steps = map.planStamp(["d1", "c2"], ["c2branch@head"]);
    expect(brief(steps)).toEqual(["stamp:c2>d2"]);
    expect(apply(map, ["d1", "c2"], steps)).toEqual(["d1", "d2"]);
  });
  test("upgrade one branch", () => {
    expect(up(map, ["b"], "d1")).toEqual({ steps: ["up:c1", "up:d1"], heads: ["d1"] });
  });
  test("upgrade to two named heads", () => {
    expect(up(map, ["a"], ["d1", "d2"])).toEqual({
      steps: ["up:b", "up:c2", "up:d2", "up:c1", "up:d1"],
      heads: ["d1", "d2"],
    });
  });
  test("upgrade from one head to two", () => {
    expect(up(map, ["a"], "heads")).toEqual({
      steps: ["up:b", "up:c2", "up:d2", "up:c1", "up:d1"],
      heads: ["d1", "d2"],
    });
  });
  test("downgrade from two heads to one", () => {
    expect(down(map, ["d1", "d2"], "a")).toEqual({ steps: ["down:d1", "down:c1", "down:d2", "down:c2", "down:b"], heads: ["a"] });
  });
  test("relative upgrade to a branch's head minus one", () => {
    expect(up(map, ["b"], "c2branch@head-1")).toEqual({ steps: ["up:c2"], heads: ["c2"] });
  });
  test("base+2 drops everything above b", () => {
    expect(down(map, ["d2", "d1"], "base+2")).toEqual({ steps: ["down:d1", "down:c1", "down:d2", "down:c2"], heads: ["b"] });
  });
  test("label@base+2 drops only that branch", () => {
    expect(down(map, ["d2", "d1"], "c2branch@base+2")).toEqual({ steps: ["down:d2", "down:c2"], heads: ["d1"] });
  });
  test("label@base+3 is the branch's first revision", () => {
    expect(down(map, ["d2", "d1"], "c2")).toEqual({ steps: ["down:d2"], heads: ["c2", "d1"] });
    expect(down(map, ["d2", "d1"], "c2branch@base+3")).toEqual({ steps: ["down:d2"], heads: ["c2", "d1"] });
  });
  test("-1 from several heads walks the first one and warns", () => {
    const cases: [string[], string, string[]][] = [
      [["d2", "d1"], "down:d2", ["c2", "d1"]],
      [["c2", "d1"], "down:c2", ["d1"]],
      [["d1", "d2"], "down:d1", ["c1", "d2"]],
      [["c1", "d2"], "down:c1", ["d2"]],
    ];
    for (const [current, step, heads] of cases) {
      const warnings: string[] = [];
      expect(down(map, current, "-1", warnings)).toEqual({ steps: [step], heads });
      expect(warnings).toEqual([expect.stringContaining("downgrade -1 from multiple heads is ambiguous")]);
    }
  });
  test("label@-1 walks that branch without warning", () => {
    const warnings: string[] = [];
    expect(down(map, ["d1", "d2"], "c1branch@-1", warnings)).toEqual({ steps: ["down:d1"], heads: ["c1", "d2"] });
    expect(warnings).toEqual([]);
  });
  test("rev-1 relative to a given head", () => {
    expect(down(map, ["d2", "c1"], "d2-1")).toEqual({ steps: ["down:d2"], heads: ["c1", "c2"] });
    expect(down(map, ["c1", "d2"], "d2-1")).toEqual({ steps: ["down:d2"], heads: ["c1", "c2"] });
  });
  test("label@rev downgrades only the branch named", () => {
    expect(down(map, ["c1", "d2"], "c1branch@b")).toEqual({ steps: ["down:c1"], heads: ["d2"] });
    expect(down(map, ["c1", "d2"], "c2branch@b")).toEqual({ steps: ["down:d2", "down:c2"], heads: ["c1"] });
    expect(down(map, ["d1", "d2"], "c2@b")).toEqual({ steps: ["down:d2", "down:c2"], heads: ["d1"] });
    expect(down(map, ["d1", "d2"], "d1@b")).toEqual({ steps: ["down:d1", "down:c1"], heads: ["d2"] });
  });
  test("label@head-1 in a downgrade", () => {
    expect(down(map, ["d1", "d2"], "c1branch@head-1")).toEqual({ steps: ["down:d1"], heads: ["c1", "d2"] });
  });
  test("label@+1 starts the other branch from the branch point", () => {
    expect(up(map, ["c1"], "c2branch@+1")).toEqual({ steps: ["up:c2"], heads: ["c1", "c2"] });
    expect(up(map, ["c1", "c2"], "c2branch@+1")).toEqual({ steps: ["up:d2"], heads: ["c1", "d2"] });
  });
  test("+1 from two heads is ambiguous", () => {
    expect(() => map.planUpgrade(["c1", "c2"], "+1")).toThrow("Ambiguous upgrade from multiple current revisions");
  });
  test("+1 and base+1 from nothing", () => {
    expect(up(map, [], "base+1")).toEqual({ steps: ["up:a"], heads: ["a"] });
    expect(up(map, [], "+1")).toEqual({ steps: ["up:a"], heads: ["a"] });
  });
  test("-1 to base and from base", () => {
    expect(down(map, ["a"], "-1")).toEqual({ steps: ["down:a"], heads: [] });
    expect(() => map.planDowngrade([], "-1")).toThrow("Relative revision -1 didn't produce 1 migrations");
  });
  test("downgrading to a current head does nothing", () => {
    expect(down(map, ["d1", "c2"], "c2")).toEqual({ steps: [], heads: ["c2", "d1"] });
    expect(down(map, ["d1", "c2"], "d1")).toEqual({ steps: [], heads: ["c2", "d1"] });
  });
  test("stamp to a relative target", () => {
    expect(brief(map.planStamp(["d1", "d2"], ["c1branch@-1"]))).toEqual(["stamp:d1>c1"]);
    expect(apply(map, ["d1", "d2"], map.planStamp(["d1", "d2"], ["c1branch@-1"]))).toEqual(["c1", "d2"]);
    expect(apply(map, [], map.planStamp([], ["c2branch@head-1"]))).toEqual(["c2"]);
  });
  test("head is refused with several heads; the message says what to do", () => {
    expect(() => map.planUpgrade([], "head")).toThrow(
      "Multiple head revisions are present for given argument 'head'; please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads",
    );
  });
});

describe("a branch leaving a merge point", () => {
  const map = build(
    r("a1"),
    r("b1", "a1"),
    r("c1", "b1"),
    r("a2"),
    r("b2", "a2"),
    r("c2", "b2"),
    r("d1", ["c1", "c2"]),
    r("d2", "c2"),
  );
  test("upgrade to the merge from one side", () => {
    expect(up(map, ["d2", "b1"], "d1")).toEqual({ steps: ["up:c1", "up:d1"], heads: ["d1", "d2"] });
  });
  test("downgrade the merge from one side", () => {
    expect(down(map, ["d2", "d1"], "b1")).toEqual({ steps: ["down:d1", "down:c1"], heads: ["b1", "d2"] });
  });
});

describe("a branch leaving a three-way merge point", () => {
  const map = build(
    r("a1"),
    r("b1", "a1"),
    r("c1", "b1"),
    r("a2"),
    r("b2", "a2"),
    r("c2", "b2"),
    r("a3"),
    r("b3", "a3"),
    r("c3", "b3"),
    r("d1", ["c1", "c2", "c3"]),
    r("d2", "c2"),
    r("d3", "c3"),
  );
  test("one side", () => {
    expect(up(map, ["d3", "d2", "b1"], "d1")).toEqual({ steps: ["up:c1", "up:d1"], heads: ["d1", "d2", "d3"] });
    expect(down(map, ["d3", "d2", "d1"], "b1")).toEqual({ steps: ["down:d1", "down:c1"], heads: ["b1", "d2", "d3"] });
  });
  test("two sides merge into one row, and the branch leaves again", () => {
    expect(up(map, ["d3", "b2", "b1"], "d1")).toEqual({ steps: ["up:c2", "up:c1", "up:d1"], heads: ["d1", "d3"] });
    expect(up(map, ["d3", "d1"], "d2")).toEqual({ steps: ["up:d2"], heads: ["d1", "d2", "d3"] });
  });
});

describe("twin merges", () => {
  const map = build(
    r("a"),
    r("b1", "a"),
    r("b2", "a"),
    r("b3", "a"),
    r("c1", ["b1", "b2", "b3"]),
    r("c2", ["b1", "b2", "b3"]),
    r("d1", "c1"),
    r("d2", "c2"),
  );
  test("the rows after each step", () => {
    const steps = ["b3", "b1", "b2", "c2", "d2", "c1", "d1"].map((id) => map.planUpgrade([], id).pop()!);
    let heads = ["a"];
    const seen: string[][] = [];
    for (const s of steps) {
      heads = apply(map, heads, [s]);
      seen.push(heads);
    }
    expect(seen).toEqual([["b3"], ["b1", "b3"], ["b1", "b2", "b3"], ["c2"], ["d2"], ["c1", "d2"], ["d1", "d2"]]);
  });
  test("upgrade heads from the branch point reaches both heads", () => {
    expect(up(map, ["a"], "heads").heads).toEqual(["d1", "d2"]);
  });
});

describe("merges that are not quite twins", () => {
  const map = build(
    r("a"),
    r("b1", "a"),
    r("b2", "a"),
    r("b3", "a"),
    r("c1", ["b1", "b2"]),
    r("c2", ["b2", "b3"]),
    r("d1", "c1"),
    r("d2", "c2"),
  );
  test("the rows after each step", () => {
    const steps = ["b2", "b3", "c2", "d2", "b1", "c1", "d1"].map((id) => map.planUpgrade([], id).pop()!);
    let heads = ["a"];
    const seen: string[][] = [];
    for (const s of steps) {
      heads = apply(map, heads, [s]);
      seen.push(heads);
    }
    expect(seen).toEqual([["b2"], ["b2", "b3"], ["c2"], ["d2"], ["b1", "d2"], ["c1", "d2"], ["d1", "d2"]]);
  });
});

describe("a branch depending on another", () => {
  const map = build(
    r("a1", null, { labels: ["lib1"] }),
    r("b1", "a1"),
    r("c1", "b1"),
    r("a2"),
    r("b2", "a2"),
    r("c2", "b2", { deps: "c1" }),
    r("d1", "c1"),
    r("e1", "d1"),
    r("f1", "e1"),
  );
  test("downgrading the depended-on branch to the dependency leaves the dependent row", () => {
    expect(apply(map, ["c2", "d1"], map.planDowngrade(["c2", "d1"], "c1"))).toEqual(["c2"]);
  });
  test("stamping across the dependency", () => {
    expect(apply(map, ["e1", "c2"], map.planStamp(["e1", "c2"], ["b1"]))).toEqual(["b1"]);
  });
  test("upgrading the dependent branch brings the dependency first", () => {
    expect(up(map, [], "c2")).toEqual({ steps: ["up:a1", "up:b1", "up:c1", "up:a2", "up:b2", "up:c2"], heads: ["c2"] });
  });
});

describe("dependencies on three merged lineages", () => {
  const map = build(
    r("a1"),
    r("a2"),
    r("a3"),
    r("amerge", ["a1", "a2", "a3"]),
    r("b1"),
    r("b2"),
    r("bmerge", ["b1", "b2"]),
    r("c1"),
    r("c2"),
    r("c3"),
    r("cmerge", ["c1", "c2", "c3"]),
    r("d1", null, { deps: ["a3", "b2", "c1"] }),
  );
  test("downgrading one merge leaves a row implied by a dependent", () => {
    expect(down(map, ["amerge", "bmerge", "cmerge", "d1"], "b2")).toEqual({
      steps: ["down:bmerge"],
      heads: ["amerge", "b1", "cmerge", "d1"],
    });
  });
  test("downgrading the dependent gives back the row it implied", () => {
    expect(down(map, ["amerge", "d1", "b1", "cmerge"], "d1@base")).toEqual({
      steps: ["down:d1"],
      heads: ["amerge", "b1", "b2", "cmerge"],
    });
  });
  test("everything down to base", () => {
    expect(down(map, ["amerge", "b1", "b2", "cmerge"], "base")).toEqual({
      steps: [
        "down:amerge", "down:a1", "down:b1", "down:b2", "down:cmerge", "down:c1", "down:a2", "down:a3", "down:c2", "down:c3",
      ],
      heads: [],
    });
  });
});

describe("dependencies crossing both ways", () => {
  const map = build(
    r("a1"),
    r("a2", "a1"),
    r("b1"),
    r("b2", "b1", { deps: "a2" }),
    r("b3", "b2"),
    r("a3", "a2", { deps: "b1" }),
  );
  test("half of an implied merge can be removed", () => {
    expect(down(map, ["a3", "b2"], "b1")).toEqual({ steps: ["down:b2"], heads: ["a3"] });
  });
});

describe("depending on the own down revision", () => {
  const map = build(r("a1"), r("a2", "a1", { deps: "a1" }));
  test("up and down", () => {
    expect(up(map, [], "a2")).toEqual({ steps: ["up:a1", "up:a2"], heads: ["a2"] });
    expect(down(map, ["a2"], "a1")).toEqual({ steps: ["down:a2"], heads: ["a1"] });
  });
});

describe("a dependency repeated further up the branch", () => {
  const map = build(
    r("a1"),
    r("a2", "a1"),
    r("a3", "a2"),
    r("b1"),
    r("b2", "b1", { deps: "a3" }),
    r("b3", "b2"),
    r("b4", "b3", { deps: "a3" }),
  );
  test("downgrading past it leaves the earlier dependent's row", () => {
    expect(down(map, ["b4"], "b3")).toEqual({ steps: ["down:b4"], heads: ["b3"] });
  });
});

describe("merging with the revision one depends on", () => {
  const map = build(r("a1"), r("b1", null, { deps: "a1" }), r("bmerge", ["a1", "b1"]));
  test("up and back down", () => {
    expect(up(map, ["a1"], "b1")).toEqual({ steps: ["up:b1"], heads: ["b1"] });
    expect(up(map, ["b1"], "bmerge")).toEqual({ steps: ["up:bmerge"], heads: ["bmerge"] });
    expect(down(map, ["bmerge"], "a1")).toEqual({ steps: ["down:bmerge"], heads: ["b1"] });
    expect(down(map, ["bmerge"], "b1")).toEqual({ steps: ["down:bmerge"], heads: ["b1"] });
  });
});

describe("depending on a branch label", () => {
  const map = build(
    r("a1", null, { labels: ["lib1"] }),
    r("b1", "a1"),
    r("c1", "b1", { labels: ["c1lib"] }),
    r("a2"),
    r("b2", "a2"),
    r("c2", "b2", { deps: ["c1lib"] }),
    r("d1", "c1"),
    r("e1", "d1"),
    r("f1", "e1"),
  );
  test("the label resolves to its revision, which is upgraded first", () => {
    expect(map.get("c2")!.dependencies).toEqual(["c1"]);
    expect(up(map, ["a2"], "c2")).toEqual({ steps: ["up:a1", "up:b1", "up:c1", "up:b2", "up:c2"], heads: ["c2"] });
  });
});

describe("two unrelated lineages", () => {
  const map = build(r("a1"), r("b1", "a1"), r("a2"), r("b2", "a2"));
  test("upgrade heads from base", () => {
    expect(brief(map.planUpgrade([], "heads"))).toEqual(["up:a2", "up:b2", "up:a1", "up:b1"]);
  });
  test("stamp heads from nothing inserts one row per lineage", () => {
    const steps = map.planStamp([], ["heads"]);
    expect(steps.map((s) => s.toRevisions)).toEqual([["b1"], ["b2"]]);
    expect(steps.every((s) => s.branchMove === true && s.isUpgrade === true)).toBe(true);
    expect(apply(map, [], steps)).toEqual(["b1", "b2"]);
  });
  test("stamp heads when already there does nothing", () => {
    expect(map.planStamp(["b1", "b2"], ["heads"])).toEqual([]);
  });
  test("stamp one lineage to base leaves the other", () => {
    expect(apply(map, ["b1", "b2"], map.planStamp(["b1", "b2"], ["a1@base"]))).toEqual(["b2"]);
  });
});

describe("a merged path", () => {
  const map = build(
    r("a"),
    r("b", "a"),
    r("c1", "b"),
    r("d1", "c1"),
    r("c2", "b", { labels: "c2branch" }),
    r("d2", "c2"),
    r("e", ["d1", "d2"]),
    r("f", "e"),
  );
  test("stamp down across the merge point onto one branch", () => {
    expect(brief(map.planStamp(["e"], ["c2"]))).toEqual(["stamp:e>c2"]);
    expect(apply(map, ["e"], map.planStamp(["e"], ["c2"]))).toEqual(["c2"]);
    expect(apply(map, ["e"], map.planStamp(["e"], ["a"]))).toEqual(["a"]);
  });
  test("stamp up across the merge from one branch", () => {
    expect(brief(map.planStamp(["c2"], ["e"]))).toEqual(["stamp:c2>e"]);
    expect(apply(map, ["c2"], map.planStamp(["c2"], ["e"]))).toEqual(["e"]);
    expect(apply(map, ["b"], map.planStamp(["b"], ["e"]))).toEqual(["e"]);
  });
  test("stamp up across the merge from both branches", () => {
    expect(brief(map.planStamp(["d1", "c2"], ["e"]))).toEqual(["stamp:d1,c2>e"]);
    expect(apply(map, ["d1", "c2"], map.planStamp(["d1", "c2"], ["e"]))).toEqual(["e"]);
    expect(brief(map.planStamp(["d1", "c2"], ["c2branch@head"]))).toEqual(["stamp:d1,c2>f"]);
  });
  test("upgrade across the merge point", () => {
    expect(up(map, ["b"], "f")).toEqual({ steps: ["up:c2", "up:d2", "up:c1", "up:d1", "up:e", "up:f"], heads: ["f"] });
  });
  test("downgrade across the merge point", () => {
    expect(down(map, ["f"], "b")).toEqual({
      steps: ["down:f", "down:e", "down:d1", "down:c1", "down:d2", "down:c2"],
      heads: ["b"],
    });
  });
});

describe("labelled branches with a cross dependency", () => {
  const map = build(
    r("a"),
    r("b", "a"),
    r("c1", "b", { labels: "c1branch" }),
    r("d1", "c1"),
    r("c2", "b", { labels: "c2branch" }),
    r("d2", "c2", { deps: ["c1"] }),
  );
  test("the dependent branch can go down alone", () => {
    expect(down(map, ["d1", "d2"], "c2branch@b")).toEqual({ steps: ["down:d2", "down:c2"], heads: ["d1"] });
  });
  test("taking down the depended-on branch takes the dependent too", () => {
    const { steps, heads } = down(map, ["d1", "d2"], "c1branch@b");
    expect([...steps].sort()).toEqual(["down:c1", "down:d1", "down:d2"]);
    expect(steps.indexOf("down:d1")).toBeLessThan(steps.indexOf("down:c1"));
    expect(steps.indexOf("down:d2")).toBeLessThan(steps.indexOf("down:c1"));
    expect(heads).toEqual(["c2"]);
  });
});
