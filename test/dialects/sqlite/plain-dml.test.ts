// An INSERT, UPDATE, DELETE or REPLACE without parameters runs at once (no
// statement prepared for it), its count read after: the counts stay exact
// across schema changes, RETURNING still returns its rows, and several
// statements in one text all run.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openSandbox, type Sandbox } from "./live.js";

describe("SQLite statements without parameters", () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await openSandbox();
  });
  afterAll(() => box.close());

  test("row counts are exact between schema changes", async () => {
    const db = box.connection;
    await db.execute(`CREATE TABLE "counted" (id INTEGER PRIMARY KEY, v TEXT)`);
    expect((await db.execute(`INSERT INTO "counted" (id, v) VALUES (1, 'a'), (2, 'a'), (3, 'b')`)).rowCount).toBe(3);
    for (let i = 0; i < 3; i++) {
      await db.execute(`CREATE TABLE "between_${i}" (id INTEGER)`);
      expect((await db.execute(`UPDATE "counted" SET v = 'v${i}' WHERE id <= ${i + 1}`)).rowCount).toBe(i + 1);
    }
    expect((await db.execute(`/* a comment */ DELETE FROM "counted" WHERE id = 3`)).rowCount).toBe(1);
    expect((await db.execute(`REPLACE INTO "counted" (id, v) VALUES (1, 'r')`)).rowCount).toBe(1);
    expect((await db.execute(`UPDATE "counted" SET v = 'x' WHERE id = 99`)).rowCount).toBe(0);
    expect((await db.execute(`SELECT id, v FROM "counted" ORDER BY id`)).rows).toEqual([
      { id: 1, v: "r" },
      { id: 2, v: "v2" },
    ]);
  });

  test("RETURNING returns its rows, and a text of several statements runs them all", async () => {
    const db = box.connection;
    await db.execute(`CREATE TABLE "returned" (id INTEGER PRIMARY KEY, v TEXT)`);
    const inserted = await db.execute(`INSERT INTO "returned" (id, v) VALUES (1, 'a'), (2, 'b') RETURNING id`);
    expect(inserted.rows).toEqual([{ id: 1 }, { id: 2 }]);
    await db.execute(`UPDATE "returned" SET v = 'c' WHERE id = 1; UPDATE "returned" SET v = 'd' WHERE id = 2`);
    expect((await db.execute(`SELECT v FROM "returned" ORDER BY id`)).rows).toEqual([{ v: "c" }, { v: "d" }]);
  });

  test("a statement whose count is not read runs, and its failure names the statement", async () => {
    const db = box.connection;
    await db.execute(`CREATE TABLE "uncounted" (id INTEGER PRIMARY KEY, v TEXT NOT NULL)`);
    await db.executeWithoutCount!(`INSERT INTO "uncounted" (id, v) SELECT COALESCE(MAX(id), 0) + 1, 'a' FROM "uncounted"`);
    await db.executeWithoutCount!(`INSERT INTO "uncounted" (id, v) SELECT COALESCE(MAX(id), 0) + 1, 'b' FROM "uncounted"`);
    expect((await db.execute(`SELECT id, v FROM "uncounted" ORDER BY id`)).rows).toEqual([
      { id: 1, v: "a" },
      { id: 2, v: "b" },
    ]);
    // the count read next is that of the statement run next, not a leftover
    expect((await db.execute(`UPDATE "uncounted" SET v = 'c' WHERE id = 2`)).rowCount).toBe(1);
    const failed = db.executeWithoutCount!(`INSERT INTO "uncounted" (id, v) VALUES (3, NULL)`);
    await expect(failed).rejects.toThrow(/NOT NULL/);
    await expect(failed).rejects.toMatchObject({ sql: expect.stringContaining(`INSERT INTO "uncounted"`) });
  });
});
