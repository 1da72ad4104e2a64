// The bundled CLI (dist/bundle/cli.cjs, run by bin/athanor.js): a project's
// TypeScript files importing `athanor` get the very copy that runs them; each
// command keeps the code V8 compiled for it, reads it back and writes it anew
// when V8 refuses it; `--help` loads neither crypto nor child_process.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, athanorWithEnv, bareProject, writeRevision } from "./helpers.js";

const BIN = join(ROOT, "bin", "athanor.js");

function sqliteProject(): string {
  const dir = bareProject();
  writeFileSync(join(dir, "athanor.config.ts"), `export default { scriptLocation: "migrations", url: "sqlite:///app.db" };\n`);
  return dir;
}

describe("the bundled CLI", () => {
  it("serves `athanor` to a revision from its own copy: a statement built with its class runs", () => {
    const dir = sqliteProject();
    writeRevision(
      dir,
      { revision: "aaaa00000001" },
      `/**
 * made with op.sql
 *
 * Revision ID: aaaa00000001
 * Revises:
 */
import { SqlStatement, type Operations } from "athanor";

export const revision = "aaaa00000001";
export const downRevision = null;

// op.execute() takes a string or an SqlStatement of the copy that runs it
export async function upgrade(op: Operations): Promise<void> {
  await op.execute(new SqlStatement(["CREATE TABLE made_by_sql (id INTEGER PRIMARY KEY, name TEXT)"], []));
}

export async function downgrade(op: Operations): Promise<void> {
  await op.execute(new SqlStatement(["DROP TABLE made_by_sql"], []));
}
`,
    );
    const cache = mkdtempSync(join(tmpdir(), "athanor-bundle-cache-"));
    const up = athanorWithEnv(dir, { ATHANOR_CACHE_DIR: cache }, "upgrade", "head");
    expect(up.stderr).toBe("");
    expect(up.code).toBe(0);
    const tables = athanorWithEnv(dir, { ATHANOR_CACHE_DIR: cache }, "current");
    expect(tables.stdout).toContain("aaaa00000001 (head)");
    // run again from the command's code cache: the same copy again
    expect(athanorWithEnv(dir, { ATHANOR_CACHE_DIR: cache }, "downgrade", "base").code).toBe(0);
    expect(athanorWithEnv(dir, { ATHANOR_CACHE_DIR: cache }, "upgrade", "head").code).toBe(0);
  });

  it("keeps one code cache per command, reads it back, and replaces one V8 refuses", () => {
    const dir = sqliteProject();
    writeRevision(dir, { revision: "aaaa00000001" });
    const cache = mkdtempSync(join(tmpdir(), "athanor-bundle-cache-"));
    const run = (...args: string[]): void => {
      const result = athanorWithEnv(dir, { ATHANOR_CACHE_DIR: cache }, ...args);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
    };
    const entry = (command: string): string | undefined => {
      const names = readdirSync(cache).filter((name) => name.startsWith("cli-") && name.endsWith(`-${command}.bin`));
      expect(names.length).toBeLessThanOrEqual(1);
      return names[0] === undefined ? undefined : join(cache, names[0]);
    };

    run("heads");
    const heads = entry("heads");
    expect(heads).toBeDefined();
    expect(entry("history")).toBeUndefined();
    const written = statSync(heads!).mtimeMs;
    const bytes = readFileSync(heads!);

    run("heads");
    // accepted: left as it was
    expect(statSync(heads!).mtimeMs).toBe(written);
    expect(readFileSync(heads!).equals(bytes)).toBe(true);

    writeFileSync(heads!, "not a code cache");
    run("heads");
    expect(readFileSync(heads!, "latin1")).not.toBe("not a code cache");
    expect(readFileSync(heads!).length).toBeGreaterThan(1000);

    run("history");
    expect(entry("history")).toBeDefined();
  });

  it("--help loads neither crypto nor child_process", () => {
    const report = join(mkdtempSync(join(tmpdir(), "athanor-bundle-")), "loaded.cjs");
    writeFileSync(
      report,
      `process.on("exit", () => process.stderr.write("LOADED " + JSON.stringify(process.moduleLoadList) + "\\n"));\n`,
    );
    const result = spawnSync(process.execPath, ["-r", report, BIN, "--help"], { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Usage: athanor");
    const loaded = JSON.parse(result.stderr.slice(result.stderr.indexOf("LOADED ") + 7)) as string[];
    expect(loaded).not.toContain("NativeModule crypto");
    expect(loaded).not.toContain("NativeModule child_process");
    // the check can fail: a command that does hash loads crypto
    const dir = sqliteProject();
    const heads = spawnSync(process.execPath, ["-r", report, BIN, "heads"], { cwd: dir, encoding: "utf8" });
    expect(heads.status).toBe(0);
    expect(JSON.parse(heads.stderr.slice(heads.stderr.indexOf("LOADED ") + 7)) as string[]).toContain("NativeModule crypto");
  });
});
