// Fleets through the built CLI: per-target lines, the summary, --json, exit codes,
// config errors in one line, and a run killed midway (SIGTERM, then SIGKILL) resumed.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { liveDialects, type DialectName } from "../support/servers.js";
import { createFleetProject, fleetRevisions, type FleetProject } from "./fleet-project.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = join(ROOT, "bin", "athanor.js");
const built = existsSync(join(ROOT, "dist", "cli", "main.js"));
const COUNTS: Record<DialectName, number> = { sqlite: 30, postgresql: 30, mysql: 16 };

const projects: FleetProject[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const p of projects) await p.cleanup();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete e["ATHANOR_CONFIG"];
  return e;
}

function athanor(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: env(), encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI and sends `signal` once `lines` target lines are out; resolves with how it ended. */
function killAfter(cwd: string, lines: number, signal: NodeJS.Signals, args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: env() });
    let stdout = "";
    let stderr = "";
    let sent = false;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!sent && stdout.split("\n").filter((l) => l.startsWith("[")).length >= lines) {
        sent = true;
        child.kill(signal);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code, sig) => done({ code, signal: sig, stdout, stderr }));
  });
}

describe.skipIf(!built)("fleet config errors", () => {
  const project = (fleets: string): string => {
    const dir = mkdtempSync(join(tmpdir(), "athanor-fleet-cfg-"));
    dirs.push(dir);
    mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
    writeFileSync(join(dir, "athanor.config.mjs"), `export default {\n  scriptLocation: "migrations",\n  fleets: ${fleets},\n};\n`);
    return dir;
  };
  const oneLine = (r: { code: number | null; stdout: string; stderr: string }): string => {
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    return lines[0]!;
  };

  it("says in one line what is wrong with a declaration, with the file and line", () => {
    expect(oneLine(athanor(project(`{ tenants: "all" }`), "current", "--fleet", "tenants"))).toMatch(
      /athanor\.config\.mjs:3: fleets\.tenants must be an array of targets or a function returning them, got "all" \(each target is/,
    );
    expect(oneLine(athanor(project(`{ tenants: [{ name: "a" }] }`), "current", "--fleet", "tenants"))).toContain('fleets.tenants target "a" needs a url string');
    expect(oneLine(athanor(project(`{ t: [{ name: "a", url: "sqlite:///a.db" }, { name: "a", url: "sqlite:///b.db" }] }`), "upgrade", "head", "--fleet", "t"))).toContain(
      'fleets.t target "a" is declared twice',
    );
    expect(oneLine(athanor(project(`{ t: [{ name: "a", url: "sqlite:///a.db", shema: "x" }] }`), "upgrade", "head", "--fleet", "t"))).toContain(
      'fleets.t[0] has an unknown key "shema"',
    );
    expect(oneLine(athanor(project(`{ t: [{ name: "a", url: "sqlite:///a.db", schema: "x" }] }`), "upgrade", "head", "--fleet", "t"))).toContain(
      'target "a" names a schema, which sqlite does not have',
    );
    expect(oneLine(athanor(project(`{ t: async () => { throw new Error("control database down"); } }`), "upgrade", "head", "--fleet", "t"))).toContain(
      'The function of fleet "t" (in the config) failed: control database down',
    );
  });

  it("names the known fleets, refuses fleet flags without --fleet and --sql with it, and never prints a password", () => {
    const dir = project(`{ tenants: [{ name: "a", url: "postgresql://app:hunter2@127.0.0.1:1/x" }] }`);
    expect(oneLine(athanor(dir, "upgrade", "head", "--fleet", "tenant"))).toBe('athanor: No fleet named "tenant" (known fleets: tenants)');
    expect(oneLine(athanor(dir, "upgrade", "head", "--only", "a*"))).toContain("--only works only with --fleet NAME");
    expect(oneLine(athanor(dir, "upgrade", "head", "--fleet", "tenants", "--sql"))).toContain("--sql cannot run over a fleet");
    expect(oneLine(athanor(dir, "upgrade", "head", "--fleet", "tenants", "--only", "b*"))).toContain("No target of fleet tenants matches --only b*");
    const down = athanor(dir, "upgrade", "head", "--fleet", "tenants", "--json");
    expect(down.code).toBe(1);
    expect(`${down.stdout}${down.stderr}`).not.toContain("hunter2");
    expect(JSON.parse(down.stdout)).toMatchObject({ ok: false, targets: [{ name: "a", url: "postgresql://app:***@127.0.0.1:1/x", status: "failed", attempts: 3 }] });
  });
});

const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).status === 0;

