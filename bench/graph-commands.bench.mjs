// Whole-process time of the graph commands (`heads`, `history`, `show`, and
// `current` on a SQLite database stamped at the head) on 10,000 revisions, as a
// straight line and as 100 branches with merges, beside Alembic's same commands
// on the same graph when a python3 with Alembic is found. Each tool runs twice per
// round: first run (athanor: an empty cache folder, as in a fresh container: nothing
// transformed, no header read before; Alembic: no __pycache__ beside the revision
// files, so Python compiles each one and writes its bytecode) and warm (the caches
// the tool's earlier runs wrote). Rounds are interleaved; each
// cell is the median (min–max). BENCH_BASELINE=<another build of athanor> times
// that build's first run and warm runs in the same rounds.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { findAlembic, writeAlembicProject } from "./support/alembic.mjs";
import { branchedGraph, linearGraph, writeProject } from "./support/project.mjs";
import { BIN, printTable } from "./support/timing.mjs";

const COUNT = Number(process.env.BENCH_REVISIONS ?? 10_000);
const READ_EVERY_FILE = fileURLToPath(new URL("./support/read-every-file.cjs", import.meta.url));
const ALEMBIC_ONCE_MS = 20_000;

function run(command, args, cwd, env = {}) {
  const start = performance.now();
  const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  const ms = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(`${[command, ...args].join(" ")} failed in ${cwd} (exit ${result.status}): ${(result.stderr || result.stdout).trim().slice(0, 600)}`);
  }
  return { ms, stdout: result.stdout };
}

