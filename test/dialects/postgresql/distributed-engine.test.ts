// A distributed engine speaking PostgreSQL's protocol (CockroachDB, YugabyteDB)
// is recognised from version() and refused before a migration takes its lock:
// there the advisory lock keeps no second run out and DDL in a transaction is not
// atomic. The live case runs on the real server with version() shadowed in a
// schema placed before pg_catalog on the session's search_path.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect } from "../../../src/dialects/index.js";
import type { Connection } from "../../../src/dialects/contract/index.js";
import { distributedEngine } from "../../../src/dialects/postgresql/distributed-engine.js";
import { serverUrls } from "../../support/servers.js";
import { uniqueDatabaseName } from "../helpers.js";
import { postgresqlAvailable } from "./live.js";

describe("distributedEngine", () => {
  test("CockroachDB's version line", () => {
    expect(distributedEngine("CockroachDB CCL v24.1.2 (x86_64-pc-linux-gnu, built 2024/06/10 17:14:38, go1.22.5 X:nocoverageredesign)")).toEqual({
      name: "CockroachDB",
      release: "v24.1.2",
    });
    expect(distributedEngine("CockroachDB OSS v20.2.19 (x86_64-unknown-linux-gnu, built 2022/01/18)")).toEqual({ name: "CockroachDB", release: "v20.2.19" });
  });

  test("YugabyteDB's version line", () => {
    expect(distributedEngine("PostgreSQL 11.2-YB-2.20.1.0-b0 on x86_64-pc-linux-gnu, compiled by clang version 16.0.6, 64-bit")).toEqual({
      name: "YugabyteDB",
      release: "2.20.1.0",
    });
    expect(distributedEngine("PostgreSQL 15.2-YB-2.25.0.0-b0 on x86_64-pc-linux-gnu")).toEqual({ name: "YugabyteDB", release: "2.25.0.0" });
  });

  test("PostgreSQL itself, and look-alikes that are PostgreSQL", () => {
    expect(distributedEngine("PostgreSQL 15.19 (Debian 15.19-0+deb12u1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit")).toBeUndefined();
    expect(distributedEngine("PostgreSQL 16.4 on aarch64-unknown-linux-gnu, compiled by gcc (GCC) 12.4.0, 64-bit")).toBeUndefined();
    expect(distributedEngine("")).toBeUndefined();
  });
});

describe.runIf(postgresqlAvailable)("a migration lock on an engine that answers as CockroachDB", () => {
  const schema = uniqueDatabaseName("crdb");
  let admin: Connection;

  beforeAll(async () => {
    admin = await connect(serverUrls.postgresql);
    await admin.execute(`CREATE SCHEMA "${schema}"`);
    await admin.execute(
      `CREATE FUNCTION "${schema}".version() RETURNS text LANGUAGE sql AS $$ SELECT 'CockroachDB CCL v24.1.2 (x86_64-pc-linux-gnu, built 2024/06/10)'::text $$`,
    );
  });

  afterAll(async () => {
    await admin?.execute(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin?.close();
  });

  function shadowedUrl(): string {
    const url = new URL(serverUrls.postgresql);
    url.searchParams.set("options", `-c search_path=${schema},pg_catalog`);
    return url.toString();
  }

  test("is refused in one line naming the engine, and no lock is held", async () => {
    const connection = await connect(shadowedUrl());
    try {
      expect((await connection.execute("SELECT version() AS v")).rows[0]?.v).toMatch(/^CockroachDB/);
      const error = await connection.acquireLock("athanor_distributed_test", 1_000).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(error?.message).toMatch(/is CockroachDB v24\.1\.2: athanor does not migrate it yet \(its advisory locks do not keep a second run out/);
      expect(error?.message).toContain("docs/distributed-sql.md");
      expect(error?.message).not.toContain("\n");
      // read-only work still goes on
      expect((await connection.execute("SELECT 1 AS one")).rows[0]?.one).toBe(1);
    } finally {
      await connection.close();
    }
    // the refused session took nothing: another one gets the lock at once
    await admin.acquireLock("athanor_distributed_test", 1_000);
    await admin.releaseLock("athanor_distributed_test");
  });

  test("the same server answering as itself takes the lock", async () => {
    const connection = await connect(serverUrls.postgresql);
    try {
      await connection.acquireLock("athanor_distributed_test", 1_000);
      await connection.releaseLock("athanor_distributed_test");
    } finally {
      await connection.close();
    }
  });
});
