// The one lint rule that reads a database: a revision landing below revisions
// already applied. Live on every database; without a database it is reported
// as not checked.
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import { liveDialects } from "../support/servers.js";
import { createProject, tableRevision } from "../runtime/project.js";
import type { Project } from "../runtime/project.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

function chain(dialect: Parameters<typeof createProject>[0]): Project {
  const p = createProject(dialect, [
    tableRevision("aaa001", null, "one"),
    tableRevision("bbb002", "aaa001", "two"),
    tableRevision("ccc003", "bbb002", "three"),
  ]);
  projects.push(p);
  return p;
}

describe.each(liveDialects())("lint non-linear-history on %s", (dialect) => {
  it("finds a revision whose down revision is applied below the database's head", async () => {
    const p = chain(dialect);
    const config = p.config();
    await command.upgrade(config, "head");
    // written on an older branch, merged after ccc003 was deployed
    p.write(tableRevision("xxx009", "aaa001", "late", { branchLabels: ["late"] }));
    const result = await command.lint(config, { database: true });
    const found = result.findings.filter((f) => f.rule === "non-linear-history");
    expect(found.map((f) => [f.revision, f.severity, f.operation])).toEqual([["xxx009", "warning", null]]);
    expect(found[0]!.message).toBe("its down revision is applied, but so is ccc003 after it: it would run after revisions written without it");
    expect(found[0]!.fix).toMatch(/downRevision at the database's current head/);
    expect(result.notChecked).toEqual([]);
    // the same with the URL given
    const byUrl = await command.lint(config, { database: p.url });
    expect(byUrl.findings.filter((f) => f.rule === "non-linear-history").map((f) => f.revision)).toEqual(["xxx009"]);
  });

  it("finds nothing for a revision continuing the head, nor for applied ones", async () => {
    const p = chain(dialect);
    const config = p.config();
    await command.upgrade(config, "head");
    p.write(tableRevision("ddd004", "ccc003", "four"));
    const result = await command.lint(config, { database: true });
    expect(result.findings.filter((f) => f.rule === "non-linear-history")).toEqual([]);
    expect(result.notChecked).toEqual([]);
    // a database at base: every revision is new, none lands below anything
    await command.downgrade(config, "base");
    p.write(tableRevision("xxx009", "aaa001", "late", { branchLabels: ["late"] }));
    expect((await command.lint(config, { database: true })).findings.filter((f) => f.rule === "non-linear-history")).toEqual([]);
  });

  it("a suppression comment with a reason removes the finding", async () => {
    const p = chain(dialect);
    const config = p.config();
    await command.upgrade(config, "head");
    p.write(tableRevision("xxx009", "aaa001", "late", { branchLabels: ["late"], extra: "// athanor-lint-disable non-linear-history: a hotfix branch, merged on purpose" }));
    const result = await command.lint(config, { database: true });
    expect(result.findings.filter((f) => f.rule === "non-linear-history")).toEqual([]);
    expect(result.suppressed).toBeGreaterThanOrEqual(1);
  });
});

describe("lint non-linear-history without a database", () => {
  it("opens no connection and says the rule was not checked", async () => {
    const p = createProject("sqlite", [tableRevision("aaa001", null, "one"), tableRevision("xxx009", "aaa001", "late")]);
    projects.push(p);
    const result = await command.lint(p.config({ url: "postgresql://nobody@127.0.0.1:1/nowhere" }));
    expect(result.notChecked).toEqual([
      { rule: "non-linear-history", reason: "lint was given no database to read the applied revisions from (--database)" },
    ]);
    expect(result.findings.filter((f) => f.rule === "non-linear-history")).toEqual([]);
  });
});
