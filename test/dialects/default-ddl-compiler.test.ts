import { describe, expect, test } from "vitest";
import { DefaultDdlCompiler } from "../../src/dialects/ddl/default-ddl-compiler.js";
import { referentialAction } from "../../src/dialects/ddl/referential-actions.js";
import { renderStandardType, type StandardType } from "../../src/dialects/ddl/standard-types.js";
import { createMysqlDialect, mysqlDialect } from "../../src/dialects/mysql/index.js";
import { postgresqlDialect } from "../../src/dialects/postgresql/index.js";
import { sqliteDialect } from "../../src/dialects/sqlite/index.js";
import type { ColumnType, ForeignKeyAction, Table } from "../../src/schema/model.js";
import { AthanorError } from "../../src/util/errors.js";

/** The standard behaviour alone: a database that overrides nothing but its name and types. */
class StandardDdlCompiler extends DefaultDdlCompiler {
  protected readonly database = "Standard SQL";

  renderType(type: ColumnType): string {
    return type.kind === "custom" ? type.sql : type.kind;
  }
}

const quoting = {
  quoteIdentifier: (name: string): string => `"${name.replace(/"/g, '""')}"`,
  quoteTable: (name: string, schema?: string | null): string =>
    schema ? `"${schema}"."${name.replace(/"/g, '""')}"` : `"${name.replace(/"/g, '""')}"`,
  literal: (value: unknown): string => (typeof value === "string" ? `'${value.replace(/'/g, "''")}'` : String(value)),
};
const standard = new StandardDdlCompiler(quoting);

function table(extra: Partial<Table> = {}): Table {
  return {
    name: "orders",
    columns: [
      { name: "id", type: { kind: "integer" }, nullable: false, identity: { always: true, start: 10 } },
      { name: "customer", type: { kind: "integer" }, nullable: true, comment: "who's buying" },
      { name: "state", type: { kind: "text" }, nullable: false, serverDefault: { kind: "literal", value: "new" } },
    ],
    primaryKey: { name: "pk_orders", columns: ["id"] },
    foreignKeys: [{ name: "fk_customer", columns: ["customer"], refTable: "customers", refColumns: ["id"], onDelete: "set null", match: "full", deferrable: true }],
    uniques: [{ columns: ["customer", "state"] }],
    checks: [{ name: "ck_state", sql: "state <> ''" }],
    indexes: [{ name: "ix_state", columns: ["state", { expression: "lower(state)" }], unique: false, where: "state <> 'done'" }],
    ...extra,
  };
}

function thrown(run: () => unknown): AthanorError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AthanorError);
    return error as AthanorError;
  }
  throw new Error("expected an AthanorError");
}

describe("the default DDL compiler", () => {
  test("creates a table with standard constraints, identity, indexes and COMMENT ON statements", () => {
    expect(standard.compile({ kind: "createTable", table: table({ comment: "all orders" }), ifNotExists: true })).toEqual([
      'CREATE TABLE IF NOT EXISTS "orders" (\n' +
        '  "id" integer GENERATED ALWAYS AS IDENTITY (START WITH 10) NOT NULL,\n' +
        '  "customer" integer,\n' +
        "  \"state\" text DEFAULT 'new' NOT NULL,\n" +
        '  CONSTRAINT "pk_orders" PRIMARY KEY ("id"),\n' +
        '  UNIQUE ("customer", "state"),\n' +
        "  CONSTRAINT \"ck_state\" CHECK (state <> ''),\n" +
        '  CONSTRAINT "fk_customer" FOREIGN KEY ("customer") REFERENCES "customers" ("id") MATCH FULL ON DELETE SET NULL DEFERRABLE\n' +
        ")",
      `CREATE INDEX IF NOT EXISTS "ix_state" ON "orders" ("state", (lower(state))) WHERE state <> 'done'`,
      `COMMENT ON TABLE "orders" IS 'all orders'`,
      `COMMENT ON COLUMN "orders"."customer" IS 'who''s buying'`,
    ]);
  });

  test("alters a column one aspect at a time, with the standard SET DATA TYPE", () => {
    expect(
      standard.compile({
        kind: "alterColumn",
        table: "orders",
        name: "state",
        changes: { type: { kind: "custom", sql: "varchar(20)" }, nullable: true, serverDefault: null, comment: null, newName: "status" },
        existing: {},
      }),
    ).toEqual([
      'ALTER TABLE "orders" ALTER COLUMN "state" SET DATA TYPE varchar(20)',
      'ALTER TABLE "orders" ALTER COLUMN "state" DROP NOT NULL',
      'ALTER TABLE "orders" ALTER COLUMN "state" DROP DEFAULT',
      'COMMENT ON COLUMN "orders"."state" IS NULL',
      'ALTER TABLE "orders" RENAME COLUMN "state" TO "status"',
    ]);
  });

  test("refuses what the standard lacks, naming the database", () => {
    const using = thrown(() =>
      standard.compile({ kind: "alterColumn", table: "t", name: "c", changes: { type: { kind: "text" }, using: "c::text" }, existing: {} }),
    );
    expect(using.message).toBe(`alterColumn "c": USING is PostgreSQL's; Standard SQL converts the values itself`);
    const method = thrown(() => standard.compile({ kind: "createIndex", table: "t", index: { name: "ix", columns: ["c"], unique: false, using: "gin" } }));
    expect(method.message).toBe(`Index "ix": Standard SQL has no index methods (USING gin)`);
    const include = thrown(() => standard.compile({ kind: "createIndex", table: "t", index: { name: "ix", columns: ["c"], unique: false, include: ["d"] } }));
    expect(include.message).toBe(`Index "ix": Standard SQL has no INCLUDE columns`);
    const enumValue = thrown(() => standard.compile({ kind: "addEnumValue", name: "mood", value: "ok" }));
    expect(enumValue.message).toBe(`Standard SQL has no named enum types: addEnumValue "mood" cannot be compiled`);
  });

  test("writes an enum out in each column: creating or dropping one needs no statement", () => {
    expect(standard.compile({ kind: "createEnum", enum: { name: "mood", values: ["ok"] } })).toEqual([]);
    expect(standard.compile({ kind: "dropEnum", name: "mood" })).toEqual([]);
  });

  test("inserts rows with DEFAULT for a key a row leaves out", () => {
    expect(standard.compile({ kind: "bulkInsert", table: "orders", columns: [], rows: [{ id: 1, state: "x" }, { id: 2 }] })).toEqual([
      `INSERT INTO "orders" ("id", "state") VALUES\n(1, 'x'),\n(2, DEFAULT)`,
    ]);
  });
});

