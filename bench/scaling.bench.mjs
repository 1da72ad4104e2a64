// Shows the graph commands grow linearly with the number of revisions: the time per
// 1,000 revisions (above the start-up cost of `--help`) stays flat from 1,000 to 10,000.
import { join } from "node:path";
import { linearGraph, writeProject } from "./support/project.mjs";
import { formatTiming, printTable, timeAthanor } from "./support/timing.mjs";

const SIZES = (process.env.BENCH_SIZES ?? "1000,5000,10000").split(",").map(Number);

export default async function scaling({ workDir, runs }) {
  const startup = timeAthanor(["--help"], workDir, { runs });
  console.log(`start-up (athanor --help): ${formatTiming(startup)}\n`);
  const rows = [];
  for (const size of SIZES) {
    const revisions = linearGraph(size, `scale${size}`);
    const dir = writeProject(join(workDir, String(size)), revisions);
    for (const args of [["heads"], ["history"], ["show", revisions[0].revision]]) {
      const t = timeAthanor(args, dir, { runs });
      const perThousand = ((t.mean - startup.mean) / size) * 1000;
      rows.push([String(size), args[0], formatTiming(t), `${perThousand.toFixed(2)} ms`]);
    }
  }
  printTable(["revisions", "command", "time (mean ± sd)", "per 1,000 revisions above start-up"], rows);
}
