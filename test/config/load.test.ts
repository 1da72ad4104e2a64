import { mkdirSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Config, defineConfig } from "../../src/config/index.js";
import { AthanorError } from "../../src/util/errors.js";
import { tempDir } from "./temp-dir.js";

const noEnv = {};

async function loadError(opts: Parameters<typeof Config.load>[0]): Promise<AthanorError> {
  try {
    await Config.load({ env: noEnv, ...opts });
  } catch (error) {
    expect(error).toBeInstanceOf(AthanorError);
    return error as AthanorError;
  }
  throw new Error("expected Config.load to fail");
}

describe("config discovery", () => {
  for (const [name, text] of [
    ["athanor.config.ts", 'const loc: string = "m-ts";\nexport default { scriptLocation: loc };\n'],
    ["athanor.config.mts", 'export default { scriptLocation: "m-mts" as string };\n'],
    ["athanor.config.js", 'export default { scriptLocation: "m-js" };\n'],
    ["athanor.config.mjs", 'export default { scriptLocation: "m-mjs" };\n'],
    ["athanor.config.json", '{ "scriptLocation": "m-json" }\n'],
  ] as const) {
    it(`finds ${name} in the working folder`, async () => {
      const dir = tempDir({ [name]: text, "package.json": '{"type":"module"}' });
      const config = await Config.load({ cwd: dir, env: noEnv });
      expect(config.file).toBe(join(dir, name));
      expect(config.baseDir).toBe(dir);
      const ext = name.split(".").pop();
      expect(config.scriptLocation).toBe(join(dir, `m-${ext}`));
      expect(config.versionLocations).toEqual([join(dir, `m-${ext}`, "versions")]);
    });
  }

  it("prefers athanor.config.ts when several exist", async () => {
    const dir = tempDir({
      "athanor.config.ts": 'export default { scriptLocation: "from-ts" };',
      "athanor.config.json": '{ "scriptLocation": "from-json" }',
    });
    const config = await Config.load({ cwd: dir, env: noEnv });
    expect(config.scriptLocation).toBe(join(dir, "from-ts"));
  });

  it("-c wins over ATHANOR_CONFIG, which wins over the working folder", async () => {
    const dir = tempDir({
      "athanor.config.ts": 'export default { scriptLocation: "cwd" };',
      "env/athanor.config.ts": 'export default { scriptLocation: "env" };',
      "explicit/dev.config.ts": 'export default { scriptLocation: "explicit" };',
    });
    const env = { ATHANOR_CONFIG: join(dir, "env/athanor.config.ts") };
    expect((await Config.load({ cwd: dir, env: noEnv })).scriptLocation).toBe(join(dir, "cwd"));
    expect((await Config.load({ cwd: dir, env })).scriptLocation).toBe(join(dir, "env/env"));
    const explicit = await Config.load({ cwd: dir, env, path: "explicit/dev.config.ts" });
    expect(explicit.scriptLocation).toBe(join(dir, "explicit/explicit"));
    expect(explicit.file).toBe(join(dir, "explicit/dev.config.ts"));
  });

  it("resolves paths against the config file's folder, not the working folder", async () => {
    const dir = tempDir({ "conf/athanor.config.json": '{ "scriptLocation": "../db", "versionLocations": ["../db/a", "../db/b"] }' });
    mkdirSync(join(dir, "elsewhere"));
    const config = await Config.load({ cwd: join(dir, "elsewhere"), path: "../conf/athanor.config.json", env: noEnv });
    expect(config.scriptLocation).toBe(join(dir, "db"));
    expect(config.versionLocations).toEqual([join(dir, "db/a"), join(dir, "db/b")]);
  });

  it("loads a config written with defineConfig imported from the package source", async () => {
    const source = realpathSync(join(import.meta.dirname, "../../src/config/index.ts"));
    const dir = tempDir({
      "athanor.config.ts": `import { defineConfig } from ${JSON.stringify(source)};\nexport default defineConfig({ scriptLocation: "migrations", url: "sqlite:///x.db", lockTimeout: 5000 });\n`,
    });
    const config = await Config.load({ cwd: dir, env: noEnv });
    expect(config.url).toBe("sqlite:///x.db");
    expect(config.lockTimeout).toBe(5000);
  });

  it("accepts a default export that is a function", async () => {
    const dir = tempDir({ "athanor.config.mjs": 'export default async () => ({ scriptLocation: "fn" });' });
    expect((await Config.load({ cwd: dir, env: noEnv })).scriptLocation).toBe(join(dir, "fn"));
  });
});

