// PostgreSQL text cannot hold a NUL character: a value with one is refused,
// online and offline, before anything changes.
import { describe, expect, it } from "vitest";
import * as command from "../../../src/command/index.js";
import { createProject } from "../../runtime/project.js";
import type { RevisionSpec } from "../../runtime/project.js";
import { availableServers } from "../../support/servers.js";

describe.runIf(availableServers().has("postgresql"))("text PostgreSQL cannot hold", () => {
  const revision: RevisionSpec = {
    id: "nul001",
    upgrade: `  const t = await op.createTable("\${P}_nul", [op.column("id", op.type.integer(), { primaryKey: true }), op.column("s", op.type.text())]);\n  await op.bulkInsert(t, [{ id: 1, s: "a\\u0000b" }]);`,
    downgrade: `  await op.dropTable("\${P}_nul");`,
  };

  it("is refused with a clear error online, leaving nothing behind, and offline", async () => {
    const p = createProject("postgresql", [revision]);
    try {
      await expect(command.upgrade(p.config(), "head")).rejects.toThrow(/PostgreSQL text cannot contain a NUL character/);
      expect(await p.tableExists(`${p.prefix}_nul`)).toBe(false);
      expect(await p.versionRows()).toBeNull();
      await expect(command.upgrade(p.config(), "head", { sql: true })).rejects.toThrow(/PostgreSQL text cannot contain a NUL character/);
    } finally {
      await p.cleanup();
    }
  });
});
