import { describe, expect, test } from "vitest";
import { AthanorError } from "../../src/util/errors.js";
import {
  ColumnRef, DeclaredTable, MetaData, buildTable, check, column, expr, foreignKey, index, primaryKey, unique, uniqueIndex, type as t,
} from "../../src/schema/index.js";

describe("declared tables", () => {
  test("columns are addressable by property, with their database names", () => {
    const md = new MetaData();
    const users = md.table("users", { id: column.integer().primaryKey(), fullName: column.text().columnName("full_name") });
    expect(users).toBeInstanceOf(DeclaredTable);
    expect(users.c.fullName).toBeInstanceOf(ColumnRef);
    expect(users.c.fullName.name).toBe("full_name");
    expect(users.c.fullName.key).toBe("fullName");
    expect(users.c.fullName.table).toBe(users);
    expect(users.columns.id).toBe(users.c.id);
    expect(users.columnNames).toEqual(["id", "full_name"]);
    expect(String(users.c.id)).toBe("users.id");
    expect(md.getTable("users")).toBe(users);
    expect(md.tables).toEqual([users]);
  });

  test("table-level indexes: columns, expressions, partial, unique, method, include", () => {
    const model = new MetaData().table("docs", {
      id: column.integer().primaryKey(),
      title: column.text().notNull(),
      body: column.jsonb(),
      deletedAt: column.timestamp().columnName("deleted_at"),
    }, (c) => [
      index("ix_docs_title_live").on(c.title).where(expr`${c.deletedAt} IS NULL`),
      uniqueIndex("ix_docs_lower_title").on(expr`lower(${c.title})`),
      index("ix_docs_body").using("gin").on(c.body),
      index("ix_docs_title_inc").on("title").include(c.id, "deleted_at"),
      index("ix_docs_mixed").on(c.title, expr`(body->>'k')`),
    ]).toModel();
    expect(model.indexes).toStrictEqual([
      { name: "ix_docs_title_live", columns: ["title"], unique: false, where: "deleted_at IS NULL" },
      { name: "ix_docs_lower_title", columns: [{ expression: "lower(title)" }], unique: true },
      { name: "ix_docs_body", columns: ["body"], unique: false, using: "gin" },
      { name: "ix_docs_title_inc", columns: ["title"], unique: false, include: ["id", "deleted_at"] },
      { name: "ix_docs_mixed", columns: ["title", { expression: "(body->>'k')" }], unique: false },
    ]);
  });

  test("unique, check, foreign key and primary key constraints with every option", () => {
    const md = new MetaData();
    const members = md.table("members", { orgId: column.integer().columnName("org_id"), userId: column.integer().columnName("user_id") },
      (c) => [primaryKey({ name: "members_pk", columns: [c.orgId, c.userId] })]);
    const model = md.table("grants", {
      id: column.integer().primaryKey({ name: "grants_pk" }),
      orgId: column.integer().columnName("org_id").notNull(),
      userId: column.integer().columnName("user_id").notNull(),
      level: column.smallint(),
    }, (c) => [
      unique("uq_grant").on(c.orgId, c.userId).deferrable("deferred"),
      unique().on(c.level).deferrable(),
      check("level_range", "level BETWEEN 0 AND 9"),
      foreignKey({
        name: "fk_grant_member", columns: [c.orgId, c.userId], foreignColumns: () => [members.c.orgId, members.c.userId],
        onDelete: "cascade", onUpdate: "no action", deferrable: true, initially: "immediate", match: "full",
      }),
    ]).toModel();
    expect(model.primaryKey).toStrictEqual({ name: "grants_pk", columns: ["id"] });
    expect(model.uniques).toStrictEqual([
      { name: "uq_grant", columns: ["org_id", "user_id"], deferrable: true, initially: "deferred" },
      { columns: ["level"], deferrable: true },
    ]);
    expect(model.checks).toStrictEqual([{ name: "level_range", sql: "level BETWEEN 0 AND 9" }]);
    expect(model.foreignKeys).toStrictEqual([{
      name: "fk_grant_member", columns: ["org_id", "user_id"], refTable: "members", refColumns: ["org_id", "user_id"],
      onDelete: "cascade", onUpdate: "no action", deferrable: true, initially: "immediate", match: "full",
    }]);
    expect(md.getTable("members")!.toModel().primaryKey).toStrictEqual({ name: "members_pk", columns: ["org_id", "user_id"] });
  });

  test("primary key columns become NOT NULL; column-level keys form one composite key", () => {
    const viaTable = buildTable("pt", { a: column.integer(), b: column.text() }, (c) => [primaryKey({ columns: [c.a, c.b] })]);
    expect(viaTable.columns.map((x) => x.nullable)).toEqual([false, false]);
    const viaColumns = buildTable("pt", { a: column.integer().primaryKey(), b: column.text().primaryKey(), c: column.text() });
    expect(viaColumns.primaryKey).toStrictEqual({ columns: ["a", "b"] });
    expect(viaColumns.columns.map((x) => x.nullable)).toEqual([false, false, true]);
  });

  test("table options: schema, comment, MySQL engine and charset", () => {
    const model = new MetaData().table("logs", { id: column.bigint().primaryKey().autoincrement() },
      { schema: "audit", comment: "append only", mysql: { engine: "InnoDB", charset: "utf8mb4", collate: "utf8mb4_bin" } }).toModel();
    expect(model).toStrictEqual({
      name: "logs", schema: "audit", comment: "append only",
      columns: [{ name: "id", type: { kind: "bigint" }, nullable: false, autoincrement: true }],
      primaryKey: { columns: ["id"] }, foreignKeys: [], uniques: [], checks: [], indexes: [],
      dialectOptions: { mysql: { engine: "InnoDB", charset: "utf8mb4", collate: "utf8mb4_bin" } },
    });
    const withCallback = new MetaData().table("l2", { id: column.integer() }, () => [], { comment: "c" }).toModel();
    expect(withCallback.comment).toBe("c");
    // no indexes, options fourth: the options still count
    const withoutCallback = new MetaData().table("l3", { id: column.integer() }, undefined, { comment: "d", schema: "audit" }).toModel();
    expect([withoutCallback.comment, withoutCallback.schema]).toEqual(["d", "audit"]);
    // options given twice is refused rather than one of them dropped
    expect(() => new MetaData().table("l4", { id: column.integer() }, { comment: "e" }, { comment: "f" })).toThrow(
      'The table "l4" is given options twice (third and fourth argument)',
    );
  });

  test("MetaData schema applies to tables and string references", () => {
    const md = new MetaData({ schema: "app" });
    md.table("users", { id: column.integer().primaryKey() });
    const posts = md.table("posts", { id: column.integer().primaryKey(), userId: column.integer().references("users.id") });
    const model = posts.toModel();
    expect(model.schema).toBe("app");
    expect(model.foreignKeys[0]).toMatchObject({ refTable: "users", refSchema: "app", refColumns: ["id"] });
    expect(md.getTable("users", "app")).toBeDefined();
  });

  test("self references and references to other schemas", () => {
    const md = new MetaData();
    const auth = md.table("accounts", { id: column.uuid().primaryKey() }, { schema: "auth" });
    const nodes = md.table("nodes", {
      id: column.integer().primaryKey(),
      parentId: column.integer().columnName("parent_id").references((): ColumnRef => nodes.c.id, { onDelete: "set null" }),
      ownerId: column.uuid().columnName("owner_id").references(() => auth.c.id),
      sibling: column.integer().references("nodes.id"),
      viaString: column.uuid().columnName("via_string").references("auth.accounts.id"),
    });
    expect(nodes.toModel().foreignKeys).toStrictEqual([
      { columns: ["parent_id"], refTable: "nodes", refColumns: ["id"], onDelete: "set null" },
      { columns: ["owner_id"], refTable: "accounts", refSchema: "auth", refColumns: ["id"] },
      { columns: ["sibling"], refTable: "nodes", refColumns: ["id"] },
      { columns: ["via_string"], refTable: "accounts", refSchema: "auth", refColumns: ["id"] },
    ]);
  });

  test("a table referencing itself through its own columns in the callback", () => {
    const model = new MetaData().table("employees", {
      id: column.integer().primaryKey(),
      managerId: column.integer().columnName("manager_id"),
    }, (c) => [foreignKey({ columns: [c.managerId], foreignColumns: [c.id], onDelete: "set null" })]).toModel();
    expect(model.foreignKeys).toStrictEqual([{ columns: ["manager_id"], refTable: "employees", refColumns: ["id"], onDelete: "set null" }]);
  });

  test("buildTable from a list of named columns and elements (the op.createTable form)", () => {
    const model = buildTable("users", [
      column("id", t.integer(), { primaryKey: true, autoincrement: true }),
      column("email", t.string(255), { nullable: false }),
      column("org_id", t.integer(), { references: "orgs.id" }),
      uniqueIndex().on("email"),
      check(undefined, "email <> ''"),
    ], { comment: "people" });
    expect(model).toStrictEqual({
      name: "users",
      columns: [
        { name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true },
        { name: "email", type: { kind: "string", length: 255 }, nullable: false },
        { name: "org_id", type: { kind: "integer" }, nullable: true },
      ],
      primaryKey: { columns: ["id"] },
      foreignKeys: [{ columns: ["org_id"], refTable: "orgs", refColumns: ["id"] }],
      uniques: [],
      checks: [{ sql: "email <> ''" }],
      indexes: [{ name: "ix_users_email", columns: ["email"], unique: true }],
      comment: "people",
    });
  });
});

