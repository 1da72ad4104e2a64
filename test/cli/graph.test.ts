import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { athanor, bareProject, expectOneLineError, ok, writeRevision } from "./helpers.js";

const idsOf = (lines: string[]): string[] => lines.map((l) => l.split(" -> ")[1]!.split(/[ ,]/)[0]!);

// A graph with a branch point, a labelled branch, a merge point, a second lineage
// with its own label, and a base that is only depended upon (an effective head):
//
//   a1 ── b2 ─┬─ c3 ──┬─ e5 (merge)
//             └─ d4 ──┘        d4 labelled "audit"
//   h7                         only depended upon
//   f6  dependsOn h7           labelled "billing"
const A1 = "aaaa00000001";
const B2 = "bbbb00000002";
const C3 = "cccc00000003";
const D4 = "dddd00000004";
const E5 = "eeee00000005";
const F6 = "ffff00000006";
const H7 = "aaaa11110007";

interface Info {
  revision: string;
  downRevisions: string[];
  dependencies: string[];
  branchLabels: string[];
  nextRevisions: string[];
  isHead: boolean;
  isRealHead: boolean;
  isBase: boolean;
  isBranchPoint: boolean;
  isMergePoint: boolean;
  isCurrent: boolean | null;
  doc: string;
  longDoc: string;
  path: string;
}

