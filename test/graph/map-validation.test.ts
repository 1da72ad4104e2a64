import { describe, expect, test } from "vitest";
import { AthanorError } from "../../src/util/errors.js";
import { RevisionGraphError, RevisionMap } from "../../src/graph/index.js";
import { build, r } from "./helpers.js";
import type { RevisionSource } from "../../src/graph/index.js";

function refusal(...sources: RevisionSource[]): RevisionGraphError {
  try {
    new RevisionMap(sources);
  } catch (e) {
    expect(e).toBeInstanceOf(RevisionGraphError);
    expect(e).toBeInstanceOf(AthanorError);
    return e as RevisionGraphError;
  }
  throw new Error("expected the map to be refused");
}

describe("self-loops", () => {
  test("a revision that is its own down revision", () => {
    for (const sources of [
      [r("a", "a")],
      [r("a", "a"), r("b", "a"), r("c", "b")],
      [r("a"), r("b", "a"), r("c", ["b", "c"])],
      [r("a"), r("b", ["a", "b"]), r("c1", "b"), r("c2", "b")],
      [r("a"), r("b1", "a"), r("b2", "a"), r("c", ["b1", "b2", "c"])],
    ]) {
      const e = refusal(...sources);
      expect(e.code).toBe("loop");
      expect(e.message).toMatch(/^Self-loop is detected in revisions \((a|b|c)\)$/);
      expect(e.revisions).toHaveLength(1);
      expect(e.hint).toBeTruthy();
    }
  });
  test("a revision that depends on itself", () => {
    for (const [sources, id] of [
      [[r("a", null, { deps: "a" })], "a"],
      [[r("a", null, { deps: "a" }), r("b", "a"), r("c", "b")], "a"],
      [[r("a"), r("b", "a"), r("c", "b", { deps: "c" })], "c"],
      [[r("a"), r("b", "a", { deps: "b" }), r("c1", "b"), r("c2", "b")], "b"],
      [[r("a"), r("b1", "a"), r("b2", "a"), r("c", ["b1", "b2"], { deps: "c" })], "c"],
    ] as const) {
      const e = refusal(...sources);
      expect(e.code).toBe("dependency-loop");
      expect(e.message).toBe(`Dependency self-loop is detected in revisions (${id})`);
      expect(e.revisions).toEqual([id]);
    }
  });
  test("a dependency on the revision's own label", () => {
    expect(refusal(r("a", null, { labels: "lib", deps: "lib" })).code).toBe("dependency-loop");
  });
});

describe("cycles", () => {
  test("down revisions going round", () => {
    const e = refusal(r("a", "c"), r("b", "a"), r("c", "b"));
    expect(e.code).toBe("cycle");
    expect(e.message).toBe("Cycle is detected in revisions (a, b, c)");
    expect(e.revisions).toEqual(["a", "b", "c"]);
  });
  test("a cycle beside a healthy lineage names only the cycle", () => {
    expect(refusal(r("a", "c"), r("b", "a"), r("c", "b"), r("d"), r("e", "d")).revisions).toEqual(["a", "b", "c"]);
  });
  test("a cycle below or above other revisions", () => {
    expect(refusal(r("a", "c"), r("b", "a"), r("c", "b"), r("d", "c"), r("e", "d")).revisions).toEqual(["a", "b", "c", "d", "e"]);
    expect(refusal(r("a"), r("b", "a"), r("c", ["b", "e"]), r("d", "c"), r("e", "d")).revisions).toEqual([
      "a", "b", "c", "d", "e",
    ]);
  });
  test("dependencies going round", () => {
    const e = refusal(r("a", null, { deps: "c" }), r("b", "a"), r("c", "b"));
    expect(e.code).toBe("dependency-cycle");
    expect(e.message).toBe("Dependency cycle is detected in revisions (a, b, c)");
    expect(refusal(r("a", null, { deps: "c" }), r("b", "a"), r("c", "b"), r("d"), r("e", "d")).revisions).toEqual(["a", "b", "c"]);
    expect(refusal(r("a", null, { deps: "c" }), r("b", "a"), r("c", "b"), r("d", "c"), r("e", "d")).revisions).toEqual([
      "a", "b", "c", "d", "e",
    ]);
    expect(refusal(r("a"), r("b", "a"), r("c", "b", { deps: "e" }), r("d", "c"), r("e", "d")).revisions).toEqual([
      "a", "b", "c", "d", "e",
    ]);
  });
  test("a long cycle is named briefly in the message and fully in the error", () => {
    const sources = Array.from({ length: 30 }, (_, i) => r(`c${String(i).padStart(2, "0")}`, `c${String((i + 29) % 30).padStart(2, "0")}`));
    const e = refusal(...sources);
    expect(e.revisions).toHaveLength(30);
    expect(e.message).toMatch(/^Cycle is detected in revisions \(c00, c01, .*, c19 and 10 more\)$/);
  });
  test("a cycle entered from a healthy lineage", () => {
    // y and z feed each other; x is below and w above, so every revision is reachable both ways
    const e = refusal(r("x"), r("y", ["x", "z"]), r("z", "y"), r("w", "z"));
    expect(e.code).toBe("cycle");
    expect(e.revisions).toEqual(["w", "y", "z"]);
  });
});

