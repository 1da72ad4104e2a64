import { afterAll, describe, expect, test } from "vitest";
import { connect } from "../../src/dialects/index.js";
import type { Connection } from "../../src/dialects/contract/index.js";
import { buildTable, column, type as t } from "../../src/schema/index.js";
import { liveUrl, uniqueName } from "../dialects/helpers.js";
import { liveDialects } from "../support/servers.js";

describe("a custom type naming an integer type", () => {
  test.each(["bigint unsigned", "INT UNSIGNED", "tinyint", "mediumint(8) unsigned zerofill", "integer"])(
    "%s takes autoincrement and identity",
    (sql) => {
      expect(column("id", t.customType(sql), { primaryKey: true, autoincrement: true }).build().autoincrement).toBe(true);
      expect(column.integer().build("x").autoincrement).toBeUndefined();
      expect(column(t.customType(sql)).identity().build("n").identity).toStrictEqual({ always: false });
    },
  );

  test.each(["tsvector", "bigint[]", "interval", "point"])("%s does not", (sql) => {
    expect(() => column("id", t.customType(sql), { autoincrement: true }).build()).toThrow(/autoincrement needs an integer type, not custom/);
  });
});

describe.skipIf(!liveDialects().includes("mysql"))("MySQL's bigint unsigned AUTO_INCREMENT (drizzle's serial)", () => {
  const open: Connection[] = [];
  afterAll(async () => {
    for (const connection of open) await connection.close();
  });

  test("is created and counts", async () => {
    const name = uniqueName("ci");
    const table = buildTable(name, [column("id", t.customType("bigint unsigned"), { primaryKey: true, autoincrement: true }), column("v", t.integer())]);
    const connection = await connect(liveUrl("mysql"));
    open.push(connection);
    try {
      for (const sql of connection.dialect.ddl.compile({ kind: "createTable", table })) await connection.execute(sql);
      await connection.execute(`INSERT INTO \`${name}\` (v) VALUES (1), (2)`);
      const rows = await connection.execute(`SELECT id FROM \`${name}\` ORDER BY id`);
      expect(rows.rows.map((r) => Number(r["id"]))).toEqual([1, 2]);
    } finally {
      await connection.execute(`DROP TABLE IF EXISTS \`${name}\``);
    }
  });
});
