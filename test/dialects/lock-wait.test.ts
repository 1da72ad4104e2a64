// A run waiting for the migration lock says so, naming the holder; a killed holder lets go soon.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import * as command from "../../src/command/index.js";
import { connect } from "../../src/dialects/index.js";
import type { Connection } from "../../src/dialects/contract/index.js";
import { InterruptedError } from "../../src/runtime/index.js";
import { AthanorError } from "../../src/util/errors.js";
import { createProject, tableRevision, type Project } from "../runtime/project.js";
import { liveDialects } from "../support/servers.js";
import { liveUrl, uniqueName } from "./helpers.js";

const JITI = fileURLToPath(new URL("../../node_modules/jiti/lib/jiti-cli.mjs", import.meta.url));
const HOLDER = fileURLToPath(new URL("./fixtures/hold-lock.ts", import.meta.url));
const BUSY_HOLDER = fileURLToPath(new URL("./fixtures/hold-lock-busy.ts", import.meta.url));

const children: ChildProcess[] = [];
const projects: Project[] = [];
const open: Connection[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const c of open.splice(0)) await c.close();
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function startHolder(script: string, args: string[]): Promise<ChildProcess> {
  const child = spawn(process.execPath, [JITI, script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += String(chunk)));
    child.stdout!.on("data", (chunk) => {
      if (String(chunk).includes("locked")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`lock holder exited with ${code}: ${stderr}`)));
  });
}

const HOLDER_PATTERN: Record<string, RegExp> = {
  postgresql: /held by PostgreSQL backend pid \d+ \(application "athanor", user \w+, client [\d.:a-f]+\) since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, idle since .*SELECT pg_terminate_backend\(\d+\)$/,
  mysql: /held by MySQL connection \d+ \(\w+@[\w.:-]+\), idle.* since \d{4}-.* UTC; if that run is dead, end it with KILL \d+$/,
  sqlite: /held by another process \(lock file .*app\.db-athanor\.lock\)$/,
};

describe.each(liveDialects())("waiting for the migration lock on %s", (dialect) => {
  test("a second run says once, within about two seconds, who holds the lock; then runs when it is released", async () => {
    const p = createProject(dialect, [tableRevision("lw0001", null, "one")]);
    projects.push(p);
    const holder = await startHolder(HOLDER, [p.url, `athanor:${p.versionTable}`]);
    const warnings: Array<{ message: string; at: number }> = [];
    const started = Date.now();
    const run = command.upgrade(p.config({ lockTimeout: 20_000 }), "head", {
      output: { warn: (message) => warnings.push({ message, at: Date.now() - started }) },
    });
    while (warnings.length === 0 && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 50));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.at).toBeGreaterThanOrEqual(900);
    expect(warnings[0]!.at).toBeLessThan(2500);
    expect(warnings[0]!.message).toMatch(/^waiting for the migration lock /);
    expect(warnings[0]!.message).toMatch(HOLDER_PATTERN[dialect]!);
    expect(await p.versionRows()).toBeNull();
    await new Promise((r) => setTimeout(r, 1000));
    holder.kill("SIGKILL");
    const result = await run;
    expect(result.heads).toEqual(["lw0001"]);
    expect(await p.versionRows()).toEqual(["lw0001"]);
    expect(warnings).toHaveLength(1);
  });

  test("the timeout error names the holder", async () => {
    const url = dialect === "sqlite" ? liveUrl("sqlite") : liveUrl(dialect);
    const name = uniqueName("lockwait");
    await startHolder(HOLDER, [url, name]);
    const waiter = await connect(url);
    open.push(waiter);
    const lines: string[] = [];
    let error: unknown;
    try {
      await waiter.acquireLock(name, 1500, { onWait: (line) => lines.push(line) });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AthanorError);
    const message = (error as AthanorError).oneLine();
    if (dialect === "sqlite") {
      // SQLite cannot tell which process holds a file lock: the error names the database
      expect(message).toMatch(/Another migration holds the lock on SQLite database .*test\.db; gave up after waiting 1\.5 s/);
    } else {
      expect(message).toMatch(/Another migration holds the lock .*, held by .*; gave up after waiting 1\.5 s/);
      expect(message).toMatch(dialect === "postgresql" ? /PostgreSQL backend pid \d+/ : /MySQL connection \d+/);
    }
    expect(lines).toHaveLength(1);
  });
});

describe.each(liveDialects())("a wait for the migration lock stopped by its signal on %s", (dialect) => {
  test("ends at once with nothing run, and says so", async () => {
    const p = createProject(dialect, [tableRevision("lw0002", null, "one")]);
    projects.push(p);
    await startHolder(HOLDER, [p.url, `athanor:${p.versionTable}`]);
    const controller = new AbortController();
    const warnings: string[] = [];
    const run = command.upgrade(p.config({ lockTimeout: 30_000 }), "head", {
      output: { warn: (message) => warnings.push(message) },
      signal: controller.signal,
    });
    const started = Date.now();
    while (warnings.length === 0 && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 50));
    expect(warnings[0]).toMatch(/^waiting for the migration lock /);
    const aborted = Date.now();
    controller.abort("SIGINT");
    const error = await run.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(Date.now() - aborted).toBeLessThan(3000);
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as InterruptedError).message).toBe(
      "Interrupted (SIGINT) while waiting for the migration lock: nothing ran; the database is unchanged",
    );
    expect(await p.versionRows()).toBeNull();
    expect(await p.tableExists(`${p.prefix}_one`)).toBe(false);
  });
});

describe.each(liveDialects().filter((d) => d !== "sqlite"))("a holder killed in a long statement on %s", (dialect) => {
  test("lets go of the lock within seconds, not when its statement would have ended", async () => {
    const url = liveUrl(dialect);
    const name = uniqueName("lockdead");
    const sleep = dialect === "postgresql" ? "SELECT pg_sleep(60)" : "SELECT SLEEP(60)";
    const holder = await startHolder(BUSY_HOLDER, [url, name, sleep]);
    await new Promise((r) => setTimeout(r, 500));
    const waiter = await connect(url);
    open.push(waiter);
    const lines: string[] = [];
    const waiting = waiter.acquireLock(name, 30_000, { onWait: (line) => lines.push(line) });
    await new Promise((r) => setTimeout(r, 1500));
    expect(lines[0]).toMatch(dialect === "postgresql" ? /running since .*: SELECT pg_sleep\(60\)/ : /running.* since .*: SELECT SLEEP\(60\)/);
    const exited = new Promise((resolve) => holder.once("exit", resolve));
    holder.kill("SIGKILL");
    await exited;
    const killed = Date.now();
    await waiting;
    // PostgreSQL checks the client every second (client_connection_check_interval); MariaDB's SLEEP every few
    expect(Date.now() - killed).toBeLessThan(dialect === "postgresql" ? 4000 : 8000);
    await waiter.releaseLock(name);
  });
});
