/**
 * Twin databases for proving that an offline (`--sql`) script stores exactly
 * what the online run stores: the same revisions run online on database A and,
 * as the script `upgrade head --sql` writes, through the database's own client
 * (`sqlite3`, `psql`, `mariadb`) on a fresh database B; then both are read back
 * (reflected catalog, raw catalog text, every row of every table) and compared.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import * as command from "../../../src/command/index.js";
import { connect } from "../../../src/dialects/index.js";
import type { Connection } from "../../../src/dialects/contract/index.js";
import { serverUrls, testPrefix } from "../../support/servers.js";
import type { DialectName } from "../../support/servers.js";
import { createProject, uniquePrefix } from "../../runtime/project.js";
import type { RevisionSpec } from "../../runtime/project.js";

/** One fresh database and a way to feed a script to its command-line client. */
export interface TwinDatabase {
  readonly url: string;
  /** Runs a script through the client; throws with the client's message when it fails. */
  run(script: string): void;
  drop(): Promise<void>;
}

function serverUrl(dialect: "postgresql" | "mysql", database: string): URL {
  const url = new URL(serverUrls[dialect]);
  url.pathname = `/${database}`;
  return url;
}

function runClient(program: string, args: readonly string[], script: string): void {
  const result = spawnSync(program, args, { input: script, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0 || /ERROR/.test(result.stderr)) {
    throw new Error(`${program} failed (${String(result.status)}): ${result.stderr.trim()}\n--- script ---\n${script}`);
  }
}

async function adminExecute(dialect: "postgresql" | "mysql", sql: string): Promise<void> {
  const admin = await connect(serverUrls[dialect]);
  try {
    await admin.execute(sql);
  } finally {
    await admin.close();
  }
}

/** A fresh database of its own (a file for SQLite), dropped by `drop()`; MySQL's default collation may be chosen. */
export async function freshDatabase(dialect: DialectName, dir: string, tag: string, options: { readonly mysqlCollation?: string } = {}): Promise<TwinDatabase> {
  if (dialect === "sqlite") {
    const file = join(dir, `${tag}.db`);
    return {
      url: `sqlite:///${file}`,
      run: (script) => runClient("sqlite3", ["-bail", file], script),
      drop: async () => undefined,
    };
  }
  const name = `${testPrefix}_${uniquePrefix()}_${tag}`;
  if (dialect === "postgresql") {
    await adminExecute(dialect, `CREATE DATABASE "${name}" ENCODING 'UTF8' TEMPLATE template0`);
    const url = serverUrl(dialect, name);
    const args = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", url.hostname, "-p", url.port || "5432", "-U", decodeURIComponent(url.username), "-d", name];
    return {
      url: url.toString(),
      run: (script) => {
        const file = join(dir, `${tag}.sql`);
        writeFileSync(file, script);
        runClient("psql", [...args, "-f", file], "");
      },
      drop: () => adminExecute(dialect, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  }
  await adminExecute(dialect, `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE ${options.mysqlCollation ?? "utf8mb4_bin"}`);
  const url = serverUrl(dialect, name);
  const args = ["-h", url.hostname, "-P", url.port || "3306", "-u", decodeURIComponent(url.username), name];
  return {
    url: url.toString(),
    run: (script) => runClient("mariadb", args, script),
    drop: () => adminExecute(dialect, `DROP DATABASE IF EXISTS \`${name}\``),
  };
}

/** A value as plain JSON: bytes as hex, dates as ISO text, big integers as text. */
function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString("hex")}`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** Everything a database holds for the comparison: reflected schema, raw catalog text, all rows. */
async function snapshot(connection: Connection): Promise<Record<string, unknown>> {
  const dialect = connection.dialect;
  const model = await dialect.reflect!(connection);
  const rows: Record<string, unknown[]> = {};
  const raw: unknown[] = [];
  for (const table of model.tables) {
    const name = dialect.quoteTable(table.name, table.schema);
    // the history table's rows are compared but for when each step ran and how long it took
    const history = table.name.endsWith("_history") && table.columns.some((c) => c.name === "code_checksum");
    const columns = history ? table.columns.filter((c) => c.name !== "started_at" && c.name !== "duration_ms") : table.columns;
    // SQLite drivers read text only up to a NUL: its values are compared by type and bytes
    const list =
      dialect.name === "sqlite"
        ? columns.map((c) => `typeof(${dialect.quoteIdentifier(c.name)}) || ':' || hex(${dialect.quoteIdentifier(c.name)}) AS ${dialect.quoteIdentifier(c.name)}`).join(", ")
        : history
          ? columns.map((c) => dialect.quoteIdentifier(c.name)).join(", ")
          : "*";
    const result = await connection.execute(`SELECT ${list} FROM ${name}`);
    rows[table.name] = result.rows
      .map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)]))))
      .sort();
    if (dialect.name === "mysql") {
      const created = await connection.execute(`SHOW CREATE TABLE ${name}`);
      raw.push(plain(Object.values(created.rows[0] ?? {})[1]));
    }
  }
  if (dialect.name === "sqlite") {
    raw.push(...(await connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")).rows);
  }
  if (dialect.name === "postgresql") {
    const comments = await connection.execute(
      `SELECT c.relname AS t, d.objsubid AS col, encode(convert_to(d.description, 'UTF8'), 'hex') AS text
       FROM pg_description d JOIN pg_class c ON c.oid = d.objoid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() ORDER BY 1, 2`,
    );
    const defaults = await connection.execute(
      `SELECT table_name AS t, column_name AS c, column_default AS d FROM information_schema.columns
       WHERE table_schema = current_schema() ORDER BY 1, 2`,
    );
    raw.push(...comments.rows, ...defaults.rows);
  }
  return { model: JSON.parse(JSON.stringify(model, (_k, v: unknown) => plain(v))), raw, rows };
}

async function read(url: string): Promise<Record<string, unknown>> {
  const connection = await connect(url);
  try {
    return await snapshot(connection);
  } finally {
    await connection.close();
  }
}

/**
 * Runs `revisions` (linear, the last one the head) online on one fresh
 * database and through the client on its twin: upgrade to head, compare; then
 * downgrade to base both ways, compare again. Returns the offline scripts.
 */
export async function expectOfflineTwin(dialect: DialectName, revisions: readonly RevisionSpec[]): Promise<{ upgrade: string; downgrade: string }> {
  const project = createProject(dialect, revisions);
  const dir = mkdtempSync(join(tmpdir(), "athanor-twin-"));
  const databases: TwinDatabase[] = [];
  try {
    const online = await freshDatabase(dialect, dir, "online");
    databases.push(online);
    const offline = await freshDatabase(dialect, dir, "offline");
    databases.push(offline);
    const onlineConfig = project.config({ url: online.url });
    const offlineConfig = project.config({ url: offline.url });
    const head = revisions.at(-1)!.id;

    await command.upgrade(onlineConfig, "head");
    const up = (await command.upgrade(offlineConfig, "head", { sql: true })).sql ?? "";
    offline.run(up);
    const afterUpgrade = await read(online.url);
    expect(afterUpgrade["rows"], "the online run stored rows").not.toEqual({});
    expect(await read(offline.url), "after upgrade head").toEqual(afterUpgrade);

    await command.downgrade(onlineConfig, "base");
    const down = (await command.downgrade(offlineConfig, `${head}:base`, { sql: true })).sql ?? "";
    offline.run(down);
    expect(await read(offline.url), "after downgrade base").toEqual(await read(online.url));
    return { upgrade: up, downgrade: down };
  } finally {
    for (const database of databases) await database.drop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    await project.cleanup();
  }
}

/**
 * The revisions with every `op.batchAlterTable(...)` given `copyFrom`: the
 * table as an online run of the same revisions has it just before that
 * batch. Offline has no database to read a table from, so a script that moves
 * and copies needs it; here it is what a user would paste from the database.
 */
export async function withCopyFromAsOnline(dialect: DialectName, revisions: readonly RevisionSpec[]): Promise<RevisionSpec[]> {
  const batch = /await op\.batchAlterTable\("([^"]+)", \(batch\) => \{([\s\S]*?)\n {2}\}\);/g;
  if (!revisions.some((rev) => `${rev.upgrade ?? ""}${rev.downgrade ?? ""}`.includes("op.batchAlterTable("))) return [...revisions];
  const project = createProject(dialect, revisions);
  const states = new Map<string, string>();
  try {
    const config = project.config();
    const db = await project.db();
    const record = async (key: string): Promise<void> => {
      const model = await db.dialect.reflect!(db);
      for (const table of model.tables) {
        const name = table.name.replaceAll(project.prefix, "${P}");
        states.set(`${key}:${name}`, JSON.stringify(table).replaceAll(project.prefix, "${P}"));
      }
    };
    for (const rev of revisions) {
      await record(`${rev.id}:upgrade`);
      await command.upgrade(config, rev.id);
      await record(`${rev.id}:downgrade`);
    }
  } finally {
    await project.cleanup();
  }
  const give = (id: string, direction: "upgrade" | "downgrade", code: string | undefined): string | undefined =>
    code?.replace(batch, (whole, table: string, body: string) => {
      const state = states.get(`${id}:${direction}:${table}`);
      if (state === undefined) throw new Error(`no table ${table} before ${direction} ${id}`);
      return `await op.batchAlterTable("${table}", (batch) => {${body}\n  }, { copyFrom: ${state} });`;
    });
  return revisions.map((rev) => ({ ...rev, upgrade: give(rev.id, "upgrade", rev.upgrade), downgrade: give(rev.id, "downgrade", rev.downgrade) }));
}
