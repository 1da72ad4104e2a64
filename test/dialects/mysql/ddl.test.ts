import { describe, expect, test } from "vitest";
import { createMysqlDialect, mysqlDialect } from "../../../src/dialects/mysql/index.js";
import type { SchemaOperation } from "../../../src/dialects/contract/index.js";
import type { Column, ColumnType, Table } from "../../../src/schema/model.js";
import { AthanorError } from "../../../src/util/errors.js";

const ddl = mysqlDialect.ddl;
const mariadb = createMysqlDialect({ flavor: "mariadb" }).ddl;
const mysql8 = createMysqlDialect({ flavor: "mysql" }).ddl;
const noBackslash = createMysqlDialect({ noBackslashEscapes: true }).ddl;

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

/** A name with a space, a backtick, quotes, a reserved word and non-ASCII letters. */
const H = "my `select` \"é'ü";
const QH = "`my ``select`` \"é'ü`";

describe("MySQL types", () => {
  const cases: Array<[ColumnType, string]> = [
    [{ kind: "smallint" }, "smallint"],
    [{ kind: "integer" }, "int"],
    [{ kind: "bigint" }, "bigint"],
    [{ kind: "numeric" }, "decimal"],
    [{ kind: "numeric", precision: 10 }, "decimal(10)"],
    [{ kind: "numeric", precision: 10, scale: 2 }, "decimal(10,2)"],
    [{ kind: "float" }, "float"],
    [{ kind: "float", precision: 30 }, "float(30)"],
    [{ kind: "double" }, "double"],
    [{ kind: "boolean" }, "tinyint(1)"],
    [{ kind: "string", length: 80 }, "varchar(80)"],
    [{ kind: "char" }, "char"],
    [{ kind: "char", length: 2 }, "char(2)"],
    [{ kind: "text" }, "text"],
    [{ kind: "date" }, "date"],
    [{ kind: "time" }, "time"],
    [{ kind: "time", precision: 3, withTimezone: true }, "time(3)"],
    [{ kind: "timestamp" }, "datetime"],
    [{ kind: "timestamp", precision: 6 }, "datetime(6)"],
    [{ kind: "timestamp", withTimezone: true }, "timestamp"],
    [{ kind: "timestamp", withTimezone: true, precision: 3 }, "timestamp(3)"],
    [{ kind: "binary" }, "blob"],
    [{ kind: "binary", length: 16 }, "varbinary(16)"],
    [{ kind: "json" }, "json"],
    [{ kind: "jsonb" }, "json"],
    [{ kind: "uuid" }, "char(36)"],
    [{ kind: "enum", name: "mood", values: ["a", "it's", "b\\c"] }, "enum('a','it''s','b\\\\c')"],
    [{ kind: "custom", sql: "mediumint unsigned" }, "mediumint unsigned"],
  ];
  test.each(cases)("%j renders as %s", (type, sql) => {
    expect(ddl.renderType(type)).toBe(sql);
  });

  test("enum values follow NO_BACKSLASH_ESCAPES", () => {
    expect(noBackslash.renderType({ kind: "enum", name: "e", values: ["b\\c"] })).toBe("enum('b\\c')");
  });

  test("types MySQL lacks are clear errors", () => {
    expect(thrown(() => ddl.renderType({ kind: "interval" })).message).toMatch(/no interval type/);
    expect(thrown(() => ddl.renderType({ kind: "array", of: { kind: "integer" } })).message).toMatch(/no array types/);
    expect(thrown(() => ddl.renderType({ kind: "string" })).message).toMatch(/varchar column needs a length/);
  });
});

