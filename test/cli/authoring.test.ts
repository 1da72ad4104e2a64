import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { athanor, athanorWithEnv, expectOneLineError, ok, projectDir, versionFiles } from "./helpers.js";

const idsOf = (lines: string[]): string[] => lines.map((l) => l.split(" -> ")[1]!.split(/[ ,]/)[0]!);

describe("init", () => {
  it("creates the migrations folder and the config, printing each file", () => {
    const dir = projectDir();
    const result = ok(dir, "init", "migrations");
    expect(result.lines).toContain("  Creating directory migrations ...  done");
    expect(result.lines).toContain("  Creating directory migrations/versions ...  done");
    expect(result.lines).toContain("  Generating migrations/env.ts ...  done");
    expect(result.lines).toContain("  Generating migrations/script.ts.tmpl ...  done");
    expect(result.lines).toContain("  Generating athanor.config.ts ...  done");
    expect(result.lines.at(-1)).toMatch(/Please edit .*athanor\.config\.ts/);
    expect(existsSync(join(dir, "migrations", "env.ts"))).toBe(true);
    expect(readFileSync(join(dir, "athanor.config.ts"), "utf8")).toContain("migrations");
    // the new project is usable at once
    expect(ok(dir, "heads").stdout).toBe("");
    expect(ok(dir, "history").stdout).toBe("");
  });

  it("writes the config named by -c and leaves an existing one alone", () => {
    const dir = projectDir();
    ok(dir, "-c", "db/athanor.config.ts", "init", "db/migrations");
    expect(existsSync(join(dir, "db", "athanor.config.ts"))).toBe(true);
    expect(ok(dir, "-c", "db/athanor.config.ts", "heads").code).toBe(0);
    const again = ok(dir, "-c", "db/athanor.config.ts", "init", "other");
    expect(again.lines).toContain("  File db/athanor.config.ts already exists, skipping");
  });

  it("refuses a folder that is not empty, and an unknown template, in one line", () => {
    const dir = projectDir();
    ok(dir, "init", "migrations");
    expect(expectOneLineError(athanor(dir, "init", "migrations"))).toContain("not empty");
    expect(expectOneLineError(athanor(dir, "init", "-t", "nosuch", "fresh"))).toContain("nosuch");
  });

  it("--json reports what was created", () => {
    const dir = projectDir();
    const doc = JSON.parse(ok(dir, "init", "migrations", "--json").stdout) as { created: string[]; configFile: string };
    expect(doc.configFile).toBe(join(dir, "athanor.config.ts"));
    expect(doc.created).toContain(join(dir, "migrations", "env.ts"));
  });
});

describe("list-templates", () => {
  it("lists the templates with their descriptions", () => {
    const result = ok(projectDir(), "list-templates");
    expect(result.lines[0]).toBe("Available templates:");
    expect(result.stdout).toMatch(/^generic +- \S/m);
    const doc = JSON.parse(ok(projectDir(), "list-templates", "--json").stdout) as { templates: { name: string }[] };
    expect(doc.templates.map((t) => t.name)).toContain("generic");
  });
});

