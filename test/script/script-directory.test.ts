import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Config } from "../../src/config/index.js";
import { ScriptDirectory, isRevisionFileName } from "../../src/script/index.js";
import { AthanorError } from "../../src/util/errors.js";
import { scriptsOf, tempProject, writeRevision } from "./project.js";

async function failure(promise: Promise<unknown>): Promise<AthanorError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AthanorError);
    return error as AthanorError;
  }
  throw new Error("expected a failure");
}

describe("revision file discovery", () => {
  it("knows which names are revision files", () => {
    for (const name of ["a.ts", "a.mts", "a.js", "a.mjs", "3f1c_create.ts"]) expect(isRevisionFileName(name)).toBe(true);
    for (const name of ["a.d.ts", "a.d.mts", ".a.ts", "env.ts", "env.mjs", "script.ts.tmpl", "a.json", "a.md", "a.cts"]) {
      expect(isRevisionFileName(name)).toBe(false);
    }
  });

  it("reads every revision file of the version folder, sorted by name", async () => {
    const { dir, config } = tempProject();
    const v = join(dir, "migrations", "versions");
    writeRevision(join(v, "c_third.mjs"), "c", "b");
    writeRevision(join(v, "a_first.ts"), "a", null);
    writeRevision(join(v, "b_second.mts"), "b", "a");
    writeFileSync(join(v, "types.d.ts"), "export declare const x: number;\n");
    writeFileSync(join(v, ".hidden.ts"), "broken");
    writeFileSync(join(v, "notes.md"), "# notes");
    writeFileSync(join(v, "env.ts"), "broken");
    writeRevision(join(v, "sub", "d_nested.ts"), "d", "c");
    const scripts = await scriptsOf(config);
    expect(scripts.scripts.map((s) => s.revision)).toEqual(["a", "b", "c"]);
    expect(scripts.map.heads).toEqual(["c"]);
    expect(scripts.map.get("b")!.source.path).toBe(join(v, "b_second.mts"));
    expect(scripts.map.get("b")!.source.doc).toBe("revision b");
  });

  it("walks subfolders with recursiveVersionLocations", async () => {
    const { dir, config } = tempProject({ recursiveVersionLocations: true });
    const v = join(dir, "migrations", "versions");
    writeRevision(join(v, "a.ts"), "a", null);
    writeRevision(join(v, "2026", "01", "b.ts"), "b", "a");
    writeRevision(join(v, "2026", "02", "c.ts"), "c", "b");
    const scripts = await scriptsOf(config);
    expect(scripts.scripts.map((s) => s.revision)).toEqual(["a", "b", "c"]);
    expect(scripts.map.heads).toEqual(["c"]);
  });

  it("joins several version locations into one graph", async () => {
    const { dir, config } = tempProject({ versionLocations: ["migrations/versions", "migrations/reporting"] });
    writeRevision(join(dir, "migrations/versions/a.ts"), "a", null);
    writeRevision(join(dir, "migrations/reporting/r.ts"), "r", "a");
    const scripts = await scriptsOf(config);
    expect(scripts.map.heads).toEqual(["r"]);
  });

  it("finds env.ts and the template", async () => {
    const { dir, config } = tempProject();
    writeFileSync(join(dir, "migrations", "env.mjs"), "export default {};\n");
    const scripts = await scriptsOf(config);
    expect(scripts.envPath).toBe(join(dir, "migrations", "env.mjs"));
    expect(scripts.templatePath).toBe(join(dir, "migrations", "script.ts.tmpl"));
    expect(scripts.dir).toBe(join(dir, "migrations"));
  });

  it("refuses a missing script location and suggests init", async () => {
    const config = Config.from({ scriptLocation: "nowhere" }, { baseDir: "/tmp/athanor-none" });
    const error = await failure(ScriptDirectory.fromConfig(config));
    expect(error.message).toBe("Script location does not exist: /tmp/athanor-none/nowhere");
    expect(error.hint).toBe("run `athanor init nowhere` to create it");
  });

  it("names both files of a duplicated id", async () => {
    const { dir, config } = tempProject();
    const v = join(dir, "migrations", "versions");
    writeRevision(join(v, "a1.ts"), "a", null);
    writeRevision(join(v, "a2.ts"), "a", null);
    const error = await failure(scriptsOf(config));
    expect(error.message).toBe(
      "Revision a is declared in two files: migrations/versions/a1.ts and migrations/versions/a2.ts",
    );
    expect(error.file).toBe(join(v, "a2.ts"));
    expect(error.line).toBe(4);
  });

  it("names the file without a revision", async () => {
    const { dir, config } = tempProject();
    writeFileSync(join(dir, "migrations/versions/helper.ts"), "export const x = 1;\n");
    const error = await failure(scriptsOf(config));
    expect(error.file).toBe(join(dir, "migrations/versions/helper.ts"));
    expect(error.message).toMatch(/No `export const revision/);
  });

  it("maps a graph error to the file of the revision involved", async () => {
    const { dir, config } = tempProject();
    writeRevision(join(dir, "migrations/versions/a.ts"), "a", null);
    writeRevision(join(dir, "migrations/versions/b.ts"), "b", "missing0");
    const error = await failure(scriptsOf(config));
    expect(error.file).toBe(join(dir, "migrations/versions/b.ts"));
    expect(error.message).toMatch(/missing0/);
  });

  it("maps an invalid id and a cycle to the files involved", async () => {
    const bad = tempProject();
    writeRevision(join(bad.dir, "migrations/versions/x.ts"), "a-b", null);
    const invalid = await failure(scriptsOf(bad.config));
    expect(invalid.file).toBe(join(bad.dir, "migrations/versions/x.ts"));
    expect(invalid.message).toMatch(/not allowed/);

    const loop = tempProject();
    writeRevision(join(loop.dir, "migrations/versions/a.ts"), "a", "b");
    writeRevision(join(loop.dir, "migrations/versions/b.ts"), "b", "a");
    writeRevision(join(loop.dir, "migrations/versions/c.ts"), "c", null);
    const cycle = await failure(scriptsOf(loop.config));
    expect([join(loop.dir, "migrations/versions/a.ts"), join(loop.dir, "migrations/versions/b.ts")]).toContain(cycle.file);
    expect(cycle.message).toMatch(/see also migrations\/versions\/[ab]\.ts/);
  });

  it("loads a revision module and checks its exports", async () => {
    const { dir, config } = tempProject();
    const v = join(dir, "migrations", "versions");
    writeRevision(join(v, "a.ts"), "a", null);
    writeFileSync(join(v, "b.ts"), 'export const revision = "b";\nexport const downRevision = "a";\nexport async function upgrade() {}\n');
    writeFileSync(
      join(v, "c.ts"),
      'export const revision = "c";\nexport const downRevision = "b";\nexport async function upgrade() {}\nexport async function downgrade() {}\nexport const transactional = false;\n',
    );
    const scripts = await scriptsOf(config);
    const a = await scripts.loadRevision(scripts.map.get("a")!.source);
    expect(a.revision).toBe("a");
    expect(typeof a.upgrade).toBe("function");
    const c = await scripts.loadRevision(scripts.map.get("c")!.source);
    expect(c.transactional).toBe(false);
    const error = await failure(scripts.loadRevision(scripts.map.get("b")!.source));
    expect(error.message).toBe("Revision b does not export a downgrade() function");
    expect(error.file).toBe(join(v, "b.ts"));
    const mismatch = await failure(scripts.loadRevision({ ...scripts.map.get("a")!.source, revision: "zzz" }));
    expect(mismatch.message).toBe('Revision file exports revision "a" but its header reads "zzz"');
  });

  it("reports a syntax error of a revision module with its line", async () => {
    const { dir, config } = tempProject();
    const path = join(dir, "migrations/versions/a.ts");
    writeFileSync(path, 'export const revision = "a";\nexport const downRevision = null;\nconst x = ;\nexport async function upgrade() {}\n');
    const scripts = await scriptsOf(config);
    const error = await failure(scripts.loadRevision(scripts.map.get("a")!.source));
    expect(error.file).toBe(path);
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^Syntax error in revision a/);
  });
});

describe("reading 10,000 headers", () => {
  it("builds the map of a long linear history", async () => {
    const { dir, config } = tempProject();
    const v = join(dir, "migrations", "versions");
    mkdirSync(v, { recursive: true });
    let previous: string | null = null;
    for (let i = 0; i < 10_000; i++) {
      const id = `r${String(i).padStart(5, "0")}`;
      writeRevision(join(v, `${id}_step.ts`), id, previous);
      previous = id;
    }
    const scripts = await scriptsOf(config);
    expect(scripts.map.size).toBe(10_000);
    expect(scripts.map.heads).toEqual(["r09999"]);
  });
});
