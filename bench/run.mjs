// `npm run bench` runs every bench/*.bench.mjs; `npm run bench -- <name>` runs one
// (`graph-commands` or `graph-commands.bench.mjs`). Each file's default export is an
// async function receiving { workDir, runs } and printing its own table.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { ROOT, hasHyperfine } from "./support/timing.mjs";

const benchDir = join(ROOT, "bench");
const all = readdirSync(benchDir).filter((f) => f.endsWith(".bench.mjs")).sort();
const wanted = process.argv.slice(2).map((a) => (a.endsWith(".bench.mjs") ? a : `${a}.bench.mjs`));
const unknown = wanted.filter((w) => !all.includes(w));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(", ")}; available: ${all.join(", ")}`);
  process.exit(1);
}
const selected = wanted.length > 0 ? wanted : all;
const runs = Number(process.env.BENCH_RUNS ?? 10);

// The peer tools timed beside athanor are the benchmark's own dependencies
// (bench/package.json), never the project's: installed here when missing.
if (selected.includes("migrations.bench.mjs") && !existsSync(join(benchDir, "node_modules", "drizzle-kit")) && process.env.BENCH_NO_PEERS !== "1") {
  console.log("installing the peer tools: npm ci --prefix bench");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const install = spawnSync(npm, ["ci", "--prefix", benchDir, "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (install.status !== 0) console.log("(could not install the peer tools: athanor and the floor run alone)");
}

console.log(`node ${process.version}, ${hasHyperfine() ? "timed with hyperfine" : "timed with spawnSync"}, ${runs} runs each`);

// NODE_EXTRA_CA_CERTS makes every Node process read and parse that file's
// certificates, and build the store of Node's own root certificates with them,
// before running any code: a fixed cost of each Node process (athanor, the peers,
// the floor's scripts and `node -e 0` alike) that Python does not pay. A machine
// behind a TLS-inspecting proxy sets it for every program; it is removed for the
// processes timed unless BENCH_KEEP_EXTRA_CA_CERTS=1, and what it costs is printed.
if (process.env.NODE_EXTRA_CA_CERTS) {
  const timeNode = (env) => {
    const start = performance.now();
    spawnSync(process.execPath, ["-e", "0"], { env, stdio: "ignore" });
    return performance.now() - start;
  };
  const withCerts = [];
  const without = [];
  const { NODE_EXTRA_CA_CERTS: _file, ...bare } = process.env;
  for (let i = 0; i < 7; i++) {
    withCerts.push(timeNode(process.env));
    without.push(timeNode(bare));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1].toFixed(0);
  const keep = process.env.BENCH_KEEP_EXTRA_CA_CERTS === "1";
  console.log(
    `NODE_EXTRA_CA_CERTS is set: \`node -e 0\` takes ${median(withCerts)} ms with it, ${median(without)} ms without (7 rounds, medians); ` +
      (keep ? "kept for every process timed (BENCH_KEEP_EXTRA_CA_CERTS=1)." : "removed for every process timed (BENCH_KEEP_EXTRA_CA_CERTS=1 keeps it)."),
  );
  if (!keep) delete process.env.NODE_EXTRA_CA_CERTS;
}
// PYTHONDONTWRITEBYTECODE=1 (set on some machines for every program) stops Python
// from writing the bytecode cache of the files it imports, so Alembic would compile
// every revision file again on every run. Python's default is to write it; the
// graph benchmark times Alembic both ways itself (first run: no __pycache__; warm:
// the cache its earlier run wrote). Removed unless BENCH_KEEP_PYTHONDONTWRITEBYTECODE=1.
if (process.env.PYTHONDONTWRITEBYTECODE) {
  const keep = process.env.BENCH_KEEP_PYTHONDONTWRITEBYTECODE === "1";
  console.log(
    `PYTHONDONTWRITEBYTECODE is set: ` +
      (keep ? "kept for every process timed (BENCH_KEEP_PYTHONDONTWRITEBYTECODE=1)." : "removed for every process timed, as Python writes its bytecode cache by default (BENCH_KEEP_PYTHONDONTWRITEBYTECODE=1 keeps it)."),
  );
  if (!keep) delete process.env.PYTHONDONTWRITEBYTECODE;
}
const failed = [];
for (const file of selected) {
  const name = file.replace(/\.bench\.mjs$/, "");
  const workDir = join(ROOT, ".bench", name);
  mkdirSync(workDir, { recursive: true });
  console.log(`\n## ${name}\n`);
  try {
    const { default: bench } = await import(pathToFileURL(join(benchDir, file)).href);
    await bench({ workDir, runs });
  } catch (error) {
    // one broken benchmark should not hide the others' figures
    console.log(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    failed.push(name);
  }
}
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(", ")}`);
  process.exitCode = 1;
}
