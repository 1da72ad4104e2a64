/**
 * A throwaway project for the live runtime tests: a temp folder with
 * `migrations/versions/*.ts`, a Config pointing at one database, and names
 * (tables, version table) unique to the test so parallel files never collide.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Config } from "../../src/config/index.js";
import type { AthanorConfigInput } from "../../src/config/index.js";
import { connect } from "../../src/dialects/index.js";
import type { Connection } from "../../src/dialects/contract/index.js";
import { availableServers, serverUrls } from "../support/servers.js";
import type { DialectName } from "../support/servers.js";

/** One revision file. `${P}` in any code is replaced by the test's unique prefix. */
export interface RevisionSpec {
  readonly id: string;
  readonly down?: string | readonly string[] | null;
  readonly doc?: string;
  readonly branchLabels?: readonly string[];
  readonly dependsOn?: readonly string[];
  /** Body of `upgrade(op)`. */
  readonly upgrade?: string;
  /** Body of `downgrade(op)`. */
  readonly downgrade?: string;
  /** Extra top-level code (e.g. `export const transactional = false;`). */
  readonly extra?: string;
}

export interface Project {
  readonly dialect: DialectName;
  readonly dir: string;
  readonly url: string;
  /** Unique lowercase prefix for every table the test creates. */
  readonly prefix: string;
  readonly versionTable: string;
  config(extra?: Partial<AthanorConfigInput>): Config;
  /** Write (or overwrite) a revision file. */
  write(rev: RevisionSpec): void;
  /** Write migrations/env.ts. */
  writeEnv(source: string): void;
  /** Write athanor.config.mjs for CLI runs. */
  writeConfigFile(extra?: Record<string, unknown>): void;
  /** A connection of the test's own for checking state. */
  db(): Promise<Connection>;
  /** Rows of the version table, sorted; `null` when the table does not exist. */
  versionRows(table?: string): Promise<string[] | null>;
  tableExists(name: string): Promise<boolean>;
  /** Column names of a table, lowercased. */
  columns(name: string): Promise<string[]>;
  cleanup(): Promise<void>;
}

let counter = 0;

export function uniquePrefix(): string {
  counter += 1;
  return `t${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}${counter}`.toLowerCase();
}

export function revisionSource(rev: RevisionSpec, prefix: string): string {
  const down = rev.down === undefined || rev.down === null ? null : rev.down;
  const sub = (text: string | undefined): string => (text ?? "").replaceAll("${P}", prefix);
  return `/**
 * ${rev.doc ?? `revision ${rev.id}`}
 *
 * Revision ID: ${rev.id}
 * Revises: ${Array.isArray(down) ? down.join(", ") : (down ?? "")}
 * Create Date: 2026-11-21 10:00:00.000000
 */
export const revision = ${JSON.stringify(rev.id)};
export const downRevision = ${JSON.stringify(down)};
export const branchLabels = ${JSON.stringify(rev.branchLabels ?? null)};
export const dependsOn = ${JSON.stringify(rev.dependsOn ?? null)};
${sub(rev.extra)}

export async function upgrade(op: any): Promise<void> {
${sub(rev.upgrade)}
}

export async function downgrade(op: any): Promise<void> {
${sub(rev.downgrade)}
}
`;
}

