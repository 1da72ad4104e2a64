import { describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import { tableRevision } from "./project.js";
import type { Project, RevisionSpec } from "./project.js";
import { caught, projectsCleanedAfterEach } from "./run-helpers.js";

const sqliteProject = projectsCleanedAfterEach();
const project = (revisions: RevisionSpec[]): Project => sqliteProject("sqlite", revisions);

describe("a failing revision's error keeps what its cause says", () => {
  it("the hint of an operation's error comes before the database's state", async () => {
    const p = project([
      tableRevision("aaa001", null, "one"),
      {
        id: "bbb002",
        down: "aaa001",
        upgrade: `  await op.batchAlterTable("\${P}_one", (batch) => { batch.alterColumn("id", { nullable: false }); }, { recreate: "always" });`,
      },
    ]);
    const error = await caught(command.upgrade(p.config(), "base:head", { sql: true }));
    expect(error.revision).toBe("bbb002");
    expect(error.hint).toMatch(/copyFrom/);
    expect(error.hint).toMatch(/the SQL written so far is incomplete/);
  });

  it("a syntax error names the revision file's line", async () => {
    const p = project([
      tableRevision("aaa001", null, "one"),
      { id: "bbb002", down: "aaa001", upgrade: `  await op.execute("SELECT 1"\n  const x = ;` },
    ]);
    const error = await caught(command.upgrade(p.config(), "head"));
    expect(error.message).toMatch(/Syntax error in revision bbb002/);
    expect(error.file).toMatch(/bbb002/);
    expect(error.line).toBeGreaterThan(10);
    expect(error.oneLine()).toMatch(new RegExp(`bbb002[^:]*\\.ts:${error.line}: `));
  });
});
