// `athanor init DIR` where a config already exists keeps the config, and says
// when that config's scriptLocation names another folder than DIR, so the new
// folder is not silently ignored by every later command.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { athanor, ok, projectDir } from "./helpers.js";

describe("init into a project that already has a config", () => {
  it("says which scriptLocation the kept config names and what to change", () => {
    const dir = projectDir();
    ok(dir, "init", "migrations");
    const second = athanor(dir, "init", "db/migrations");
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("File athanor.config.ts already exists, skipping");
    expect(second.stderr.trim()).toBe(
      'athanor: warning: athanor.config.ts keeps scriptLocation migrations, not db/migrations: ' +
        'set scriptLocation to "db/migrations" in it, or give the new folder its own config with -c',
    );
    // the kept config still runs the first folder
    expect(ok(dir, "heads").stdout).toBe("");
  });

  it("is quiet when the kept config already names the folder", () => {
    const dir = projectDir();
    writeFileSync(join(dir, "athanor.config.ts"), `export default { scriptLocation: "migrations" };\n`);
    const result = athanor(dir, "init", "migrations");
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
  });

  it("says so when the kept config cannot be read", () => {
    const dir = projectDir();
    writeFileSync(join(dir, "athanor.config.ts"), `export default {;\n`);
    const result = athanor(dir, "init", "migrations");
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("athanor.config.ts could not be read to check its scriptLocation, not migrations");
  });

  it("returns the folder in the JSON result", () => {
    const dir = projectDir();
    ok(dir, "init", "migrations");
    const result = JSON.parse(ok(dir, "init", "other", "--json").stdout);
    expect(result.configSkipped).toBe(true);
    expect(result.configPointsElsewhere).toBe(join(dir, "migrations"));
  });
});
