import { describe, expect, test } from "vitest";
import { postgresqlDialect } from "../../../src/dialects/postgresql/index.js";
import type { SchemaOperation } from "../../../src/dialects/contract/index.js";
import type { ColumnType, Table } from "../../../src/schema/model.js";
import { AthanorError } from "../../../src/util/errors.js";

const ddl = postgresqlDialect.ddl;
const compile = (op: SchemaOperation): string[] => ddl.compile(op);

describe("PostgreSQL type rendering", () => {
  const cases: Array<[ColumnType, string]> = [
    [{ kind: "smallint" }, "smallint"],
    [{ kind: "integer" }, "integer"],
    [{ kind: "bigint" }, "bigint"],
    [{ kind: "numeric" }, "numeric"],
    [{ kind: "numeric", precision: 10 }, "numeric(10)"],
    [{ kind: "numeric", precision: 10, scale: 2 }, "numeric(10, 2)"],
    [{ kind: "float" }, "real"],
    [{ kind: "float", precision: 53 }, "float(53)"],
    [{ kind: "double" }, "double precision"],
    [{ kind: "boolean" }, "boolean"],
    [{ kind: "string" }, "varchar"],
    [{ kind: "string", length: 255 }, "varchar(255)"],
    [{ kind: "char", length: 3 }, "char(3)"],
    [{ kind: "text" }, "text"],
    [{ kind: "date" }, "date"],
    [{ kind: "time" }, "time"],
    [{ kind: "time", withTimezone: true, precision: 3 }, "time(3) with time zone"],
    [{ kind: "timestamp" }, "timestamp"],
    [{ kind: "timestamp", withTimezone: true }, "timestamp with time zone"],
    [{ kind: "timestamp", precision: 6 }, "timestamp(6)"],
    [{ kind: "interval" }, "interval"],
    [{ kind: "binary", length: 16 }, "bytea"],
    [{ kind: "json" }, "json"],
    [{ kind: "jsonb" }, "jsonb"],
    [{ kind: "uuid" }, "uuid"],
    [{ kind: "enum", name: "mood", values: ["a"] }, '"mood"'],
    [{ kind: "enum", name: 'odd "type"', schema: "audit", values: ["a"] }, '"audit"."odd ""type"""'],
    [{ kind: "array", of: { kind: "integer" } }, "integer[]"],
    [{ kind: "array", of: { kind: "array", of: { kind: "string", length: 5 } } }, "varchar(5)[][]"],
    [{ kind: "custom", sql: "tsvector" }, "tsvector"],
  ];
  test.each(cases)("%j renders as %s", (type, sql) => {
    expect(ddl.renderType(type)).toBe(sql);
  });

  test("bad parameters are refused", () => {
    expect(() => ddl.renderType({ kind: "numeric", scale: 2 })).toThrow(AthanorError);
    expect(() => ddl.renderType({ kind: "string", length: -1 })).toThrow(/non-negative integer/);
    expect(() => ddl.renderType({ kind: "custom", sql: " " })).toThrow(AthanorError);
  });
});

const users: Table = {
  name: "users",
  columns: [
    { name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true },
    { name: "email", type: { kind: "string", length: 255 }, nullable: false, comment: "login e-mail" },
    { name: "active", type: { kind: "boolean" }, nullable: false, serverDefault: { kind: "literal", value: true } },
    { name: "nick", type: { kind: "text" }, nullable: true, serverDefault: { kind: "literal", value: "it's" }, collation: "C" },
    { name: "created", type: { kind: "timestamp", withTimezone: true }, nullable: false, serverDefault: { kind: "sql", sql: "now()" } },
  ],
  primaryKey: { name: "users_pk", columns: ["id"] },
  foreignKeys: [],
  uniques: [{ name: "users_email_uq", columns: ["email"] }],
  checks: [{ name: "users_nick_ck", sql: "length(nick) > 1" }],
  indexes: [{ name: "users_created_ix", columns: ["created"], unique: false }],
  comment: "app users",
};

