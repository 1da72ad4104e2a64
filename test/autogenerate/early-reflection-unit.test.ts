// The early connection and catalog reading of `check` (src/command/early-reflection.ts)
// in process: a connection that failed before env.ts had loaded is connected again
// (`take()` gives nothing), one that fails after is reported, once, without its
// password; a prefetched reading is used only for the schemas it read, and one that
// failed is read again on the connection.
import { createServer, type Server } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EarlyReflection, reflectWith } from "../../src/command/early-reflection.js";
import { connect } from "../../src/dialects/index.js";
import type { SchemaModel } from "../../src/schema/model.js";

const PASSWORD = "early-unit-s3cr3t";
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A TCP server that takes each connection and drops it after `ms`, saying nothing. */
async function silentServer(ms: number): Promise<{ port: number; server: Server }> {
  const server = createServer((socket) => {
    setTimeout(() => socket.destroy(), ms);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return { port: address.port, server };
}

describe("EarlyReflection", () => {
  it("gives nothing to take when the connection failed before env.ts had loaded", async () => {
    const { port, server } = await silentServer(0);
    try {
      const early = EarlyReflection.start(`mysql://root:${PASSWORD}@127.0.0.1:${port}/db`, {});
      await early.waitForConnection();
      early.environmentLoaded();
      await expect(early.take()).resolves.toBeUndefined();
    } finally {
      server.close();
    }
  });

  it("reports a connection that fails after env.ts has loaded, once, without the password", async () => {
    // the server answers nothing for longer than loading env.ts waits
    const { port, server } = await silentServer(1500);
    try {
      const early = EarlyReflection.start(`mysql://root:${PASSWORD}@127.0.0.1:${port}/db`, {});
      const started = Date.now();
      await early.waitForConnection();
      expect(Date.now() - started).toBeLessThan(1400);
      early.environmentLoaded();
      const error = await early.take().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain(`127.0.0.1:${port}`);
      expect(JSON.stringify({ message: (error as Error).message, stack: (error as Error).stack })).not.toContain(PASSWORD);
      await expect(early.take()).rejects.toThrow(/already taken/);
    } finally {
      server.close();
    }
  });

  it("hands over the connection and its reading of the default schema, which the comparison closes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "athanor-early-"));
    dirs.push(dir);
    const url = `sqlite:///${join(dir, "app.db")}`;
    const setup = await connect(url);
    await setup.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT)");
    await setup.close();
    const early = EarlyReflection.start(url, { mustExist: true });
    await early.waitForConnection();
    early.environmentLoaded();
    const taken = await early.take();
    expect(taken).toBeDefined();
    try {
      expect(taken!.reflection.schemas).toEqual([null]);
      const model = await reflectWith(taken!.connection, [null], taken!.reflection);
      expect(model).toEqual(await taken!.connection.dialect.reflect(taken!.connection, { schemas: [null] }));
      expect(model.tables.map((t) => t.name)).toEqual(["items"]);
    } finally {
      await taken!.connection.close();
    }
  });

  it("discards a connection not needed, reporting nothing", async () => {
    const { port, server } = await silentServer(0);
    try {
      const early = EarlyReflection.start(`mysql://root:${PASSWORD}@127.0.0.1:${port}/db`, {});
      await early.waitForConnection();
      expect(() => early.discard()).not.toThrow();
      await expect(early.take()).rejects.toThrow(/already taken or discarded/);
    } finally {
      server.close();
    }
  });
});

describe("reflectWith", () => {
  it("reads again where the prefetched reading failed or read other schemas", async () => {
    const dir = mkdtempSync(join(tmpdir(), "athanor-early-"));
    dirs.push(dir);
    const connection = await connect(`sqlite:///${join(dir, "app.db")}`);
    try {
      await connection.execute("CREATE TABLE items (id INTEGER PRIMARY KEY)");
      const failed = Promise.reject(new Error("the early reading failed"));
      const again = await reflectWith(connection, [null], { schemas: [null], model: failed });
      expect(again.tables.map((t) => t.name)).toEqual(["items"]);
      const stale: SchemaModel = { tables: [], enums: [] };
      const other = await reflectWith(connection, [null], { schemas: ["elsewhere"], model: Promise.resolve(stale) });
      expect(other.tables.map((t) => t.name)).toEqual(["items"]);
      const used = await reflectWith(connection, [null], { schemas: [null], model: Promise.resolve(stale) });
      expect(used).toBe(stale);
    } finally {
      await connection.close();
    }
  });
});