describe("broken references and duplicates", () => {
  test("a down revision that does not exist", () => {
    const e = refusal(r("a"), r("b", "zzz"));
    expect(e.code).toBe("missing-revision");
    expect(e.message).toBe("Revision zzz referenced from b is not present");
    expect(e.revisions).toEqual(["b", "zzz"]);
    expect(e.hint).toContain("zzz");
  });
  test("a dependency that does not exist", () => {
    const e = refusal(r("a"), r("b", "a", { deps: "nothere" }));
    expect(e.code).toBe("missing-revision");
    expect(e.revisions).toEqual(["b", "nothere"]);
  });
  test("a down revision naming a label", () => {
    const e = refusal(r("a", null, { labels: "lib" }), r("b", "lib"));
    expect(e.code).toBe("missing-revision");
    expect(e.hint).toContain("branch label");
  });
  test("two revisions with one id", () => {
    const e = refusal(r("a"), r("b", "a"), r("b", "a"));
    expect(e.code).toBe("duplicate-revision");
    expect(e.message).toBe("Revision b is present more than once");
    expect(e.revisions).toEqual(["b"]);
  });
  test("a branch label used twice", () => {
    const e = refusal(r("a"), r("b", "a"), r("c", "b", { labels: ["xy1"] }), r("d"), r("e", "d", { labels: ["xy1"] }), r("f", "e"));
    expect(e.code).toBe("duplicate-label");
    expect(e.message).toBe("Branch name 'xy1' in revision e already used by revision c");
    expect(e.revisions).toEqual(["c", "e"]);
  });
  test("a branch label that cannot be written in an identifier", () => {
    expect(refusal(r("a", null, { labels: "x@y" })).code).toBe("invalid-label");
    expect(refusal(r("a", null, { labels: "" })).code).toBe("invalid-label");
  });
  test("a branch label equal to a revision id", () => {
    expect(refusal(r("a"), r("b", "a", { labels: "a" })).message).toBe("Branch name 'a' in revision b already used by revision a");
  });
});

describe("dependencies", () => {
  test("named by id, partial id or label, resolved to ids", () => {
    const map = build(
      r("1111aaaa", null, { labels: "lib" }),
      r("2222bbbb", "1111aaaa"),
      r("x", null, { deps: ["lib", "2222"] }),
    );
    expect(map.get("x")!.dependencies).toEqual(["1111aaaa", "2222bbbb"]);
    expect(map.get("x")!.normalizedDownRevisions).toEqual(["1111aaaa", "2222bbbb"]);
    expect(map.get("2222bbbb")!.dependents).toEqual(["x"]);
    expect(map.get("2222bbbb")!.isRealBranchPoint).toBe(false);
  });
  test("an ambiguous partial dependency is refused with its candidates", () => {
    const e = refusal(r("abcd1111"), r("abcd2222"), r("x", null, { deps: "abcd" }));
    expect(e.code).toBe("ambiguous-revision");
    expect(e.revisions).toEqual(["x", "abcd1111", "abcd2222"]);
  });
  test("a dependency repeated far up a long line is still recognised as inherited", () => {
    const line = Array.from({ length: 1000 }, (_, i) =>
      r(`l${i}`, i === 0 ? null : `l${i - 1}`, { deps: i === 10 || i === 900 ? "lib" : undefined }),
    );
    const map = build(r("lib"), ...line, r("other", null, { deps: "lib" }));
    expect(map.get("l10")!.normalizedDownRevisions).toEqual(["l9", "lib"]);
    expect(map.get("l900")!.normalizedDownRevisions).toEqual(["l899"]);
    expect(map.get("other")!.normalizedDownRevisions).toEqual(["lib"]);
  });
  test("a duplicated dependency equal to the down revision counts once", () => {
    const map = build(r("b4"), r("b5", "b4", { deps: "b4" }));
    expect(map.get("b5")!.normalizedDownRevisions).toEqual(["b4"]);
    expect(map.get("b4")!.nextRevisions).toEqual(["b5"]);
    expect(map.get("b4")!.dependents).toEqual([]);
  });
});

describe("shape of the graph", () => {
  test("branch points, merge points, bases and heads", () => {
    const map = build(r("a"), r("b1", "a"), r("b2", "a"), r("c", ["b1", "b2"]), r("x"), r("y", null, { deps: "x" }));
    expect(map.get("a")!.isBranchPoint).toBe(true);
    expect(map.get("c")!.isMergePoint).toBe(true);
    expect(map.get("a")!.nextRevisions).toEqual(["b1", "b2"]);
    expect(map.bases).toEqual(["a", "x", "y"]);
    expect(map.realBases).toEqual(["a", "x"]);
    expect(map.heads).toEqual(["c", "x", "y"]);
    expect(map.realHeads).toEqual(["c", "y"]);
    expect(map.get("y")!.isBase).toBe(true);
    expect(map.get("y")!.isRealBase).toBe(false);
    expect([...map.all()].map((x) => x.revision)).toEqual(["a", "b1", "b2", "c", "x", "y"]);
    expect(map.size).toBe(6);
  });
  test("the source object is kept", () => {
    const src = { revision: "a", downRevision: null, path: "/v/a.ts" };
    const map = new RevisionMap([src]);
    expect(map.get("a")!.source).toBe(src);
    expect(map.get("a")!.source.path).toBe("/v/a.ts");
  });
  test("a revision written as JSON shows its place in the graph", () => {
    const map = build(r("a"), r("b", "a", { labels: "lib" }));
    expect(JSON.parse(JSON.stringify(map.get("a")))).toEqual({
      revision: "a",
      downRevisions: [],
      dependencies: [],
      branchLabels: [],
      branches: ["lib"],
      nextRevisions: ["b"],
      isHead: false,
      isRealHead: false,
      isBase: true,
      isBranchPoint: false,
      isMergePoint: false,
    });
    expect(`${map.get("b")}`).toBe("b");
  });
  test("an empty down revision list is a base", () => {
    expect(build(r("a", [])).bases).toEqual(["a"]);
  });
});
