// A batch copy of a table that views read, on SQLite: the old table is dropped
// and the copy renamed while the views name it, and SQLite checks every view
// on a rename. Online and as an offline script through sqlite3, the views
// still read the new table afterwards, and the downgrade's copy too.
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../../src/command/index.js";
import { expectOfflineTwin, withCopyFromAsOnline } from "../conformance/offline-twin.js";
import { createProject } from "../../runtime/project.js";
import type { Project, RevisionSpec } from "../../runtime/project.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

const revisions: RevisionSpec[] = [
  {
    id: "bv0001",
    upgrade: [
      `  await op.createTable("\${P}_items", [op.column("id", op.type.integer(), { primaryKey: true }), op.column("label", op.type.string(20)), op.column("note", op.type.text())]);`,
      `  await op.bulkInsert("\${P}_items", [{ id: 1, label: "one", note: "n" }, { id: 2, label: "two", note: null }]);`,
      `  await op.createView("\${P}_labels", "SELECT id, label FROM \${P}_items");`,
      `  await op.createView("\${P}_first", "SELECT label FROM \${P}_labels WHERE id = 1");`,
    ].join("\n"),
    downgrade: [`  await op.dropView("\${P}_first");`, `  await op.dropView("\${P}_labels");`, `  await op.dropTable("\${P}_items");`].join("\n"),
  },
  {
    id: "bv0002",
    down: "bv0001",
    upgrade: [
      `  await op.batchAlterTable("\${P}_items", (batch) => {`,
      `    batch.alterColumn("label", { type: op.type.string(50), existingType: op.type.string(20) });`,
      `    batch.dropColumn("note");`,
      `  });`,
    ].join("\n"),
    downgrade: [
      `  await op.batchAlterTable("\${P}_items", (batch) => {`,
      `    batch.addColumn(op.column("note", op.type.text()));`,
      `    batch.alterColumn("label", { type: op.type.string(20), existingType: op.type.string(50) });`,
      `  });`,
    ].join("\n"),
  },
];

describe("sqlite batch copy of a table views read", () => {
  it("online: the views read the copy after the upgrade and after the downgrade", async () => {
    const p = createProject("sqlite", revisions);
    projects.push(p);
    const config = p.config();
    await command.upgrade(config, "head");
    const db = await p.db();
    const read = async (): Promise<unknown[]> => (await db.execute(`SELECT label FROM "${p.prefix}_first"`)).rows.map((r) => r["label"]);
    expect(await read()).toEqual(["one"]);
    expect(await p.columns(`${p.prefix}_items`)).toEqual(["id", "label"]);
    await command.downgrade(config, "bv0001");
    expect(await read()).toEqual(["one"]);
    await command.downgrade(config, "base");
  });

  it("a copy that leaves a view unable to read the table is refused aloud and undone", async () => {
    const p = createProject("sqlite", [
      revisions[0]!,
      { id: "bv0002", down: "bv0001", upgrade: `  await op.batchAlterTable("\${P}_items", (batch) => {\n    batch.dropColumn("label");\n  });` },
    ]);
    projects.push(p);
    const config = p.config();
    await command.upgrade(config, "bv0001");
    await expect(command.upgrade(config, "head")).rejects.toThrow(`the view "${p.prefix}_labels" cannot read the new table`);
    expect(await p.columns(`${p.prefix}_items`)).toEqual(["id", "label", "note"]);
    expect(await p.versionRows()).toEqual(["bv0001"]);
  });

  it("offline: the script runs through sqlite3 and stores what the online run stores", async () => {
    await expectOfflineTwin("sqlite", await withCopyFromAsOnline("sqlite", revisions));
  });
});
