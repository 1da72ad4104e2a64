// What a database holds that the model does not carry is listed once by
// `check` and autogenerate as `not compared: …`: never a silent pass, never a
// difference, never an operation; includeObject silences it by its kind.
import { afterEach, describe, expect, test, vi } from "vitest";
import * as command from "../../src/command/index.js";
import { produceMigrations } from "../../src/command/autogenerate-project.js";
import { MetaData, column } from "../../src/schema/index.js";
import type { SchemaModel } from "../../src/schema/model.js";
import { liveDialects, type DialectName } from "../support/servers.js";
import { openSandbox, type Sandbox } from "./compare-helpers.js";
import { createProject, type Project } from "../runtime/project.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

interface Setting {
  metadata: MetaData;
  includeObject?: (object: unknown, name: string | undefined, type: string, reflected: boolean) => boolean;
  includeName?: (name: string, type: string, parent: { schemaName?: string; tableName?: string }) => boolean;
}

/** A project whose env.ts reads its schema and hooks from a global, on the sandbox's connection. */
async function setUp(name: DialectName, sql: (schema: string) => string[]): Promise<{ project: Project; sandbox: Sandbox; setting: Setting; schema: string }> {
  const sandbox = await openSandbox(name);
  const project = createProject(name);
  cleanups.push(() => sandbox.close(), () => project.cleanup());
  const key = `athanorNotCompared_${project.prefix}`;
  const setting: Setting = { metadata: new MetaData() };
  (globalThis as Record<string, unknown>)[key] = setting;
  project.writeEnv(`const s = () => globalThis[${JSON.stringify(key)}];
export default {
  get targetMetadata() { return s().metadata; },
  includeObject: (...args) => (s().includeObject ? s().includeObject(...args) : true),
  includeName: (...args) => (s().includeName ? s().includeName(...args) : true),
};
`);
  const schema = String((await sandbox.connection.dialect.defaultSchema(sandbox.connection)) ?? "main");
  for (const statement of sql(schema)) {
    try {
      await sandbox.connection.execute(statement);
    } catch (error) {
      // MariaDB creates the event, and warns that the scheduler (server-wide) is off
      if (!String((error as Error).message).includes("Event scheduler is switched off")) throw error;
    }
  }
  return { project, sandbox, setting, schema };
}

function configOf(project: Project, sandbox: Sandbox): ReturnType<Project["config"]> {
  const config = project.config();
  config.attributes["connection"] = sandbox.connection;
  return config;
}

/** check, then autogenerate: both list the lines once, find no difference and write no operation. */
async function expectReported(project: Project, sandbox: Sandbox, expected: readonly string[]): Promise<void> {
  const config = configOf(project, sandbox);
  const result = await command.check(config);
  expect(result.differences).toEqual([]);
  expect(result.upToDate).toBe(true);
  expect([...result.notCompared].sort()).toEqual([...expected].sort());
  expect(result.warnings.filter((w) => w.startsWith("not compared"))).toEqual([]);

  const warnings: string[] = [];
  config.attributes["autogenerate"] = { onWarning: (line: string) => warnings.push(line) };
  const revision = await command.revision(config, { message: "nothing", autogenerate: true });
  for (const line of expected) expect(warnings.filter((w) => w === line)).toHaveLength(1);
  expect(warnings.filter((w) => w.startsWith("not compared")).sort()).toEqual([...expected].sort());
  expect(revision.path).toBeTruthy();
}

const postgresqlObjects = (s: string): string[] => [
  `CREATE TABLE users (id integer PRIMARY KEY, name text)`,
  `CREATE FUNCTION audit_fn() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$`,
  `CREATE TRIGGER audit AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION audit_fn()`,
  `CREATE PROCEDURE tidy(a integer) LANGUAGE sql AS $$SELECT 1$$`,
  `CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer)`,
  `CREATE RULE touch AS ON UPDATE TO users DO ALSO NOTIFY users`,
  `CREATE DOMAIN positive AS integer CHECK (VALUE > 0)`,
  `CREATE TYPE pair AS (a integer, b integer)`,
  `CREATE TYPE span AS RANGE (SUBTYPE = float8)`,
  `CREATE TABLE events (id integer, at date) PARTITION BY RANGE (at)`,
  `CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`,
  `CREATE TABLE base (id integer)`,
  `CREATE TABLE child (extra integer) INHERITS (base)`,
  `GRANT SELECT ON users TO PUBLIC`,
  `CREATE EXTENSION citext SCHEMA "${s}"`,
  `CREATE EXTENSION file_fdw SCHEMA "${s}"`,
  `CREATE SERVER "${s}_files" FOREIGN DATA WRAPPER file_fdw`,
  `CREATE FOREIGN TABLE feed (a integer) SERVER "${s}_files" OPTIONS (filename '/dev/null')`,
  `CREATE STATISTICS users_stats ON id, name FROM users`,
  `CREATE UNLOGGED TABLE scratch (id integer PRIMARY KEY)`,
  `CREATE COLLATION german_ci (provider = icu, locale = 'de-u-ks-level2', deterministic = false)`,
  `CREATE OPERATOR === (LEFTARG = integer, RIGHTARG = integer, FUNCTION = int4eq)`,
  `CREATE TEXT SEARCH CONFIGURATION plain_english (COPY = pg_catalog.english)`,
];

