// The command line keeps the code V8 compiled for a driver's files, and where their
// requires led, in one pack per driver in the cache folder. What it keeps must never
// outlive the files: a pack that is damaged or belongs to other files is ignored and
// written anew, and a driver changed in place (same size, same modification time, as
// a package manager leaves them) runs its new code.
import { mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { serverUrls, liveDialects, type DialectName } from "../support/servers.js";
import { uniqueName } from "../dialects/helpers.js";
import { ROOT, athanorWithEnv, projectDir, type RunResult } from "./helpers.js";

/** The project's own copy of each driver: a package of the driver's name whose entry requires athanor's copy. */
const DRIVERS: Record<DialectName, { pkg: string; entry: string; real: string }> = {
  sqlite: { pkg: "better-sqlite3", entry: "index.js", real: join(ROOT, "node_modules", "libsql") },
  postgresql: { pkg: "pg", entry: "index.js", real: join(ROOT, "node_modules", "pg") },
  mysql: { pkg: "mysql2", entry: "promise.js", real: join(ROOT, "node_modules", "mysql2", "promise") },
};

interface Project {
  readonly dir: string;
  readonly cache: string;
  /** The project driver's entry file. */
  readonly entry: string;
  run(...args: string[]): RunResult;
}

function project(dialect: DialectName): Project {
  const dir = projectDir();
  const cache = join(dir, "cache");
  const driver = DRIVERS[dialect];
  const folder = join(dir, "node_modules", driver.pkg);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "package.json"), JSON.stringify({ name: driver.pkg, version: "1.0.0", main: "index.js" }));
  const entry = join(folder, driver.entry);
  writeFileSync(entry, `module.exports = require(${JSON.stringify(driver.real)});\n`);
  utimesSync(entry, PACKED, PACKED);
  const url =
    dialect === "sqlite" ? `sqlite+better-sqlite3:///${join(dir, "app.db")}` : serverUrls[dialect];
  writeFileSync(
    join(dir, "athanor.config.ts"),
    `export default ${JSON.stringify({ scriptLocation: "migrations", url, versionTable: uniqueName("packs") })};\n`,
  );
  mkdirSync(join(dir, "migrations", "versions"), { recursive: true });
  writeFileSync(join(dir, "migrations", "env.ts"), "export {};\n");
  const run = (...args: string[]) => athanorWithEnv(dir, { ATHANOR_CACHE_DIR: cache }, ...args);
  // a SQLite file is made by the first upgrade; a server's database is there already
  const upgrade = run("upgrade", "head");
  expect(upgrade.code, upgrade.stderr).toBe(0);
  // each test starts from an empty cache folder
  rmSync(cache, { recursive: true, force: true });
  return { dir, cache, entry, run };
}

/** The driver packs in the cache folder. */
function packs(cache: string): string[] {
  return readdirSync(cache)
    .filter((name) => name.startsWith("driver-") && name.endsWith(".bin"))
    .map((name) => join(cache, name));
}

function currentIsBase(p: Project): void {
  const result = p.run("current");
  expect(result.code, result.stderr).toBe(0);
  expect(result.stderr).toBe("");
}

/** The one modification time npm gives every file it unpacks. */
const PACKED = new Date("1985-10-26T08:15:00Z");

/** Rewrite `file` with `text` of the same length and the same modification time, as an upgrade by a package manager may. */
function rewriteInPlace(file: string, text: string): void {
  const before = statSync(file);
  const old = readFileSync(file, "utf8");
  const same = text.padEnd(old.length - 1, " ") + "\n";
  expect(same.length).toBe(old.length);
  writeFileSync(file, same);
  utimesSync(file, PACKED, PACKED);
  expect(statSync(file).size).toBe(before.size);
  expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
}

/** Node 22 has a compile cache of its own, which the command line turns on instead of writing packs. */
const nodeCompileCache = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache === "function";

describe.skipIf(!nodeCompileCache).each(liveDialects())("a driver's compiled code on %s, with Node's compile cache", (dialect) => {
  it("is kept by Node, and a driver file changed in place runs its new code", () => {
    const p = project(dialect);
    currentIsBase(p);
    expect(readdirSync(join(p.cache, "node-compile-cache")).length).toBeGreaterThan(0);
    expect(packs(p.cache)).toEqual([]);
    rewriteInPlace(p.entry, `throw new Error("driver 2.0.0 changed in place");`);
    const upgraded = p.run("current");
    expect(upgraded.code).toBe(1);
    expect(upgraded.stderr).toContain("driver 2.0.0 changed in place");
  });
});

