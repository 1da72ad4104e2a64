// `current` on a multi-database project: each database is reported on its own.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "../../src/dialects/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = join(ROOT, "bin", "athanor.js");
const built = existsSync(join(ROOT, "dist", "cli", "main.js")) && existsSync(join(ROOT, "templates", "multidb"));

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function athanor(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env["ATHANOR_CONFIG"];
  delete env["MAIN_DATABASE_URL"];
  delete env["AUDIT_DATABASE_URL"];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface CurrentJson {
  atHeads: boolean;
  databases: { database: string; rows: string[]; atHeads: boolean }[];
}

describe.skipIf(!built)("current on several databases", () => {
  it("names each database, and is not at the heads while one of them is behind", async () => {
    const dir = mkdtempSync(join(tmpdir(), "athanor-multidb-current-"));
    dirs.push(dir);
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(ROOT, join(dir, "node_modules", "athanor"), "dir");
    expect(athanor(dir, "init", "-t", "multidb", "migrations").code).toBe(0);
    expect(athanor(dir, "revision", "-m", "one", "--rev-id", "aaa001").code).toBe(0);
    expect(athanor(dir, "upgrade", "head").code).toBe(0);

    const both = athanor(dir, "current");
    expect(both.stdout).toBe("[main] aaa001 (head)\n[audit] aaa001 (head)\n");
    expect(athanor(dir, "current", "--check-heads").code).toBe(0);

    // the audit database goes back to base behind athanor's back
    const audit = await connect(`sqlite:///${join(dir, "audit.db")}`);
    try {
      await audit.execute("DELETE FROM athanor_version");
    } finally {
      await audit.close();
    }
    const json = JSON.parse(athanor(dir, "current", "--json").stdout) as CurrentJson;
    expect(json.atHeads).toBe(false);
    expect(json.databases.map((d) => [d.database, d.rows, d.atHeads])).toEqual([
      ["main", ["aaa001"], true],
      ["audit", [], false],
    ]);
    const check = athanor(dir, "current", "--check-heads");
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/Database audit is not on all head revisions/);
  });
});
