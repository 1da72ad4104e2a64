import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { ROOT, athanorWithEnv, bareProject, writeRevision } from "./helpers.js";

const ESC = "\u001b[";
const hasScript = spawnSync("script", ["--version"], { stdio: "ignore" }).status === 0;

/** Run athanor on a pseudo-terminal through util-linux `script`. */
function onTerminal(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): string {
  const command = [process.execPath, join(ROOT, "bin", "athanor.js"), ...args].map((a) => `'${a}'`).join(" ");
  const base: NodeJS.ProcessEnv = { ...process.env };
  delete base["NO_COLOR"];
  const result = spawnSync("script", ["-qec", command, "/dev/null"], { cwd, env: { ...base, ...env }, encoding: "utf8" });
  expect(result.status).toBe(0);
  return result.stdout;
}

describe("colours", () => {
  const dir = bareProject();
  writeRevision(dir, { revision: "aaaa00000001", message: "first" });

  it("are never used when stdout is not a terminal", () => {
    const result = athanorWithEnv(dir, { NO_COLOR: "" }, "heads");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("aaaa00000001 (head)\n");
  });

  it.skipIf(!hasScript)("are used on a terminal, and not with NO_COLOR", () => {
    expect(onTerminal(dir, {}, "heads")).toContain(ESC);
    const plain = onTerminal(dir, { NO_COLOR: "1" }, "heads");
    expect(plain).not.toContain(ESC);
    expect(plain).toContain("aaaa00000001 (head)");
  });

  it.skipIf(!hasScript)("never colour --json", () => {
    const text = onTerminal(dir, {}, "heads", "--json");
    expect(text).not.toContain(ESC);
    expect(JSON.parse(text.replace(/\r\n/g, "\n"))).toHaveProperty("heads");
  });
});

describe("stdout", () => {
  it("ends quietly when the reader closes the pipe early, and writes whole listings and help", () => {
    const dir = bareProject();
    let down: string | null = null;
    for (let i = 0; i < 2000; i++) {
      const revision = `b${String(i).padStart(11, "0")}`;
      writeRevision(dir, { revision, downRevision: down, message: `step ${i} of a history longer than a pipe holds` });
      down = revision;
    }
    const full = athanorWithEnv(dir, {}, "history");
    expect(full.code).toBe(0);
    expect(full.lines).toHaveLength(2000);
    expect(full.lines[0]).toBe("b00000001998 -> b00000001999 (head), step 1999 of a history longer than a pipe holds");

    const command = `'${process.execPath}' '${join(ROOT, "bin", "athanor.js")}' history | head -n 1; echo "exit \${PIPESTATUS[0]}" >&2`;
    const piped = spawnSync("bash", ["-c", command], { cwd: dir, env: { ...process.env, NO_COLOR: "1" }, encoding: "utf8" });
    expect(piped.stdout).toBe(`${full.lines[0]}\n`);
    expect(piped.stderr).toBe("exit 0\n");

    const help = athanorWithEnv(dir, {}, "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: athanor/);
  });
});

describe("stdout of main() run inside another program", () => {
  it("goes through process.stdout, where that program can watch or replace it", async () => {
    const dir = bareProject();
    writeRevision(dir, { revision: "c00000000001", downRevision: null, message: "first" });
    const { main } = await import("../../src/cli/main.js");
    let seen = "";
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((seen += String(chunk)), true));
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      expect(await main(["heads"])).toBe(0);
    } finally {
      process.chdir(cwd);
      spy.mockRestore();
    }
    expect(seen).toBe("c00000000001 (head)\n");
  });
});
