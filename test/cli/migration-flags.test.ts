// The flags upgrade, downgrade and stamp share (--sql, --tag, --json) and stamp's own --purge, through the built CLI.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { liveDialects } from "../support/servers.js";
import { createProject, tableRevision } from "../runtime/project.js";
import type { Project } from "../runtime/project.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = join(ROOT, "bin", "athanor.js");
const built = existsSync(join(ROOT, "dist", "cli", "main.js"));

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function athanor(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env["ATHANOR_CONFIG"];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!built).each(liveDialects())("migration command flags on %s", (dialect) => {
  it("--json, --tag, --sql and stamp --purge reach the run", async () => {
    const p = createProject(dialect, [tableRevision("aaa001", null, "one"), tableRevision("bbb002", "aaa001", "two")]);
    p.writeConfigFile();
    // env.ts records the tag it was handed as a table named after it
    p.writeEnv(`export default {
  async run(context) {
    if (!context.isOffline && context.tag !== undefined) {
      const connection = await context.connect();
      await connection.execute(\`CREATE TABLE \${connection.dialect.quoteTable("\${P}_tag_" + context.tag)} (id integer)\`);
    }
    await context.runMigrations();
  },
};
`);
    projects.push(p);

    const up = athanor(p.dir, "upgrade", "aaa001", "--json", "--tag", "t1");
    expect(up.code, up.stderr).toBe(0);
    expect((JSON.parse(up.stdout) as { heads: string[] }).heads).toEqual(["aaa001"]);
    expect(await p.versionRows()).toEqual(["aaa001"]);
    expect(await p.tableExists(`${p.prefix}_tag_t1`)).toBe(true);

    // offline: the SQL on stdout, the database untouched
    const offline = athanor(p.dir, "upgrade", "aaa001:bbb002", "--sql");
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stdout).toMatch(new RegExp(`CREATE TABLE [\`"]?${p.prefix}_two`));
    expect(await p.versionRows()).toEqual(["aaa001"]);
    expect(await p.tableExists(`${p.prefix}_two`)).toBe(false);

    // a row no revision defines: stamp refuses it, stamp --purge replaces it
    const db = await p.db();
    await db.execute(`INSERT INTO ${db.dialect.quoteTable(p.versionTable)} (version_num) VALUES ('left01')`);
    const refused = athanor(p.dir, "stamp", "aaa001");
    expect(refused.code).toBe(1);
    expect(await p.versionRows()).toEqual(["aaa001", "left01"]);
    const purged = athanor(p.dir, "stamp", "aaa001", "--purge", "--json");
    expect(purged.code, purged.stderr).toBe(0);
    expect((JSON.parse(purged.stdout) as { heads: string[] }).heads).toEqual(["aaa001"]);
    expect(await p.versionRows()).toEqual(["aaa001"]);

    const down = athanor(p.dir, "downgrade", "base", "--tag", "t2");
    expect(down.code, down.stderr).toBe(0);
    expect(await p.versionRows()).toEqual([]);
    expect(await p.tableExists(`${p.prefix}_one`)).toBe(false);
    expect(await p.tableExists(`${p.prefix}_tag_t2`)).toBe(true);
  });
});
