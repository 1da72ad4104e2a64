import { describe, expect, test } from "vitest";
import { AthanorError } from "../../src/util/errors.js";
import {
  DEFAULT_NAMING_CONVENTION, FinalName, MetaData, buildTable, check, column, conventionalName, expr, f, foreignKey,
  index, primaryKey, unique, validateNamingConvention, type as t,
} from "../../src/schema/index.js";
import type { NamingSubject } from "../../src/schema/index.js";

const fk: NamingSubject = { kind: "fk", table: "orders", columns: ["customer_id", "region"], refTable: "customers", refColumns: ["id", "region_code"] };

describe("tokens", () => {
  test.each([
    ["%(table_name)s", "orders"],
    ["%(column_0_name)s", "customer_id"],
    ["%(column_1_name)s", "region"],
    ["%(column_0_label)s", "orders_customer_id"],
    ["%(column_1_label)s", "orders_region"],
    ["%(column_0_key)s", "customer_id"],
    ["%(column_0N_name)s", "customer_idregion"],
    ["%(column_0_N_name)s", "customer_id_region"],
    ["%(column_1_N_name)s", "region"],
    ["%(column_0N_label)s", "orders_customer_idorders_region"],
    ["%(column_0_N_label)s", "orders_customer_id_orders_region"],
    ["%(column_0_N_key)s", "customer_id_region"],
    ["%(referred_table_name)s", "customers"],
    ["%(referred_column_0_name)s", "id"],
    ["%(referred_column_1_name)s", "region_code"],
    ["%(referred_column_0N_name)s", "idregion_code"],
    ["%(referred_column_0_N_name)s", "id_region_code"],
    ["fk_{table_name}_{column_0_N_name}_{referred_table_name}", "fk_orders_customer_id_region_customers"],
    ["fk_%(table_name)s_{column_0_name}", "fk_orders_customer_id"],
  ])("%s", (template, expected) => {
    expect(conventionalName({ fk: template }, fk)).toBe(expected);
  });

  test("%(constraint_name)s wraps the given name", () => {
    expect(conventionalName({ ck: "ck_%(table_name)s_%(constraint_name)s" }, { kind: "ck", table: "t", columns: [], name: "positive" })).toBe("ck_t_positive");
    expect(conventionalName({ ck: "ck_{table_name}_{constraint_name}" }, { kind: "ck", table: "t", columns: [], name: "positive" })).toBe("ck_t_positive");
  });

  test("custom tokens", () => {
    const convention = { uq: "uq_%(short)s", tokens: { short: (s: NamingSubject) => s.table.slice(0, 3) } };
    validateNamingConvention(convention);
    expect(conventionalName(convention, { kind: "uq", table: "customers", columns: ["a"] })).toBe("uq_cus");
  });

  test("column_0_key is the property name in the declaration", () => {
    const model = buildTable("orders", { customerId: column.integer().columnName("customer_id").unique() }, {
      namingConvention: { uq: "uq_%(table_name)s_%(column_0_key)s_%(column_0_name)s" },
    });
    expect(model.uniques[0]!.name).toBe("uq_orders_customerId_customer_id");
  });

  test("index expressions become name parts", () => {
    expect(conventionalName(DEFAULT_NAMING_CONVENTION, { kind: "ix", table: "users", columns: [{ expression: "lower(Email)" }] })).toBe("ix_users_lower_email");
  });
});

describe("which name wins", () => {
  const convention = { uq: "uq_%(table_name)s_%(column_0_name)s", ck: "ck_%(table_name)s_%(constraint_name)s" };

  test("an explicit name is kept when the convention does not use constraint_name", () => {
    expect(conventionalName(convention, { kind: "uq", table: "t", columns: ["a"], name: "my_unique" })).toBe("my_unique");
  });

  test("an unnamed constraint gets the conventional name", () => {
    expect(conventionalName(convention, { kind: "uq", table: "t", columns: ["a"] })).toBe("uq_t_a");
  });

  test("f() marks a name final", () => {
    expect(conventionalName(convention, { kind: "ck", table: "t", columns: [], name: f("ck_t_positive") })).toBe("ck_t_positive");
    expect(f("x")).toBeInstanceOf(FinalName);
    expect(String(f("x"))).toBe("x");
  });

  test("no convention for the kind: the given name or none", () => {
    expect(conventionalName(convention, { kind: "pk", table: "t", columns: ["id"] })).toBeUndefined();
    expect(conventionalName(convention, { kind: "pk", table: "t", columns: ["id"], name: "t_pkey" })).toBe("t_pkey");
    expect(conventionalName(undefined, { kind: "fk", table: "t", columns: ["id"] })).toBeUndefined();
  });

  test("names longer than the limit are shortened with a stable hash", () => {
    const long = conventionalName({ ix: "ix_%(column_0_label)s" }, { kind: "ix", table: "a".repeat(40), columns: ["b".repeat(40)] });
    expect(long).toHaveLength(63);
    expect(long).toMatch(/^ix_a+_b+_[0-9a-f]{4}$/);
    expect(conventionalName({ ix: "ix_%(column_0_label)s" }, { kind: "ix", table: "a".repeat(40), columns: ["b".repeat(40)] })).toBe(long);
    const short = conventionalName({ ix: "ix_%(column_0_label)s" }, { kind: "ix", table: "abc", columns: ["d".repeat(20)] }, { maxLength: 16 });
    expect(short).toHaveLength(16);
    // An explicit name is never shortened.
    expect(conventionalName({ uq: "uq_%(table_name)s" }, { kind: "uq", table: "t", columns: ["a"], name: "x".repeat(80) })).toHaveLength(80);
  });
});

