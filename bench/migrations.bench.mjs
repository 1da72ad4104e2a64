// The core job beside the peers: `count` migrations (1,000), each one CREATE TABLE
// (and DROP TABLE on the way down), run up to the head and back down to the base by
// athanor, by the client floor and by each peer on each database it supports, every
// one a whole process, interleaved round by round (the order rotating), medians with
// min and max. Ratios are athanor's median over the floor's and over each peer's.
//   floor           the script `athanor upgrade base:head --sql` writes (and downgrade
//                   head:base), sent by the plain driver one statement per call
//   drizzle-kit     `drizzle-kit migrate` (it has no down migrations)
//   knex            knex.migrate.latest() / rollback(all)
//   node-pg-migrate runner({ direction }) (PostgreSQL only)
//   kysely          Migrator.migrateToLatest() / migrateTo(NO_MIGRATIONS)
// The peers are the benchmark's own dev dependencies (bench/package.json), installed by
// bench/run.mjs; without them only athanor and the floor run. SQLite runs on libsql for
// every tool. BENCH_QUICK=1: 200 migrations, one round. BENCH_BASELINE=<another built checkout>:
// that build of athanor too, in the same rounds (its ratios on rows of their own).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { writeAthanor, writeDrizzle, writeModules, projectsRoot } from "./peers/projects.mjs";
import { BIN, ROOT, printTable } from "./support/timing.mjs";
import { answers } from "./support/server-answers.mjs";

const QUICK = process.env.BENCH_QUICK === "1";
const COUNT = Number(process.env.BENCH_REVISIONS ?? (QUICK ? 200 : 1000));
const SERVERS = {
  postgresql: process.env.ATHANOR_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/athanor_test",
  mysql: process.env.ATHANOR_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/athanor_test",
};
const BENCH_MODULES = join(ROOT, "bench", "node_modules");
const PEER_RUNNER = join(ROOT, "bench", "peers", "run-peer.mjs");
const FLOOR = join(ROOT, "bench", "peers", "floor.mjs");
const DRIZZLE_KIT = join(BENCH_MODULES, "drizzle-kit", "bin.cjs");
const BASELINE_BIN = process.env.BENCH_BASELINE ? join(resolve(process.env.BENCH_BASELINE), "bin", "athanor.js") : undefined;

/** Run one whole process; returns its wall time in ms, throws with its output when it fails. */
function timed(label, args, cwd) {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(`${label} failed (exit ${result.status}): ${`${result.stderr}\n${result.stdout}`.trim().slice(0, 2000)}`);
  }
  return { ms, stdout: result.stdout };
}

/** How many of the benchmark's tables bench_t<i> exist: every tool must create all of them. */
async function countTables(dialect, url) {
  const { connect } = await import(pathToFileURL(join(ROOT, "dist", "dialects", "index.js")).href);
  const db = await connect(url);
  try {
    const sql =
      dialect === "postgresql"
        ? "SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'bench\\_t%'"
        : dialect === "mysql"
          ? "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = database() AND table_name LIKE 'bench\\_t%'"
          : "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name LIKE 'bench\\_t%' ESCAPE '\\'";
    return Number(Object.values((await db.execute(sql)).rows[0])[0]);
  } finally {
    await db.close();
  }
}

