// Views as operations: the DDL each database gets, the options a database
// lacks refused in one line, each operation's reverse, and the code a revision
// gets for it.
import { describe, expect, test } from "vitest";
import { renderOperations } from "../../src/autogenerate/render/index.js";
import { getDialect } from "../../src/dialects/index.js";
import type { SchemaOperation } from "../../src/dialects/contract/index.js";
import { reverseOperation } from "../../src/operations/reverse/index.js";
import type { View } from "../../src/schema/model.js";
import { AthanorError } from "../../src/util/errors.js";

const active: View = { name: "active", definition: "SELECT id FROM users WHERE active;", checkOption: "local" };
const counts: View = { name: "counts", schema: "stats", definition: "SELECT count(*) AS n FROM users", materialized: true, withNoData: true };

function compile(dialect: string, operation: SchemaOperation): string[] {
  return getDialect(dialect).ddl.compile(operation);
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AthanorError);
    return (error as AthanorError).message;
  }
  throw new Error("not refused");
}

describe("view DDL", () => {
  test("PostgreSQL: options in WITH (...), a materialized view WITH NO DATA, replace drops and creates, refresh", () => {
    expect(compile("postgresql", { kind: "createView", view: { ...active, securityBarrier: true, securityInvoker: true } })).toEqual([
      'CREATE VIEW "active" WITH (security_barrier = true, security_invoker = true) AS SELECT id FROM users WHERE active WITH LOCAL CHECK OPTION',
    ]);
    expect(compile("postgresql", { kind: "createView", view: counts })).toEqual(['CREATE MATERIALIZED VIEW "stats"."counts" AS SELECT count(*) AS n FROM users WITH NO DATA']);
    expect(compile("postgresql", { kind: "replaceView", view: { name: "active", definition: "SELECT 1" }, existing: active })).toEqual([
      'DROP VIEW IF EXISTS "active"',
      'CREATE VIEW "active" AS SELECT 1',
    ]);
    expect(compile("postgresql", { kind: "dropView", name: "counts", schema: "stats", materialized: true })).toEqual(['DROP MATERIALIZED VIEW "stats"."counts"']);
    expect(compile("postgresql", { kind: "refreshMaterializedView", name: "counts", concurrently: true })).toEqual(['REFRESH MATERIALIZED VIEW CONCURRENTLY "counts"']);
  });

  test("MySQL: ALGORITHM and SQL SECURITY before VIEW, replace in place; no materialized views", () => {
    expect(compile("mysql", { kind: "createView", view: { ...active, algorithm: "merge", securityInvoker: true } })).toEqual([
      "CREATE ALGORITHM = MERGE SQL SECURITY INVOKER VIEW `active` AS SELECT id FROM users WHERE active WITH LOCAL CHECK OPTION",
    ]);
    expect(compile("mysql", { kind: "replaceView", view: { name: "active", definition: "SELECT 1" }, existing: active })).toEqual(["CREATE OR REPLACE VIEW `active` AS SELECT 1"]);
    expect(refusal(() => compile("mysql", { kind: "createView", view: counts }))).toMatch(/MySQL has no materialized views/);
    expect(refusal(() => compile("mysql", { kind: "createView", view: { ...active, securityBarrier: true } }))).toMatch(/MySQL has no view option securityBarrier/);
  });

  test("SQLite: no options, not even CHECK OPTION", () => {
    expect(compile("sqlite", { kind: "createView", view: { name: "active", definition: "SELECT id FROM users" } })).toEqual(['CREATE VIEW "active" AS SELECT id FROM users']);
    expect(compile("sqlite", { kind: "dropView", name: "active", ifExists: true })).toEqual(['DROP VIEW IF EXISTS "active"']);
    expect(refusal(() => compile("sqlite", { kind: "createView", view: active }))).toMatch(/SQLite has no view option checkOption/);
    expect(refusal(() => compile("sqlite", { kind: "refreshMaterializedView", name: "counts" }))).toMatch(/SQLite has no materialized views/);
  });
});

describe("view operations reversed and rendered", () => {
  test("create and drop undo each other; a replace swaps its definitions; a drop or replace without the old view says why it cannot", () => {
    expect(reverseOperation({ kind: "createView", view: counts })).toEqual({ kind: "dropView", name: "counts", schema: "stats", materialized: true, view: counts });
    expect(reverseOperation({ kind: "dropView", name: "active", view: active })).toEqual({ kind: "createView", view: active });
    const replaced: View = { name: "active", definition: "SELECT 1" };
    expect(reverseOperation({ kind: "replaceView", view: replaced, existing: active })).toEqual({ kind: "replaceView", view: active, existing: replaced });
    expect(() => reverseOperation({ kind: "dropView", name: "active" })).toThrow(/dropView\("active"\) cannot be reversed: the view's definition is unknown/);
    expect(() => reverseOperation({ kind: "replaceView", view: replaced })).toThrow(/replaceView\("active"\) cannot be reversed/);
  });

  test("each renders as the op call that builds it", () => {
    const code = renderOperations([
      { kind: "createView", view: active },
      { kind: "createView", view: counts },
      { kind: "replaceView", view: { name: "active", definition: "SELECT 1" }, existing: { name: "active", definition: "SELECT 2" } },
      { kind: "dropView", name: "counts", schema: "stats", materialized: true },
      { kind: "refreshMaterializedView", name: "counts" },
    ]).upgrades;
    expect(code).toContain(`op.createView("active", "SELECT id FROM users WHERE active;", { checkOption: "local" })`);
    expect(code).toMatch(/op\.createMaterializedView\("counts", "SELECT count\(\*\) AS n FROM users", \{\s*schema: "stats",\s*withNoData: true,?\s*\}\)/);
    expect(code).toContain(`op.replaceView("active", "SELECT 1", { existing: { name: "active", definition: "SELECT 2" } })`);
    expect(code).toContain(`op.dropMaterializedView("counts", { schema: "stats" })`);
    expect(code).toContain(`op.refreshMaterializedView("counts")`);
  });
});
