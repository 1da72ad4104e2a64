// `check` connects to the configured database and starts reading its catalog
// before env.ts is loaded (the server works while the schema is declared). Through
// the built CLI (`npm run build` first), on each database: nothing of that early
// start is seen unless the comparison uses it. A configured database that cannot
// be reached is reported once, without its password; env.ts's own failure is the
// one reported; a URL env.ts names is the one used; and a database env.ts itself
// makes while it loads is connected to again afterwards.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "../../src/dialects/index.js";
import { athanor, projectDir } from "../cli/helpers.js";
import { liveDialects, serverUrls } from "../support/servers.js";
import type { DialectName } from "../support/servers.js";
import { uniquePrefix } from "../runtime/project.js";

const PASSWORD = "early-s3cr3t";
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** A project whose config names `configUrl` and whose env.ts is `envBody` after a one-table schema. */
function project(configUrl: string, envBody: string, prefix: string): string {
  const dir = projectDir();
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  writeFileSync(
    join(dir, "athanor.config.ts"),
    `export default { scriptLocation: "migrations", url: ${JSON.stringify(configUrl)}, versionTable: ${JSON.stringify(`${prefix}_version`)} };\n`,
  );
  writeFileSync(
    join(dir, "migrations", "env.ts"),
    `import { MetaData, column, defineEnvironment } from "athanor";

const metadata = new MetaData();
metadata.table(${JSON.stringify(`${prefix}_items`)}, { id: column.integer().primaryKey(), label: column.string(40) });
const prefix = ${JSON.stringify(prefix)};
${envBody}
`,
  );
  return dir;
}

/** Only this project's tables are compared: other tests share the database. */
const ownTables = `includeName: (name, type) => !["table", "view", "sequence"].includes(type) || name.startsWith(prefix)`;

/** A URL of the same server naming a database that does not exist, with a password; for SQLite a file that does not exist. */
function unreachableUrl(dialect: DialectName, dir: string, database: string): string {
  if (dialect === "sqlite") return `sqlite:///${join(dir, `${database}.db`)}`;
  const url = new URL(serverUrls[dialect]);
  url.password = PASSWORD;
  url.pathname = `/${database}`;
  return url.toString();
}

const occurrences = (text: string, part: string): number => text.split(part).length - 1;

describe.each(liveDialects())("check's early catalog reading on %s", (dialect) => {
  it("reports a configured database it cannot open once, without the password", () => {
    const prefix = uniquePrefix();
    const database = `${prefix}_missing`;
    const dir = projectDir();
    const url = unreachableUrl(dialect, dir, database);
    const run = athanor(project(url, `export default defineEnvironment({ targetMetadata: metadata, ${ownTables} });`, prefix), "check");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(database);
    expect(run.stderr).not.toContain(PASSWORD);
    // one error, told once
    const first = run.stderr.split("\n").find((line) => line.includes(database))!;
    expect(occurrences(run.stderr, first), run.stderr).toBe(1);
  });

  it("reports env.ts's own failure, not the configured database's", () => {
    const prefix = uniquePrefix();
    const dir = projectDir();
    const run = athanor(project(unreachableUrl(dialect, dir, `${prefix}_missing`), `throw new Error("env.ts broke on purpose");`, prefix), "check");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Could not load the environment: env.ts broke on purpose");
    expect(run.stderr).not.toContain(`${prefix}_missing`);
    expect(run.stderr).not.toContain(PASSWORD);
  });

  it("compares the database env.ts names, not the configured one", async () => {
    const prefix = uniquePrefix();
    const dir = projectDir();
    const good = dialect === "sqlite" ? `sqlite:///${join(dir, "good.db")}` : serverUrls[dialect];
    if (dialect === "sqlite") await (await connect(good)).close(); // check opens only a file that exists
    const run = athanor(
      project(unreachableUrl(dialect, dir, `${prefix}_missing`), `export default defineEnvironment({ targetMetadata: metadata, url: ${JSON.stringify(good)}, ${ownTables} });`, prefix),
      "check",
    );
    expect(run.stderr).not.toContain(`${prefix}_missing`);
    expect(run.lines).toEqual(["New upgrade operations detected:", `  add table ${prefix}_items`]);
    expect(run.code).toBe(1);
  });

  it("connects again after env.ts has made the configured database", async () => {
    const prefix = uniquePrefix();
    const database = `${prefix}_made`;
    const dir = projectDir();
    const target = dialect === "sqlite" ? `sqlite:///${join(dir, `${database}.db`)}` : unreachableUrl(dialect, dir, database).replace(`:${PASSWORD}@`, "@");
    // env.ts creates the database (the SQLite file) while it loads, before the comparison connects
    const admin = dialect === "sqlite" ? target : serverUrls[dialect];
    const make = dialect === "sqlite" ? "" : `await admin.execute(${JSON.stringify(`CREATE DATABASE ${dialect === "mysql" ? `\`${database}\`` : `"${database}"`}`)});`;
    const envBody = `import { connect } from "athanor";
const admin = await connect(${JSON.stringify(admin)});
${make}
await admin.close();
export default defineEnvironment({ targetMetadata: metadata, ${ownTables} });`;
    if (dialect !== "sqlite") {
      cleanups.push(async () => {
        const db = await connect(serverUrls[dialect]);
        try {
          await db.execute(`DROP DATABASE IF EXISTS ${db.dialect.quoteIdentifier(database)}`);
        } finally {
          await db.close();
        }
      });
    }
    const run = athanor(project(target, envBody, prefix), "check");
    expect(run.stderr).not.toContain(database);
    expect(run.lines).toEqual(["New upgrade operations detected:", `  add table ${prefix}_items`]);
    expect(run.code).toBe(1);
  });
});

