/**
 * `command.verify` on each database: every test passes on a good project and
 * fails, with its name and the reason, on a revision crafted to break it; the
 * scratch databases are gone afterwards, whatever happened.
 */
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import type { VerifyResult, VerifyTestName, VerifyTestResult } from "../../src/command/index.js";
import { liveDialects } from "../support/servers.js";
import type { Project, RevisionSpec } from "../runtime/project.js";
import { brokenSecond, envSource, goodRevisions, scratchDatabases, secondHead, verifyProject } from "./verify-project.js";

const projects: Project[] = [];
afterEach(async () => {
  for (const project of projects.splice(0)) await project.cleanup();
});

function test(result: VerifyResult, name: VerifyTestName): VerifyTestResult {
  const found = result.tests.find((t) => t.name === name);
  if (found === undefined) throw new Error(`no ${name} in ${JSON.stringify(result.tests)}`);
  return found;
}

function statuses(result: VerifyResult): Record<string, string> {
  return Object.fromEntries(result.tests.map((t) => [t.name, t.status]));
}

describe.each(liveDialects())("verify on %s", (dialect) => {
  async function run(revisions: readonly RevisionSpec[], options: { env?: string | null; config?: Record<string, unknown>; revisions?: string } = {}): Promise<{ result: VerifyResult; project: Project }> {
    const project = verifyProject(dialect, revisions, options.env === undefined ? envSource() : options.env);
    projects.push(project);
    const before = await scratchDatabases(dialect);
    const result = await command.verify(project.config(options.config ?? {}), options.revisions === undefined ? {} : { revisions: options.revisions });
    // every scratch database made for the run is dropped again
    expect((await scratchDatabases(dialect)).filter((name) => !before.includes(name))).toEqual([]);
    return { result, project };
  }

  it("passes every test on a good project, and leaves the configured database alone", async () => {
    const { result, project } = await run(goodRevisions);
    expect(statuses(result)).toEqual({
      "single-head": "passed",
      upgrade: "passed",
      "model-matches": "passed",
      stairway: "passed",
      downgrades: "passed",
      "offline-matches": "passed",
    });
    expect(result.ok).toBe(true);
    expect(result.dialect).toBe(dialect);
    expect(result.revisions).toEqual(["aa0000000001", "aa0000000002"]);
    expect(test(result, "stairway").reason).toContain("2 revision(s)");
    // the project's own database was never migrated
    expect(await project.versionRows()).toBeNull();
    expect(await project.tableExists(`${project.prefix}_users`)).toBe(false);
  });

  it("single-head fails on two heads, and passes when the config expects them", async () => {
    const { result } = await run([...goodRevisions, secondHead], { env: null });
    const heads = test(result, "single-head");
    expect(heads.status).toBe("failed");
    expect(heads.reason).toMatch(/^2 heads \(aa0000000002, aa0000000003\|aa0000000003, aa0000000002\)|^2 heads/);
    expect(heads.reason).toContain("aa0000000003");
    expect(result.ok).toBe(false);
    // the other tests still run: both branches upgrade and step down cleanly
    expect(test(result, "stairway").status).toBe("passed");
    expect(test(result, "model-matches")).toMatchObject({ status: "skipped", reason: expect.stringContaining("no targetMetadata") });

    const expected = await run([...goodRevisions, secondHead], { env: null, config: { expectedHeads: ["aa0000000002", "aa0000000003"] } });
    expect(test(expected.result, "single-head")).toMatchObject({ status: "passed", reason: expect.stringContaining("expected") });
    expect(expected.result.ok).toBe(true);
  });

  it("upgrade fails on a revision whose upgrade fails midway, naming it and the error", async () => {
    const { result } = await run([goodRevisions[0]!, brokenSecond.upgradeFails]);
    const upgrade = test(result, "upgrade");
    expect(upgrade.status).toBe("failed");
    expect(upgrade.revision).toBe("aa0000000002");
    expect(upgrade.reason).toMatch(/^upgrade of aa0000000002 failed: .*_missing/);
    expect(test(result, "stairway")).toMatchObject({ status: "skipped", reason: "stopped at aa0000000002, whose upgrade failed" });
    expect(test(result, "model-matches").status).toBe("skipped");
    expect(test(result, "offline-matches").status).toBe("skipped");
    expect(result.ok).toBe(false);
  });

  it("model-matches fails when the declared schema differs from the revisions", async () => {
    const { result } = await run(goodRevisions, { env: envSource({ extraColumn: true }) });
    const model = test(result, "model-matches");
    expect(model.status).toBe("failed");
    expect(model.reason).toContain("the declared schema differs from the upgraded database");
    expect(model.details.join("\n")).toMatch(/age/);
    expect(test(result, "stairway").status).toBe("passed");
  });

  it("stairway fails when a downgrade leaves a column behind, naming the revision and the column", async () => {
    const { result } = await run([goodRevisions[0]!, brokenSecond.leavesColumn]);
    const stairway = test(result, "stairway");
    expect(stairway.status).toBe("failed");
    expect(stairway.revision).toBe("aa0000000002");
    expect(stairway.reason).toMatch(/^downgrade of aa0000000002 leaves a trace: table \w+_users: column nickname added/);
    // the upgrade itself worked
    expect(test(result, "upgrade").status).toBe("passed");
    expect(test(result, "downgrades").status).toBe("passed");
  });

  it("downgrades fails on an empty downgrade, and skips the revision in the stairway once it is marked irreversible", async () => {
    const { result } = await run([goodRevisions[0]!, brokenSecond.emptyDowngrade]);
    const downgrades = test(result, "downgrades");
    expect(downgrades).toMatchObject({ status: "failed", revision: "aa0000000002" });
    expect(downgrades.reason).toBe("aa0000000002: downgrade() does nothing and the revision is not marked irreversible");
    expect(test(result, "stairway").status).toBe("failed");

    const marked = await run([goodRevisions[0]!, brokenSecond.markedIrreversible]);
    expect(test(marked.result, "downgrades")).toMatchObject({ status: "passed", details: ["aa0000000002: irreversible (the emails cannot be put back)"] });
    const stairway = test(marked.result, "stairway");
    expect(stairway.status).toBe("passed");
    expect(stairway.details).toEqual(["aa0000000002: skipped, marked irreversible (the emails cannot be put back)"]);
    expect(marked.result.ok).toBe(true);
  });

  it("offline-matches fails when a revision does one thing online and another in --sql", async () => {
    const { result } = await run([goodRevisions[0]!, brokenSecond.offlineDiverges], { env: null });
    const offline = test(result, "offline-matches");
    expect(offline.status).toBe("failed");
    expect(offline.reason).toMatch(/^the offline script gives another schema than the online run: table \w+_users: column (mail added|email removed)/);
    expect(offline.details.join("\n")).toMatch(/column email removed/);
    expect(offline.details.join("\n")).toMatch(/column mail added/);
    // online, the revision is consistent
    expect(test(result, "stairway").status).toBe("passed");
  });

  it("--revisions limits the checked revisions; their ancestors are applied first, unchecked", async () => {
    const { result } = await run([goodRevisions[0]!, brokenSecond.leavesColumn, { ...secondHead, id: "aa0000000004", down: "aa0000000002" }], {
      revisions: "aa0000000004:heads",
      env: null,
    });
    expect(result.revisions).toEqual(["aa0000000004"]);
    // the broken revision below the range is run but not checked
    expect(test(result, "stairway").status).toBe("passed");
    expect(test(result, "offline-matches")).toMatchObject({ status: "passed", reason: expect.stringContaining("aa0000000002:heads") });
  });
});

