// Database drivers are optional peers: they come from the user's project (the
// config file's folder, then the working folder), and from athanor's own
// location only as a fallback (a development checkout). Nothing is installed
// here: a project "has" a driver when its node_modules links to the copy
// athanor's checkout holds.
import { mkdirSync, realpathSync, symlinkSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { Config } from "../../src/config/config.js";
import { driverFolders, importDriver } from "../../src/dialects/import-driver.js";
import { AthanorError } from "../../src/util/errors.js";
import { availableServers, serverUrls } from "../support/servers.js";
import { tempDir } from "./helpers.js";

const OWN_MODULES = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "node_modules");

/** A project folder whose node_modules holds `packages` (linked from athanor's own). */
function project(...packages: string[]): string {
  const dir = realpathSync(tempDir("athanor-drivers-"));
  mkdirSync(join(dir, "node_modules"));
  for (const pkg of packages) symlinkSync(join(OWN_MODULES, pkg), join(dir, "node_modules", pkg), "dir");
  return dir;
}

async function refusal(load: () => Promise<unknown>): Promise<AthanorError> {
  const error = await load().then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AthanorError);
  return error as AthanorError;
}

interface PgModule {
  Client: new (config: { connectionString: string }) => {
    connect(): Promise<void>;
    query(sql: string): Promise<{ rows: Array<Record<string, unknown>> }>;
    end(): Promise<void>;
  };
}

interface Mysql2Module {
  createConnection(uri: string): Promise<{ query(sql: string): Promise<[Array<Record<string, unknown>>, unknown]>; end(): Promise<void> }>;
}

describe("a driver is resolved from the project", () => {
  test("pg from the project's node_modules, with athanor's own location left out", async () => {
    const pg = await importDriver<PgModule>("pg", "PostgreSQL", undefined, [project("pg")]);
    expect(typeof pg.Client).toBe("function");
  });

  test.runIf(availableServers().has("postgresql"))("the project's pg talks to PostgreSQL", async () => {
    const pg = await importDriver<PgModule>("pg", "PostgreSQL", undefined, [project("pg")]);
    const client = new pg.Client({ connectionString: serverUrls.postgresql });
    await client.connect();
    try {
      expect((await client.query("SELECT 40 + 2 AS answer")).rows).toEqual([{ answer: 42 }]);
    } finally {
      await client.end();
    }
  });

  test("mysql2's promise entry from the project's node_modules", async () => {
    const mysql = await importDriver<Mysql2Module>("mysql2", "MySQL", "mysql2/promise", [project("mysql2")]);
    expect(typeof mysql.createConnection).toBe("function");
  });

  test.runIf(availableServers().has("mysql"))("the project's mysql2 talks to MariaDB", async () => {
    const mysql = await importDriver<Mysql2Module>("mysql2", "MySQL", "mysql2/promise", [project("mysql2")]);
    const connection = await mysql.createConnection(serverUrls.mysql);
    try {
      const [rows] = await connection.query("SELECT 40 + 2 AS answer");
      expect(rows.map((row) => Number(row["answer"]))).toEqual([42]);
    } finally {
      await connection.end();
    }
  });

  test("a later folder is used when the first lacks the driver", async () => {
    const pg = await importDriver<PgModule>("pg", "PostgreSQL", undefined, [project(), project("pg")]);
    expect(typeof pg.Client).toBe("function");
  });
});

describe("a project without the driver", () => {
  test.each([
    ["pg", "PostgreSQL", undefined],
    ["mysql2", "MySQL", "mysql2/promise"],
    ["better-sqlite3", "SQLite", undefined],
  ])("%s missing is one line saying what to install", async (pkg, database, entry) => {
    const error = await refusal(() => importDriver(pkg, database, entry, [project()]));
    expect(error.message).toBe(`The ${database} driver ${pkg} is not installed; run \`npm install ${pkg}\``);
    expect(error.oneLine()).not.toContain("\n");
  });

  test("another package in node_modules does not stand in for the missing one", async () => {
    const error = await refusal(() => importDriver("pg", "PostgreSQL", undefined, [project("mysql2")]));
    expect(error.message).toBe("The PostgreSQL driver pg is not installed; run `npm install pg`");
  });
});

describe("where drivers are looked for", () => {
  test("the loaded config's folder first, then the working folder, then athanor's own location", () => {
    const dir = project();
    Config.from({ scriptLocation: "migrations" }, { baseDir: dir });
    const folders = driverFolders();
    expect(folders[0]).toBe(dir);
    expect(folders[1]).toBe(process.cwd());
    expect(folders.at(-1)).toBe(join(resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "dialects"), "/"));
  });
});
