import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { ScriptDirectory } from "../../src/script/index.js";
import { AthanorError } from "../../src/util/errors.js";
import { scriptsOf, tempProject, writeRevision } from "./project.js";

const date = new Date("2026-11-21T10:00:00Z");

async function failure(promise: Promise<unknown>): Promise<AthanorError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AthanorError);
    return error as AthanorError;
  }
  throw new Error("expected a failure");
}

describe("generateRevision", () => {
  it("writes the file of DESIGN.md: header, declarations, upgrade and downgrade", async () => {
    const { dir, config } = tempProject({ timezone: "UTC" });
    writeRevision(join(dir, "migrations/versions/0a9e8d7c6b5f_init.ts"), "0a9e8d7c6b5f", null);
    const scripts = await scriptsOf(config);
    const script = await scripts.generateRevision({
      message: "create users",
      revId: "3f1c2a9b7d10",
      date,
      upgrades: 'await op.createTable("users", [\n  op.column("id", op.type.integer(), { primaryKey: true }),\n]);',
      downgrades: 'await op.dropTable("users");',
    });
    expect(script.path).toBe(join(dir, "migrations/versions/3f1c2a9b7d10_create_users.ts"));
    expect(readFileSync(script.path, "utf8")).toBe(`/**
 * create users
 *
 * Revision ID: 3f1c2a9b7d10
 * Revises: 0a9e8d7c6b5f
 * Create Date: 2026-11-21 10:00:00.000000+00:00
 */
import type { Operations } from "athanor";

export const revision = "3f1c2a9b7d10";
export const downRevision: string | string[] | null = "0a9e8d7c6b5f";
export const branchLabels: string[] | null = null;
export const dependsOn: string[] | null = null;

export async function upgrade(op: Operations): Promise<void> {
  await op.createTable("users", [
    op.column("id", op.type.integer(), { primaryKey: true }),
  ]);
}

export async function downgrade(op: Operations): Promise<void> {
  await op.dropTable("users");
}
`);
    expect(script).toMatchObject({
      revision: "3f1c2a9b7d10",
      downRevision: "0a9e8d7c6b5f",
      doc: "create users",
      createDate: "2026-11-21 10:00:00.000000+00:00",
    });
    expect(scripts.map.heads).toEqual(["3f1c2a9b7d10"]);
  });

  it("gives a new history's first revision a random 12-hex id and no parent", async () => {
    const { config } = tempProject();
    const scripts = await scriptsOf(config);
    const first = await scripts.generateRevision({ message: "first" });
    expect(first.revision).toMatch(/^[0-9a-f]{12}$/);
    expect(first.downRevision).toBeNull();
    expect(basename(first.path)).toBe(`${first.revision}_first.ts`);
    expect(readFileSync(first.path, "utf8")).toContain(" * Revises:\n");
    const second = await scripts.generateRevision({});
    expect(second.revision).not.toBe(first.revision);
    expect(second.downRevision).toBe(first.revision);
    expect(second.doc).toBe("empty message");
    expect(basename(second.path)).toBe(`${second.revision}_.ts`);
    // what was written reads back the same from disk
    const reread = await ScriptDirectory.fromConfig(config);
    expect(reread.map.heads).toEqual([second.revision]);
  });

  it("uses the file template, slug length and time zone of the config", async () => {
    const { dir, config } = tempProject({
      fileTemplate: "%(year)d/%(month).2d/{day}{hour}{minute}_{rev}_{slug}",
      truncateSlugLength: 10,
      timezone: "Asia/Tokyo",
      recursiveVersionLocations: true,
    });
    const scripts = await scriptsOf(config);
    const script = await scripts.generateRevision({ message: "add the email column", revId: "abc", date });
    expect(script.path).toBe(join(dir, "migrations/versions/2026/11/211900_abc_add_the_.ts"));
    expect(script.createDate).toBe("2026-11-21 19:00:00.000000+09:00");
    expect((await scriptsOf(config)).map.heads).toEqual(["abc"]);
  });

  it("warns when the file template writes subfolders that will not be read", async () => {
    const { config } = tempProject({ fileTemplate: "{year}/{rev}" });
    const warnings: string[] = [];
    await (await scriptsOf(config)).generateRevision({ revId: "x1", onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([
      'fileTemplate "{year}/{rev}" writes into subfolders; set recursiveVersionLocations: true so they are found',
    ]);
  });

  it("refuses several heads without --head, with Alembic's explanation", async () => {
    const { dir, config } = tempProject();
    writeRevision(join(dir, "migrations/versions/a.ts"), "a", null);
    writeRevision(join(dir, "migrations/versions/b.ts"), "b", "a");
    writeRevision(join(dir, "migrations/versions/c.ts"), "c", "a");
    const scripts = await scriptsOf(config);
    const error = await failure(scripts.generateRevision({ message: "x" }));
    expect(error.message).toBe(
      "Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.",
    );
    const onC = await scripts.generateRevision({ head: "c", revId: "d" });
    expect(onC.downRevision).toBe("c");
  });

  it("refuses a non-head parent without splice, and branches with it", async () => {
    const { dir, config } = tempProject();
    writeRevision(join(dir, "migrations/versions/a.ts"), "a", null);
    writeRevision(join(dir, "migrations/versions/b.ts"), "b", "a");
    const scripts = await scriptsOf(config);
    const error = await failure(scripts.generateRevision({ head: "a" }));
    expect(error.message).toBe("Revision a is not a head revision; pass --splice to start a new branch from it");
    const spliced = await scripts.generateRevision({ head: "a", splice: true, revId: "c" });
    expect(spliced.downRevision).toBe("a");
    expect([...scripts.map.heads].sort()).toEqual(["b", "c"]);
  });

  it("starts a new base with --head base", async () => {
    const { dir, config } = tempProject();
    writeRevision(join(dir, "migrations/versions/a.ts"), "a", null);
    const scripts = await scriptsOf(config);
    const base = await scripts.generateRevision({ head: "base", revId: "z", branchLabels: "other" });
    expect(base.downRevision).toBeNull();
    expect(base.branchLabels).toEqual(["other"]);
    expect([...scripts.map.bases].sort()).toEqual(["a", "z"]);
    expect(readFileSync(base.path, "utf8")).toContain('export const branchLabels: string[] | null = ["other"];');
  });

  it("places files by version location", async () => {
    const { dir, config } = tempProject({ versionLocations: ["migrations/versions", "migrations/reporting"] });
    writeRevision(join(dir, "migrations/reporting/r.ts"), "r", null, { branchLabels: ["reporting"] });
    const scripts = await scriptsOf(config);
    // a child goes to its parent's folder
    const child = await scripts.generateRevision({ head: "reporting@head", revId: "r2" });
    expect(dirname(child.path)).toBe(join(dir, "migrations/reporting"));
    // a new base needs --version-path
    const error = await failure(scripts.generateRevision({ head: "base", revId: "m1" }));
    expect(error.message).toBe("Multiple version locations present, please specify --version-path");
    const base = await scripts.generateRevision({ head: "base", revId: "m1", versionPath: "migrations/versions" });
    expect(dirname(base.path)).toBe(join(dir, "migrations/versions"));
    // --version-path must be a location
    const outside = await failure(scripts.generateRevision({ head: "m1", revId: "m2", versionPath: "elsewhere" }));
    expect(outside.message).toBe(`Path ${join(dir, "elsewhere")} is not one of the version locations`);
    expect(outside.hint).toBe("version locations: migrations/versions, migrations/reporting");
    // an explicit location wins over the parent's
    const moved = await scripts.generateRevision({ head: "m1", revId: "m2", versionPath: "migrations/reporting" });
    expect(dirname(moved.path)).toBe(join(dir, "migrations/reporting"));
  });

  it("creates a missing version location on first use", async () => {
    const { dir, config } = tempProject({ versionLocations: ["db/versions"] });
    const script = await (await scriptsOf(config)).generateRevision({ revId: "a1" });
    expect(dirname(script.path)).toBe(join(dir, "db/versions"));
    expect(existsSync(script.path)).toBe(true);
  });

  it("refuses bad and used revision ids", async () => {
    const { dir, config } = tempProject();
    writeRevision(join(dir, "migrations/versions/a.ts"), "abc", null);
    const scripts = await scriptsOf(config);
    for (const id of ["a-b", "a@b", "a+b", "a:b", "a/b"]) {
      const error = await failure(scripts.generateRevision({ revId: id }));
      expect(error.message).toMatch(/not allowed in a revision id/);
    }
    expect((await failure(scripts.generateRevision({ revId: "x".repeat(33) }))).message).toMatch(/at most 32/);
    const used = await failure(scripts.generateRevision({ revId: "abc" }));
    expect(used.message).toBe("Revision id abc is already used by migrations/versions/a.ts");
  });

  it("refuses a branch label already in use", async () => {
    const { dir, config } = tempProject();
    writeRevision(join(dir, "migrations/versions/a.ts"), "a", null, { branchLabels: ["core"] });
    const scripts = await scriptsOf(config);
    const error = await failure(scripts.generateRevision({ branchLabels: "core" }));
    expect(error.message).toBe('Branch label "core" is already used by revision a');
    expect(error.file).toBe(join(dir, "migrations/versions/a.ts"));
  });

  it("resolves --depends-on: partial ids to full ids, labels kept", async () => {
    const { dir, config } = tempProject();
    writeRevision(join(dir, "migrations/versions/a.ts"), "a1b2c3d4e5f6", null);
    writeRevision(join(dir, "migrations/versions/o.ts"), "ffee00112233", null, { branchLabels: ["other"] });
    const scripts = await scriptsOf(config);
    const script = await scripts.generateRevision({ head: "a1b2c3d4e5f6", dependsOn: ["ffee", "other"] });
    expect(script.dependsOn).toEqual(["ffee00112233", "other"]);
    expect(readFileSync(script.path, "utf8")).toContain(
      'export const dependsOn: string[] | null = ["ffee00112233", "other"];',
    );
    const unknown = await failure(scripts.generateRevision({ head: script.revision, dependsOn: "nothing" }));
    expect(unknown.message).toMatch(/nothing/);
  });

  it("refuses a template that drops the branch labels", async () => {
    const { dir, config } = tempProject();
    writeFileSync(
      join(dir, "migrations/script.ts.tmpl"),
      'export const revision = "${revision}";\nexport const downRevision = ${downRevision};\n',
    );
    const error = await failure((await scriptsOf(config)).generateRevision({ branchLabels: "x" }));
    expect(error.message).toBe("The new revision was given branch labels (x) but the written file has none");
  });

  it("runs post-write hooks in the config folder, and reports failures as warnings", async () => {
    const hook = [
      "const fs = require('node:fs');",
      "const file = process.argv[1];",
      "fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('import type', '// formatted\\nimport type'));",
      "fs.writeFileSync('hook-ran-here.txt', file);",
    ].join(" ");
    const { dir, config } = tempProject({
      postWriteHooks: [
        { command: "node", args: ["-e", hook, "{file}"] },
        { name: "failing", command: "node -e \"process.stderr.write('bad things'); process.exit(3)\"" },
        { command: "athanor-no-such-formatter --write {file}" },
        async (file: string) => {
          writeFileSync(`${file}.seen`, "yes");
        },
      ],
    });
    const warnings: string[] = [];
    const script = await (await scriptsOf(config)).generateRevision({ revId: "h1", onWarning: (w) => warnings.push(w) });
    expect(readFileSync(script.path, "utf8")).toContain("// formatted\nimport type");
    expect(readFileSync(join(dir, "hook-ran-here.txt"), "utf8")).toBe(script.path);
    expect(readFileSync(`${script.path}.seen`, "utf8")).toBe("yes");
    expect(warnings).toEqual([
      'post-write hook "failing" exited with code 3: bad things',
      'post-write hook "athanor-no-such-formatter --write {file}": command not found: athanor-no-such-formatter',
    ]);
  });

  it("appends the file to a hook command that does not mention it", async () => {
    const { dir, config } = tempProject({
      postWriteHooks: [{ command: `node -e "require('fs').appendFileSync(process.argv[1], '// tail\\n')"` }],
    });
    const script = await (await scriptsOf(config)).generateRevision({ revId: "t1" });
    expect(readFileSync(script.path, "utf8").endsWith("// tail\n")).toBe(true);
    expect(dir).toBeTruthy();
  });
});
