// A PostgreSQL table recreated by batch mode (move and copy) keeps its
// row-level security flags, its policies and every row; the downgrade
// recreates it again the same way.
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../../src/command/index.js";
import { createProject, type Project } from "../../runtime/project.js";
import { liveDialects } from "../../support/servers.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

describe.runIf(liveDialects().includes("postgresql"))("batch recreate on postgresql", () => {
  it("carries row-level security, forced, and the policies across the copy", async () => {
    const p = createProject("postgresql", [
      {
        id: "rb0001",
        upgrade: `
  await op.createTable("\${P}_docs", [op.column("id", op.type.integer(), { primaryKey: true }), op.column("owner", op.type.text())]);
  await op.enableRowLevelSecurity("\${P}_docs", { force: true });
  await op.createPolicy("docs_read", "\${P}_docs", { for: "select", using: "owner = current_user" });
  await op.execute("INSERT INTO \\"\${P}_docs\\" (id, owner) VALUES (1, 'a'), (2, 'b')");`,
        downgrade: `  await op.dropTable("\${P}_docs");`,
      },
      {
        id: "rb0002",
        down: "rb0001",
        upgrade: `  await op.batchAlterTable("\${P}_docs", (batch) => { batch.addColumn(op.column("note", op.type.text())); }, { recreate: "always" });`,
        downgrade: `  await op.batchAlterTable("\${P}_docs", (batch) => { batch.dropColumn("note"); }, { recreate: "always" });`,
      },
    ]);
    projects.push(p);
    const config = p.config();
    const state = async (): Promise<unknown> => {
      const db = await p.db();
      const { rows } = await db.execute(
        `SELECT c.relrowsecurity AS enabled, c.relforcerowsecurity AS force,
           (SELECT json_agg(polname) FROM pg_policy WHERE polrelid = c.oid) AS policies,
           (SELECT count(*)::int FROM "${p.prefix}_docs") AS count
         FROM pg_class c WHERE c.relname = $1 AND c.relnamespace = current_schema()::regnamespace`,
        [`${p.prefix}_docs`],
      );
      return rows[0];
    };
    await command.upgrade(config, "rb0001");
    const before = await state();
    expect(before).toEqual({ enabled: true, force: true, policies: ["docs_read"], count: 2 });
    await command.upgrade(config, "rb0002");
    expect(await state()).toEqual(before);
    const db = await p.db();
    const model = await db.dialect.reflect(db, { tables: [`${p.prefix}_docs`] });
    expect(model.tables[0]!.columns.map((c) => c.name)).toEqual(["id", "owner", "note"]);
    await command.downgrade(config, "rb0001");
    expect(await state()).toEqual(before);
  });
});
