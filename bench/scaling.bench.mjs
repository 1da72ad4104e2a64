// Shows the graph commands grow linearly with the number of revisions: the extra
// time per 1,000 revisions from one size to the next stays about the same from
// 1,000 to 10,000 (it would grow with the size if the work were quadratic). The
// fastest run is used for that slope, as it is the least disturbed by other load.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { linearGraph, writeProject } from "./support/project.mjs";
import { formatTiming, printTable, timeAthanor } from "./support/timing.mjs";

const SIZES = (process.env.BENCH_SIZES ?? "1000,5000,10000").split(",").map(Number);
const COMMANDS = ["heads", "history", "show"];

export default async function scaling({ workDir, runs }) {
  const projects = SIZES.map((size) => {
    const revisions = linearGraph(size, `scale${size}`);
    return { size, oldest: revisions[0].revision, dir: writeProject(join(workDir, String(size)), revisions) };
  });
  const rows = [];
  for (const command of COMMANDS) {
    let previous;
    for (const { size, oldest, dir } of projects) {
      const args = command === "show" ? ["show", oldest] : [command];
      const t = timeAthanor(args, dir, { runs });
      const slope = previous ? `${(((t.min - previous.t.min) / (size - previous.size)) * 1000).toFixed(1)} ms` : "-";
      rows.push([command, String(size), formatTiming(t), `${t.min.toFixed(1)} ms`, slope]);
      previous = { size, t };
    }
  }
  printTable(["command", "revisions", "time (mean ± sd)", "fastest", "extra per 1,000 from the size above"], rows);

  // The same inside one process, phase by phase (median of fresh processes).
  console.log("");
  const phaseRows = [];
  for (const { size, dir } of projects) {
    const samples = [];
    for (let i = 0; i < Math.max(3, Math.min(runs, 7)); i++) {
      const result = spawnSync(process.execPath, [PHASES, dir], { encoding: "utf8" });
      if (result.status !== 0) throw new Error(`phase timing failed: ${result.stderr}`);
      samples.push(JSON.parse(result.stdout));
    }
    const median = (key) => samples.map((s) => s[key]).sort((a, b) => a - b)[samples.length >> 1];
    const per = (key) => `${median(key).toFixed(1)} ms (${((median(key) / size) * 1000).toFixed(1)}/1k)`;
    phaseRows.push([String(size), `${median("config").toFixed(1)} ms`, per("readScripts"), per("buildMap"), per("historyOrder")]);
  }
  printTable(["revisions", "load config", "read headers + map", "map alone", "history order"], phaseRows);
}

const PHASES = fileURLToPath(new URL("./support/phases.mjs", import.meta.url));
