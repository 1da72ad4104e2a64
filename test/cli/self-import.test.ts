// A project that does not have athanor in its own node_modules (a global
// install, or npx) still loads config, env.ts and revisions importing "athanor".
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { athanor } from "./helpers.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function bareProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "athanor-bare-"));
  dirs.push(dir);
  return dir;
}

describe("a project without athanor in node_modules", () => {
  for (const configName of ["athanor.config.ts", "athanor.config.mjs"]) {
    it(`runs init, revision, upgrade and current with ${configName}`, () => {
      const dir = bareProject();
      expect(athanor(dir, "-c", configName, "init", "migrations").code).toBe(0);
      if (configName.endsWith(".mjs")) {
        writeFileSync(
          join(dir, configName),
          'import { defineConfig } from "athanor";\nexport default defineConfig({ scriptLocation: "migrations", url: "sqlite:///app.db" });\n',
        );
      }
      const revision = athanor(dir, "-c", configName, "revision", "-m", "first", "--rev-id", "aaaa11112222");
      expect(revision.code, revision.stderr).toBe(0);
      const upgrade = athanor(dir, "-c", configName, "upgrade", "head");
      expect(upgrade.code, upgrade.stderr).toBe(0);
      expect(upgrade.stdout).toContain("Running upgrade  -> aaaa11112222, first");
      expect(athanor(dir, "-c", configName, "current").stdout.trim()).toBe("aaaa11112222 (head)");
    });
  }
});
