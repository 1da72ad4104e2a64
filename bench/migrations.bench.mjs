// `upgrade head` and `downgrade base` over 1,000 small revisions on each database,
// against a floor: the same SQL (from `--sql`) fed straight to the database's own
// client (psql, mariadb, sqlite3) when it is installed. The ratio is athanor's time
// over the client's: what the runtime costs on top of the SQL itself.
import { spawnSync } from "node:child_process";
import { createConnection } from "node:net";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { BIN, ROOT, printTable } from "./support/timing.mjs";

const COUNT = Number(process.env.BENCH_REVISIONS ?? 1000);
const SERVERS = {
  postgresql: process.env.ATHANOR_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/athanor_test",
  mysql: process.env.ATHANOR_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/athanor_test",
};

function answers(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

const which = (name) => spawnSync("which", [name], { stdio: "ignore" }).status === 0;

function athanor(args, cwd) {
  const start = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`athanor ${args.join(" ")} failed (exit ${result.status}): ${result.stderr.trim()}`);
  return { ms, stdout: result.stdout };
}

/** How to feed an SQL file to the database's own client, or null when it is not installed. */
function clientFor(dialect, url, dir) {
  if (dialect === "sqlite") {
    if (!which("sqlite3")) return null;
    return { name: "sqlite3", run: (sql) => spawnSync("sqlite3", [join(dir, "bench.db")], { input: sql, encoding: "utf8" }) };
  }
  if (dialect === "postgresql") {
    if (!which("psql")) return null;
    return { name: "psql", run: (sql) => spawnSync("psql", [url, "-q", "-v", "ON_ERROR_STOP=1"], { input: sql, encoding: "utf8" }) };
  }
  const bin = which("mariadb") ? "mariadb" : which("mysql") ? "mysql" : null;
  if (!bin) return null;
  const u = new URL(url);
  const args = ["-h", u.hostname, "-P", u.port || "3306", "-u", decodeURIComponent(u.username || "root"), u.pathname.slice(1)];
  if (u.password) args.push(`-p${decodeURIComponent(u.password)}`);
  return { name: bin, run: (sql) => spawnSync(bin, args, { input: sql, encoding: "utf8" }) };
}

function timeClient(client, sql) {
  const start = performance.now();
  const result = client.run(sql);
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${client.name} failed: ${result.stderr}`);
  return ms;
}

function writeProject(dir, url) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  writeFileSync(
    join(dir, "athanor.config.mjs"),
    `export default ${JSON.stringify({ scriptLocation: "migrations", url, versionTable: "bench_version" })};\n`,
  );
  let down = null;
  const stamp = Date.now();
  for (let i = 1; i <= COUNT; i++) {
    const id = `b${String(i).padStart(6, "0")}`;
    writeFileSync(
      join(dir, "migrations", "versions", `${id}_table_${i}.ts`),
      `/**
 * table ${i}
 *
 * Revision ID: ${id}
 * Revises: ${down ?? ""}
 */
// bench run ${stamp} (new text each run, so the first run really starts with a cold jiti cache)
export const revision = "${id}";
export const downRevision = ${JSON.stringify(down)};
export const branchLabels = null;
export const dependsOn = null;

export async function upgrade(op: any): Promise<void> {
  await op.execute("CREATE TABLE bench_t${i} (id integer PRIMARY KEY, name varchar(50))");
}

export async function downgrade(op: any): Promise<void> {
  await op.execute("DROP TABLE bench_t${i}");
}
`,
    );
    down = id;
  }
}

async function dropLeftovers(url) {
  const { connect } = await import(pathToFileURL(join(ROOT, "dist", "dialects", "index.js")).href);
  const db = await connect(url);
  try {
    const list = url.startsWith("postgres")
      ? await db.execute("SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE 'bench\\_%'")
      : await db.execute("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = database() AND table_name LIKE 'bench\\_%'");
    for (const row of list.rows) await db.execute(`DROP TABLE IF EXISTS ${db.dialect.quoteTable(String(row.t ?? Object.values(row)[0]))}`);
  } finally {
    await db.close();
  }
}

export default async function bench({ workDir, runs }) {
  const rounds = Math.max(1, Math.min(runs, Number(process.env.BENCH_MIGRATION_RUNS ?? 3)));
  const dialects = ["sqlite"];
  for (const [name, url] of Object.entries(SERVERS)) {
    if (await answers(url)) dialects.push(name);
    else console.log(`(${name} skipped: no server at ${new URL(url).host})`);
  }
  const rows = [];
  const colds = [];
  for (const dialect of dialects) {
    const dir = join(workDir, dialect);
    const url = dialect === "sqlite" ? `sqlite:///${join(dir, "bench.db")}` : SERVERS[dialect];
    writeProject(dir, url);
    if (dialect !== "sqlite") await dropLeftovers(url);
    const upSql = athanor(["upgrade", "base:head", "--sql"], dir).stdout;
    const downSql = athanor(["downgrade", "head:base", "--sql"], dir).stdout;
    // one round outside the means: it fills jiti's cache of the revision files (and the database's caches)
    const cold = athanor(["upgrade", "head", "-q"], dir).ms;
    athanor(["downgrade", "base", "-q"], dir);
    colds.push([dialect, cold]);
    const up = [];
    const down = [];
    for (let i = 0; i < rounds; i++) {
      up.push(athanor(["upgrade", "head", "-q"], dir).ms);
      down.push(athanor(["downgrade", "base", "-q"], dir).ms);
    }
    // what every command costs before any revision runs: node, the CLI, the config, one connection
    const startup = [];
    for (let i = 0; i < rounds; i++) startup.push(athanor(["current", "-q"], dir).ms);
    const client = clientFor(dialect, url, dir);
    const floorUp = [];
    const floorDown = [];
    if (client) {
      for (let i = 0; i < rounds; i++) {
        floorUp.push(timeClient(client, upSql));
        floorDown.push(timeClient(client, downSql));
      }
    }
    const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
    for (const [what, own, floor] of [
      ["upgrade head", up, floorUp],
      ["downgrade base", down, floorDown],
    ]) {
      rows.push([
        dialect,
        what,
        `${mean(own).toFixed(0)} ms`,
        `${((mean(own) - mean(startup)) / COUNT).toFixed(2)} ms`,
        floor.length ? `${mean(floor).toFixed(0)} ms (${client.name})` : "(no client)",
        floor.length ? `${(mean(own) / mean(floor)).toFixed(2)}x` : "-",
      ]);
    }
    if (dialect !== "sqlite") await dropLeftovers(url);
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`${COUNT} revisions, each one CREATE TABLE / DROP TABLE; mean of ${rounds} runs (whole process)\n`);
  printTable(["database", "command", "athanor", "per revision (after start-up)", "same SQL via client", "ratio"], rows);
  console.log(
    `\nfirst upgrade of a fresh checkout (revision files not yet in jiti's cache): ${colds
      .map(([d, ms]) => `${d} ${(ms / 1000).toFixed(1)} s`)
      .join(", ")}`,
  );
}

// run alone: node bench/migrations.bench.mjs
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const workDir = join(ROOT, ".bench", "migrations");
  mkdirSync(workDir, { recursive: true });
  await bench({ workDir, runs: 3 });
}
