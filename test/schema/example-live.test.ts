import { afterAll, describe, expect, test } from "vitest";
import { connect } from "../../src/dialects/index.js";
import type { Connection } from "../../src/dialects/contract/index.js";
import type { ColumnType, SchemaModel, Table } from "../../src/schema/model.js";
import { metadata } from "../../examples/schema/schema.js";
import { liveUrl, uniqueName } from "../dialects/helpers.js";
import { liveDialects } from "../support/servers.js";

/**
 * The README's schema created on a real database from its model, and read back
 * from the catalog. MySQL/MariaDB are left out: the example shows a partial index
 * and an expression index, which MariaDB does not have.
 */

/** The model with every table, enum, index and constraint name prefixed, so parallel runs never meet. */
function prefixed(model: SchemaModel, p: string): SchemaModel {
  const n = (name: string | undefined): string | undefined => (name === undefined ? undefined : `${p}${name}`);
  const type = (t: ColumnType): ColumnType =>
    t.kind === "enum" ? { ...t, name: n(t.name)! } : t.kind === "array" ? { ...t, of: type(t.of) } : t;
  const table = (t: Table): Table => ({
    ...t,
    name: n(t.name)!,
    columns: t.columns.map((c) => ({ ...c, type: type(c.type) })),
    ...(t.primaryKey ? { primaryKey: { ...t.primaryKey, name: n(t.primaryKey.name) } } : {}),
    foreignKeys: t.foreignKeys.map((fk) => ({ ...fk, name: n(fk.name), refTable: n(fk.refTable)! })),
    uniques: t.uniques.map((u) => ({ ...u, name: n(u.name) })),
    checks: t.checks.map((c) => ({ ...c, name: n(c.name) })),
    indexes: t.indexes.map((i) => ({ ...i, name: n(i.name)! })),
  });
  return { tables: model.tables.map(table), enums: model.enums.map((e) => ({ ...e, name: n(e.name)! })) };
}

const dialects = liveDialects().filter((d) => d !== "mysql");

describe.skipIf(dialects.length === 0)("the README's schema on a live database", () => {
  const open: Connection[] = [];
  afterAll(async () => {
    for (const connection of open) await connection.close();
  });

  test.each(dialects)("%s: created from the model and read back", async (name) => {
    const p = `${uniqueName("mx")}_`;
    const model = prefixed(metadata.toModel(), p);
    const connection = await connect(liveUrl(name));
    open.push(connection);
    const ddl = connection.dialect.ddl;
    const statements = [
      ...(name === "postgresql" ? model.enums.flatMap((e) => ddl.compile({ kind: "createEnum", enum: e })) : []),
      ...model.tables.flatMap((table) => ddl.compile({ kind: "createTable", table })),
    ];
    try {
      for (const sql of statements) await connection.execute(sql);
      const reflected = await connection.dialect.reflect(connection, { tables: model.tables.map((t) => t.name) });
      const byName = new Map(reflected.tables.map((t) => [t.name, t]));
      expect([...byName.keys()].sort()).toEqual(model.tables.map((t) => t.name).sort());
      for (const table of model.tables) {
        const got = byName.get(table.name)!;
        expect(got.columns.map((c) => [c.name, c.nullable]), table.name).toEqual(table.columns.map((c) => [c.name, c.nullable]));
        expect(got.primaryKey?.columns, table.name).toEqual(table.primaryKey?.columns);
        const fks = (t: Table): string[] => t.foreignKeys.map((fk) => `${fk.columns.join(",")}->${fk.refTable}(${fk.refColumns.join(",")}) ${fk.onDelete ?? "no action"}`).sort();
        expect(fks(got), table.name).toEqual(fks(table));
        expect(got.indexes.map((i) => [i.name, i.unique]).sort(), table.name).toEqual(expect.arrayContaining(table.indexes.map((i) => [i.name, i.unique]).sort()));
        expect(got.checks.length, table.name).toBeGreaterThanOrEqual(table.checks.length);
      }
      const posts = byName.get(`${p}posts`)!;
      expect(posts.indexes.find((i) => i.name === `${p}ix_posts_published`)?.where).toMatch(/published_at IS NOT NULL/i);
      if (name === "postgresql") {
        expect(reflected.enums.find((e) => e.name === `${p}user_role`)?.values).toEqual(["admin", "editor", "reader"]);
      }
    } finally {
      for (const table of [...model.tables].reverse()) {
        await connection.execute(`DROP TABLE IF EXISTS ${connection.dialect.quoteTable(table.name)}`);
      }
      if (name === "postgresql") {
        for (const e of model.enums) await connection.execute(`DROP TYPE IF EXISTS ${connection.dialect.quoteIdentifier(e.name)}`);
      }
    }
  });
});
