// The same migrations written for every tool the benchmark runs: `count` steps,
// step i creating table bench_t<i> (and dropping it on the way down), in each
// tool's own folder layout. Peer packages resolve from bench/node_modules through
// a node_modules link beside the projects, as in a user's project.
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The statement of step i, identical for every tool. */
export const createSql = (i) => `CREATE TABLE bench_t${i} (id integer PRIMARY KEY, name varchar(50))`;
export const dropSql = (i) => `DROP TABLE bench_t${i}`;

const pad = (i, width = 6) => String(i).padStart(width, "0");

/** athanor: TypeScript revision files, as `athanor revision` writes them. */
export function writeAthanor(dir, url, count) {
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  writeFileSync(
    join(dir, "athanor.config.mjs"),
    `export default ${JSON.stringify({ scriptLocation: "migrations", url, versionTable: "bench_version" })};\n`,
  );
  let down = null;
  const stamp = Date.now();
  for (let i = 1; i <= count; i++) {
    const id = `b${pad(i)}`;
    writeFileSync(
      join(dir, "migrations", "versions", `${id}_table_${i}.ts`),
      `/**
 * table ${i}
 *
 * Revision ID: ${id}
 * Revises: ${down ?? ""}
 */
// bench run ${stamp} (new text each run, so the first run really starts with a cold cache)
import type { Operations } from "athanor";

export const revision = "${id}";
export const downRevision: string | null = ${JSON.stringify(down)};
export const branchLabels = null;
export const dependsOn = null;

export async function upgrade(op: Operations): Promise<void> {
  await op.execute("${createSql(i)}");
}

export async function downgrade(op: Operations): Promise<void> {
  await op.execute("${dropSql(i)}");
}
`,
    );
    down = id;
  }
}

/** drizzle-kit: one SQL file per migration and the journal `drizzle-kit generate` keeps. */
export function writeDrizzle(dir, dialect, url, count) {
  const out = join(dir, "drizzle");
  mkdirSync(join(out, "meta"), { recursive: true });
  const entries = [];
  for (let i = 1; i <= count; i++) {
    const tag = `${pad(i - 1, 4)}_table_${i}`;
    writeFileSync(join(out, `${tag}.sql`), `${createSql(i)};\n`);
    entries.push({ idx: i - 1, version: dialect === "sqlite" ? "6" : dialect === "mysql" ? "5" : "7", when: 1_700_000_000_000 + i, tag, breakpoints: true });
  }
  const kind = dialect === "mysql" ? "mysql" : dialect;
  writeFileSync(join(out, "meta", "_journal.json"), JSON.stringify({ version: "7", dialect: kind, entries }, null, 2));
  const credentials = dialect === "sqlite" ? { url: url.replace(/^sqlite:\/\/\//, "") } : { url };
  writeFileSync(
    join(dir, "drizzle.config.json"),
    JSON.stringify({ dialect: kind, out: "./drizzle", dbCredentials: credentials, migrations: { table: "bench_drizzle_migrations" } }),
  );
}

/** knex, kysely, node-pg-migrate: one ES module per migration, each with up and down. */
export function writeModules(dir, tool, count) {
  const folder = join(dir, "migrations");
  mkdirSync(folder, { recursive: true });
  for (let i = 1; i <= count; i++) {
    let text;
    if (tool === "knex") {
      text = `export const up = (knex) => knex.raw("${createSql(i)}");\nexport const down = (knex) => knex.raw("${dropSql(i)}");\n`;
    } else if (tool === "kysely") {
      text = `import { sql } from "kysely";\n\nexport async function up(db) {\n  await sql\`${createSql(i)}\`.execute(db);\n}\n\nexport async function down(db) {\n  await sql\`${dropSql(i)}\`.execute(db);\n}\n`;
    } else {
      text = `export const up = (pgm) => {\n  pgm.sql("${createSql(i)}");\n};\nexport const down = (pgm) => {\n  pgm.sql("${dropSql(i)}");\n};\n`;
    }
    writeFileSync(join(folder, `${pad(i, 13)}_table_${i}.mjs`), text);
  }
}

/** A fresh folder for the projects, with node_modules linked to the benchmark's own packages. */
export function projectsRoot(workDir, benchModules) {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  if (existsSync(benchModules)) symlinkSync(benchModules, join(workDir, "node_modules"), "dir");
  return workDir;
}
