/**
 * The whole life of a large drizzle schema on one database, through the
 * commands a user runs: `revision --autogenerate` from an empty database,
 * `upgrade head`, `check` (nothing to do), a second autogenerate (no
 * operations), `downgrade base` (nothing of the schema left), and the
 * `upgrade head --sql` / `downgrade head:base --sql` scripts run by the
 * database's own client (`psql`, `mariadb`, `sqlite3`) on a scratch database.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import * as command from "../../../src/command/index.js";
import { Config } from "../../../src/config/index.js";
import { connect } from "../../../src/dialects/index.js";
import type { SchemaModel } from "../../../src/schema/model.js";
import type { DialectName } from "../../support/servers.js";
import { freshDatabase } from "../../dialects/conformance/offline-twin.js";
import { uniquePrefix } from "../../runtime/project.js";

/** A difference a schema is known to show, and why. */
export interface KnownDifference {
  /** The line `check` prints for it. */
  readonly line: string;
  readonly reason: string;
}

/** A large schema and what the test knows about it. */
export interface LargeSchema {
  readonly dialect: DialectName;
  /** What the schema is called in messages: its fixture's name, or its npm package. */
  readonly name: string;
  readonly model: SchemaModel;
  /**
   * Lines `check` and autogenerate print about what they do not compare
   * (constructs the schema declares that the model does not carry), exactly.
   */
  readonly notCompared: readonly string[];
  /**
   * Differences `check` still finds right after the upgrade, each with why:
   * spellings or constructs athanor does not yet read back as declared. The
   * test requires exactly these, so one that is fixed must leave the list.
   */
  readonly knownDifferences?: readonly KnownDifference[];
  /** What the database needs before the first revision, as the project sets it up by hand (extensions). */
  readonly prerequisites?: readonly string[];
}

const VERSION_TABLE = "athanor_version";
/** The run history athanor keeps beside the version table: athanor's own, not the schema's. */
const HISTORY_TABLE = "athanor_history";

/** One empty database of its own, and a way to run a script through the database's client. */
interface Scratch {
  readonly url: string;
  run(script: string): void;
  /** Names of everything the database holds (tables, views, sequences, types, indexes, triggers), the version and history tables aside. */
  objects(): Promise<string[]>;
  drop(): Promise<void>;
}

async function execute(url: string, sql: string): Promise<void> {
  const connection = await connect(url);
  try {
    await connection.execute(sql);
  } finally {
    await connection.close();
  }
}

async function names(url: string, sql: string): Promise<string[]> {
  const connection = await connect(url);
  try {
    const result = await connection.execute(sql);
    return result.rows.map((row) => String(Object.values(row)[0])).sort();
  } finally {
    await connection.close();
  }
}

async function scratch(dialect: DialectName, dir: string, tag: string): Promise<Scratch> {
  const twin = await freshDatabase(dialect, dir, tag, { mysqlCollation: "utf8mb4_general_ci" });
  const database = dialect === "sqlite" ? "" : decodeURIComponent(new URL(twin.url).pathname.slice(1));
  const query =
    dialect === "sqlite"
      ? `SELECT type || ' ' || name AS n FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND tbl_name NOT IN ('${VERSION_TABLE}', '${HISTORY_TABLE}')`
      : dialect === "postgresql"
        ? `SELECT c.relkind::text || ' ' || c.relname AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relname NOT LIKE '${VERSION_TABLE}%' AND c.relname NOT LIKE '${HISTORY_TABLE}%'
           UNION ALL SELECT 'type ' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0
           UNION ALL SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname NOT IN ('public', 'pg_catalog', 'information_schema', 'pg_toast')
             AND nspname NOT LIKE 'pg_temp_%' AND nspname NOT LIKE 'pg_toast_temp_%'`
        : `SELECT CONCAT(table_type, ' ', table_name) AS n FROM information_schema.tables WHERE table_schema = '${database}' AND table_name NOT IN ('${VERSION_TABLE}', '${HISTORY_TABLE}')
         UNION ALL SELECT CONCAT('trigger ', trigger_name) FROM information_schema.triggers WHERE trigger_schema = '${database}'
         UNION ALL SELECT CONCAT('routine ', routine_name) FROM information_schema.routines WHERE routine_schema = '${database}'`;
  return { ...twin, objects: () => names(twin.url, query) };
}