export function createProject(dialect: DialectName, revisions: readonly RevisionSpec[] = []): Project {
  const dir = mkdtempSync(join(tmpdir(), `athanor-rt-${dialect}-`));
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  const prefix = uniquePrefix();
  const versionTable = `${prefix}_version`;
  const url = dialect === "sqlite" ? `sqlite:///${join(dir, "app.db")}` : serverUrls[dialect];
  const opened: Connection[] = [];
  let writes = 0;

  const project: Project = {
    dialect,
    dir,
    url,
    prefix,
    versionTable,
    config(extra = {}) {
      return Config.from({ scriptLocation: "migrations", url, versionTable, lockTimeout: 30_000, ...extra }, { baseDir: dir });
    },
    write(rev) {
      // a new file name each time: a rewritten revision is a new module, as in a new process
      const versions = join(dir, "migrations", "versions");
      for (const name of readdirSync(versions)) if (name.startsWith(`${rev.id}_`)) rmSync(join(versions, name));
      writes += 1;
      writeFileSync(join(versions, `${rev.id}_rev${writes}.ts`), revisionSource(rev, prefix));
    },
    writeEnv(source) {
      writeFileSync(join(dir, "migrations", "env.ts"), source.replaceAll("${P}", prefix));
    },
    writeConfigFile(extra = {}) {
      const body = { scriptLocation: "migrations", url, versionTable, lockTimeout: 60_000, ...extra };
      writeFileSync(join(dir, "athanor.config.mjs"), `export default ${JSON.stringify(body, null, 2)};\n`);
    },
    async db() {
      const connection = await connect(url);
      opened.push(connection);
      return connection;
    },
    async versionRows(table = versionTable) {
      const db = await project.db();
      if (!(await db.tableExists(table))) return null;
      const result = await db.execute(`SELECT version_num FROM ${db.dialect.quoteTable(table)}`);
      return result.rows.map((r) => String(r["version_num"])).sort();
    },
    async tableExists(name) {
      const db = await project.db();
      return db.tableExists(name);
    },
    async columns(name) {
      const db = await project.db();
      const result = await db.execute(`SELECT * FROM ${db.dialect.quoteTable(name)} WHERE 1 = 0`);
      if (result.rows.length > 0) return Object.keys(result.rows[0]!);
      // no rows: ask the catalog
      const sql =
        dialect === "sqlite"
          ? `SELECT name AS c FROM pragma_table_info('${name}')`
          : dialect === "postgresql"
            ? `SELECT column_name AS c FROM information_schema.columns WHERE table_name = '${name}' AND table_schema = current_schema() ORDER BY ordinal_position`
            : `SELECT column_name AS c FROM information_schema.columns WHERE table_name = '${name}' AND table_schema = database() ORDER BY ordinal_position`;
      const cols = await db.execute(sql);
      return cols.rows.map((r) => String(r["c"] ?? r["C"] ?? Object.values(r)[0]).toLowerCase());
    },
    async cleanup() {
      try {
        // A server that did not answer holds nothing of this project (an offline run made no tables).
        if (dialect !== "sqlite" && availableServers().has(dialect)) {
          const db = await project.db();
          // views of this project first, standalone sequences last: a failed test may leave them behind
          const others =
            dialect === "postgresql"
              ? await db.execute(
                  `SELECT 'VIEW' AS k, viewname AS t FROM pg_views WHERE schemaname = current_schema() AND viewname LIKE '${prefix}%'
                   UNION ALL SELECT 'MATERIALIZED VIEW', matviewname FROM pg_matviews WHERE schemaname = current_schema() AND matviewname LIKE '${prefix}%'`,
                )
              : await db.execute(`SELECT 'VIEW' AS k, table_name AS t FROM information_schema.views WHERE table_schema = database() AND table_name LIKE '${prefix}%'`);
          for (const row of others.rows) {
            const cascade = dialect === "postgresql" ? " CASCADE" : "";
            await db.execute(`DROP ${String(row["k"])} IF EXISTS ${db.dialect.quoteTable(String(row["t"]))}${cascade}`);
          }
          const list =
            dialect === "postgresql"
              ? await db.execute(`SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE '${prefix}%'`)
              : await db.execute(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = database() AND table_name LIKE '${prefix}%'`);
          for (const row of list.rows) {
            const name = String(row["t"] ?? Object.values(row)[0]);
            await db.execute(`DROP TABLE IF EXISTS ${db.dialect.quoteTable(name)}${dialect === "postgresql" ? " CASCADE" : ""}`);
          }
          if (dialect === "postgresql") {
            const sequences = await db.execute(`SELECT sequencename AS t FROM pg_sequences WHERE schemaname = current_schema() AND sequencename LIKE '${prefix}%'`);
            for (const row of sequences.rows) await db.execute(`DROP SEQUENCE IF EXISTS ${db.dialect.quoteTable(String(row["t"]))} CASCADE`);
          }
        }
      } finally {
        for (const c of opened) await c.close().catch(() => undefined);
        opened.length = 0;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  for (const rev of revisions) project.write(rev);
  return project;
}

/** A revision creating table `${P}_<name>` and dropping it on downgrade. */
export function tableRevision(id: string, down: string | readonly string[] | null, name: string, extra: Partial<RevisionSpec> = {}): RevisionSpec {
  return {
    id,
    down,
    doc: `create ${name}`,
    upgrade: `  await op.execute("CREATE TABLE \${P}_${name} (id integer PRIMARY KEY)");`,
    downgrade: `  await op.execute("DROP TABLE \${P}_${name}");`,
    ...extra,
  };
}
