import { describe, expect, it } from "vitest";
import { landsBelow } from "../../src/graph/index.js";
import { build, r } from "./helpers.js";

describe("landsBelow", () => {
  // a -> b -> c, with x off a, y off c, and m merging c and x
  const map = build(r("a"), r("b", "a"), r("c", "b"), r("x", "a", { labels: "side" }), r("y", "c"), r("m", ["c", "x"]));

  it("names the applied revisions a new revision off an older one lands below", () => {
    expect(landsBelow(map, ["c"], "x")).toEqual(["c"]);
    expect(landsBelow(map, ["b"], "x")).toEqual(["b"]);
  });

  it("is empty for a revision continuing a head, an applied one, one whose parent is not applied, and an empty database", () => {
    expect(landsBelow(map, ["c"], "y")).toEqual([]);
    expect(landsBelow(map, ["c"], "b")).toEqual([]);
    expect(landsBelow(map, ["a"], "y")).toEqual([]);
    expect(landsBelow(map, [], "x")).toEqual([]);
  });

  it("a merge continuing both heads lands below nothing; its unapplied side does", () => {
    expect(landsBelow(map, ["c", "x"], "m")).toEqual([]);
    expect(landsBelow(map, ["c"], "m")).toEqual([]);
    expect(landsBelow(map, ["c"], "x")).toEqual(["c"]);
  });

  it("ignores heads the map does not know", () => {
    expect(landsBelow(map, ["zzz"], "x")).toEqual([]);
    expect(landsBelow(map, ["c", "zzz"], "x")).toEqual(["c"]);
  });
});