describe("convention errors", () => {
  test.each([
    ["constraint_name without a name", () => conventionalName({ ck: "ck_%(constraint_name)s" }, { kind: "ck", table: "t", columns: [] }), /needs a name/],
    ["unknown token", () => conventionalName({ uq: "uq_%(tabel_name)s" }, { kind: "uq", table: "t", columns: ["a"] }), /Unknown naming convention token "tabel_name"/],
    ["column past the end", () => conventionalName({ uq: "uq_%(column_2_name)s" }, { kind: "uq", table: "t", columns: ["a"] }), /has 1 column/],
    ["referred label", () => conventionalName({ fk: "%(referred_column_0_label)s" }, fk), /Unknown naming convention token/],
    ["metadata validates tokens up front", () => new MetaData({ namingConvention: { fk: "fk_{table}" } }), /Unknown naming convention token "table"/],
    ["empty template", () => new MetaData({ namingConvention: { pk: "" } }), /non-empty template/],
  ])("%s", (_label, run, message) => {
    expect(run).toThrow(AthanorError);
    expect(run).toThrow(message);
  });
});

describe("conventions applied to declared tables", () => {
  const convention = {
    ix: "ix_%(column_0_label)s",
    uq: "uq_%(table_name)s_%(column_0_N_name)s",
    ck: "ck_%(table_name)s_%(constraint_name)s",
    fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    pk: "pk_%(table_name)s",
  };

  test("every kind is named; explicit names kept; f() kept", () => {
    const md = new MetaData({ namingConvention: convention });
    md.table("accounts", { id: column.integer().primaryKey(), code: column.text() });
    const t1 = md.table("entries", {
      id: column.integer(),
      accountId: column.integer().columnName("account_id").references("accounts.id"),
      code: column.text().unique(),
      amount: column.numeric(12, 2).index(),
      note: column.text(),
    }, (c) => [
      primaryKey({ columns: [c.id] }),
      unique().on(c.accountId, c.note),
      unique("entries_note_key").on(c.note),
      check("amount_positive", expr`${c.amount} > 0`),
      check(f("ck_final"), "note <> ''"),
      index().on(c.note, c.code),
      index("by_code").on(c.code),
      foreignKey({ columns: [c.code], foreignColumns: () => ["accounts.code"], name: "entries_code_fk" }),
    ]);
    const model = t1.toModel();
    expect(model.primaryKey).toStrictEqual({ name: "pk_entries", columns: ["id"] });
    expect(model.foreignKeys.map((x) => x.name)).toStrictEqual(["fk_entries_account_id_accounts", "entries_code_fk"]);
    expect(model.uniques.map((x) => x.name)).toStrictEqual(["uq_entries_code", "uq_entries_account_id_note", "entries_note_key"]);
    expect(model.checks).toStrictEqual([{ name: "ck_entries_amount_positive", sql: "amount > 0" }, { name: "ck_final", sql: "note <> ''" }]);
    expect(model.indexes.map((x) => x.name)).toStrictEqual(["ix_entries_amount", "ix_entries_note", "by_code"]);
  });

  test("without a convention: indexes get ix_<table>_<column>, constraints stay unnamed", () => {
    const model = buildTable("items", {
      id: column.integer().primaryKey(),
      parent: column.integer().references("items.id"),
      sku: column.text().unique().index(),
      qty: column.integer(),
    }, (c) => [check(undefined, "qty >= 0"), unique().on(c.qty), index().on(expr`lower(${c.sku})`)]);
    expect(model.primaryKey).toStrictEqual({ columns: ["id"] });
    expect(model.foreignKeys[0]!.name).toBeUndefined();
    expect(model.uniques).toStrictEqual([{ columns: ["qty"] }]);
    expect(model.checks).toStrictEqual([{ sql: "qty >= 0" }]);
    expect(model.indexes).toStrictEqual([
      { name: "ix_items_sku", columns: ["sku"], unique: true },
      { name: "ix_items_lower_sku", columns: [{ expression: "lower(sku)" }], unique: false },
    ]);
  });

  test("a check written with expr knows its columns for the convention", () => {
    const model = buildTable("prices", { low: column.integer(), high: column.integer() }, (c) => [
      check(undefined, expr`${c.high} >= ${c.low}`),
      check(undefined, expr`${expr`${c.low}`} > 0`),
    ], { namingConvention: { ck: "ck_%(table_name)s_%(column_0_N_name)s" } });
    expect(model.checks).toStrictEqual([
      { name: "ck_prices_high_low", sql: "high >= low" },
      { name: "ck_prices_low", sql: "low > 0" },
    ]);
    expect(() => buildTable("p", { a: column.integer() }, () => [check(undefined, "a > 0")], { namingConvention: { ck: "ck_%(column_0_name)s" } }))
      .toThrow(/uses %\(column_0_name\)s but the check constraint on p has 0 column/);
  });

  test("a check under a constraint_name convention needs a name", () => {
    const md = new MetaData({ namingConvention: convention });
    expect(() => md.table("t", { a: column.integer() }, () => [check(undefined, "a > 0")])).toThrow(/Table "t": .*needs a name/);
  });

  test("the table's own convention through buildTable", () => {
    const model = buildTable("t", [column("id", t.integer(), { primaryKey: true }), column("a", t.text(), { unique: true })], {
      namingConvention: { pk: "{table_name}_pkey", uq: "{table_name}_{column_0_name}_key" },
    });
    expect(model.primaryKey?.name).toBe("t_pkey");
    expect(model.uniques[0]!.name).toBe("t_a_key");
  });
});
