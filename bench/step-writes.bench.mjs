// MariaDB: what a revision of DDL costs the database, by the way its version change and
// history row are written after the CREATE TABLE (which MariaDB commits at once). Each way
// runs on a connection of its own, the ways interleaved revision by revision (the order
// rotating), with no process, loading or revision function around them:
//   separate  BEGIN, the version UPDATE, the history INSERT, COMMIT: four round trips
//             (what MySQL proper is sent, and MariaDB before the compound statement)
//   compound  one BEGIN NOT ATOMIC … END holding the transaction: one round trip (MariaDB)
//   held      the same compound statement without its COMMIT: the record stays in an open
//             transaction that the next revision's CREATE TABLE commits before it runs
//   together  the record travels in the next revision's message: one compound statement of
//             the previous revision's record (committed together) and then this CREATE TABLE
//             (what MariaDB is sent now)
//   floor     the UPDATE and the INSERT each committed on its own, as the `--sql` script
//   drizzle   what `drizzle-kit migrate` sends: one INSERT of (hash, created_at) into its
//             own table, committed on its own (the DDL ended the transaction it began)
// Besides the time of a revision (median, p10–p90, total), per revision: the client's CPU
// (this process: the driver and the connection layer), the server's CPU on the way's own
// connection thread (from /proc, when the server runs on this machine and its pid file is
// readable), and the deltas of the server's global counters (redo log writes and bytes,
// fsyncs, commits, statements, bytes received), read around each revision. The counters
// are exact only when nothing else uses the server meanwhile (a server of its own:
// ATHANOR_TEST_MYSQL_URL); a busy shared server adds its own work to them.
// BENCH_STEP_WRITES (500) revisions for each way; the tables are dropped at the end.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { ROOT } from "./support/timing.mjs";
import { answers } from "./support/server-answers.mjs";

const URL_ = process.env.ATHANOR_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/athanor_test";
const COUNT = Number(process.env.BENCH_STEP_WRITES ?? 500);
const WAYS = ["separate", "compound", "held", "together", "floor", "drizzle"];
const COUNTERS = [
  "Innodb_log_writes",
  "Innodb_data_fsyncs",
  "Innodb_os_log_written",
  "Handler_commit",
  "Com_commit",
  "Questions",
  "Bytes_received",
];

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const at = (xs, p) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const total = (xs) => xs.reduce((a, b) => a + b, 0);

/** The server's CPU time on one connection's thread, in ms, or undefined when /proc cannot tell. */
function threadCpu(pid, tid) {
  if (pid === undefined || tid === undefined) return undefined;
  try {
    return Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]) / 1e6;
  } catch {
    return undefined;
  }
}

