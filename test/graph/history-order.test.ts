import { describe, expect, test } from "vitest";
import type { RevisionMap } from "../../src/graph/index.js";
import { build, ids, r } from "./helpers.js";

/** Iterates and also checks that every revision comes before its parents. */
function iter(
  map: RevisionMap,
  upper: string | readonly string[],
  lower: string | readonly string[],
  opts: { inclusive?: boolean; implicitBase?: boolean; selectForDowngrade?: boolean } = {},
): string[] {
  const out = ids(map.iterateRevisions(upper, lower, { inclusive: true, ...opts }));
  const pos = new Map(out.map((id, k) => [id, k]));
  for (const id of out) {
    for (const parent of map.get(id)!.normalizedDownRevisions) {
      if (pos.has(parent)) expect(pos.get(parent)!).toBeGreaterThan(pos.get(id)!);
    }
  }
  return out;
}

describe("diamond", () => {
  const map = build(r("a"), r("b1", "a"), r("b2", "a"), r("c", ["b1", "b2"]), r("d", "c"));
  test("walks both sides of the diamond before the common base", () => {
    expect(iter(map, "d", "a")).toEqual(["d", "c", "b1", "b2", "a"]);
  });
});

describe("empty map", () => {
  const map = build();
  test("head to base is empty", () => {
    expect(iter(map, "head", "base")).toEqual([]);
    expect(map.heads).toEqual([]);
    expect(map.bases).toEqual([]);
    expect(map.history()).toEqual([]);
  });
});

describe("labelled branches", () => {
  const map = build(
    r("a", null, { labels: "abranch" }),
    r("b", "a"),
    r("somelongername", "b"),
    r("c", "somelongername"),
    r("d"),
    r("e", "d", { labels: ["ebranch"] }),
    r("someothername", "e"),
    r("f", "someothername"),
  );
  test("from heads down to a branch's base", () => {
    expect(iter(map, "heads", "ebranch@base")).toEqual(["f", "someothername", "e", "d"]);
    expect(iter(map, "heads", "abranch@base")).toEqual(["c", "somelongername", "b", "a"]);
  });
  test("from a branch's head down to base", () => {
    expect(iter(map, "ebranch@head", "base")).toEqual(["f", "someothername", "e", "d"]);
    expect(iter(map, "abranch@head", "base")).toEqual(["c", "somelongername", "b", "a"]);
  });
  test("from heads to a branch's head", () => {
    expect(iter(map, "heads", "ebranch@head")).toEqual(["f"]);
  });
  test("to a revision named within a branch", () => {
    expect(iter(map, "heads", "ebranch@d")).toEqual(["f", "someothername", "e", "d"]);
  });
  test("a revision id used as a branch name means its branch", () => {
    expect(iter(map, "heads", "e@base")).toEqual(["f", "someothername", "e", "d"]);
    expect(iter(map, "heads", "c@base")).toEqual(["c", "somelongername", "b", "a"]);
  });
  test("relative moves within a branch", () => {
    expect(iter(map, "heads", "ebranch@-2")).toEqual(["f", "someothername", "e"]);
    expect(iter(map, "ebranch@+2", "base")).toEqual(["e", "d"]);
  });
});

describe("long and short branches", () => {
  const map = build(r("a"), r("b1", "a"), r("b2", "a"), r("c1", "b1"), r("d11", "c1"), r("d12", "c1"));
  test("finishes the short branch, then the long one down to the branch point", () => {
    expect(iter(map, "heads", "base")).toEqual(["b2", "d11", "d12", "c1", "b1", "a"]);
  });
});

