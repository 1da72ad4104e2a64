// Start-up of whole processes against `node -e 0`, interleaved round by round:
// `athanor --help`, `--version`, and `current` and `heads` on a small SQLite
// project made by `athanor init` (its athanor.config.ts and env.ts, two
// revisions, upgraded). The cache of transformed TypeScript is warm, as after
// a project's first command. With BENCH_BASELINE set to another built
// checkout, its `--help` and `current` run in the same rounds.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { BIN, printTable } from "./support/timing.mjs";

function run(args, cwd, env = process.env) {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, env, encoding: "utf8" });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed: ${result.stderr.trim()}`);
  return ms;
}

function makeProject(dir) {
  rmSync(dir, { recursive: true, force: true });
  spawnSync("mkdir", ["-p", dir]);
  for (const args of [["init", "migrations"], ["revision", "-m", "one"], ["revision", "-m", "two"], ["upgrade", "head"]]) {
    run([BIN, ...args], dir);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function bench({ workDir, runs }) {
  const dir = join(workDir, "project");
  makeProject(dir);
  const cases = [
    ["node -e 0", ["-e", "0"]],
    ["athanor --help", [BIN, "--help"]],
    ["athanor --version", [BIN, "--version"]],
    ["athanor current", [BIN, "current"]],
    ["athanor heads", [BIN, "heads"]],
  ];
  if (process.env.BENCH_BASELINE) {
    const base = join(resolve(process.env.BENCH_BASELINE), "bin", "athanor.js");
    if (!existsSync(base)) throw new Error(`no athanor at ${base}`);
    // its own code caches: in one folder each build would drop the other's entry for the same command
    const env = { ...process.env, ATHANOR_CACHE_DIR: join(workDir, "baseline-cache") };
    cases.push(["baseline --help", [base, "--help"], env], ["baseline current", [base, "current"], env]);
  }
  for (const [, args, env] of cases) run(args, dir, env); // warm the caches and the file system
  const rounds = Math.max(5, Number(process.env.BENCH_STARTUP_ROUNDS ?? runs * 2));
  const times = cases.map(() => []);
  for (let round = 0; round < rounds; round++) {
    // the order turns each round, so no case always follows the same one
    for (let k = 0; k < cases.length; k++) {
      const i = (k + round) % cases.length;
      times[i].push(run(cases[i][1], dir, cases[i][2]));
    }
  }
  const node = median(times[0]);
  console.log(`whole processes, ${rounds} interleaved rounds, median (min–max); "over node" is the median minus node's\n`);
  printTable(
    ["command", "median", "min–max", "over node"],
    cases.map(([name], i) => [
      name,
      `${median(times[i]).toFixed(0)} ms`,
      `${Math.min(...times[i]).toFixed(0)}–${Math.max(...times[i]).toFixed(0)} ms`,
      i === 0 ? "" : `+${(median(times[i]) - node).toFixed(0)} ms`,
    ]),
  );
}