export default async function bench() {
  if (!(await answers(URL_))) {
    console.log(`skipped: no MariaDB server at ${new URL(URL_).host}`);
    return;
  }
  const load = (path) => import(pathToFileURL(join(ROOT, "dist", ...path.split("/"))).href);
  const { connect } = await load("dialects/index.js");
  const { compoundTransaction } = await load("dialects/mysql/compound-transaction.js");
  const { VersionTable, HistoryTable } = await load("runtime/index.js");
  const admin = await connect(URL_);
  const connections = new Map();
  try {
    if (typeof admin.executeAtomic !== "function") {
      console.log("skipped: the server runs no compound statements (MySQL, or MariaDB before 10.1)");
      return;
    }
    const statusSql = `SELECT VARIABLE_NAME AS n, VARIABLE_VALUE AS v FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN (${COUNTERS.map((c) => `'${c.toUpperCase()}'`).join(", ")})`;
    const status = async () => {
      const values = new Map();
      for (const row of (await admin.execute(statusSql)).rows) values.set(String(row.n).toLowerCase(), Number(row.v));
      return COUNTERS.map((c) => values.get(c.toLowerCase()) ?? 0);
    };
    let pid;
    try {
      const file = String(Object.values((await admin.execute("SELECT @@pid_file AS f")).rows[0])[0]);
      const dir = String(Object.values((await admin.execute("SELECT @@datadir AS d")).rows[0])[0]);
      pid = Number(readFileSync(file.startsWith("/") ? file : join(dir, file), "utf8").trim());
    } catch {
      pid = undefined;
    }
    const quote = (name) => admin.dialect.quoteTable(name);
    const tables = new Map();
    for (const way of WAYS) {
      const db = await connect(URL_);
      connections.set(way, db);
      const tid = await db
        .execute("SELECT TID AS tid FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()")
        .then((r) => Number(r.rows[0]?.tid))
        .catch(() => undefined);
      const version = new VersionTable(db.dialect, `bench_step_${way}_version`);
      const history = new HistoryTable(db.dialect, `bench_step_${way}_history`);
      const drizzle = `bench_step_${way}_drizzle`;
      for (const name of [version.name, history.name, drizzle]) await db.execute(`DROP TABLE IF EXISTS ${quote(name)}`);
      if (way === "drizzle") {
        await db.execute(`CREATE TABLE ${quote(drizzle)} (id serial PRIMARY KEY, hash text NOT NULL, created_at bigint)`);
      } else {
        await version.create(db);
        await history.create(db);
        await db.execute(version.changeStatement({ type: "insert", revision: "r0" }));
      }
      tables.set(way, { db, tid, version, history, drizzle });
    }
    const times = new Map(WAYS.map((way) => [way, []]));
    const clientCpu = new Map(WAYS.map((way) => [way, 0]));
    const serverCpu = new Map(WAYS.map((way) => [way, 0]));
    const counted = new Map(WAYS.map((way) => [way, COUNTERS.map(() => 0)]));
    let serverCpuKnown = pid !== undefined;
    try {
      for (let i = 1; i <= COUNT; i++) {
        for (const way of [...WAYS.slice(i % WAYS.length), ...WAYS.slice(0, i % WAYS.length)]) {
          const { db, tid, version, history, drizzle } = tables.get(way);
          const update = version.changeStatement({ type: "update", from: `r${i - 1}`, to: `r${i}` });
          const insert = history.insertStatement({
            step: { kind: "upgrade", revision: `r${i}`, fromRevisions: [`r${i - 1}`], toRevisions: [`r${i}`] },
            headsAfter: [`r${i}`],
            checksum: "c".repeat(64),
            codeChecksum: "d".repeat(64),
            startedAt: new Date(),
            durationMs: 1,
          });
          const record = [{ sql: update, rowCount: 1 }, { sql: insert }];
          const before = await status();
          const threadBefore = threadCpu(pid, tid);
          const cpuBefore = process.cpuUsage();
          const start = performance.now();
          const create = `CREATE TABLE ${quote(`bench_step_${way}_${i}`)} (id integer PRIMARY KEY)`;
          if (way === "together") {
            const previous = tables.get(way).pending;
            if (previous === undefined) await db.execute(create);
            else await db.executeAtomicThen(previous, create, async () => true);
            tables.get(way).pending = record;
          } else await db.execute(create);
          if (way === "separate") {
            await db.begin();
            await db.execute(update);
            await db.execute(insert);
            await db.commit();
          } else if (way === "compound") {
            await db.executeAtomic(record);
          } else if (way === "held") {
            const open = compoundTransaction(record).replace("\n  COMMIT;\n", "\n");
            await db.execute(open);
          } else if (way === "together") {
            // sent with the next revision's statement
          } else if (way === "floor") {
            await db.execute(update);
            await db.execute(insert);
          } else {
            await db.execute(`INSERT INTO ${quote(drizzle)} (hash, created_at) VALUES ('${"e".repeat(64)}', ${1_700_000_000_000 + i})`);
          }
          times.get(way).push(performance.now() - start);
          const cpu = process.cpuUsage(cpuBefore);
          clientCpu.set(way, clientCpu.get(way) + (cpu.user + cpu.system) / 1000);
          const threadAfter = threadCpu(pid, tid);
          if (threadBefore === undefined || threadAfter === undefined) serverCpuKnown = false;
          else serverCpu.set(way, serverCpu.get(way) + threadAfter - threadBefore);
          const after = await status();
          counted.set(
            way,
            counted.get(way).map((n, k) => n + after[k] - before[k]),
          );
        }
      }
      // the last held record, and the last record waiting for a next statement
      await tables.get("held").db.commit();
      await tables.get("together").db.executeAtomic(tables.get("together").pending);
    } finally {
      for (const way of WAYS) {
        const { db, version, history, drizzle } = tables.get(way) ?? { db: connections.get(way) };
        if (db === undefined) continue;
        if (db.inTransaction) await db.rollback();
        for (let i = 1; i <= COUNT; i++) await db.execute(`DROP TABLE IF EXISTS ${quote(`bench_step_${way}_${i}`)}`);
        for (const name of [version?.name, history?.name, drizzle]) if (name !== undefined) await db.execute(`DROP TABLE IF EXISTS ${quote(name)}`);
      }
    }
    const ms = (x) => `${x.toFixed(2)} ms`;
    console.log(`${COUNT} revisions each way, interleaved, a connection each; a revision: CREATE TABLE, then its record`);
    console.log(`median (p10–p90) of a revision, and the total\n`);
    for (const way of WAYS) {
      const xs = times.get(way);
      console.log(`${way.padEnd(9)} ${ms(at(xs, 0.5))} (${ms(at(xs, 0.1))}–${ms(at(xs, 0.9))}), total ${(total(xs) / 1000).toFixed(2)} s`);
    }
    const ratio = (a, b) => `median ${(at(times.get(a), 0.5) / at(times.get(b), 0.5)).toFixed(2)}x, total ${(total(times.get(a)) / total(times.get(b))).toFixed(2)}x`;
    console.log(`\ncompound ÷ separate: ${ratio("compound", "separate")}`);
    console.log(`compound ÷ floor:    ${ratio("compound", "floor")}`);
    console.log(`compound ÷ drizzle:  ${ratio("compound", "drizzle")}`);
    console.log(`held ÷ compound:     ${ratio("held", "compound")}`);
    console.log(`together ÷ compound: ${ratio("together", "compound")}`);
    console.log(`together ÷ drizzle:  ${ratio("together", "drizzle")}`);
    const per = (x) => (x / COUNT).toFixed(3);
    console.log(`\nper revision (the counters are the server's global ones, read around each revision)\n`);
    const rows = [
      ["client CPU, ms", ...WAYS.map((way) => per(clientCpu.get(way)))],
      ["server CPU on its thread, ms", ...WAYS.map((way) => (serverCpuKnown ? per(serverCpu.get(way)) : "—"))],
      ...COUNTERS.map((name, k) => [name, ...WAYS.map((way) => per(counted.get(way)[k]))]),
    ];
    const widths = [Math.max(...rows.map((r) => r[0].length)), ...WAYS.map((way, w) => Math.max(way.length, ...rows.map((r) => r[w + 1].length)))];
    const line = (cells) => cells.map((c, k) => (k === 0 ? c.padEnd(widths[0]) : c.padStart(widths[k]))).join("  ");
    console.log(line(["", ...WAYS]));
    for (const row of rows) console.log(line(row));
  } finally {
    for (const db of connections.values()) await db.close();
    await admin.close();
  }
}
