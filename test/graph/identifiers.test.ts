import { describe, expect, test } from "vitest";
import { assertValidRevisionId, parseRevisionRange, RevisionGraphError } from "../../src/graph/index.js";
import { build, ids, r } from "./helpers.js";

function caught(fn: () => unknown): RevisionGraphError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RevisionGraphError);
    return e as RevisionGraphError;
  }
  throw new Error("expected an error");
}

describe("head, heads and base", () => {
  const line = build(r("a"), r("b", "a"), r("c", "b"));
  const forked = build(r("a"), r("b", "a"), r("c1", "b"), r("c2", "b"));
  test("head is the single head; base is nothing", () => {
    expect(line.getRevision("head")?.revision).toBe("c");
    expect(line.getRevision("base")).toBeNull();
    expect(line.getRevisions("base")).toEqual([]);
    expect(build(r("a"), r("b", "a"), r("c"), r("d", "c")).getRevision("base")).toBeNull();
  });
  test("head with several heads is refused, listing them", () => {
    const e = caught(() => forked.getRevision("head"));
    expect(e.code).toBe("multiple-heads");
    expect(e.message).toContain("Multiple head revisions are present for given argument 'head'");
    expect(e.revisions).toEqual(["c1", "c2"]);
    expect(() => forked.getRevisions("head")).toThrow("Multiple head revisions are present");
    expect(() => forked.getRevision("heads")).toThrow("Multiple head revisions are present");
  });
  test("heads gives every head in source order", () => {
    expect(ids(forked.getRevisions("heads"))).toEqual(["c1", "c2"]);
    expect(forked.heads).toEqual(["c1", "c2"]);
    expect(forked.bases).toEqual(["a"]);
  });
  test("head and heads of an empty map", () => {
    const empty = build();
    expect(empty.getRevision("head")).toBeNull();
    expect(empty.getRevisions("heads")).toEqual([]);
    expect(empty.size).toBe(0);
  });
  test("a tuple-like list of ids is accepted by iterate", () => {
    expect(ids(line.iterateRevisions(["c"], ["a"]))).toEqual(["c", "b"]);
  });
});

describe("full and partial ids", () => {
  const map = build(r("ae1027a6acf0"), r("ae10f2b0cafe", "ae1027a6acf0"), r("27c6a30d7c24", "ae10f2b0cafe"));
  test("full id and unique prefix", () => {
    expect(map.getRevision("ae1027a6acf0")?.revision).toBe("ae1027a6acf0");
    expect(map.getRevision("27c6")?.revision).toBe("27c6a30d7c24");
    expect(map.getRevision("27c")?.revision).toBe("27c6a30d7c24");
    expect(map.getRevision("ae102")?.revision).toBe("ae1027a6acf0");
  });
  test("an ambiguous prefix lists the candidates", () => {
    const e = caught(() => map.getRevision("ae10"));
    expect(e.code).toBe("ambiguous-revision");
    expect(e.message).toBe("Multiple revisions start with 'ae10': 'ae1027a6acf0', 'ae10f2b0cafe'...");
    expect(e.revisions).toEqual(["ae1027a6acf0", "ae10f2b0cafe"]);
  });
  test("an unknown id, with a hint for short prefixes", () => {
    expect(caught(() => map.getRevision("ffffff")).message).toBe("No such revision or branch 'ffffff'");
    expect(caught(() => map.getRevision("fff")).message).toBe(
      "No such revision or branch 'fff'; please ensure at least four characters are present for partial revision identifier matches",
    );
    expect(caught(() => map.getRevision("fff")).code).toBe("unknown-revision");
  });
  test("exact lookup with get() takes no prefixes", () => {
    expect(map.get("27c6")).toBeUndefined();
    expect(map.get("27c6a30d7c24")?.downRevisions).toEqual(["ae10f2b0cafe"]);
  });
  test("short ids still match exactly", () => {
    expect(build(r("e"), r("f", "e")).getRevision("e")?.revision).toBe("e");
  });
});

describe("branch labels", () => {
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
  test("a label alone names the labelled revision", () => {
    expect(map.getRevision("abranch")?.revision).toBe("a");
    expect(map.getRevision("ebranch")?.revision).toBe("e");
    expect(map.getRevision("ebranch@ebranch")?.revision).toBe("e");
  });
  test("label@head, label@heads, label@base, label@rev", () => {
    expect(map.getRevision("abranch@head")?.revision).toBe("c");
    expect(map.getRevision("abranch@heads")?.revision).toBe("c");
    expect(map.getRevision("ebranch@head")?.revision).toBe("f");
    expect(map.getRevision("abranch@base")).toBeNull();
    expect(map.getRevision("ebranch@d")?.revision).toBe("d");
  });
  test("partial ids within a branch", () => {
    expect(map.getRevision("ebranch@some")?.revision).toBe("someothername");
    expect(map.getRevision("abranch@some")?.revision).toBe("somelongername");
    expect(caught(() => map.getRevision("ebranch@sos")).message).toBe(
      "No such revision or branch 'sos'; please ensure at least four characters are present for partial revision identifier matches",
    );
    expect(caught(() => map.getRevision("abranch@qprstuv")).message).toBe("No such revision or branch 'qprstuv'");
  });
  test("a revision outside the branch is refused", () => {
    expect(caught(() => map.getRevision("ebranch@b")).message).toBe("Revision b is not a member of branch 'ebranch'");
    expect(caught(() => map.getRevision("abranch@d")).message).toBe("Revision d is not a member of branch 'abranch'");
  });
  test("a revision id or partial id may stand for its branch", () => {
    expect(map.getRevision("e@d")?.revision).toBe("d");
    expect(map.getRevision("someoth@d")?.revision).toBe("d");
  });
  test("an unknown branch", () => {
    expect(caught(() => map.getRevision("x@d")).message).toBe("No such branch: 'x'");
  });
  test("labels reach descendants and the stem down to the branch point", () => {
    expect(map.get("f")!.branches).toEqual(["ebranch"]);
    expect(map.get("d")!.branches).toEqual(["ebranch"]);
    expect(map.get("d")!.branchLabels).toEqual([]);
    expect(map.get("e")!.branchLabels).toEqual(["ebranch"]);
    expect(map.get("c")!.branches).toEqual(["abranch"]);
  });
  test("the stem stops at a branch point", () => {
    const m = build(r("a"), r("b", "a"), r("c1", "b", { labels: "one" }), r("c2", "b"), r("d1", "c1"));
    expect(m.get("b")!.branches).toEqual([]);
    expect(m.get("d1")!.branches).toEqual(["one"]);
  });
  test("label@head across a merge", () => {
    const m = build(r("a"), r("b", "a"), r("c1", "b", { labels: "c1branch" }), r("c2", "b"), r("d", ["c1", "c2"]));
    expect(m.filterForLineage(["c1", "c2", "d"], "c1branch@head")).toEqual(["c1", "c2", "d"]);
    expect(m.getRevision("c1branch@head")?.revision).toBe("d");
  });
  test("filter for lineage with heads", () => {
    expect(map.filterForLineage(["f"], "heads")).toEqual(["f"]);
  });
});

