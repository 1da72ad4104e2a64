import { describe, expect, test } from "vitest";
import { AthanorError } from "../../src/util/errors.js";
import { ColumnBuilder, buildColumn, buildTable, column, expr, f, type as t } from "../../src/schema/index.js";

describe("chainable column builders", () => {
  test("nullable by default, NOT NULL with notNull() or as primary key", () => {
    expect(column.text().build("a")).toStrictEqual({ name: "a", type: { kind: "text" }, nullable: true });
    expect(column.text().notNull().build("a").nullable).toBe(false);
    expect(column.text().notNull().nullable().build("a").nullable).toBe(true);
    expect(column.integer().primaryKey().build("id").nullable).toBe(false);
  });

  test("every column option reaches the model column", () => {
    expect(column.integer().primaryKey().autoincrement().build("id")).toStrictEqual({
      name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true,
    });
    expect(column.bigint().identity({ always: true, start: 100, increment: 5 }).build("n")).toStrictEqual({
      name: "n", type: { kind: "bigint" }, nullable: true, identity: { always: true, start: 100, increment: 5 },
    });
    expect(column.integer().identity().build("n").identity).toStrictEqual({ always: false });
    expect(column.string(255).notNull().default("x").comment("the email").collate("C").build("email")).toStrictEqual({
      name: "email", type: { kind: "string", length: 255 }, nullable: false,
      serverDefault: { kind: "literal", value: "x" }, comment: "the email", collation: "C",
    });
    expect(column.timestamp().defaultSql("CURRENT_TIMESTAMP").build("at").serverDefault).toStrictEqual({ kind: "sql", sql: "CURRENT_TIMESTAMP" });
    expect(column.uuid().defaultSql(expr`gen_random_uuid()`).build("u").serverDefault).toStrictEqual({ kind: "sql", sql: "gen_random_uuid()" });
    expect(column.integer().generated("a + b").build("s").computed).toStrictEqual({ sql: "a + b", stored: true });
    expect(column.integer().generated("a + b", { stored: false }).build("s").computed).toStrictEqual({ sql: "a + b", stored: false });
  });

  test("literal defaults keep their JavaScript type", () => {
    expect(column.integer().default(0).build("n").serverDefault).toStrictEqual({ kind: "literal", value: 0 });
    expect(column.boolean().default(false).build("b").serverDefault).toStrictEqual({ kind: "literal", value: false });
    expect(column.text().default(null).build("x").serverDefault).toStrictEqual({ kind: "literal", value: null });
    expect(column.text().default("it's").build("x").serverDefault).toStrictEqual({ kind: "literal", value: "it's" });
  });

  test("builders are immutable and shareable", () => {
    const base = column.string(20);
    const strict = base.notNull();
    expect(base.build("a").nullable).toBe(true);
    expect(strict.build("a").nullable).toBe(false);
    expect(base).not.toBe(strict);
    expect(Object.isFrozen(strict.config)).toBe(true);
  });

  test("table-level parts are carried in config", () => {
    const b = column.integer().unique("uq_x").index({ name: "ix_x", unique: true }).references("users.id", { onDelete: "cascade", match: "full" });
    expect(b.config.unique).toStrictEqual({ name: "uq_x" });
    expect(b.config.index).toStrictEqual({ name: "ix_x", unique: true });
    expect(b.config.references).toStrictEqual({ target: "users.id", onDelete: "cascade", match: "full" });
    expect(column.integer().unique().config.unique).toStrictEqual({});
    expect(column.integer().unique({ name: f("u") }).config.unique?.name).toEqual(f("u"));
    expect(column.integer().index("ix_y").config.index).toStrictEqual({ name: "ix_y" });
  });

  test("shortcuts build the same types as the type builders", () => {
    const pairs: [ColumnBuilder, unknown][] = [
      [column.smallint(), t.smallint()], [column.integer(), t.integer()], [column.bigint(), t.bigint()],
      [column.numeric(8, 3), t.numeric(8, 3)], [column.float(24), t.float(24)], [column.double(), t.double()],
      [column.boolean(), t.boolean()], [column.string(9), t.string(9)], [column.char(3), t.char(3)],
      [column.text(), t.text()], [column.date(), t.date()], [column.time({ precision: 2 }), t.time({ precision: 2 })],
      [column.timestamp({ withTimezone: true }), t.timestamp({ withTimezone: true })], [column.interval(), t.interval()],
      [column.binary(4), t.binary(4)], [column.json(), t.json()], [column.jsonb(), t.jsonb()], [column.uuid(), t.uuid()],
      [column.enum("e", ["a", "b"]), t.enumType("e", ["a", "b"])], [column.enum(t.enumType("e", ["x"])), t.enumType("e", ["x"])],
      [column.array(t.uuid()), t.array(t.uuid())], [column.custom("citext"), t.customType("citext")],
      [column(t.date()), t.date()],
    ];
    for (const [builder, type] of pairs) expect(builder.build("c").type).toStrictEqual(type);
  });

  test("array() wraps the type and keeps the settings; defaultNow()", () => {
    expect(column.text().notNull().comment("tags").array().build("tags")).toStrictEqual({
      name: "tags", type: { kind: "array", of: { kind: "text" } }, nullable: false, comment: "tags",
    });
    expect(column.timestamp().defaultNow().build("at").serverDefault).toStrictEqual({ kind: "sql", sql: "CURRENT_TIMESTAMP" });
  });

  test("columnName() sets the database name; the builder's own name wins over the property", () => {
    expect(column.integer().columnName("user_id").build("userId").name).toBe("user_id");
  });
});