const postgresqlLines = [
  'not compared: trigger "audit" on table "users"',
  'not compared: function "audit_fn()"',
  'not compared: procedure "tidy(IN a integer)"',
  'not compared: aggregate "total(integer)"',
  'not compared: rule "touch" on table "users"',
  'not compared: domain "positive"',
  'not compared: composite type "pair"',
  'not compared: range type "span"',
  'not compared: partitioning on table "events"',
  'not compared: partition "events_2024" of table "events"',
  'not compared: inheritance of table "child" from "base"',
  'not compared: grants on table "users"',
  'not compared: extension "citext"',
  'not compared: extension "file_fdw"',
  'not compared: foreign table "feed"',
  'not compared: statistics "users_stats" on table "users"',
  'not compared: table option "UNLOGGED" on table "scratch"',
  'not compared: collation "german_ci"',
  'not compared: operator "===(integer, integer)"',
  'not compared: text search configuration "plain_english"',
];

function declarePostgresql(metadata: MetaData): void {
  metadata.table("users", { id: column.integer().primaryKey(), name: column.text() });
  metadata.table("events", { id: column.integer(), at: column.date() });
  metadata.table("base", { id: column.integer() });
  metadata.table("child", { id: column.integer(), extra: column.integer() });
  metadata.table("scratch", { id: column.integer().primaryKey() });
}

const mysqlObjects = (): string[] => [
  "CREATE TABLE users (id integer PRIMARY KEY, name varchar(50))",
  "CREATE TRIGGER audit BEFORE INSERT ON users FOR EACH ROW SET NEW.name = UPPER(NEW.name)",
  "CREATE FUNCTION next_id(a integer) RETURNS integer DETERMINISTIC RETURN a + 1",
  "CREATE PROCEDURE tidy() SELECT 1",
  "CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM users WHERE id < 0",
  "CREATE TABLE parts (id integer NOT NULL PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 2",
  "CREATE TABLE history (id integer PRIMARY KEY, v integer) WITH SYSTEM VERSIONING",
];

const mysqlLines = [
  'not compared: trigger "audit" on table "users"',
  'not compared: function "next_id"',
  'not compared: procedure "tidy"',
  'not compared: event "nightly"',
  'not compared: partitioning on table "parts"',
  'not compared: table option "WITH SYSTEM VERSIONING" on table "history"',
];

const sqliteObjects = (): string[] => [
  "CREATE TABLE users (id integer PRIMARY KEY, name text)",
  "CREATE TRIGGER audit AFTER INSERT ON users BEGIN SELECT 1; END",
  "CREATE VIRTUAL TABLE docs USING fts5(body)",
  "CREATE TABLE strict_rows (id integer PRIMARY KEY, v text) STRICT, WITHOUT ROWID",
];

const sqliteLines = [
  'not compared: trigger "audit" on table "users"',
  'not compared: virtual table "docs"',
  'not compared: table option "STRICT" on table "strict_rows"',
  'not compared: table option "WITHOUT ROWID" on table "strict_rows"',
];

const scenarios: Record<DialectName, { sql: (schema: string) => string[]; lines: string[]; declare: (m: MetaData) => void }> = {
  postgresql: { sql: postgresqlObjects, lines: postgresqlLines, declare: declarePostgresql },
  mysql: {
    sql: mysqlObjects,
    lines: mysqlLines,
    declare: (m) => {
      m.table("users", { id: column.integer().primaryKey(), name: column.string(50) });
      m.table("parts", { id: column.integer().primaryKey() });
      m.table("history", { id: column.integer().primaryKey(), v: column.integer() });
    },
  },
  sqlite: {
    sql: sqliteObjects,
    lines: sqliteLines,
    declare: (m) => {
      m.table("users", { id: column.integer().primaryKey(), name: column.text() });
      m.table("strict_rows", { id: column.integer().primaryKey(), v: column.text() });
    },
  },
};