describe("many branches", () => {
  const map = build(
    r("a"),
    r("b1", "a"),
    r("b2", "a"),
    r("cb1", "b1"),
    r("cb2", "b2"),
    r("d1cb1", "cb1"),
    r("d2cb1", "cb1"),
    r("d1cb2", "cb2"),
    r("d2cb2", "cb2"),
    r("d3cb2", "cb2"),
    r("d1d2cb2", ["d1cb2", "d2cb2"]),
  );
  test("from a merge point", () => {
    expect(iter(map, "d1d2cb2", "a")).toEqual(["d1d2cb2", "d1cb2", "d2cb2", "cb2", "b2", "a"]);
  });
  test("from several heads", () => {
    expect(iter(map, ["d2cb2", "d3cb2"], "a")).toEqual(["d2cb2", "d3cb2", "cb2", "b2", "a"]);
  });
  test("one branch", () => {
    expect(iter(map, "d3cb2", "a")).toEqual(["d3cb2", "cb2", "b2", "a"]);
    expect(iter(map, "d3cb2", "base")).toEqual(["d3cb2", "cb2", "b2", "a"]);
  });
  test("several branches to base", () => {
    expect(iter(map, ["d3cb2", "cb1"], "base")).toEqual(["cb1", "b1", "d3cb2", "cb2", "b2", "a"]);
  });
  test("heads not above the lower bound are left out", () => {
    expect(iter(map, ["d1cb1", "d2cb2", "d3cb2"], "b2")).toEqual(["d2cb2", "d3cb2", "cb2", "b2"]);
  });
  test("wrong direction and unrelated branches are refused", () => {
    expect(() => map.iterateRevisions("b1", "d1cb1")).toThrow("Revision d1cb1 is not an ancestor of revision b1");
    expect(() => map.iterateRevisions("d2cb2", "b1")).toThrow("Revision b1 is not an ancestor of revision d2cb2");
    expect(() => map.iterateRevisions([], "d1cb1")).toThrow("Revision d1cb1 is not an ancestor of revision base");
  });
});

describe("effective heads", () => {
  const map = build(r("y1", null, { labels: "y" }), r("x1", null, { labels: "x" }), r("y2", "y1", { deps: "x1" }), r("x2", "x1"));
  const opts = { inclusive: false, selectForDowngrade: true };
  test("downgrading one branch leaves the other", () => {
    expect(iter(map, ["x2", "y2"], "x@-1", opts)).toEqual(["x2"]);
  });
  test("a dependency that is a head is walked from the branch's current revision", () => {
    expect(iter(map, ["x1", "y2"], "x@-1", opts)).toEqual(["y2", "x1"]);
    expect(iter(map, "y2", "x@-1", opts)).toEqual(["y2", "x1"]);
  });
  test("heads and real heads differ", () => {
    const m = build(r("a"), r("b", null, { deps: "a" }));
    expect(m.heads).toEqual(["a", "b"]);
    expect(m.realHeads).toEqual(["b"]);
    expect(m.get("a")!.isHead).toBe(true);
    expect(m.get("a")!.isRealHead).toBe(false);
    expect(ids(m.getRevisions("heads"))).toEqual(["b"]);
  });
});

describe("travelling along branches", () => {
  const map = build(
    r("a1"),
    r("a2", "a1"),
    r("a3", "a2"),
    r("b1", "a3"),
    r("b2", "a3"),
    r("cb1", "b1"),
    r("cb2", "b2"),
    r("db1", "cb1"),
    r("db2", "cb2"),
    r("e1b1", "db1"),
    r("fe1b1", "e1b1"),
    r("e2b1", "db1"),
    r("e2b2", "db2"),
    r("merge", ["e2b1", "e2b2"]),
  );
  test("a merge pulls in every branch feeding it when bases are implicit", () => {
    expect(iter(map, "merge", "db1", { implicitBase: true })).toEqual(["merge", "e2b1", "db1", "e2b2", "db2", "cb2", "b2"]);
  });
  test("three branches ending in one", () => {
    expect(iter(map, ["merge", "fe1b1"], "a3")).toEqual([
      "fe1b1", "e1b1", "merge", "e2b1", "db1", "cb1", "b1", "e2b2", "db2", "cb2", "b2", "a3",
    ]);
  });
  test("two branches to the root", () => {
    expect(iter(map, "merge", "a1")).toEqual([
      "merge", "e2b1", "db1", "cb1", "b1", "e2b2", "db2", "cb2", "b2", "a3", "a2", "a1",
    ]);
  });
  test("two branches ending in a branch", () => {
    expect(iter(map, "merge", "b1")).toEqual(["merge", "e2b1", "db1", "cb1", "b1"]);
  });
  test("two branches ending behind the branch point", () => {
    expect(iter(map, "merge", "a2")).toEqual([
      "merge", "e2b1", "db1", "cb1", "b1", "e2b2", "db2", "cb2", "b2", "a3", "a2",
    ]);
  });
  test("three branches to the root", () => {
    expect(iter(map, ["merge", "fe1b1"], "a1")).toEqual([
      "fe1b1", "e1b1", "merge", "e2b1", "db1", "cb1", "b1", "e2b2", "db2", "cb2", "b2", "a3", "a2", "a1",
    ]);
  });
  test("several lower bounds", () => {
    expect(iter(map, ["merge", "fe1b1"], ["cb1", "cb2"])).toEqual([
      "fe1b1", "e1b1", "merge", "e2b1", "db1", "cb1", "e2b2", "db2", "cb2",
    ]);
    expect(iter(map, ["merge", "fe1b1"], ["cb1", "cb2"], { inclusive: false })).toEqual([
      "fe1b1", "e1b1", "merge", "e2b1", "db1", "e2b2", "db2",
    ]);
  });
  test("requested revisions that overlap are refused", () => {
    expect(() => map.iterateRevisions(["db1", "b2", "fe1b1"], [])).toThrow(
      "Requested revision fe1b1 overlaps with other requested revisions db1",
    );
  });
  test("to an empty lower bound", () => {
    expect(iter(map, ["e2b1", "b2", "fe1b1"], [], { inclusive: false })).toEqual([
      "b2", "fe1b1", "e1b1", "e2b1", "db1", "cb1", "b1", "a3", "a2", "a1",
    ]);
    expect(iter(map, ["fe1b1"], "base", { inclusive: false })).toEqual([
      "fe1b1", "e1b1", "db1", "cb1", "b1", "a3", "a2", "a1",
    ]);
  });
  test("ancestors of a merge", () => {
    expect([...map.ancestorsOf(["merge"])].sort()).toEqual(
      ["a1", "a2", "a3", "b1", "b2", "cb1", "cb2", "db1", "db2", "e2b1", "e2b2", "merge"].sort(),
    );
  });
});

