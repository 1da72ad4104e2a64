// Whole-process time of the graph commands on 10,000 revisions, as a straight line
// and as 100 branches with merges.
import { join } from "node:path";
import { branchedGraph, linearGraph, writeProject } from "./support/project.mjs";
import { formatTiming, printTable, runAthanor, timeAthanor } from "./support/timing.mjs";

const COUNT = Number(process.env.BENCH_REVISIONS ?? 10_000);

export default async function graphCommands({ workDir, runs }) {
  const shapes = [
    ["line", linearGraph(COUNT)],
    ["100 branches", branchedGraph(COUNT, 100, 5)],
  ];
  const rows = [];
  for (const [shape, revisions] of shapes) {
    const dir = writeProject(join(workDir, shape.replace(/\W+/g, "-")), revisions);
    const oldest = revisions[0].revision;
    const heads = runAthanor(["heads"], dir).trim().split("\n");
    const history = runAthanor(["history"], dir).trim().split("\n");
    if (history.length !== revisions.length) {
      throw new Error(`history listed ${history.length} of ${revisions.length} revisions`);
    }
    for (const args of [["heads"], ["history"], ["show", oldest]]) {
      const label = args[0] === "show" ? "show <oldest>" : args.join(" ");
      const t = timeAthanor(args, dir, { runs });
      rows.push([shape, String(revisions.length), String(heads.length), label, formatTiming(t), `${t.min.toFixed(1)} ms`]);
    }
  }
  const help = timeAthanor(["--help"], workDir, { runs });
  rows.push(["(no project)", "-", "-", "--help", formatTiming(help), `${help.min.toFixed(1)} ms`]);
  printTable(["graph", "revisions", "heads", "command", "time (mean ± sd)", "fastest"], rows);
}
