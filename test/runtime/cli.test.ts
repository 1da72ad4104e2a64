// The migration commands through the built CLI (`npm test` builds first), on SQLite.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createProject, tableRevision } from "./project.js";
import type { Project } from "./project.js";

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

function sqliteProject(): Project {
  const p = createProject("sqlite", [
    tableRevision("aaa001", null, "one"),
    tableRevision("bbb002", "aaa001", "two"),
  ]);
  p.writeConfigFile();
  projects.push(p);
  return p;
}

describe.skipIf(!built)("migration commands on the command line", () => {
  it("upgrade, current, downgrade print a line per step; current --check-heads exits 1 off the heads", async () => {
    const p = sqliteProject();
    // reading a database file that does not exist is refused rather than creating it
    const missing = athanor(p.dir, "current");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^athanor: The SQLite database file \S+app\.db does not exist \(run `athanor upgrade head`/);
    expect(athanor(p.dir, "stamp", "base").code).toBe(0);
    expect(athanor(p.dir, "current")).toEqual({ code: 0, stdout: "(no revision)\n", stderr: "" });
    const behind = athanor(p.dir, "current", "--check-heads");
    expect(behind.code).toBe(1);
    expect(behind.stderr).toMatch(/^athanor: Database is not on all head revisions/);

    const up = athanor(p.dir, "upgrade", "head");
    expect(up).toEqual({
      code: 0,
      stdout: "Running upgrade  -> aaa001, create one\nRunning upgrade aaa001 -> bbb002, create two\n",
      stderr: "",
    });
    expect(athanor(p.dir, "current").stdout).toBe("bbb002 (head)\n");
    expect(athanor(p.dir, "current", "--check-heads").code).toBe(0);
    const verbose = athanor(p.dir, "current", "-v").stdout;
    expect(verbose).toContain("Current revision(s) for sqlite:///");
    expect(verbose).toContain("Rev: bbb002 (head)");

    const down = athanor(p.dir, "downgrade", "-1");
    expect(down.stdout).toBe("Running downgrade bbb002 -> aaa001, create two\n");
    expect(await p.versionRows()).toEqual(["aaa001"]);
  });

  it("--json prints the structured result; -q prints nothing", async () => {
    const p = sqliteProject();
    const up = athanor(p.dir, "upgrade", "aaa001", "--json");
    expect(up.code).toBe(0);
    const doc = JSON.parse(up.stdout) as { steps: { revision: string; kind: string }[]; heads: string[]; initialHeads: string[] };
    expect(doc.heads).toEqual(["aaa001"]);
    expect(doc.initialHeads).toEqual([]);
    expect(doc.steps.map((s) => [s.kind, s.revision])).toEqual([["upgrade", "aaa001"]]);
    expect(up.stderr).toBe("Running upgrade  -> aaa001, create one\n");

    const quiet = athanor(p.dir, "-q", "upgrade", "head");
    expect(quiet).toEqual({ code: 0, stdout: "", stderr: "" });

    const cur = JSON.parse(athanor(p.dir, "current", "--json").stdout) as { heads: { revision: string; isHead: boolean }[]; atHeads: boolean };
    expect(cur.heads.map((h) => [h.revision, h.isHead])).toEqual([["bbb002", true]]);
    expect(cur.atHeads).toBe(true);

    const stamped = JSON.parse(athanor(p.dir, "stamp", "base", "--json").stdout) as { heads: string[] };
    expect(stamped.heads).toEqual([]);
    expect(await p.versionRows()).toEqual([]);
  });

  it("--sql writes SQL on stdout and progress on stderr, without touching the database", async () => {
    const p = sqliteProject();
    const r = athanor(p.dir, "upgrade", "head", "--sql");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^--[\s\S]*PRAGMA foreign_keys = OFF;\n\n[\s\S]*BEGIN;\n\nCREATE TABLE IF NOT EXISTS/);
    expect(r.stdout).toContain(`-- Running upgrade aaa001 -> bbb002\n\nCREATE TABLE ${p.prefix}_two`);
    expect(r.stdout).toMatch(/COMMIT;\n\n--[^\n]*\n[\s\S]*PRAGMA foreign_keys = ON;\n\n$/);
    expect(r.stderr).toContain("Running upgrade aaa001 -> bbb002, create two");
    expect(await p.versionRows()).toBeNull();

    const both = JSON.parse(athanor(p.dir, "upgrade", "head", "--sql", "--json").stdout) as { sql: string; heads: string[] };
    expect(both.heads).toEqual(["bbb002"]);
    expect(both.sql).toBe(r.stdout);

    const bad = athanor(p.dir, "downgrade", "base", "--sql");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/downgrade with --sql requires <fromrev>:<torev>/);

    expect(athanor(p.dir, "ensure-version", "--sql").stdout).toContain(`CREATE TABLE IF NOT EXISTS "${p.versionTable}"`);
    expect(athanor(p.dir, "ensure-version").code).toBe(0);
    expect(await p.versionRows()).toEqual([]);
  });

  it("a failing revision exits 1 with one line naming it", async () => {
    const p = sqliteProject();
    p.write(tableRevision("bbb002", "aaa001", "two", { upgrade: `  await op.execute("CREATE TABLE broken (");` }));
    const r = athanor(p.dir, "upgrade", "head");
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Running upgrade aaa001 -> bbb002, create two failed: .*\[statement: CREATE TABLE broken \(\]/);
    expect(lines[0]).toMatch(/rolled back/);
    expect(await p.versionRows()).toBeNull();
  });
});
