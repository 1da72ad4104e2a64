// SQLite drops in place only a column nothing else uses. When it refuses (a
// key, a unique or indexed column, one a CHECK, view or generated column
// names), the error keeps SQLite's message and says to use batchAlterTable;
// the batch form then drops the column. A plain column still drops in place.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Operations } from "../../../src/operations/index.js";
import { DatabaseError } from "../../../src/dialects/index.js";
import { openSandbox, operationsOn, type Sandbox } from "./live.js";

describe("SQLite dropColumn that cannot run in place", () => {
  let box: Sandbox;
  let op: Operations;
  beforeAll(async () => {
    box = await openSandbox();
    op = operationsOn(box, "sqlite drop column test");
  });
  afterAll(() => box.close());

  async function refusal(column: string): Promise<DatabaseError> {
    const error = await op.dropColumn("ta ble", column).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatabaseError);
    return error as DatabaseError;
  }

  test("keyed, unique, indexed and checked columns point at batchAlterTable; the batch form drops them", async () => {
    await box.connection.execute(
      `CREATE TABLE "ta ble" (id INTEGER PRIMARY KEY, "e mail" TEXT UNIQUE, name TEXT, age INTEGER, plain TEXT, CONSTRAINT ck_age CHECK (age >= 0))`,
    );
    await box.connection.execute(`CREATE INDEX "ix name" ON "ta ble" (name)`);

    for (const [column, said] of [
      ["id", /cannot drop PRIMARY KEY column/],
      ["e mail", /cannot drop UNIQUE column/],
      ["name", /error in index ix name after drop column/],
      ["age", /after drop column/],
    ] as const) {
      const error = await refusal(column);
      expect(error.message).toMatch(said);
      expect(error.hint).toBe(
        `SQLite drops in place only a column nothing else uses: use op.batchAlterTable("ta ble", ` +
          `(batch) => { batch.dropColumn(${JSON.stringify(column)}); }), which recreates the table without it`,
      );
    }
    // nothing was dropped by the refusals
    const before = await box.table("ta ble");
    expect(before?.columns.map((c) => c.name)).toEqual(["id", "e mail", "name", "age", "plain"]);

    await op.dropColumn("ta ble", "plain");
    await op.dropIndex("ix name", { table: "ta ble" });
    await op.batchAlterTable("ta ble", (batch) => {
      batch.dropColumn("name");
      batch.dropConstraint("ck_age", { type: "check" });
      batch.dropColumn("age");
    });
    const after = await box.table("ta ble");
    expect(after?.columns.map((c) => c.name)).toEqual(["id", "e mail"]);
  });

  test("other failures keep SQLite's message without the hint", async () => {
    const error = await refusal("no such");
    expect(error.message).toMatch(/no such column/);
    expect(error.hint).toBeUndefined();
  });
});