/** `op.` calls in a revision file: none means the revision does nothing. */
function operationCalls(file: string): string[] {
  return readFileSync(file, "utf8").match(/\bop\.[A-Za-z]+\(/g) ?? [];
}

/** How long each step took, in milliseconds. */
export type Timings = Record<string, number>;

/**
 * Runs the schema's whole life on its database and asserts each step. The
 * tables a database holds after the upgrade are returned for the caller's
 * own checks.
 */
export async function expectLargeSchemaLife(schema: LargeSchema): Promise<{ tables: string[]; timings: Timings }> {
  const { dialect, model } = schema;
  const dir = mkdtempSync(join(tmpdir(), `athanor-large-${dialect}-`));
  const databases: Scratch[] = [];
  const timings: Timings = {};
  let clock = Date.now();
  const lap = (step: string): void => {
    const now = Date.now();
    timings[step] = now - clock;
    clock = now;
  };
  const key = `athanorLargeSchema_${uniquePrefix()}`;
  (globalThis as Record<string, unknown>)[key] = model;
  try {
    mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
    writeFileSync(join(dir, "migrations", "env.ts"), `export default { get targetMetadata() { return globalThis[${JSON.stringify(key)}]; } };\n`);
    const online = await scratch(dialect, dir, "online");
    databases.push(online);
    const offline = await scratch(dialect, dir, "offline");
    databases.push(offline);
    for (const sql of schema.prerequisites ?? []) for (const database of databases) await execute(database.url, sql);
    const configFor = (url: string): Config => {
      const config = Config.from({ scriptLocation: "migrations", url, versionTable: VERSION_TABLE, lockTimeout: 60_000 }, { baseDir: dir });
      return config;
    };
    const config = configFor(online.url);
    const warnings: string[] = [];
    config.attributes["autogenerate"] = { onWarning: (line: string) => warnings.push(line) };
    lap("databases");

    // from empty: one revision creating everything
    const first = await command.revision(config, { message: "create schema", autogenerate: true, revId: "aaaa00000001" });
    expect(operationCalls(first.path).length, "the first revision creates the schema").toBeGreaterThan(model.tables.length);
    expect(warnings.filter((w) => w.startsWith("not compared")).sort(), "autogenerate names what it does not compare").toEqual([...schema.notCompared].sort());
    expect(warnings.filter((w) => !w.startsWith("not compared")), "autogenerate warns of nothing else").toEqual([]);
    lap("autogenerate");

    await command.upgrade(config, "head");
    const upgraded = await online.objects();
    const tables = upgraded.filter((n) => /^(table|r|BASE TABLE) /.test(n)).map((n) => n.replace(/^\S+( TABLE)? /, ""));
    expect(tables.length, "every declared table exists").toBe(model.tables.length);
    lap("upgrade");

    const checked = await command.check(configFor(online.url));
    const known = (schema.knownDifferences ?? []).map((d) => d.line).sort();
    expect([...checked.differences].sort(), "check finds nothing to do but the known differences (one no longer found is fixed: take it off the list)").toEqual(known);
    expect(checked.warnings.filter((w) => !w.startsWith("not compared")), "check warns of nothing").toEqual([]);
    const reported = [...((checked as { readonly notCompared?: readonly string[] }).notCompared ?? []), ...checked.warnings.filter((w) => w.startsWith("not compared"))];
    expect(reported.sort(), "check names what it does not compare").toEqual([...schema.notCompared].sort());
    lap("check");

    const secondConfig = configFor(online.url);
    const detected: string[] = [];
    secondConfig.attributes["autogenerate"] = { onDetected: (line: string) => detected.push(line.trim().replace(/^Detected /, "")) };
    const second = await command.revision(secondConfig, { message: "nothing", autogenerate: true, revId: "aaaa00000002" });
    if (known.length === 0) expect(operationCalls(second.path), "a second autogenerate writes no operation").toEqual([]);
    expect(detected.sort(), "a second autogenerate finds nothing but the known differences").toEqual(known);
    rmSync(second.path);
    lap("second autogenerate");

    await command.downgrade(config, "base");
    expect(await online.objects(), "downgrade to base leaves nothing of the schema").toEqual([]);
    lap("downgrade");

    const offlineConfig = configFor(offline.url);
    const up = (await command.upgrade(offlineConfig, "head", { sql: true })).sql ?? "";
    offline.run(up);
    expect(await offline.objects(), "the --sql upgrade run by the client makes what the online upgrade made").toEqual(upgraded);
    const down = (await command.downgrade(offlineConfig, "aaaa00000001:base", { sql: true })).sql ?? "";
    offline.run(down);
    expect(await offline.objects(), "the --sql downgrade run by the client leaves nothing").toEqual([]);
    lap("--sql through the client");
    return { tables, timings };
  } finally {
    delete (globalThis as Record<string, unknown>)[key];
    for (const database of databases) await database.drop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
