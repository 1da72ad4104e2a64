import { describe, expect, test } from "vitest";
import { sqliteDialect } from "../../../src/dialects/sqlite/index.js";
import { parseSqliteType } from "../../../src/dialects/sqlite/type-compiler.js";
import type { SchemaOperation } from "../../../src/dialects/contract/index.js";
import type { Column, ColumnType, Table } from "../../../src/schema/model.js";
import { AthanorError } from "../../../src/util/errors.js";

const ddl = sqliteDialect.ddl;
const compile = (op: SchemaOperation): string[] => ddl.compile(op);

function table(name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return { name, columns, foreignKeys: [], uniques: [], checks: [], indexes: [], ...extra };
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

/** A name with a space, quotes, a reserved word and non-ASCII letters, and its quoted form. */
const H = 'my "select" é\'ü';
const QH = '"my ""select"" é\'ü"';

describe("SQLite types", () => {
  const cases: Array<[ColumnType, string, ColumnType?]> = [
    [{ kind: "smallint" }, "smallint"],
    [{ kind: "integer" }, "integer"],
    [{ kind: "bigint" }, "bigint"],
    [{ kind: "numeric" }, "numeric"],
    [{ kind: "numeric", precision: 10 }, "numeric(10)"],
    [{ kind: "numeric", precision: 10, scale: 2 }, "numeric(10, 2)"],
    [{ kind: "float" }, "real"],
    [{ kind: "float", precision: 24 }, "float(24)"],
    [{ kind: "double" }, "double precision"],
    [{ kind: "boolean" }, "boolean"],
    [{ kind: "string" }, "varchar"],
    [{ kind: "string", length: 20 }, "varchar(20)"],
    [{ kind: "char", length: 3 }, "char(3)"],
    [{ kind: "text" }, "text"],
    [{ kind: "date" }, "date"],
    [{ kind: "time" }, "time"],
    [{ kind: "time", precision: 6, withTimezone: true }, "timetz(6)"],
    [{ kind: "timestamp" }, "timestamp"],
    [{ kind: "timestamp", withTimezone: true }, "timestamptz"],
    [{ kind: "timestamp", precision: 3 }, "timestamp(3)"],
    [{ kind: "interval" }, "interval"],
    [{ kind: "binary" }, "blob"],
    [{ kind: "binary", length: 16 }, "blob(16)"],
    [{ kind: "json" }, "text", { kind: "text" }],
    [{ kind: "jsonb" }, "text", { kind: "text" }],
    [{ kind: "uuid" }, "text", { kind: "text" }],
    [{ kind: "enum", name: "mood", values: ["a", "b"] }, "text", { kind: "text" }],
    [{ kind: "custom", sql: "money(4)" }, "money(4)"],
    [{ kind: "custom", sql: "" }, ""],
  ];
  test.each(cases)("%j renders as %s and reads back", (type, sql, readBack) => {
    expect(ddl.renderType(type)).toBe(sql);
    expect(parseSqliteType(sql)).toEqual(readBack ?? type);
  });

  test("hand-written spellings read as their neutral types", () => {
    expect(parseSqliteType("INT")).toEqual({ kind: "integer" });
    expect(parseSqliteType("DATETIME")).toEqual({ kind: "timestamp" });
    expect(parseSqliteType("DECIMAL(10,2)")).toEqual({ kind: "numeric", precision: 10, scale: 2 });
    expect(parseSqliteType("NVARCHAR(20)")).toEqual({ kind: "string", length: 20 });
    expect(parseSqliteType("CHARACTER VARYING(5)")).toEqual({ kind: "string", length: 5 });
    expect(parseSqliteType("CLOB")).toEqual({ kind: "text" });
    expect(parseSqliteType("JSON")).toEqual({ kind: "json" });
    expect(parseSqliteType("UNSIGNED BIG INT")).toEqual({ kind: "custom", sql: "UNSIGNED BIG INT" });
  });

  test("arrays and bad sizes are errors", () => {
    expect(thrown(() => ddl.renderType({ kind: "array", of: { kind: "integer" } })).message).toMatch(/no array/);
    expect(thrown(() => ddl.renderType({ kind: "string", length: -1 })).message).toMatch(/non-negative/);
    expect(thrown(() => ddl.renderType({ kind: "numeric", scale: 2 })).message).toMatch(/needs a precision/);
  });
});

describe("SQLite create and drop table", () => {
  test("every column feature and constraint kind, with indexes after", () => {
    const t = table(
      H,
      [
        { name: "id", type: { kind: "bigint" }, nullable: false, autoincrement: true },
        { name: H, type: { kind: "string", length: 50 }, nullable: false, collation: "NOCASE", serverDefault: { kind: "literal", value: "it's" } },
        { name: "flag", type: { kind: "boolean" }, nullable: false, serverDefault: { kind: "literal", value: true } },
        { name: "n", type: { kind: "integer" }, nullable: true, serverDefault: { kind: "literal", value: -5 } },
        { name: "at", type: { kind: "timestamp" }, nullable: true, serverDefault: { kind: "sql", sql: "CURRENT_TIMESTAMP" } },
        { name: "nul", type: { kind: "text" }, nullable: true, serverDefault: { kind: "literal", value: "a\u0000b" } },
        { name: "twice", type: { kind: "integer" }, nullable: true, computed: { sql: "n * 2", stored: true } },
        { name: "lower", type: { kind: "text" }, nullable: true, computed: { sql: `lower(${QH})`, stored: false }, comment: "not kept" },
        { name: "parent", type: { kind: "integer" }, nullable: true },
      ],
      {
        primaryKey: { name: `${H} pk`, columns: ["id"] },
        uniques: [{ name: `${H} uq`, columns: [H, "n"] }],
        checks: [{ name: `${H} ck`, sql: "n > 0" }],
        foreignKeys: [
          {
            name: `${H} fk`,
            columns: ["parent"],
            refTable: H,
            refColumns: ["id"],
            onDelete: "cascade",
            onUpdate: "set null",
            match: "full",
            deferrable: true,
            initially: "deferred",
          },
        ],
        indexes: [{ name: `${H} ix`, columns: [H, { expression: "lower(n) DESC" }], unique: true, where: "n > 1" }],
        comment: "not kept either",
      },
    );
    expect(compile({ kind: "createTable", table: t })).toEqual([
      `CREATE TABLE ${QH} (\n` +
        `  "id" integer NOT NULL CONSTRAINT "my ""select"" é'ü pk" PRIMARY KEY AUTOINCREMENT,\n` +
        `  ${QH} varchar(50) COLLATE "NOCASE" DEFAULT 'it''s' NOT NULL,\n` +
        `  "flag" boolean DEFAULT 1 NOT NULL,\n` +
        `  "n" integer DEFAULT -5,\n` +
        `  "at" timestamp DEFAULT (CURRENT_TIMESTAMP),\n` +
        `  "nul" text DEFAULT (CAST(X'610062' AS TEXT)),\n` +
        `  "twice" integer GENERATED ALWAYS AS (n * 2) STORED,\n` +
        `  "lower" text GENERATED ALWAYS AS (lower(${QH})) VIRTUAL,\n` +
        `  "parent" integer,\n` +
        `  CONSTRAINT "my ""select"" é'ü uq" UNIQUE (${QH}, "n"),\n` +
        `  CONSTRAINT "my ""select"" é'ü ck" CHECK (n > 0),\n` +
        `  CONSTRAINT "my ""select"" é'ü fk" FOREIGN KEY ("parent") REFERENCES ${QH} ("id") ON DELETE CASCADE ON UPDATE SET NULL MATCH FULL DEFERRABLE INITIALLY DEFERRED\n` +
        `)`,
      `CREATE UNIQUE INDEX "my ""select"" é'ü ix" ON ${QH} (${QH}, (lower(n)) DESC) WHERE n > 1`,
    ]);
  });

  test("composite primary key, schema, IF NOT EXISTS", () => {
    const t = table("t", [{ name: "a", type: { kind: "integer" }, nullable: false }, { name: "b", type: { kind: "text" }, nullable: false }], {
      schema: H,
      primaryKey: { columns: ["a", "b"] },
      indexes: [{ name: "t_b", columns: ["b"], unique: false }],
    });
    expect(compile({ kind: "createTable", table: t, ifNotExists: true })).toEqual([
      `CREATE TABLE IF NOT EXISTS ${QH}."t" (\n  "a" integer NOT NULL,\n  "b" text NOT NULL,\n  PRIMARY KEY ("a", "b")\n)`,
      `CREATE INDEX IF NOT EXISTS ${QH}."t_b" ON "t" ("b")`,
    ]);
  });

  test("an unnamed auto-incrementing key; identity means the same", () => {
    const t = table("t", [{ name: "id", type: { kind: "integer" }, nullable: false, identity: { always: true } }], { primaryKey: { columns: ["id"] } });
    expect(compile({ kind: "createTable", table: t })).toEqual([`CREATE TABLE "t" (\n  "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT\n)`]);
  });

  test("auto-increment outside the single integer key is refused", () => {
    const two = table("t", [
      { name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true },
      { name: "b", type: { kind: "integer" }, nullable: false },
    ], { primaryKey: { columns: ["id", "b"] } });
    expect(thrown(() => compile({ kind: "createTable", table: two })).message).toMatch(/only the single primary key column/);
    const text = table("t", [{ name: "id", type: { kind: "text" }, nullable: false, autoincrement: true }]);
    expect(thrown(() => compile({ kind: "createTable", table: text })).message).toMatch(/cannot auto-increment: its type is text/);
  });

  test("deferrable uniques, other databases' references, index methods and INCLUDE are refused", () => {
    const cols: Column[] = [{ name: "a", type: { kind: "integer" }, nullable: true }];
    expect(thrown(() => compile({ kind: "createTable", table: table("t", cols, { uniques: [{ columns: ["a"], deferrable: true }] }) })).message).toMatch(
      /cannot be deferred/,
    );
    const fk = { columns: ["a"], refTable: "p", refSchema: "other", refColumns: ["id"] };
    expect(thrown(() => compile({ kind: "createTable", table: table("t", cols, { foreignKeys: [fk] }) })).message).toMatch(/their own database/);
    expect(compile({ kind: "createTable", table: table("t", cols, { schema: "other", foreignKeys: [fk] }) })[0]).toContain(`REFERENCES "p" ("id")`);
    const index = (extra: object): SchemaOperation => ({ kind: "createIndex", table: "t", index: { name: "i", columns: ["a"], unique: false, ...extra } });
    expect(thrown(() => compile(index({ using: "gin" }))).message).toMatch(/no index methods/);
    expect(thrown(() => compile(index({ include: ["b"] }))).message).toMatch(/no INCLUDE/);
  });

  test("drop and rename", () => {
    expect(compile({ kind: "dropTable", name: H })).toEqual([`DROP TABLE ${QH}`]);
    expect(compile({ kind: "dropTable", name: "t", schema: H, ifExists: true })).toEqual([`DROP TABLE IF EXISTS ${QH}."t"`]);
    expect(compile({ kind: "renameTable", name: "t", schema: H, newName: H })).toEqual([`ALTER TABLE ${QH}."t" RENAME TO ${QH}`]);
  });
});

describe("SQLite columns", () => {
  test("add, drop and rename columns", () => {
    expect(compile({ kind: "addColumn", table: H, column: { name: H, type: { kind: "string", length: 9 }, nullable: true } })).toEqual([
      `ALTER TABLE ${QH} ADD COLUMN ${QH} varchar(9)`,
    ]);
    expect(
      compile({ kind: "addColumn", table: "t", schema: H, column: { name: "n", type: { kind: "integer" }, nullable: false, serverDefault: { kind: "literal", value: 0 } } }),
    ).toEqual([`ALTER TABLE ${QH}."t" ADD COLUMN "n" integer DEFAULT 0 NOT NULL`]);
    expect(
      compile({ kind: "addColumn", table: "t", column: { name: "v", type: { kind: "text" }, nullable: true, computed: { sql: "upper(x)", stored: false } } }),
    ).toEqual([`ALTER TABLE "t" ADD COLUMN "v" text GENERATED ALWAYS AS (upper(x)) VIRTUAL`]);
    expect(compile({ kind: "dropColumn", table: H, name: H })).toEqual([`ALTER TABLE ${QH} DROP COLUMN ${QH}`]);
    expect(compile({ kind: "alterColumn", table: H, name: "a", changes: { newName: H }, existing: {} })).toEqual([
      `ALTER TABLE ${QH} RENAME COLUMN "a" TO ${QH}`,
    ]);
    expect(compile({ kind: "alterColumn", table: "t", name: "a", changes: { comment: "kept nowhere" }, existing: {} })).toEqual([]);
  });

  test("what ADD COLUMN cannot do points at batch mode", () => {
    const add = (column: Partial<Column>): SchemaOperation => ({ kind: "addColumn", table: "t", column: { name: "c", type: { kind: "integer" }, nullable: true, ...column } });
    for (const [column, reason] of [
      [{ nullable: false }, /NOT NULL column needs a default/],
      [{ serverDefault: { kind: "sql", sql: "CURRENT_TIMESTAMP" } }, /expression/],
      [{ computed: { sql: "1", stored: true } }, /stored generated/],
      [{ autoincrement: true }, /primary key/],
    ] as const) {
      const error = thrown(() => compile(add(column)));
      expect(error.message).toMatch(reason);
      expect(error.hint).toMatch(/op\.batchAlterTable\("t"/);
    }
    expect(thrown(() => compile({ ...(add({}) as object), ifNotExists: true } as SchemaOperation)).message).toMatch(/IF NOT EXISTS/);
    expect(thrown(() => compile({ kind: "dropColumn", table: "t", name: "c", ifExists: true })).message).toMatch(/IF EXISTS/);
  });

  test("type, nullability, default and auto-increment changes point at batch mode", () => {
    for (const changes of [{ nullable: false }, { type: { kind: "text" } }, { serverDefault: null }, { autoincrement: true }, { newName: "b", nullable: true }] as const) {
      const error = thrown(() => compile({ kind: "alterColumn", table: H, name: "a", changes, existing: {} }));
      expect(error.message).toMatch(/cannot alter column "a"/);
      expect(error.hint).toContain(`op.batchAlterTable(${JSON.stringify(H)}, (batch) => { batch.alterColumn("a", { ... }); })`);
    }
  });
});

describe("SQLite indexes and constraints", () => {
  test("create and drop indexes", () => {
    expect(
      compile({ kind: "createIndex", table: H, schema: "aux", index: { name: H, columns: ["a", { expression: "a || b" }], unique: false }, ifNotExists: true, concurrently: true }),
    ).toEqual([`CREATE INDEX IF NOT EXISTS "aux".${QH} ON ${QH} ("a", (a || b))`]);
    expect(compile({ kind: "dropIndex", name: H })).toEqual([`DROP INDEX ${QH}`]);
    expect(compile({ kind: "dropIndex", name: "i", schema: H, ifExists: true })).toEqual([`DROP INDEX IF EXISTS ${QH}."i"`]);
  });

  test("adding and dropping constraints point at batch mode", () => {
    const add = thrown(() => compile({ kind: "addConstraint", table: "t", constraint: { type: "check", name: "ck", sql: "a > 0" } }));
    expect(add.message).toMatch(/cannot add a constraint/);
    expect(add.hint).toContain(`batch.createCheckConstraint(...)`);
    const fk = thrown(() => compile({ kind: "addConstraint", table: "t", constraint: { type: "foreignkey", name: "f", columns: ["a"], refTable: "p", refColumns: ["id"] } }));
    expect(fk.hint).toContain("batch.createForeignKey(...)");
    const drop = thrown(() => compile({ kind: "dropConstraint", table: "t", name: "ck", type: "check" }));
    expect(drop.hint).toContain(`op.batchAlterTable("t", (batch) => { batch.dropConstraint("ck"); })`);
  });
});

describe("SQLite comments, enums and inserts", () => {
  test("comments and enum types compile to nothing; renaming an enum value is refused", () => {
    expect(compile({ kind: "tableComment", table: "t", comment: "x" })).toEqual([]);
    expect(compile({ kind: "createEnum", enum: { name: "mood", values: ["a"] } })).toEqual([]);
    expect(compile({ kind: "dropEnum", name: "mood" })).toEqual([]);
    expect(compile({ kind: "addEnumValue", name: "mood", value: "b" })).toEqual([]);
    expect(thrown(() => compile({ kind: "renameEnumValue", name: "mood", from: "a", to: "b" })).hint).toMatch(/UPDATE/);
  });

  test("bulk insert: hostile values as literals, missing columns in statements of their own, JSON as text", () => {
    const statements = compile({
      kind: "bulkInsert",
      table: H,
      columns: [{ name: "id" }, { name: H }, { name: "doc", type: { kind: "json" } }],
      rows: [
        { id: 1, [H]: "it's\n\\ \u00e9 \u{1F600}", doc: { a: [1, "x'"] } },
        { id: 2, [H]: null, doc: 5 },
        { id: 3 },
        { id: 4, [H]: "a\u0000b" },
        {},
      ],
    });
    expect(statements).toEqual([
      `INSERT INTO ${QH} ("id", ${QH}, "doc") VALUES\n(1, 'it''s\n\\ \u00e9 \u{1F600}', '{"a":[1,"x''"]}'),\n(2, NULL, '5')`,
      `INSERT INTO ${QH} ("id") VALUES\n(3)`,
      `INSERT INTO ${QH} ("id", ${QH}) VALUES\n(4, CAST(X'610062' AS TEXT))`,
      `INSERT INTO ${QH} DEFAULT VALUES`,
    ]);
    expect(compile({ kind: "bulkInsert", table: "t", columns: [], rows: [] })).toEqual([]);
    const many = compile({ kind: "bulkInsert", table: "t", columns: [], rows: Array.from({ length: 1001 }, (_, i) => ({ i, flag: i % 2 === 0 })) });
    expect(many).toHaveLength(3);
    expect(many[0]).toMatch(/^INSERT INTO "t" \("i", "flag"\) VALUES\n\(0, 1\),\n\(1, 0\)/);
  });

  test("an unknown operation kind is an error", () => {
    expect(thrown(() => compile({ kind: "nope" } as unknown as SchemaOperation)).message).toMatch(/Unknown schema operation/);
  });
});
