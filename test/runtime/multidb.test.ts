// The multidb template end to end through the built CLI, on two SQLite files.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "../../src/dialects/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = join(ROOT, "bin", "athanor.js");
const built = existsSync(join(ROOT, "dist", "cli", "main.js")) && existsSync(join(ROOT, "templates", "multidb"));

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function athanor(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env["ATHANOR_CONFIG"];
  delete env["MAIN_DATABASE_URL"];
  delete env["AUDIT_DATABASE_URL"];
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function tablesOf(file: string): Promise<string[]> {
  const db = await connect(`sqlite:///${file}`);
  try {
    const rows = await db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    return rows.rows.map((r) => String(r["name"]));
  } finally {
    await db.close();
  }
}

describe.skipIf(!built)("the multidb template", () => {
  it("migrates every database of the config, each revision seeing op.database", async () => {
    const dir = mkdtempSync(join(tmpdir(), "athanor-multidb-"));
    dirs.push(dir);
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(ROOT, join(dir, "node_modules", "athanor"), "dir");
    expect(athanor(dir, "init", "-t", "multidb", "migrations").code).toBe(0);
    expect(athanor(dir, "revision", "-m", "per database tables").code).toBe(0);
    const versions = join(dir, "migrations", "versions");
    const [file] = readdirSync(versions).filter((f) => f.endsWith(".ts"));
    const path = join(versions, file!);
    let text = readFileSync(path, "utf8");
    text = text.replace(
      /(export async function upgrade\(op: Operations\): Promise<void> \{)/,
      `$1\n  await op.execute(\`CREATE TABLE only_\${op.database} (id integer PRIMARY KEY)\`);`,
    );
    text = text.replace(
      /(export async function downgrade\(op: Operations\): Promise<void> \{)/,
      `$1\n  await op.execute(\`DROP TABLE only_\${op.database}\`);`,
    );
    writeFileSync(path, text);

    const up = athanor(dir, "upgrade", "head");
    expect(up.stderr).toBe("");
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/^\[main\] Running upgrade {2}-> \w+, per database tables\n\[audit\] Running upgrade {2}-> \w+, per database tables\n$/);
    expect(await tablesOf(join(dir, "main.db"))).toEqual(["athanor_history", "athanor_version", "only_main"]);
    expect(await tablesOf(join(dir, "audit.db"))).toEqual(["athanor_history", "athanor_version", "only_audit"]);

    const current = JSON.parse(athanor(dir, "current", "--json").stdout) as { atHeads: boolean };
    expect(current.atHeads).toBe(true);

    const sql = athanor(dir, "upgrade", "base:head", "--sql");
    expect(sql.code).toBe(0);
    expect(sql.stdout).toContain("-- database: main\n\n");
    expect(sql.stdout).toContain("CREATE TABLE only_audit");

    expect(athanor(dir, "downgrade", "base").code).toBe(0);
    expect(await tablesOf(join(dir, "main.db"))).toEqual(["athanor_history", "athanor_version"]);
    expect(await tablesOf(join(dir, "audit.db"))).toEqual(["athanor_history", "athanor_version"]);
  });
});
