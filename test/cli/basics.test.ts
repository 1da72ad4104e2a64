import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, athanor, expectOneLineError, projectDir } from "./helpers.js";

describe("athanor without a project", () => {
  const dir = projectDir();

  it("prints its version", () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    const result = athanor(dir, "--version");
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`athanor ${version}`);
  });

  it("lists every command in --help", () => {
    const result = athanor(dir, "--help");
    expect(result.code).toBe(0);
    for (const name of ["init", "list-templates", "revision", "merge", "edit", "heads", "branches", "history", "show"]) {
      expect(result.stdout).toMatch(new RegExp(`^  ${name}\\b`, "m"));
    }
    for (const flag of ["-c, --config", "-n, --name", "-x", "-q, --quiet", "--verbose", "--version"]) {
      expect(result.stdout).toContain(flag);
    }
  });

  it("shows a command's own options in its help", () => {
    const result = athanor(dir, "history", "--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("-r, --rev-range");
    expect(result.stdout).toContain("-i, --indicate-current");
    expect(result.stdout).toContain("--json");
  });

  it("rejects an unknown command in one line", () => {
    const line = expectOneLineError(athanor(dir, "hedas"));
    expect(line).toContain("unknown command 'hedas'");
    expect(line).toContain("heads");
  });

  it("rejects an unknown option in one line", () => {
    expect(expectOneLineError(athanor(dir, "heads", "--bogus"))).toContain("unknown option '--bogus'");
  });

  it("rejects a missing argument in one line", () => {
    expect(expectOneLineError(athanor(dir, "show"))).toContain("missing required argument");
    expect(expectOneLineError(athanor(dir, "revision", "-m"))).toContain("argument missing");
  });

  it("says there is no config, in one line", () => {
    const line = expectOneLineError(athanor(dir, "heads"));
    expect(line).toMatch(/config/i);
  });

  it("shows the stack only with --verbose", () => {
    const quiet = athanor(dir, "heads");
    expect(quiet.stderr).not.toMatch(/\n\s+at /);
    const verbose = athanor(dir, "--verbose", "heads");
    expect(verbose.code).toBe(1);
    expect(verbose.stderr.split("\n")[0]).toBe(quiet.stderr.trim());
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });
});
