// Loading TypeScript revision files, as `upgrade` does before running them:
// 1,000 revisions, each a CREATE TABLE written the way `athanor revision` writes
// it, loaded in one process. "cold" is a first run with no cache (a fresh
// container), "warm" a third run (the second may still fill caches). With BENCH_BASELINE set to another
// built checkout, its build is timed the same way in the same rounds, the builds taking turns.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ROOT, printTable } from "./support/timing.mjs";
import { linearGraph } from "./support/project.mjs";

const COUNT = Number(process.env.BENCH_REVISIONS ?? 1000);

function writeProject(dir) {
  rmSync(dir, { recursive: true, force: true });
  const versions = join(dir, "migrations", "versions");
  mkdirSync(versions, { recursive: true });
  // a node_modules folder makes the project's cache folder node_modules/.cache, as in a real project
  mkdirSync(join(dir, "node_modules"));
  writeFileSync(join(dir, "athanor.config.mjs"), `export default { scriptLocation: "migrations", url: "sqlite:///bench.db" };\n`);
  linearGraph(COUNT, "load").forEach(({ revision, downRevision }, i) => {
    writeFileSync(
      join(versions, `${revision}_table_${i}.ts`),
      `/**\n * table ${i}\n *\n * Revision ID: ${revision}\n * Revises: ${downRevision ?? ""}\n * Create Date: 2026-01-01 00:00:00.000000\n */\n` +
        `import type { Operations } from "athanor";\n\n` +
        `export const revision = "${revision}";\n` +
        `export const downRevision: string | string[] | null = ${downRevision === null ? "null" : `"${downRevision}"`};\n` +
        `export const branchLabels: string[] | null = null;\nexport const dependsOn: string[] | null = null;\n\n` +
        `export async function upgrade(op: Operations): Promise<void> {\n` +
        `  await op.createTable("table_${i}", [\n    op.column("id", op.type.integer(), { primaryKey: true }),\n    op.column("name", op.type.string(100), { nullable: false }),\n  ]);\n}\n\n` +
        `export async function downgrade(op: Operations): Promise<void> {\n  await op.dropTable("table_${i}");\n}\n`,
    );
  });
}

function loadOnce(entry, dir, env) {
  const result = spawnSync(process.execPath, [join(ROOT, "bench", "support", "load-revisions.mjs"), entry, dir], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) throw new Error(`loading revisions failed: ${result.stderr.trim()}`);
  const { ms, cpuMs } = JSON.parse(result.stdout);
  return { ms, cpuMs };
}

const clearCaches = (dir) => {
  rmSync(join(dir, "node_modules", ".cache"), { recursive: true, force: true });
  rmSync(join(dir, "tmp"), { recursive: true, force: true });
  mkdirSync(join(dir, "tmp"));
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;

export default async function bench({ workDir, runs }) {
  const builds = [["this checkout", join(ROOT, "dist", existsSync(join(ROOT, "dist", "bundle", "index.js")) ? "bundle/index.js" : "index.js")]];
  if (process.env.BENCH_BASELINE) {
    const base = resolve(process.env.BENCH_BASELINE);
    builds.push(["baseline", join(base, "dist", existsSync(join(base, "dist", "bundle", "index.js")) ? "bundle/index.js" : "index.js")]);
  }
  const rounds = Math.max(3, Math.min(runs, 15));
  const rows = [];
  const timed = builds.map(([name, entry]) => {
    const dir = join(workDir, name.replace(/\W+/g, "-"));
    writeProject(dir);
    // jiti (the loader of older builds) keeps its cache in the system's temporary folder: one of our own
    return { name, entry, dir, env: { ATHANOR_CACHE_DIR: "", TMPDIR: join(dir, "tmp") }, cold: [], warm: [] };
  });
  // the builds take turns within each round, so a change in the machine's load falls on both
  for (let round = 0; round < rounds; round++) {
    for (const build of round % 2 === 0 ? timed : [...timed].reverse()) {
      clearCaches(build.dir);
      build.cold.push(loadOnce(build.entry, build.dir, build.env));
      loadOnce(build.entry, build.dir, build.env); // the second run may still fill a cache (V8's compiled code)
      build.warm.push(loadOnce(build.entry, build.dir, build.env));
    }
  }
  for (const { name, cold, warm } of timed) {
    const wall = (xs) => xs.map((x) => x.ms);
    const cpu = (xs) => xs.map((x) => x.cpuMs);
    rows.push([
      name,
      spread(wall(cold)),
      spread(wall(warm)),
      `${(median(wall(cold)) / median(wall(warm))).toFixed(1)}x`,
      `${median(cpu(cold)).toFixed(0)} ms`,
      `${median(cpu(warm)).toFixed(0)} ms`,
      `${(median(cpu(cold)) / median(cpu(warm))).toFixed(1)}x`,
    ]);
  }
  console.log(
    `${COUNT} TypeScript revisions loaded in one process: time inside the process (wall, median (min–max)) and the CPU time it used (median); ${rounds} rounds\n`,
  );
  printTable(["build", "cold (no cache)", "warm", "cold/warm", "cold CPU", "warm CPU", "CPU cold/warm"], rows);
}
