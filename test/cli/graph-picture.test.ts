// `athanor graph`: the revision graph as Mermaid, Graphviz dot and HTML. A graph
// with a branch point, a labelled branch, a merge and a dependency; every edge is
// drawn once, the merge as a hexagon, the dependency apart; the database's
// current revision is marked once stamped; -r limits the picture as history does.
// Graphviz's own `dot` must accept what is written.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { athanor, bareProject, expectOneLineError, ok, writeRevision } from "./helpers.js";

//   a1 ── b2 ─┬─ c3 ──┬─ e5 (merge)
//             └─ d4 ──┘        d4 labelled "audit"
//   h7                         depended upon by f6
//   f6  dependsOn h7           labelled "billing"
const [A1, B2, C3, D4, E5, F6, H7] = ["aaaa00000001", "bbbb00000002", "cccc00000003", "dddd00000004", "eeee00000005", "ffff00000006", "aaaa11110007"] as const;

const hasDot = spawnSync("dot", ["-V"]).error === undefined;
if (!hasDot) {
  if (process.env.ATHANOR_TEST_REQUIRE_SERVERS === "1") throw new Error("Graphviz's dot is required for the graph dot test (apt-get install graphviz)");
  console.warn("graph-picture: Graphviz's dot is not installed; the dot output is checked as text only");
}

describe("athanor graph", () => {
  let dir: string;
  beforeAll(() => {
    dir = bareProject();
    writeFileSync(join(dir, "athanor.config.ts"), `export default { scriptLocation: "migrations", url: "sqlite:///app.db" };\n`);
    writeRevision(dir, { revision: A1, message: "create users" });
    writeRevision(dir, { revision: B2, downRevision: A1, message: 'add "quoted" <email>' });
    writeRevision(dir, { revision: C3, downRevision: B2, message: "add posts" });
    writeRevision(dir, { revision: D4, downRevision: B2, branchLabels: ["audit"], message: "audit log" });
    writeRevision(dir, { revision: E5, downRevision: [C3, D4], message: "merge" });
    writeRevision(dir, { revision: H7, message: "billing base" });
    writeRevision(dir, { revision: F6, downRevision: null, dependsOn: [H7], branchLabels: ["billing"], message: "invoices" });
  });

  it("Mermaid: every revision once, every edge once, the merge a hexagon, the dependency dotted", () => {
    const result = ok(dir, "graph", "--no-current");
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("flowchart BT");
    for (const id of [A1, B2, C3, D4, E5, F6, H7]) expect(lines.filter((l) => l.startsWith(`  r_${id}(`) || l.startsWith(`  r_${id}{{`))).toHaveLength(1);
    expect(lines).toContain(`  r_${E5}{{"${E5}<br/>merge"}}`);
    expect(lines).toContain(`  r_${B2}("${B2}<br/>add #34;quoted#34; #60;email#62;")`);
    expect(lines).toContain(`  r_${D4}("${D4}<br/>audit log<br/>(audit)")`);
    const edges = lines.filter((l) => l.includes("-->") || l.includes(".->"));
    expect(edges.sort()).toEqual(
      [
        `  r_${A1} --> r_${B2}`,
        `  r_${B2} --> r_${C3}`,
        `  r_${B2} --> r_${D4}`,
        `  r_${C3} --> r_${E5}`,
        `  r_${D4} --> r_${E5}`,
        `  r_${H7} -. depends on .-> r_${F6}`,
      ].sort(),
    );
    const heads = lines.find((l) => l.startsWith("  class ") && l.endsWith(" head"));
    expect(heads?.slice("  class ".length, -" head".length).split(",").sort()).toEqual([`r_${E5}`, `r_${F6}`]);
    expect(lines.some((l) => l.endsWith(" current"))).toBe(false);
  });

  it("marks the database's current revision once it can be read; says why not when it cannot", () => {
    const unread = athanor(dir, "graph");
    expect(unread.code).toBe(0);
    expect(unread.stderr).toMatch(/^athanor: warning: current revisions not marked: .*app\.db.*\n$/);
    ok(dir, "stamp", C3);
    const marked = ok(dir, "graph");
    expect(marked.stderr).toBe("");
    expect(marked.stdout).toContain(`  class r_${C3} current\n`);
    ok(dir, "stamp", "base", "--purge");
  });

  it("-r draws the range only, as history lists it", () => {
    const result = ok(dir, "graph", "--no-current", "-r", `${B2}:${E5}`);
    const ids = [...result.stdout.matchAll(/^ {2}r_([0-9a-f]{12})[({]/gm)].map((m) => m[1]);
    const listed = [...ok(dir, "history", "-r", `${B2}:${E5}`).stdout.matchAll(/-> ([0-9a-f]{12})/g)].map((m) => m[1]);
    expect(new Set(ids)).toEqual(new Set([...listed, B2]));
    expect(ids).not.toContain(A1);
    expect(result.stdout).not.toContain(`r_${A1} -->`);
  });

  it("dot: the same graph, accepted by Graphviz", () => {
    const result = ok(dir, "graph", "-f", "dot", "--no-current");
    expect(result.stdout).toMatch(/^digraph revisions \{\n {2}rankdir=BT;/);
    expect(result.stdout).toContain(`"${E5}" [label="${E5}\\nmerge", shape=hexagon`);
    expect(result.stdout).toContain(`"${B2}" [label="${B2}\\nadd \\"quoted\\" <email>"];`);
    expect(result.stdout).toContain(`"${H7}" -> "${F6}" [style=dashed, label="depends on"];`);
    expect(result.stdout.match(/ -> /g)).toHaveLength(6);
    if (!hasDot) return;
    const svg = execFileSync("dot", ["-Tsvg"], { input: result.stdout, encoding: "utf8" });
    for (const id of [A1, B2, C3, D4, E5, F6, H7]) expect(svg).toContain(`<title>${id}</title>`);
  });

  it("-o picks the format from the file name and says what it wrote", () => {
    const result = ok(dir, "graph", "--no-current", "-o", "revisions.html");
    expect(result.stdout).toBe("  Wrote 7 revisions as html to revisions.html\n");
    const html = readFileSync(join(dir, "revisions.html"), "utf8");
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
    expect(html.match(/<g class="node/g)).toHaveLength(7);
  });

  it("an unknown format is one line", () => {
    expect(expectOneLineError(athanor(dir, "graph", "-f", "png"))).toContain('Unknown graph format "png"');
  });
});
