// Timing whole `athanor` processes: hyperfine when installed, else spawnSync in a loop.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const BIN = join(ROOT, "bin", "athanor.js");

let hyperfineChecked;
/** Whether hyperfine is on the PATH (and not disabled with BENCH_NO_HYPERFINE=1). */
export function hasHyperfine() {
  if (process.env.BENCH_NO_HYPERFINE === "1") return false;
  hyperfineChecked ??= spawnSync("hyperfine", ["--version"], { stdio: "ignore" }).status === 0;
  return hyperfineChecked;
}

/** Run `athanor ...args` once in `cwd`; throws with its stderr when it fails. */
export function runAthanor(args, cwd) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  if (result.status !== 0) {
    throw new Error(`athanor ${args.join(" ")} failed (exit ${result.status}): ${result.stderr.trim()}`);
  }
  return result.stdout;
}

function shellQuote(text) {
  return /^[\w./:=@+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * Time `athanor ...args` in `cwd`: `runs` measured runs after `warmup` unmeasured
 * ones. Returns { mean, sd, min, max } in milliseconds.
 */
export function timeAthanor(args, cwd, { runs = 10, warmup = 2 } = {}) {
  runAthanor(args, cwd); // fails loudly before any timing
  if (hasHyperfine()) {
    const dir = mkdtempSync(join(tmpdir(), "athanor-bench-"));
    try {
      const json = join(dir, "result.json");
      const command = [process.execPath, BIN, ...args].map(shellQuote).join(" ");
      const result = spawnSync(
        "hyperfine",
        ["--warmup", String(warmup), "--runs", String(runs), "--style", "none", "--output", "null",
         "--export-json", json, command],
        { cwd, encoding: "utf8" },
      );
      if (result.status !== 0) {
        // one run failed; run it again to show why
        runAthanor(args, cwd);
        throw new Error(`hyperfine failed on athanor ${args.join(" ")} (passed when run again): ${result.stderr}`);
      }
      const [r] = JSON.parse(readFileSync(json, "utf8")).results;
      return { mean: r.mean * 1000, sd: (r.stddev ?? 0) * 1000, min: r.min * 1000, max: r.max * 1000 };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  for (let i = 0; i < warmup; i++) runAthanor(args, cwd);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
    samples.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`athanor ${args.join(" ")} failed during timing: ${result.stderr}`);
  }
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const sd = Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, samples.length - 1));
  return { mean, sd, min: Math.min(...samples), max: Math.max(...samples) };
}

/** `12.3 ± 0.4 ms` */
export function formatTiming({ mean, sd }) {
  return `${mean.toFixed(1)} ± ${sd.toFixed(1)} ms`;
}

/** Print rows (arrays of strings) as an aligned table with a header row. */
export function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join("  ").trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}