describe("several bases", () => {
  const map = build(
    r("base1"),
    r("base2"),
    r("base3"),
    r("a1a", "base1"),
    r("a1b", "base1"),
    r("a2", "base2"),
    r("a3", "base3"),
    r("b1a", "a1a"),
    r("b1b", "a1b"),
    r("b2", "a2"),
    r("b3", "a3"),
    r("c2", "b2"),
    r("d2", "c2"),
    r("mergeb3d2", ["b3", "d2"]),
  );
  const all = ["b1a", "a1a", "b1b", "a1b", "base1", "mergeb3d2", "b3", "a3", "base3", "d2", "c2", "b2", "a2", "base2"];
  test("heads to base, inclusive or not", () => {
    expect(iter(map, "heads", "base")).toEqual(all);
    expect(iter(map, "heads", "base", { inclusive: false })).toEqual(all);
    expect(iter(map, "heads", [])).toEqual(all);
  });
  test("overlapping lower bounds are refused", () => {
    expect(() => map.iterateRevisions(["c2"], ["a2", "b2"])).toThrow("overlaps with other requested revisions");
  });
  test("other lineages come along with an implicit base", () => {
    expect(iter(map, "heads", ["c2"], { inclusive: false, implicitBase: true })).toEqual([
      "b1a", "a1a", "b1b", "a1b", "base1", "mergeb3d2", "b3", "a3", "base3", "d2",
    ]);
    expect(iter(map, "heads", ["c2"], { implicitBase: true })).toEqual([
      "b1a", "a1a", "b1b", "a1b", "base1", "mergeb3d2", "b3", "a3", "base3", "d2", "c2",
    ]);
    expect(iter(map, ["b3", "b2"], "base3", { inclusive: false, implicitBase: true })).toEqual([
      "b2", "a2", "base2", "b3", "a3",
    ]);
  });
  test("without an implicit base only descendants of the lower bound", () => {
    expect(iter(map, "heads", ["c2"], { inclusive: false })).toEqual(["mergeb3d2", "d2"]);
    expect(iter(map, "b3", "base3")).toEqual(["b3", "a3", "base3"]);
  });
});

