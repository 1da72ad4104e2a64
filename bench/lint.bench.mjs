// Whole-process time of `athanor lint` on straight lines of 250, 500 and 1,000
// revisions: lint reads no database, and its time grows linearly with the revisions.
import { join } from "node:path";
import { linearGraph, writeProject } from "./support/project.mjs";
import { formatTiming, printTable, runAthanor, timeAthanor } from "./support/timing.mjs";

const COUNT = Number(process.env.BENCH_LINT_REVISIONS ?? 1_000);

export default async function lint({ workDir, runs }) {
  const rows = [];
  const sizes = [Math.round(COUNT / 4), Math.round(COUNT / 2), COUNT];
  const means = [];
  for (const size of sizes) {
    const dir = writeProject(join(workDir, `line-${size}`), linearGraph(size, `lint-${size}`));
    const doc = JSON.parse(runAthanor(["lint", "--json"], dir));
    if (doc.revisions.length !== size) throw new Error(`lint read ${doc.revisions.length} of ${size} revisions`);
    const t = timeAthanor(["lint", "--json"], dir, { runs: Math.min(runs, 3), warmup: 1 });
    means.push(t.mean);
    rows.push([String(size), String(doc.findings.length), formatTiming(t), `${(t.mean / size).toFixed(2)} ms`]);
  }
  printTable(["revisions", "findings", "time (mean ± sd)", "per revision"], rows);
  // linear: the cost of one more revision stays the same from the small line to the large one
  const early = (means[1] - means[0]) / (sizes[1] - sizes[0]);
  const late = (means[2] - means[1]) / (sizes[2] - sizes[1]);
  console.log(`\nper added revision: ${early.toFixed(2)} ms (${sizes[0]}→${sizes[1]}), ${late.toFixed(2)} ms (${sizes[1]}→${sizes[2]})`);
}