// A run that wrote its caches (Alembic's first run writes 10,000 bytecode files) leaves the
// kernel writing them back for seconds after; flushed before the next process is timed, so
// that none runs beside another's write-back. Not timed.
const settle = () => spawnSync("sync", [], { stdio: "ignore" });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const cell = (xs) =>
  xs.length === 0 ? "—" : xs.length === 1 ? `${xs[0].toFixed(0)} (1 run)` : `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
const ratio = (a, b) => (a.length === 0 || b.length === 0 ? "—" : `${(median(a) / median(b)).toFixed(1)}x`);

export default async function graphCommands({ workDir, runs }) {
  const rounds = Number(process.env.BENCH_GRAPH_ROUNDS ?? Math.min(runs, 5));
  const alembic = findAlembic();
  const shapes = [
    ["line", linearGraph(COUNT)],
    ["100 branches", branchedGraph(COUNT, 100, 5)],
  ];
  const warmCache = join(workDir, "cache-warm");
  const coldCache = join(workDir, "cache-first-run");
  const noHeaders = join(workDir, "cache-no-headers");
  const athanor = (args, dir, env) => run(process.execPath, [BIN, ...args], dir, env);
  // BENCH_BASELINE=<another build of athanor (its bin/ and dist/)>: timed first run and warm beside this one
  const baselineBin = process.env.BENCH_BASELINE ? join(resolve(process.env.BENCH_BASELINE), "bin", "athanor.js") : null;
  const baselineWarm = join(workDir, "cache-baseline-warm");
  const baseline = (args, dir, env) => run(process.execPath, [baselineBin, ...args], dir, env);
  const python = (args, dir) => run(alembic.python, ["-m", "alembic", ...args], dir);

  const rows = [];
  for (const [shape, revisions] of shapes) {
    const slug = shape.replace(/\W+/g, "-");
    const dir = writeProject(join(workDir, slug), revisions);
    const alembicDir = alembic ? writeAlembicProject(join(workDir, `${slug}-alembic`), revisions) : null;
    const oldest = revisions[0].revision;
    // the same answers from both before any timing
    const history = athanor(["history"], dir, { ATHANOR_CACHE_DIR: warmCache }).stdout.trim().split("\n");
    if (history.length !== revisions.length) throw new Error(`history listed ${history.length} of ${revisions.length} revisions`);
    athanor(["stamp", "head"], dir, { ATHANOR_CACHE_DIR: warmCache });
    const heads = athanor(["heads"], dir, { ATHANOR_CACHE_DIR: warmCache }).stdout.trim().split("\n");
    if (alembicDir) {
      python(["stamp", "head"], alembicDir);
      const theirs = python(["heads"], alembicDir).stdout.trim().split("\n");
      const id = (line) => line.split(" ")[0];
      if (theirs.map(id).join() !== heads.map(id).join()) throw new Error(`heads differ: athanor ${heads.join("; ")}, Alembic ${theirs.join("; ")}`);
    }
    // BENCH_GRAPH_COMMANDS=heads,history,show leaves out `current` (Alembic takes minutes over it)
    const wanted = (process.env.BENCH_GRAPH_COMMANDS ?? "heads,history,show,current").split(",");
    const commands = [["heads"], ["history"], ["show", oldest], ["current"]].filter(([name]) => wanted.includes(name));
    const samples = commands.map(() => ({ first: [], headers: [], warm: [], alembicFirst: [], alembicWarm: [], baseFirst: [], baseWarm: [] }));
    const pycache = alembicDir ? join(alembicDir, "migrations", "versions", "__pycache__") : null;
    if (baselineBin) for (const args of commands) baseline(args, dir, { ATHANOR_CACHE_DIR: baselineWarm });
    for (let round = 0; round < rounds; round++) {
      commands.forEach((args, k) => {
        rmSync(coldCache, { recursive: true, force: true });
        mkdirSync(coldCache, { recursive: true });
        samples[k].first.push(athanor(args, dir, { ATHANOR_CACHE_DIR: coldCache }).ms);
        settle();
        // every cache warm but the revision headers': the files read, the rest as warm
        mkdirSync(noHeaders, { recursive: true });
        for (const f of readdirSync(noHeaders)) if (f.startsWith("headers-")) rmSync(join(noHeaders, f));
        samples[k].headers.push(athanor(args, dir, { ATHANOR_CACHE_DIR: noHeaders }).ms);
        settle();
        samples[k].warm.push(athanor(args, dir, { ATHANOR_CACHE_DIR: warmCache }).ms);
        if (baselineBin) {
          rmSync(coldCache, { recursive: true, force: true });
          mkdirSync(coldCache, { recursive: true });
          samples[k].baseFirst.push(baseline(args, dir, { ATHANOR_CACHE_DIR: coldCache }).ms);
          settle();
          samples[k].baseWarm.push(baseline(args, dir, { ATHANOR_CACHE_DIR: baselineWarm }).ms);
        }
        // a command Alembic takes minutes over (its `current` is quadratic) is timed once
        const slow = samples[k].alembicFirst.length > 0 && samples[k].alembicFirst[0] > ALEMBIC_ONCE_MS;
        if (alembicDir && !slow) {
          rmSync(pycache, { recursive: true, force: true });
          samples[k].alembicFirst.push(python(args, alembicDir).ms);
          settle();
          samples[k].alembicWarm.push(python(args, alembicDir).ms);
        }
      });
    }
    commands.forEach((args, k) => {
      const s = samples[k];
      rows.push([
        shape,
        String(revisions.length),
        String(heads.length),
        args[0] === "show" ? "show <oldest>" : args[0],
        cell(s.first),
        cell(s.headers),
        cell(s.warm),
        cell(s.alembicFirst),
        cell(s.alembicWarm),
        ratio(s.alembicFirst, s.first),
        ratio(s.alembicWarm, s.warm),
        ...(baselineBin ? [cell(s.baseFirst), cell(s.baseWarm), ratio(s.alembicFirst, s.baseFirst), ratio(s.alembicWarm, s.baseWarm)] : []),
      ]);
    });
  }
  printTable(
    [
      "graph", "revisions", "heads", "command", "athanor first run ms", "headers not cached ms", "athanor warm ms",
      "Alembic first run ms", "Alembic warm ms", "Alembic ÷ athanor, first run", "Alembic ÷ athanor, warm",
      ...(baselineBin ? ["baseline first run ms", "baseline warm ms", "first ÷ baseline first", "warm ÷ baseline warm"] : []),
    ],
    rows,
  );
  const help = [];
  const bare = [];
  const readAll = [];
  const versions = join(workDir, "line", "migrations", "versions");
  for (let i = 0; i < rounds; i++) {
    bare.push(run(process.execPath, ["-e", "0"], workDir).ms);
    help.push(athanor(["--help"], workDir).ms);
    readAll.push(run(process.execPath, [READ_EVERY_FILE, versions], workDir).ms);
  }
  console.log(`\n\`node -e 0\` ${cell(bare)} ms; \`athanor --help\` ${cell(help)} ms`);
  console.log(
    `Reading every file of the line (${COUNT} revisions) in a bare Node process: listing, lstat, open, read, close, no parsing ` +
      `(bench/support/read-every-file.cjs; the least a first run can do): ${cell(readAll)} ms`,
  );
  if (baselineBin) console.log(`Baseline: ${baselineBin}, timed in the same rounds (first run: an emptied cache folder; warm: a cache folder of its own).`);
  console.log(
    `${rounds} interleaved rounds, whole processes, median (min–max) in ms. First run: ATHANOR_CACHE_DIR emptied before each run` +
      ` (no transformed config, no code cache of the CLI, no header read before); after each run that writes its caches,` +
      ` \`sync\` (not timed) so that the next process timed does not run beside their write-back; headers not cached: every cache warm but` +
      ` the revision headers', so every revision file is read; warm: a cache folder of its own, filled by earlier runs.` +
      ` \`current\` reads a SQLite database stamped at the head.` +
      ` An Alembic command that took over ${ALEMBIC_ONCE_MS / 1000} s is timed in the first round only.` +
      (alembic
        ? ` Alembic ${alembic.version}, SQLAlchemy ${alembic.sqlalchemy} (${alembic.python} -m alembic), the same graph as .py files; it reads every file on every run;` +
          ` its first run: the versions folder's __pycache__ removed, so Python compiles every revision file and writes its bytecode;` +
          ` warm: the same command again at once, every file's bytecode cached` +
          (process.env.PYTHONDONTWRITEBYTECODE ? " (PYTHONDONTWRITEBYTECODE is set: nothing is cached, both columns compile every file)." : ".")
        : " (Alembic not found: `apt-get install python3-alembic` or `pip install alembic`, or BENCH_PYTHON=<python with alembic>.)"),
  );
}
