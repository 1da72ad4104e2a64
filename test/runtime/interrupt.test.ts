// SIGINT and SIGTERM sent to the built CLI in the middle of a run: it stops at a
// safe point, says in one line what state the database is in, and that is the state.
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { liveDialects } from "../support/servers.js";
import { createProject, tableRevision } from "./project.js";
import type { Project, RevisionSpec } from "./project.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = join(ROOT, "bin", "athanor.js");
const built = existsSync(join(ROOT, "dist", "cli", "main.js"));

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Start the CLI; `signals` are sent in turn once `ready` exists, then `release` is written. */
function runInterrupted(
  dir: string,
  args: string[],
  options: { ready: string; release?: string; signals: NodeJS.Signals[] },
): Promise<Exit> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env["ATHANOR_CONFIG"];
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => void (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
  const exited = new Promise<Exit>((done) => child.on("close", (code) => done({ code, stdout, stderr })));
  const poll = setInterval(() => {
    if (!existsSync(options.ready)) return;
    clearInterval(poll);
    void (async () => {
      for (const signal of options.signals) {
        await new Promise((r) => setTimeout(r, 200));
        child.kill(signal);
      }
      await new Promise((r) => setTimeout(r, 300));
      if (options.release) writeFileSync(options.release, "");
    })();
  }, 20);
  return exited.finally(() => clearInterval(poll));
}

/** bbb002 creates table two, then waits (outside any statement) until `release` exists before creating three. */
function waitingRevisions(ready: string, release: string, longStatement?: string): RevisionSpec[] {
  return [
    tableRevision("aaa001", null, "one"),
    {
      id: "bbb002",
      down: "aaa001",
      doc: "create two",
      upgrade: [
        `  await op.execute("CREATE TABLE IF NOT EXISTS \${P}_two (id integer PRIMARY KEY)");`,
        `  const fs = await import("node:fs");`,
        `  fs.writeFileSync(${JSON.stringify(ready)}, "");`,
        longStatement === undefined
          ? `  while (!fs.existsSync(${JSON.stringify(release)})) await new Promise((r) => setTimeout(r, 20));`
          : `  await op.execute(${JSON.stringify(longStatement)});`,
        `  await op.execute("CREATE TABLE IF NOT EXISTS \${P}_three (id integer PRIMARY KEY)");`,
      ].join("\n"),
      downgrade: `  await op.execute("DROP TABLE \${P}_three");\n  await op.execute("DROP TABLE \${P}_two");`,
    },
    tableRevision("ccc003", "bbb002", "four"),
  ];
}

function project(dialect: Project["dialect"], longStatement?: string): { p: Project; ready: string; release: string } {
  const base = createProject(dialect);
  projects.push(base);
  const ready = join(base.dir, "ready");
  const release = join(base.dir, "release");
  for (const rev of waitingRevisions(ready, release, longStatement)) base.write(rev);
  base.writeConfigFile();
  return { p: base, ready, release };
}

const stderrLines = (exit: Exit): string[] => exit.stderr.replace(/\n$/, "").split("\n").filter((l) => l !== "");

const cases: Array<[Project["dialect"], NodeJS.Signals, number]> = liveDialects().flatMap((d) => [
  [d, "SIGINT", 130] as [Project["dialect"], NodeJS.Signals, number],
  [d, "SIGTERM", 143] as [Project["dialect"], NodeJS.Signals, number],
]);

