// athanor run from outside a project (a global install, npx, or `-c` from
// another folder) connects with the driver the project installed: drivers are
// optional peers resolved from the config file's folder. The project's
// better-sqlite3 here is athanor's libsql linked under that name (it speaks the
// same API), so nothing is installed and athanor's own checkout lacks it.
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "../../src/dialects/index.js";
import { isInstalled } from "../dialects/helpers.js";
import { ROOT, athanor, expectOneLineError, writeRevision } from "./helpers.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function folder(prefix: string): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  dirs.push(dir);
  return dir;
}

/** A project with one revision creating `gadgets`, its database at an absolute path, migrated with better-sqlite3. */
function sqliteProject(withDriver: boolean): { dir: string; db: string } {
  const dir = folder("athanor-peer-");
  const db = join(dir, "app.db");
  writeFileSync(join(dir, "athanor.config.ts"), `export default { scriptLocation: "migrations", url: ${JSON.stringify(`sqlite+better-sqlite3:///${db}`)} };\n`);
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  writeFileSync(join(dir, "migrations", "env.ts"), "export {};\n");
  writeRevision(
    dir,
    { revision: "aaaa00001111", message: "gadgets" },
    `/**
 * gadgets
 *
 * Revision ID: aaaa00001111
 * Revises:
 * Create Date: 2026-11-21 10:00:00.000000
 */
export const revision = "aaaa00001111";
export const downRevision = null;
export async function upgrade(op) {
  await op.createTable("gadgets", [op.column("id", op.type.integer(), { primaryKey: true })]);
}
export async function downgrade(op) {
  await op.dropTable("gadgets");
}
`,
  );
  if (withDriver) {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(join(ROOT, "node_modules", "libsql"), join(dir, "node_modules", "better-sqlite3"), "dir");
  }
  return { dir, db };
}

// These need athanor's own checkout to lack better-sqlite3, so that only the project has it.
const ownDriver = isInstalled("better-sqlite3");
if (ownDriver) console.warn("\n[athanor tests] better-sqlite3 is installed in athanor's checkout: skipping the project-only driver tests\n");

describe.skipIf(ownDriver)("a driver installed by the project only", () => {
  it("is used when athanor runs from another folder with -c", async () => {
    const { dir, db } = sqliteProject(true);
    const elsewhere = folder("athanor-elsewhere-");
    const result = athanor(elsewhere, "-c", join(dir, "athanor.config.ts"), "upgrade", "head");
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Running upgrade  -> aaaa00001111, gadgets");
    const connection = await connect(`sqlite:///${db}`);
    try {
      expect((await connection.execute("SELECT version_num FROM athanor_version")).rows).toEqual([{ version_num: "aaaa00001111" }]);
      expect((await connection.execute("SELECT name FROM sqlite_master WHERE name = 'gadgets'")).rows).toEqual([{ name: "gadgets" }]);
    } finally {
      await connection.close();
    }
  });

  it("is used from the project's own folder", () => {
    const { dir } = sqliteProject(true);
    const result = athanor(dir, "upgrade", "head");
    expect(result.code, result.stderr).toBe(0);
    expect(athanor(dir, "current").stdout.trim()).toBe("aaaa00001111 (head)");
  });

  it("missing from the project is one line saying what to install, and nothing is created", () => {
    const { dir, db } = sqliteProject(false);
    const result = athanor(folder("athanor-elsewhere-"), "-c", join(dir, "athanor.config.ts"), "upgrade", "head");
    expect(expectOneLineError(result)).toContain("The SQLite driver better-sqlite3 is not installed; run `npm install better-sqlite3`");
    expect(existsSync(db)).toBe(false);
  });
});
