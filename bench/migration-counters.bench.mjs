// MariaDB: what each tool of the migrations benchmark costs the server and its own process
// per revision, in figures a loaded machine does not change: athanor, the floor and the peers
// each migrate BENCH_REVISIONS (1,000) revisions up (and down where they can), one whole
// process at a time, and around each process the server's global counters are read
// (statements, commits, redo log writes and bytes, fsyncs, bytes received). Beside them the
// process's CPU time (user + system, from /usr/bin/time when there is one) and the server's
// CPU time over the process (every thread of mariadbd, from /proc, when the server runs on
// this machine) are shown; those grow with the load, the counters do not. The counters are
// exact only on a server nothing else uses meanwhile: point ATHANOR_TEST_MYSQL_URL at one of
// your own. BENCH_COUNTER_RUNS (1) rounds, medians shown; BENCH_COUNTER_TOOLS (athanor,floor,
// drizzle-kit,knex,kysely) the tools to run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { writeAthanor, writeDrizzle, writeModules, projectsRoot } from "./peers/projects.mjs";
import { BIN, ROOT, printTable } from "./support/timing.mjs";
import { answers } from "./support/server-answers.mjs";

const URL_ = process.env.ATHANOR_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/athanor_test";
const COUNT = Number(process.env.BENCH_REVISIONS ?? 1000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_COUNTER_RUNS ?? 1));
const BENCH_MODULES = join(ROOT, "bench", "node_modules");
const DRIZZLE_KIT = join(BENCH_MODULES, "drizzle-kit", "bin.cjs");
const COUNTERS = [
  "Questions",
  "Com_begin",
  "Com_commit",
  "Handler_commit",
  "Innodb_log_writes",
  "Innodb_os_log_written",
  "Innodb_data_fsyncs",
  "Bytes_received",
  "Bytes_sent",
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export default async function bench({ workDir }) {
  if (!(await answers(URL_))) {
    console.log(`skipped: no MariaDB server at ${new URL(URL_).host}`);
    return;
  }
  const { connect } = await import(pathToFileURL(join(ROOT, "dist", "dialects", "index.js")).href);
  const admin = await connect(URL_);
  try {
    const one = async (sql) => Object.values((await admin.execute(sql)).rows[0] ?? {})[0];
    const version = String(await one("SELECT VERSION()"));
    if (!/mariadb/i.test(version)) {
      console.log(`skipped: ${version} is not MariaDB`);
      return;
    }
    let serverPid;
    try {
      const file = String(await one("SELECT @@pid_file"));
      serverPid = Number(readFileSync(file.startsWith("/") ? file : join(String(await one("SELECT @@datadir")), file), "utf8").trim());
    } catch {
      serverPid = undefined;
    }
    const serverCpu = () => {
      if (serverPid === undefined) return undefined;
      try {
        const fields = readFileSync(`/proc/${serverPid}/stat`, "utf8").split(") ")[1].split(" ");
        return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
      } catch {
        return undefined;
      }
    };
    const time = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
    const statusSql = `SELECT VARIABLE_NAME AS n, VARIABLE_VALUE AS v FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN (${COUNTERS.map((c) => `'${c.toUpperCase()}'`).join(", ")})`;
    const status = async () => {
      const values = new Map((await admin.execute(statusSql)).rows.map((row) => [String(row.n).toLowerCase(), Number(row.v)]));
      return COUNTERS.map((c) => values.get(c.toLowerCase()) ?? 0);
    };
    const dropEverything = async () => {
      const list = await admin.execute(
        "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = database() AND table_name LIKE 'bench\\_%'",
      );
      for (const row of list.rows) await admin.execute(`DROP TABLE IF EXISTS ${admin.dialect.quoteTable(String(row.t))}`);
    };

    const root = projectsRoot(join(workDir, "mysql"), BENCH_MODULES);
    const tools = [];
    const athanorDir = join(root, "athanor");
    writeAthanor(athanorDir, URL_, COUNT);
    tools.push({ name: "athanor", dir: athanorDir, up: [BIN, "upgrade", "head", "-q"], down: [BIN, "downgrade", "base", "-q"] });
    const floorDir = join(root, "floor");
    mkdirSync(floorDir, { recursive: true });
    const script = (args) => spawnSync(process.execPath, [BIN, ...args], { cwd: athanorDir, encoding: "utf8", maxBuffer: 1 << 28 }).stdout;
    writeFileSync(join(floorDir, "up.sql"), script(["upgrade", "base:head", "--sql"]));
    writeFileSync(join(floorDir, "down.sql"), script(["downgrade", "head:base", "--sql"]));
    const floor = join(ROOT, "bench", "peers", "floor.mjs");
    tools.push({ name: "floor", dir: floorDir, up: [floor, "mysql", URL_, join(floorDir, "up.sql")], down: [floor, "mysql", URL_, join(floorDir, "down.sql")] });
    if (existsSync(DRIZZLE_KIT)) {
      const dir = join(root, "drizzle-kit");
      writeDrizzle(dir, "mysql", URL_, COUNT);
      tools.push({ name: "drizzle-kit", dir, up: [DRIZZLE_KIT, "migrate", "--config", "drizzle.config.json"], down: null });
      const runner = join(ROOT, "bench", "peers", "run-peer.mjs");
      for (const name of ["knex", "kysely"]) {
        const dir = join(root, name);
        writeModules(dir, name, COUNT);
        tools.push({ name, dir, up: [runner, name, "mysql", "up", dir, URL_], down: [runner, name, "mysql", "down", dir, URL_] });
      }
    } else console.log("(peers not installed: run `npm ci --prefix bench`)");

    const run = async (tool, direction) => {
      const args = tool[direction];
      const before = await status();
      const cpuBefore = serverCpu();
      const start = performance.now();
      const result = time
        ? spawnSync(time, ["-f", "%U %S", process.execPath, ...args], { cwd: tool.dir, encoding: "utf8", maxBuffer: 1 << 28 })
        : spawnSync(process.execPath, args, { cwd: tool.dir, encoding: "utf8", maxBuffer: 1 << 28 });
      const ms = performance.now() - start;
      const cpuAfter = serverCpu();
      const after = await status();
      if (result.status !== 0) throw new Error(`${tool.name} ${direction} failed: ${`${result.stderr}\n${result.stdout}`.trim().slice(0, 2000)}`);
      const [user, system] = time ? result.stderr.trim().split("\n").at(-1).split(" ").map(Number) : [Number.NaN, Number.NaN];
      // the two reads of the counters themselves
      const own = COUNTERS.map((c) => (c === "Questions" ? 1 : 0));
      return {
        ms,
        clientCpu: (user + system) * 1000,
        serverCpu: cpuBefore === undefined || cpuAfter === undefined ? Number.NaN : cpuAfter - cpuBefore,
        counters: after.map((v, k) => v - before[k] - own[k]),
      };
    };

    const only = (process.env.BENCH_COUNTER_TOOLS ?? "").split(",").filter((name) => name !== "");
    if (only.length > 0) tools.splice(0, tools.length, ...tools.filter((tool) => only.includes(tool.name)));
    const results = new Map();
    // athanor's first run compiles its revision files into its cache: outside the figures
    await dropEverything();
    spawnSync(process.execPath, [BIN, "upgrade", "head", "-q"], { cwd: athanorDir });
    spawnSync(process.execPath, [BIN, "downgrade", "base", "-q"], { cwd: athanorDir });
    for (let round = 0; round < ROUNDS; round++) {
      const shift = round % tools.length;
      for (const tool of [...tools.slice(shift), ...tools.slice(0, shift)]) {
        await dropEverything();
        for (const direction of ["up", "down"]) {
          if (tool[direction] === null) continue;
          const key = `${tool.name} ${direction}`;
          if (!results.has(key)) results.set(key, []);
          results.get(key).push(await run(tool, direction));
        }
      }
    }
    await dropEverything();

    const keys = [...results.keys()];
    const per = (key, pick) => median(results.get(key).map(pick)) / COUNT;
    const fixed = (x, digits) => (Number.isNaN(x) ? "—" : x.toFixed(digits));
    const rows = [
      ["wall time, ms", ...keys.map((k) => fixed(per(k, (r) => r.ms), 2))],
      ["process CPU, ms", ...keys.map((k) => fixed(per(k, (r) => r.clientCpu), 2))],
      ["server CPU (all threads), ms", ...keys.map((k) => fixed(per(k, (r) => r.serverCpu), 2))],
      ...COUNTERS.map((c, i) => [c, ...keys.map((k) => fixed(per(k, (r) => r.counters[i]), 3))]),
    ];
    console.log(`${version}; ${COUNT} revisions, each one CREATE TABLE (DROP TABLE down); ${ROUNDS} round${ROUNDS === 1 ? "" : "s"}; per revision, medians`);
    console.log("(counters: deltas of the server's global status around each process, exact when nothing else uses the server)\n");
    printTable(["", ...keys], rows);
    if (ROUNDS > 1) {
      // the server's CPU moves with the machine's load from round to round: side by side, round by round
      console.log("\nround by round, s: wall time / server CPU (all threads) over the whole process\n");
      printTable(
        ["round", ...keys],
        Array.from({ length: ROUNDS }, (_, round) => [
          String(round + 1),
          ...keys.map((k) => `${fixed(results.get(k)[round].ms / 1000, 2)} / ${fixed(results.get(k)[round].serverCpu / 1000, 2)}`),
        ]),
      );
    }
  } finally {
    await admin.close();
  }
}

// run alone: node bench/migration-counters.bench.mjs
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const workDir = join(ROOT, ".bench", "migration-counters");
  mkdirSync(workDir, { recursive: true });
  await bench({ workDir, runs: 1 });
}