describe("revision --autogenerate's early catalog reading on SQLite", () => {
  it("creates no database file when env.ts fails to load, and creates it as before when env.ts loads", () => {
    const prefix = uniquePrefix();
    const dir = projectDir();
    const file = join(dir, "fresh.db");
    const broken = athanor(project(`sqlite:///${file}`, `throw new Error("env.ts broke on purpose");`, prefix), "revision", "--autogenerate", "-m", "first");
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("env.ts broke on purpose");
    expect(existsSync(file)).toBe(false);
    const fine = athanor(project(`sqlite:///${file}`, `export default defineEnvironment({ targetMetadata: metadata });`, prefix), "revision", "--autogenerate", "-m", "first");
    expect(fine.code, fine.stderr).toBe(0);
    expect(fine.stdout).toContain(`Detected add table ${prefix}_items`);
    expect(existsSync(file)).toBe(true);
  });
});

describe.each(liveDialects().filter((d) => d === "postgresql"))("check's early catalog reading beside a declared schema on %s", (dialect) => {
  it("reads the other schema too: the early reading of the default one alone is not used", async () => {
    const prefix = uniquePrefix();
    const side = `${prefix}_side`;
    const admin = await connect(serverUrls[dialect]);
    try {
      await admin.execute(`CREATE SCHEMA ${admin.dialect.quoteIdentifier(side)}`);
      await admin.execute(`CREATE TABLE ${admin.dialect.quoteTable(`${prefix}_kept`, side)} (id integer PRIMARY KEY)`);
    } finally {
      await admin.close();
    }
    cleanups.push(async () => {
      const db = await connect(serverUrls[dialect]);
      try {
        await db.execute(`DROP SCHEMA IF EXISTS ${db.dialect.quoteIdentifier(side)} CASCADE`);
      } finally {
        await db.close();
      }
    });
    const envBody = `metadata.table(${JSON.stringify(`${prefix}_kept`)}, { id: column.integer().primaryKey() }, { schema: ${JSON.stringify(side)} });
export default defineEnvironment({ targetMetadata: metadata, ${ownTables} });`;
    const run = athanor(project(serverUrls[dialect], envBody, prefix), "check");
    // the table of the other schema is there: only the default schema's table is missing
    expect(run.lines).toEqual(["New upgrade operations detected:", `  add table ${prefix}_items`]);
    expect(run.code).toBe(1);
  });
});
