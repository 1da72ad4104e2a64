// This checkout against another build of athanor, side by side in one run:
// `upgrade head` and `downgrade base` over small revisions on each database,
// the two builds interleaved round by round (the order alternating), medians
// with min and max. Set BENCH_BASELINE to the other checkout (built, with its
// node_modules); without it this benchmark says so and does nothing.
//   BENCH_BASELINE=../athanor-main npm run bench -- compare-builds
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { BIN, printTable } from "./support/timing.mjs";
import { answers } from "./support/server-answers.mjs";

const COUNT = Number(process.env.BENCH_REVISIONS ?? 300);
const SERVERS = {
  postgresql: process.env.ATHANOR_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/athanor_test",
  mysql: process.env.ATHANOR_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/athanor_test",
};

/** Revisions written in plain JavaScript with the `op` calls both builds know. */
function writeProject(dir, url) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  writeFileSync(join(dir, "athanor.config.mjs"), `export default { scriptLocation: "migrations", url: ${JSON.stringify(url)}, versionTable: "bench_builds_version" };\n`);
  const id = (i) => `b${String(i).padStart(11, "0")}`;
  for (let i = 1; i <= COUNT; i++) {
    const table = `bench_builds_${i}`;
    writeFileSync(
      join(dir, "migrations", "versions", `${id(i)}_t.ts`),
      `/**\n * table ${i}\n *\n * Revision ID: ${id(i)}\n * Revises: ${i === 1 ? "" : id(i - 1)}\n */\n` +
        `export const revision = "${id(i)}";\nexport const downRevision = ${i === 1 ? "null" : JSON.stringify(id(i - 1))};\n` +
        `export async function upgrade(op) { await op.createTable("${table}", [op.column("id", op.type.integer(), { primaryKey: true })]); }\n` +
        `export async function downgrade(op) { await op.dropTable("${table}"); }\n`,
    );
  }
}

function timed(bin, args, cwd) {
  const start = performance.now();
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(" ")} failed: ${result.stderr.trim()}`);
  return performance.now() - start;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;

export default async function bench({ workDir, runs }) {
  const baselineDir = process.env.BENCH_BASELINE;
  if (!baselineDir) {
    console.log("skipped: set BENCH_BASELINE to another built checkout of athanor to compare with");
    return;
  }
  const baseline = join(resolve(baselineDir), "bin", "athanor.js");
  if (!existsSync(baseline)) throw new Error(`no athanor at ${baseline}`);
  const builds = [
    ["this checkout", BIN],
    ["baseline", baseline],
  ];
  const rounds = Math.max(3, Math.min(runs, Number(process.env.BENCH_BUILD_ROUNDS ?? 9)));
  const dialects = ["sqlite"];
  for (const [name, url] of Object.entries(SERVERS)) if (await answers(url)) dialects.push(name);
  const rows = [];
  for (const dialect of dialects) {
    const dir = join(workDir, dialect);
    const url = dialect === "sqlite" ? `sqlite:///${join(dir, "bench.db")}` : SERVERS[dialect];
    writeProject(dir, url);
    // a first round of each fills its own cache of the revision files
    for (const [, bin] of builds) {
      timed(bin, ["upgrade", "head", "-q"], dir);
      timed(bin, ["downgrade", "base", "-q"], dir);
    }
    const times = new Map(builds.map(([name]) => [name, { up: [], down: [] }]));
    for (let i = 0; i < rounds; i++) {
      for (const [name, bin] of i % 2 === 0 ? builds : [...builds].reverse()) {
        times.get(name).up.push(timed(bin, ["upgrade", "head", "-q"], dir));
        times.get(name).down.push(timed(bin, ["downgrade", "base", "-q"], dir));
      }
    }
    const mine = times.get("this checkout");
    const base = times.get("baseline");
    for (const [what, key] of [["upgrade head", "up"], ["downgrade base", "down"]]) {
      rows.push([dialect, what, spread(mine[key]), spread(base[key]), `${(median(mine[key]) / median(base[key])).toFixed(2)}x`]);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${COUNT} revisions, each one CREATE TABLE / DROP TABLE; ${rounds} interleaved rounds, median (min–max) of whole processes\n`);
  printTable(["database", "command", "this checkout", "baseline", "ratio"], rows);
}
