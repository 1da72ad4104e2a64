import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { metadata, posts, postTags, role, users } from "../../examples/schema/schema.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const exampleFile = readFileSync(`${root}examples/schema/schema.ts`, "utf8");

function readmeSection(): string {
  const readme = readFileSync(`${root}docs/reference.md`, "utf8");
  const start = readme.indexOf("## Declaring your schema");
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

describe("the reference's schema example", () => {
  test("the reference shows examples/schema/schema.ts, importing from the package", () => {
    const blocks = [...readmeSection().matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks[0]).toBe(exampleFile.replace('from "../../src/schema/index.js";', 'from "athanor";'));
  });

  test("every name it imports is exported by the package", () => {
    const imported = /import \{([^}]*)\} from/.exec(exampleFile)![1]!.split(",").map((s) => s.trim().split(/\s+as\s+/)[0]!);
    const indexSource = readFileSync(`${root}src/index.ts`, "utf8");
    const schemaExports = indexSource
      .split("\n")
      .filter((line) => line.startsWith("export {") && line.includes('"./schema/index.js"'))
      .flatMap((line) => /\{([^}]*)\}/.exec(line)![1]!.split(",").map((s) => s.trim()));
    for (const name of imported) expect(schemaExports).toContain(name);
  });

  test("its model: tables in dependency order, the enum, every column", () => {
    const model = metadata.toModel();
    expect(model.tables.map((t) => t.name)).toEqual(["users", "posts", "tags", "post_tags", "profiles"]);
    expect(model.enums).toStrictEqual([{ name: "user_role", values: ["admin", "editor", "reader"] }]);
    expect(role.kind).toBe("enum");
    expect(users.c.displayName.name).toBe("display_name");
    expect(posts.c.authorId.table).toBe(posts);
    expect(postTags.columnNames).toEqual(["post_id", "tag_id"]);

    const [u, p, tg, pt, pr] = model.tables;
    expect(u).toStrictEqual({
      name: "users",
      columns: [
        { name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true },
        { name: "email", type: { kind: "string", length: 255 }, nullable: false },
        { name: "display_name", type: { kind: "string", length: 100 }, nullable: true },
        { name: "role", type: { kind: "enum", name: "user_role", values: ["admin", "editor", "reader"] }, nullable: false, serverDefault: { kind: "literal", value: "reader" } },
        { name: "active", type: { kind: "boolean" }, nullable: false, serverDefault: { kind: "literal", value: true } },
        { name: "created_at", type: { kind: "timestamp", withTimezone: true }, nullable: false, serverDefault: { kind: "sql", sql: "CURRENT_TIMESTAMP" } },
      ],
      primaryKey: { name: "pk_users", columns: ["id"] },
      foreignKeys: [],
      uniques: [],
      checks: [],
      indexes: [{ name: "ix_users_lower_email", columns: [{ expression: "lower(email)" }], unique: true }],
      comment: "people who can sign in",
      dialectOptions: { mysql: { engine: "InnoDB", charset: "utf8mb4" } },
    });

    expect(p!.columns[0]).toStrictEqual({ name: "id", type: { kind: "bigint" }, nullable: false, identity: { always: false } });
    expect(p!.columns.find((c) => c.name === "price")).toStrictEqual({
      name: "price", type: { kind: "numeric", precision: 10, scale: 2 }, nullable: false, serverDefault: { kind: "literal", value: 0 },
    });
    expect(p!.foreignKeys).toStrictEqual([
      { name: "fk_posts_author_id_users", columns: ["author_id"], refTable: "users", refColumns: ["id"], onDelete: "cascade" },
    ]);
    expect(p!.uniques).toStrictEqual([{ name: "uq_posts_author_id_slug", columns: ["author_id", "slug"] }]);
    expect(p!.checks).toStrictEqual([{ name: "ck_posts_price_not_negative", sql: "price >= 0" }]);
    expect(p!.indexes).toStrictEqual([
      { name: "ix_posts_author_id", columns: ["author_id"], unique: false },
      { name: "ix_posts_published", columns: ["published_at"], unique: false, where: "published_at IS NOT NULL" },
    ]);

    expect(tg!.uniques).toStrictEqual([{ name: "uq_tags_name", columns: ["name"] }]);

    expect(pt!.primaryKey).toStrictEqual({ name: "pk_post_tags", columns: ["post_id", "tag_id"] });
    expect(pt!.columns.map((c) => c.nullable)).toEqual([false, false]);
    expect(pt!.foreignKeys.map((fk) => [fk.name, fk.refTable, fk.onDelete])).toEqual([
      ["fk_post_tags_post_id_posts", "posts", "cascade"],
      ["fk_post_tags_tag_id_tags", "tags", "cascade"],
    ]);

    expect(pr!.primaryKey).toStrictEqual({ name: "pk_profiles", columns: ["user_id"] });
    expect(pr!.foreignKeys).toStrictEqual([{ name: "fk_profiles_user_id_users", columns: ["user_id"], refTable: "users", refColumns: ["id"] }]);
    expect(pr!.columns.slice(1)).toStrictEqual([
      { name: "bio", type: { kind: "text" }, nullable: true, comment: "shown on the profile page" },
      { name: "settings", type: { kind: "json" }, nullable: false, serverDefault: { kind: "sql", sql: "('{}')" } },
      { name: "website", type: { kind: "string", length: 200 }, nullable: true },
    ]);
  });
});