describe("config defaults and keys", () => {
  it("fills the defaults", () => {
    const config = Config.from({ scriptLocation: "migrations" }, { baseDir: "/app" });
    expect(config.scriptLocation).toBe("/app/migrations");
    expect(config.versionLocations).toEqual(["/app/migrations/versions"]);
    expect(config.recursiveVersionLocations).toBe(false);
    expect(config.fileTemplate).toBe("{rev}_{slug}");
    expect(config.truncateSlugLength).toBe(40);
    expect(config.timezone).toBeUndefined();
    expect(config.url).toBeUndefined();
    expect(config.versionTable).toBe("athanor_version");
    expect(config.versionTableSchema).toBeUndefined();
    expect(config.lockTimeout).toBe(60_000);
    expect(config.postWriteHooks).toEqual([]);
    expect(config.xArgs).toEqual({});
    expect(config.file).toBeUndefined();
  });

  it("reads Alembic's %(here)s as the config folder", () => {
    const config = Config.from({ scriptLocation: "%(here)s/db", versionLocations: ["%(here)s/db/v1", "db/v2"] }, { baseDir: "/app" });
    expect(config.scriptLocation).toBe("/app/db");
    expect(config.versionLocations).toEqual(["/app/db/v1", "/app/db/v2"]);
  });

  it("defineConfig returns its argument", () => {
    const input = { scriptLocation: "m", url: "sqlite:///a.db" };
    expect(defineConfig(input)).toBe(input);
  });

  it("parses -x arguments into xArgs", () => {
    const config = Config.from({ scriptLocation: "m" }, { xArgs: ["tenant=acme", "dry", "expr=a=b", "tenant=globex"] });
    expect(config.xArgs).toEqual({ tenant: "globex", dry: "", expr: "a=b" });
    expect(config.xArgList).toEqual(["tenant=acme", "dry", "expr=a=b", "tenant=globex"]);
  });

  it("resolves databases with the top-level version table as default", () => {
    const config = Config.from({
      scriptLocation: "m",
      versionTable: "vt",
      databases: { main: { url: "sqlite:///main.db" }, audit: { url: "sqlite:///audit.db", versionTable: "audit_vt" } },
    });
    expect(config.databases).toEqual([
      { name: "main", url: "sqlite:///main.db", versionTable: "vt", versionTableSchema: undefined },
      { name: "audit", url: "sqlite:///audit.db", versionTable: "audit_vt", versionTableSchema: undefined },
    ]);
  });
});

describe("named sections", () => {
  const input = {
    scriptLocation: "migrations",
    url: "sqlite:///dev.db",
    versionTable: "vt",
    sections: {
      staging: { url: "postgresql://u@staging/app", versionTableSchema: "ops" },
      other: { scriptLocation: "other-migrations" },
    },
  };

  it("merges the chosen section over the top level", () => {
    const config = Config.from(input, { baseDir: "/p", name: "staging" });
    expect(config.name).toBe("staging");
    expect(config.url).toBe("postgresql://u@staging/app");
    expect(config.versionTableSchema).toBe("ops");
    expect(config.versionTable).toBe("vt");
    expect(config.scriptLocation).toBe("/p/migrations");
    expect(config.raw.url).toBe("postgresql://u@staging/app");
    expect("sections" in config.raw).toBe(false);
    expect(Config.from(input, { baseDir: "/p", name: "other" }).scriptLocation).toBe("/p/other-migrations");
  });

  it("uses the top level without a name", () => {
    expect(Config.from(input).url).toBe("sqlite:///dev.db");
    expect(Config.from(input).sectionNames).toEqual(["staging", "other"]);
  });

  it("refuses an unknown section, listing the known ones", async () => {
    expect(() => Config.from(input, { name: "prod" })).toThrow(/No section named "prod"/);
    try {
      Config.from(input, { name: "prod" });
    } catch (error) {
      expect((error as AthanorError).hint).toBe("known sections: staging, other");
    }
    const dir = tempDir({ "athanor.config.json": JSON.stringify(input) });
    const error = await loadError({ cwd: dir, name: "prod" });
    expect(error.file).toBe(join(dir, "athanor.config.json"));
    expect(error.oneLine()).toContain("staging, other");
  });
});