describe("the three databases share the default compiler", () => {
  test("each dialect's compiler is a default DDL compiler", () => {
    for (const ddl of [postgresqlDialect.ddl, mysqlDialect.ddl, createMysqlDialect({ flavor: "mariadb" }).ddl, sqliteDialect.ddl]) {
      expect(ddl).toBeInstanceOf(DefaultDdlCompiler);
    }
  });

  test("one referential-actions table: every database spells the actions alike and refuses an unknown one", () => {
    const actions: ForeignKeyAction[] = ["cascade", "restrict", "set null", "set default", "no action"];
    for (const ddl of [postgresqlDialect.ddl!, mysqlDialect.ddl!, sqliteDialect.ddl!]) {
      for (const action of actions) {
        const [sql] = ddl.compile({
          kind: "createTable",
          table: table({ indexes: [], foreignKeys: [{ columns: ["customer"], refTable: "customers", refColumns: ["id"], onUpdate: action }] }),
        });
        expect(sql).toContain(`ON UPDATE ${referentialAction(action)}`);
      }
      const bogus = { columns: ["customer"], refTable: "customers", refColumns: ["id"], onDelete: "explode" as ForeignKeyAction };
      const error = thrown(() => ddl.compile({ kind: "createTable", table: table({ indexes: [], foreignKeys: [bogus] }) }));
      expect(error.message).toBe('Unknown foreign key action "explode"');
    }
  });

  test("SQLite refuses a key naming no columns and an empty check, as the servers do, instead of writing broken SQL", () => {
    const ddl = sqliteDialect.ddl!;
    expect(thrown(() => ddl.compile({ kind: "createTable", table: table({ indexes: [], uniques: [{ name: "uq", columns: [] }] }) })).message).toBe(
      'The unique constraint "uq" names no columns',
    );
    expect(thrown(() => ddl.compile({ kind: "createTable", table: table({ indexes: [], checks: [{ name: "ck", sql: " " }] }) })).message).toBe(
      'Check constraint "ck" has no condition',
    );
  });
});

describe("standard type spellings", () => {
  const cases: Array<[StandardType, string]> = [
    [{ kind: "integer" }, "integer"],
    [{ kind: "numeric", precision: 10, scale: 2 }, "numeric(10, 2)"],
    [{ kind: "float" }, "real"],
    [{ kind: "float", precision: 30 }, "float(30)"],
    [{ kind: "double" }, "double precision"],
    [{ kind: "string", length: 255 }, "varchar(255)"],
    [{ kind: "char", length: 3 }, "char(3)"],
    [{ kind: "interval" }, "interval"],
  ];
  test.each(cases)("%j is %s on PostgreSQL and SQLite alike", (type, sql) => {
    expect(renderStandardType(type)).toBe(sql);
    expect(postgresqlDialect.ddl!.renderType(type)).toBe(sql);
    expect(sqliteDialect.ddl!.renderType(type)).toBe(sql);
  });

  test("a length that is not a non-negative integer is refused, naming what it is", () => {
    for (const ddl of [postgresqlDialect.ddl!, sqliteDialect.ddl!]) {
      expect(thrown(() => ddl.renderType({ kind: "string", length: -1 })).message).toBe("A string length must be a non-negative integer, got -1");
      expect(thrown(() => ddl.renderType({ kind: "numeric", scale: 2 })).message).toBe("A numeric scale needs a precision");
    }
  });
});
