// Every revision file of a run's plan is loaded before the run changes anything.
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import { liveDialects } from "../support/servers.js";
import { tableRevision } from "./project.js";
import type { Project, RevisionSpec } from "./project.js";
import { caught, projectsCleanedAfterEach } from "./run-helpers.js";

const project = projectsCleanedAfterEach();

function fileOf(p: Project, id: string): string {
  const versions = join(p.dir, "migrations", "versions");
  return join(versions, readdirSync(versions).find((name) => name.startsWith(`${id}_`))!);
}

/** Three revisions creating tables one, two, three; the third's body has a syntax error on its own line. */
function brokenThird(): RevisionSpec[] {
  return [
    tableRevision("aaa001", null, "one"),
    tableRevision("bbb002", "aaa001", "two"),
    tableRevision("ccc003", "bbb002", "three", {
      upgrade: `  await op.execute("CREATE TABLE \${P}_three (id integer PRIMARY KEY)");\n  const broken = ;`,
    }),
  ];
}

describe.each(liveDialects())("loading the plan first on %s", (dialect) => {
  it("a syntax error in the third revision changes nothing and names its file and line", async () => {
    const p = project(dialect, brokenThird());
    const file = fileOf(p, "ccc003");
    const badLine = readFileSync(file, "utf8").split("\n").findIndex((l) => l.includes("const broken = ;")) + 1;
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.beforeRun).toBe(true);
    expect(error.revision).toBe("ccc003");
    expect(error.file).toBe(file);
    expect(error.line).toBe(badLine);
    expect(error.message).toMatch(/^Syntax error in revision ccc003/);
    expect(error.hint).toMatch(/nothing ran; the database is unchanged, at no revision \(base\)/);
    // nothing at all: not the first two revisions, not even the version table
    expect(await p.versionRows()).toBeNull();
    expect(await p.tableExists(`${p.prefix}_one`)).toBe(false);
    expect(await p.tableExists(`${p.prefix}_two`)).toBe(false);
  });

  it("from a database at the first revision: still nothing changes", async () => {
    const p = project(dialect, brokenThird());
    await command.upgrade(p.config(), "aaa001");
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.hint).toMatch(/nothing ran; the database is unchanged, at aaa001/);
    expect(await p.versionRows()).toEqual(["aaa001"]);
    expect(await p.tableExists(`${p.prefix}_one`)).toBe(true);
    expect(await p.tableExists(`${p.prefix}_two`)).toBe(false);
  });

  it("offline, a syntax error in the plan writes no SQL", async () => {
    const p = project(dialect, brokenThird());
    let written = "";
    const error = await caught(
      command.upgrade(p.config(), "base:head", { sql: true, output: { sql: (text) => void (written += text) } }),
    );
    expect(error.revision).toBe("ccc003");
    expect(error.hint).toMatch(/no SQL was written/);
    expect(written).toBe("");
  });

  it("going down, a revision without downgrade() third in line stops the run before the first", async () => {
    const p = project(dialect, [
      tableRevision("aaa001", null, "one"),
      tableRevision("bbb002", "aaa001", "two"),
      tableRevision("ccc003", "bbb002", "three"),
    ]);
    await command.upgrade(p.config(), "head");
    // a new file name: a file already imported in this process would come from the module cache
    const old = fileOf(p, "aaa001");
    const file = join(p.dir, "migrations", "versions", "aaa001_without_downgrade.ts");
    writeFileSync(file, readFileSync(old, "utf8").replace(/export async function downgrade[\s\S]*$/, ""));
    rmSync(old);
    const error = await caught(command.downgrade(p.config(), "base"));
    expect(error.revision).toBe("aaa001");
    expect(error.file).toBe(file);
    expect(error.message).toMatch(/Revision aaa001 does not export a downgrade\(\) function/);
    expect(error.hint).toMatch(/nothing ran; the database is unchanged, at ccc003/);
    expect(await p.versionRows()).toEqual(["ccc003"]);
    for (const name of ["one", "two", "three"]) expect(await p.tableExists(`${p.prefix}_${name}`)).toBe(true);
  });
});
