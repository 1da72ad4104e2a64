// Whole-process time of `athanor verify` on a straight line of 100 revisions (each
// creates a table with two columns and an index; its downgrade drops it), on SQLite
// and, when their servers answer, PostgreSQL and MariaDB. Beside it, in the same
// rounds (interleaved, the order rotating), the plain cycle `upgrade head` then
// `downgrade base` on the same revisions: verify runs each revision up, down and up
// again with a schema read after each, then the offline script on a second database,
// so the ratio says what the checks cost over one migration cycle. Medians with min
// and max; the per-test times are verify's own (its --json). BENCH_VERIFY_REVISIONS
// changes the count, BENCH_VERIFY_ROUNDS the rounds (default 3).
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { revisionId } from "./support/project.mjs";
import { BIN, printTable } from "./support/timing.mjs";
import { answers } from "./support/server-answers.mjs";

const COUNT = Number(process.env.BENCH_VERIFY_REVISIONS ?? 100);
const ROUNDS = Number(process.env.BENCH_VERIFY_ROUNDS ?? 3);
const SERVERS = {
  postgresql: process.env.ATHANOR_TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/athanor_test",
  mysql: process.env.ATHANOR_TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/athanor_test",
};

function revisionText(revision, downRevision, n) {
  return `/**
 * create table ${n}
 *
 * Revision ID: ${revision}
 * Revises: ${downRevision ?? ""}
 * Create Date: 2026-11-21 10:00:00.000000
 */
import type { Operations } from "athanor";

export const revision = ${JSON.stringify(revision)};
export const downRevision: string | null = ${JSON.stringify(downRevision)};
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(op: Operations): Promise<void> {
  await op.createTable("vb_t${n}", [op.column("id", op.type.integer(), { primaryKey: true }), op.column("name", op.type.string(50))]);
  await op.createIndex("vb_t${n}_name", "vb_t${n}", ["name"]);
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropIndex("vb_t${n}_name", { table: "vb_t${n}" });
  await op.dropTable("vb_t${n}");
}
`;
}

function writeVerifyProject(dir, url) {
  rmSync(dir, { recursive: true, force: true });
  const versions = join(dir, "migrations", "versions");
  mkdirSync(versions, { recursive: true });
  writeFileSync(join(dir, "athanor.config.ts"), `export default { scriptLocation: "migrations", url: ${JSON.stringify(url)}, versionTable: "vb_version" };\n`);
  writeFileSync(join(dir, "migrations", "env.ts"), "export default {};\n");
  let down = null;
  for (let n = 1; n <= COUNT; n++) {
    const id = revisionId("verify", n);
    writeFileSync(join(versions, `${id}_create_table_${n}.ts`), revisionText(id, down, n));
    down = id;
  }
  return dir;
}

function run(args, cwd) {
  const start = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 26 });
  const ms = performance.now() - start;
  if (result.status !== 0 && !(args[0] === "verify" && result.stdout.startsWith("{"))) {
    throw new Error(`athanor ${args.join(" ")} failed (exit ${result.status}): ${result.stderr.trim()}`);
  }
  return { ms, stdout: result.stdout };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const spread = (values) => `${(median(values) / 1000).toFixed(2)} s (${(Math.min(...values) / 1000).toFixed(2)}–${(Math.max(...values) / 1000).toFixed(2)})`;

export default async function verify({ workDir }) {
  const targets = [["sqlite", "sqlite:///bench.db"]];
  for (const [name, url] of Object.entries(SERVERS)) {
    if (await answers(url)) targets.push([name, url]);
    else console.log(`(${name} at ${new URL(url).host} does not answer: left out)`);
  }
  const rows = [];
  const testRows = [];
  for (const [name, url] of targets) {
    const dir = writeVerifyProject(join(workDir, name), url);
    const verifyTimes = [];
    const cycleTimes = [];
    const perTest = new Map();
    for (let round = 0; round < ROUNDS; round++) {
      const jobs = [
        () => {
          const { ms, stdout } = run(["verify", "--json"], dir);
          const doc = JSON.parse(stdout);
          if (!doc.ok || doc.revisions.length !== COUNT) throw new Error(`verify did not pass on ${COUNT} revisions: ${JSON.stringify(doc.tests.filter((t) => t.status !== "passed"))}`);
          verifyTimes.push(ms);
          for (const test of doc.tests) perTest.set(test.name, [...(perTest.get(test.name) ?? []), test.durationMs]);
        },
        () => {
          const up = run(["upgrade", "head"], dir).ms;
          const down = run(["downgrade", "base"], dir).ms;
          cycleTimes.push(up + down);
        },
      ];
      // the order rotates, so neither always runs on a warmer machine
      for (let i = 0; i < jobs.length; i++) jobs[(i + round) % jobs.length]();
    }
    rows.push([name, String(COUNT), spread(verifyTimes), spread(cycleTimes), `${(median(verifyTimes) / median(cycleTimes)).toFixed(1)}×`]);
    testRows.push([name, ...["upgrade", "stairway", "model-matches", "offline-matches"].map((t) => `${(median(perTest.get(t) ?? [0]) / 1000).toFixed(2)} s`)]);
  }
  printTable(["database", "revisions", "verify (median, min–max)", "upgrade head + downgrade base", "ratio"], rows);
  console.log("");
  console.log("verify's own time per test (median; upgrade and stairway are one walk, reported under both):");
  printTable(["database", "upgrade", "stairway", "model-matches", "offline-matches"], testRows);
}