describe("bad config input", () => {
  it("reports a syntax error in a .ts config with file and line", async () => {
    const dir = tempDir({ "athanor.config.ts": 'export default {\n  scriptLocation: "m",\n  url: ,\n};\n' });
    const error = await loadError({ cwd: dir });
    expect(error.message).toMatch(/^Syntax error in config file/);
    expect(error.file).toBe(join(dir, "athanor.config.ts"));
    expect(error.line).toBe(3);
  });

  it("reports an error thrown while the config runs", async () => {
    const dir = tempDir({ "athanor.config.ts": 'const url: string = "x";\nthrow new Error("DATABASE_URL is not set");\nexport default { scriptLocation: url };\n' });
    const error = await loadError({ cwd: dir });
    expect(error.message).toBe("Cannot load config file: DATABASE_URL is not set");
    expect(error.file).toBe(join(dir, "athanor.config.ts"));
  });

  it("reports a syntax error in a .mjs config with file and line", async () => {
    const dir = tempDir({ "athanor.config.mjs": 'export default {\n  scriptLocation: "m",\n\n  url: "a" "b",\n};\n' });
    const error = await loadError({ cwd: dir });
    expect(error.message).toMatch(/Syntax error in config file/);
    expect(error.file).toBe(join(dir, "athanor.config.mjs"));
    expect(error.line).toBe(4);
  });

  it("reports a syntax error in a .json config with its line", async () => {
    const dir = tempDir({ "athanor.config.json": '{\n  "scriptLocation": "m",\n  "url": oops\n}\n' });
    const error = await loadError({ cwd: dir });
    expect(error.message).toMatch(/Syntax error in config file/);
    expect(error.line).toBe(3);
  });

  it("names an unknown key, its line, and the nearest known key", async () => {
    const dir = tempDir({
      "athanor.config.ts": 'export default {\n  scriptLocation: "m",\n  versionTabel: "x",\n};\n',
    });
    const error = await loadError({ cwd: dir });
    expect(error.message).toBe('Unknown config key "versionTabel"');
    expect(error.hint).toBe('did you mean "versionTable"?');
    expect(error.line).toBe(3);
    expect(error.oneLine()).toBe(
      `${join(dir, "athanor.config.ts")}:3: Unknown config key "versionTabel" (did you mean "versionTable"?)`,
    );
  });

  it("finds the line of a bad key inside a section", async () => {
    const dir = tempDir({
      "athanor.config.ts": [
        "export default {",
        '  scriptLocation: "m",',
        '  url: "sqlite:///a.db",',
        "  sections: {",
        '    staging: { url: "sqlite:///s.db" },',
        "    prod: {",
        "      url: 5,",
        "    },",
        "  },",
        "};",
      ].join("\n"),
    });
    const error = await loadError({ cwd: dir });
    expect(error.message).toBe('Config key "url" in section "prod" must be a string, got 5');
    expect(error.line).toBe(7);
  });

  it("names an unknown key inside a section", () => {
    expect(() => Config.from({ scriptLocation: "m", sections: { a: { uurl: "x" } } } as never)).toThrow(
      'Unknown config key "uurl" in section "a"',
    );
  });

  it("lists the known keys when nothing is near", () => {
    try {
      Config.from({ scriptLocation: "m", zzzzzzzzzzzz: 1 } as never);
      expect.unreachable();
    } catch (error) {
      expect((error as AthanorError).hint).toMatch(/^known keys: scriptLocation, /);
    }
  });

  it("refuses a value of the wrong type, with its line", async () => {
    const dir = tempDir({
      "athanor.config.js": 'export default {\n  scriptLocation: "m",\n  lockTimeout: "10s",\n};\n',
      "package.json": '{"type":"module"}',
    });
    const error = await loadError({ cwd: dir });
    expect(error.message).toBe('Config key "lockTimeout" must be a number of milliseconds (0 or more), got "10s"');
    expect(error.line).toBe(3);
    expect(() => Config.from({ scriptLocation: "m", recursiveVersionLocations: "yes" } as never)).toThrow(
      'Config key "recursiveVersionLocations" must be true or false, got "yes"',
    );
    expect(() => Config.from({ scriptLocation: "m", truncateSlugLength: 0 })).toThrow(/must be a positive integer/);
    expect(() => Config.from({ scriptLocation: "m", versionLocations: [1] } as never)).toThrow(
      /must be a string or an array of strings, got an array/,
    );
  });

  it("checks post-write hooks", () => {
    expect(() => Config.from({ scriptLocation: "m", postWriteHooks: [{ comand: "x" }] } as never)).toThrow(
      'postWriteHooks[0] has an unknown key "comand" (did you mean "command"?)',
    );
    expect(() => Config.from({ scriptLocation: "m", postWriteHooks: [{ command: "x", args: "y" }] } as never)).toThrow(
      /args must be an array of strings/,
    );
  });

  it("checks the tokens of fileTemplate", async () => {
    expect(() => Config.from({ scriptLocation: "m", fileTemplate: "{rev}_{name}" })).toThrow(
      'Config key "fileTemplate" must be a file name template; "name" is not a token (tokens: {rev}, {slug}, {epoch}, {year}, {month}, {day}, {hour}, {minute}, {second}), got "{rev}_{name}"',
    );
    expect(() => Config.from({ scriptLocation: "m", fileTemplate: "{slug}" })).toThrow(/containing \{rev\}/);
    expect(Config.from({ scriptLocation: "m", fileTemplate: "%(year)d_%(rev)s" }).fileTemplate).toBe("%(year)d_%(rev)s");
    const dir = tempDir({ "athanor.config.ts": 'export default {\n  scriptLocation: "m",\n  fileTemplate: "%(revision)s",\n};\n' });
    const error = await loadError({ cwd: dir });
    expect(error.line).toBe(3);
  });

  it("requires scriptLocation", () => {
    expect(() => Config.from({ url: "sqlite:///a.db" })).toThrow("The config has no scriptLocation");
  });

  it("refuses an unknown time zone", () => {
    expect(() => Config.from({ scriptLocation: "m", timezone: "Mars/Olympus" })).toThrow('Unknown timezone "Mars/Olympus"');
    expect(Config.from({ scriptLocation: "m", timezone: "Europe/Paris" }).timezone).toBe("Europe/Paris");
  });

  it("refuses a config that exports no object", async () => {
    const dir = tempDir({ "athanor.config.ts": "export const x = 1;\n" });
    expect((await loadError({ cwd: dir })).message).toBe("The config file has no default export");
    const dir2 = tempDir({ "athanor.config.json": "[1]" });
    expect((await loadError({ cwd: dir2 })).message).toBe("The config must export an object, got an array");
  });

  it("says where it looked when no config is found", async () => {
    const dir = tempDir();
    const error = await loadError({ cwd: dir });
    expect(error.message).toBe(
      `No config file found in ${dir} (looked for athanor.config.ts, athanor.config.mts, athanor.config.js, athanor.config.mjs, athanor.config.json)`,
    );
    expect(error.hint).toMatch(/athanor init migrations/);
  });

  it("refuses a -c or ATHANOR_CONFIG path that does not exist", async () => {
    const dir = tempDir();
    expect((await loadError({ cwd: dir, path: "nope.config.ts" })).message).toBe(
      `Config file not found: ${join(dir, "nope.config.ts")}`,
    );
    const error = await loadError({ cwd: dir, env: { ATHANOR_CONFIG: "/nowhere/athanor.config.ts" } });
    expect(error.message).toBe("Config file not found: /nowhere/athanor.config.ts");
    expect(error.hint).toMatch(/ATHANOR_CONFIG/);
  });
});