describe("call form column(name, type, options)", () => {
  test("named column with options", () => {
    const b = column("id", t.integer(), { primaryKey: true, autoincrement: true, comment: "key" });
    expect(b.build()).toStrictEqual({ name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true, comment: "key" });
    expect(column("email", t.string(255), { nullable: false, default: "none" }).build()).toStrictEqual({
      name: "email", type: { kind: "string", length: 255 }, nullable: false, serverDefault: { kind: "literal", value: "none" },
    });
    expect(column("at", t.timestamp(), { defaultSql: "now()" }).build().serverDefault).toStrictEqual({ kind: "sql", sql: "now()" });
    expect(column("n", t.integer(), { identity: { always: true } }).build().identity).toStrictEqual({ always: true });
    expect(column("s", t.integer(), { generated: { sql: "a * 2", stored: false } }).build().computed).toStrictEqual({ sql: "a * 2", stored: false });
    expect(column("x", t.text(), { collation: "C", nullable: true }).build()).toStrictEqual({ name: "x", type: { kind: "text" }, nullable: true, collation: "C" });
  });

  test("unique, index and references options", () => {
    const b = column("author_id", t.integer(), { unique: true, index: "ix_a", references: { column: "users.id", onDelete: "set null" } });
    expect(b.config.unique).toStrictEqual({});
    expect(b.config.index).toStrictEqual({ name: "ix_a" });
    expect(b.config.references).toStrictEqual({ target: "users.id", onDelete: "set null" });
    expect(column("a", t.integer(), { references: "users.id", unique: "uq_a" }).config).toMatchObject({ references: { target: "users.id" }, unique: { name: "uq_a" } });
  });

  test("buildColumn splits a column into its model parts", () => {
    const parts = buildColumn("posts", column("author_id", t.integer(), { nullable: false, references: { column: "auth.users.id", onDelete: "cascade" }, index: true }), {
      namingConvention: { fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s" },
    });
    expect(parts.column).toStrictEqual({ name: "author_id", type: { kind: "integer" }, nullable: false });
    expect(parts.foreignKeys).toStrictEqual([
      { name: "fk_posts_author_id_users", columns: ["author_id"], refTable: "users", refSchema: "auth", refColumns: ["id"], onDelete: "cascade" },
    ]);
    expect(parts.indexes).toStrictEqual([{ name: "ix_posts_author_id", columns: ["author_id"], unique: false }]);
    expect(parts.uniques).toStrictEqual([]);
    expect(parts.primaryKey).toBeUndefined();
    expect(buildColumn("t", column.text().unique(), { name: "code" }).uniques).toStrictEqual([{ columns: ["code"] }]);
    expect(buildColumn("t", column.integer().primaryKey(), { name: "id" }).primaryKey).toStrictEqual({ columns: ["id"] });
  });
});

describe("column-level checks and typed defaults", () => {
  test("check() on a column: named by the ck convention with the column as column 0", () => {
    const model = buildTable("people", {
      age: column.integer().check("age >= 0").check(expr`age < 200`, "age_sane"),
      nick: column("nick", t.text(), { check: { sql: "nick <> ''", name: "nick_set" } }),
      code: column("code", t.text(), { check: "length(code) = 3" }),
    }, { namingConvention: { ck: "ck_%(table_name)s_%(column_0_name)s" } });
    expect(model.checks).toStrictEqual([
      { name: "ck_people_age", sql: "age >= 0" },
      { name: "age_sane", sql: "age < 200" },
      { name: "nick_set", sql: "nick <> ''" },
      { name: "ck_people_code", sql: "length(code) = 3" },
    ]);
    expect(buildColumn("people", column.integer().check("n > 0"), { name: "n" }).checks).toStrictEqual([{ sql: "n > 0" }]);
    expect(buildColumn("people", column.integer(), { name: "n" }).checks).toBeUndefined();
  });

  test("an enum default must be one of its values, for TypeScript and at run time", () => {
    const mood = t.enumType("mood", ["sad", "ok"]);
    expect(column.enum(mood).default("ok").build("m").serverDefault).toStrictEqual({ kind: "literal", value: "ok" });
    // @ts-expect-error "angry" is not a value of the enum
    const wrong = column.enum(mood).default("angry");
    expect(() => wrong.build("m")).toThrow(/the default "angry" is not a value of the enum "mood"/);
    expect(() => column("m", t.enumType("e", ["a"]), { default: "b" }).build()).toThrow(AthanorError);
  });
});

describe("column errors", () => {
  test.each([
    ["no type", () => column(undefined as never), /needs a column type/],
    ["named without type", () => column("id", undefined as never), /needs a type/],
    ["no name at build", () => column.integer().build(), /needs a name/],
    ["nullable primary key", () => column.integer().primaryKey().nullable().build("id"), /primary key and cannot be nullable/],
    ["autoincrement on text", () => column.text().autoincrement().build("x"), /autoincrement needs an integer type, not text/],
    ["identity on uuid", () => column.uuid().identity().build("x"), /identity needs an integer type/],
    ["identity and autoincrement", () => column.integer().identity().autoincrement().build("x"), /identity\(\) or autoincrement\(\)/],
    ["generated with default", () => column.integer().generated("1").default(1).build("x"), /generated column cannot have a default/],
    ["autoincrement with default", () => column.integer().autoincrement().default(1).build("x"), /autoincrement column cannot also have a default/],
    ["default object", () => column.text().default({} as never), /not a literal default/],
    ["default Infinity", () => column.double().default(Number.POSITIVE_INFINITY), /not a literal default/],
    ["empty defaultSql", () => column.text().defaultSql(" "), /pass the SQL of the default/],
    ["bad onDelete", () => column.integer().references("a.b", { onDelete: "explode" as never }), /onDelete "explode" is not a foreign key action/],
    ["bad initially", () => column.integer().references("a.b", { initially: "later" as never }), /initially must be/],
    ["bad match", () => column.integer().references("a.b", { match: "some" as never }), /match must be/],
    ["bad target", () => column.integer().references(42 as never), /pass a column/],
    ["default and defaultSql", () => column("x", t.text(), { default: "a", defaultSql: "b" }), /default or defaultSql, not both/],
    ["empty columnName", () => column.text().columnName(""), /non-empty name/],
  ])("%s", (_label, build, message) => {
    expect(build).toThrow(AthanorError);
    expect(build).toThrow(message);
  });
});
