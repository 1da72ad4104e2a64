import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { edit } from "../../src/command/edit.js";
import { init } from "../../src/command/init.js";
import { listTemplates } from "../../src/command/list-templates.js";
import { merge } from "../../src/command/merge.js";
import { revision } from "../../src/command/revision.js";
import { Config } from "../../src/config/index.js";
import { ScriptDirectory } from "../../src/script/index.js";
import { AthanorError } from "../../src/util/errors.js";
import { tempDir } from "../config/temp-dir.js";
import { tempProject, writeRevision } from "./project.js";

async function failure(promise: Promise<unknown>): Promise<AthanorError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AthanorError);
    return error as AthanorError;
  }
  throw new Error("expected a failure");
}

const configSource = realpathSync(join(import.meta.dirname, "../../src/config/index.ts"));

/** Load a config written by init, with `athanor` pointed at the source tree. */
async function loadInitConfig(file: string): Promise<Config> {
  writeFileSync(file, readFileSync(file, "utf8").replace('from "athanor"', `from ${JSON.stringify(configSource)}`));
  return Config.load({ path: file, env: {} });
}

describe("listTemplates", () => {
  it("lists generic and multidb with their descriptions", async () => {
    const templates = await listTemplates();
    expect(templates.map((t) => t.name)).toEqual(["generic", "multidb"]);
    expect(templates[0]!.description).toBe("Generic single-database configuration.");
    expect(templates[1]!.description).toMatch(/^Multi-database configuration/);
  });
});

describe("init", () => {
  it("writes the generic template and a config pointing at it", async () => {
    const cwd = tempDir();
    const result = await init("migrations", { cwd });
    expect(result.template).toBe("generic");
    expect(result.dir).toBe(join(cwd, "migrations"));
    expect(result.configFile).toBe(join(cwd, "athanor.config.ts"));
    expect(result.configSkipped).toBe(false);
    expect(readdirSync(join(cwd, "migrations")).sort()).toEqual(["README.md", "env.ts", "script.ts.tmpl", "versions"]);
    expect(result.created).toContain(join(cwd, "athanor.config.ts"));
    const env = readFileSync(join(cwd, "migrations/env.ts"), "utf8");
    expect(env).toContain('import { defineEnvironment } from "athanor";');
    expect(env).toContain("export default defineEnvironment({");
    expect(env).toContain("targetMetadata: undefined /* your schema */");
    const configText = readFileSync(result.configFile, "utf8");
    expect(configText).toContain('scriptLocation: "migrations",');
    const config = await loadInitConfig(result.configFile);
    expect(config.scriptLocation).toBe(join(cwd, "migrations"));
    // the new project is usable straight away
    const scripts = await ScriptDirectory.fromConfig(config);
    expect(scripts.map.size).toBe(0);
    const first = await scripts.generateRevision({ message: "create users" });
    expect(first.path.startsWith(join(cwd, "migrations/versions/"))).toBe(true);
    expect(readFileSync(first.path, "utf8")).not.toContain("##");
  });

  it("writes the multidb template with its databases", async () => {
    const cwd = tempDir();
    const result = await init("db/migrations", { cwd, template: "multidb", configPath: "config/athanor.config.ts" });
    expect(result.configFile).toBe(join(cwd, "config/athanor.config.ts"));
    expect(readFileSync(join(cwd, "db/migrations/env.ts"), "utf8")).toContain("for (const db of context.databases)");
    expect(readFileSync(join(cwd, "db/migrations/script.ts.tmpl"), "utf8")).toContain("op.database");
    const config = await loadInitConfig(result.configFile);
    expect(config.scriptLocation).toBe(join(cwd, "db/migrations"));
    expect(config.databases.map((d) => d.name)).toEqual(["main", "audit"]);
  });

  it("writes a JSON config when asked for one", async () => {
    const cwd = tempDir();
    await init("m", { cwd, configPath: "athanor.config.json" });
    expect(JSON.parse(readFileSync(join(cwd, "athanor.config.json"), "utf8"))).toEqual({ scriptLocation: "m" });
    expect((await Config.load({ cwd, env: {} })).scriptLocation).toBe(join(cwd, "m"));
  });

  it("never overwrites an existing config, and says it skipped it", async () => {
    const cwd = tempDir({ "athanor.config.ts": "// mine\n" });
    const result = await init("migrations", { cwd });
    expect(result.configSkipped).toBe(true);
    expect(result.created).not.toContain(join(cwd, "athanor.config.ts"));
    expect(readFileSync(join(cwd, "athanor.config.ts"), "utf8")).toBe("// mine\n");
    expect(existsSync(join(cwd, "migrations/env.ts"))).toBe(true);
  });

  it("accepts an existing empty folder and refuses a non-empty one", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "empty"));
    await init("empty", { cwd });
    const error = await failure(init("empty", { cwd }));
    expect(error.message).toBe(`Directory ${join(cwd, "empty")} already exists and is not empty`);
  });

  it("refuses an unknown template, listing the others", async () => {
    const error = await failure(init("m", { cwd: tempDir(), template: "async" }));
    expect(error.message).toBe('No such template "async"');
    expect(error.hint).toBe("available: generic, multidb");
  });
});

