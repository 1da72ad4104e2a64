import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/command/check.js";
import { init } from "../../src/command/init.js";
import { Config } from "../../src/config/index.js";
import { AthanorError } from "../../src/util/errors.js";
import { tempDir } from "../config/temp-dir.js";

describe("the multidb template's env.ts", () => {
  it("declares no schema until one is given: autogenerate says what to write", async () => {
    const cwd = tempDir();
    const result = await init("migrations", { cwd, template: "multidb" });
    const config = await Config.load({ path: result.configFile });
    let caught: unknown;
    try {
      await check(config);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AthanorError);
    expect((caught as AthanorError).message).toMatch(/env\.ts does not provide targetMetadata/);
    expect((caught as AthanorError).file).toBe(join(cwd, "migrations", "env.ts"));
  });
});