describe("table errors", () => {
  const md = (): MetaData => new MetaData();
  test.each([
    ["duplicate column", () => md().table("t", { a: column.integer(), b: column.text().columnName("a") }), /Table "t" declares the column "a" twice/],
    ["no columns", () => md().table("t", {}), /Table "t" has no columns/],
    ["not a builder", () => md().table("t", { a: t.integer() as never }), /"a" is not a column builder/],
    ["no table name", () => md().table("", { a: column.integer() }), /needs a name/],
    ["unknown column in index", () => md().table("t", { a: column.integer() }, () => [index("ix").on("b")]), /index "ix" names the column "b", which the table does not have/],
    ["unknown column in unique", () => md().table("t", { a: column.integer() }, () => [unique().on("zz")]), /unique\(\) names the column "zz"/],
    ["unknown column in primary key", () => md().table("t", { a: column.integer() }, () => [primaryKey({ columns: ["x"] })]), /primaryKey\(\) names the column "x"/],
    ["unknown column in foreign key", () => md().table("t", { a: column.integer() }, () => [foreignKey({ columns: ["x"], foreignColumns: ["u.id"] })]), /foreignKey\(\) names the column "x"/],
    ["unknown include column", () => md().table("t", { a: column.integer() }, (c) => [index("ix").on(c.a).include("q")]), /INCLUDE of index "ix" names the column "q"/],
    ["column of another table", () => {
      const m = md();
      const other = m.table("o", { x: column.integer() });
      m.table("t", { a: column.integer() }, () => [index("ix").on(other.c.x)]);
    }, /uses the column o.x of another table/],
    ["empty index", () => md().table("t", { a: column.integer() }, () => [index("ix")]), /an index lists no columns/],
    ["empty unique", () => md().table("t", { a: column.integer() }, () => [unique()]), /unique\(\) lists no columns/],
    ["on() without arguments", () => index("ix").on(), /needs at least one column/],
    ["two primaryKey()", () => md().table("t", { a: column.integer() }, (c) => [primaryKey({ columns: [c.a] }), primaryKey({ columns: [c.a] })]), /primaryKey\(\) more than once/],
    ["primary key twice", () => md().table("t", { a: column.integer().primaryKey() }, (c) => [primaryKey({ columns: [c.a] })]), /both on columns and with primaryKey\(\)/],
    ["nullable key column", () => md().table("t", { a: column.integer().nullable() }, (c) => [primaryKey({ columns: [c.a] })]), /"a" is in the primary key and cannot be nullable/],
    ["primary key lists a column twice", () => md().table("t", { a: column.integer() }, (c) => [primaryKey({ columns: [c.a, "a"] })]), /lists a column twice/],
    ["callback returns junk", () => md().table("t", { a: column.integer() }, () => [{ kind: "index" } as never]), /is not an index or constraint/],
    ["callback returns no array", () => md().table("t", { a: column.integer() }, (() => undefined) as never), /must return an array/],
    ["same name twice", () => md().table("t", { a: column.integer() }, (c) => [unique("dup").on(c.a), index("dup").on(c.a)]), /the name "dup" is given to two/],
    ["column error names the table", () => md().table("t", { a: column.text().autoincrement() }), /Table "t": Column "a": autoincrement needs an integer type/],
    ["empty foreignKey columns", () => foreignKey({ columns: [], foreignColumns: [] }), /at least one column/],
    ["foreignKey without targets", () => foreignKey({ columns: ["a"], foreignColumns: undefined as never }), /foreignColumns must list/],
    ["empty primaryKey", () => primaryKey({ columns: [] }), /at least one column/],
    ["empty check", () => check("c", ""), /pass the condition/],
  ])("%s", (_label, run, message) => {
    expect(run).toThrow(AthanorError);
    expect(run).toThrow(message);
  });

  test.each([
    ["unknown table", (m: MetaData) => m.table("t", { a: column.integer().references("nope.id") }), /references the table "nope", which this MetaData does not declare/],
    ["unknown column of a known table", (m: MetaData) => m.table("t", { a: column.integer().references("users.uid") }), /references the column "uid", which table "users" does not have/],
    ["unknown self column", (m: MetaData) => m.table("t", { a: column.integer().references("t.b") }), /references the column "b", which table "t" does not have/],
    ["count mismatch", (m: MetaData) => m.table("t", { a: column.integer() }, (c) => [foreignKey({ columns: [c.a], foreignColumns: ["users.id", "users.email"] })]), /has 1 column\(s\) but references 2/],
    ["two referenced tables", (m: MetaData) => m.table("t", { a: column.integer(), b: column.integer() }, (c) => [foreignKey({ columns: [c.a, c.b], foreignColumns: ["users.id", "t.a"] })]), /more than one table/],
    ["malformed string", (m: MetaData) => m.table("t", { a: column.integer().references("users") }), /"users" is not a column reference/],
    ["thunk that throws", (m: MetaData) => m.table("t", { a: column.integer().references(() => { throw new AthanorError("boom"); }) }), /Table "t": the reference of column "a": boom/],
  ])("references are checked when the model is made: %s", (_label, declare, message) => {
    const m = new MetaData();
    m.table("users", { id: column.integer().primaryKey(), email: column.text() });
    const table = declare(m);
    expect(() => table.toModel()).toThrow(message);
    expect(() => m.toModel()).toThrow(AthanorError);
  });

  test("references outside a MetaData are taken as written", () => {
    expect(buildTable("t", { a: column.integer().references("nope.id") }).foreignKeys).toStrictEqual([{ columns: ["a"], refTable: "nope", refColumns: ["id"] }]);
  });
});
