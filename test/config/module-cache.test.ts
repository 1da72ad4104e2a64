// The cache of transformed TypeScript modules, seen from separate processes (as
// commands run): a second process takes modules from it without loading the
// transformer, a changed file is transformed again, processes writing at once
// leave only whole entries, and errors keep the file and line of the source.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { tempDir } from "./temp-dir.js";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const LOADER = pathToFileURL(join(ROOT, "dist", "config", "load-module.js")).href;

interface Report {
  readonly values: unknown[];
  readonly transformerLoaded: boolean;
  readonly jitiLoaded: boolean;
  readonly error?: string;
}

/** A child process that loads `files` (one by one, or together with importModules) and reports their `value` exports. */
function script(files: readonly string[], together: boolean): string {
  return `
    import { createRequire } from "node:module";
    const { importModule, importModules } = await import(${JSON.stringify(LOADER)});
    const files = ${JSON.stringify(files)};
    const report = { values: [] };
    try {
      if (${together}) await importModules(files.map((path) => ({ path })));
      for (const file of files) report.values.push((await importModule(file)).value);
    } catch (error) {
      report.error = String(error && error.stack || error);
    }
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    // the transformer is its entry package or, required directly, its native binding package
    report.transformerLoaded = loaded.some((p) => p.includes("/oxc-transform/") || p.includes("/@oxc-transform/"));
    report.jitiLoaded = loaded.some((p) => p.includes("/jiti/"));
    process.stdout.write(JSON.stringify(report));
  `;
}

function load(cacheDir: string, files: readonly string[], together = false): Report {
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script(files, together)], {
    encoding: "utf8",
    env: { ...process.env, ATHANOR_CACHE_DIR: cacheDir },
  });
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as Report;
}

function loadAsync(cacheDir: string, files: readonly string[], together: boolean): Promise<Report> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script(files, together)], {
      env: { ...process.env, ATHANOR_CACHE_DIR: cacheDir },
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", fail);
    child.on("close", () => done(JSON.parse(out) as Report));
  });
}

const typed = (n: number): string =>
  `/** module ${n} */\ninterface Shape { readonly n: number }\nconst shape: Shape = { n: ${n} };\nexport const value: number = shape.n;\n`;

