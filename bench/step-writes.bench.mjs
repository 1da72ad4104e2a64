// MariaDB: what a revision of DDL costs the database, by the way its version change and
// history row are written after the CREATE TABLE (which MariaDB commits at once), the three
// ways interleaved revision by revision (the order rotating) on one connection, with no
// process, loading or revision function around them:
//   separate  BEGIN, the version UPDATE, the history INSERT, COMMIT: four round trips
//             (what MySQL proper is sent, and MariaDB before the compound statement)
//   compound  one BEGIN NOT ATOMIC … END holding the transaction: one round trip (MariaDB)
//   floor     the UPDATE and the INSERT each committed on its own, as the `--sql` script
// BENCH_STEP_WRITES (500) revisions for each way; the tables are dropped at the end.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { ROOT } from "./support/timing.mjs";
import { answers } from "./support/server-answers.mjs";

const URL_ = process.env.ATHANOR_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/athanor_test";
const COUNT = Number(process.env.BENCH_STEP_WRITES ?? 500);
const WAYS = ["separate", "compound", "floor"];

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const at = (xs, p) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const total = (xs) => xs.reduce((a, b) => a + b, 0);

export default async function bench() {
  if (!(await answers(URL_))) {
    console.log(`skipped: no MariaDB server at ${new URL(URL_).host}`);
    return;
  }
  const load = (path) => import(pathToFileURL(join(ROOT, "dist", ...path.split("/"))).href);
  const { connect } = await load("dialects/index.js");
  const { VersionTable, HistoryTable } = await load("runtime/index.js");
  const db = await connect(URL_);
  try {
    if (typeof db.executeAtomic !== "function") {
      console.log("skipped: the server runs no compound statements (MySQL, or MariaDB before 10.1)");
      return;
    }
    const quote = (name) => db.dialect.quoteTable(name);
    const tables = new Map();
    for (const way of WAYS) {
      const version = new VersionTable(db.dialect, `bench_step_${way}_version`);
      const history = new HistoryTable(db.dialect, `bench_step_${way}_history`);
      for (const t of [version, history]) await db.execute(`DROP TABLE IF EXISTS ${quote(t.name)}`);
      await version.create(db);
      await history.create(db);
      await db.execute(version.changeStatement({ type: "insert", revision: "r0" }));
      tables.set(way, { version, history });
    }
    const times = new Map(WAYS.map((way) => [way, []]));
    try {
      for (let i = 1; i <= COUNT; i++) {
        for (const way of [...WAYS.slice(i % WAYS.length), ...WAYS.slice(0, i % WAYS.length)]) {
          const { version, history } = tables.get(way);
          const update = version.changeStatement({ type: "update", from: `r${i - 1}`, to: `r${i}` });
          const insert = history.insertStatement({
            step: { kind: "upgrade", revision: `r${i}`, fromRevisions: [`r${i - 1}`], toRevisions: [`r${i}`] },
            headsAfter: [`r${i}`],
            checksum: "c".repeat(64),
            codeChecksum: "d".repeat(64),
            startedAt: new Date(),
            durationMs: 1,
          });
          const start = performance.now();
          await db.execute(`CREATE TABLE ${quote(`bench_step_${way}_${i}`)} (id integer PRIMARY KEY)`);
          if (way === "separate") {
            await db.begin();
            await db.execute(update);
            await db.execute(insert);
            await db.commit();
          } else if (way === "compound") {
            await db.executeAtomic([{ sql: update, rowCount: 1 }, { sql: insert }]);
          } else {
            await db.execute(update);
            await db.execute(insert);
          }
          times.get(way).push(performance.now() - start);
        }
      }
    } finally {
      for (const way of WAYS) {
        for (let i = 1; i <= COUNT; i++) await db.execute(`DROP TABLE IF EXISTS ${quote(`bench_step_${way}_${i}`)}`);
        const { version, history } = tables.get(way);
        for (const t of [version, history]) await db.execute(`DROP TABLE IF EXISTS ${quote(t.name)}`);
      }
    }
    const ms = (x) => `${x.toFixed(2)} ms`;
    console.log(`${COUNT} revisions each way, interleaved; a revision: CREATE TABLE, then the version change and history row`);
    console.log(`median (p10–p90) of a revision, and the total\n`);
    for (const way of WAYS) {
      const xs = times.get(way);
      console.log(`${way.padEnd(9)} ${ms(at(xs, 0.5))} (${ms(at(xs, 0.1))}–${ms(at(xs, 0.9))}), total ${(total(xs) / 1000).toFixed(2)} s`);
    }
    const ratio = (a, b) => `median ${(at(times.get(a), 0.5) / at(times.get(b), 0.5)).toFixed(2)}x, total ${(total(times.get(a)) / total(times.get(b))).toFixed(2)}x`;
    console.log(`\ncompound ÷ separate: ${ratio("compound", "separate")}`);
    console.log(`compound ÷ floor:    ${ratio("compound", "floor")}`);
  } finally {
    await db.close();
  }
}