/** Every table the tools leave (bench_* and drizzle's bookkeeping), dropped with the project's own driver layer. */
async function dropEverything(dialect, url) {
  if (dialect === "sqlite") {
    const file = url.replace(/^sqlite:\/\/\//, "");
    for (const suffix of ["", "-journal", "-wal", "-shm", "-athanor.lock"]) rmSync(file + suffix, { force: true });
    return;
  }
  const { connect } = await import(pathToFileURL(join(ROOT, "dist", "dialects", "index.js")).href);
  const db = await connect(url);
  try {
    const list =
      dialect === "postgresql"
        ? await db.execute("SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'bench\\_%'")
        : await db.execute("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = database() AND table_name LIKE 'bench\\_%'");
    for (const row of list.rows) await db.execute(`DROP TABLE IF EXISTS ${db.dialect.quoteTable(String(row.t ?? Object.values(row)[0]))}`);
    if (dialect === "postgresql") {
      await db.execute('DROP SCHEMA IF EXISTS "drizzle" CASCADE');
      // a server without autovacuum (as here) keeps every catalog row of the 1,000 tables each
      // tool made and dropped, and the next tool's DDL then works through them: vacuumed before
      // the next tool runs, so that none runs on the catalogs another left
      await db.execute("VACUUM");
    }
  } finally {
    await db.close();
  }
}

/** The tools that run on `dialect`: { name, up(), down() | null }; `down` null where the tool has none. */
function toolsFor(dialect, url, root, peers) {
  const tools = [];
  // a build of athanor (its bin) with a project folder of its own
  const athanorTool = (name, bin) => {
    const dir = join(root, name);
    writeAthanor(dir, url, COUNT);
    return {
      name,
      up: () => timed(`${name} upgrade`, [bin, "upgrade", "head", "-q"], dir).ms,
      down: () => timed(`${name} downgrade`, [bin, "downgrade", "base", "-q"], dir).ms,
    };
  };
  tools.push(athanorTool("athanor", BIN));
  const athanorDir = join(root, "athanor");
  // BENCH_BASELINE: another built checkout of athanor, timed beside this one in the same rounds
  if (BASELINE_BIN !== undefined) tools.push(athanorTool("athanor-baseline", BASELINE_BIN));
  // the floor's scripts come from athanor's own --sql output
  const floorDir = join(root, "floor");
  mkdirSync(floorDir, { recursive: true });
  const upSql = join(floorDir, "up.sql");
  const downSql = join(floorDir, "down.sql");
  writeFileSync(upSql, timed("athanor --sql", [BIN, "upgrade", "base:head", "--sql"], athanorDir).stdout);
  writeFileSync(downSql, timed("athanor --sql", [BIN, "downgrade", "head:base", "--sql"], athanorDir).stdout);
  tools.push({
    name: "floor",
    up: () => timed("floor up", [FLOOR, dialect, url, upSql], floorDir).ms,
    down: () => timed("floor down", [FLOOR, dialect, url, downSql], floorDir).ms,
  });
  if (!peers) return tools;
  const drizzleDir = join(root, "drizzle-kit");
  writeDrizzle(drizzleDir, dialect, url, COUNT);
  tools.push({ name: "drizzle-kit", up: () => timed("drizzle-kit migrate", [DRIZZLE_KIT, "migrate", "--config", "drizzle.config.json"], drizzleDir).ms, down: null });
  for (const name of ["knex", "node-pg-migrate", "kysely"]) {
    if (name === "node-pg-migrate" && dialect !== "postgresql") continue;
    const dir = join(root, name);
    writeModules(dir, name, COUNT);
    tools.push({
      name,
      up: () => timed(`${name} up`, [PEER_RUNNER, name, dialect, "up", dir, url], dir).ms,
      down: () => timed(`${name} down`, [PEER_RUNNER, name, dialect, "down", dir, url], dir).ms,
    });
  }
  return tools;
}

/** One line per timed process, as it ends (BENCH_PROGRESS=0 silences them). */
function progress(dialect, round, tool, direction, ms) {
  if (process.env.BENCH_PROGRESS !== "0") console.log(`  round ${round + 1} ${dialect} ${tool} ${direction}: ${(ms / 1000).toFixed(2)} s`);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const seconds = (ms) => (ms / 1000).toFixed(2);
const cell = (xs) => (xs === undefined || xs.length === 0 ? "—" : xs.length === 1 ? `${seconds(xs[0])} s` : `${seconds(median(xs))} s (${seconds(Math.min(...xs))}–${seconds(Math.max(...xs))})`);

export default async function bench({ workDir, runs }) {
  const rounds = Math.max(1, Math.min(runs, Number(process.env.BENCH_MIGRATION_RUNS ?? (QUICK ? 1 : 3))));
  const peers = existsSync(DRIZZLE_KIT);
  if (!peers) console.log("(peers not installed: run `npm ci --prefix bench`, or `npm run bench`, which does it)");
  const dialects = ["sqlite"];
  for (const [name, url] of Object.entries(SERVERS)) {
    if (await answers(url)) dialects.push(name);
    else console.log(`(${name} skipped: no server at ${new URL(url).host})`);
  }
  const results = [];
  const colds = [];
  for (const dialect of dialects) {
    const root = projectsRoot(join(workDir, dialect), BENCH_MODULES);
    const url = dialect === "sqlite" ? `sqlite:///${join(root, "bench.db")}` : SERVERS[dialect];
    await dropEverything(dialect, url);
    const tools = toolsFor(dialect, url, root, peers);
    const times = new Map(tools.map((t) => [t.name, { up: [], down: [] }]));
    // athanor's first run compiles its revision files into its cache: outside the figures
    for (const athanor of tools.filter((t) => t.name.startsWith("athanor"))) {
      const cold = athanor.up();
      if (athanor.name === "athanor") colds.push([dialect, cold]);
      athanor.down();
      await dropEverything(dialect, url);
    }
    for (let round = 0; round < rounds; round++) {
      const shift = round % tools.length;
      for (const tool of [...tools.slice(shift), ...tools.slice(0, shift)]) {
        times.get(tool.name).up.push(tool.up());
        progress(dialect, round, tool.name, "up", times.get(tool.name).up.at(-1));
        // every tool must really have made the tables (and removed them)
        if (round === 0) {
          const made = await countTables(dialect, url);
          if (made !== COUNT) throw new Error(`${tool.name} on ${dialect} left ${made} of the ${COUNT} tables after migrating up`);
        }
        if (tool.down) {
          times.get(tool.name).down.push(tool.down());
          progress(dialect, round, tool.name, "down", times.get(tool.name).down.at(-1));
          const left = round === 0 ? await countTables(dialect, url) : 0;
          if (left !== 0) throw new Error(`${tool.name} on ${dialect} left ${left} tables after migrating down`);
        }
        await dropEverything(dialect, url);
      }
    }
    results.push({ dialect, tools: tools.map((t) => t.name), times });
    rmSync(root, { recursive: true, force: true });
  }

  const names = ["athanor", ...(BASELINE_BIN === undefined ? [] : ["athanor-baseline"]), "floor", "drizzle-kit", "knex", "node-pg-migrate", "kysely"];
  const rows = [];
  const ratioRows = [];
  for (const { dialect, times } of results) {
    for (const [what, key] of [["upgrade head", "up"], ["downgrade base", "down"]]) {
      rows.push([dialect, what, ...names.map((n) => cell(times.get(n)?.[key]))]);
      const own = times.get("athanor")[key];
      ratioRows.push([
        dialect,
        what,
        ...names.slice(1).map((n) => {
          const other = times.get(n)?.[key];
          return other === undefined || other.length === 0 ? "—" : `${(median(own) / median(other)).toFixed(2)}x`;
        }),
      ]);
      const base = times.get("athanor-baseline")?.[key];
      if (base !== undefined) {
        ratioRows.push([
          dialect,
          `${what} (baseline)`,
          ...names.slice(1).map((n) => {
            const other = times.get(n)?.[key];
            return n === "athanor-baseline" || other === undefined || other.length === 0 ? "—" : `${(median(base) / median(other)).toFixed(2)}x`;
          }),
        ]);
      }
    }
  }
  console.log(`${COUNT} migrations, each one CREATE TABLE (DROP TABLE down); whole processes, ${rounds} interleaved round${rounds === 1 ? "" : "s"}, median (min–max)\n`);
  printTable(["database", "command", ...names], rows);
  console.log(`\nathanor's median over each other's (below 1.00x: athanor is faster)\n`);
  printTable(["database", "command", ...names.slice(1).map((n) => `÷ ${n}`)], ratioRows);
  console.log(`\nfirst upgrade of a fresh checkout (revision files not yet cached): ${colds.map(([d, ms]) => `${d} ${seconds(ms)} s`).join(", ")}`);
}

// run alone: node bench/migrations.bench.mjs
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const workDir = join(ROOT, ".bench", "migrations");
  mkdirSync(workDir, { recursive: true });
  await bench({ workDir, runs: 3 });
}
