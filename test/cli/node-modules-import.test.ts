// A TypeScript config or env.ts that imports Node's own modules (`node:fs`, `os`)
// gets them as an import would, each export by name and the module as default,
// without starting Node's ES module loader: a command run from such a project
// loads no ES module at all.
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { athanorWithEnv, bareProject } from "./helpers.js";

/** Preloaded into the CLI's process: says at exit whether the ES module loader ran a module. */
const PROBE = `process.on("exit", () => {
  const started = process.moduleLoadList.includes("NativeModule internal/modules/esm/module_job");
  process.stderr.write(started ? "[esm loader started]\\n" : "[no esm loader]\\n");
});
`;

describe("Node's modules imported by a TypeScript project", () => {
  it("are served as imported, without the ES module loader", () => {
    const dir = bareProject();
    writeFileSync(join(dir, "probe.cjs"), PROBE);
    writeFileSync(
      join(dir, "athanor.config.ts"),
      `import { join } from "node:path";
export default { scriptLocation: "migrations", url: "sqlite:///" + join("data", "..", "app.db") };
`,
    );
    writeFileSync(
      join(dir, "migrations", "env.ts"),
      `import { existsSync } from "node:fs";
import path, { join } from "node:path";
import * as os from "os";
import fs from "fs";
import { defineEnvironment, MetaData } from "athanor";
if (!existsSync(join(os.tmpdir())) || path.join !== join || fs.existsSync !== existsSync || os.default.tmpdir !== os.tmpdir) {
  throw new Error("Node's modules are not as imported");
}
export default defineEnvironment({ targetMetadata: new MetaData() });
`,
    );
    const env = { NODE_OPTIONS: `--require ${join(dir, "probe.cjs")}` };
    const upgrade = athanorWithEnv(dir, env, "upgrade", "head");
    expect(upgrade.code, upgrade.stderr).toBe(0);
    const current = athanorWithEnv(dir, env, "current");
    expect(current.code, current.stderr).toBe(0);
    expect(current.stderr).toBe("[no esm loader]\n");
  });

  it("are transformed on a first run without the ES module loader: the transformer's binding is required", () => {
    const dir = bareProject();
    writeFileSync(join(dir, "probe.cjs"), PROBE);
    writeFileSync(join(dir, "athanor.config.ts"), `const folder: string = "migrations";\nexport default { scriptLocation: folder, url: "sqlite:///app.db" };\n`);
    // an empty cache folder: nothing transformed before, so the config is transformed in this run
    const cache = mkdtempSync(join(tmpdir(), "athanor-first-run-"));
    const env = { NODE_OPTIONS: `--require ${join(dir, "probe.cjs")}`, ATHANOR_CACHE_DIR: cache };
    const heads = athanorWithEnv(dir, env, "heads");
    expect(heads.code, heads.stderr).toBe(0);
    expect(heads.stderr).toBe("[no esm loader]\n");
    // the run did transform: its result is in the cache folder now
    expect(readdirSync(cache).some((name) => name.endsWith(".js"))).toBe(true);
  });

  it("leaves the choice to the transformer's entry where the environment tells it what to load", () => {
    const dir = bareProject();
    writeFileSync(join(dir, "probe.cjs"), PROBE);
    writeFileSync(join(dir, "athanor.config.ts"), `const folder: string = "migrations";\nexport default { scriptLocation: folder, url: "sqlite:///app.db" };\n`);
    const binding = createRequire(createRequire(import.meta.url).resolve("oxc-transform/package.json")).resolve(
      `@oxc-transform/binding-${process.platform}-${process.arch}${process.platform === "linux" ? "-gnu" : process.platform === "win32" ? "-msvc" : ""}`,
    );
    const env = {
      NODE_OPTIONS: `--require ${join(dir, "probe.cjs")}`,
      ATHANOR_CACHE_DIR: mkdtempSync(join(tmpdir(), "athanor-first-run-")),
      NAPI_RS_NATIVE_LIBRARY_PATH: binding,
    };
    const heads = athanorWithEnv(dir, env, "heads");
    expect(heads.code, heads.stderr).toBe(0);
    // the entry is an ES module: loading it is what starts the loader
    expect(heads.stderr).toBe("[esm loader started]\n");
  });
});
