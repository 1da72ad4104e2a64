// Operations on what only PostgreSQL has (identity, arrays, USING, index
// methods and INCLUDE, deferrable and MATCH FULL keys, schemas). What every
// database does is proven by test/dialects/conformance; enum types are in enums.test.ts.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { reverseOperation } from "../../../src/operations/index.js";
import type { SchemaOperation } from "../../../src/dialects/contract/index.js";
import type { Column, Table } from "../../../src/schema/model.js";
import { bare, openSandbox, postgresqlAvailable, type Sandbox } from "./live.js";

/** Names with a space, quotes, a reserved word and non-ASCII letters. */
const hostile = (word: string): string => `${word} "select" ü'`;

describe.skipIf(!postgresqlAvailable)("PostgreSQL operations online, read back from the catalog, then reversed", () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await openSandbox("pgsql ops");
  });
  afterAll(async () => {
    await box?.close();
  });

  /** Runs the operation, then its reverse (as the operation classes compute it). */
  async function runAndReverse(op: SchemaOperation): Promise<SchemaOperation> {
    await box.run(op);
    return reverseOperation(op);
  }

  test("create table with every column feature, constraint kind and index; drop it again", async () => {
    const parent = hostile("parent");
    const child = hostile("child");
    const mood = hostile("mood");
    await box.run({ kind: "createEnum", enum: { name: mood, values: ["happy", "it's", "sad"] } });
    const parentTable = bare(parent, [{ name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true }], {
      primaryKey: { name: hostile("t1 parent pk"), columns: ["id"] },
    });
    await box.run({ kind: "createTable", table: parentTable });

    const columns: Column[] = [
      { name: "id", type: { kind: "bigint" }, nullable: false, identity: { always: true, start: 5, increment: 2 } },
      { name: hostile("e-mail"), type: { kind: "string", length: 255 }, nullable: false, comment: "it's the login\nline 2" },
      { name: "select", type: { kind: "boolean" }, nullable: false, serverDefault: { kind: "literal", value: true } },
      { name: "nick", type: { kind: "text" }, nullable: true, serverDefault: { kind: "literal", value: "it's" }, collation: "C" },
      { name: "created", type: { kind: "timestamp", withTimezone: true, precision: 3 }, nullable: false, serverDefault: { kind: "sql", sql: "now()" } },
      { name: "score", type: { kind: "numeric", precision: 10, scale: 2 }, nullable: true },
      { name: "double score", type: { kind: "numeric", precision: 12, scale: 2 }, nullable: true, computed: { sql: "score * 2", stored: true } },
      { name: "mood", type: { kind: "enum", name: mood, values: ["happy", "it's", "sad"] }, nullable: true },
      { name: "tags", type: { kind: "array", of: { kind: "string", length: 20 } }, nullable: true },
      { name: "doc", type: { kind: "jsonb" }, nullable: true },
      { name: "parent", type: { kind: "integer" }, nullable: true },
      { name: "uid", type: { kind: "uuid" }, nullable: true },
      { name: "at", type: { kind: "time" }, nullable: true },
      { name: "ratio", type: { kind: "double" }, nullable: true },
      { name: "f", type: { kind: "float" }, nullable: true },
      { name: "code", type: { kind: "char", length: 3 }, nullable: true },
      { name: "raw", type: { kind: "binary" }, nullable: true },
      { name: "span", type: { kind: "interval" }, nullable: true },
      { name: "day", type: { kind: "date" }, nullable: true },
      { name: "small", type: { kind: "smallint" }, nullable: true },
      { name: "j", type: { kind: "json" }, nullable: true },
      { name: "ts", type: { kind: "custom", sql: "tsvector" }, nullable: true },
    ];
    const table: Table = {
      name: child,
      columns,
      primaryKey: { name: hostile("t1 pk"), columns: ["id"] },
      foreignKeys: [
        {
          name: hostile("t1 fk"),
          columns: ["parent"],
          refTable: parent,
          refColumns: ["id"],
          onDelete: "set null",
          onUpdate: "cascade",
          match: "full",
          deferrable: true,
          initially: "deferred",
        },
      ],
      uniques: [{ name: hostile("t1 uq"), columns: [hostile("e-mail"), "nick"] }],
      checks: [{ name: hostile("t1 ck"), sql: "score >= 0" }],
      indexes: [
        { name: hostile("t1 ix"), columns: ["nick", { expression: "lower(nick)" }], unique: false, include: ["score"], where: "score > 0" },
        { name: hostile("t1 uix"), columns: ["uid"], unique: true },
        { name: hostile("t1 gin"), columns: ["doc"], unique: false, using: "gin" },
      ],
      comment: "a table; it's \"hostile\"",
    };
    const create: SchemaOperation = { kind: "createTable", table };
    const reverse = await runAndReverse(create);

    const read = await box.table(child);
    expect(read).toEqual({
      ...table,
      columns: columns.map((c) => {
        if (c.name === "select") return { ...c, serverDefault: { kind: "sql", sql: "true" } };
        if (c.name === "nick") return { ...c, serverDefault: { kind: "sql", sql: "'it''s'::text" } };
        if (c.name === "double score") return { ...c, computed: { sql: "score * 2::numeric", stored: true } };
        return c;
      }),
      // Unnamed NO ACTION defaults stay unset; the check reads back as PostgreSQL prints it.
      checks: [{ name: hostile("t1 ck"), sql: "score >= 0::numeric" }],
      indexes: [table.indexes[2], table.indexes[0], table.indexes[1]].map((ix) =>
        ix.where ? { ...ix, where: "score > 0::numeric" } : ix,
      ),
    });
    expect(await box.table(parent)).toEqual(parentTable);

    expect(reverse.kind).toBe("dropTable");
    await box.run(reverse);
    expect(await box.table(child)).toBeUndefined();
    await box.run(reverseOperation({ kind: "createTable", table: parentTable }));
    await box.run(reverseOperation({ kind: "createEnum", enum: { name: mood, values: [] } }));
    expect((await box.reflect()).enums).toEqual([]);
  });

  test("add columns of each kind and drop them again; drop a known column and add it back", async () => {
    const name = hostile("addcol");
    await box.run({ kind: "createTable", table: bare(name, [{ name: "id", type: { kind: "integer" }, nullable: false }]) });
    await box.run({ kind: "bulkInsert", table: name, columns: [{ name: "id" }], rows: [{ id: 1 }, { id: 2 }] });
    const added: Column[] = [
      { name: hostile("age"), type: { kind: "smallint" }, nullable: false, serverDefault: { kind: "sql", sql: "0" }, comment: "years" },
      { name: "serial", type: { kind: "bigint" }, nullable: false, autoincrement: true },
      { name: "ident", type: { kind: "integer" }, nullable: false, identity: { always: false } },
      { name: "twice", type: { kind: "integer" }, nullable: true, computed: { sql: "id * 2", stored: true } },
      { name: "label", type: { kind: "string", length: 10 }, nullable: true, collation: "C" },
    ];
    const reverses: SchemaOperation[] = [];
    for (const column of added) reverses.push(await runAndReverse({ kind: "addColumn", table: name, column }));
    expect((await box.table(name))?.columns).toEqual([{ name: "id", type: { kind: "integer" }, nullable: false }, ...added]);
    const rows = await box.connection.execute(`SELECT "serial", "ident", "twice" FROM ${box.connection.dialect.quoteIdentifier(name)} ORDER BY id`);
    expect(rows.rows).toEqual([
      { serial: "1", ident: 1, twice: 2 },
      { serial: "2", ident: 2, twice: 4 },
    ]);
    for (const reverse of reverses.reverse()) await box.run(reverse);
    expect((await box.table(name))?.columns.map((c) => c.name)).toEqual(["id"]);

    // IF NOT EXISTS / IF EXISTS run twice without error.
    const maybe: SchemaOperation = { kind: "addColumn", table: name, column: added[0]!, ifNotExists: true };
    await box.run(maybe);
    await box.run(maybe);
    const drop: SchemaOperation = { kind: "dropColumn", table: name, name: added[0]!.name, ifExists: true, column: added[0]! };
    await box.run(drop);
    await box.run(drop);
    expect((await box.table(name))?.columns.map((c) => c.name)).toEqual(["id"]);
    await box.run(reverseOperation(drop));
    expect((await box.table(name))?.columns[1]).toEqual(added[0]);
    await box.run({ kind: "dropTable", name });
  });

  test("alter column: type with USING, nullability, default, comment, rename; reversed", async () => {
    const name = hostile("alter");
    const col = hostile("n");
    const original: Column = { name: col, type: { kind: "string", length: 10 }, nullable: true };
    await box.run({ kind: "createTable", table: bare(name, [original]) });
    await box.run({ kind: "bulkInsert", table: name, columns: [{ name: col }], rows: [{ [col]: "42" }] });
    const alter: SchemaOperation = {
      kind: "alterColumn",
      table: name,
      name: col,
      changes: {
        type: { kind: "integer" },
        using: `${box.connection.dialect.quoteIdentifier(col)}::integer`,
        nullable: false,
        serverDefault: { kind: "literal", value: 7 },
        comment: "a 'number'",
        newName: hostile("renamed"),
      },
      existing: { type: original.type, nullable: true, serverDefault: null, comment: null },
    };
    const reverse = await runAndReverse(alter);
    expect((await box.table(name))?.columns).toEqual([
      { name: hostile("renamed"), type: { kind: "integer" }, nullable: false, serverDefault: { kind: "sql", sql: "7" }, comment: "a 'number'" },
    ]);
    await box.run(reverse);
    expect((await box.table(name))?.columns).toEqual([original]);
    const data = await box.connection.execute(`SELECT * FROM ${box.connection.dialect.quoteIdentifier(name)}`);
    expect(data.rows).toEqual([{ [col]: "42" }]);
    await box.run({ kind: "dropTable", name });
  });

  test("alter column: auto-increment on and off", async () => {
    const name = hostile("auto");
    await box.run({ kind: "createTable", table: bare(name, [{ name: "id", type: { kind: "integer" }, nullable: false }]) });
    await box.run({ kind: "bulkInsert", table: name, columns: [{ name: "id" }], rows: [{ id: 1 }, { id: 5 }] });
    const reverse = await runAndReverse({
      kind: "alterColumn",
      table: name,
      name: "id",
      changes: { autoincrement: true },
      existing: { type: { kind: "integer" }, autoincrement: false },
    });
    expect((await box.table(name))?.columns).toEqual([{ name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true }]);
    const q = box.connection.dialect.quoteIdentifier(name);
    const inserted = await box.connection.execute(`INSERT INTO ${q} DEFAULT VALUES RETURNING id`);
    expect(inserted.rows).toEqual([{ id: 6 }]);
    await box.run(reverse);
    expect((await box.table(name))?.columns).toEqual([{ name: "id", type: { kind: "integer" }, nullable: false }]);
    await box.run({ kind: "dropTable", name });
  });

  test("indexes: expressions, partial, include, method, unique; concurrently and if (not) exists; reversed", async () => {
    const name = hostile("ix table");
    await box.run({
      kind: "createTable",
      table: bare(name, [
        { name: "a", type: { kind: "integer" }, nullable: true },
        { name: hostile("b"), type: { kind: "text" }, nullable: true },
        { name: "doc", type: { kind: "jsonb" }, nullable: true },
      ]),
    });
    const indexes = [
      { name: hostile("expr"), columns: ["a", { expression: `lower(${box.connection.dialect.quoteIdentifier(hostile("b"))})` }], unique: true, where: "a > 0", include: ["doc"] },
      { name: hostile("gin"), columns: ["doc"], unique: false, using: "gin" },
    ];
    const reverses: SchemaOperation[] = [];
    for (const index of indexes) reverses.push(await runAndReverse({ kind: "createIndex", table: name, index, concurrently: true, ifNotExists: true }));
    await box.run({ kind: "createIndex", table: name, index: indexes[1]!, ifNotExists: true });
    expect((await box.table(name))?.indexes).toEqual([
      { ...indexes[0], columns: ["a", { expression: `lower(${box.connection.dialect.quoteIdentifier(hostile("b"))})` }] },
      indexes[1],
    ]);
    for (const reverse of reverses) {
      expect(reverse.kind).toBe("dropIndex");
      await box.run(reverse);
      await box.run(reverse);
    }
    expect((await box.table(name))?.indexes).toEqual([]);
    await box.run({ kind: "dropTable", name });
  });

  test("constraints of every kind added, read back, dropped by their reverse", async () => {
    const other = await box.extraSchema("pgsql ref");
    const target = hostile("target");
    await box.run({
      kind: "createTable",
      table: bare(target, [{ name: "id", type: { kind: "integer" }, nullable: false }], { schema: other, primaryKey: { name: hostile("tpk"), columns: ["id"] } }),
    });
    const name = hostile("cons");
    await box.run({
      kind: "createTable",
      table: bare(name, [
        { name: "id", type: { kind: "integer" }, nullable: false },
        { name: "ref", type: { kind: "integer" }, nullable: true },
        { name: hostile("v"), type: { kind: "integer" }, nullable: true },
      ]),
    });
    const constraints = [
      { type: "primary" as const, name: hostile("pk"), columns: ["id"] },
      { type: "unique" as const, name: hostile("uq"), columns: ["ref", hostile("v")], deferrable: true, initially: "deferred" as const },
      { type: "check" as const, name: hostile("ck"), sql: `${box.connection.dialect.quoteIdentifier(hostile("v"))} > 0` },
      {
        type: "foreignkey" as const,
        name: hostile("fk"),
        columns: ["ref"],
        refTable: target,
        refSchema: other,
        refColumns: ["id"],
        onDelete: "restrict" as const,
        onUpdate: "set default" as const,
        match: "full" as const,
      },
    ];
    const reverses: SchemaOperation[] = [];
    for (const constraint of constraints) reverses.push(await runAndReverse({ kind: "addConstraint", table: name, constraint }));
    const read = await box.table(name);
    const { type: _p, ...pk } = constraints[0];
    const { type: _u, ...uq } = constraints[1];
    const { type: _c, ...ck } = constraints[2];
    const { type: _f, ...fk } = constraints[3];
    expect(read?.primaryKey).toEqual(pk);
    expect(read?.uniques).toEqual([uq]);
    expect(read?.checks).toEqual([ck]);
    expect(read?.foreignKeys).toEqual([fk]);
    expect(read?.indexes).toEqual([]); // the unique constraint's index is not reported as an index
    for (const reverse of reverses.reverse()) await box.run(reverse);
    const after = await box.table(name);
    expect([after?.primaryKey, after?.uniques, after?.checks, after?.foreignKeys]).toEqual([undefined, [], [], []]);
    await box.run({ kind: "dropConstraint", table: name, name: hostile("fk"), ifExists: true });
    await box.run({ kind: "dropTable", name });
  });

  test("bulk insert of hostile values round-trips", async () => {
    const name = hostile("rows");
    const columns: Column[] = [
      { name: "id", type: { kind: "integer" }, nullable: false },
      { name: hostile("text"), type: { kind: "text" }, nullable: true },
      { name: "doc", type: { kind: "jsonb" }, nullable: true },
      { name: "tags", type: { kind: "array", of: { kind: "text" } }, nullable: true },
      { name: "raw", type: { kind: "binary" }, nullable: true },
      { name: "at", type: { kind: "timestamp", withTimezone: true }, nullable: true },
      { name: "flag", type: { kind: "boolean" }, nullable: true },
      { name: "n", type: { kind: "numeric" }, nullable: true },
      { name: "dflt", type: { kind: "text" }, nullable: true, serverDefault: { kind: "literal", value: "from default" } },
    ];
    await box.run({ kind: "createTable", table: bare(name, columns) });
    const texts = ["it's", "back\\slash", "new\nline\r\ttab", "ünïcödé 日本 🎉", "$$ dollar $tag$", "--comment", "/* c */", "", "NULL"];
    const rows = texts.map((text, i) => ({
      id: i,
      [hostile("text")]: text,
      doc: { text, list: [1, null, true] },
      tags: [text, "b"],
      raw: Buffer.from([0, 1, 254, 255, i]),
      at: new Date(Date.UTC(2024, 1, 29, 12, 30, 45, 123)),
      flag: i % 2 === 0,
      n: "12345678901234567890.0123456789",
    }));
    rows.push({ id: 99, [hostile("text")]: null } as never);
    await box.run({ kind: "bulkInsert", table: name, columns: columns.map((c) => ({ name: c.name, type: c.type })), rows });
    const read = await box.connection.execute(`SELECT * FROM ${box.connection.dialect.quoteIdentifier(name)} ORDER BY id`);
    expect(read.rows).toEqual([
      ...rows.slice(0, -1).map((row) => ({ ...row, dflt: "from default" })),
      { id: 99, [hostile("text")]: null, doc: null, tags: null, raw: null, at: null, flag: null, n: null, dflt: "from default" },
    ]);
    await box.run({ kind: "dropTable", name });
  });

  test("every operation with an explicit schema of a hostile name", async () => {
    const schema = await box.extraSchema("pgsql ops schema");
    const mood = hostile("s mood");
    const table = hostile("s table");
    const renamed = hostile("s renamed");
    const ops: SchemaOperation[] = [
      { kind: "createEnum", enum: { name: mood, schema, values: ["a"] } },
      { kind: "addEnumValue", name: mood, schema, value: "b", after: "a" },
      { kind: "renameEnumValue", name: mood, schema, from: "a", to: "z" },
      {
        kind: "createTable",
        table: bare(table, [
          { name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true },
          { name: "m", type: { kind: "enum", name: mood, schema, values: [] }, nullable: true },
        ], { schema, primaryKey: { name: hostile("s pk"), columns: ["id"] } }),
      },
      { kind: "renameTable", name: table, newName: renamed, schema },
      { kind: "addColumn", table: renamed, schema, column: { name: hostile("c"), type: { kind: "text" }, nullable: true } },
      { kind: "alterColumn", table: renamed, schema, name: hostile("c"), changes: { serverDefault: { kind: "literal", value: "d" }, comment: "x" }, existing: {} },
      { kind: "createIndex", table: renamed, schema, index: { name: hostile("s ix"), columns: [hostile("c")], unique: false } },
      { kind: "addConstraint", table: renamed, schema, constraint: { type: "check", name: hostile("s ck"), sql: "id > 0" } },
      { kind: "tableComment", table: renamed, schema, comment: "in a schema" },
      { kind: "bulkInsert", table: renamed, schema, columns: [{ name: "m" }], rows: [{ m: "z" }, { m: "b" }] },
    ];
    for (const op of ops) await box.run(op);
    const model = await box.reflect({ schemas: [schema] });
    expect(model.enums).toEqual([{ name: mood, schema, values: ["z", "b"] }]);
    expect(model.tables).toEqual([
      {
        name: renamed,
        schema,
        comment: "in a schema",
        columns: [
          { name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true },
          { name: "m", type: { kind: "enum", name: mood, schema, values: ["z", "b"] }, nullable: true },
          { name: hostile("c"), type: { kind: "text" }, nullable: true, serverDefault: { kind: "sql", sql: "'d'::text" }, comment: "x" },
        ],
        primaryKey: { name: hostile("s pk"), columns: ["id"] },
        foreignKeys: [],
        uniques: [],
        checks: [{ name: hostile("s ck"), sql: "id > 0" }],
        indexes: [{ name: hostile("s ix"), columns: [hostile("c")], unique: false }],
      },
    ]);
    const rows = await box.connection.execute(`SELECT id, m FROM ${box.connection.dialect.quoteTable(renamed, schema)} ORDER BY id`);
    expect(rows.rows).toEqual([
      { id: 1, m: "z" },
      { id: 2, m: "b" },
    ]);
    for (const op of [
      { kind: "dropConstraint", table: renamed, schema, name: hostile("s ck") },
      { kind: "dropIndex", name: hostile("s ix"), schema },
      { kind: "dropColumn", table: renamed, schema, name: hostile("c") },
      { kind: "dropTable", name: renamed, schema },
      { kind: "dropEnum", name: mood, schema },
    ] as SchemaOperation[]) {
      await box.run(op);
    }
    expect(await box.reflect({ schemas: [schema] })).toEqual({ tables: [], enums: [] });
  });
});