describe("the module cache", () => {
  it("serves a second process without loading the transformer", () => {
    const dir = tempDir({ "a.ts": typed(1), "b.ts": typed(2) });
    const cache = join(dir, "cache");
    const files = [join(dir, "a.ts"), join(dir, "b.ts")];
    const first = load(cache, files);
    expect(first).toMatchObject({ values: [1, 2], transformerLoaded: true, jitiLoaded: false });
    const second = load(cache, files);
    expect(second).toMatchObject({ values: [1, 2], transformerLoaded: false, jitiLoaded: false });
  });

  it("transforms a changed file again and keeps the entry of the old text", () => {
    const dir = tempDir({ "a.ts": typed(1) });
    const cache = join(dir, "cache");
    const file = join(dir, "a.ts");
    expect(load(cache, [file]).values).toEqual([1]);
    const entries = readdirSync(cache).length;
    writeFileSync(file, typed(7));
    expect(load(cache, [file])).toMatchObject({ values: [7], transformerLoaded: true });
    expect(readdirSync(cache).length).toBe(entries + 1);
    writeFileSync(file, typed(1));
    expect(load(cache, [file])).toMatchObject({ values: [1], transformerLoaded: false });
  });

  it("ignores and rewrites an entry that was cut short", () => {
    const dir = tempDir({ "a.ts": typed(3) });
    const cache = join(dir, "cache");
    load(cache, [join(dir, "a.ts")]);
    const [entry] = readdirSync(cache);
    const text = readFileSync(join(cache, entry!), "utf8");
    writeFileSync(join(cache, entry!), text.slice(0, Math.floor(text.length / 2)));
    expect(load(cache, [join(dir, "a.ts")])).toMatchObject({ values: [3], transformerLoaded: true });
    expect(readFileSync(join(cache, entry!), "utf8")).toBe(text);
  });

  it("keeps files loaded together as one entry, which a changed or cut-short file replaces", () => {
    const dir = tempDir({ "a.ts": typed(1), "b.ts": typed(2), "c.ts": typed(3) });
    const cache = join(dir, "cache");
    const paths = ["a.ts", "b.ts", "c.ts"].map((name) => join(dir, name));
    expect(load(cache, paths, true)).toMatchObject({ values: [1, 2, 3], transformerLoaded: true });
    const entries = readdirSync(cache);
    expect(entries).toHaveLength(1);
    expect(load(cache, paths, true)).toMatchObject({ values: [1, 2, 3], transformerLoaded: false });
    writeFileSync(paths[1]!, typed(8));
    expect(load(cache, paths, true)).toMatchObject({ values: [1, 8, 3], transformerLoaded: true });
    writeFileSync(paths[1]!, typed(2));
    const entry = join(cache, entries[0]!);
    const text = readFileSync(entry, "utf8");
    writeFileSync(entry, text.slice(0, Math.floor(text.length / 2)));
    expect(load(cache, paths, true)).toMatchObject({ values: [1, 2, 3], transformerLoaded: true });
    expect(readFileSync(entry, "utf8")).toBe(text);
  });

  it("loads files importing each other together, also from the cache", () => {
    const dir = tempDir({
      "a.ts": `import { value as b, twice } from "./b.ts";\nexport const value: number = twice(b);\n`,
      "b.ts": `import type { Shape } from "./c.ts";\nconst shape: Shape = { n: 4 };\nexport const value: number = shape.n;\nexport function twice(n: number): number { return 2 * n; }\n`,
    });
    const paths = [join(dir, "a.ts"), join(dir, "b.ts")];
    for (let run = 0; run < 3; run++) expect(load(join(dir, "cache"), paths, true).values).toEqual([8, 4]);
  });

  it("stays whole when four processes fill it at once", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`m${i}.ts`] = typed(i);
    const dir = tempDir(files);
    const cache = join(dir, "cache");
    const paths = Object.keys(files).map((name) => join(dir, name));
    const expected = paths.map((_, i) => i);
    const reports = await Promise.all([0, 1, 2, 3].map((i) => loadAsync(cache, paths, i % 2 === 0)));
    for (const report of reports) expect(report).toMatchObject({ values: expected });
    expect(readdirSync(cache).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    // every entry is whole: a fifth process transforms nothing, alone or in one batch
    expect(load(cache, paths)).toMatchObject({ values: expected, transformerLoaded: false });
    expect(load(cache, paths, true)).toMatchObject({ values: expected, transformerLoaded: false });
  });
});

describe("errors of transformed modules", () => {
  it("name the source line of a throw below comments, types and blank lines", () => {
    const dir = tempDir({
      "env.ts": [
        "/**",
        " * a header",
        " */",
        'import type { Config } from "athanor";',
        "interface Options { readonly url: string }",
        "",
        'const options: Options = { url: "x" };',
        'throw new Error(`bad url ${options.url}`);',
        "export default options;",
      ].join("\n"),
    });
    const report = load(join(dir, "cache"), [join(dir, "env.ts")]);
    expect(report.error).toContain("bad url x");
    expect(report.error).toContain(`${join(dir, "env.ts")}:8:`);
  });

  it("name the file and line of a syntax error, also when loaded together", () => {
    const dir = tempDir({ "good.ts": typed(1), "bad.ts": "export const a: number = 1;\n\nconst x = ;\n" });
    for (const together of [false, true]) {
      const report = load(join(dir, `cache-${together}`), [join(dir, "good.ts"), join(dir, "bad.ts")], together);
      expect(report.error).toMatch(/^SyntaxError: /);
      expect(report.error).toContain(`${join(dir, "bad.ts")}:3:`);
    }
  });

  it("keep a template literal's lines as written", () => {
    const dir = tempDir({
      "sql.ts": "const n: number = 2;\nexport const value: string = `a\n\n  b ${n}\nc`;\n",
    });
    expect(load(join(dir, "cache"), [join(dir, "sql.ts")]).values).toEqual(["a\n\n  b 2\nc"]);
  });

  it("is no error when the cache folder cannot be written", () => {
    const dir = tempDir({ "a.ts": typed(5), "blocker": "a file where the cache folder would be" });
    expect(load(join(dir, "blocker", "cache"), [join(dir, "a.ts")]).values).toEqual([5]);
    expect(load(join(dir, "blocker", "cache"), [join(dir, "a.ts")], true).values).toEqual([5]);
    expect(existsSync(join(dir, "blocker", "cache"))).toBe(false);
  });
});
