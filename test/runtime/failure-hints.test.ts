import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import { MigrationError } from "../../src/runtime/index.js";
import { createProject, tableRevision } from "./project.js";
import type { Project, RevisionSpec } from "./project.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function project(revisions: RevisionSpec[]): Project {
  const p = createProject("sqlite", revisions);
  projects.push(p);
  return p;
}

async function caught(promise: Promise<unknown>): Promise<MigrationError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MigrationError);
    return error as MigrationError;
  }
  throw new Error("expected the run to fail");
}

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