describe("revision, merge and the graph they make", () => {
  let dir: string;
  beforeAll(() => {
    dir = projectDir();
    ok(dir, "init", "migrations");
  });

  it("writes revisions on the head and prints where", () => {
    const first = ok(dir, "revision", "-m", "create users", "--rev-id", "a0000000000a");
    expect(first.lines).toEqual(["  Generating migrations/versions/a0000000000a_create_users.ts ...  done"]);
    const second = ok(dir, "revision", "-m", "add email");
    const match = /^ {2}Generating migrations\/versions\/([0-9a-f]{12})_add_email\.ts \.\.\. {2}done$/.exec(second.lines[0] ?? "");
    expect(match).not.toBeNull();
    const id = match![1]!;
    expect(ok(dir, "heads").lines).toEqual([`${id} (head)`]);
    const text = readFileSync(join(dir, "migrations", "versions", `${id}_add_email.ts`), "utf8");
    expect(text).toContain(`export const revision = "${id}"`);
    expect(text).toContain(`"a0000000000a"`);
    expect(ok(dir, "history").lines).toEqual([
      `a0000000000a -> ${id} (head), add email`,
      "<base> -> a0000000000a, create users",
    ]);
  });

  it("refuses a non-head --head without --splice, and branches with it", () => {
    const refused = expectOneLineError(athanor(dir, "revision", "-m", "side", "--head", "a0000000000a"));
    expect(refused).toContain("--splice");
    ok(dir, "revision", "-m", "side", "--head", "a0000000000a", "--splice", "--rev-id", "b0000000000b", "--branch-label", "side");
    expect(ok(dir, "heads").lines).toHaveLength(2);
    expect(ok(dir, "heads").lines).toContain("b0000000000b (side) (head)");
    expect(ok(dir, "branches").lines[0]).toBe("a0000000000a (branchpoint)");
  });

  it("refuses a new revision when there are several heads", () => {
    expect(expectOneLineError(athanor(dir, "revision", "-m", "where"))).toMatch(/Multiple heads/);
  });

  it("builds on a branch by label@head", () => {
    ok(dir, "revision", "-m", "more side", "--head", "side@head", "--rev-id", "c0000000000c");
    expect(ok(dir, "heads").lines).toContain("c0000000000c (side) (head)");
    // from label@base the range holds everything the branch's head needs, as in Alembic
    expect(idsOf(ok(dir, "history", "-r", "side@base:side@head").lines)).toEqual([
      "c0000000000c",
      "b0000000000b",
      "a0000000000a",
    ]);
    expect(idsOf(ok(dir, "history", "-r", "b0000000000b:side@head").lines)).toEqual(["c0000000000c", "b0000000000b"]);
  });

  it("merges the heads into one mergepoint", () => {
    const before = ok(dir, "heads").lines.map((l) => l.split(" ")[0]!);
    const merged = ok(dir, "merge", "heads", "-m", "join", "--rev-id", "d0000000000d");
    expect(merged.lines).toEqual(["  Generating migrations/versions/d0000000000d_join.ts ...  done"]);
    expect(ok(dir, "heads").lines).toEqual(["d0000000000d (side) (head)"]);
    const show = ok(dir, "show", "d0000000000d").stdout;
    expect(show).toContain("Rev: d0000000000d (head) (mergepoint)\n");
    expect(show).toContain(`Merges: ${before.join(", ")}\n`);
    expect(ok(dir, "history").lines[0]).toBe(`${before.join(", ")} -> d0000000000d (side) (head) (mergepoint), join`);
  });

  it("starts a second lineage with --head base, a label and --depends-on", () => {
    const made = JSON.parse(
      ok(dir, "revision", "-m", "billing", "--head", "base", "--branch-label", "billing",
        "--depends-on", "a000", "--depends-on", "side", "--rev-id", "e0000000000e", "--json").stdout,
    ) as { revision: string; path: string; dependsOn: string[]; branchLabels: string[]; downRevision: unknown };
    expect(made).toMatchObject({ revision: "e0000000000e", downRevision: null, branchLabels: ["billing"] });
    expect(made.dependsOn).toEqual(["a0000000000a", "side"]);
    expect(existsSync(made.path)).toBe(true);
    expect(ok(dir, "heads").lines.sort()).toEqual(["d0000000000d (side) (head)", "e0000000000e (billing) (head)"]);
    const line = ok(dir, "history").lines.find((l) => l.includes("-> e0000000000e"));
    expect(line).toMatch(/^<base> \(a0000000000a, [0-9a-f]+\) -> e0000000000e \(billing\) \(head\), billing$/);
    expect(ok(dir, "show", "billing").stdout).toContain("Also depends on: a0000000000a");
  });

  it("refuses a branch label already in use, and a bad --rev-id, in one line", () => {
    expect(expectOneLineError(athanor(dir, "revision", "-m", "x", "--head", "base", "--branch-label", "billing"))).toContain(
      "billing",
    );
    expect(expectOneLineError(athanor(dir, "revision", "-m", "x", "--head", "billing@head", "--rev-id", "a-b"))).toContain(
      "a-b",
    );
    expect(expectOneLineError(athanor(dir, "revision", "-m", "x", "--head", "billing@head", "--rev-id", "a0000000000a"))).toContain(
      "a0000000000a",
    );
  });

  it("says --autogenerate is not available, in one line", () => {
    expect(expectOneLineError(athanor(dir, "revision", "-m", "auto", "--autogenerate", "--head", "billing@head"))).toMatch(
      /autogenerate/,
    );
    expect(expectOneLineError(athanor(dir, "revision", "-m", "sql", "--sql", "--head", "billing@head"))).toContain("--sql");
  });

  it("has written one file per revision", () => {
    const files = versionFiles(dir).filter((f) => f.endsWith(".ts"));
    expect(files.filter((f) => !f.endsWith("_add_email.ts")).sort()).toEqual([
      "a0000000000a_create_users.ts",
      "b0000000000b_side.ts",
      "c0000000000c_more_side.ts",
      "d0000000000d_join.ts",
      "e0000000000e_billing.ts",
    ]);
    expect(files.filter((f) => /^[0-9a-f]{12}_add_email\.ts$/.test(f))).toHaveLength(1);
    expect(files).toHaveLength(6);
  });
});

describe("edit", () => {
  it("opens the revision's file in $EDITOR", () => {
    const dir = projectDir();
    ok(dir, "init", "migrations");
    ok(dir, "revision", "-m", "first", "--rev-id", "f0000000000f");
    const log = join(dir, "edited.txt");
    const editor = join(dir, "editor.mjs");
    writeFileSync(editor, `import { appendFileSync } from "node:fs";\nappendFileSync(${JSON.stringify(log)}, process.argv.slice(2).join("\\n") + "\\n");\n`);
    const result = athanorWithEnv(dir, { EDITOR: `${process.execPath} ${editor}` }, "edit", "head");
    expect(result.code).toBe(0);
    expect(readFileSync(log, "utf8").trim()).toBe(join(dir, "migrations", "versions", "f0000000000f_first.ts"));
  });

  it("without an editor, or for an unknown revision, fails in one line", () => {
    const dir = projectDir();
    ok(dir, "init", "migrations");
    ok(dir, "revision", "-m", "first", "--rev-id", "f0000000000f");
    expect(expectOneLineError(athanor(dir, "edit", "head"))).toMatch(/EDITOR/);
    expect(expectOneLineError(athanorWithEnv(dir, { EDITOR: "true" }, "edit", "9999"))).toContain("9999");
  });
});

describe("a fresh project end to end", () => {
  it("counts revisions from history --json", () => {
    const dir = projectDir();
    ok(dir, "init", "migrations");
    for (let i = 0; i < 5; i++) ok(dir, "revision", "-m", `step ${i}`);
    const doc = JSON.parse(ok(dir, "history", "--json").stdout) as { revisions: { revision: string; downRevisions: string[] }[] };
    expect(doc.revisions).toHaveLength(5);
    for (let i = 0; i < 4; i++) expect(doc.revisions[i]!.downRevisions).toEqual([doc.revisions[i + 1]!.revision]);
    expect(idsOf(ok(dir, "history").lines)).toEqual(doc.revisions.map((r) => r.revision));
  });
});