describe("dependencies across bases", () => {
  const map = build(
    r("base1", null, { labels: "b_1" }),
    r("a1a", "base1"),
    r("a1b", "base1"),
    r("b1a", "a1a"),
    r("b1b", "a1b", { deps: "a3" }),
    r("base2", null, { labels: "b_2" }),
    r("a2", "base2"),
    r("b2", "a2"),
    r("c2", "b2", { deps: "a3" }),
    r("d2", "c2"),
    r("base3", null, { labels: "b_3" }),
    r("a3", "base3"),
    r("b3", "a3"),
  );
  const down = { selectForDowngrade: true };
  test("heads", () => {
    expect(map.heads).toEqual(["b1a", "b1b", "d2", "b3"]);
  });
  test("heads to base, up or down", () => {
    const all = ["b1a", "a1a", "b1b", "a1b", "base1", "d2", "c2", "b2", "a2", "base2", "b3", "a3", "base3"];
    expect(iter(map, "heads", "base")).toEqual(all);
    expect(iter(map, "heads", "base", down)).toEqual(all);
  });
  test("wrong direction is refused even across lineages", () => {
    expect(() => map.iterateRevisions("b2", "d2")).toThrow("Revision d2 is not an ancestor of revision b2");
    expect(() => map.iterateRevisions("b3", "d2")).toThrow("Revision d2 is not an ancestor of revision b3");
  });
  test("upgrading a branch pulls in what it depends on; downgrading it does not", () => {
    expect(iter(map, "b_2@head", "base")).toEqual(["d2", "c2", "b2", "a2", "base2", "a3", "base3"]);
    expect(iter(map, "b_2@head", "b_2@base", down)).toEqual(["d2", "c2", "b2", "a2", "base2"]);
    expect(iter(map, "b_3@head", "base")).toEqual(["b3", "a3", "base3"]);
    expect(iter(map, "b_3@head", "base", down)).toEqual(["b3", "a3", "base3"]);
    expect(iter(map, "b1b@head", "base")).toEqual(["b1b", "a1b", "base1", "a3", "base3"]);
    expect(iter(map, "b1b@head", "b1b@base", down)).toEqual(["b1b", "a1b", "base1"]);
  });
  test("down to a branch's base", () => {
    expect(iter(map, "heads", "b_2@base")).toEqual(["d2", "c2", "b2", "a2", "base2", "a3", "base3"]);
    expect(iter(map, "heads", "b_2@base", down)).toEqual(["d2", "c2", "b2", "a2", "base2"]);
    expect(iter(map, "heads", "b_3@base")).toEqual(["b3", "a3", "base3"]);
    expect(iter(map, "heads", "b_3@base", down)).toEqual(["b1b", "d2", "c2", "b3", "a3", "base3"]);
  });
});

describe("a base that depends on another branch", () => {
  const map = build(
    r("base1", null, { labels: "b_1" }),
    r("a1", "base1"),
    r("b1", "a1"),
    r("c1", "b1"),
    r("base2", null, { deps: "b_1", labels: "b_2" }),
    r("a2", "base2"),
    r("b2", "a2"),
    r("c2", "b2"),
    r("d2", "c2"),
    r("base3", null, { labels: "b_3" }),
    r("a3", "base3"),
    r("b3", "a3"),
    r("c3", "b3", { deps: "b2" }),
    r("d3", "c3"),
  );
  test("heads", () => {
    expect(map.heads).toEqual(["c1", "d2", "d3"]);
    expect(map.get("base2")!.dependencies).toEqual(["base1"]);
  });
  test("orders", () => {
    expect(iter(map, "heads", "base")).toEqual([
      "c1", "b1", "a1", "d2", "c2", "d3", "c3", "b3", "a3", "base3", "b2", "a2", "base2", "base1",
    ]);
    expect(iter(map, "b_2@head", "base")).toEqual(["d2", "c2", "b2", "a2", "base2", "base1"]);
    expect(iter(map, "b_3@head", "base")).toEqual(["d3", "c3", "b3", "a3", "base3", "b2", "a2", "base2", "base1"]);
    expect(iter(map, "b_1@head", "base")).toEqual(["c1", "b1", "a1", "base1"]);
    expect(iter(map, "heads", "b_1@base")).toEqual(["c1", "b1", "a1", "base1"]);
    expect(iter(map, "heads", "b_2@base")).toEqual(["d2", "c2", "b2", "a2", "base2", "base1"]);
    expect(iter(map, "heads", "b_3@base")).toEqual(["d3", "c3", "b3", "a3", "base3", "b2", "a2", "base2", "base1"]);
  });
  test("a revision without a parent but with a dependency", () => {
    const m = build(r("base1"), r("a1", "base1"), r("b1", "a1"), r("c2", null, { deps: "a1" }), r("c3", "c2"));
    expect(iter(m, "heads", "base")).toEqual(["b1", "c3", "c2", "a1", "base1"]);
  });
});

