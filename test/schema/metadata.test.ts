import { describe, expect, test } from "vitest";
import { AthanorError } from "../../src/util/errors.js";
import { MetaData, column, foreignKey, index, sortByDependency, type as t } from "../../src/schema/index.js";

const names = (md: MetaData): string[] => md.toModel().tables.map((x) => (x.schema ? `${x.schema}.${x.name}` : x.name));

describe("dependency order", () => {
  test("a table comes after the tables it references, declaration order otherwise", () => {
    const md = new MetaData();
    md.table("comments", { id: column.integer().primaryKey(), postId: column.integer().references("posts.id") });
    md.table("audit", { id: column.integer().primaryKey() });
    md.table("posts", { id: column.integer().primaryKey(), authorId: column.integer().references("users.id") });
    md.table("users", { id: column.integer().primaryKey() });
    md.table("zeta", { id: column.integer().primaryKey() });
    expect(names(md)).toEqual(["audit", "users", "posts", "comments", "zeta"]);
    // Declaration order is kept in `tables`.
    expect(md.tables.map((x) => x.name)).toEqual(["comments", "audit", "posts", "users", "zeta"]);
  });

  test("self references do not block; tables in a cycle come after the others, in declaration order", () => {
    const md = new MetaData();
    md.table("a", { id: column.integer().primaryKey(), bId: column.integer().references("b.id") });
    md.table("b", { id: column.integer().primaryKey(), aId: column.integer().references("a.id") });
    md.table("tree", { id: column.integer().primaryKey(), parent: column.integer().references("tree.id") });
    md.table("leaf", { id: column.integer().primaryKey(), treeId: column.integer().references("tree.id") });
    expect(names(md)).toEqual(["tree", "leaf", "a", "b"]);
  });

  test("the same table name in two schemas is two tables", () => {
    const md = new MetaData();
    md.table("items", { id: column.integer().primaryKey(), ref: column.integer().references("archive.items.id") });
    md.table("items", { id: column.integer().primaryKey() }, { schema: "archive" });
    expect(names(md)).toEqual(["archive.items", "items"]);
  });

  test("composite foreign keys declared on a later table order too", () => {
    const md = new MetaData();
    md.table("lines", { orderId: column.integer(), no: column.integer() }, (c) => [
      foreignKey({ columns: [c.orderId, c.no], foreignColumns: () => [orders.c.id, orders.c.no] }),
    ]);
    const orders = md.table("orders", { id: column.integer().primaryKey(), no: column.integer().primaryKey() });
    expect(names(md)).toEqual(["orders", "lines"]);
  });

  test("sortByDependency ignores references to tables outside the list", () => {
    const tables = [
      { name: "x", columns: [], foreignKeys: [{ columns: ["a"], refTable: "elsewhere", refColumns: ["id"] }], uniques: [], checks: [], indexes: [] },
      { name: "y", columns: [], foreignKeys: [], uniques: [], checks: [], indexes: [] },
    ];
    expect(sortByDependency(tables).map((x) => x.name)).toEqual(["x", "y"]);
  });
});

describe("enum types", () => {
  test("declared enums and enums used by columns are collected once", () => {
    const md = new MetaData();
    const mood = md.enum("mood", ["sad", "ok", "happy"]);
    md.table("people", {
      id: column.integer().primaryKey(),
      mood: column.enum(mood).notNull().default("ok"),
      past: column.array(mood),
      status: column.enum("status", ["active", "gone"]),
      kind: column(t.enumType("kind", ["a", "b"], { schema: "types" })),
    });
    md.table("pets", { id: column.integer().primaryKey(), mood: column.enum("mood", ["sad", "ok", "happy"]) });
    expect(md.toModel().enums).toStrictEqual([
      { name: "mood", values: ["sad", "ok", "happy"] },
      { name: "status", values: ["active", "gone"] },
      { name: "kind", schema: "types", values: ["a", "b"] },
    ]);
    expect(mood).toStrictEqual({ kind: "enum", name: "mood", values: ["sad", "ok", "happy"] });
  });

  test("a MetaData schema is the default schema of its enums", () => {
    const md = new MetaData({ schema: "app" });
    expect(md.enum("e", ["x"]).schema).toBe("app");
    expect(md.enum("f", ["x"], { schema: "other" }).schema).toBe("other");
    expect(md.enums.map((e) => e.schema)).toEqual(["app", "other"]);
  });

  test("the same enum with other values is an error, wherever it is declared", () => {
    const md = new MetaData();
    md.enum("mood", ["sad", "happy"]);
    expect(() => md.enum("mood", ["happy", "sad"])).toThrow(/The enum "mood" is declared twice with different values: \[sad, happy\] and \[happy, sad\]/);
    expect(() => md.table("t", { m: column.enum("mood", ["sad"]) })).toThrow(AthanorError);
    expect(() => md.table("u", { m: column.array(t.enumType("mood", ["x"])) })).toThrow(/declared twice/);
    // Same name in another schema is another type.
    expect(() => md.enum("mood", ["x"], { schema: "s" })).not.toThrow();
  });
});

describe("metadata errors", () => {
  test("a table declared twice", () => {
    const md = new MetaData();
    md.table("t", { a: column.integer() });
    expect(() => md.table("t", { b: column.integer() })).toThrow(/The table "t" is declared twice/);
    md.table("t", { a: column.integer() }, { schema: "s" });
    expect(() => md.table("t", { a: column.integer() }, { schema: "s" })).toThrow(/"s.t" is declared twice/);
  });

  test("an index name used by two tables of one schema", () => {
    const md = new MetaData();
    md.table("a", { x: column.integer() }, (c) => [index("ix_x").on(c.x)]);
    md.table("b", { x: column.integer() }, (c) => [index("ix_x").on(c.x)]);
    expect(() => md.toModel()).toThrow(/The index name "ix_x" is used by tables "a" and "b"/);
    const ok = new MetaData();
    ok.table("a", { x: column.integer() }, (c) => [index("ix_x").on(c.x)]);
    ok.table("b", { x: column.integer() }, (c) => [index("ix_x").on(c.x)], { schema: "other" });
    expect(ok.toModel().tables).toHaveLength(2);
  });

  test("the model is plain data that survives JSON", () => {
    const md = new MetaData({ namingConvention: { pk: "pk_%(table_name)s" } });
    md.table("t", { id: column.integer().primaryKey(), n: column.numeric(5, 2).default(1.5) });
    const model = md.toModel();
    expect(JSON.parse(JSON.stringify(model))).toStrictEqual(model);
    expect(md.namingConvention).toStrictEqual({ ix: "ix_%(column_0_label)s", pk: "pk_%(table_name)s" });
  });
});
