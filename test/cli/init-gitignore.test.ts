// `athanor init` keeps SQLite's migration lock file out of version control:
// it creates a .gitignore with `*-athanor.lock`, or appends the line to one
// that lacks it, and leaves one that has it alone. After `upgrade head` on a
// SQLite database in the project, git sees no lock file to commit.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ok, projectDir, writeRevision } from "./helpers.js";

describe("init and the SQLite lock file", () => {
  it("creates a .gitignore that covers the lock file", () => {
    const dir = projectDir();
    const result = ok(dir, "init", "migrations");
    expect(result.lines).toContain("  Generating .gitignore ...  done");
    expect(readFileSync(join(dir, ".gitignore"), "utf8").split("\n")).toContain("*-athanor.lock");
  });

  it("appends to a .gitignore without the line, once", () => {
    const dir = projectDir();
    writeFileSync(join(dir, ".gitignore"), "node_modules");
    const result = ok(dir, "init", "migrations");
    expect(result.lines).toContain("  Adding *-athanor.lock to .gitignore ...  done");
    const lines = readFileSync(join(dir, ".gitignore"), "utf8").split("\n");
    expect(lines[0]).toBe("node_modules");
    expect(lines.filter((l) => l === "*-athanor.lock")).toHaveLength(1);

    // a second init (another folder) finds the line and changes nothing
    const before = readFileSync(join(dir, ".gitignore"), "utf8");
    const again = ok(dir, "init", "other", "--config", "other.config.ts");
    expect(again.lines.join("\n")).not.toContain(".gitignore");
    expect(readFileSync(join(dir, ".gitignore"), "utf8")).toBe(before);
  });

  it("after upgrade head on SQLite, git has no lock file to commit", () => {
    const dir = projectDir();
    ok(dir, "init", "migrations");
    writeFileSync(join(dir, "athanor.config.ts"), `export default { scriptLocation: "migrations", url: ${JSON.stringify(`sqlite:///${join(dir, "app.db")}`)} };\n`);
    writeRevision(dir, { revision: "a0000000000a", message: "one" });
    ok(dir, "upgrade", "head");
    const lock = join(dir, "app.db-athanor.lock");
    expect(existsSync(lock)).toBe(true); // kept on purpose: deleting it could let two runs in
    execFileSync("git", ["init", "-q"], { cwd: dir });
    const ignored = execFileSync("git", ["check-ignore", "app.db-athanor.lock"], { cwd: dir, encoding: "utf8" });
    expect(ignored.trim()).toBe("app.db-athanor.lock");
    const status = execFileSync("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: dir, encoding: "utf8" });
    expect(status).toContain("app.db");
    expect(status).not.toContain("athanor.lock");
  });
});
