import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT, bareProject, writeRevision } from "./helpers.js";

// The graph commands must not load jiti or a database driver: those are what make
// start-up slow. A project with a JavaScript config needs neither; a TypeScript
// config needs the type stripper only until its cache holds the config.

const HEAVY = ["jiti", "pg", "mysql2", "libsql"];

function modulesLoadedBy(cwd: string, args: string[], env: Record<string, string> = {}): string[] {
  const main = pathToFileURL(join(ROOT, "dist", "cli", "main.js")).href;
  const script = `
    import { createRequire } from "node:module";
    const { main } = await import(${JSON.stringify(main)});
    const code = await main(${JSON.stringify(args)});
    const require = createRequire(import.meta.url);
    process.stderr.write(JSON.stringify({ code, loaded: Object.keys(require.cache) }));
  `;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  const report = JSON.parse(result.stderr.slice(result.stderr.indexOf('{"code"'))) as { code: number; loaded: string[] };
  expect(report.code).toBe(0);
  return report.loaded;
}

function heavyIn(loaded: string[]): string[] {
  return loaded.filter((path) => HEAVY.some((name) => path.includes(`/node_modules/${name}/`)));
}

describe("start-up", () => {
  const dir = bareProject();
  writeFileSync(join(dir, "athanor.config.mjs"), `export default { scriptLocation: "migrations" };\n`);
  writeFileSync(join(dir, "athanor.config.ts"), "throw new Error('not this one');\n");
  writeRevision(dir, { revision: "aaaa00000001" });
  writeRevision(dir, { revision: "bbbb00000002", downRevision: "aaaa00000001" });

  it("--help loads no driver and no jiti", () => {
    expect(heavyIn(modulesLoadedBy(dir, ["--help"]))).toEqual([]);
  });

  it("heads, history and show load no driver and no jiti", () => {
    for (const args of [["heads"], ["history"], ["show", "aaaa00000001"], ["branches"]]) {
      expect(heavyIn(modulesLoadedBy(dir, ["-c", "athanor.config.mjs", ...args]))).toEqual([]);
    }
  });

  it("a TypeScript config loads the type stripper on a cold cache only, and never jiti", () => {
    const ts = bareProject();
    writeRevision(ts, { revision: "aaaa00000001" });
    const env = { ATHANOR_CACHE_DIR: join(ts, ".cache") };
    const cold = modulesLoadedBy(ts, ["heads"], env);
    // the stripper: its entry package or, required directly, its native binding package
    const stripper = (p: string): boolean => p.includes("/oxc-transform/") || p.includes("/@oxc-transform/");
    // the check can fail: the stripper is a native module, seen where a driver would be
    expect(cold.some(stripper)).toBe(true);
    expect(heavyIn(cold)).toEqual([]);
    const warm = modulesLoadedBy(ts, ["heads"], env);
    expect(warm.some(stripper)).toBe(false);
    expect(heavyIn(warm)).toEqual([]);
  });
});