describe.each(liveDialects())("%s: objects the model does not carry", (name) => {
  const scenario = scenarios[name];

  test("check and autogenerate list each once, find no difference and write no operation", async () => {
    const { project, sandbox, setting } = await setUp(name, scenario.sql);
    scenario.declare(setting.metadata);
    await expectReported(project, sandbox, scenario.lines);
    const produced = await produceMigrations(sandbox.connection, setting.metadata);
    expect(produced.upgradeOps).toEqual([]);
    expect([...produced.notCompared].sort()).toEqual([...scenario.lines].sort());
  });

  test("includeObject silences each by its kind, and is asked with the object", async () => {
    const { project, sandbox, setting } = await setUp(name, scenario.sql);
    scenario.declare(setting.metadata);
    const asked: { type: string; name: string | undefined; reflected: boolean }[] = [];
    setting.includeObject = (_object, objectName, type, reflected) => {
      asked.push({ type, name: objectName, reflected });
      return type !== "trigger";
    };
    const config = configOf(project, sandbox);
    const result = await command.check(config);
    expect(asked).toContainEqual({ type: "trigger", name: "audit", reflected: true });
    expect(result.notCompared).not.toContain('not compared: trigger "audit" on table "users"');
    expect([...result.notCompared].sort()).toEqual(scenario.lines.filter((l) => !l.includes("trigger")).sort());
    setting.includeObject = () => false;
    expect((await command.check(config)).notCompared).toEqual([]);
  });

  test("includeName silences a reflected one by name and kind, with its table as parent", async () => {
    const { project, sandbox, setting } = await setUp(name, scenario.sql);
    scenario.declare(setting.metadata);
    const parents: unknown[] = [];
    setting.includeName = (objectName, type, parent) => {
      if (type === "trigger") parents.push(parent);
      return !(type === "trigger" && objectName === "audit");
    };
    const result = await command.check(configOf(project, sandbox));
    expect(parents).toEqual([{ tableName: "users" }]);
    expect([...result.notCompared].sort()).toEqual(scenario.lines.filter((l) => !l.includes("trigger")).sort());
  });

  test("a table left out by includeObject takes its objects with it", async () => {
    const { project, sandbox, setting } = await setUp(name, scenario.sql);
    scenario.declare(setting.metadata);
    setting.includeObject = (_object, objectName, type) => !(type === "table" && objectName === "users");
    const result = await command.check(configOf(project, sandbox));
    expect(result.notCompared.filter((l) => l.endsWith('on table "users"'))).toEqual([]);
    expect(result.notCompared.length).toBeGreaterThan(0);
  });
});

/**
 * Views, sequences, policies and row-level security: each is either carried by
 * the model (and compared) or reported, never both and never neither.
 */
describe.each(liveDialects())("%s: views, sequences, policies and row-level security", (name) => {
  const sql: Record<DialectName, string[]> = {
    postgresql: [
      "CREATE TABLE users (id integer PRIMARY KEY)",
      "CREATE VIEW active AS SELECT id FROM users",
      "CREATE MATERIALIZED VIEW counted AS SELECT count(*) AS n FROM users",
      "CREATE SEQUENCE tickets",
      "ALTER TABLE users ENABLE ROW LEVEL SECURITY",
      "CREATE POLICY own ON users USING (true)",
    ],
    mysql: ["CREATE TABLE users (id integer PRIMARY KEY)", "CREATE VIEW active AS SELECT id FROM users", "CREATE SEQUENCE tickets"],
    sqlite: ["CREATE TABLE users (id integer PRIMARY KEY)", "CREATE VIEW active AS SELECT id FROM users"],
  };
  const expected: Record<DialectName, { line: string; carried: (model: SchemaModel) => boolean }[]> = {
    postgresql: [
      { line: 'not compared: view "active"', carried: (m) => (m.views ?? []).some((v) => v.name === "active") },
      { line: 'not compared: materialized view "counted"', carried: (m) => (m.views ?? []).some((v) => v.name === "counted") },
      { line: 'not compared: sequence "tickets"', carried: (m) => (m.sequences ?? []).some((v) => v.name === "tickets") },
      { line: 'not compared: row-level security on table "users"', carried: (m) => m.tables.some((t) => t.name === "users" && t.rowLevelSecurity !== undefined) },
      { line: 'not compared: policy "own" on table "users"', carried: (m) => m.tables.some((t) => (t.policies ?? []).some((p) => p.name === "own")) },
    ],
    mysql: [
      { line: 'not compared: view "active"', carried: (m) => (m.views ?? []).some((v) => v.name === "active") },
      { line: 'not compared: sequence "tickets"', carried: (m) => (m.sequences ?? []).some((v) => v.name === "tickets") },
    ],
    sqlite: [{ line: 'not compared: view "active"', carried: (m) => (m.views ?? []).some((v) => v.name === "active") }],
  };

  test("each is reported exactly when the model does not carry it", async () => {
    const { project, sandbox } = await setUp(name, () => sql[name]);
    const reflected = await sandbox.connection.dialect.reflect(sandbox.connection);
    const result = await command.check(configOf(project, sandbox));
    for (const { line, carried } of expected[name]) {
      expect(result.notCompared.filter((l) => l === line), line).toHaveLength(carried(reflected) ? 0 : 1);
    }
  });
});

