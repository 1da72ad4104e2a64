import { describe, expect, test } from "vitest";
import { RevisionGraphError, versionChanges, type MigrationStep, type VersionChange } from "../../src/graph/index.js";
import { build, r } from "./helpers.js";

/** A stamp step as the stamp planner makes them. */
function stamp(from: string | string[] | null, to: string | string[] | null, isUpgrade: boolean, branchMove = false): MigrationStep {
  const list = (x: string | string[] | null): string[] => (x === null ? [] : typeof x === "string" ? [x] : x);
  return { kind: "stamp", revision: null, fromRevisions: list(from), toRevisions: list(to), isUpgrade, branchMove };
}
const upTo = (from: string | string[] | null, to: string | string[] | null, branchMove = false): MigrationStep =>
  stamp(from, to, true, branchMove);
const downTo = (from: string | string[] | null, to: string | string[] | null, branchMove = false): MigrationStep =>
  stamp(from, to, false, branchMove);

const map = build();

/** Applies steps one by one, collecting every change. */
function run(heads: string[], steps: MigrationStep[]): { changes: VersionChange[]; heads: string[] } {
  const changes: VersionChange[] = [];
  let cur = heads;
  for (const s of steps) {
    const res = versionChanges(map, cur, s);
    changes.push(...res.changes);
    cur = res.heads;
  }
  return { changes, heads: cur };
}

describe("version table rows for stamp-like steps", () => {
  test("nothing to one row", () => {
    expect(run([], [upTo(null, "a", true)])).toEqual({ changes: [{ type: "insert", revision: "a" }], heads: ["a"] });
  });
  test("one row to another", () => {
    expect(run([], [upTo(null, "a", true), upTo("a", "b")])).toEqual({
      changes: [
        { type: "insert", revision: "a" },
        { type: "update", from: "a", to: "b" },
      ],
      heads: ["b"],
    });
  });
  test("one row to nothing", () => {
    expect(run([], [upTo(null, "a", true), downTo("a", null, true)])).toEqual({
      changes: [
        { type: "insert", revision: "a" },
        { type: "delete", revision: "a" },
      ],
      heads: [],
    });
  });
  test("adding branches", () => {
    const res = run([], [
      upTo(null, "a", true),
      upTo("a", "b"),
      upTo(null, "c", true),
      upTo("c", "d"),
      upTo("d", "e1"),
      upTo("d", "e2", true),
    ]);
    expect(res.heads.sort()).toEqual(["b", "e1", "e2"]);
    expect(res.changes.at(-1)).toEqual({ type: "insert", revision: "e2" });
    expect(run([], [upTo(null, "a", true), upTo("a", "b"), upTo(null, "c", true)]).heads.sort()).toEqual(["b", "c"]);
  });
  test("tearing down branches", () => {
    let res = run([], [upTo(null, "d1", true), upTo(null, "d2", true)]);
    expect(res.heads.sort()).toEqual(["d1", "d2"]);
    res = run(res.heads, [downTo("d1", "c")]);
    expect(res).toEqual({ changes: [{ type: "update", from: "d1", to: "c" }], heads: ["c", "d2"] });
    res = run(res.heads, [downTo("d2", "c", true)]);
    expect(res).toEqual({ changes: [{ type: "delete", revision: "d2" }], heads: ["c"] });
    res = run(res.heads, [downTo("c", "b")]);
    expect(res.heads).toEqual(["b"]);
  });
  test("resolving a merge deletes all rows but one and updates that one", () => {
    let res = run([], [upTo(null, "a", true), upTo("a", "b"), upTo("b", "c1"), upTo("b", "c2", true), upTo("c1", "d1"), upTo("c2", "d2")]);
    expect(res.heads.sort()).toEqual(["d1", "d2"]);
    res = run(res.heads, [upTo(["d1", "d2"], "e")]);
    expect(res).toEqual({
      changes: [
        { type: "delete", revision: "d1" },
        { type: "update", from: "d2", to: "e" },
      ],
      heads: ["e"],
    });
  });
  test("undoing a merge inserts rows and updates the merge's row", () => {
    let res = run([], [upTo(null, "e", true)]);
    res = run(res.heads, [downTo("e", ["d1", "d2"])]);
    expect(res).toEqual({
      changes: [
        { type: "insert", revision: "d1" },
        { type: "update", from: "e", to: "d2" },
      ],
      heads: ["d2", "d1"],
    });
    res = run(res.heads, [downTo("d2", "c2")]);
    expect(res.heads.sort()).toEqual(["c2", "d1"]);
  });
  test("stamping up from a row the table does not hold starts a new row", () => {
    expect(versionChanges(map, ["a"], upTo("x", "b"))).toEqual({ changes: [{ type: "insert", revision: "b" }], heads: ["a", "b"] });
    expect(versionChanges(map, ["a", "x"], upTo("x", "b"))).toEqual({
      changes: [{ type: "update", from: "x", to: "b" }],
      heads: ["a", "b"],
    });
  });
  test("an update from a row the table does not hold is refused", () => {
    expect(() => versionChanges(map, ["a"], downTo("x", "b"))).toThrow(RevisionGraphError);
    expect(() => versionChanges(map, ["a"], downTo("x", "b"))).toThrow("does not hold x");
  });
  test("a delete of a row the table does not hold is refused", () => {
    expect(() => versionChanges(map, ["a"], downTo("x", null, true))).toThrow("Cannot delete version x");
  });
  test("an update onto a row the table already holds is refused", () => {
    const e = (() => {
      try {
        versionChanges(map, ["a", "b"], upTo("a", "b"));
      } catch (x) {
        return x as RevisionGraphError;
      }
      throw new Error("expected a refusal");
    })();
    expect(e.code).toBe("version-table");
    expect(e.revisions).toEqual(["a", "b"]);
  });
  test("the input heads are not modified", () => {
    const heads = ["a"];
    versionChanges(map, heads, upTo("a", "b"));
    expect(heads).toEqual(["a"]);
  });
});

