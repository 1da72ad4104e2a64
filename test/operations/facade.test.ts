import { describe, expect, it } from "vitest";
import { MetaData } from "../../src/schema/index.js";
import { AthanorError } from "../../src/util/errors.js";
import { captureOp, plain } from "./capture.js";

const conventions = new MetaData({
  namingConvention: {
    ix: "ix_%(column_0_label)s",
    uq: "uq_%(table_name)s_%(column_0_name)s",
    ck: "ck_%(table_name)s_%(constraint_name)s",
    fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    pk: "pk_%(table_name)s",
  },
});

describe("op facade → operation data", () => {
  it("createTable from a list of named columns and table elements, returning the table", async () => {
    const { op, operations } = captureOp();
    const table = await op.createTable(
      "posts",
      [
        op.column("id", op.type.integer(), { primaryKey: true, autoincrement: true }),
        op.column("author_id", op.type.integer(), { nullable: false, references: { column: "users.id", onDelete: "cascade" } }),
        op.column("title", op.type.string(200), { nullable: false, default: "untitled" }),
        op.uniqueIndex("ix_posts_title").on("title"),
        op.check("ck_title", "length(title) > 0"),
      ],
      { comment: "blog posts", ifNotExists: true },
    );
    expect(operations).toHaveLength(1);
    const created = plain(operations[0]) as Record<string, any>;
    expect(created.kind).toBe("createTable");
    expect(created.ifNotExists).toBe(true);
    expect(created.table).toEqual(plain(table));
    expect(table.name).toBe("posts");
    expect(table.comment).toBe("blog posts");
    expect(table.columns.map((c) => [c.name, c.type.kind, c.nullable])).toEqual([
      ["id", "integer", false],
      ["author_id", "integer", false],
      ["title", "string", false],
    ]);
    expect(table.columns[2]!.serverDefault).toEqual({ kind: "literal", value: "untitled" });
    expect(table.primaryKey?.columns).toEqual(["id"]);
    expect(table.foreignKeys).toEqual([{ columns: ["author_id"], refTable: "users", refColumns: ["id"], onDelete: "cascade" }]);
    expect(table.indexes).toEqual([{ name: "ix_posts_title", columns: ["title"], unique: true }]);
    expect(table.checks).toEqual([{ name: "ck_title", sql: "length(title) > 0" }]);
  });

  it("createTable from an object of builders, with the targetMetadata naming convention", async () => {
    const { op, operations } = captureOp({ targetMetadata: conventions });
    const table = await op.createTable("tags", {
      id: op.column.integer().primaryKey(),
      label: op.column.string(50).notNull().unique(),
      parent_id: op.column.integer().references("tags.id"),
    });
    expect(operations).toHaveLength(1);
    expect(table.columns.map((c) => c.name)).toEqual(["id", "label", "parent_id"]);
    expect(table.primaryKey).toEqual({ name: "pk_tags", columns: ["id"] });
    expect(table.uniques).toEqual([{ name: "uq_tags_label", columns: ["label"] }]);
    expect(table.foreignKeys[0]!.name).toBe("fk_tags_parent_id_tags");
  });

  it("createTable and addColumn create the enum types their columns use when missing", async () => {
    const { op, operations } = captureOp({ dialect: "postgresql" });
    const mood = op.type.enumType("mood", ["sad", "happy"]);
    await op.createTable("people", [op.column("id", op.type.integer(), { primaryKey: true }), op.column("m", mood), op.column("ms", op.type.array(mood))]);
    await op.addColumn("people", op.column("color", op.type.enumType("color", ["red"], { schema: "app" })));
    expect(plain(operations.map((o) => (o.kind === "createEnum" ? o : o.kind)))).toEqual([
      { kind: "createEnum", enum: { name: "mood", values: ["sad", "happy"] }, ifNotExists: true },
      "createTable",
      { kind: "createEnum", enum: { name: "color", values: ["red"], schema: "app" }, ifNotExists: true },
      "addColumn",
    ]);
  });

  it("dropTable, renameTable and dropColumn carry their options", async () => {
    const { op, operations } = captureOp();
    await op.dropTable("users", { schema: "app", ifExists: true });
    await op.renameTable("user", "users", { schema: "app" });
    await op.dropColumn("users", "age", { ifExists: true });
    expect(plain(operations)).toEqual([
      { kind: "dropTable", name: "users", schema: "app", ifExists: true },
      { kind: "renameTable", name: "user", newName: "users", schema: "app" },
      { kind: "dropColumn", table: "users", name: "age", ifExists: true },
    ]);
  });

  it("addColumn adds the column, then its unique constraint, index and foreign key, named by the convention", async () => {
    const { op, operations } = captureOp({ targetMetadata: conventions });
    await op.addColumn("posts", op.column("editor_id", op.type.integer(), { references: "users.id", unique: true }), { schema: "app" });
    await op.addColumn("posts", op.column("slug", op.type.text(), { index: true }));
    expect(operations.map((o) => o.kind)).toEqual(["addColumn", "addConstraint", "addConstraint", "addColumn", "createIndex"]);
    expect(plain(operations[0])).toEqual({ kind: "addColumn", table: "posts", schema: "app", column: { name: "editor_id", type: { kind: "integer" }, nullable: true } });
    expect(plain(operations[1])).toMatchObject({ schema: "app", constraint: { type: "unique", name: "uq_posts_editor_id", columns: ["editor_id"] } });
    expect(plain(operations[2])).toMatchObject({ schema: "app", constraint: { type: "foreignkey", name: "fk_posts_editor_id_users", refTable: "users", refColumns: ["id"] } });
    expect(plain(operations[4])).toMatchObject({ index: { name: "ix_posts_slug", columns: ["slug"], unique: false } });
  });

  it("alterColumn maps every option to changes and existing", async () => {
    const { op, operations } = captureOp();
    await op.alterColumn("users", "age", {
      nullable: false,
      type: op.type.bigint(),
      using: "age::bigint",
      serverDefault: 0,
      newName: "years",
      comment: null,
      autoincrement: false,
      existingType: op.type.integer(),
      existingNullable: true,
      existingServerDefault: null,
      existingComment: "age in years",
      existingAutoincrement: false,
      schema: "app",
    });
    expect(plain(operations[0])).toEqual({
      kind: "alterColumn",
      table: "users",
      schema: "app",
      name: "age",
      changes: { nullable: false, type: { kind: "bigint" }, using: "age::bigint", serverDefault: { kind: "literal", value: 0 }, newName: "years", comment: null, autoincrement: false },
      existing: { type: { kind: "integer" }, nullable: true, serverDefault: null, comment: "age in years", autoincrement: false },
    });
    await op.alterColumn("users", "created", { serverDefault: op.expr("CURRENT_TIMESTAMP") });
    expect(plain(operations[1])).toMatchObject({ changes: { serverDefault: { kind: "sql", sql: "CURRENT_TIMESTAMP" } } });
    expect(() => op.alterColumn("users", "age", { existingNullable: true })).toThrow(/nothing to change/);
    expect(() => op.alterColumn("users", "age", { using: "x" })).toThrow(/using needs type/);
  });

  it("createIndex and dropIndex: names, expressions, PostgreSQL options", async () => {
    const { op, operations } = captureOp();
    await op.createIndex("ix_users_email", "users", ["email"], { unique: true, where: "deleted_at IS NULL", using: "btree", include: ["name"], ifNotExists: true, concurrently: true, schema: "app" });
    await op.createIndex(null, "users", [op.expr("lower(email)"), { expression: "upper(name)" }]);
    await op.dropIndex("ix_users_email", { table: "users", ifExists: true, concurrently: true, schema: "app" });
    expect(plain(operations)).toEqual([
      {
        kind: "createIndex",
        table: "users",
        schema: "app",
        index: { name: "ix_users_email", columns: ["email"], unique: true, where: "deleted_at IS NULL", using: "btree", include: ["name"] },
        ifNotExists: true,
        concurrently: true,
      },
      { kind: "createIndex", table: "users", index: { name: "ix_users_lower_email", columns: [{ expression: "lower(email)" }, { expression: "upper(name)" }], unique: false } },
      { kind: "dropIndex", name: "ix_users_email", table: "users", ifExists: true, concurrently: true, schema: "app" },
    ]);
  });

  it("constraints: explicit names, op.f names, convention names, and an error when none applies", async () => {
    const { op, operations } = captureOp({ targetMetadata: conventions });
    await op.createUniqueConstraint(null, "users", ["email"], { deferrable: true, initially: "deferred" });
    await op.createForeignKey(null, "posts", "users", ["author_id"], ["id"], { onDelete: "set null", onUpdate: "cascade", match: "full", sourceSchema: "app", referentSchema: "auth" });
    await op.createCheckConstraint("positive", "accounts", "balance >= 0");
    await op.createCheckConstraint(op.f("ck_final"), "accounts", "balance < 100");
    await op.createPrimaryKey(null, "tags", ["id"]);
    await op.dropConstraint("uq_users_email", "users", { type: "unique", ifExists: true });
    expect(plain(operations)).toEqual([
      { kind: "addConstraint", table: "users", constraint: { type: "unique", name: "uq_users_email", columns: ["email"], deferrable: true, initially: "deferred" } },
      {
        kind: "addConstraint",
        table: "posts",
        schema: "app",
        constraint: { type: "foreignkey", name: "fk_posts_author_id_users", columns: ["author_id"], refTable: "users", refSchema: "auth", refColumns: ["id"], onDelete: "set null", onUpdate: "cascade", match: "full" },
      },
      { kind: "addConstraint", table: "accounts", constraint: { type: "check", name: "ck_accounts_positive", sql: "balance >= 0" } },
      { kind: "addConstraint", table: "accounts", constraint: { type: "check", name: "ck_final", sql: "balance < 100" } },
      { kind: "addConstraint", table: "tags", constraint: { type: "primary", name: "pk_tags", columns: ["id"] } },
      { kind: "dropConstraint", table: "users", name: "uq_users_email", type: "unique", ifExists: true },
    ]);
    // without a convention: keys get a name a later migration can drop them by; a check must be named
    const bare = captureOp();
    await bare.op.createUniqueConstraint(null, "users", ["org_id", "email"]);
    await bare.op.createForeignKey(null, "posts", "users", ["author_id"], ["id"]);
    await bare.op.createPrimaryKey(null, "tags", ["id"]);
    expect(bare.operations.map((o) => (o as { constraint: { name: string } }).constraint.name)).toEqual(["uq_users_org_id_email", "fk_posts_author_id_users", "pk_tags"]);
    expect(() => bare.op.createCheckConstraint(null, "users", "a > 0")).toThrow(AthanorError);
    expect(() => bare.op.createCheckConstraint(null, "users", "a > 0")).toThrow(/check constraint on "users" needs a name/);
  });

  it("table comments, enums, and invoke()", async () => {
    const { op, operations, executed } = captureOp({ dialect: "postgresql" });
    await op.createTableComment("users", "people", { existingComment: null });
    await op.dropTableComment("users", { existingComment: "people" });
    await op.createEnum("mood", ["sad", "happy"], { schema: "app" });
    await op.createEnum(op.type.enumType("color", ["red"]), undefined, { ifNotExists: true });
    await op.dropEnum("mood", { ifExists: true });
    await op.addEnumValue("mood", "meh", { after: "sad", ifNotExists: true });
    await op.renameEnumValue("mood", "happy", "glad");
    await op.invoke({ kind: "renameTable", name: "a", newName: "b" });
    expect(plain(operations)).toEqual([
      { kind: "tableComment", table: "users", comment: "people", existingComment: null },
      { kind: "tableComment", table: "users", comment: null, existingComment: "people" },
      { kind: "createEnum", enum: { name: "mood", values: ["sad", "happy"], schema: "app" } },
      { kind: "createEnum", enum: { name: "color", values: ["red"] }, ifNotExists: true },
      { kind: "dropEnum", name: "mood", ifExists: true },
      { kind: "addEnumValue", name: "mood", value: "meh", after: "sad", ifNotExists: true },
      { kind: "renameEnumValue", name: "mood", from: "happy", to: "glad" },
      { kind: "renameTable", name: "a", newName: "b" },
    ]);
    expect(() => op.addEnumValue("mood", "x", { before: "a", after: "b" })).toThrow(/before or after, not both/);
    await op.invoke({ kind: "execute", sql: "SELECT 1" });
    expect(executed).toEqual(["SELECT 1"]);
  });

  it("bulkInsert: columns from the table, from options, or from the rows", async () => {
    const { op, operations } = captureOp();
    const table = await op.createTable("roles", [op.column("id", op.type.integer(), { primaryKey: true }), op.column("name", op.type.text())]);
    await op.bulkInsert(table, [{ name: "admin", id: 1 }]);
    await op.bulkInsert("roles", [{ id: 2 }, { name: "x" }], { types: { id: op.type.integer() } });
    await op.bulkInsert("roles", [], {});
    expect(plain(operations.slice(1))).toEqual([
      { kind: "bulkInsert", table: "roles", columns: [{ name: "id", type: { kind: "integer" } }, { name: "name", type: { kind: "text" } }], rows: [{ name: "admin", id: 1 }] },
      { kind: "bulkInsert", table: "roles", columns: [{ name: "id", type: { kind: "integer" } }, { name: "name" }], rows: [{ id: 2 }, { name: "x" }] },
    ]);
    expect(() => op.bulkInsert(table, [{ nope: 1 }])).toThrow(/has no column nope/);
  });

  it("each call is one tracked operation, however many statements it takes, so a missing await is caught", async () => {
    const { op, tracker, operations } = captureOp();
    const pending = [
      op.addColumn("posts", op.column("editor_id", op.type.integer(), { references: "users.id", unique: true })),
      op.batchAlterTable("posts", (b) => b.createIndex("ix_a", ["a"])),
      op.createTable("t", [op.column("id", op.type.integer())]),
    ];
    expect(tracker.pendingCount).toBe(3);
    await Promise.all(pending);
    expect(tracker.pendingCount).toBe(0);
    expect(operations.map((o) => o.kind).sort()).toEqual(["addColumn", "addConstraint", "addConstraint", "createIndex", "createTable"]);
  });

  it("re-exposes the builders so a revision needs only op", () => {
    const { op } = captureOp();
    expect(op.type.integer()).toEqual({ kind: "integer" });
    expect(op.column("a", op.type.text()).build()).toEqual({ name: "a", type: { kind: "text" }, nullable: true });
    expect(op.f("x").name).toBe("x");
    expect(op.expr("now()").sql).toBe("now()");
    expect(op.namingConvention.ix).toBe("ix_%(column_0_label)s");
    expect(op.inlineLiteral("it's").text).toBe("'it''s'");
  });
});
