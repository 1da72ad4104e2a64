import { afterEach, describe, expect, test } from "vitest";
import * as command from "../../../src/command/index.js";
import { createProject, type Project } from "../../runtime/project.js";
import { postgresqlAvailable } from "./live.js";

const projects: Project[] = [];
afterEach(async () => {
  while (projects.length > 0) await projects.pop()!.cleanup();
});

describe.skipIf(!postgresqlAvailable)("PostgreSQL: schema operations through op in revision files", () => {
  test("upgrade builds the schema the catalog then shows; downgrade removes every trace", async () => {
    const p = createProject("postgresql", [
      {
        id: "pg0001",
        doc: "schema",
        upgrade: [
          `  await op.createEnum("\${P} mood", ["ok", "it's"]);`,
          `  const users = await op.createTable("\${P} users", [`,
          `    op.column("id", op.type.integer(), { primaryKey: true, autoincrement: true }),`,
          `    op.column("e-mail", op.type.string(200), { nullable: false, comment: "login" }),`,
          `    op.column("mood", op.type.enumType("\${P} mood", ["ok", "it's"]), { default: "ok" }),`,
          `    op.column("tags", op.type.array(op.type.text())),`,
          `  ], { comment: "people" });`,
          `  await op.createTable("\${P} posts", [`,
          `    op.column("id", op.type.bigint(), { primaryKey: true, identity: { always: true } }),`,
          `    op.column("user_id", op.type.integer()),`,
          `    op.column("title", op.type.text(), { nullable: false, default: "untitled" }),`,
          `  ]);`,
          `  await op.createForeignKey("\${P}_posts_user_fk", "\${P} posts", "\${P} users", ["user_id"], ["id"], { onDelete: "cascade" });`,
          `  await op.createIndex("\${P}_posts_title_ix", "\${P} posts", [{ expression: "lower(title)" }], { where: "user_id IS NOT NULL" });`,
          `  await op.createCheckConstraint("\${P}_title_ck", "\${P} posts", "length(title) > 0");`,
          `  await op.addColumn("\${P} posts", op.column("score", op.type.numeric(8, 2), { default: 0 }));`,
          `  await op.alterColumn("\${P} posts", "score", { nullable: false, existingNullable: true });`,
          `  await op.bulkInsert(users, [{ "e-mail": "a@example.com", tags: ["x", "it's"] }]);`,
          `  await op.addEnumValue("\${P} mood", "sad", { after: "ok" });`,
        ].join("\n"),
        downgrade: [
          `  await op.dropTable("\${P} posts");`,
          `  await op.dropTable("\${P} users");`,
          `  await op.dropEnum("\${P} mood");`,
        ].join("\n"),
      },
    ]);
    projects.push(p);
    const offline = (await command.upgrade(p.config(), "head", { sql: true })).sql!;
    for (const statement of [
      `CREATE TYPE "${p.prefix} mood" AS ENUM ('ok', 'it''s');`,
      `  "id" serial NOT NULL,`,
      `  "mood" "${p.prefix} mood" DEFAULT 'ok',`,
      `COMMENT ON TABLE "${p.prefix} users" IS 'people';`,
      `  "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,`,
      `CREATE INDEX "${p.prefix}_posts_title_ix" ON "${p.prefix} posts" ((lower(title))) WHERE user_id IS NOT NULL;`,
      `ALTER TABLE "${p.prefix} posts" ALTER COLUMN "score" SET NOT NULL;`,
      `INSERT INTO "${p.prefix} users" ("e-mail", "tags") VALUES\n('a@example.com', ARRAY['x', 'it''s']::text[]);`,
      `ALTER TYPE "${p.prefix} mood" ADD VALUE 'sad' AFTER 'ok';`,
    ]) {
      expect(offline).toContain(statement);
    }
    expect(await p.versionRows()).toBeNull();

    await command.upgrade(p.config(), "head");

    const db = await p.db();
    const model = await db.dialect.reflect(db, { tables: [`${p.prefix} users`, `${p.prefix} posts`] });
    const [posts, users] = model.tables;
    expect(users?.name).toBe(`${p.prefix} users`);
    expect(users?.comment).toBe("people");
    expect(users?.columns).toEqual([
      { name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true },
      { name: "e-mail", type: { kind: "string", length: 200 }, nullable: false, comment: "login" },
      {
        name: "mood",
        type: { kind: "enum", name: `${p.prefix} mood`, values: ["ok", "sad", "it's"] },
        nullable: true,
        serverDefault: { kind: "sql", sql: `'ok'::"${p.prefix} mood"` },
      },
      { name: "tags", type: { kind: "array", of: { kind: "text" } }, nullable: true },
    ]);
    expect(posts?.columns.map((c) => [c.name, c.nullable, c.identity ?? c.serverDefault])).toEqual([
      ["id", false, { always: true }],
      ["user_id", true, undefined],
      ["title", false, { kind: "sql", sql: "'untitled'::text" }],
      ["score", false, { kind: "sql", sql: "0" }],
    ]);
    expect(posts?.foreignKeys).toEqual([
      { name: `${p.prefix}_posts_user_fk`, columns: ["user_id"], refTable: `${p.prefix} users`, refColumns: ["id"], onDelete: "cascade" },
    ]);
    expect(posts?.indexes).toEqual([{ name: `${p.prefix}_posts_title_ix`, columns: [{ expression: "lower(title)" }], unique: false, where: "user_id IS NOT NULL" }]);
    expect(posts?.checks).toEqual([{ name: `${p.prefix}_title_ck`, sql: "length(title) > 0" }]);
    const rows = await db.execute(`SELECT id, "e-mail", mood, tags FROM ${db.dialect.quoteIdentifier(`${p.prefix} users`)}`);
    expect(rows.rows).toEqual([{ id: 1, "e-mail": "a@example.com", mood: "ok", tags: ["x", "it's"] }]);

    await command.downgrade(p.config(), "base");
    const after = await db.dialect.reflect(db, { tables: [`${p.prefix} users`, `${p.prefix} posts`] });
    expect(after.tables).toEqual([]);
    expect(after.enums.filter((e) => e.name.startsWith(p.prefix))).toEqual([]);
  });
});