describe("normalised dependencies", () => {
  const map = build(
    r("a1"),
    r("a2", "a1"),
    r("a3", "a2"),
    r("b1"),
    r("b2", "b1", { deps: "a3" }),
    r("b3", "b2"),
    r("b4", "b3", { deps: "a3" }),
    r("b5", "b4", { deps: "b4" }),
  );
  const down = { selectForDowngrade: true };
  test("a dependency an ancestor already has is dropped", () => {
    expect(map.get("b4")!.dependencies).toEqual(["a3"]);
    expect(map.get("b4")!.normalizedDownRevisions).toEqual(["b3"]);
    expect(map.get("b5")!.normalizedDownRevisions).toEqual(["b4"]);
  });
  test("orders", () => {
    expect(iter(map, "b4", "b1@base", down)).toEqual(["b4", "b3", "b2", "b1"]);
    expect(iter(map, "heads", "base", down)).toEqual(["b5", "b4", "b3", "b2", "b1", "a3", "a2", "a1"]);
    expect(iter(map, "heads", "a2", down)).toEqual(["b5", "b4", "b3", "b2", "a3", "a2"]);
    expect(iter(map, "heads", "a2", { ...down, implicitBase: true })).toEqual(["b5", "b4", "b3", "b2", "b1", "a3", "a2"]);
    expect(iter(map, "b5", ["b1"], { implicitBase: true })).toEqual(["b5", "b4", "b3", "b2", "b1", "a3", "a2", "a1"]);
  });
  test("dependencies on a third lineage", () => {
    const m = build(
      r("c1"),
      r("a1"),
      r("a2", "a1", { deps: "c1" }),
      r("a3", "a2", { deps: "c1" }),
      r("b1"),
      r("b2", "b1", { deps: "a3" }),
      r("b3", "b2"),
      r("b4", "b3", { deps: "a3" }),
      r("b5", "b4"),
    );
    expect(iter(m, "b5", ["b1"], { implicitBase: true })).toEqual(["b5", "b4", "b3", "b2", "b1", "a3", "a2", "a1", "c1"]);
  });
});

describe("names that overlap", () => {
  test("a revision depending on its own down revision", () => {
    const m = build(r("user_foo"), r("user", "user_foo", { deps: "user_foo" }));
    expect(iter(m, "heads", [])).toEqual(["user", "user_foo"]);
  });
  test("ids that are prefixes of each other", () => {
    expect(iter(build(r("user_foo"), r("user", "user_foo")), "heads", [])).toEqual(["user", "user_foo"]);
    expect(iter(build(r("user_foo"), r("user", null, { deps: "user_foo" })), "heads", [])).toEqual(["user", "user_foo"]);
  });
  test("duplicate upper revisions are tolerated", () => {
    const m = build(r("a"), r("b", "a"), r("c", "b"));
    expect(ids(m.iterateRevisions(["c", "c"], "a"))).toEqual(["c", "b"]);
  });
});

describe("history ranges", () => {
  const map = build(r("a"), r("b", "a"), r("c", "b"), r("d", "c"));
  test("whole history and ranges", () => {
    expect(ids(map.history())).toEqual(["d", "c", "b", "a"]);
    expect(ids(map.history("b:"))).toEqual(["d", "c", "b"]);
    expect(ids(map.history(":b"))).toEqual(["b", "a"]);
    expect(ids(map.history("b:c"))).toEqual(["c", "b"]);
    expect(ids(map.history("-2:"))).toEqual(["d", "c", "b"]);
  });
  test("-N before an end counts down from that end and stops at base", () => {
    expect(ids(map.history("-1:c"))).toEqual(["c", "b"]);
    expect(ids(map.history("-2:c"))).toEqual(["c", "b", "a"]);
    expect(ids(map.history("-5:c"))).toEqual(["c", "b", "a"]);
    expect(ids(map.history("a:+2"))).toEqual(["c", "b", "a"]);
    expect(ids(map.history(":head-3"))).toEqual(["a"]);
  });
  test("current stands for the database's heads", () => {
    expect(ids(map.history("current:", ["b"]))).toEqual(["d", "c", "b"]);
    expect(ids(map.history(":current", ["b"]))).toEqual(["b", "a"]);
    expect(ids(map.history("current:", []))).toEqual(["d", "c", "b", "a"]);
  });
  test("a range without a colon or along no single line is refused", () => {
    expect(() => map.history("b")).toThrow("requires [start]:[end]");
    expect(() => map.history("c:b")).toThrow(
      "Requested range c:b does not refer to ancestor/descendant revisions along the same branch",
    );
  });
});