describe("PostgreSQL DDL", () => {
  test("create table: columns, serial, defaults, collation, constraints, indexes and comments", () => {
    expect(compile({ kind: "createTable", table: users })).toEqual([
      'CREATE TABLE "users" (\n' +
        '  "id" serial NOT NULL,\n' +
        '  "email" varchar(255) NOT NULL,\n' +
        '  "active" boolean DEFAULT TRUE NOT NULL,\n' +
        `  "nick" text COLLATE "C" DEFAULT 'it''s',\n` +
        '  "created" timestamp with time zone DEFAULT now() NOT NULL,\n' +
        '  CONSTRAINT "users_pk" PRIMARY KEY ("id"),\n' +
        '  CONSTRAINT "users_email_uq" UNIQUE ("email"),\n' +
        '  CONSTRAINT "users_nick_ck" CHECK (length(nick) > 1)\n' +
        ")",
      'CREATE INDEX "users_created_ix" ON "users" ("created")',
      `COMMENT ON TABLE "users" IS 'app users'`,
      `COMMENT ON COLUMN "users"."email" IS 'login e-mail'`,
    ]);
  });

  test("create table: identity, generated column, foreign key with every option, schema, if not exists", () => {
    const posts: Table = {
      name: "posts",
      schema: "blog",
      columns: [
        { name: "id", type: { kind: "bigint" }, nullable: false, identity: { always: true, start: 100, increment: 5 } },
        { name: "n", type: { kind: "bigint" }, nullable: true, identity: { always: false } },
        { name: "user_id", type: { kind: "integer" }, nullable: true },
        { name: "score", type: { kind: "numeric", precision: 10, scale: 2 }, nullable: true, serverDefault: { kind: "literal", value: 0 } },
        { name: "double_score", type: { kind: "numeric" }, nullable: true, computed: { sql: "score * 2", stored: true } },
      ],
      foreignKeys: [
        {
          name: "posts_user_fk",
          columns: ["user_id"],
          refTable: "users",
          refSchema: "public",
          refColumns: ["id"],
          onDelete: "cascade",
          onUpdate: "set null",
          match: "full",
          deferrable: true,
          initially: "deferred",
        },
        { columns: ["user_id"], refTable: "users", refColumns: ["id"], onDelete: "no action", onUpdate: "restrict", deferrable: false },
      ],
      uniques: [{ name: "posts_uq", columns: ["user_id", "score"], deferrable: true, initially: "immediate" }],
      checks: [],
      indexes: [],
    };
    expect(compile({ kind: "createTable", table: posts, ifNotExists: true })).toEqual([
      'CREATE TABLE IF NOT EXISTS "blog"."posts" (\n' +
        '  "id" bigint GENERATED ALWAYS AS IDENTITY (START WITH 100 INCREMENT BY 5) NOT NULL,\n' +
        '  "n" bigint GENERATED BY DEFAULT AS IDENTITY,\n' +
        '  "user_id" integer,\n' +
        '  "score" numeric(10, 2) DEFAULT 0,\n' +
        '  "double_score" numeric GENERATED ALWAYS AS (score * 2) STORED,\n' +
        '  CONSTRAINT "posts_uq" UNIQUE ("user_id", "score") DEFERRABLE INITIALLY IMMEDIATE,\n' +
        '  CONSTRAINT "posts_user_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users" ("id") MATCH FULL ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,\n' +
        '  FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE NO ACTION ON UPDATE RESTRICT NOT DEFERRABLE\n' +
        ")",
    ]);
  });

  test("bigserial and smallserial; auto-increment on a non-integer and virtual generated columns are refused", () => {
    const table = (type: ColumnType): Table => ({
      name: "t",
      columns: [{ name: "id", type, nullable: false, autoincrement: true }],
      foreignKeys: [],
      uniques: [],
      checks: [],
      indexes: [],
    });
    expect(compile({ kind: "createTable", table: table({ kind: "bigint" }) })[0]).toContain('"id" bigserial NOT NULL');
    expect(compile({ kind: "createTable", table: table({ kind: "smallint" }) })[0]).toContain('"id" smallserial NOT NULL');
    expect(() => compile({ kind: "createTable", table: table({ kind: "text" }) })).toThrow(/cannot auto-increment/);
    expect(() =>
      compile({
        kind: "addColumn",
        table: "t",
        column: { name: "v", type: { kind: "integer" }, nullable: true, computed: { sql: "1", stored: false } },
      }),
    ).toThrow(/always stored/);
    expect(() => compile({ kind: "createTable", table: { ...table({ kind: "integer" }), columns: [] } })).toThrow(AthanorError);
  });

  test("drop and rename table", () => {
    expect(compile({ kind: "dropTable", name: "users" })).toEqual(['DROP TABLE "users"']);
    expect(compile({ kind: "dropTable", name: "users", schema: "s", ifExists: true })).toEqual(['DROP TABLE IF EXISTS "s"."users"']);
    expect(compile({ kind: "renameTable", name: "users", newName: "people", schema: "s" })).toEqual([
      'ALTER TABLE "s"."users" RENAME TO "people"',
    ]);
  });

  test("add and drop column", () => {
    expect(
      compile({
        kind: "addColumn",
        table: "users",
        schema: "s",
        ifNotExists: true,
        column: { name: "age", type: { kind: "smallint" }, nullable: false, serverDefault: { kind: "literal", value: 0 }, comment: "years" },
      }),
    ).toEqual([
      'ALTER TABLE "s"."users" ADD COLUMN IF NOT EXISTS "age" smallint DEFAULT 0 NOT NULL',
      `COMMENT ON COLUMN "s"."users"."age" IS 'years'`,
    ]);
    expect(compile({ kind: "dropColumn", table: "users", name: "age" })).toEqual(['ALTER TABLE "users" DROP COLUMN "age"']);
    expect(compile({ kind: "dropColumn", table: "users", name: "age", ifExists: true })).toEqual([
      'ALTER TABLE "users" DROP COLUMN IF EXISTS "age"',
    ]);
  });

  test("alter column: type with USING first, then nullable, default, comment, rename last", () => {
    expect(
      compile({
        kind: "alterColumn",
        table: "users",
        name: "age",
        changes: {
          type: { kind: "bigint" },
          using: "age::bigint",
          nullable: true,
          serverDefault: { kind: "sql", sql: "1 + 1" },
          comment: "it's",
          newName: "years",
        },
        existing: {},
      }),
    ).toEqual([
      'ALTER TABLE "users" ALTER COLUMN "age" TYPE bigint USING age::bigint',
      'ALTER TABLE "users" ALTER COLUMN "age" DROP NOT NULL',
      'ALTER TABLE "users" ALTER COLUMN "age" SET DEFAULT 1 + 1',
      `COMMENT ON COLUMN "users"."age" IS 'it''s'`,
      'ALTER TABLE "users" RENAME COLUMN "age" TO "years"',
    ]);
    expect(
      compile({ kind: "alterColumn", table: "users", name: "age", changes: { nullable: false, serverDefault: null, comment: null }, existing: {} }),
    ).toEqual([
      'ALTER TABLE "users" ALTER COLUMN "age" SET NOT NULL',
      'ALTER TABLE "users" ALTER COLUMN "age" DROP DEFAULT',
      'COMMENT ON COLUMN "users"."age" IS NULL',
    ]);
    expect(() => compile({ kind: "alterColumn", table: "users", name: "age", changes: { using: "x" }, existing: {} })).toThrow(
      /USING expression needs a new type/,
    );
  });

  test("alter column: auto-increment through an owned sequence", () => {
    expect(
      compile({ kind: "alterColumn", table: "t", schema: "s", name: "id", changes: { autoincrement: true }, existing: { type: { kind: "bigint" } } }),
    ).toEqual([
      'CREATE SEQUENCE "s"."t_id_seq" AS bigint OWNED BY "s"."t"."id"',
      `SELECT setval('"s"."t_id_seq"', COALESCE(MAX("id"), 0) + 1, false) FROM "s"."t"`,
      `ALTER TABLE "s"."t" ALTER COLUMN "id" SET DEFAULT nextval('"s"."t_id_seq"'::regclass)`,
    ]);
    expect(compile({ kind: "alterColumn", table: "t", name: "id", changes: { autoincrement: false }, existing: {} })).toEqual([
      'ALTER TABLE "t" ALTER COLUMN "id" DROP DEFAULT',
      'DROP SEQUENCE IF EXISTS "t_id_seq"',
    ]);
  });

  test("create index: unique, concurrently, if not exists, method, expressions, include, partial", () => {
    expect(
      compile({
        kind: "createIndex",
        table: "users",
        schema: "s",
        concurrently: true,
        ifNotExists: true,
        index: {
          name: "ix",
          columns: ["email", { expression: "lower(nick)" }],
          unique: true,
          using: "btree",
          include: ["id"],
          where: "active",
        },
      }),
    ).toEqual(['CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "ix" ON "s"."users" USING btree ("email", (lower(nick))) INCLUDE ("id") WHERE active']);
    expect(compile({ kind: "createIndex", table: "docs", index: { name: "gin_ix", columns: ["body"], unique: false, using: "GIN" } })).toEqual([
      'CREATE INDEX "gin_ix" ON "docs" USING gin ("body")',
    ]);
    expect(() => compile({ kind: "createIndex", table: "t", index: { name: "i", columns: ["a"], unique: false, using: "btree; drop" } })).toThrow(
      AthanorError,
    );
  });

  test("index sort orders stay outside the expression's parentheses", () => {
    expect(
      compile({
        kind: "createIndex",
        table: "t",
        index: { name: "i", columns: [{ expression: '"created" desc nulls last' }, { expression: "lower(x) DESC" }, { expression: "a + 1 NULLS FIRST" }], unique: false },
      }),
    ).toEqual(['CREATE INDEX "i" ON "t" ("created" DESC NULLS LAST, (lower(x)) DESC, (a + 1) NULLS FIRST)']);
    expect(() => compile({ kind: "createIndex", table: "t", index: { name: "i", columns: [{ expression: " DESC" }], unique: false } })).toThrow(AthanorError);
  });

  test("drop index", () => {
    expect(compile({ kind: "dropIndex", name: "ix" })).toEqual(['DROP INDEX "ix"']);
    expect(compile({ kind: "dropIndex", name: "ix", table: "users", schema: "s", ifExists: true, concurrently: true })).toEqual([
      'DROP INDEX CONCURRENTLY IF EXISTS "s"."ix"',
    ]);
  });

  test("add and drop constraints of every kind", () => {
    const add = (constraint: Extract<SchemaOperation, { kind: "addConstraint" }>["constraint"]): string[] =>
      compile({ kind: "addConstraint", table: "posts", schema: "s", constraint });
    expect(add({ type: "primary", name: "pk", columns: ["a", "b"] })).toEqual(['ALTER TABLE "s"."posts" ADD CONSTRAINT "pk" PRIMARY KEY ("a", "b")']);
    expect(add({ type: "unique", name: "uq", columns: ["a"] })).toEqual(['ALTER TABLE "s"."posts" ADD CONSTRAINT "uq" UNIQUE ("a")']);
    expect(add({ type: "check", name: "ck", sql: "a > 0" })).toEqual(['ALTER TABLE "s"."posts" ADD CONSTRAINT "ck" CHECK (a > 0)']);
    expect(
      add({ type: "foreignkey", name: "fk", columns: ["a"], refTable: "users", refSchema: "t", refColumns: ["id"], onDelete: "set default", match: "simple" }),
    ).toEqual(['ALTER TABLE "s"."posts" ADD CONSTRAINT "fk" FOREIGN KEY ("a") REFERENCES "t"."users" ("id") MATCH SIMPLE ON DELETE SET DEFAULT']);
    expect(() => add({ type: "foreignkey", name: "fk", columns: ["a", "b"], refTable: "u", refColumns: ["id"] })).toThrow(/2 column\(s\) referencing 1/);
    expect(() => add({ type: "unique", name: "uq", columns: [] })).toThrow(/names no columns/);
    expect(compile({ kind: "dropConstraint", table: "posts", name: "fk", type: "foreignkey" })).toEqual(['ALTER TABLE "posts" DROP CONSTRAINT "fk"']);
    expect(compile({ kind: "dropConstraint", table: "posts", schema: "s", name: "fk", ifExists: true })).toEqual([
      'ALTER TABLE "s"."posts" DROP CONSTRAINT IF EXISTS "fk"',
    ]);
  });

  test("table comments", () => {
    expect(compile({ kind: "tableComment", table: "users", comment: "a\nb 'c'" })).toEqual([`COMMENT ON TABLE "users" IS 'a\nb ''c'''`]);
    expect(compile({ kind: "tableComment", table: "users", schema: "s", comment: null })).toEqual(['COMMENT ON TABLE "s"."users" IS NULL']);
  });

  test("enum types", () => {
    expect(compile({ kind: "createEnum", enum: { name: "mood", values: ["happy", "it's"] } })).toEqual([
      `CREATE TYPE "mood" AS ENUM ('happy', 'it''s')`,
    ]);
    expect(compile({ kind: "createEnum", enum: { name: "mood", schema: "s", values: ["$athanor$"] }, ifNotExists: true })).toEqual([
      `DO $athanor1$ BEGIN CREATE TYPE "s"."mood" AS ENUM ('$athanor$'); EXCEPTION WHEN duplicate_object THEN NULL; END $athanor1$`,
    ]);
    expect(compile({ kind: "dropEnum", name: "mood", ifExists: true })).toEqual(['DROP TYPE IF EXISTS "mood"']);
    expect(compile({ kind: "addEnumValue", name: "mood", value: "sad" })).toEqual([`ALTER TYPE "mood" ADD VALUE 'sad'`]);
    expect(compile({ kind: "addEnumValue", name: "mood", schema: "s", value: "sad", before: "happy", ifNotExists: true })).toEqual([
      `ALTER TYPE "s"."mood" ADD VALUE IF NOT EXISTS 'sad' BEFORE 'happy'`,
    ]);
    expect(compile({ kind: "addEnumValue", name: "mood", value: "sad", after: "happy" })).toEqual([`ALTER TYPE "mood" ADD VALUE 'sad' AFTER 'happy'`]);
    expect(() => compile({ kind: "addEnumValue", name: "mood", value: "x", before: "a", after: "b" })).toThrow(AthanorError);
    expect(compile({ kind: "renameEnumValue", name: "mood", from: "sad", to: "blue" })).toEqual([`ALTER TYPE "mood" RENAME VALUE 'sad' TO 'blue'`]);
  });

  test("bulk insert: literals per column type, DEFAULT for missing keys", () => {
    expect(
      compile({
        kind: "bulkInsert",
        table: "t",
        schema: "s",
        columns: [
          { name: "id", type: { kind: "integer" } },
          { name: "name", type: { kind: "text" } },
          { name: "doc", type: { kind: "jsonb" } },
          { name: "tags", type: { kind: "array", of: { kind: "text" } } },
        ],
        rows: [
          { id: 1, name: "it's \\ \n", doc: { a: [1, "x'"] }, tags: ["a", "b'"] },
          { id: 2, name: null, doc: null },
        ],
      }),
    ).toEqual([
      'INSERT INTO "s"."t" ("id", "name", "doc", "tags") VALUES\n' +
        `(1, 'it''s \\ \n', '{"a":[1,"x''"]}'::jsonb, ARRAY['a', 'b''']::text[]),\n` +
        "(2, NULL, NULL, DEFAULT)",
    ]);
    expect(compile({ kind: "bulkInsert", table: "t", columns: [], rows: [] })).toEqual([]);
    expect(compile({ kind: "bulkInsert", table: "t", columns: [], rows: [{ a: 1 }, { b: true }] })).toEqual([
      'INSERT INTO "t" ("a", "b") VALUES\n(1, DEFAULT),\n(DEFAULT, TRUE)',
    ]);
  });

  test("hostile identifiers are quoted in every operation", () => {
    const name = 'we"ird ü select';
    const q = '"we""ird ü select"';
    const ops: SchemaOperation[] = [
      {
        kind: "createTable",
        table: { name, schema: name, columns: [{ name, type: { kind: "integer" }, nullable: true }], foreignKeys: [], uniques: [], checks: [], indexes: [] },
      },
      { kind: "dropTable", name, schema: name },
      { kind: "renameTable", name, newName: name, schema: name },
      { kind: "addColumn", table: name, schema: name, column: { name, type: { kind: "integer" }, nullable: true } },
      { kind: "dropColumn", table: name, schema: name, name },
      { kind: "alterColumn", table: name, schema: name, name, changes: { nullable: false, newName: name + "x" }, existing: {} },
      { kind: "createIndex", table: name, schema: name, index: { name, columns: [name], unique: false, include: [name] } },
      { kind: "dropIndex", name, schema: name },
      { kind: "addConstraint", table: name, schema: name, constraint: { type: "foreignkey", name, columns: [name], refTable: name, refSchema: name, refColumns: [name] } },
      { kind: "dropConstraint", table: name, schema: name, name },
      { kind: "tableComment", table: name, schema: name, comment: "x" },
      { kind: "createEnum", enum: { name, schema: name, values: ["a"] } },
      { kind: "dropEnum", name, schema: name },
      { kind: "addEnumValue", name, schema: name, value: "b" },
      { kind: "renameEnumValue", name, schema: name, from: "a", to: "c" },
      { kind: "bulkInsert", table: name, schema: name, columns: [{ name }], rows: [{ [name]: 1 }] },
    ];
    for (const op of ops) {
      const sql = compile(op).join("\n");
      expect(sql, op.kind).toContain(q);
      // No unquoted occurrence: removing every quoted identifier leaves no trace of the name.
      expect(sql.replace(/"(?:[^"]|"")*"/g, "").includes("ird ü"), op.kind).toBe(false);
    }
  });
});
