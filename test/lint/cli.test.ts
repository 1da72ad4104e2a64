// `athanor lint` as a user runs it: ranges, --since, --dialect, exit codes, the terminal lines, and command.lint.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Config, command } from "../../src/index.js";
import { athanor, expectOneLineError } from "../cli/helpers.js";
import { lintJson, lintProject, UNREACHABLE, writeRevisions } from "./helpers.js";

const base = {
  id: "h9c1",
  irreversible: false,
  upgrade: `  await op.createTable("users", [op.column("id", op.type.integer()).primaryKey(), op.column("age", op.type.integer())]);`,
  downgrade: `  await op.dropTable("users");`,
};
const index = { id: "h9c2", upgrade: `  await op.createIndex("ix_users_age", "users", ["age"]);` };
const drop = { id: "h9c3", upgrade: `  await op.dropColumn("users", "age");` };

describe("athanor lint", () => {
  it("prints one line per finding and exits 1 only for an error-severity finding", () => {
    const dir = lintProject(UNREACHABLE.postgresql, [base, index, drop]);
    const all = athanor(dir, "lint");
    expect(all.code).toBe(1);
    expect(all.stderr).toBe("");
    expect(all.lines).toHaveLength(3);
    expect(all.lines[0]).toMatch(/^h9c2 warning index-not-concurrent \[createIndex\]: creating index ix_users_age on users blocks writes .*; instead: pass \{ concurrently: true \}/);
    expect(all.lines[1]).toMatch(/^h9c3 error drop-column \[dropColumn\]: dropping column users\.age deletes its values/);
    expect(all.lines[2]).toBe("1 error(s), 1 warning(s), 0 info in 3 revisions (postgresql); not checked: non-linear-history (give --database).");

    // a range as history takes it: up to the index only warnings remain
    const upToIndex = athanor(dir, "lint", "base:h9c2");
    expect(upToIndex.code).toBe(0);
    expect(upToIndex.lines[0]).toMatch(/^h9c2 warning index-not-concurrent/);

    // --since: the revisions after it only
    const since = lintJson(dir, "--since", "h9c2");
    expect(since.revisions).toEqual(["h9c3"]);
    expect(since.findings.map((f) => f.rule)).toEqual(["drop-column"]);
    expect(since.run.code).toBe(1);
    expect(lintJson(dir, "--since", "h9c3")).toMatchObject({ revisions: [], findings: [] });
  });

  it("reads the dialect from --dialect over the URL, and says so when neither gives one", () => {
    const dir = lintProject(UNREACHABLE.sqlite, [base, index]);
    expect(lintJson(dir).findings).toEqual([]);
    expect(lintJson(dir, "--dialect", "postgresql").findings.map((f) => f.rule)).toEqual(["index-not-concurrent"]);
    expect(athanor(dir, "lint").lines).toEqual(["No findings in 2 revisions (sqlite); not checked: non-linear-history (give --database)."]);

    writeFileSync(join(dir, "athanor.config.ts"), `export default { scriptLocation: "migrations" };\n`);
    const error = expectOneLineError(athanor(dir, "lint"));
    expect(error).toContain("No database URL is configured");
    expect(error).toContain("--dialect");
    expect(expectOneLineError(athanor(dir, "lint", "--dialect", "oracle"))).toContain("Unknown dialect 'oracle'");
    expect(expectOneLineError(athanor(dir, "lint", "h9c1"))).toContain("has no ':'");

    // several databases of different kinds: the user says which rules apply
    writeFileSync(
      join(dir, "athanor.config.ts"),
      `export default { scriptLocation: "migrations", databases: { a: { url: ${JSON.stringify(UNREACHABLE.sqlite)} }, b: { url: ${JSON.stringify(UNREACHABLE.postgresql)} } } };\n`,
    );
    expect(expectOneLineError(athanor(dir, "lint"))).toContain("several kinds (sqlite, postgresql)");
    expect(lintJson(dir, "--dialect", "postgresql").findings.map((f) => f.rule)).toEqual(["index-not-concurrent"]);
  });

  it("lints a revision appended to the chain, giving each of its findings", () => {
    const dir = lintProject(UNREACHABLE.mysql, [base]);
    writeRevisions(dir, [{ id: "h9c9", upgrade: `  await op.alterColumn("users", "age", { type: op.type.string(10), existingType: op.type.integer() });` }], "h9c1");
    const { findings } = lintJson(dir);
    expect(findings.map((f) => [f.revision, f.rule])).toEqual([
      ["h9c9", "narrow-type"],
      ["h9c9", "mysql-not-instant"],
    ]);
  });

  it("command.lint returns the same findings as --json", async () => {
    const dir = lintProject(UNREACHABLE.postgresql, [base, index, drop]);
    const config = await Config.load({ cwd: dir });
    const result = await command.lint(config, { revRange: "h9c2:" });
    expect(result.revisions).toEqual(["h9c2", "h9c3"]);
    expect(result.dialect).toBe("postgresql");
    const { findings } = lintJson(dir, "h9c2:");
    expect(result.findings).toEqual(findings);
  });
});
