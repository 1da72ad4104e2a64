// Autogenerate against a database that already matches a large declared schema:
// 1,000 tables (ten columns, two indexes, a unique constraint, one or two foreign
// keys each) and, for the scaling, 100. On each database that answers it times
// `athanor check` and `athanor revision --autogenerate` as whole processes (both must
// find nothing to do), and in process `compareMetadata` (catalog reading and
// comparison) and the catalog reading alone (`dialect.reflect`), counting the
// queries reflect sends: that count must not grow with the number of tables.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { BIN, ROOT, printTable } from "./support/timing.mjs";
import { declareWideSchema } from "./support/wide-schema.mjs";
import { answers } from "./support/server-answers.mjs";

const SIZES = (process.env.BENCH_TABLES ?? "100,1000").split(",").map(Number);
const SERVERS = {
  postgresql: process.env.ATHANOR_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/athanor_test",
  mysql: process.env.ATHANOR_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/athanor_test",
};
const distUrl = (path, root = ROOT) => pathToFileURL(join(root, "dist", path)).href;
// BENCH_BASELINE=<another built checkout>: its `check` and `current` are timed too, in the same rounds
const BASELINE = process.env.BENCH_BASELINE;
const schemaModuleUrl = pathToFileURL(join(ROOT, "bench", "support", "wide-schema.mjs")).href;

