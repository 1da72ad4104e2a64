import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AthanorError, Config, ScriptDirectory, command } from "../../src/index.js";
import { bareProject, writeRevision } from "./helpers.js";

// The graph commands as functions: what the CLI prints is what they return.

describe("command.heads / branches / history / show", () => {
  const dir = bareProject();
  writeRevision(dir, { revision: "aaaa00000001", message: "create users" });
  writeRevision(dir, { revision: "bbbb00000002", downRevision: "aaaa00000001", message: "left" });
  writeRevision(dir, { revision: "cccc00000003", downRevision: "aaaa00000001", branchLabels: ["right"], message: "right" });

  const load = (): Promise<Config> => Config.load({ cwd: dir });

  it("return plain data", async () => {
    const config = await load();
    const heads = await command.heads(config);
    expect(heads.map((h) => h.revision).sort()).toEqual(["bbbb00000002", "cccc00000003"]);
    const right = heads.find((h) => h.revision === "cccc00000003")!;
    expect(right).toMatchObject({
      downRevisions: ["aaaa00000001"],
      branchLabels: ["right"],
      isHead: true,
      isCurrent: null,
      doc: "right",
      path: join(dir, "migrations", "versions", "cccc00000003_right.ts"),
    });
    expect(JSON.parse(JSON.stringify(right))).toEqual({ ...right });

    const [point] = await command.branches(config);
    expect(point!.revision).toBe("aaaa00000001");
    expect(point!.children.map((c) => c.revision).sort()).toEqual(["bbbb00000002", "cccc00000003"]);

    const history = await command.history(config, { revRange: "right@base:right@head" });
    expect(history.map((r) => r.revision)).toEqual(["cccc00000003", "aaaa00000001"]);

    const shown = await command.show(config, "right");
    expect(shown.map((r) => r.revision)).toEqual(["cccc00000003"]);
  });

  it("reuse a script directory read once", async () => {
    const config = await load();
    const script = await ScriptDirectory.fromConfig(config);
    const all = await command.history(config, { script });
    expect(all).toHaveLength(3);
    expect((await command.heads(config, { script, resolveDependencies: true })).length).toBe(2);
  });

  it("take the database's revisions from a reader for current", async () => {
    const config = await load();
    const currentHeads = async (): Promise<readonly string[]> => ["bbbb00000002"];
    const marked = await command.history(config, { indicateCurrent: true, currentHeads });
    expect(marked.filter((r) => r.isCurrent).map((r) => r.revision)).toEqual(["bbbb00000002"]);
    expect(marked.every((r) => r.isCurrent !== null)).toBe(true);
    const fromCurrent = await command.history(config, { revRange: "current:", currentHeads });
    expect(fromCurrent.map((r) => r.revision)).toEqual(["bbbb00000002"]);
    expect((await command.show(config, "current", { currentHeads })).map((r) => r.revision)).toEqual(["bbbb00000002"]);
  });

  it("refuse a range without ':' with an AthanorError", async () => {
    const config = await load();
    await expect(command.history(config, { revRange: "aaaa00000001" })).rejects.toBeInstanceOf(AthanorError);
  });
});
