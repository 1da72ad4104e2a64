// How the executable ends: at once when Node holds nothing more to run (no
// natural exit, whose heap teardown waits on V8's background threads), and only
// after what a project's code left running when something is still pending.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { athanorWithEnv, bareProject, writeRevision } from "./helpers.js";

/** Preloaded into the CLI's process: says how it ended. */
const PROBE = `process.on("beforeExit", () => process.stderr.write("[natural exit]\\n"));
process.on("exit", (code) => process.stderr.write("[exit " + code + "]\\n"));
`;

function probed(dir: string): NodeJS.ProcessEnv {
  writeFileSync(join(dir, "probe.cjs"), PROBE);
  return { NODE_OPTIONS: `--require ${join(dir, "probe.cjs")}` };
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
    // ended by process.exit: Node's natural end (beforeExit) never came
    expect(history.stderr).toBe("[exit 0]\n");
    const failed = athanorWithEnv(dir, probed(dir), "show", "nowhere");
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/nowhere/);
    expect(failed.stderr.endsWith("[exit 1]\n")).toBe(true);
    expect(failed.stderr).not.toContain("[natural exit]");
  });

  it("lets work a project's env.ts left running finish first", () => {
    const dir = bareProject();
    writeFileSync(join(dir, "athanor.config.ts"), `export default { scriptLocation: "migrations", url: "sqlite:///app.db" };\n`);
    const marker = join(dir, "marker.txt");
    writeFileSync(
      join(dir, "migrations", "env.ts"),
      `import { writeFileSync } from "node:fs";\nsetTimeout(() => writeFileSync(${JSON.stringify(marker)}, "done"), 300);\nexport {};\n`,
    );
    const upgrade = athanorWithEnv(dir, probed(dir), "upgrade", "head");
    expect(upgrade.code, upgrade.stderr).toBe(0);
    // the timer ran before the process ended
    expect(existsSync(marker) && readFileSync(marker, "utf8")).toBe("done");
    expect(upgrade.stderr).toMatch(/\[exit 0\]\n$/);
  });
});
