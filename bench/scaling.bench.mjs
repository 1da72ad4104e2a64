// Shows the graph commands grow linearly with the number of revisions: the extra
// time per 1,000 revisions from one size to the next stays about the same from
// 1,000 to 10,000 (it would grow with the size if the work were quadratic). The
// fastest run is used for that slope, as it is the least disturbed by other load.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { branchedGraph, linearGraph, writeProject } from "./support/project.mjs";
import { BIN, ROOT, formatTiming, printTable, timeAthanor } from "./support/timing.mjs";

const SIZES = (process.env.BENCH_SIZES ?? "1000,5000,10000").split(",").map(Number);
const COMMANDS = ["heads", "history", "show"];
const TIME = "/usr/bin/time";

/** The peak resident memory of one `athanor ...args` process in MB (GNU time's %M), or undefined without GNU time. */
function peakMemory(args, cwd) {
  if (!existsSync(TIME)) return undefined;
  const result = spawnSync(TIME, ["-f", "%M", process.execPath, BIN, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  const kb = Number(result.stderr.trim().split("\n").pop());
  return result.status === 0 && Number.isFinite(kb) ? kb / 1024 : undefined;
}

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
      const mb = peakMemory(args, dir);
      rows.push([command, String(size), formatTiming(t), `${t.min.toFixed(1)} ms`, slope, mb === undefined ? "—" : `${mb.toFixed(0)} MB`]);
      previous = { size, t };
    }
  }
  printTable(["command", "revisions", "time (mean ± sd)", "fastest", "extra per 1,000 from the size above", "peak memory"], rows);

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

  // The graph alone, warm, on sizes beyond any real project: building the map and
  // ordering the history must stay at the same cost per revision.
  console.log("");
  const { RevisionMap } = await import(pathToFileURL(join(ROOT, "dist", "graph", "index.js")).href);
  for (let i = 0; i < 3; i++) new RevisionMap(branchedGraph(10_000)).history(); // warm the JIT
  const warmRows = [];
  for (const size of [5_000, 10_000, 20_000, 40_000]) {
    for (const [shape, graph] of [["line", linearGraph(size)], ["100 branches", branchedGraph(size)]]) {
      const times = [];
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        new RevisionMap(graph).history();
        times.push(performance.now() - start);
      }
      const best = Math.min(...times);
      warmRows.push([shape, String(size), `${best.toFixed(1)} ms`, `${((best / size) * 1000).toFixed(2)} ms`]);
    }
  }
  printTable(["graph", "revisions", "map + history order (fastest of 5)", "per 1,000"], warmRows);
}

const PHASES = fileURLToPath(new URL("./support/phases.mjs", import.meta.url));
