/**
 * A throwaway fleet for the live fleet tests: a temp project with a few
 * revisions, and N tenants on one database kind (SQLite files, PostgreSQL
 * schemas, MySQL/MariaDB databases), all named with the test prefix and
 * dropped again by `cleanup()`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Config } from "../../src/config/index.js";
import type { AthanorConfigInput } from "../../src/config/index.js";
import { connect } from "../../src/dialects/index.js";
import type { Connection } from "../../src/dialects/contract/index.js";
import type { FleetTarget } from "../../src/fleet/types.js";
import { revisionSource, type RevisionSpec } from "../runtime/project.js";
import { serverUrls, testPrefix, type DialectName } from "../support/servers.js";

let counter = 0;

export interface FleetProject {
  readonly dialect: DialectName;
  readonly dir: string;
  /** Unique lowercase prefix of everything this project creates. */
  readonly prefix: string;
  readonly targets: FleetTarget[];
  config(extra?: Partial<AthanorConfigInput>): Config;
  /** Writes athanor.config.mjs declaring `targets` as the fleet `tenants`. */
  writeConfigFile(extra?: Record<string, unknown>): void;
  /** A connection working where a target lives (its schema or database). */
  open(target: FleetTarget): Promise<Connection>;
  /** The target's version table rows, sorted; `null` when the table does not exist. */
  versionRows(target: FleetTarget): Promise<string[] | null>;
  cleanup(): Promise<void>;
}

/** The revisions every fleet test runs: three tables, one per revision; `upgrade` of r2 may be replaced. */
export function fleetRevisions(options: { r1Extra?: string; r2Extra?: string; ifNotExists?: boolean } = {}): RevisionSpec[] {
  // IF NOT EXISTS: a run killed between a MySQL DDL statement (which commits at once) and its
  // version change leaves the table; a revision written this way can run again
  const create = options.ifNotExists === true ? "CREATE TABLE IF NOT EXISTS" : "CREATE TABLE";
  const table = (id: string, down: string | null, extra = ""): RevisionSpec => ({
    id,
    down,
    doc: `create ${id}`,
    upgrade: `${extra}\n  await op.execute("${create} \${P}_${id} (id integer PRIMARY KEY)");`,
    downgrade: `  await op.execute("DROP TABLE \${P}_${id}");`,
  });
  return [table("r1", null, options.r1Extra), table("r2", "r1", options.r2Extra), table("r3", "r2")];
}

/** A project with `count` tenants of one database kind and the given revisions. */
export async function createFleetProject(dialect: DialectName, count: number, revisions: readonly RevisionSpec[]): Promise<FleetProject> {
  counter += 1;
  const dir = mkdtempSync(join(tmpdir(), `athanor-fleet-${dialect}-`));
  const prefix = `${testPrefix}_f${process.pid.toString(36)}${counter}`;
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  mkdirSync(join(dir, "tenants"));
  for (const rev of revisions) writeFileSync(join(dir, "migrations", "versions", `${rev.id}_rev.ts`), revisionSource(rev, prefix));
  const names = Array.from({ length: count }, (_, i) => `${prefix}_${String(i).padStart(3, "0")}`);
  const targets: FleetTarget[] = names.map((name, i) => {
    if (dialect === "sqlite") return { name, url: `sqlite:///tenants/${name}.db` };
    if (dialect === "postgresql") return { name, url: serverUrls.postgresql, schema: name };
    // MySQL: half name their database in `schema`, half in the URL
    const url = new URL(serverUrls.mysql);
    if (i % 2 === 0) return { name, url: serverUrls.mysql, schema: name };
    url.pathname = `/${name}`;
    return { name, url: url.toString() };
  });
  const admin = dialect === "sqlite" ? undefined : await connect(serverUrls[dialect]);
  if (admin !== undefined) {
    for (const name of names) {
      await admin.execute(dialect === "postgresql" ? `CREATE SCHEMA ${admin.dialect.quoteIdentifier(name)}` : `CREATE DATABASE ${admin.dialect.quoteIdentifier(name)}`);
    }
  }
  const versionTable = `${prefix}_version`;
  const project: FleetProject = {
    dialect,
    dir,
    prefix,
    targets,
    config(extra = {}) {
      return Config.from({ scriptLocation: "migrations", versionTable, lockTimeout: 30_000, fleets: { tenants: targets }, ...extra }, { baseDir: dir });
    },
    writeConfigFile(extra = {}) {
      const body = { scriptLocation: "migrations", versionTable, lockTimeout: 30_000, fleets: { tenants: targets }, ...extra };
      writeFileSync(join(dir, "athanor.config.mjs"), `export default ${JSON.stringify(body, null, 2)};\n`);
    },
    async open(target) {
      const url = target.url.startsWith("sqlite:///") ? `sqlite:///${join(dir, target.url.slice("sqlite:///".length))}` : target.url;
      const connection = await connect(url);
      if (target.schema !== undefined) {
        await connection.execute(
          dialect === "postgresql" ? `SET search_path TO ${connection.dialect.quoteIdentifier(target.schema)}` : `USE ${connection.dialect.quoteIdentifier(target.schema)}`,
        );
      }
      return connection;
    },
    async versionRows(target) {
      const connection = await project.open(target);
      try {
        if (!(await connection.tableExists(versionTable, target.schema ?? null))) return null;
        const result = await connection.execute(`SELECT version_num FROM ${connection.dialect.quoteTable(versionTable, target.schema ?? null)}`);
        return result.rows.map((r) => String(r["version_num"])).sort();
      } finally {
        await connection.close();
      }
    },
    async cleanup() {
      try {
        if (admin !== undefined) {
          for (const name of names) {
            await admin.execute(
              dialect === "postgresql"
                ? `DROP SCHEMA IF EXISTS ${admin.dialect.quoteIdentifier(name)} CASCADE`
                : `DROP DATABASE IF EXISTS ${admin.dialect.quoteIdentifier(name)}`,
            );
          }
        }
      } finally {
        await admin?.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return project;
}

/** The advisory/named lock a run takes on a target, held by another session until `release()`. */
export async function holdTargetLock(project: FleetProject, target: FleetTarget): Promise<{ release(): Promise<void> }> {
  const versionTable = `${project.prefix}_version`;
  const connection =
    project.dialect === "sqlite"
      ? await connect(`sqlite:///${join(project.dir, target.url.slice("sqlite:///".length))}`)
      : await connect(target.url);
  const name = `athanor:${target.schema === undefined ? versionTable : `${target.schema}.${versionTable}`}`;
  await connection.acquireLock(name, 5_000);
  return {
    async release() {
      await connection.releaseLock(name);
      await connection.close();
    },
  };
}
