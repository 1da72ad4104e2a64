// The schema builders refuse option keys they do not know, as op methods do:
// revision files and env.ts are loaded without type-checking, so a misspelt
// `primarykey` or `ondelete` would otherwise be dropped without a word.
import { describe, expect, it } from "vitest";
import { captureOp } from "../operations/capture.js";
import { MetaData, check, column, foreignKey, primaryKey, type as t } from "../../src/schema/index.js";
import { AthanorError } from "../../src/util/errors.js";

/** The message of the AthanorError a call throws. */
function refusal(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(AthanorError);
    return (error as Error).message;
  }
  throw new Error("expected the call to be refused");
}

const bad = (value: object): never => value as never;

describe("schema builders refuse option keys they do not know", () => {
  it("op.column(name, type, options), and the objects inside the options, name the key meant", () => {
    const { op } = captureOp();
    expect(refusal(() => op.column("id", op.type.integer(), bad({ primarykey: true })))).toBe(
      'column("id"): unknown option "primarykey" (did you mean "primaryKey"?); known options: primaryKey, nullable, default, defaultSql, autoincrement, identity, generated, comment, collation, onUpdate, unique, index, check, references',
    );
    expect(refusal(() => column("org_id", t.integer(), bad({ references: { column: "orgs.id", ondelete: "cascade" } })))).toBe(
      'column("org_id") references: unknown option "ondelete" (did you mean "onDelete"?); known options: name, onDelete, onUpdate, deferrable, initially, match, column',
    );
    expect(refusal(() => column("id", t.integer(), bad({ identity: { always: true, begin: 5 } })))).toMatch(/^column\("id"\) identity: unknown option "begin"; known options: start, /);
    expect(refusal(() => column("total", t.integer(), bad({ generated: { sql: "a + b", stord: true } })))).toMatch(/^column\("total"\) generated: unknown option "stord" \(did you mean "stored"\?\)/);
    expect(refusal(() => column("qty", t.integer(), bad({ check: { sql: "qty > 0", nmae: "ck_qty" } })))).toMatch(/^column\("qty"\) check: unknown option "nmae" \(did you mean "name"\?\)/);
    // the known keys, and keys given as undefined, pass
    expect(() => column("a", t.integer(), { primaryKey: true, comment: undefined, references: { column: "b.id", onDelete: "cascade" } })).not.toThrow();
  });

  it("table elements: foreignKey({...}), primaryKey({...}), and a column builder's option objects", () => {
    expect(refusal(() => foreignKey(bad({ columns: ["a"], foreignColumns: ["b.id"], onDelet: "cascade" })))).toBe(
      'foreignKey(): unknown option "onDelet" (did you mean "onDelete"?); known options: name, onDelete, onUpdate, deferrable, initially, match, columns, foreignColumns',
    );
    expect(refusal(() => primaryKey(bad({ column: ["a"] })))).toMatch(/^primaryKey\(\): unknown option "column" \(did you mean "columns"\?\)/);
    expect(refusal(() => column.integer().references("users.id", bad({ onUpdte: "cascade" })))).toMatch(/^references\(\): unknown option "onUpdte" \(did you mean "onUpdate"\?\)/);
    expect(refusal(() => column.integer().identity(bad({ always: true, cach: 5 })))).toMatch(/^identity\(\): unknown option "cach" \(did you mean "cache"\?\)/);
    expect(refusal(() => column.integer().primaryKey(bad({ nam: "pk" })))).toMatch(/^primaryKey\(\): unknown option "nam" \(did you mean "name"\?\)/);
    expect(refusal(() => column.integer().index(bad({ uniqe: true })))).toMatch(/^index\(\): unknown option "uniqe" \(did you mean "unique"\?\)/);
    expect(refusal(() => column.integer().unique(bad({ nullsDistinct: false })))).toMatch(/^unique\(\): unknown option "nullsDistinct"/);
    expect(refusal(() => column.integer().generated("1", bad({ store: true })))).toMatch(/^generated\(\): unknown option "store" \(did you mean "stored"\?\)/);
    expect(refusal(() => t.timestamp(bad({ withTimeZone: true })))).toMatch(/^timestamp\(\): unknown option "withTimeZone" \(did you mean "withTimezone"\?\)/);
    expect(refusal(() => t.enumType("mood", ["a"], bad({ schem: "app" })))).toMatch(/^enumType\("mood"\): unknown option "schem" \(did you mean "schema"\?\)/);
    // the builders still work with their known keys
    expect(column.integer().unique({ name: "uq_a" }).index("ix_a").identity({ always: true, cache: 5 }).build("a").identity).toEqual({ always: true, cache: 5 });
    expect(check("ck", "a > 0")).toBeDefined();
  });

  it("the metadata DSL: table options (with its mysql bag and policies), MetaData, views, sequences, enums", () => {
    const metadata = new MetaData();
    expect(refusal(() => metadata.table("users", { id: column.integer().primaryKey() }, bad({ coment: "people" })))).toBe(
      'table("users"): unknown option "coment" (did you mean "comment"?); known options: schema, comment, mysql, dialectOptions, rowLevelSecurity, policies',
    );
    expect(refusal(() => metadata.table("t1", { id: column.integer() }, () => [], bad({ mysql: { engin: "InnoDB" } })))).toMatch(
      /^table\("t1"\) mysql: unknown option "engin" \(did you mean "engine"\?\); known options: engine, charset, collate, rowFormat$/,
    );
    expect(refusal(() => metadata.table("t2", { id: column.integer() }, bad({ policies: [{ name: "p", usng: "true" }] })))).toMatch(
      /^table\("t2"\) policy "p": unknown option "usng" \(did you mean "using"\?\)/,
    );
    expect(refusal(() => new MetaData(bad({ namingConventions: {} })))).toMatch(/^new MetaData\(\): unknown option "namingConventions" \(did you mean "namingConvention"\?\)/);
    expect(refusal(() => metadata.view("v", "SELECT 1", bad({ checkoption: "local" })))).toMatch(/^view\("v"\): unknown option "checkoption" \(did you mean "checkOption"\?\)/);
    expect(refusal(() => metadata.materializedView("m", "SELECT 1", bad({ withNoDate: true })))).toMatch(/^materializedView\("m"\): unknown option "withNoDate" \(did you mean "withNoData"\?\)/);
    expect(refusal(() => metadata.sequence("s", bad({ startWith: 5 })))).toMatch(/^sequence\("s"\): unknown option "startWith" \(did you mean "start"\?\)/);
    expect(refusal(() => metadata.enum("mood", ["a"], bad({ shema: "app" })))).toMatch(/^enum\("mood"\): unknown option "shema" \(did you mean "schema"\?\)/);
    // nothing was declared by the refused calls; known keys pass
    metadata.table("users", { id: column.integer().primaryKey() }, { comment: "people", mysql: { engine: "InnoDB" } });
    expect(metadata.toModel().tables.map((table) => table.name)).toEqual(["users"]);
  });
});