describe("MySQL DDL: tables", () => {
  test("create table with every column feature, inline constraints, options and indexes", () => {
    const t = table(
      H,
      [
        { name: "id", type: { kind: "bigint" }, nullable: false, autoincrement: true },
        { name: "e-mail", type: { kind: "string", length: 255 }, nullable: false, comment: "it's\nthe login", collation: "utf8mb4_bin" },
        { name: "select", type: { kind: "boolean" }, nullable: false, serverDefault: { kind: "literal", value: true } },
        { name: "nick", type: { kind: "string", length: 20 }, nullable: true, serverDefault: { kind: "literal", value: "a\\b'c" } },
        { name: "created", type: { kind: "timestamp", withTimezone: true, precision: 3 }, nullable: false, serverDefault: { kind: "sql", sql: "CURRENT_TIMESTAMP(3)" } },
        { name: "score", type: { kind: "numeric", precision: 10, scale: 2 }, nullable: true, serverDefault: { kind: "literal", value: 1.5 } },
        { name: "double", type: { kind: "numeric", precision: 12, scale: 2 }, nullable: true, computed: { sql: "`score` * 2", stored: true } },
        { name: "v", type: { kind: "integer" }, nullable: true, computed: { sql: "1", stored: false } },
        { name: "parent", type: { kind: "integer" }, nullable: true },
      ],
      {
        primaryKey: { name: "ignored", columns: ["id"] },
        uniques: [{ name: "uq email", columns: ["e-mail"] }, { columns: ["nick", "parent"] }],
        checks: [{ name: "ck score", sql: "`score` > 0" }],
        foreignKeys: [
          {
            name: "fk parent",
            columns: ["parent"],
            refTable: "parent",
            refSchema: "other db",
            refColumns: ["id"],
            onDelete: "cascade",
            onUpdate: "set null",
            deferrable: true,
            initially: "deferred",
            match: "full",
          },
        ],
        indexes: [
          { name: "ix nick", columns: ["nick", "created"], unique: false },
          { name: "ux prefix", columns: [{ expression: "`nick`(5)" }], unique: true, using: "btree" },
        ],
        comment: "it's a table",
        dialectOptions: { mysql: { engine: "InnoDB", charset: "utf8mb4", collate: "utf8mb4_unicode_ci" } },
      },
    );
    expect(compile({ kind: "createTable", table: t, ifNotExists: true })).toEqual([
      `CREATE TABLE IF NOT EXISTS ${QH} (\n` +
        "  `id` bigint NOT NULL AUTO_INCREMENT,\n" +
        "  `e-mail` varchar(255) COLLATE utf8mb4_bin NOT NULL COMMENT 'it''s\nthe login',\n" +
        "  `select` tinyint(1) NOT NULL DEFAULT TRUE,\n" +
        "  `nick` varchar(20) NULL DEFAULT 'a\\\\b''c',\n" +
        "  `created` timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),\n" +
        "  `score` decimal(10,2) NULL DEFAULT 1.5,\n" +
        "  `double` decimal(12,2) GENERATED ALWAYS AS (`score` * 2) STORED,\n" +
        "  `v` int GENERATED ALWAYS AS (1) VIRTUAL,\n" +
        "  `parent` int NULL,\n" +
        "  PRIMARY KEY (`id`),\n" +
        "  CONSTRAINT `uq email` UNIQUE (`e-mail`),\n" +
        "  UNIQUE (`nick`, `parent`),\n" +
        "  CONSTRAINT `ck score` CHECK (`score` > 0),\n" +
        "  CONSTRAINT `fk parent` FOREIGN KEY (`parent`) REFERENCES `other db`.`parent` (`id`) ON DELETE CASCADE ON UPDATE SET NULL,\n" +
        "  INDEX `ix nick` (`nick`, `created`),\n" +
        "  UNIQUE INDEX `ux prefix` USING BTREE (`nick`(5))\n" +
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='it''s a table'",
    ]);
  });

  test("identity becomes AUTO_INCREMENT with its start as a table option; a generated NOT NULL column only on MySQL", () => {
    const t = table("t", [
      { name: "id", type: { kind: "integer" }, nullable: false, identity: { always: true, start: 100 } },
      { name: "g", type: { kind: "integer" }, nullable: false, computed: { sql: "`id` + 1", stored: true } },
    ], { primaryKey: { columns: ["id"] } });
    expect(mysql8.compile({ kind: "createTable", table: t })).toEqual([
      "CREATE TABLE `t` (\n  `id` int NOT NULL AUTO_INCREMENT,\n  `g` int GENERATED ALWAYS AS (`id` + 1) STORED NOT NULL,\n  PRIMARY KEY (`id`)\n) AUTO_INCREMENT=100",
    ]);
    expect(mariadb.compile({ kind: "createTable", table: t })[0]).toContain("GENERATED ALWAYS AS (`id` + 1) STORED,");
  });

  test("schema-qualified names; drop and rename", () => {
    expect(compile({ kind: "dropTable", name: H, schema: "s" })).toEqual([`DROP TABLE \`s\`.${QH}`]);
    expect(compile({ kind: "dropTable", name: "t", ifExists: true })).toEqual(["DROP TABLE IF EXISTS `t`"]);
    expect(compile({ kind: "renameTable", name: "t", newName: H })).toEqual([`RENAME TABLE \`t\` TO ${QH}`]);
    expect(compile({ kind: "renameTable", name: "t", newName: "u", schema: "s" })).toEqual(["RENAME TABLE `s`.`t` TO `s`.`u`"]);
  });

  test("table comment set and removed", () => {
    expect(compile({ kind: "tableComment", table: H, comment: "it's\\here" })).toEqual([`ALTER TABLE ${QH} COMMENT = 'it''s\\\\here'`]);
    expect(compile({ kind: "tableComment", table: "t", comment: null })).toEqual(["ALTER TABLE `t` COMMENT = ''"]);
    expect(noBackslash.compile({ kind: "tableComment", table: "t", comment: "a\\b" })).toEqual(["ALTER TABLE `t` COMMENT = 'a\\b'"]);
  });

  test("bad table options are refused rather than written", () => {
    const t = table("t", [{ name: "a", type: { kind: "integer" }, nullable: true }], { dialectOptions: { mysql: { engine: "InnoDB; DROP" } } });
    expect(thrown(() => compile({ kind: "createTable", table: t })).message).toMatch(/not a valid MySQL engine/);
    expect(thrown(() => compile({ kind: "createTable", table: table("t", []) })).message).toMatch(/no columns/);
  });
});