describe("graph commands", () => {
  let dir: string;
  const paths: Record<string, string> = {};

  beforeAll(() => {
    dir = bareProject();
    paths[A1] = writeRevision(dir, { revision: A1, message: "create users" });
    paths[B2] = writeRevision(dir, { revision: B2, downRevision: A1, message: "add email" });
    paths[C3] = writeRevision(dir, { revision: C3, downRevision: B2, message: "add orders" });
    paths[D4] = writeRevision(dir, { revision: D4, downRevision: B2, branchLabels: ["audit"], message: "audit log" });
    paths[E5] = writeRevision(dir, { revision: E5, downRevision: [C3, D4], message: "merge orders and audit" });
    paths[H7] = writeRevision(dir, { revision: H7, message: "shared types" });
    paths[F6] = writeRevision(dir, {
      revision: F6,
      branchLabels: ["billing"],
      dependsOn: [H7],
      message: "billing base",
    });
  });

  it("heads lists heads with labels and effective heads", () => {
    const { lines } = ok(dir, "heads");
    expect(lines.sort()).toEqual(
      [`${E5} (audit) (head)`, `${F6} (billing) (head)`, `${H7} (effective head)`].sort(),
    );
  });

  it("heads --resolve-dependencies leaves out revisions only depended upon", () => {
    const { lines } = ok(dir, "heads", "--resolve-dependencies");
    expect(lines.sort()).toEqual([`${E5} (audit) (head)`, `${F6} (billing) (head)`].sort());
  });

  it("heads --json prints one document", () => {
    const { stdout } = ok(dir, "heads", "--json");
    const doc = JSON.parse(stdout) as { heads: Info[] };
    const byId = new Map(doc.heads.map((h) => [h.revision, h]));
    expect([...byId.keys()].sort()).toEqual([E5, F6, H7].sort());
    expect(byId.get(E5)).toMatchObject({
      downRevisions: [C3, D4],
      isHead: true,
      isRealHead: true,
      isMergePoint: true,
      isBranchPoint: false,
      isCurrent: null,
      doc: "merge orders and audit",
      path: paths[E5],
    });
    expect(byId.get(H7)).toMatchObject({ isHead: true, isRealHead: false, isBase: true });
    expect(byId.get(F6)).toMatchObject({ dependencies: [H7], branchLabels: ["billing"] });
  });

  it("heads -v prints the full entries", () => {
    const { stdout } = ok(dir, "heads", "-v");
    expect(stdout).toContain(`Rev: ${E5} (head) (mergepoint)\nMerges: ${C3}, ${D4}\n`);
    expect(stdout).toContain(`Rev: ${F6} (head)\nParent: <base>\nAlso depends on: ${H7}\nBranch names: billing\nPath: ${paths[F6]}\n`);
  });

  it("branches shows each branch point and its children", () => {
    const { lines } = ok(dir, "branches");
    const pad = " ".repeat(B2.length);
    expect(lines[0]).toBe(`${B2} (branchpoint)`);
    expect(lines.slice(1, 3).sort()).toEqual([`${pad} -> ${C3}`, `${pad} -> ${D4} (audit)`].sort());
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe("");
  });

  it("branches --json lists branch points with their children", () => {
    const doc = JSON.parse(ok(dir, "branches", "--json").stdout) as { branchPoints: (Info & { children: Info[] })[] };
    expect(doc.branchPoints).toHaveLength(1);
    expect(doc.branchPoints[0]!.revision).toBe(B2);
    expect(doc.branchPoints[0]!.children.map((c) => c.revision).sort()).toEqual([C3, D4]);
  });

  it("history lists every revision, children before parents, in Alembic's line format", () => {
    const { lines } = ok(dir, "history");
    expect(lines.slice().sort()).toEqual(
      [
        `${C3}, ${D4} -> ${E5} (audit) (head) (mergepoint), merge orders and audit`,
        `${B2} -> ${D4} (audit), audit log`,
        `${B2} -> ${C3}, add orders`,
        `${A1} -> ${B2} (branchpoint), add email`,
        `<base> -> ${A1}, create users`,
        `<base> (${H7}) -> ${F6} (billing) (head), billing base`,
        `<base> -> ${H7} (effective head), shared types`,
      ].sort(),
    );
    const order = lines.map((l) => l.split(" -> ")[1]!.split(/[ ,]/)[0]!);
    const before = (a: string, b: string): boolean => order.indexOf(a) < order.indexOf(b);
    expect(before(E5, C3) && before(E5, D4) && before(C3, B2) && before(D4, B2) && before(B2, A1)).toBe(true);
    expect(before(F6, H7)).toBe(true);
  });

  it("history -r takes ranges: a:b, :b, a:, and relative", () => {
    expect(ok(dir, "history", "-r", `${B2}:${C3}`).lines.map((l) => l.split(" -> ")[1]!.split(/[ ,]/)[0])).toEqual([C3, B2]);
    expect(ok(dir, "history", "-r", `:${B2}`).lines).toEqual([
      `${A1} -> ${B2} (branchpoint), add email`,
      `<base> -> ${A1}, create users`,
    ]);
    const from = ok(dir, "history", "--rev-range", `${D4}:`).lines;
    expect(from.map((l) => l.split(" -> ")[1]!.split(/[ ,]/)[0])).toEqual([E5, D4]);
    // from label@base: everything the branch's head needs, dependencies included (as in Alembic)
    const labelled = ok(dir, "history", `--rev-range=billing@base:billing@head`).lines;
    expect(idsOf(labelled)).toEqual([F6, H7]);
  });

  it("history -v prints full entries with indented docs", () => {
    const { stdout } = ok(dir, "history", "-v", "-r", `:${A1}`);
    expect(stdout).toBe(`Rev: ${A1}\nParent: <base>\nPath: ${paths[A1]}\n\n    create users\n\n    Revision ID: ${A1}\n    Revises:\n    Create Date: 2026-11-21 10:00:00.000000\n\n`);
  });

  it("history --json prints the revisions newest first", () => {
    const doc = JSON.parse(ok(dir, "history", "--json", "-r", `${A1}:${C3}`).stdout) as { revisions: Info[] };
    expect(doc.revisions.map((r) => r.revision)).toEqual([C3, B2, A1]);
    expect(doc.revisions[1]).toMatchObject({ isBranchPoint: true, nextRevisions: [C3, D4].sort() });
  });

  it("history without ':' in the range is a one-line error", () => {
    expect(expectOneLineError(athanor(dir, "history", "-r", A1))).toContain("[start]:[end]");
  });

  it("history -r current: asks the database, and says in one line when there is none", () => {
    expect(expectOneLineError(athanor(dir, "history", "-r", "current:"))).toMatch(/current|database|url/i);
    expect(expectOneLineError(athanor(dir, "history", "-i"))).toMatch(/current|database|url/i);
    expect(expectOneLineError(athanor(dir, "show", "current"))).toMatch(/current|database|url/i);
  });

  it("show prints the full entry of a revision by id, prefix or label", () => {
    const expected = `Rev: ${B2} (branchpoint)\nParent: ${A1}\nBranches into: ${C3}, ${D4}\nPath: ${paths[B2]}\n\n    add email\n`;
    expect(ok(dir, "show", B2).stdout.startsWith(expected)).toBe(true);
    expect(ok(dir, "show", "bbbb").stdout.startsWith(expected)).toBe(true);
    const audit = ok(dir, "show", "audit").stdout;
    expect(audit).toContain(`Rev: ${D4}\nParent: ${B2}\nBranch names: audit\n`);
  });

  it("show heads prints several entries", () => {
    const { stdout } = ok(dir, "show", "heads");
    expect(stdout.match(/^Rev: /gm)).toHaveLength(2);
    expect(stdout).toContain(`Rev: ${E5}`);
    expect(stdout).toContain(`Rev: ${F6}`);
  });

  it("show --json prints the revision data", () => {
    const doc = JSON.parse(ok(dir, "show", "--json", "billing@head").stdout) as { revisions: Info[] };
    expect(doc.revisions).toHaveLength(1);
    expect(doc.revisions[0]).toMatchObject({ revision: F6, path: paths[F6], doc: "billing base" });
    expect(doc.revisions[0]!.longDoc).toContain(`Revision ID: ${F6}`);
  });

  it("show of an unknown revision is a one-line error", () => {
    expect(expectOneLineError(athanor(dir, "show", "999999999999"))).toContain("999999999999");
  });

  it("show of an ambiguous prefix is a one-line error naming the candidates", () => {
    const line = expectOneLineError(athanor(dir, "show", "aaaa"));
    expect(line).toContain("aaaa");
    expect(line).toContain(A1);
    expect(line).toContain(H7);
  });

  it("show head with several heads is a one-line error", () => {
    expect(expectOneLineError(athanor(dir, "show", "head"))).toMatch(/head/i);
  });

  it("-q silences listings but not --json", () => {
    expect(ok(dir, "-q", "heads").stdout).toBe("");
    expect(JSON.parse(ok(dir, "heads", "-q", "--json").stdout)).toHaveProperty("heads");
  });

  it("-c points at a config elsewhere", () => {
    const elsewhere = bareProject();
    const result = ok(elsewhere, "-c", join(dir, "athanor.config.ts"), "heads", "--resolve-dependencies");
    expect(result.lines.sort()).toEqual([`${E5} (audit) (head)`, `${F6} (billing) (head)`].sort());
  });
});

