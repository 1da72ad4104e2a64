// How the executable ends: at once when Node holds nothing more to run (no
// natural exit, whose heap teardown waits on V8's background threads), and only
// after what a project's code left running when something is still pending, and
// as Node ends it where that code listens for Node's end.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { athanorWithEnv, bareProject, writeRevision } from "./helpers.js";

/** Preloaded into the CLI's process: says how it ended (by process.exit, or as Node ends a process). */
const PROBE = `const exit = process.exit;
process.exit = function (code) {
  process.stderr.write("[process.exit]\\n");
  return exit.call(this, code);
};
process.on("exit", (code) => process.stderr.write("[exit " + code + "]\\n"));
`;

function probed(dir: string): NodeJS.ProcessEnv {
  writeFileSync(join(dir, "probe.cjs"), PROBE);
  return { NODE_OPTIONS: `--require ${join(dir, "probe.cjs")}` };
}

/**
 * A SQLite project whose env.ts runs `code` (given `marker`, a file path to write
 * to), and that marker's path; `upgrade head` then runs that env.ts.
 */
function projectWithEnv(code: (marker: string) => string): { dir: string; marker: string } {
  const dir = bareProject();
  writeFileSync(join(dir, "athanor.config.ts"), `export default { scriptLocation: "migrations", url: "sqlite:///app.db" };\n`);
  const marker = join(dir, "marker.txt");
  writeFileSync(join(dir, "migrations", "env.ts"), `import { writeFileSync } from "node:fs";\n${code(JSON.stringify(marker))}\nexport {};\n`);
  return { dir, marker };
}

describe("the executable's end", () => {
  it("exits as soon as a command has nothing left running, with its code and its whole output", () => {
    const dir = bareProject();
    for (let i = 0; i < 300; i++) {
      writeRevision(dir, { revision: `r${String(i).padStart(4, "0")}`, downRevision: i === 0 ? null : `r${String(i - 1).padStart(4, "0")}` });
    }
    const history = athanorWithEnv(dir, probed(dir), "history");
    expect(history.code, history.stderr).toBe(0);
    expect(history.lines).toHaveLength(300);
    // ended by process.exit, without waiting for Node's own end
    expect(history.stderr).toBe("[process.exit]\n[exit 0]\n");
    const failed = athanorWithEnv(dir, probed(dir), "show", "nowhere");
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/nowhere/);
    expect(failed.stderr.endsWith("[process.exit]\n[exit 1]\n")).toBe(true);
  });

  it("lets work a project's env.ts left running finish first", () => {
    const { dir, marker } = projectWithEnv((file) => `setTimeout(() => writeFileSync(${file}, "done"), 300);`);
    const upgrade = athanorWithEnv(dir, probed(dir), "upgrade", "head");
    expect(upgrade.code, upgrade.stderr).toBe(0);
    // the timer ran before the process ended
    expect(existsSync(marker) && readFileSync(marker, "utf8")).toBe("done");
    expect(upgrade.stderr).toMatch(/\[exit 0\]\n$/);
  });

  it("leaves the end to Node where a project's code listens for it", () => {
    const { dir, marker } = projectWithEnv((file) => `process.once("beforeExit", () => writeFileSync(${file}, "flushed"));`);
    const upgrade = athanorWithEnv(dir, probed(dir), "upgrade", "head");
    expect(upgrade.code, upgrade.stderr).toBe(0);
    expect(existsSync(marker) && readFileSync(marker, "utf8")).toBe("flushed");
    expect(upgrade.stderr).not.toContain("[process.exit]");
    expect(upgrade.stderr).toContain("[exit 0]");
  });
});
