// A fleet run over many SQLite files gives back each file once it is done with it:
// in a process of its own, 300 tenant files are upgraded through the built API
// (10 revisions each), and neither the open files nor the resident memory grow
// with the number of targets. libsql keeps a closed database open while one of
// its prepared statements is alive, so without care every tenant stayed open
// (about 370 KB and one file descriptor each).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { testPrefix } from "../../support/servers.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const DIST = join(ROOT, "dist", "index.js");
const built = existsSync(DIST);
const TARGETS = 300;
const REVISIONS = 10;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function writeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), `athanor-${testPrefix}-sqlite-memory-`));
  dirs.push(dir);
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  mkdirSync(join(dir, "tenants"));
  for (let n = 1; n <= REVISIONS; n++) {
    const id = `m${String(n).padStart(4, "0")}`;
    const down = n === 1 ? "null" : JSON.stringify(`m${String(n - 1).padStart(4, "0")}`);
    writeFileSync(
      join(dir, "migrations", "versions", `${id}_item_${n}.ts`),
      `export const revision = ${JSON.stringify(id)};\nexport const downRevision = ${down};\n` +
        `export async function upgrade(op: any): Promise<void> {\n` +
        `  await op.execute("CREATE TABLE item_${n} (id integer PRIMARY KEY, name varchar(100) NOT NULL)");\n` +
        `  await op.execute("CREATE INDEX ix_item_${n}_name ON item_${n} (name)");\n}\n` +
        `export async function downgrade(op: any): Promise<void> {\n  await op.execute("DROP TABLE item_${n}");\n}\n`,
    );
  }
  writeFileSync(
    join(dir, "athanor.config.mjs"),
    `export default {\n  scriptLocation: "migrations",\n  fleets: {\n` +
      `    first: [{ name: "warm", url: "sqlite:///tenants/warm.db" }],\n` +
      `    tenants: Array.from({ length: ${TARGETS} }, (_, i) => ({ name: \`t\${i}\`, url: \`sqlite:///tenants/t\${i}.db\` })),\n  },\n};\n`,
  );
  return dir;
}

/** Upgrades one file first (loading everything once), then the 300, and prints what grew. */
const DRIVER = `
import { existsSync, readdirSync } from "node:fs";
const { Config, command } = await import(process.argv[1]);
const fds = () => (existsSync("/proc/self/fd") ? readdirSync("/proc/self/fd").length : null);
const config = await Config.load({ cwd: process.cwd() });
const warm = await command.upgrade(config, "head", { fleet: "first" });
if (!warm.ok) throw new Error("the first target failed");
const fdsBefore = fds();
const rssBefore = process.memoryUsage().rss;
const result = await command.upgrade(config, "head", { fleet: "tenants", concurrency: 4 });
const rssAfter = process.memoryUsage().rss;
const fdsAfter = fds();
console.log(JSON.stringify({
  ok: result.ok,
  steps: result.summary.steps,
  openedFiles: fdsBefore === null ? null : fdsAfter - fdsBefore,
  rssGrowth: rssAfter - rssBefore,
}));
`;

describe.skipIf(!built)("SQLite files closed during a fleet run", () => {
  test(`${TARGETS} tenant files upgraded: open files and resident memory stay flat`, () => {
    const dir = writeProject();
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", DRIVER, pathToFileURL(DIST).href], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}") as {
      ok: boolean;
      steps: number;
      openedFiles: number | null;
      rssGrowth: number;
    };
    expect(out.ok).toBe(true);
    expect(out.steps).toBe(TARGETS * REVISIONS);
    expect(readdirSync(join(dir, "tenants")).filter((f) => f.endsWith(".db"))).toHaveLength(TARGETS + 1);
    // every tenant's file stayed open before (one descriptor per target); a few may
    // wait for the garbage collector, never one per target
    if (out.openedFiles !== null) expect(out.openedFiles).toBeLessThan(TARGETS / 5);
    // before: about 370 KB per target; the bound leaves room for the JavaScript
    // heap's own growth and the allocator
    expect(out.rssGrowth / TARGETS).toBeLessThan(160 * 1024);
  }, 300_000);
});
