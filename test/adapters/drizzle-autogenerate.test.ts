import { afterAll, describe, expect, test } from "vitest";
import { fromDrizzle } from "../../src/adapters/drizzle/index.js";
import { compareMetadata, produceMigrations } from "../../src/command/autogenerate-project.js";
import { connect } from "../../src/dialects/index.js";
import type { Connection } from "../../src/dialects/contract/index.js";
import type { SchemaOperation } from "../../src/dialects/contract/index.js";
import { liveUrl, uniqueName } from "../dialects/helpers.js";
import { liveDialects, type DialectName } from "../support/servers.js";
import { mysqlSchema } from "./fixtures/mysql-schema.js";
import { pgSchema } from "./fixtures/pg-schema.js";
import { sqliteSchema } from "./fixtures/sqlite-schema.js";

/**
 * Autogenerate with a drizzle schema as targetMetadata, on each database:
 * from empty, the upgrade creates everything in an order the database accepts,
 * a second comparison finds nothing, and the downgrade removes it all again.
 */

const schemas: Record<DialectName, (p: string) => Record<string, unknown>> = {
  postgresql: pgSchema,
  mysql: mysqlSchema,
  sqlite: sqliteSchema,
};

describe("autogenerate from a drizzle schema", () => {
  const open: Connection[] = [];
  afterAll(async () => {
    for (const connection of open) await connection.close();
  });

  test.each(liveDialects())("%s: empty → upgrade → nothing to do → downgrade → empty", async (name) => {
    const p = `${uniqueName("dza")}_`;
    const model = fromDrizzle(schemas[name](p));
    const connection = await connect(liveUrl(name));
    open.push(connection);
    const dialect = connection.dialect;
    // Only this test's tables and enums take part: the database is shared with parallel tests.
    const options = { includeName: (objectName: string, type: string): boolean => !["table", "enum", "view", "sequence"].includes(type) || objectName.startsWith(p) };
    const run = async (ops: readonly SchemaOperation[]): Promise<void> => {
      for (const op of ops) for (const sql of dialect.ddl.compile(op)) await connection.execute(sql);
    };
    const ours = async (): Promise<string[]> =>
      (await dialect.reflect(connection)).tables.map((t) => t.name).filter((n) => n.startsWith(p)).sort();
    try {
      const produced = await produceMigrations(connection, model, options);
      expect(produced.upgradeOps.filter((op) => (op as SchemaOperation).kind === "createTable")).toHaveLength(3);
      await run(produced.upgradeOps as readonly SchemaOperation[]);
      expect(await ours()).toEqual([`${p}authors`, `${p}books`, `${p}reviews`]);

      expect(await compareMetadata(connection, model, options)).toEqual([]);

      await run(produced.downgradeOps as readonly SchemaOperation[]);
      expect(await ours()).toEqual([]);
      if (name === "postgresql") {
        const enums = (await dialect.reflect(connection)).enums.filter((e) => e.name.startsWith(p));
        expect(enums).toEqual([]);
      }
    } finally {
      for (const table of [...model.tables].reverse()) await connection.execute(`DROP TABLE IF EXISTS ${dialect.quoteTable(table.name)}`);
      for (const e of model.enums) await connection.execute(`DROP TYPE IF EXISTS ${dialect.quoteIdentifier(e.name)}`);
    }
  });
});
