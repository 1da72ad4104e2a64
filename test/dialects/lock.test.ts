import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, test } from "vitest";
import { connect } from "../../src/dialects/index.js";
import { advisoryLockKey } from "../../src/dialects/postgresql/index.js";
import { mysqlLockName } from "../../src/dialects/mysql/index.js";
import type { Connection } from "../../src/dialects/contract/index.js";
import { AthanorError } from "../../src/util/errors.js";
import { liveTargets, liveUrl, uniqueName } from "./helpers.js";

const JITI = fileURLToPath(new URL("../../node_modules/jiti/lib/jiti-cli.mjs", import.meta.url));
const HOLDER = fileURLToPath(new URL("./fixtures/hold-lock.ts", import.meta.url));

/** Starts a process that takes the lock and holds it; resolves once it says so. */
function startHolder(url: string, name: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [JITI, HOLDER, url, name], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += String(chunk)));
    child.stdout!.on("data", (chunk) => {
      if (String(chunk).includes("locked")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`lock holder exited with ${code}: ${stderr}`)));
  });
}

async function lockError(connection: Connection, name: string, timeoutMs: number): Promise<{ error: unknown; waited: number }> {
  const started = Date.now();
  try {
    await connection.acquireLock(name, timeoutMs);
  } catch (error) {
    return { error, waited: Date.now() - started };
  }
  return { error: undefined, waited: Date.now() - started };
}

describe("lock keys", () => {
  test("PostgreSQL keys are stable signed 64-bit integers", () => {
    const key = advisoryLockKey("athanor_version");
    expect(key).toBe(advisoryLockKey("athanor_version"));
    expect(key).not.toBe(advisoryLockKey("alembic_version"));
    expect(BigInt(key) >= -(2n ** 63n) && BigInt(key) < 2n ** 63n).toBe(true);
    expect(advisoryLockKey("")).toBe(BigInt.asIntN(64, 0xcbf29ce484222325n).toString());
  });

  test("MySQL lock names include the database and fit 64 characters", () => {
    expect(mysqlLockName("shop", "athanor_version")).toBe("athanor:shop:athanor_version");
    const long = mysqlLockName("d".repeat(60), "athanor_version");
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).not.toBe(mysqlLockName("d".repeat(60), "alembic_version"));
  });
});

describe.each(liveTargets())("migration lock on %s", (_label, dialectName, makeUrl) => {
  const open: Connection[] = [];
  const children: ChildProcess[] = [];

  async function connection(url: string): Promise<Connection> {
    const opened = await connect(url);
    open.push(opened);
    return opened;
  }

  afterEach(async () => {
    for (const child of children.splice(0)) child.kill("SIGKILL");
    for (const opened of open.splice(0)) await opened.close();
  });

  test("a second connection waits, times out with a clear error, and gets the lock once released", async () => {
    const url = makeUrl();
    const name = uniqueName("lock");
    const first = await connection(url);
    const second = await connection(url);
    await first.acquireLock(name, 1000);

    const { error, waited } = await lockError(second, name, 600);
    expect(error).toBeInstanceOf(AthanorError);
    const message = (error as AthanorError).oneLine();
    expect(message).toMatch(/Another migration holds the lock/);
    expect(message).toContain("0.6 s");
    expect(message).not.toContain("\n");
    expect(waited).toBeGreaterThanOrEqual(500);
    expect(second.inTransaction).toBe(false);

    // The lock outlives the holder's transactions.
    await first.begin();
    await first.execute("SELECT 1");
    await first.commit();
    expect((await lockError(second, name, 100)).error).toBeInstanceOf(AthanorError);

    await first.releaseLock(name);
    await second.acquireLock(name, 2000);
    expect((await lockError(first, name, 100)).error).toBeInstanceOf(AthanorError);
    await second.releaseLock(name);
    await first.acquireLock(name, 1000);
    await first.releaseLock(name);
  });

  test.runIf(dialectName !== "sqlite")("different names do not block each other", async () => {
    const url = makeUrl();
    const first = await connection(url);
    const second = await connection(url);
    const a = uniqueName("lock_a");
    await first.acquireLock(a, 1000);
    await second.acquireLock(uniqueName("lock_b"), 1000);
  });

  test("a waiting connection gets the lock as soon as it is released", async () => {
    const url = makeUrl();
    const name = uniqueName("lock");
    const first = await connection(url);
    const second = await connection(url);
    await first.acquireLock(name, 1000);
    const waiting = second.acquireLock(name, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await first.releaseLock(name);
    const started = Date.now();
    await waiting;
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test("closing the holder's connection releases the lock", async () => {
    const url = makeUrl();
    const name = uniqueName("lock");
    const first = await connect(url);
    const second = await connection(url);
    await first.acquireLock(name, 1000);
    await first.close();
    await second.acquireLock(name, 2000);
  });

  test("the lock is released when the holder's process is killed", async () => {
    const url = makeUrl();
    const name = uniqueName("lock");
    const holder = await startHolder(url, name);
    children.push(holder);
    const waiter = await connection(url);
    const { error } = await lockError(waiter, name, 300);
    expect((error as Error | undefined)?.message).toMatch(/Another migration holds the lock/);

    const exited = new Promise((resolve) => holder.once("exit", resolve));
    holder.kill("SIGKILL");
    await exited;
    await waiter.acquireLock(name, 5000);
    await waiter.releaseLock(name);
  });

  test.runIf(dialectName === "sqlite")("SQLite keeps the lock in a file next to the database", async () => {
    const url = liveUrl("sqlite");
    const path = url.slice("sqlite:///".length);
    const first = await connection(url);
    await first.acquireLock("x", 1000);
    expect(existsSync(`${path}-athanor.lock`)).toBe(true);
    expect(existsSync(`${path}-athanor.lock-journal`)).toBe(false);
    // The main database stays writable by another connection while the lock is held.
    const other = await connection(url);
    await other.execute("CREATE TABLE free (id INTEGER)");
    await first.releaseLock("x");
  });

  test.runIf(dialectName === "sqlite")("in-memory SQLite needs no lock", async () => {
    const first = await connection("sqlite://");
    const second = await connection("sqlite:///:memory:");
    await first.acquireLock("x", 100);
    await second.acquireLock("x", 100);
    await first.releaseLock("x");
    await second.releaseLock("x");
  });
});
