// Naming conventions on live databases: env.ts's targetMetadata names what
// operations create, and batch mode names unnamed reflected constraints (SQLite)
// so a migration can drop them by name.
import { afterEach, describe, expect, it } from "vitest";
import * as command from "../../src/command/index.js";
import type { Table } from "../../src/schema/model.js";
import { liveDialects } from "../support/servers.js";
import { createProject } from "../runtime/project.js";
import type { Project } from "../runtime/project.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

const ready = liveDialects();

const CONVENTION = {
  ix: "ix_%(column_0_label)s",
  uq: "uq_%(table_name)s_%(column_0_name)s",
  fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
  pk: "pk_%(table_name)s",
};

async function reflect(p: Project, name: string): Promise<Table> {
  const db = await p.db();
  const found = (await db.dialect.reflect(db, { tables: [name] })).tables.find((t) => t.name === name);
  expect(found).toBeDefined();
  return found!;
}

describe.each(ready)("naming conventions on %s", (dialect) => {
  it("env.ts targetMetadata's convention names the keys, uniques and indexes operations create", async () => {
    const p = createProject(dialect, [
      {
        id: "nc0001",
        upgrade: `
  await op.createTable("\${P}_a", [op.column("id", op.type.integer(), { primaryKey: true }), op.column("code", op.type.string(20))]);
  await op.createTable("\${P}_b", [
    op.column("id", op.type.integer(), { primaryKey: true }),
    op.column("a_id", op.type.integer(), { references: "\${P}_a.id" }),
  ]);
  await op.createIndex(null, "\${P}_b", ["a_id"]);
  ${dialect === "sqlite"
    ? `await op.batchAlterTable("\${P}_a", (batch) => batch.createUniqueConstraint(null, ["code"]));`
    : `await op.createUniqueConstraint(null, "\${P}_a", ["code"]);`}`,
        downgrade: `  await op.dropTable("\${P}_b");\n  await op.dropTable("\${P}_a");`,
      },
    ]);
    projects.push(p);
    p.writeEnv(`export default { targetMetadata: { namingConvention: ${JSON.stringify(CONVENTION)} } };`);
    await command.upgrade(p.config(), "head");
    const a = await reflect(p, `${p.prefix}_a`);
    const b = await reflect(p, `${p.prefix}_b`);
    expect(b.foreignKeys.map((fk) => fk.name)).toEqual([`fk_${p.prefix}_b_a_id_${p.prefix}_a`]);
    expect([...b.indexes, ...b.uniques].map((i) => i.name)).toContain(`ix_${p.prefix}_b_a_id`);
    expect([...a.uniques, ...a.indexes].map((u) => u.name)).toContain(`uq_${p.prefix}_a_code`);
    if (dialect === "postgresql") expect(a.primaryKey?.name).toBe(`pk_${p.prefix}_a`);
    await command.downgrade(p.config(), "base");
  });
});

describe.each(ready.filter((d) => d === "sqlite"))("batch naming on %s", (dialect) => {
  it("names unnamed reflected constraints by the convention so they can be dropped; rows stay", async () => {
    const p = createProject(dialect, [
      {
        id: "nd0001",
        upgrade: `
  await op.execute("CREATE TABLE \${P}_a (id integer PRIMARY KEY)");
  await op.execute("CREATE TABLE \${P}_c (id integer PRIMARY KEY, a_id integer REFERENCES \${P}_a (id), code text UNIQUE, CHECK (id > 0))");
  await op.execute("INSERT INTO \${P}_a VALUES (1)");
  await op.execute("INSERT INTO \${P}_c VALUES (5, 1, 'x')");`,
        downgrade: "",
      },
      {
        id: "nd0002",
        down: "nd0001",
        upgrade: `
  await op.batchAlterTable("\${P}_c", (batch) => {
    batch.dropConstraint("fk_\${P}_c_a_id_\${P}_a", { type: "foreignkey" });
    batch.dropConstraint("uq_\${P}_c_code", { type: "unique" });
  }, { namingConvention: ${JSON.stringify(CONVENTION)} });`,
        downgrade: "",
      },
    ]);
    projects.push(p);
    await command.upgrade(p.config(), "nd0001");
    const before = await reflect(p, `${p.prefix}_c`);
    expect(before.foreignKeys).toHaveLength(1);
    await command.upgrade(p.config(), "head");
    const after = await reflect(p, `${p.prefix}_c`);
    expect(after.foreignKeys).toEqual([]);
    expect(after.uniques).toEqual([]);
    const db = await p.db();
    expect((await db.execute(`SELECT id, a_id, code FROM "${p.prefix}_c"`)).rows.map((r) => ({ ...r }))).toEqual([{ id: 5, a_id: 1, code: "x" }]);
    // the unnamed check is kept through the copy
    expect(after.checks).toHaveLength(1);
    await expect(db.execute(`INSERT INTO "${p.prefix}_c" (id) VALUES (-1)`)).rejects.toThrow(/CHECK/);
    // without the convention the same drop says how to name them
    p.write({
      id: "nd0003",
      down: "nd0002",
      upgrade: `  await op.batchAlterTable("\${P}_a", (batch) => batch.dropConstraint("uq_whatever"));`,
      downgrade: "",
    });
    await expect(command.upgrade(p.config(), "head")).rejects.toThrow(/no constraint named "uq_whatever"/);
  });
});
