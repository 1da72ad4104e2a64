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
  /** Whether each module's exports were fixed once it had run. */
  readonly frozen: boolean[];
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
    const report = { values: [], frozen: [] };
    try {
      if (${together}) await importModules(files.map((path) => ({ path })));
      for (const file of files) {
        const module = await importModule(file);
        report.values.push(module.value);
        report.frozen.push(Object.isFrozen(module));
      }
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

/** A module in the shape of a revision file: types imported, literal constants and functions exported (no module transform needed). */
const plain = (n: number): string =>
  `/**\n * module ${n}\n */\nimport type { Shape } from "./shape.ts";\n\nexport const value: number = ${n};\nexport const labels: string[] | null = ["a", "b"];\n\n` +
  `export async function upgrade(op: Shape): Promise<number> {\n  return op.n + value;\n}\n`;

/** Flip one byte in the middle of a file, its length unchanged. */
function damage(file: string): Buffer {
  const bytes = readFileSync(file);
  bytes[bytes.length >> 1] ^= 0x20;
  writeFileSync(file, bytes);
  return bytes;
}

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

  it("loads files importing each other together, also from the cache", () => {
    const dir = tempDir({
      "a.ts": `import { value as b, twice } from "./b.ts";\nexport const value: number = twice(b);\n`,
      "b.ts": `import type { Shape } from "./c.ts";\nconst shape: Shape = { n: 4 };\nexport const value: number = shape.n;\nexport function twice(n: number): number { return 2 * n; }\n`,
    });
    const paths = [join(dir, "a.ts"), join(dir, "b.ts")];
    for (let run = 0; run < 3; run++) expect(load(join(dir, "cache"), paths, true).values).toEqual([8, 4]);
  });
});

describe.each([
  ["needing the module transform", typed],
  ["in the shape of revision files", plain],
] as const)("modules %s", (_shape, make) => {
  it("keeps files loaded together as one entry, which a changed or cut-short file replaces", () => {
    const dir = tempDir({ "a.ts": make(1), "b.ts": make(2), "c.ts": make(3) });
    const cache = join(dir, "cache");
    const paths = ["a.ts", "b.ts", "c.ts"].map((name) => join(dir, name));
    expect(load(cache, paths, true)).toMatchObject({ values: [1, 2, 3], transformerLoaded: true });
    const entries = readdirSync(cache);
    expect(entries).toHaveLength(1);
    expect(load(cache, paths, true)).toMatchObject({ values: [1, 2, 3], transformerLoaded: false });
    writeFileSync(paths[1]!, make(8));
    expect(load(cache, paths, true)).toMatchObject({ values: [1, 8, 3], transformerLoaded: true });
    writeFileSync(paths[1]!, make(2));
    const entry = join(cache, entries[0]!);
    const text = readFileSync(entry, "utf8");
    writeFileSync(entry, text.slice(0, Math.floor(text.length / 2)));
    expect(load(cache, paths, true)).toMatchObject({ values: [1, 2, 3], transformerLoaded: true });
    expect(readFileSync(entry, "utf8")).toBe(text);
  });

  it("stays whole when four processes fill it at once", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`m${i}.ts`] = make(i);
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

describe("the cache of files loaded together", () => {
  it("runs revision-shaped files with their exports fixed, and their functions working", () => {
    const dir = tempDir({ "a.ts": plain(1), "b.ts": plain(2) });
    const paths = [join(dir, "a.ts"), join(dir, "b.ts")];
    for (let run = 0; run < 3; run++) {
      expect(load(join(dir, "cache"), paths, true)).toMatchObject({ values: [1, 2], frozen: [true, true] });
    }
    // taken without the module transform: no export getters in the entry
    const entry = readdirSync(join(dir, "cache")).find((name) => name.endsWith(".set"))!;
    expect(readFileSync(join(dir, "cache", entry), "utf8")).not.toContain("defineProperty");
    const result = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { importModules, importModule } = await import(${JSON.stringify(LOADER)});
         await importModules(${JSON.stringify(paths)}.map((path) => ({ path })));
         const a = await importModule(${JSON.stringify(paths[0])});
         process.stdout.write(JSON.stringify({ up: await a.upgrade({ n: 40 }), labels: a.labels, keys: Object.keys(a) }));`,
      ],
      { encoding: "utf8", env: { ...process.env, ATHANOR_CACHE_DIR: join(dir, "cache") } },
    );
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ up: 41, labels: ["a", "b"], keys: ["value", "labels", "upgrade"] });
  });

  it("does not use an entry or a compiled-code cache damaged in its middle", () => {
    const dir = tempDir({ "a.ts": plain(1), "b.ts": plain(2), "c.ts": typed(3) });
    const cache = join(dir, "cache");
    const paths = ["a.ts", "b.ts", "c.ts"].map((name) => join(dir, name));
    expect(load(cache, paths, true)).toMatchObject({ values: [1, 2, 3], transformerLoaded: true });
    // the second run keeps V8's compiled code beside the entry
    expect(load(cache, paths, true)).toMatchObject({ values: [1, 2, 3], transformerLoaded: false });
    const entry = join(cache, readdirSync(cache).find((name) => name.endsWith(".set"))!);
    const code = join(cache, readdirSync(cache).find((name) => name.endsWith(".bin"))!);
    const whole = readFileSync(entry);

    const damagedEntry = damage(entry);
    expect(load(cache, paths, true)).toMatchObject({ values: [1, 2, 3], transformerLoaded: true });
    expect(readFileSync(entry)).toEqual(whole);
    expect(readFileSync(entry)).not.toEqual(damagedEntry);

    const damagedCode = damage(code);
    expect(load(cache, paths, true)).toMatchObject({ values: [1, 2, 3], transformerLoaded: false });
    // not used: written again, whole
    expect(readFileSync(code)).not.toEqual(damagedCode);
    expect(load(cache, paths, true)).toMatchObject({ values: [1, 2, 3], transformerLoaded: false });
  });

  it("does not use a single module's entry damaged in its middle", () => {
    const dir = tempDir({ "a.ts": typed(4) });
    const cache = join(dir, "cache");
    load(cache, [join(dir, "a.ts")]);
    const [entry] = readdirSync(cache);
    const whole = readFileSync(join(cache, entry!));
    damage(join(cache, entry!));
    expect(load(cache, [join(dir, "a.ts")])).toMatchObject({ values: [4], transformerLoaded: true });
    expect(readFileSync(join(cache, entry!))).toEqual(whole);
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
