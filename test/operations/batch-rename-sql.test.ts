import { afterEach, describe, expect, test } from "vitest";
import { runBatch } from "../../src/operations/batch/run-batch.js";
import { renameColumnInSql } from "../../src/operations/batch/rename-in-sql.js";
import type { OperationContext } from "../../src/operations/operation-context.js";
import { openSandbox, operationContextOn, type Sandbox } from "../dialects/sqlite/live.js";

const dq = (name: string): string => `"${name.replace(/"/g, '""')}"`;

describe("renaming a column inside an SQL fragment", () => {
  test.each([
    ["qty > 0", "\"amount\" > 0"],
    ["QTY > 0 AND qty < 9", "\"amount\" > 0 AND \"amount\" < 9"],
    ["\"qty\" > 0", "\"amount\" > 0"],
    ["`qty` > 0", "`amount` > 0"],
    ["[qty] > 0", "[amount] > 0"],
    ["t.qty > 0", "t.\"amount\" > 0"],
    ["note <> 'qty' AND qty > 0", "note <> 'qty' AND \"amount\" > 0"],
    ["note <> 'it''s qty' AND qty > 0", "note <> 'it''s qty' AND \"amount\" > 0"],
    ["qty_2 > 0 AND xqty > 0 AND \"Qty\" > 0", "qty_2 > 0 AND xqty > 0 AND \"Qty\" > 0"],
    ["qty(1) > 0 AND qty.x > 0", "qty(1) > 0 AND qty.x > 0"],
    ["lower(qty)", "lower(\"amount\")"],
  ])("%s", (sql, expected) => {
    expect(renameColumnInSql(sql, "qty", "amount", dq)).toBe(expected);
  });

  test("a quoted name is written quoted in its own style, quotes doubled", () => {
    expect(renameColumnInSql(`"a ""b""" > 0 AND a > 1`, `a "b"`, `c "d"`, dq)).toBe(`"c ""d""" > 0 AND a > 1`);
    expect(renameColumnInSql("x > 0", "x", "order", dq)).toBe(`"order" > 0`);
  });
});

describe("SQLite batch: a recreated table with a renamed column", () => {
  let box: Sandbox | undefined;
  afterEach(async () => {
    await box?.close();
    box = undefined;
  });

  const contextFor = (sandbox: Sandbox): OperationContext => operationContextOn(sandbox);

  test("checks, index expressions, partial index conditions and generated columns name the new column", async () => {
    box = await openSandbox();
    await box.connection.execute(`
      CREATE TABLE stock (
        id INTEGER PRIMARY KEY,
        qty INT CONSTRAINT qty_positive CHECK (qty > 0),
        label TEXT CHECK ("qty" < 1000 OR label <> 'qty'),
        double_qty INT GENERATED ALWAYS AS (qty * 2) VIRTUAL,
        old TEXT
      )`);
    await box.connection.execute("CREATE INDEX stock_qty_expr ON stock (abs(qty), label)");
    await box.connection.execute("CREATE INDEX stock_big ON stock (label) WHERE qty > 10");
    await box.connection.execute("INSERT INTO stock (id, qty, label, old) VALUES (1, 5, 'a', 'x'), (2, 20, 'qty', 'y')");

    await runBatch(contextFor(box), "stock", (batch) => {
      batch.alterColumn("qty", { newName: "amount" });
      batch.dropColumn("old");
    }, {});

    const table = (await box.table("stock"))!;
    expect(table.columns.map((c) => c.name)).toEqual(["id", "amount", "label", "double_qty"]);
    const checks = table.checks.map((c) => c.sql).join(" | ");
    expect(checks).not.toMatch(/\bqty\b(?!')/);
    expect(checks).toContain("'qty'");
    const indexes = JSON.stringify(table.indexes);
    expect(indexes).toContain("amount");
    expect(indexes).not.toMatch(/\bqty\b/);
    expect(table.columns.find((c) => c.name === "double_qty")?.computed?.sql).toContain("amount");
    const rows = (await box.connection.execute("SELECT amount, double_qty FROM stock ORDER BY id")).rows;
    expect(rows).toEqual([
      { amount: 5, double_qty: 10 },
      { amount: 20, double_qty: 40 },
    ]);
    // The renamed check still holds.
    await expect(box.connection.execute("INSERT INTO stock (id, amount, label) VALUES (3, -1, 'b')")).rejects.toThrow(/CHECK/i);
  });
});