describe("verify's configuration and arguments", () => {
  it("expectedHeads is checked like the other config keys", async () => {
    const { Config } = await import("../../src/config/index.js");
    expect(Config.from({ scriptLocation: "migrations", expectedHeads: "main@head" }).expectedHeads).toEqual(["main@head"]);
    expect(Config.from({ scriptLocation: "migrations", expectedHeads: ["a1", "b2"] }).expectedHeads).toEqual(["a1", "b2"]);
    expect(Config.from({ scriptLocation: "migrations" }).expectedHeads).toEqual([]);
    expect(() => Config.from({ scriptLocation: "migrations", expectedHeads: 2 as never })).toThrow(
      'Config key "expectedHeads" must be a revision (or branch label), or a non-empty array of them, got 2',
    );
    expect(() => Config.from({ scriptLocation: "migrations", expectedHeads: [] as never })).toThrow(/expectedHeads/);
    let typo: unknown;
    try {
      Config.from({ scriptLocation: "migrations", expectedHead: ["a1"] } as never);
    } catch (error) {
      typo = error;
    }
    expect(typo).toMatchObject({ message: 'Unknown config key "expectedHead"', hint: 'did you mean "expectedHeads"?' });
  });

  it("refuses a range without ':' and a test it does not know", async () => {
    const project = verifyProject("sqlite", goodRevisions);
    projects.push(project);
    await expect(command.verify(project.config(), { revisions: "aa0000000001" })).rejects.toThrow("--revisions 'aa0000000001' has no ':'");
    await expect(command.verify(project.config(), { tests: ["stairs" as never] })).rejects.toThrow('verify has no test named "stairs"');
  });
});

describe("verify on PGlite (PostgreSQL without a server)", () => {
  it("passes on a good project and finds a downgrade's trace, with --scratch-url pglite", async () => {
    const good = verifyProject("postgresql", goodRevisions);
    const bad = verifyProject("postgresql", [goodRevisions[0]!, brokenSecond.leavesColumn]);
    projects.push(good, bad);
    const result = await command.verify(good.config(), { scratchUrl: "pglite" });
    expect(result.scratch).toBe("PGlite (PostgreSQL in this process)");
    expect(statuses(result)).toEqual({
      "single-head": "passed",
      upgrade: "passed",
      "model-matches": "passed",
      stairway: "passed",
      downgrades: "passed",
      "offline-matches": "passed",
    });
    const broken = await command.verify(bad.config(), { scratchUrl: "pglite", tests: ["stairway"] });
    expect(test(broken, "stairway").reason).toMatch(/^downgrade of aa0000000002 leaves a trace: table \w+_users: column nickname added/);
  }, 120_000);

  it("is where a PostgreSQL project goes when its server does not answer, and says so", async () => {
    const project = verifyProject("postgresql", goodRevisions);
    projects.push(project);
    const notes: string[] = [];
    const result = await command.verify(project.config({ url: "postgresql://app:secret@127.0.0.1:9/app" }), {
      tests: ["upgrade", "stairway"],
      onProgress: (event) => {
        if (event.kind === "note") notes.push(event.message);
      },
    });
    expect(notes).toEqual(["the PostgreSQL server at postgresql://app:***@127.0.0.1:9/app does not answer; verifying on PGlite (PostgreSQL 18 in this process)"]);
    expect(result.scratch).toBe("PGlite (PostgreSQL in this process); postgresql://app:***@127.0.0.1:9/app did not answer");
    expect(statuses(result)).toEqual({ upgrade: "passed", stairway: "passed" });
    expect(JSON.stringify(result)).not.toContain("secret");
  }, 120_000);
});
