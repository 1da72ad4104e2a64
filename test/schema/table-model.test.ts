import { describe, expect, test } from "vitest";
import { AthanorError } from "../../src/util/errors.js";
import { MetaData, column, index, unique } from "../../src/schema/index.js";

function declare(): MetaData {
  const metadata = new MetaData({ namingConvention: { fk: "fk_%(table_name)s_%(column_0_name)s", uq: "uq_%(table_name)s_%(column_0_name)s" } });
  // the first table refers to one declared after it
  metadata.table("orders", {
    id: column.integer().primaryKey(),
    customer_id: column.integer().references(() => customers.c.id, { onDelete: "cascade" }),
    code: column.string(20).notNull(),
  }, (c) => [index().on(c.code), unique().on(c.customer_id, c.code)]);
  const customers = metadata.table("customers", { id: column.integer().primaryKey(), name: column.text() });
  return metadata;
}

describe("the model of declared tables", () => {
  test("is the same on every call, with the foreign keys resolved when it is built", () => {
    const metadata = declare();
    const first = metadata.toModel();
    const second = metadata.toModel();
    expect(second).toEqual(first);
    expect(second.tables).not.toBe(first.tables);
    const orders = first.tables.find((t) => t.name === "orders")!;
    expect(Object.keys(orders)).toEqual(["name", "columns", "primaryKey", "foreignKeys", "uniques", "checks", "indexes"]);
    expect(orders.foreignKeys).toEqual([{ name: "fk_orders_customer_id", columns: ["customer_id"], refTable: "customers", refColumns: ["id"], onDelete: "cascade" }]);
    expect(orders.uniques).toEqual([{ name: "uq_orders_customer_id", columns: ["customer_id", "code"] }]);
    expect(orders.indexes).toEqual([{ name: "ix_orders_code", columns: ["code"], unique: false }]);
    expect(first.tables.find((t) => t.name === "customers")!.foreignKeys).toEqual([]);
  });

  test("a foreign key named like another constraint of its table is refused when the model is built", () => {
    const metadata = new MetaData({ namingConvention: { fk: "same_%(table_name)s", uq: "same_%(table_name)s" } });
    metadata.table("t", { id: column.integer().primaryKey(), a: column.integer().references(() => other.c.id) }, (c) => [unique().on(c.a)]);
    const other = metadata.table("other", { id: column.integer().primaryKey() });
    expect(() => metadata.toModel()).toThrow(AthanorError);
    expect(() => metadata.toModel()).toThrow('Table "t": the name "same_t" is given to two constraints or indexes');
  });

  test("a reference to a table that is never declared is refused when the model is built, each time", () => {
    const metadata = new MetaData();
    const t = metadata.table("t", { id: column.integer().primaryKey(), a: column.integer().references("missing.id") });
    expect(() => t.toModel()).toThrow('references the table "missing", which this MetaData does not declare');
    expect(() => t.toModel()).toThrow('references the table "missing", which this MetaData does not declare');
  });

  test("two MetaData with their own conventions name alike columns each by its own", () => {
    const a = new MetaData({ namingConvention: { uq: "uq_%(table_name)s_%(column_0_name)s" } });
    const b = new MetaData({ namingConvention: { uq: "{table_name}_{column_0_N_name}_key" } });
    for (const metadata of [a, b]) metadata.table("t", { id: column.integer().primaryKey(), x: column.text(), y: column.text() }, (c) => [unique().on(c.x, c.y)]);
    expect(a.toModel().tables[0]!.uniques[0]!.name).toBe("uq_t_x");
    expect(b.toModel().tables[0]!.uniques[0]!.name).toBe("t_x_y_key");
    expect(a.toModel().tables[0]!.uniques[0]!.name).toBe("uq_t_x");
  });
});
