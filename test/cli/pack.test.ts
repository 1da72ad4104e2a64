// The package as npm ships it: `npm pack`, installed into an empty project from
// the tarball (its dependencies from the registry), then the installed `athanor`
// bin migrates a SQLite database. The pack runs with --ignore-scripts because
// `npm test` has just built dist/, and rebuilding it here would rewrite files
// other test files are running; that `prepack` builds is asserted on its own.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { ROOT } from "./helpers.js";

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

/** Whether the npm registry answers within a few seconds. */
async function registryAnswers(): Promise<boolean> {
  const registry = spawnSync(NPM, ["config", "get", "registry"], { encoding: "utf8" }).stdout.trim() || "https://registry.npmjs.org/";
  try {
    const response = await fetch(new URL("commander", registry), { method: "HEAD", signal: AbortSignal.timeout(5000) });
    return response.ok;
  } catch {
    return false;
  }
}

const reachable = await registryAnswers();
const skip = !reachable && !process.env["CI"];
if (skip) console.warn("\n[athanor tests] skipping the packed-install test: the npm registry is not reachable (it runs, and fails, when CI is set)\n");

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function run(command: string, args: string[], cwd: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env["ATHANOR_CONFIG"];
  delete env["DATABASE_URL"];
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

interface PackEntry {
  readonly filename: string;
  readonly files: Array<{ readonly path: string }>;
}

describe("the published package", () => {
  test("packing builds first", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts["prepack"]).toBe("npm run build");
  });

  test.skipIf(skip)("installs from its tarball and migrates SQLite with the installed bin", async () => {
    const out = temp("athanor-pack-");
    const [entry] = JSON.parse(run(NPM, ["pack", "--ignore-scripts", "--json", "--pack-destination", out], ROOT)) as PackEntry[];
    const paths = entry!.files.map((file) => file.path);
    expect(paths).toContain("bin/athanor.js");
    expect(paths).toContain("dist/index.js");
    expect(paths).toContain("templates/generic/env.ts");
    expect(paths.filter((path) => /^(\.bench|bench|test|src|node_modules)\//.test(path))).toEqual([]);

    const project = temp("athanor-installed-");
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "installed-athanor", private: true, type: "module" }));
    run(NPM, ["install", join(out, entry!.filename), "--no-audit", "--no-fund", "--loglevel=error"], project);

    const bin = join(project, "node_modules", ".bin", "athanor");
    run(bin, ["init", "migrations"], project);
    const made = run(bin, ["revision", "-m", "one"], project);
    const id = /Generating migrations\/versions\/([0-9a-f]{12})_one\.ts/.exec(made)?.[1];
    expect(id).toBeDefined();
    run(bin, ["upgrade", "head"], project);
    expect(run(bin, ["current"], project).trim()).toBe(`${id} (head)`);

    // The version row, read back with the installed libsql.
    const { default: Database } = (await import(join(project, "node_modules", "libsql", "index.js"))) as {
      default: new (path: string) => { prepare(sql: string): { all(): Array<Record<string, unknown>> }; close(): void };
    };
    const db = new Database(join(project, "app.db"));
    try {
      expect(db.prepare('SELECT version_num FROM "athanor_version"').all()).toEqual([{ version_num: id }]);
    } finally {
      db.close();
    }
  }, 240_000);
});