describe.skipIf(nodeCompileCache).each(liveDialects())("a driver's compiled code on %s", (dialect) => {
  it("is kept in one pack, and a run that finds it whole leaves it as it is", () => {
    const p = project(dialect);
    currentIsBase(p);
    const [pack, ...others] = packs(p.cache);
    expect(others).toEqual([]);
    const bytes = readFileSync(pack!);
    expect(bytes.toString("latin1", 0, 22)).toBe("athanor-driver-pack-1 ");
    // the driver's own files, not only the project's entry, are in it
    const index = bytes.toString("utf8", bytes.indexOf(10) + 1, bytes.indexOf(10) + 1 + Number(/ (\d+)\n/.exec(bytes.toString("latin1", 0, 40))![1]));
    const files = (JSON.parse(index) as { files: { path: string }[] }).files.map((f) => f.path);
    expect(files).toContain(p.entry);
    expect(files.filter((f) => f.startsWith(realpathSync(join(ROOT, "node_modules")))).length).toBeGreaterThan(1);
    const written = statSync(pack!).mtimeMs;
    currentIsBase(p);
    expect(readFileSync(pack!).equals(bytes)).toBe(true);
    expect(statSync(pack!).mtimeMs).toBe(written);
  });

  it("ignores a damaged pack and writes it anew", () => {
    const p = project(dialect);
    currentIsBase(p);
    const [pack] = packs(p.cache);
    const whole = readFileSync(pack!);
    for (const damaged of [
      Buffer.from("not a pack at all"),
      whole.subarray(0, whole.length - 100),
      Buffer.concat([whole, Buffer.from("trailing")]),
      Buffer.from(whole.toString("latin1").replace(/"entry":"[^"]*"/, (m) => m.replace(/.$/, "x\"")), "latin1"),
    ]) {
      writeFileSync(pack!, damaged);
      currentIsBase(p);
      const rewritten = readFileSync(pack!);
      expect(rewritten.equals(damaged)).toBe(false);
      expect(rewritten.toString("latin1", 0, 22)).toBe("athanor-driver-pack-1 ");
      // whole again: the next run keeps it
      currentIsBase(p);
      expect(readFileSync(pack!).equals(rewritten)).toBe(true);
    }
  });

  it("runs a driver file changed in place, not the code kept for it", () => {
    const p = project(dialect);
    currentIsBase(p);
    const [pack] = packs(p.cache);
    const original = readFileSync(p.entry, "utf8");
    rewriteInPlace(p.entry, `throw new Error("driver 2.0.0 changed in place");`);
    const upgraded = p.run("current");
    expect(upgraded.code).toBe(1);
    expect(upgraded.stderr).toContain("driver 2.0.0 changed in place");
    rewriteInPlace(p.entry, original.trimEnd());
    currentIsBase(p);
    // the pack now holds the file as it is again, and is kept by the next run
    const kept = readFileSync(pack!);
    currentIsBase(p);
    expect(readFileSync(pack!).equals(kept)).toBe(true);
  });

  it("follows a require that now leads to another file", () => {
    const p = project(dialect);
    const folder = join(p.entry, "..");
    writeFileSync(join(folder, "inner.js"), readFileSync(p.entry, "utf8"));
    writeFileSync(p.entry, `module.exports = require("./inner");\n`);
    currentIsBase(p);
    currentIsBase(p);
    // Node now finds the file named exactly so before inner.js; no file the driver ran changed
    writeFileSync(join(folder, "inner"), `throw new Error("the new inner file of the driver ran");\n`);
    const result = p.run("current");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the new inner file of the driver ran");
  });

  it("keeps one pack per set of compiler flags and drops those of another V8", () => {
    const p = project(dialect);
    currentIsBase(p);
    const [ofCurrent] = packs(p.cache);
    // the same command under another V8 flag (which V8's cache tag covers) keeps a pack of its own
    const otherFlags = athanorWithEnv(p.dir, { ATHANOR_CACHE_DIR: p.cache, NODE_OPTIONS: "--max-semi-space-size=32" }, "current");
    expect(otherFlags.code, otherFlags.stderr).toBe(0);
    const ofOtherFlags = packs(p.cache).find((pack) => pack !== ofCurrent);
    expect(ofOtherFlags).toBeDefined();
    // a pack another Node left for the same driver
    const older = ofCurrent!.replace(/-([a-z0-9]+)-[0-9a-f]{16}-([0-9a-f]{16})\.bin$/, "-$1-0000000000000000-$2.bin");
    expect(older).not.toBe(ofCurrent);
    writeFileSync(older, readFileSync(ofCurrent!));
    rmSync(ofCurrent!);
    currentIsBase(p);
    expect(packs(p.cache).sort()).toEqual([ofCurrent, ofOtherFlags].sort());
  });
});
