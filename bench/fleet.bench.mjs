// Fleets: 1,000 SQLite tenant files and 200 PostgreSQL schemas taken from base to head
// through 20 revisions, one target at a time (--concurrency 1) against several at once,
// interleaved round by round, each run a fresh process; with its peak memory (RSS and
// heap high-water). Then the memory check: each fleet at a quarter of its size and at
// its whole size, where the heap kept may grow by the targets' result lines and no more.
// BENCH_FLEET_RUNS rounds (default 3); BENCH_FLEET_SQLITE / BENCH_FLEET_POSTGRES sizes.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, printTable } from "./support/timing.mjs";

const REVISIONS = 20;
const SQLITE = Number(process.env.BENCH_FLEET_SQLITE ?? 1000);
const POSTGRES = Number(process.env.BENCH_FLEET_POSTGRES ?? 200);
const POSTGRES_URL = process.env.ATHANOR_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/athanor_test";
const DRIVER = join(ROOT, "bench", "support", "fleet-driver.mjs");

function revisionFile(n) {
  const id = `f${String(n).padStart(11, "0")}`;
  const down = n === 1 ? "null" : JSON.stringify(`f${String(n - 1).padStart(11, "0")}`);
  return [
    id,
    `/**\n * table ${n}\n *\n * Revision ID: ${id}\n * Revises: ${n === 1 ? "" : JSON.parse(down)}\n * Create Date: 2026-12-06 08:00:00.000000\n */\n` +
      `export const revision = ${JSON.stringify(id)};\nexport const downRevision = ${down};\n` +
      `export async function upgrade(op: any): Promise<void> {\n` +
      `  await op.execute("CREATE TABLE item_${n} (id integer PRIMARY KEY, name varchar(100) NOT NULL, note varchar(200))");\n` +
      `  await op.execute("CREATE INDEX ix_item_${n}_name ON item_${n} (name)");\n}\n` +
      `export async function downgrade(op: any): Promise<void> {\n  await op.execute("DROP TABLE item_${n}");\n}\n`,
  ];
}

/** A project whose fleet `tenants` is read from FLEET_SIZE by a function, as a fleet read from a control database would be. */
function writeFleetProject(dir, kind) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  for (let n = 1; n <= REVISIONS; n++) {
    const [id, text] = revisionFile(n);
    writeFileSync(join(dir, "migrations", "versions", `${id}_table_${n}.ts`), text);
  }
  const target =
    kind === "sqlite"
      ? "(_, i) => ({ name: `t${String(i).padStart(4, '0')}`, url: `sqlite:///tenants/t${i}.db` })"
      : `(_, i) => ({ name: \`s\${String(i).padStart(4, '0')}\`, url: ${JSON.stringify(POSTGRES_URL)}, schema: \`bench_fleet_\${String(i).padStart(4, '0')}\` })`;
  writeFileSync(
    join(dir, "athanor.config.mjs"),
    `export default {\n  scriptLocation: "migrations",\n  fleets: { tenants: async () => Array.from({ length: Number(process.env.FLEET_SIZE) }, ${target}) },\n};\n`,
  );
}

async function resetPostgres(size) {
  const { connect } = await import(pathToFileURL(join(ROOT, "dist", "index.js")).href);
  const db = await connect(POSTGRES_URL);
  try {
    const existing = await db.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'bench_fleet_%'");
    for (const row of existing.rows) await db.execute(`DROP SCHEMA "${row.nspname}" CASCADE`);
    for (let i = 0; i < size; i++) await db.execute(`CREATE SCHEMA "bench_fleet_${String(i).padStart(4, "0")}"`);
  } finally {
    await db.close();
  }
}

async function reset(kind, dir, size) {
  if (kind === "sqlite") {
    rmSync(join(dir, "tenants"), { recursive: true, force: true });
    mkdirSync(join(dir, "tenants"));
  } else await resetPostgres(size);
}

