import { expect, test } from "vitest";
import { getDialect } from "../../src/dialects/index.js";
import type { SchemaOperation } from "../../src/dialects/contract/index.js";

const table = (refColumns: string[]): SchemaOperation => ({
  kind: "createTable",
  table: {
    name: "child",
    columns: [{ name: "parent_id", type: { kind: "integer" }, nullable: true }],
    foreignKeys: [{ name: "fk_child_parent", columns: ["parent_id"], refTable: "parent", refColumns }],
    uniques: [],
    checks: [],
    indexes: [],
  },
});

test.each(["sqlite", "postgresql", "mysql"])("%s: a foreign key must pair each column with one referenced column", (name) => {
  const ddl = getDialect(name).ddl;
  for (const refColumns of [[], ["id", "other"]]) {
    expect(() => ddl.compile(table(refColumns))).toThrow(
      `Foreign key "fk_child_parent" has 1 column(s) referencing ${refColumns.length}`,
    );
  }
  expect(ddl.compile(table(["id"])).join("\n")).toMatch(/REFERENCES .parent. \(.id.\)/);
});
