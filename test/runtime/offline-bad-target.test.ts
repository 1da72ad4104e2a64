// Offline (`--sql`), a target the graph does not have is refused before any SQL is written.
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import { AthanorError } from "../../src/util/errors.js";
import { createProject, tableRevision } from "./project.js";
import type { Project } from "./project.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

describe("an offline run with a bad target", () => {
  it.each([
    ["upgrade", "base:zzzz"],
    ["downgrade", "aaa001:bbb002"],
  ] as const)("%s %s writes no SQL", async (kind, range) => {
    const p = createProject("sqlite", [tableRevision("aaa001", null, "one"), tableRevision("bbb002", "aaa001", "two")]);
    projects.push(p);
    const written: string[] = [];
    const run = command[kind](p.config(), range, { sql: true, output: { sql: (text) => written.push(text) } });
    await expect(run).rejects.toBeInstanceOf(AthanorError);
    expect(written.join("")).toBe("");
  });

  it("a good range still writes the whole script", async () => {
    const p = createProject("sqlite", [tableRevision("aaa001", null, "one")]);
    projects.push(p);
    const written: string[] = [];
    await command.upgrade(p.config(), "base:aaa001", { sql: true, output: { sql: (text) => written.push(text) } });
    // SQLite: foreign keys off before the first BEGIN, on again after the last COMMIT
    expect(written.join("")).toMatch(/^--[^\n]*\n[\s\S]*PRAGMA foreign_keys = OFF;\n\n[\s\S]*BEGIN;[\s\S]*COMMIT;\n\n--[\s\S]*PRAGMA foreign_keys = ON;\n\n$/);
  });
});
