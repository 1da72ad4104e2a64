// One peer tool migrating up or down, as one whole process, through its own
// programmatic API (the one its CLI calls), with the benchmark's packages:
//   node bench/peers/run-peer.mjs <knex|kysely|node-pg-migrate> <postgresql|mysql|sqlite> <up|down> <project dir> <url>
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const [tool, dialect, direction, dir, url] = process.argv.slice(2);
const require = createRequire(fileURLToPath(new URL("../package.json", import.meta.url)));
const sqlitePath = () => url.replace(/^sqlite:\/\/\//, "");
const migrations = join(dir, "migrations");

async function knex() {
  const { default: createKnex } = await import(require.resolve("knex"));
  let client = dialect === "postgresql" ? "pg" : "mysql2";
  let connection = url;
  if (dialect === "sqlite") {
    // knex's better-sqlite3 client over libsql, the SQLite athanor runs on (same API)
    const BetterSqlite = require("knex/lib/dialects/better-sqlite3/index.js");
    client = class extends BetterSqlite {
      _driver() {
        return require("libsql");
      }
    };
    connection = { filename: sqlitePath() };
  }
  const db = createKnex({
    client,
    connection,
    useNullAsDefault: true,
    migrations: { directory: migrations, loadExtensions: [".mjs"], tableName: "bench_knex_migrations" },
  });
  try {
    if (direction === "up") await db.migrate.latest();
    else await db.migrate.rollback(undefined, true);
  } finally {
    await db.destroy();
  }
}

async function kysely() {
  const { Kysely, Migrator, FileMigrationProvider, NO_MIGRATIONS, PostgresDialect, MysqlDialect, SqliteDialect } = await import(
    require.resolve("kysely")
  );
  const fs = await import("node:fs/promises");
  const path = await import("node:path");
  let kyselyDialect;
  if (dialect === "postgresql") kyselyDialect = new PostgresDialect({ pool: new (require("pg").Pool)({ connectionString: url, max: 1 }) });
  else if (dialect === "mysql") kyselyDialect = new MysqlDialect({ pool: require("mysql2").createPool({ uri: url, connectionLimit: 1 }) });
  else kyselyDialect = new SqliteDialect({ database: new (require("libsql"))(sqlitePath()) });
  const db = new Kysely({ dialect: kyselyDialect });
  try {
    const migrator = new Migrator({
      db,
      provider: new FileMigrationProvider({ fs, path, migrationFolder: migrations }),
      migrationTableName: "bench_kysely_migration",
      migrationLockTableName: "bench_kysely_migration_lock",
    });
    const { error } = direction === "up" ? await migrator.migrateToLatest() : await migrator.migrateTo(NO_MIGRATIONS);
    if (error) throw error;
  } finally {
    await db.destroy();
  }
}

async function nodePgMigrate() {
  const { runner } = await import(require.resolve("node-pg-migrate"));
  await runner({
    databaseUrl: url,
    dir: migrations,
    direction,
    count: Infinity,
    migrationsTable: "bench_pgmigrations",
    log: () => {},
  });
}

const tools = { knex, kysely, "node-pg-migrate": nodePgMigrate };
if (!tools[tool]) throw new Error(`unknown tool ${tool}`);
await tools[tool]();
