import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { connect } from "../../src/dialects/index.js";
import { parseUrl } from "../../src/dialects/url.js";
import { AthanorError } from "../../src/util/errors.js";
import { availableServers, serverUrls } from "../support/servers.js";
import { isInstalled, tempDir } from "./helpers.js";

// The missing-driver messages need better-sqlite3 absent from this checkout; with it
// installed they are skipped and the driver itself is exercised instead.
const betterSqlite = isInstalled("better-sqlite3");
if (betterSqlite) console.warn("\n[athanor tests] better-sqlite3 is installed: skipping the tests of its missing-driver message\n");

const SECRET = "Sup3r-S3cret!pw";
const JITI = fileURLToPath(new URL("../../node_modules/jiti/lib/jiti-cli.mjs", import.meta.url));
const CONNECT = fileURLToPath(new URL("./fixtures/connect.ts", import.meta.url));

async function failure(url: string): Promise<AthanorError> {
  let caught: unknown;
  try {
    const connection = await connect(url);
    await connection.close();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AthanorError);
  return caught as AthanorError;
}

function expectNoSecret(error: AthanorError): void {
  const everything = [error.message, error.hint ?? "", error.oneLine(), String(error), JSON.stringify(error), inspect(error, { depth: 10 })].join("\n");
  expect(everything).not.toContain(SECRET);
  expect(everything).not.toContain(encodeURIComponent(SECRET));
}

describe("drivers", () => {
  test.skipIf(betterSqlite)("a missing better-sqlite3 is a one-line error saying what to install", async () => {
    const error = await failure(`sqlite+better-sqlite3:///${tempDir()}/x.db`);
    expect(error.message).toBe("The SQLite driver better-sqlite3 is not installed; run `npm install better-sqlite3`");
    expect(error.oneLine()).not.toContain("\n");
  });

  test.skipIf(betterSqlite)("outside the test runner too (plain Node resolution)", () => {
    const out = execFileSync(process.execPath, [JITI, CONNECT, `sqlite+better-sqlite3:///${tempDir()}/x.db`], { encoding: "utf8" });
    expect(out).toBe("The SQLite driver better-sqlite3 is not installed; run `npm install better-sqlite3`\n");
  });

  test.runIf(betterSqlite)("an installed better-sqlite3 connects and writes the file", async () => {
    const file = `${tempDir()}/x.db`;
    const connection = await connect(`sqlite+better-sqlite3:///${file}`);
    try {
      await connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
      await connection.execute("INSERT INTO t (id) VALUES (7)");
    } finally {
      await connection.close();
    }
    const check = await connect(`sqlite:///${file}`);
    try {
      expect((await check.execute("SELECT id FROM t")).rows).toEqual([{ id: 7 }]);
    } finally {
      await check.close();
    }
  });

  test("libsql is the default SQLite driver and can be named", async () => {
    for (const url of ["sqlite://", "sqlite+libsql://"]) {
      const connection = await connect(url);
      expect((await connection.execute("SELECT sqlite_version() AS v")).rows[0]!.v).toMatch(/^3\./);
      await connection.close();
    }
  });

  test("an unknown driver names the ones there are", async () => {
    const error = await failure(`postgresql+psycopg2://u:${encodeURIComponent(SECRET)}@localhost/db`);
    expect(error.message).toContain('Unknown postgresql driver "psycopg2"');
    expect(error.hint).toContain("pg");
    expectNoSecret(error);
  });

  test("an unknown database names the supported ones", async () => {
    const error = await failure(`oracle://u:${encodeURIComponent(SECRET)}@localhost/db`);
    expect(error.message).toContain('Unknown database kind "oracle" in the URL oracle://u:***@localhost/db');
    expect(error.message).not.toContain("did you mean");
    expect(error.hint).toContain("sqlite, postgresql, mysql");
    expectNoSecret(error);
  });

  test("connect accepts a parsed URL", async () => {
    const connection = await connect(parseUrl("sqlite:///:memory:"));
    expect(connection.dialect.name).toBe("sqlite");
    await connection.close();
  });
});

describe("connection failures name the database, say what to check and hide the password", () => {
  test.each([
    ["postgresql", `postgresql://postgres:${encodeURIComponent(SECRET)}@127.0.0.1:1/athanor_test`],
    ["mysql", `mysql://root:${encodeURIComponent(SECRET)}@127.0.0.1:1/athanor_test`],
  ])("%s server not running", async (_dialect, url) => {
    const error = await failure(url);
    expect(error.message).toContain("Cannot connect to ");
    expect(error.message).toContain("127.0.0.1:1/athanor_test");
    expect(error.message).toContain(":***@");
    expect(error.hint).toMatch(/server is running/);
    expectNoSecret(error);
  });

  test("unknown host", async () => {
    const error = await failure(`postgresql://u:${encodeURIComponent(SECRET)}@athanor-no-such-host.invalid/db`);
    expect(error.message).toContain("athanor-no-such-host.invalid");
    expect(error.hint).toMatch(/host name/);
    expectNoSecret(error);
  });

  test.runIf(availableServers().has("postgresql"))("PostgreSQL database that does not exist", async () => {
    const error = await failure(`postgresql://postgres:${encodeURIComponent(SECRET)}@127.0.0.1:5432/athanor_no_such_db`);
    expect(error.message).toContain("athanor_no_such_db");
    expect(error.hint).toMatch(/database name/);
    expectNoSecret(error);
  });

  test.runIf(availableServers().has("mysql"))("MySQL database that does not exist, or refused credentials", async () => {
    const error = await failure(`mysql://root@127.0.0.1:3306/athanor_no_such_db`);
    expect(error.message).toContain("athanor_no_such_db");
    expect(error.hint).toMatch(/database name/);
    const denied = await failure(`mysql://athanor_nobody:${encodeURIComponent(SECRET)}@127.0.0.1:3306/athanor_test`);
    expect(denied.message).toMatch(/Access denied/);
    expect(denied.hint).toMatch(/user name and password/);
    expectNoSecret(denied);
  });

  test("SQLite file in a folder that does not exist", async () => {
    const error = await failure("sqlite:////athanor/no/such/folder/app.db");
    expect(error.message).toContain("sqlite:////athanor/no/such/folder/app.db");
    expect(error.message).toMatch(/unable to open database file/);
    expect(error.hint).toMatch(/folder exists/);
  });
});

describe.runIf(availableServers().has("postgresql"))("statement errors", () => {
  test("the password is scrubbed from a database message that repeats it", async () => {
    // The test server trusts local connections, so the password is accepted and ignored.
    const url = new URL(serverUrls.postgresql);
    url.password = encodeURIComponent(SECRET);
    const connection = await connect(url.toString());
    try {
      const error = await connection.execute(`SELECT '${SECRET}'::integer`).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AthanorError);
      expect((error as AthanorError).message).toMatch(/invalid input syntax for type integer/);
      expect((error as AthanorError).message).toContain("***");
      expectNoSecret(error as AthanorError);
    } finally {
      await connection.close();
    }
  });
});