describe.skipIf(!built || !hasScript)("a fleet on a terminal", () => {
  it("shows one progress line rewritten in place, the failures, and the summary", { timeout: 120_000 }, async () => {
    const project = await createFleetProject("sqlite", 6, fleetRevisions());
    projects.push(project);
    const broken = { name: "broken", url: "sqlite:////nonexistent-athanor-folder/broken.db" };
    project.writeConfigFile({ fleets: { tenants: [...project.targets, broken] } });
    // `script` gives the command a terminal; its output is what the terminal received
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} upgrade head --fleet tenants --concurrency 2`;
    const r = spawnSync("script", ["-qec", command, "/dev/null"], { cwd: project.dir, env: env(), encoding: "utf8" });
    expect(r.status).toBe(1);
    const text = r.stdout.replace(/\r\n/g, "\n");
    expect(text).toMatch(/\r\x1b\[K\d\/7 targets: \d done, \d running, [01] failed, \d pending, [\d.]+ targets\/s/);
    // on a terminal only failures get a line of their own
    expect(text).not.toMatch(/base -> r3/);
    expect(text).toMatch(/\r\x1b\[K\[broken\] FAILED: Cannot connect to sqlite:\/\/\/\/nonexistent-athanor-folder\/broken\.db/);
    expect(text).toMatch(/^  migrated +6$/m);
    expect(text).toMatch(/^  failed +1$/m);
  });
});

describe.skipIf(!built).each(liveDialects())("a fleet through the CLI on %s", (dialect) => {
  it("prints a line per target and a summary; a run killed midway (SIGTERM, then SIGKILL) resumes to completion", { timeout: 240_000 }, async () => {
    const count = COUNTS[dialect];
    const project = await createFleetProject(dialect, count, fleetRevisions({ r1Extra: "  await new Promise((resolve) => setTimeout(resolve, 120));", ifNotExists: dialect === "mysql" }));
    projects.push(project);
    project.writeConfigFile();
    const args = ["upgrade", "head", "--fleet", "tenants", "--concurrency", "2"];

    // SIGTERM: no new target starts, the running ones finish, exit 143
    const term = await killAfter(project.dir, 3, "SIGTERM", args);
    expect(term.code).toBe(143);
    expect(term.stderr).toContain("SIGTERM: no new target is started; the running ones finish");
    expect(term.stdout).not.toContain("FAILED");
    expect(term.stdout).toMatch(/^not started: \d+ targets; run the command again to go on$/m);
    const termDone = term.stdout.split("\n").filter((l) => / base -> r3 \(3 steps, /.test(l)).length;
    expect(termDone).toBeGreaterThanOrEqual(3);
    expect(termDone).toBeLessThan(count);

    // SIGKILL: the process is gone mid-target; the database keeps what was committed (on MySQL
    // that can be a revision's table without its version change: the revisions say IF NOT EXISTS)
    const kill = await killAfter(project.dir, termDone + 3, "SIGKILL", args);
    expect(kill.signal).toBe("SIGKILL");

    // the rerun skips the targets at head and finishes the rest
    const rest = athanor(project.dir, "upgrade", "head", "--fleet", "tenants", "--json");
    expect(rest.code).toBe(0);
    const result = JSON.parse(rest.stdout) as { ok: boolean; summary: { total: number; skipped: number; migrated: number; failed: number } };
    expect(result.ok).toBe(true);
    expect(result.summary.total).toBe(count);
    expect(result.summary.failed).toBe(0);
    expect(result.summary.skipped).toBeGreaterThanOrEqual(termDone + 3);
    expect(result.summary.migrated).toBe(count - result.summary.skipped);
    // with --json the per-target lines go to stderr
    expect(rest.stderr).toMatch(/^\[\S+\] already at r3$/m);

    const plain = athanor(project.dir, "upgrade", "head", "--fleet", "tenants");
    expect(plain.code).toBe(0);
    expect(plain.stdout.split("\n").filter((l) => l.endsWith("] already at r3"))).toHaveLength(count);
    expect(plain.stdout).toMatch(new RegExp(`^fleet tenants: upgrade head\n  status +targets\n  migrated +0\n  at goal already +${count}\n  failed +0\n  not started +0\n  total +${count}\n0 steps in `, "m"));

    const drift = athanor(project.dir, "current", "--fleet", "tenants", "--json");
    expect(drift.code).toBe(0);
    expect(JSON.parse(drift.stdout)).toMatchObject({ atHeads: true, total: count, groups: [{ heads: ["r3"], count }], failed: [] });

    // stamp one tenant back, and the drift names it; --check-heads fails
    const back = project.targets[1]!.name;
    expect(athanor(project.dir, "stamp", "r1", "--fleet", "tenants", "--only", back).code).toBe(0);
    const behind = athanor(project.dir, "current", "--fleet", "tenants", "--check-heads");
    expect(behind.code).toBe(1);
    expect(behind.stdout).toContain(`r1: ${back}\n`);
    expect(behind.stdout).toMatch(new RegExp(`^  ${count - 1} +r3 +\\(head\\)$`, "m"));
  });

  it("check --fleet compares every target with the declared schema", { timeout: 120_000 }, async () => {
    const project = await createFleetProject(dialect, 3, fleetRevisions());
    projects.push(project);
    mkdirSync(join(project.dir, "node_modules"));
    symlinkSync(ROOT, join(project.dir, "node_modules", "athanor"), "dir");
    writeFileSync(
      join(project.dir, "migrations", "env.ts"),
      `import { MetaData, column } from "athanor";\nconst metadata = new MetaData();\nmetadata.table("${project.prefix}_extra", { id: column.integer().primaryKey() });\nexport default { targetMetadata: metadata, includeName: (name: string, type: string) => type !== "table" || name.startsWith("${project.prefix}_extra") };\n`,
    );
    project.writeConfigFile();
    expect(athanor(project.dir, "upgrade", "head", "--fleet", "tenants").code).toBe(0);
    const r = athanor(project.dir, "check", "--fleet", "tenants", "--json");
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as { upToDate: boolean; targets: { name: string; upToDate: boolean; differences: string[]; error?: unknown }[] };
    expect(result.upToDate).toBe(false);
    expect(result.targets).toHaveLength(3);
    for (const t of result.targets) {
      expect(t.error).toBeUndefined();
      expect(t.differences.join("\n")).toContain(`${project.prefix}_extra`);
    }
    void readFileSync;
  });
});

describe.skipIf(!built)("verify --fleet", () => {
  it("verifies once per server the targets live on, without touching the targets", { timeout: 240_000 }, async () => {
    const project = await createFleetProject("sqlite", 2, fleetRevisions());
    projects.push(project);
    const { serverUrls } = await import("../support/servers.js");
    const servers = liveDialects().filter((d) => d !== "sqlite");
    // two targets on each server (the same server named twice), and the two SQLite files
    const targets = [
      ...project.targets,
      ...servers.flatMap((d) => [1, 2].map((i) => ({ name: `${d}-${i}`, url: serverUrls[d] }))),
    ];
    project.writeConfigFile({ fleets: { tenants: targets } });
    const r = athanor(project.dir, "verify", "--fleet", "tenants", "--test", "single-head", "--test", "upgrade");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const headers = r.stdout.split("\n").filter((l) => l.startsWith("== "));
    expect(headers).toEqual(["== sqlite: 2 targets", ...servers.map((d) => `== ${serverUrls[d]}: 2 targets`)]);
    expect(r.stdout.match(/^OK: 2 passed, 0 failed, 0 skipped \(3 revisions, (sqlite|postgresql|mysql), /gm)).toHaveLength(1 + servers.length);
    // verify makes scratch databases: the tenants' own files were never opened
    expect(existsSync(join(project.dir, "tenants", `${project.targets[0]!.name}.db`))).toBe(false);

    const json = athanor(project.dir, "verify", "--fleet", "tenants", "--only", "sqlite*,postgresql*", "--test", "single-head", "--json");
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout) as { ok: boolean; servers: { server: string; targets: string[]; result: { ok: boolean; dialect: string } }[] };
    expect(doc.ok).toBe(true);
    expect(doc.servers.map((s) => s.result.dialect)).toEqual(servers.includes("postgresql") ? ["postgresql"] : []);
    expect(oneLineOf(athanor(project.dir, "verify", "--fleet", "tenants", "--scratch-url", "sqlite:///x.db"))).toContain("--scratch-url cannot be given with --fleet");
  });
});

function oneLineOf(r: { code: number | null; stdout: string; stderr: string }): string {
  expect(r.code).toBe(1);
  return r.stderr.trim();
}