describe("relative identifiers", () => {
  const map = build(r("a"), r("b", "a"), r("c", "b"), r("d", "c"));
  test("rev+N, rev-N, head-N, base+N", () => {
    expect(map.getRevision("b+1")?.revision).toBe("c");
    expect(map.getRevision("d-2")?.revision).toBe("b");
    expect(map.getRevision("head-1")?.revision).toBe("c");
    expect(map.getRevision("base+1")?.revision).toBe("a");
    expect(map.getRevision("a-1")).toBeNull();
  });
  test("-N walks down from the heads", () => {
    expect(ids(map.getRevisions("-1"))).toEqual(["c"]);
  });
  test("+N and -N relative to current revisions", () => {
    expect(map.getRevision("+1", ["b"])?.revision).toBe("c");
    expect(map.getRevision("-1", ["b"])?.revision).toBe("a");
    expect(ids(map.getRevisions("current", ["b"]))).toEqual(["b"]);
  });
  test("walking past the end", () => {
    expect(() => map.getRevision("d+1")).toThrow("Walked too far");
    expect(() => map.getRevision("+1")).toThrow("needs the current revision");
    expect(() => map.getRevision("+9", ["b"])).toThrow("Relative revision +9 didn't produce 9 migrations");
  });
  test("an ambiguous walk at a branch point", () => {
    const m = build(r("a"), r("b1", "a"), r("b2", "a"));
    const e = caught(() => m.getRevision("a+1"));
    expect(e.message).toBe("Ambiguous walk: revision a is followed by several revisions (b1, b2)");
    expect(() => build(r("a"), r("b"), r("c", ["a", "b"])).getRevision("c-2")).toThrow(
      "Ambiguous walk: revision c has several down revisions (a, b)",
    );
    expect(e.code).toBe("ambiguous-walk");
    expect(e.revisions).toEqual(["b1", "b2"]);
  });
});

describe("revision ids", () => {
  test("valid ids", () => {
    expect(() => assertValidRevisionId("3f1c2a9b7d10")).not.toThrow();
    expect(() => assertValidRevisionId("user_foo")).not.toThrow();
    expect(() => assertValidRevisionId("x".repeat(32))).not.toThrow();
  });
  test("forbidden characters, empty, too long", () => {
    expect(() => assertValidRevisionId("a-b")).toThrow("Character(s) '-' not allowed in revision identifier 'a-b'");
    expect(() => assertValidRevisionId("a@b:c")).toThrow("Character(s) '@, :' not allowed");
    expect(() => assertValidRevisionId("a+b")).toThrow("not allowed");
    expect(() => assertValidRevisionId("a,b")).toThrow("not allowed");
    expect(() => assertValidRevisionId("")).toThrow(RevisionGraphError);
    expect(() => assertValidRevisionId("x".repeat(33))).toThrow("at most 32");
  });
  test("the map refuses invalid ids too", () => {
    expect(() => build(r("a-1"))).toThrow("not allowed in revision identifier 'a-1'");
  });
});

describe("revision ranges", () => {
  test("both sides, one side, none", () => {
    expect(parseRevisionRange("a:b")).toEqual({ lower: "a", upper: "b" });
    expect(parseRevisionRange(":b")).toEqual({ lower: null, upper: "b" });
    expect(parseRevisionRange("-3:")).toEqual({ lower: "-3", upper: null });
    expect(parseRevisionRange(":")).toEqual({ lower: null, upper: null });
    expect(parseRevisionRange(" base:heads ")).toEqual({ lower: "base", upper: "heads" });
  });
  test("no colon or too many", () => {
    expect(() => parseRevisionRange("ab")).toThrow("requires [start]:[end], [start]:, or :[end]");
    expect(() => parseRevisionRange("a:b:c")).toThrow(RevisionGraphError);
  });
});

describe("a relative step of zero", () => {
  const map = build(r("a1", null), r("b2", "a1"));
  test.each(["-0", "+0", "b2-0", "head-00"])("%s is refused with what to write instead", (symbol) => {
    let error: unknown;
    try {
      map.getRevisions(symbol, ["b2"]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RevisionGraphError);
    expect((error as RevisionGraphError).oneLine()).toMatch(/^Relative revision '.+' moves no step \(give a count of at least 1/);
    expect(() => map.planDowngrade(["b2"], symbol)).toThrow(/moves no step/);
  });
});