describe("version table rows for migration steps", () => {
  const g = build(
    r("a"),
    r("b", "a"),
    r("c1", "b"),
    r("c2", "b"),
    r("d", ["c1", "c2"]),
    r("x"),
    r("y", "x", { deps: "c1" }),
  );
  const step = (kind: "upgrade" | "downgrade", id: string): MigrationStep => {
    const plan = kind === "upgrade" ? g.planUpgrade([], id) : g.planDowngrade([id], "base");
    return kind === "upgrade" ? plan.at(-1)! : plan[0]!;
  };
  test("upgrading a base inserts; downgrading it deletes", () => {
    expect(versionChanges(g, [], step("upgrade", "a")).changes).toEqual([{ type: "insert", revision: "a" }]);
    expect(versionChanges(g, ["a"], step("downgrade", "a")).changes).toEqual([{ type: "delete", revision: "a" }]);
  });
  test("a second branch inserts its own row", () => {
    expect(versionChanges(g, ["c1"], step("upgrade", "c2"))).toEqual({
      changes: [{ type: "insert", revision: "c2" }],
      heads: ["c1", "c2"],
    });
  });
  test("a merge deletes one parent and updates the other", () => {
    expect(versionChanges(g, ["c1", "c2"], step("upgrade", "d"))).toEqual({
      changes: [
        { type: "delete", revision: "c1" },
        { type: "update", from: "c2", to: "d" },
      ],
      heads: ["d"],
    });
  });
  test("downgrading a merge inserts one parent and updates to the other", () => {
    expect(versionChanges(g, ["d"], step("downgrade", "d"))).toEqual({
      changes: [
        { type: "insert", revision: "c1" },
        { type: "update", from: "d", to: "c2" },
      ],
      heads: ["c2", "c1"],
    });
  });
  test("downgrading one branch whose parent another row implies deletes the row", () => {
    expect(versionChanges(g, ["c1", "c2"], step("downgrade", "c2"))).toEqual({
      changes: [{ type: "delete", revision: "c2" }],
      heads: ["c1"],
    });
  });
  test("a revision whose dependency is the only row present updates it", () => {
    // y's parents are x (absent) and c1 (present): the c1 row becomes y
    expect(versionChanges(g, ["c1"], step("upgrade", "y"))).toEqual({
      changes: [{ type: "update", from: "c1", to: "y" }],
      heads: ["y"],
    });
  });
  test("a dependency also reachable through a down revision gets no row of its own", () => {
    const m = build(r("p"), r("q", "p"), r("s"), r("t", ["q", "s"], { deps: "p" }));
    expect(m.get("t")!.normalizedDownRevisions).toEqual(["q", "s", "p"]);
    const back = m.planDowngrade(["t"], "q");
    expect(versionChanges(m, ["t"], back[0]!)).toEqual({
      changes: [
        { type: "insert", revision: "q" },
        { type: "update", from: "t", to: "s" },
      ],
      heads: ["s", "q"],
    });
  });
  test("downgrading a revision the table does not hold is refused", () => {
    expect(() => versionChanges(g, ["a"], step("downgrade", "d"))).toThrow("Cannot downgrade d");
  });
  test("a step naming a revision outside the map is refused", () => {
    expect(() =>
      versionChanges(g, [], { kind: "upgrade", revision: "nope", fromRevisions: [], toRevisions: ["nope"] }),
    ).toThrow("not in the revision map");
  });
});