function drive(dir, size, concurrency) {
  const result = spawnSync(process.execPath, ["--expose-gc", DRIVER, dir, String(concurrency)], {
    encoding: "utf8",
    env: { ...process.env, FLEET_SIZE: String(size) },
    maxBuffer: 1 << 26,
  });
  if (result.status !== 0) throw new Error(`fleet run failed: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout.trim().split("\n").pop());
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const spread = (xs, f) => `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;

export default async function fleet({ workDir }) {
  const rounds = Math.max(1, Number(process.env.BENCH_FLEET_RUNS ?? 3));
  const setups = [
    { kind: "sqlite", size: SQLITE, modes: [1, 4, 16] },
    { kind: "postgresql", size: POSTGRES, modes: [1, 4, 8] },
  ];
  const samples = new Map();
  for (const setup of setups) writeFleetProject(join(workDir, setup.kind), setup.kind);
  for (let round = 0; round < rounds; round++) {
    for (const setup of setups) {
      const dir = join(workDir, setup.kind);
      for (const concurrency of setup.modes) {
        await reset(setup.kind, dir, setup.size);
        const run = drive(dir, setup.size, concurrency);
        if (run.steps !== setup.size * REVISIONS) throw new Error(`expected ${setup.size * REVISIONS} steps, ran ${run.steps}`);
        const key = `${setup.kind} ${concurrency}`;
        samples.set(key, [...(samples.get(key) ?? []), run]);
        if (process.env.BENCH_PROGRESS !== "0") console.log(`  round ${round + 1} ${setup.kind} --concurrency ${concurrency}: ${(run.ms / 1000).toFixed(2)} s`);
      }
    }
  }
  console.log("");
  const rows = [];
  for (const setup of setups) {
    const sequential = median(samples.get(`${setup.kind} 1`).map((r) => r.ms));
    for (const concurrency of setup.modes) {
      const runs = samples.get(`${setup.kind} ${concurrency}`);
      const ms = runs.map((r) => r.ms);
      rows.push([
        setup.kind,
        `${setup.size} × ${REVISIONS}`,
        String(concurrency),
        spread(ms, (x) => `${(x / 1000).toFixed(2)} s`),
        `${(setup.size / (median(ms) / 1000)).toFixed(0)}/s`,
        `${(sequential / median(ms)).toFixed(2)}×`,
        mb(median(runs.map((r) => r.peakRss))),
        mb(median(runs.map((r) => r.peakHeap))),
      ]);
    }
  }
  printTable(["database", "targets × revisions", "concurrency", "time, median (min–max)", "targets", "vs sequential", "peak RSS", "heap high-water"], rows);

  // memory: a quarter of each fleet against the whole of it
  for (const setup of setups) {
    console.log("");
    const dir = join(workDir, setup.kind);
    const sizes = [Math.round(setup.size / 4), setup.size];
    const concurrency = setup.modes[setup.modes.length - 1];
    const memory = new Map();
    for (let round = 0; round < rounds; round++) {
      for (const size of sizes) {
        await reset(setup.kind, dir, size);
        memory.set(size, [...(memory.get(size) ?? []), drive(dir, size, concurrency)]);
      }
    }
    const [small, large] = sizes.map((size) => {
      const runs = memory.get(size);
      return { size, peakHeap: median(runs.map((r) => r.peakHeap)), retained: median(runs.map((r) => r.retained)), peakRss: median(runs.map((r) => r.peakRss)), resultBytes: runs[0].resultBytes };
    });
    const extra = large.size - small.size;
    const perTarget = (key) => (large[key] - small[key]) / extra;
    printTable(
      [`${setup.kind} targets (concurrency ${concurrency})`, "peak RSS", "heap high-water", "heap kept after the run", "result lines (JSON)"],
      [small, large].map((m) => [String(m.size), mb(m.peakRss), mb(m.peakHeap), mb(m.retained), `${(m.resultBytes / 1024).toFixed(0)} KB`]),
    );
    const linePerTarget = (large.resultBytes - small.resultBytes) / extra;
    console.log(
      `per extra target: peak RSS ${(perTarget("peakRss") / 1024).toFixed(1)} KB, heap high-water ${(perTarget("peakHeap") / 1024).toFixed(1)} KB, ` +
        `heap kept ${perTarget("retained").toFixed(0)} B; its result line is ${linePerTarget.toFixed(0)} B of JSON`,
    );
  }
  await resetPostgres(0);
}