/** Also checks that the server accepts the URL (a port may answer a database that refuses us). */
async function reachable(athanor, url) {
  if (!(await answers(url))) return `no server at ${new URL(url).host}`;
  try {
    const connection = await athanor.connect(url);
    await connection.close();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * A database of the benchmark's own: a temp SQLite file, a PostgreSQL schema (made the
 * default through the URL's search_path), a MariaDB/MySQL database. `url` reaches it
 * from a fresh process too; `drop()` removes it.
 */
async function openSandbox(athanor, dialect, tag) {
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "athanor-bench-ag-db-"));
    return { url: `sqlite:///${join(dir, "bench.db")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = await athanor.connect(SERVERS[dialect]);
  const name = `bench_ag_${process.pid}_${tag}`;
  const quoted = admin.dialect.quoteIdentifier(name);
  const url = new URL(SERVERS[dialect]);
  if (dialect === "postgresql") {
    await admin.execute(`DROP SCHEMA IF EXISTS ${quoted} CASCADE`);
    await admin.execute(`CREATE SCHEMA ${quoted}`);
    url.searchParams.set("options", `-c search_path=${name}`);
  } else {
    await admin.execute(`DROP DATABASE IF EXISTS ${quoted}`);
    await admin.execute(`CREATE DATABASE ${quoted}`);
    url.pathname = `/${name}`;
  }
  return {
    url: url.toString(),
    async drop(tables = []) {
      try {
        if (dialect === "postgresql") {
          // one table at a time: one DROP SCHEMA ... CASCADE over thousands of objects
          // can run out of lock slots (max_locks_per_transaction)
          for (const table of [...tables].reverse()) {
            await admin.execute(`DROP TABLE IF EXISTS ${admin.dialect.quoteTable(table, name)} CASCADE`);
          }
          await admin.execute(`DROP SCHEMA IF EXISTS ${quoted} CASCADE`);
        } else {
          await admin.execute(`DROP DATABASE IF EXISTS ${quoted}`);
        }
      } finally {
        await admin.close();
      }
    },
  };
}

/** Create the declared schema in an empty database: the operations autogenerate produces, compiled and run. */
async function createSchema(athanor, connection, metadata) {
  const { upgradeOps } = await athanor.produceMigrations(connection, metadata);
  let statements = 0;
  for (const operation of upgradeOps) {
    for (const sql of connection.dialect.ddl.compile(operation)) {
      await connection.execute(sql);
      statements++;
    }
  }
  return statements;
}

/**
 * Count the statements a connection sends while `action` runs: each `execute`, and
 * each group of SELECTs sent together as one statement (MariaDB's catalog reading).
 */
async function counting(connection, action) {
  const execute = connection.execute;
  const together = connection.readResultSets;
  let count = 0;
  connection.execute = function (...args) {
    count++;
    return execute.apply(this, args);
  };
  if (typeof together === "function") {
    connection.readResultSets = function (...args) {
      count++;
      return together.apply(this, args);
    };
  }
  try {
    await action();
  } finally {
    connection.execute = execute;
    if (typeof together === "function") delete connection.readResultSets;
  }
  return count;
}

async function timeInProcess(reps, action) {
  const samples = [];
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    await action();
    samples.push(performance.now() - start);
  }
  return samples;
}

function runCli(args, cwd, bin = BIN) {
  // the baseline keeps its code caches apart: one folder would hold one build's at a time
  const env = bin === BIN ? process.env : { ...process.env, ATHANOR_CACHE_DIR: join(cwd, ".athanor-cache") };
  const start = performance.now();
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, env, encoding: "utf8", maxBuffer: 1 << 28 });
  return { ms: performance.now() - start, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeProject(dir, url, count, root = ROOT) {
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  writeFileSync(
    join(dir, "athanor.config.mjs"),
    `export default ${JSON.stringify({ scriptLocation: "migrations", url, versionTable: "bench_version" })};\n`,
  );
  writeFileSync(
    join(dir, "migrations", "env.ts"),
    `import * as athanor from ${JSON.stringify(distUrl("index.js", root))};
import { declareWideSchema } from ${JSON.stringify(schemaModuleUrl)};

export default athanor.defineEnvironment({ targetMetadata: declareWideSchema(athanor, ${count}) });
`,
  );
}

/** A python3 that has Alembic (BENCH_PYTHON, else the first that imports it), or null. */
let alembicPython;
function findAlembic() {
  if (alembicPython !== undefined) return alembicPython;
  alembicPython = null;
  for (const python of [process.env.BENCH_PYTHON, "python3", "/usr/bin/python3"].filter(Boolean)) {
    const probe = spawnSync(python, ["-c", "import alembic, sqlalchemy; print(alembic.__version__)"], { encoding: "utf8" });
    if (probe.status === 0) {
      alembicPython = { python, version: probe.stdout.trim() };
      break;
    }
  }
  return alembicPython;
}

/** The sandbox's URL as SQLAlchemy writes it (psycopg2, PyMySQL). */
function sqlalchemyUrl(url) {
  if (url.startsWith("sqlite:")) return url;
  if (url.startsWith("postgres")) return url.replace(/^postgres(ql)?:/, "postgresql+psycopg2:");
  return url.replace(/^mysql:/, "mysql+pymysql:");
}

/** Alembic's no-op check of the same schema, one process (bench/support/alembic_check.py); its time. */
function alembicOnce(url, count) {
  const { python } = findAlembic();
  const start = performance.now();
  const run = spawnSync(python, [join(ROOT, "bench", "support", "alembic_check.py"), sqlalchemyUrl(url), String(count)], { encoding: "utf8" });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`Alembic's check failed (exit ${run.status}):\n${firstLines(run.stdout + run.stderr)}`);
  if (!/^0 difference/.test(run.stdout)) throw new Error(`Alembic's check found differences: ${firstLines(run.stdout)}`);
  return ms;
}

const firstLines = (text, n = 12) => text.trim().split("\n").slice(0, n).join("\n");

/** `athanor check` must exit 0 (nothing differs); returns its time. */
function checkOnce(dir, bin) {
  const run = runCli(["check"], dir, bin);
  if (run.status !== 0) {
    throw new Error(`athanor check found differences or failed (exit ${run.status}):\n${firstLines(run.stdout + run.stderr)}`);
  }
  return run.ms;
}

/** `athanor current`: the same start-up (node, CLI, config, env.ts and its schema, one connection) without the comparison. */
function currentOnce(dir, bin) {
  const run = runCli(["current"], dir, bin);
  if (run.status !== 0) throw new Error(`athanor current failed (exit ${run.status}):\n${firstLines(run.stdout + run.stderr)}`);
  return run.ms;
}

/** `athanor revision --autogenerate` must write a revision without operations; removes it again. */
function revisionOnce(dir) {
  const versions = join(dir, "migrations", "versions");
  const run = runCli(["revision", "--autogenerate", "-m", "bench"], dir);
  if (run.status !== 0) {
    throw new Error(`athanor revision --autogenerate failed (exit ${run.status}):\n${firstLines(run.stdout + run.stderr)}`);
  }
  const files = readdirSync(versions).filter((f) => !f.startsWith("."));
  if (files.length !== 1) throw new Error(`revision --autogenerate left ${files.length} files in versions/: ${files.join(", ")}`);
  const text = readFileSync(join(versions, files[0]), "utf8");
  // the body of upgrade() and downgrade(): nothing but comments when nothing differs
  const calls = text.split("\n").filter((line) => /\bop\.\w+\(/.test(line) && !line.trim().startsWith("//") && !line.trim().startsWith("*"));
  rmSync(join(versions, files[0]));
  if (calls.length > 0) throw new Error(`revision --autogenerate wrote operations:\n${firstLines(calls.join("\n"))}`);
  return run.ms;
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}
const fmt = (samples) => {
  const { median, min, max } = stats(samples);
  return samples.length === 1 ? median.toFixed(0) : `${median.toFixed(0)} (${min.toFixed(0)}–${max.toFixed(0)})`;
};

async function measure(athanor, dialect, count, reps) {
  const sandbox = await openSandbox(athanor, dialect, count);
  const project = mkdtempSync(join(tmpdir(), "athanor-bench-ag-"));
  const baselineProject = BASELINE ? mkdtempSync(join(tmpdir(), "athanor-bench-ag-base-")) : undefined;
  const baselineBin = BASELINE ? join(BASELINE, "bin", "athanor.js") : undefined;
  const metadata = declareWideSchema(athanor, count);
  const tables = metadata.toModel().tables.map((t) => t.name);
  let connection;
  try {
    connection = await athanor.connect(sandbox.url);
    const createStart = performance.now();
    const statements = await createSchema(athanor, connection, metadata);
    const createMs = performance.now() - createStart;

    // nothing may differ, in process first (the clearest message when something does)
    const diffs = await athanor.compareMetadata(connection, metadata);
    if (diffs.length > 0) {
      throw new Error(
        `${diffs.length} unexpected difference(s) right after creating the schema:\n${firstLines(diffs.map(athanor.describeDiff).join("\n"))}`,
      );
    }

    let reflected;
    const queries = await counting(connection, async () => {
      reflected = await connection.dialect.reflect(connection);
    });
    if (reflected.tables.length !== count) throw new Error(`reflect read ${reflected.tables.length} tables, expected ${count}`);
    const reflectMs = await timeInProcess(reps, () => connection.dialect.reflect(connection));
    const compareMs = await timeInProcess(reps, () => athanor.compareMetadata(connection, metadata));

    writeProject(project, sandbox.url, count);
    checkOnce(project); // also fills jiti's cache of env.ts
    revisionOnce(project);
    const checkMs = [];
    const revisionMs = [];
    const currentMs = [];
    const alembicMs = [];
    const baselineCheckMs = [];
    const baselineCurrentMs = [];
    if (baselineProject) {
      writeProject(baselineProject, sandbox.url, count, BASELINE);
      checkOnce(baselineProject, baselineBin);
    }
    if (findAlembic()) alembicOnce(sandbox.url, count); // warms the same caches athanor's first check did
    for (let i = 0; i < reps; i++) {
      checkMs.push(checkOnce(project));
      if (findAlembic()) alembicMs.push(alembicOnce(sandbox.url, count));
      revisionMs.push(revisionOnce(project));
      currentMs.push(currentOnce(project));
      if (baselineProject) {
        baselineCheckMs.push(checkOnce(baselineProject, baselineBin));
        baselineCurrentMs.push(currentOnce(baselineProject, baselineBin));
      }
    }
    return { count, queries, statements, createMs, reflectMs, compareMs, checkMs, revisionMs, currentMs, alembicMs, baselineCheckMs, baselineCurrentMs };
  } finally {
    await connection?.close();
    rmSync(project, { recursive: true, force: true });
    if (baselineProject) rmSync(baselineProject, { recursive: true, force: true });
    await sandbox.drop(tables);
  }
}

export default async function bench({ runs }) {
  const reps = Math.max(1, Math.min(runs, Number(process.env.BENCH_AUTOGENERATE_RUNS ?? 3)));
  const athanor = await import(distUrl("index.js"));
  // BENCH_DIALECTS=mysql (or sqlite,postgresql,...) measures only those databases
  const wanted = (process.env.BENCH_DIALECTS ?? "sqlite,postgresql,mysql").split(",");
  const dialects = wanted.includes("sqlite") ? ["sqlite"] : [];
  for (const [name, url] of Object.entries(SERVERS)) {
    if (!wanted.includes(name)) continue;
    const why = await reachable(athanor, url);
    if (why === null) dialects.push(name);
    else console.log(`(${name} skipped: ${why})`);
  }
  const errors = [];
  for (const dialect of dialects) {
    const rows = [];
    const notes = [];
    for (const count of SIZES) {
      try {
        const r = await measure(athanor, dialect, count, reps);
        rows.push([
          String(r.count),
          String(r.queries),
          fmt(r.reflectMs),
          fmt(r.compareMs),
          fmt(r.checkMs),
          fmt(r.revisionMs),
          fmt(r.currentMs),
          r.alembicMs.length ? fmt(r.alembicMs) : "—",
          r.alembicMs.length ? `${(stats(r.alembicMs).median / stats(r.checkMs).median).toFixed(1)}x` : "—",
        ]);
        notes.push(`${count} tables created with ${r.statements} statements in ${(r.createMs / 1000).toFixed(1)} s`);
        if (r.baselineCheckMs.length > 0) {
          notes.push(`baseline ${BASELINE}: check ${fmt(r.baselineCheckMs)} ms, current ${fmt(r.baselineCurrentMs)} ms, Alembic ÷ its check ${(stats(r.alembicMs).median / stats(r.baselineCheckMs).median).toFixed(1)}x`);
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        rows.push([String(count), "ERROR", "-", "-", "-", "-", "-", "-", "-"]);
        errors.push(`${dialect}, ${count} tables: ${message}`);
        console.log(`(${dialect}, ${count} tables failed: ${message})`);
      }
    }
    console.log(`\n### ${dialect}\n`);
    printTable(
      ["tables", "catalog queries", "reflect ms", "compareMetadata ms", "check ms (process)", "revision --autogenerate ms (process)", "current ms (process)", "Alembic check ms (process)", "Alembic ÷ check"],
      rows,
    );
    if (notes.length > 0) console.log(`(${notes.join("; ")})`);
    const counts = new Set(rows.map((r) => r[1]).filter((q) => q !== "ERROR"));
    if (counts.size > 1) errors.push(`${dialect}: the number of catalog queries grows with the number of tables (${[...counts].join(", ")})`);
  }
  const alembic = findAlembic();
  console.log(
    alembic
      ? `\nAlembic ${alembic.version} (${alembic.python}): the same schema in SQLAlchemy, compared as \`alembic check\` does (bench/support/alembic_check.py), one process, interleaved with athanor's check.`
      : "\n(Alembic not installed: no Alembic column; `apt-get install python3-alembic python3-psycopg2 python3-pymysql` brings it)",
  );
  console.log(
    `\nmedian (min–max) of ${reps} runs, in ms; the ratio is of the medians. compareMetadata reads the catalog and compares; check and revision` +
      ` --autogenerate are whole processes (node start-up, config, env.ts, connection, reflect, compare; revision also writes` +
      ` its file); \`athanor current\` is the floor under both: the same start-up without the comparison.`,
  );
  if (errors.length > 0) {
    for (const error of errors) console.log(`\nERROR ${error}`);
    throw new Error(`${errors.length} error(s), in ${errors.map((e) => e.slice(0, e.indexOf(":"))).join("; ")} (see above)`);
  }
}

// run alone: node bench/autogenerate.bench.mjs
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const workDir = join(ROOT, ".bench", "autogenerate");
  mkdirSync(workDir, { recursive: true });
  await bench({ workDir, runs: 3 });
}
