import { expect, test } from "vitest";
import * as athanor from "../../src/index.js";
import { type as t, column, MetaData } from "../../src/index.js";

test("the package exports the schema DSL under the names the README uses", () => {
  for (const name of ["type", "column", "MetaData", "DeclaredTable", "ColumnBuilder", "ColumnRef", "expr", "f", "FinalName",
    "index", "uniqueIndex", "unique", "check", "foreignKey", "primaryKey", "conventionalName"]) {
    expect(athanor, name).toHaveProperty(name);
  }
  // internals stay behind their module paths
  for (const name of ["buildTable", "buildColumn", "importModule", "createMysqlDialect", "versionChanges", "parseRevisionRange", "assertValidRevisionId"]) {
    expect(athanor, name).not.toHaveProperty(name);
  }
  const metadata = new MetaData();
  const users = metadata.table("users", { id: column("id", t.integer(), { primaryKey: true }), email: column.string(255).notNull() });
  expect(metadata.toModel().tables[0]!.columns.map((c) => [c.name, c.nullable])).toEqual([["id", false], ["email", false]]);
  expect(users.c.email.name).toBe("email");
});