describe("MySQL DDL: columns", () => {
  test("add and drop", () => {
    const column: Column = { name: H, type: { kind: "string", length: 10 }, nullable: false, serverDefault: { kind: "literal", value: "" }, comment: "c" };
    expect(compile({ kind: "addColumn", table: "t", column })).toEqual([`ALTER TABLE \`t\` ADD COLUMN ${QH} varchar(10) NOT NULL DEFAULT '' COMMENT 'c'`]);
    expect(mariadb.compile({ kind: "addColumn", table: "t", column, ifNotExists: true })[0]).toContain("ADD COLUMN IF NOT EXISTS");
    expect(compile({ kind: "dropColumn", table: "t", schema: "s", name: H })).toEqual([`ALTER TABLE \`s\`.\`t\` DROP COLUMN ${QH}`]);
    expect(mariadb.compile({ kind: "dropColumn", table: "t", name: "c", ifExists: true })).toEqual(["ALTER TABLE `t` DROP COLUMN IF EXISTS `c`"]);
    expect(thrown(() => mysql8.compile({ kind: "dropColumn", table: "t", name: "c", ifExists: true })).message).toMatch(/MySQL has no DROP COLUMN IF EXISTS/);
    expect(thrown(() => mysql8.compile({ kind: "addColumn", table: "t", column, ifNotExists: true })).message).toMatch(/ADD COLUMN IF NOT EXISTS/);
  });

  test("literal defaults of text, blob and json columns are written as expressions", () => {
    const add = (type: ColumnType): string =>
      compile({ kind: "addColumn", table: "t", column: { name: "c", type, nullable: true, serverDefault: { kind: "literal", value: "it's" } } })[0]!;
    expect(add({ kind: "text" })).toBe("ALTER TABLE `t` ADD COLUMN `c` text NULL DEFAULT ('it''s')");
    expect(add({ kind: "json" })).toBe("ALTER TABLE `t` ADD COLUMN `c` json NULL DEFAULT ('it''s')");
    expect(add({ kind: "binary" })).toBe("ALTER TABLE `t` ADD COLUMN `c` blob NULL DEFAULT ('it''s')");
    expect(add({ kind: "binary", length: 4 })).toBe("ALTER TABLE `t` ADD COLUMN `c` varbinary(4) NULL DEFAULT 'it''s'");
    expect(
      compile({ kind: "alterColumn", table: "t", name: "c", existing: { type: { kind: "text" } }, changes: { serverDefault: { kind: "literal", value: "x" } } }),
    ).toEqual(["ALTER TABLE `t` ALTER COLUMN `c` SET DEFAULT ('x')"]);
  });

  test("alter: a default-only change uses ALTER COLUMN", () => {
    const base = { kind: "alterColumn" as const, table: "t", name: H, existing: {} };
    expect(compile({ ...base, changes: { serverDefault: { kind: "literal", value: 5 } } })).toEqual([`ALTER TABLE \`t\` ALTER COLUMN ${QH} SET DEFAULT 5`]);
    expect(compile({ ...base, changes: { serverDefault: { kind: "sql", sql: "(uuid())" } } })).toEqual([`ALTER TABLE \`t\` ALTER COLUMN ${QH} SET DEFAULT (uuid())`]);
    expect(compile({ ...base, changes: { serverDefault: null } })).toEqual([`ALTER TABLE \`t\` ALTER COLUMN ${QH} DROP DEFAULT`]);
    expect(compile({ ...base, changes: {} })).toEqual([]);
  });

  test("alter: nullable, type, comment and autoincrement restate the column with MODIFY from the existing values", () => {
    const existing = {
      type: { kind: "string", length: 20 } as ColumnType,
      nullable: true,
      serverDefault: { kind: "literal", value: "x" } as const,
      comment: "kept",
    };
    const base = { kind: "alterColumn" as const, table: "t", name: "c", existing };
    expect(compile({ ...base, changes: { nullable: false } })).toEqual(["ALTER TABLE `t` MODIFY COLUMN `c` varchar(20) NOT NULL DEFAULT 'x' COMMENT 'kept'"]);
    expect(compile({ ...base, changes: { type: { kind: "text" } } })).toEqual(["ALTER TABLE `t` MODIFY COLUMN `c` text NULL DEFAULT ('x') COMMENT 'kept'"]);
    expect(compile({ ...base, changes: { comment: null, serverDefault: null } })).toEqual(["ALTER TABLE `t` MODIFY COLUMN `c` varchar(20) NULL"]);
    expect(compile({ ...base, changes: { comment: "it's" } })).toEqual(["ALTER TABLE `t` MODIFY COLUMN `c` varchar(20) NULL DEFAULT 'x' COMMENT 'it''s'"]);
    expect(
      compile({ kind: "alterColumn", table: "t", name: "id", existing: { type: { kind: "integer" }, nullable: false }, changes: { autoincrement: true } }),
    ).toEqual(["ALTER TABLE `t` MODIFY COLUMN `id` int NOT NULL AUTO_INCREMENT"]);
    expect(
      compile({ kind: "alterColumn", table: "t", name: "id", existing: { type: { kind: "integer" }, nullable: false, autoincrement: true }, changes: { autoincrement: false } }),
    ).toEqual(["ALTER TABLE `t` MODIFY COLUMN `id` int NOT NULL"]);
  });

  test("alter: a rename is CHANGE with the new name and the whole column", () => {
    expect(
      compile({ kind: "alterColumn", table: "t", name: "old", existing: { type: { kind: "integer" }, nullable: false }, changes: { newName: H, nullable: true } }),
    ).toEqual([`ALTER TABLE \`t\` CHANGE COLUMN \`old\` ${QH} int NULL`]);
  });

  test("alter without the existing type is a clear error; USING is refused", () => {
    const error = thrown(() => compile({ kind: "alterColumn", table: "t", name: "c", existing: {}, changes: { nullable: false } }));
    expect(error.message).toMatch(/needs its existing type/);
    expect(error.hint).toMatch(/existingType/);
    expect(
      thrown(() => compile({ kind: "alterColumn", table: "t", name: "c", existing: {}, changes: { type: { kind: "integer" }, using: "c::int" } })).message,
    ).toMatch(/USING is PostgreSQL's/);
  });
});

describe("MySQL DDL: indexes", () => {
  test("a table created IF NOT EXISTS holds its indexes, so the statement runs again as a whole", () => {
    const t = table("t", [{ name: "a", type: { kind: "integer" }, nullable: false }, { name: "b", type: { kind: "string", length: 9 }, nullable: true }], {
      comment: "x\n) y",
      indexes: [
        { name: "ix_b", columns: ["b"], unique: false, using: "btree" },
        { name: "uq_ab", columns: ["a", { expression: "`b`(3)" }], unique: true },
      ],
    });
    expect(compile({ kind: "createTable", table: t, ifNotExists: true })).toEqual([
      "CREATE TABLE IF NOT EXISTS `t` (\n  `a` int NOT NULL,\n  `b` varchar(9) NULL,\n  INDEX `ix_b` USING BTREE (`b`),\n  UNIQUE INDEX `uq_ab` (`a`, `b`(3))\n) COMMENT='x\n) y'",
    ]);
    // without IF NOT EXISTS the indexes stay statements of their own
    expect(compile({ kind: "createTable", table: t })).toHaveLength(3);
  });

  test("create with unique, method, expressions, online build; drop with its table", () => {
    expect(compile({ kind: "createIndex", table: H, index: { name: H, columns: ["a", H], unique: true } })).toEqual([
      `CREATE UNIQUE INDEX ${QH} ON ${QH} (\`a\`, ${QH})`,
    ]);
    expect(compile({ kind: "createIndex", table: "t", schema: "s", index: { name: "i", columns: ["a"], unique: false, using: "HASH" } })).toEqual([
      "CREATE INDEX `i` USING HASH ON `s`.`t` (`a`)",
    ]);
    expect(mysql8.compile({ kind: "createIndex", table: "t", index: { name: "i", columns: [{ expression: "lower(`a`)" }], unique: false } })).toEqual([
      "CREATE INDEX `i` ON `t` ((lower(`a`)))",
    ]);
    expect(compile({ kind: "createIndex", table: "t", concurrently: true, index: { name: "i", columns: ["a"], unique: false } })).toEqual([
      "CREATE INDEX `i` ON `t` (`a`) ALGORITHM=INPLACE LOCK=NONE",
    ]);
    expect(mariadb.compile({ kind: "createIndex", table: "t", ifNotExists: true, index: { name: "i", columns: ["a"], unique: false } })).toEqual([
      "CREATE INDEX IF NOT EXISTS `i` ON `t` (`a`)",
    ]);
    expect(compile({ kind: "dropIndex", name: H, table: H })).toEqual([`DROP INDEX ${QH} ON ${QH}`]);
    expect(mariadb.compile({ kind: "dropIndex", name: "i", table: "t", schema: "s", ifExists: true })).toEqual(["DROP INDEX IF EXISTS `i` ON `s`.`t`"]);
  });

  test("what MySQL or MariaDB cannot do is a clear error", () => {
    const index = { name: "i", columns: ["a"], unique: false };
    expect(thrown(() => compile({ kind: "createIndex", table: "t", index: { ...index, where: "a > 0" } })).message).toMatch(/no partial indexes/);
    expect(thrown(() => compile({ kind: "createIndex", table: "t", index: { ...index, include: ["b"] } })).message).toMatch(/no INCLUDE/);
    expect(thrown(() => compile({ kind: "createIndex", table: "t", index: { ...index, using: "gin" } })).message).toMatch(/no index method "gin"/);
    expect(
      thrown(() => mariadb.compile({ kind: "createIndex", table: "t", index: { ...index, columns: [{ expression: "lower(a)" }] } })).message,
    ).toMatch(/MariaDB cannot index expressions/);
    expect(thrown(() => mysql8.compile({ kind: "createIndex", table: "t", ifNotExists: true, index })).message).toMatch(/CREATE INDEX IF NOT EXISTS/);
    expect(thrown(() => compile({ kind: "dropIndex", name: "i" })).message).toMatch(/needs the index's table/);
  });
});

describe("MySQL DDL: constraints", () => {
  test("add each kind", () => {
    const add = (constraint: Extract<SchemaOperation, { kind: "addConstraint" }>["constraint"]): string[] =>
      compile({ kind: "addConstraint", table: H, constraint });
    expect(add({ type: "primary", name: "pk", columns: ["a", "b"] })).toEqual([`ALTER TABLE ${QH} ADD PRIMARY KEY (\`a\`, \`b\`)`]);
    expect(add({ type: "unique", name: H, columns: [H] })).toEqual([`ALTER TABLE ${QH} ADD CONSTRAINT ${QH} UNIQUE (${QH})`]);
    expect(add({ type: "check", name: "ck", sql: "`a` <> 'x'" })).toEqual([`ALTER TABLE ${QH} ADD CONSTRAINT \`ck\` CHECK (\`a\` <> 'x')`]);
    expect(add({ type: "foreignkey", name: "fk", columns: ["a"], refTable: H, refColumns: ["id"], onDelete: "restrict", onUpdate: "no action" })).toEqual([
      `ALTER TABLE ${QH} ADD CONSTRAINT \`fk\` FOREIGN KEY (\`a\`) REFERENCES ${QH} (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    ]);
    expect(thrown(() => add({ type: "foreignkey", name: "fk", columns: ["a", "b"], refTable: "p", refColumns: ["id"] })).message).toMatch(/2 column/);
  });

  test("drop: each kind with its own statement", () => {
    const drop = (type: "primary" | "unique" | "check" | "foreignkey", dialect = ddl): string[] =>
      dialect.compile({ kind: "dropConstraint", table: "t", name: H, type });
    expect(drop("foreignkey")).toEqual([`ALTER TABLE \`t\` DROP FOREIGN KEY ${QH}`]);
    expect(drop("unique")).toEqual([`ALTER TABLE \`t\` DROP INDEX ${QH}`]);
    expect(drop("primary")).toEqual(["ALTER TABLE `t` DROP PRIMARY KEY"]);
    expect(drop("check")).toEqual([`ALTER TABLE \`t\` DROP CONSTRAINT ${QH}`]);
    expect(drop("check", mysql8)).toEqual([`ALTER TABLE \`t\` DROP CHECK ${QH}`]);
    expect(mariadb.compile({ kind: "dropConstraint", table: "t", name: "fk", type: "foreignkey", ifExists: true })).toEqual([
      "ALTER TABLE `t` DROP FOREIGN KEY IF EXISTS `fk`",
    ]);
    // The type can come from the constraint as it was.
    expect(compile({ kind: "dropConstraint", table: "t", name: "u", constraint: { type: "unique", name: "u", columns: ["a"] } })).toEqual([
      "ALTER TABLE `t` DROP INDEX `u`",
    ]);
    const error = thrown(() => compile({ kind: "dropConstraint", table: "t", name: "c" }));
    expect(error.message).toMatch(/needs its type/);
    expect(error.hint).toMatch(/foreignkey/);
  });
});

describe("MySQL DDL: enums and bulk insert", () => {
  test("enum types live in their columns: create/drop compile to nothing, value changes are errors", () => {
    expect(compile({ kind: "createEnum", enum: { name: "mood", values: ["a"] } })).toEqual([]);
    expect(compile({ kind: "dropEnum", name: "mood" })).toEqual([]);
    expect(thrown(() => compile({ kind: "addEnumValue", name: "mood", value: "b" })).hint).toMatch(/alterColumn/);
    expect(thrown(() => compile({ kind: "renameEnumValue", name: "mood", from: "a", to: "b" })).message).toMatch(/no named enum types/);
  });

  test("bulk insert renders hostile values as literals, missing keys as DEFAULT, documents as JSON", () => {
    const statements = compile({
      kind: "bulkInsert",
      table: H,
      columns: [{ name: "id" }, { name: H }, { name: "doc", type: { kind: "json" } }, { name: "flag" }],
      rows: [
        { id: 1, [H]: "it's a \\ back\nslash \u0000 ü", doc: { a: "b'c" }, flag: true },
        { id: 2, [H]: null, flag: false },
      ],
    });
    expect(statements).toEqual([
      `INSERT INTO ${QH} (\`id\`, ${QH}, \`doc\`, \`flag\`) VALUES\n` +
        `(1, _utf8mb4 X'${Buffer.from("it's a \\ back\nslash \u0000 ü").toString("hex")}', '{"a":"b''c"}', TRUE),\n` +
        "(2, NULL, DEFAULT, FALSE)",
    ]);
    expect(compile({ kind: "bulkInsert", table: "t", columns: [], rows: [] })).toEqual([]);
    const many = compile({ kind: "bulkInsert", table: "t", columns: [{ name: "a" }], rows: Array.from({ length: 1001 }, (_, a) => ({ a })) });
    expect(many).toHaveLength(3);
  });
});

describe("MySQL server versions", () => {
  test("version strings compare by major, minor and patch", async () => {
    const { atLeast } = await import("../../../src/dialects/mysql/reflect.js");
    expect(atLeast("10.11.19-MariaDB-0+deb12u1", [10, 2, 22])).toBe(true);
    expect(atLeast("10.2.9-MariaDB", [10, 2, 22])).toBe(false);
    expect(atLeast("8.0.16", [8, 0, 16])).toBe(true);
    expect(atLeast("8.0.12-log", [8, 0, 13])).toBe(false);
    expect(atLeast("5.7.44", [8, 0, 13])).toBe(false);
    expect(atLeast("9.1.0", [8, 0, 16])).toBe(true);
  });
});

describe("MySQL catalog spellings", () => {
  test("defaults: MariaDB quotes literals; MySQL 8 writes them bare and marks expressions", async () => {
    const { mapDefault } = await import("../../../src/dialects/mysql/reflect.js");
    // MariaDB
    expect(mapDefault("'it''s \\\\ \\n'", "", "varchar", true)).toEqual({ kind: "literal", value: "it's \\ \n" });
    expect(mapDefault("'it\\'s'", "", "text", true)).toEqual({ kind: "literal", value: "it's" });
    expect(mapDefault("NULL", "", "varchar", true)).toBeUndefined();
    expect(mapDefault("'NULL'", "", "varchar", true)).toEqual({ kind: "literal", value: "NULL" });
    expect(mapDefault("current_timestamp(3)", "", "timestamp", true)).toEqual({ kind: "sql", sql: "current_timestamp(3)" });
    expect(mapDefault("1.50", "", "decimal", true)).toEqual({ kind: "sql", sql: "1.50" });
    expect(mapDefault(null, "", "int", true)).toBeUndefined();
    // MySQL 8
    expect(mapDefault("it's", "", "varchar", false)).toEqual({ kind: "literal", value: "it's" });
    expect(mapDefault("5", "", "int", false)).toEqual({ kind: "sql", sql: "5" });
    expect(mapDefault("CURRENT_TIMESTAMP", "DEFAULT_GENERATED", "datetime", false)).toEqual({ kind: "sql", sql: "CURRENT_TIMESTAMP" });
    expect(mapDefault("_utf8mb4\\'it\\\\\\'s\\'", "DEFAULT_GENERATED", "text", false)).toEqual({ kind: "literal", value: "it's" });
    expect(mapDefault("_utf8mb4\\'a\\\\\\\\b\\'", "DEFAULT_GENERATED", "text", false)).toEqual({ kind: "literal", value: "a\\b" });
    expect(mapDefault("(rand() * 2)", "DEFAULT_GENERATED", "double", false)).toEqual({ kind: "sql", sql: "(rand() * 2)" });
  });

  test("types: display widths dropped, tinyint(1) is boolean, unsigned kept as custom", async () => {
    const { mapType, parseEnumValues } = await import("../../../src/dialects/mysql/reflect.js");
    expect(mapType("int", "int(11)", {}, "c")).toEqual({ kind: "integer" });
    expect(mapType("int", "int", {}, "c")).toEqual({ kind: "integer" });
    expect(mapType("bigint", "bigint(20) unsigned", {}, "c")).toEqual({ kind: "custom", sql: "bigint unsigned" });
    expect(mapType("tinyint", "tinyint(1)", {}, "c")).toEqual({ kind: "boolean" });
    expect(mapType("tinyint", "tinyint(4)", {}, "c")).toEqual({ kind: "custom", sql: "tinyint" });
    expect(mapType("json", "json", {}, "c")).toEqual({ kind: "json" });
    expect(mapType("datetime", "datetime(6)", { dt_precision: 6 }, "c")).toEqual({ kind: "timestamp", precision: 6 });
    expect(mapType("timestamp", "timestamp", { dt_precision: 0 }, "c")).toEqual({ kind: "timestamp", withTimezone: true });
    expect(mapType("mediumtext", "mediumtext", {}, "c")).toEqual({ kind: "custom", sql: "mediumtext" });
    expect(parseEnumValues("enum('a','b''c','d\\\\e',',')")).toEqual(["a", "b'c", "d\\e", ","]);
  });

  test("MySQL 8 expressions lose one level of quote escaping", async () => {
    const { unescapeExpression } = await import("../../../src/dialects/mysql/reflect.js");
    expect(unescapeExpression("(`code` <> _utf8mb4\\'\\')")).toBe("(`code` <> _utf8mb4'')");
    expect(unescapeExpression("json_extract(`v`,_utf8mb4\\'$.a\\')")).toBe("json_extract(`v`,_utf8mb4'$.a')");
  });
});

describe("MySQL DDL: names past 64 characters", () => {
  const long = `${"custom_widget_secret_definition_id_"}${"custom_widget_definition_id_fk"}`;
  const int: Column = { name: "a", type: { kind: "integer" }, nullable: true };

  test("a constraint or index name MySQL would refuse is refused, naming it, its length and what to do", () => {
    expect([...long].length).toBe(65);
    const fk = { type: "foreignkey" as const, name: long, columns: ["a"], refTable: "r", refColumns: ["id"] };
    const error = thrown(() => compile({ kind: "createTable", table: table("t", [int], { foreignKeys: [fk] }) }));
    expect(error.message).toBe(`foreign key name "${long}" has 65 characters; MySQL and MariaDB allow 64`);
    expect(error.hint).toMatch(/foreignKey\(\{ name/);
    expect(thrown(() => compile({ kind: "addConstraint", table: "t", constraint: { type: "unique", name: long, columns: ["a"] } })).message).toMatch(/^unique constraint name .* has 65 characters/);
    expect(thrown(() => compile({ kind: "createIndex", table: "t", index: { name: long, columns: ["a"], unique: false } })).message).toMatch(/^index name .* has 65 characters/);
    expect(thrown(() => compile({ kind: "createTable", ifNotExists: true, table: table("t", [int], { indexes: [{ name: long, columns: ["a"], unique: false }] }) })).message).toMatch(/^index name/);
    // 64 characters, counted as characters, not bytes, pass
    expect(compile({ kind: "createIndex", table: "t", index: { name: "é".repeat(64), columns: ["a"], unique: false } })[0]).toContain("é".repeat(64));
    expect(compile({ kind: "createTable", table: table("t", [int], { foreignKeys: [{ ...fk, name: long.slice(1) }] }) })[0]).toContain(long.slice(1));
  });
});