describe("revision and merge commands", () => {
  it("revision writes a file and returns what it wrote", async () => {
    const { config } = tempProject();
    const first = await revision(config, { message: "create users", revId: "aaa" });
    expect(first).toMatchObject({ revision: "aaa", downRevision: null, message: "create users", warnings: [] });
    const second = await revision(config, { message: "add email", branchLabel: "core" });
    expect(second.downRevision).toBe("aaa");
    expect(second.branchLabels).toEqual(["core"]);
    expect(existsSync(second.path)).toBe(true);
    expect((await failure(revision(config, { sql: true }))).message).toBe("revision does not take --sql");
  });

  it("merge joins the heads into a merge point", async () => {
    const { dir, config } = tempProject();
    writeRevision(join(dir, "migrations/versions/a.ts"), "a", null);
    writeRevision(join(dir, "migrations/versions/b.ts"), "b", "a");
    writeRevision(join(dir, "migrations/versions/c.ts"), "c", "a");
    const result = await merge(config, ["heads"], { message: "merge b and c", revId: "m" });
    expect(result.downRevision).toEqual(["b", "c"]);
    expect(readFileSync(result.path, "utf8")).toContain('export const downRevision: string | string[] | null = ["b", "c"];');
    expect(readFileSync(result.path, "utf8")).toContain(" * Revises: b, c\n");
    const scripts = await ScriptDirectory.fromConfig(config);
    expect(scripts.map.heads).toEqual(["m"]);
    expect(scripts.map.get("m")!.isMergePoint).toBe(true);
    // a plain revision now has one head to follow
    expect((await revision(config, { revId: "n" })).downRevision).toBe("m");
  });

  it("merge takes ids, refuses non-heads without splice and duplicates", async () => {
    const { dir, config } = tempProject();
    writeRevision(join(dir, "migrations/versions/a.ts"), "a1", null);
    writeRevision(join(dir, "migrations/versions/b.ts"), "b1", "a1");
    writeRevision(join(dir, "migrations/versions/c.ts"), "c1", "a1");
    const notHead = await failure(merge(config, ["a1", "b1"]));
    expect(notHead.message).toBe("Revision a1 is not a head revision; pass --splice to start a new branch from it");
    const duplicate = await failure(merge(config, ["b1", "b1"]));
    expect(duplicate.message).toBe("Duplicate head revisions specified: b1, b1");
    const merged = await merge(config, ["b1", "c1"], { branchLabel: "joined" });
    expect(merged.downRevision).toEqual(["b1", "c1"]);
    expect(merged.branchLabels).toEqual(["joined"]);
    expect(merged.message).toBe("empty message");
  });
});

describe("edit", () => {
  it("opens the revision's file in $EDITOR", async () => {
    const { dir, config } = tempProject();
    writeRevision(join(dir, "migrations/versions/a.ts"), "abc123", null);
    const recorder = join(dir, "editor.sh");
    writeFileSync(recorder, `#!/bin/sh\necho "$@" > "${join(dir, "opened.txt")}"\n`);
    chmodSync(recorder, 0o755);
    const result = await edit(config, "abc", { env: { EDITOR: `${recorder} --wait`, PATH: process.env.PATH } });
    expect(result.files).toEqual([join(dir, "migrations/versions/a.ts")]);
    expect(readFileSync(join(dir, "opened.txt"), "utf8").trim()).toBe(`--wait ${join(dir, "migrations/versions/a.ts")}`);
    // VISUAL wins over EDITOR
    const visual = await edit(config, "head", { env: { VISUAL: recorder, EDITOR: "false" } });
    expect(visual.editor).toBe(recorder);
  });

  it("refuses without an editor or a match", async () => {
    const { dir, config } = tempProject();
    writeRevision(join(dir, "migrations/versions/a.ts"), "abc123", null);
    const none = await failure(edit(config, "head", { env: {} }));
    expect(none.message).toBe("No editor set");
    expect(none.hint).toMatch(/\$VISUAL or \$EDITOR/);
    const base = await failure(edit(config, "base", { env: { EDITOR: "true" } }));
    expect(base.message).toBe('No revision files indicated by symbol "base"');
    const failing = await failure(edit(config, "head", { env: { EDITOR: "false" } }));
    expect(failing.message).toBe('The editor "false" exited with code 1');
  });
});