describe("history ranges on a straight line", () => {
  // a -> b -> c -> d -> e
  const ids = ["a", "b", "c", "d", "e"].map((l) => `${l.repeat(4)}00000000`);
  const [a, b, c, d, e] = ids as [string, string, string, string, string];
  let dir: string;

  beforeAll(() => {
    dir = bareProject();
    ids.forEach((id, i) => writeRevision(dir, { revision: id, downRevision: i === 0 ? null : ids[i - 1]! }));
  });

  it("-N: counts down from the head, inclusive (-r-N: and --rev-range=-N: both parse)", () => {
    expect(idsOf(ok(dir, "history", "-r-2:").lines)).toEqual([e, d, c]);
    expect(idsOf(ok(dir, "history", "--rev-range=-1:").lines)).toEqual([e, d]);
  });

  it(":head-N stops N below the head", () => {
    expect(idsOf(ok(dir, "history", "-r", ":head-3").lines)).toEqual([b, a]);
  });

  it("a:+N walks up from the start", () => {
    expect(idsOf(ok(dir, "history", "-r", `${a}:+2`).lines)).toEqual([c, b, a]);
  });

  it("-N:rev walks down from the end", () => {
    expect(idsOf(ok(dir, "history", `-r-2:${c}`).lines)).toEqual([c, b, a]);
  });

  it("-N:rev past the base stops at the base", () => {
    expect(idsOf(ok(dir, "history", `-r-5:${c}`).lines)).toEqual([c, b, a]);
  });

  it("base: and :heads are the whole history", () => {
    expect(idsOf(ok(dir, "history", "-r", "base:heads").lines)).toEqual([e, d, c, b, a]);
  });
});