describe.skipIf(!built)("an interrupted upgrade", () => {
  it.each(cases)("on %s, %s: stops before the next statement, says the state in one line, frees the lock", async (dialect, signal, code) => {
    const { p, ready, release } = project(dialect);
    const exit = await runInterrupted(p.dir, ["upgrade", "head"], { ready, release, signals: [signal] });
    expect(exit.code).toBe(code);
    const lines = stderrLines(exit);
    expect(lines).toHaveLength(1);
    const prefix = `athanor: Interrupted (${signal}) during upgrade aaa001 -> bbb002, create two: `;
    expect(lines[0]!.startsWith(prefix)).toBe(true);
    const state = lines[0]!.slice(prefix.length);
    if (dialect === "mysql") {
      expect(state).toBe(
        `revision aaa001 is applied; of bbb002, this statement ran and stays applied: \`CREATE TABLE IF NOT EXISTS ${p.prefix}_two (id integer PRIMARY KEY)\`; the version table names aaa001 (undo it by hand, or make the revision's statements idempotent, before running again)`,
      );
      expect(await p.versionRows()).toEqual(["aaa001"]);
      expect(await p.tableExists(`${p.prefix}_one`)).toBe(true);
      expect(await p.tableExists(`${p.prefix}_two`)).toBe(true);
    } else {
      expect(state).toBe("the run was rolled back; the database is as before it, at no revision (base)");
      expect(await p.versionRows()).toBeNull();
      expect(await p.tableExists(`${p.prefix}_one`)).toBe(false);
      expect(await p.tableExists(`${p.prefix}_two`)).toBe(false);
    }
    expect(await p.tableExists(`${p.prefix}_three`)).toBe(false);

    // the lock is free: a run that would give up after 2 s waiting for it goes through
    p.writeConfigFile({ lockTimeout: 2000 });
    const again = await runInterrupted(p.dir, ["upgrade", "head"], { ready, signals: [] });
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
    expect(await p.versionRows()).toEqual(["ccc003"]);
    expect(await p.tableExists(`${p.prefix}_three`)).toBe(true);
  });

  it.each(liveDialects().filter((d) => d !== "sqlite"))(
    "on %s, a signal during a long statement cancels it",
    async (dialect) => {
      const sleep = dialect === "postgresql" ? "SELECT pg_sleep(60)" : "SELECT SLEEP(60)";
      const { p, ready } = project(dialect, sleep);
      const exit = await runInterrupted(p.dir, ["upgrade", "head"], { ready, signals: ["SIGTERM"] });
      expect(exit.code).toBe(143);
      const lines = stderrLines(exit);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^athanor: Interrupted \(SIGTERM\) during upgrade aaa001 -> bbb002, create two: /);
      expect(await p.tableExists(`${p.prefix}_three`)).toBe(false);
      if (dialect === "postgresql") {
        expect(lines[0]).toMatch(/the run was rolled back; the database is as before it, at no revision \(base\)$/);
        expect(await p.versionRows()).toBeNull();
        expect(await p.tableExists(`${p.prefix}_two`)).toBe(false);
      } else {
        expect(lines[0]).toMatch(/revision aaa001 is applied; of bbb002, /);
        expect(await p.versionRows()).toEqual(["aaa001"]);
        expect(await p.tableExists(`${p.prefix}_two`)).toBe(true);
      }
    },
    30_000,
  );

  it("a second Ctrl-C exits at once and says so", async () => {
    const { p, ready } = project("sqlite");
    const exit = await runInterrupted(p.dir, ["upgrade", "head"], { ready, signals: ["SIGINT", "SIGINT"] });
    expect(exit.code).toBe(130);
    const lines = stderrLines(exit);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^athanor: SIGINT again: exiting at once/);
    // the process died mid-transaction: SQLite keeps nothing of it
    expect(await p.versionRows()).toBeNull();
    expect(await p.tableExists(`${p.prefix}_two`)).toBe(false);
  });

  it("offline, the run just stops and says the SQL written is incomplete", async () => {
    const { p, ready, release } = project("sqlite");
    const exit = await runInterrupted(p.dir, ["upgrade", "base:head", "--sql"], { ready, release, signals: ["SIGINT"] });
    expect(exit.code).toBe(130);
    expect(stderrLines(exit)).toEqual([
      "Running upgrade  -> aaa001, create one",
      "Running upgrade aaa001 -> bbb002, create two",
      "athanor: Interrupted (SIGINT) during upgrade aaa001 -> bbb002, create two: the SQL written so far is incomplete",
    ]);
    expect(exit.stdout).toContain(`CREATE TABLE IF NOT EXISTS ${p.prefix}_two`);
    expect(exit.stdout).not.toContain(`${p.prefix}_three`);
    expect(await p.versionRows()).toBeNull();
  });
});
