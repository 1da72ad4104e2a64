/**
 * `athanor verify` as a user runs it (the built CLI): a line per test and a
 * summary, `--json`, exit 1 on a failure, `--test` to pick tests, and Ctrl-C
 * dropping the scratch databases before the process ends.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { athanor, ROOT } from "../cli/helpers.js";
import { liveDialects } from "../support/servers.js";
import type { Project, RevisionSpec } from "../runtime/project.js";
import { brokenSecond, goodRevisions, scratchDatabases, verifyProject } from "./verify-project.js";

const projects: Project[] = [];
afterEach(async () => {
  for (const project of projects.splice(0)) await project.cleanup();
});

function cliProject(dialect: Parameters<typeof verifyProject>[0], revisions: readonly RevisionSpec[]): Project {
  const project = verifyProject(dialect, revisions);
  project.writeConfigFile();
  projects.push(project);
  return project;
}

/** A revision that takes a while after its first statement (a JavaScript wait: no driver can cut it short). */
const slowFirst: RevisionSpec = { ...goodRevisions[0]!, upgrade: `${goodRevisions[0]!.upgrade}\n  await new Promise((resolve) => setTimeout(resolve, 6000));\n  await op.execute("SELECT 1");` };

describe.each(liveDialects())("athanor verify on %s", (dialect) => {
  it("prints a line per test and a summary, exits 0 on a good project", () => {
    const project = cliProject(dialect, goodRevisions);
    const run = athanor(project.dir, "verify");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines.filter((line) => /^(PASS|FAIL|SKIP) /.test(line)).map((line) => line.split(":")[0])).toEqual([
      "PASS single-head",
      "PASS downgrades",
      "PASS upgrade",
      "PASS stairway",
      "PASS model-matches",
      "PASS offline-matches",
    ]);
    expect(lines.at(-1)).toMatch(new RegExp(`^OK: 6 passed, 0 failed, 0 skipped \\(2 revisions, ${dialect}, \\d+\\.\\ds\\)$`));
  });

  it("--json prints the result and exits 1 when a test fails; --test runs only the tests named", () => {
    const project = cliProject(dialect, [goodRevisions[0]!, brokenSecond.leavesColumn]);
    const run = athanor(project.dir, "verify", "--json");
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as { ok: boolean; dialect: string; revisions: string[]; tests: { name: string; status: string; reason: string; revision?: string; details: string[]; durationMs: number }[] };
    expect(result.ok).toBe(false);
    expect(result.dialect).toBe(dialect);
    expect(result.revisions).toEqual(["aa0000000001", "aa0000000002"]);
    expect(result.tests.map((t) => t.name)).toEqual(["single-head", "upgrade", "model-matches", "stairway", "downgrades", "offline-matches"]);
    const stairway = result.tests.find((t) => t.name === "stairway")!;
    expect(stairway).toMatchObject({ status: "failed", revision: "aa0000000002" });
    expect(stairway.reason).toMatch(/leaves a trace: table \w+_users: column nickname added/);

    const text = athanor(project.dir, "verify", "--test", "stairway", "--test", "downgrades");
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^FAIL stairway: downgrade of aa0000000002 leaves a trace/m);
    expect(text.stdout).toMatch(/^ {5}aa0000000002: table \w+_users: column nickname added$/m);
    expect(text.stdout).toMatch(/^PASS downgrades: /m);
    expect(text.stdout).not.toMatch(/single-head|offline-matches/);
    expect(text.stdout.trim().split("\n").at(-1)).toMatch(/^FAILED: 1 passed, 1 failed, 0 skipped/);

    const unknown = athanor(project.dir, "verify", "--test", "stairs");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('verify has no test named "stairs"');
  });

  it("Ctrl-C stops the run and drops the scratch databases", async () => {
    const project = cliProject(dialect, [slowFirst, goodRevisions[1]!]);
    const before = await scratchDatabases(dialect);
    // the run's temp files go to a folder of the test's own
    const temp = mkdtempSync(join(tmpdir(), "athanor-verify-cli-"));
    const child = spawn(process.execPath, [join(ROOT, "bin", "athanor.js"), "verify"], { cwd: project.dir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TMPDIR: temp } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    // the pure tests print first; the walk (and its slow first revision) follows
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (stdout.includes("downgrades")) {
          clearInterval(poll);
          resolve();
        }
      }, 50);
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const during = await scratchDatabases(dialect);
    if (dialect !== "sqlite") expect(during.filter((name) => !before.includes(name)).length).toBeGreaterThan(0);
    else expect(readdirSync(temp).filter((name) => name.startsWith("athanor-verify-")).length).toBe(1);
    child.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(130);
    expect(stderr).toContain("verify interrupted (SIGINT); its scratch databases are dropped");
    expect((await scratchDatabases(dialect)).filter((name) => !before.includes(name))).toEqual([]);
    // SQLite's scratch folder (made in the temp folder) is gone too
    expect(readdirSync(temp).filter((name) => name.startsWith("athanor-verify-"))).toEqual([]);
    rmSync(temp, { recursive: true, force: true });
  }, 60_000);
});