describe("the command line", () => {
  /** Run `athanor <args>` in this process, capturing what it writes. */
  async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const { main } = await import("../../src/cli/main.js");
    let stdout = "";
    let stderr = "";
    const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
    const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
    try {
      const code = await main(args);
      return { code, stdout, stderr };
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  }

  test("check prints each line once as a warning, exits 0, and --json carries them as notCompared", async () => {
    const project = createProject("sqlite");
    cleanups.push(() => project.cleanup());
    const key = `athanorNotComparedCli_${project.prefix}`;
    const metadata = new MetaData();
    scenarios.sqlite.declare(metadata);
    (globalThis as Record<string, unknown>)[key] = metadata;
    project.writeEnv(`export default { get targetMetadata() { return globalThis[${JSON.stringify(key)}]; } };\n`);
    project.writeConfigFile();
    const db = await project.db();
    for (const statement of sqliteObjects()) await db.execute(statement);
    const config = `${project.dir}/athanor.config.mjs`;

    const plain = await cli(["-c", config, "check"]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toBe("No new upgrade operations detected.\n");
    for (const line of sqliteLines) expect(plain.stderr.split("\n").filter((l) => l === `athanor: warning: ${line}`)).toHaveLength(1);

    const json = await cli(["-c", config, "check", "--json"]);
    expect(json.code).toBe(0);
    const document = JSON.parse(json.stdout) as { upToDate: boolean; notCompared: string[] };
    expect(document.upToDate).toBe(true);
    expect([...document.notCompared].sort()).toEqual([...sqliteLines].sort());
  });
});

describe.runIf(liveDialects().includes("postgresql"))("a drizzle declaration the adapter does not map", () => {
  test("is listed once, on the declared side, and asked about with reflected = false", async () => {
    const { pgRole, pgTable, integer } = await import("drizzle-orm/pg-core");
    const { fromDrizzle } = await import("../../src/adapters/drizzle/index.js");
    const sandbox = await openSandbox("postgresql");
    cleanups.push(() => sandbox.close());
    await sandbox.connection.execute("CREATE TABLE users (id integer PRIMARY KEY)");
    const declared = fromDrizzle({ users: pgTable("users", { id: integer().primaryKey() }), admin: pgRole("admin") });
    const produced = await produceMigrations(sandbox.connection, declared);
    expect(produced.upgradeOps).toEqual([]);
    expect(produced.notCompared).toEqual(['not compared: role "admin"']);
    const asked: [string | undefined, string, boolean][] = [];
    const silenced = await produceMigrations(sandbox.connection, declared, {
      includeObject: (_object, objectName, type, reflected) => {
        if (type === "role") asked.push([objectName, type, reflected]);
        return type !== "role";
      },
    });
    expect(asked).toEqual([["admin", "role", false]]);
    expect(silenced.notCompared).toEqual([]);
  });
});

describe.runIf(liveDialects().includes("postgresql"))("postgresql: another schema", () => {
  test("its objects are named with their schema, and only when the schema takes part", async () => {
    const { project, sandbox, setting, schema } = await setUp("postgresql", (s) => [
      `CREATE SCHEMA "${s}_b"`,
      `CREATE TABLE "${s}_b".accounts (id integer PRIMARY KEY)`,
      `CREATE FUNCTION "${s}_b".touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$`,
      `CREATE TRIGGER touched BEFORE UPDATE ON "${s}_b".accounts FOR EACH ROW EXECUTE FUNCTION "${s}_b".touch()`,
    ]);
    cleanups.push(async () => {
      await sandbox.connection.execute(`DROP SCHEMA "${schema}_b" CASCADE`);
    });
    const other = `${schema}_b`;
    const config = configOf(project, sandbox);
    expect((await command.check(config)).notCompared).toEqual([]);
    setting.metadata.table("accounts", { id: column.integer().primaryKey() }, { schema: other });
    const result = await command.check(config);
    expect(result.differences).toEqual([]);
    expect([...result.notCompared].sort()).toEqual([`not compared: function "${other}.touch()"`, `not compared: trigger "touched" on table "${other}.accounts"`]);
  });
});
