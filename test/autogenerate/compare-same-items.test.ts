// Items the same on both sides are compared without their keys; what a
// comparison still owes them: a user's comparison functions and includeObject
// are asked about every one, and what their tables add (a default collation)
// still counts.
import { describe, expect, test } from "vitest";
import { compareSchemas } from "../../src/autogenerate/compare/index.js";
import type { CompareObjectType } from "../../src/autogenerate/compare/types.js";
import { getDialect } from "../../src/dialects/index.js";
import type { Table } from "../../src/schema/model.js";

const DIALECTS = ["sqlite", "postgresql", "mysql"] as const;

function wide(name: string): Table {
  return {
    name,
    columns: [
      { name: "id", type: { kind: "integer" }, nullable: false },
      { name: "code", type: { kind: "string", length: 20 }, nullable: false },
      { name: "note", type: { kind: "text" }, nullable: true, serverDefault: { kind: "literal", value: "x" }, comment: "a note" },
      { name: "parent_id", type: { kind: "integer" }, nullable: true },
    ],
    primaryKey: { columns: ["id"] },
    foreignKeys: [{ name: `fk_${name}_parent`, columns: ["parent_id"], refTable: name, refColumns: ["id"], onDelete: "cascade" }],
    uniques: [{ name: `uq_${name}_code`, columns: ["code"] }],
    checks: [{ name: `ck_${name}_code`, sql: "code <> ''" }],
    indexes: [{ name: `ix_${name}_note`, columns: ["parent_id", "code"], unique: false }],
  };
}

describe("items the same on both sides", () => {
  test.each(DIALECTS)("%s: tables read back as declared differ in nothing; one field changed anywhere is found", (name) => {
    const dialect = getDialect(name);
    const declared = { tables: [wide("t1"), wide("t2")], enums: [] };
    const copy = structuredClone(declared);
    expect(compareSchemas(declared, copy, { dialect })).toEqual([]);
    const changed = structuredClone(declared);
    changed.tables[1]!.columns[2] = { ...changed.tables[1]!.columns[2]!, nullable: false };
    changed.tables[1]!.indexes[0] = { ...changed.tables[1]!.indexes[0]!, columns: ["code", "parent_id"] };
    changed.tables[0]!.foreignKeys[0] = { ...changed.tables[0]!.foreignKeys[0]!, onDelete: "set null" };
    const kinds = compareSchemas(declared, changed, { dialect }).map((d) => `${d.kind} ${"table" in d ? String(d.table) : ""}`);
    expect(kinds).toEqual(expect.arrayContaining(["removeIndex t2", "addIndex t2", "removeConstraint t1", "addConstraint t1"]));
    expect(kinds.filter((k) => k === "modifyColumn t2")).toHaveLength(1);
  });

  test.each(DIALECTS)("%s: compareType, compareServerDefault and includeObject are asked about every column, the same ones too", (name) => {
    const dialect = getDialect(name);
    const declared = { tables: [wide("t1")], enums: [] };
    const typesAsked: string[] = [];
    const defaultsAsked: string[] = [];
    const seen: [string | undefined, CompareObjectType, boolean, boolean][] = [];
    const diffs = compareSchemas(declared, structuredClone(declared), {
      dialect,
      compareType: (context) => {
        typesAsked.push(context.column);
        return context.column === "code" ? true : undefined;
      },
      compareServerDefault: (context) => {
        defaultsAsked.push(context.column);
        return context.column === "note" ? true : undefined;
      },
      includeObject: (_object, objectName, type, reflected, compareTo) => {
        if (type === "column") seen.push([objectName, type, reflected, compareTo !== undefined]);
        return true;
      },
    });
    expect(typesAsked).toEqual(["id", "code", "note", "parent_id"]);
    expect(defaultsAsked).toEqual(["id", "code", "note", "parent_id"]);
    const changes = diffs.flatMap((d) => (d.kind === "modifyColumn" ? [[d.column, Object.keys(d.changes).sort().join(",")]] : []));
    expect(changes).toEqual([
      ["code", "type"],
      ["note", "serverDefault"],
    ]);
    expect(seen).toHaveLength(8);
    expect(seen.every(([, , , counterpart]) => counterpart)).toBe(true);
  });

  test("mysql: a column the same on both sides follows its table's new default collation", () => {
    const dialect = getDialect("mysql");
    const withCollation = (collate: string): Table => ({ ...wide("t1"), dialectOptions: { mysql: { charset: "utf8mb4", collate } } });
    const diffs = compareSchemas({ tables: [withCollation("utf8mb4_bin")], enums: [] }, { tables: [withCollation("utf8mb4_general_ci")], enums: [] }, { dialect });
    const columns = diffs.flatMap((d) => (d.kind === "modifyColumn" ? [`${d.column} ${Object.keys(d.changes).join(",")}`] : []));
    expect(columns).toEqual(["code collation", "note collation"]);
  });
});
