// The DDL of column changes that must not lose what the column has: MySQL's
// MODIFY/CHANGE restate the whole column, PostgreSQL's type change restates the
// collation, and databases without ON UPDATE or collation changes refuse them.
import { describe, expect, test } from "vitest";
import { getDialect } from "../../src/dialects/index.js";
import type { AlterColumn } from "../../src/dialects/contract/index.js";
import { splitCollation } from "../../src/adapters/drizzle/collation.js";

const alter = (changes: AlterColumn["changes"], existing: AlterColumn["existing"]): AlterColumn => ({ kind: "alterColumn", table: "t", name: "c", changes, existing });

describe("MySQL restates the whole column", () => {
  const ddl = getDialect("mysql").ddl;
  test("a rename keeps collation, default, ON UPDATE and comment", () => {
    const sql = ddl.compile(
      alter(
        { newName: "d" },
        {
          type: { kind: "timestamp", precision: 3 },
          nullable: false,
          serverDefault: { kind: "sql", sql: "CURRENT_TIMESTAMP(3)" },
          onUpdate: "CURRENT_TIMESTAMP(3)",
          comment: "touched",
          collation: null,
        },
      ),
    );
    expect(sql).toEqual(["ALTER TABLE `t` CHANGE COLUMN `c` `d` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3) COMMENT 'touched'"]);
  });
  test("a comment change of a generated column keeps it generated", () => {
    const sql = ddl.compile(alter({ comment: "new" }, { type: { kind: "integer" }, nullable: true, computed: { sql: "a * 2", stored: true }, collation: null }));
    expect(sql).toEqual(["ALTER TABLE `t` MODIFY COLUMN `c` int GENERATED ALWAYS AS (a * 2) STORED COMMENT 'new'"]);
  });
  test("a nullability change keeps the collation; a collation change keeps the rest", () => {
    expect(ddl.compile(alter({ nullable: false }, { type: { kind: "string", length: 36 }, nullable: true, collation: "utf8mb4_bin", serverDefault: { kind: "literal", value: "x" } }))).toEqual([
      "ALTER TABLE `t` MODIFY COLUMN `c` varchar(36) COLLATE utf8mb4_bin NOT NULL DEFAULT 'x'",
    ]);
    expect(ddl.compile(alter({ collation: null }, { type: { kind: "string", length: 36 }, nullable: false, collation: "utf8mb4_bin", comment: "id" }))).toEqual([
      "ALTER TABLE `t` MODIFY COLUMN `c` varchar(36) NOT NULL COMMENT 'id'",
    ]);
  });
  test("table options", () => {
    expect(ddl.compile({ kind: "alterTableOptions", table: "t", options: { mysql: { engine: "InnoDB", rowFormat: "dynamic" } } })).toEqual([
      "ALTER TABLE `t` ENGINE=InnoDB ROW_FORMAT=DYNAMIC",
    ]);
    expect(() => ddl.compile({ kind: "alterTableOptions", table: "t", options: { mysql: { engine: "InnoDB; DROP" } } })).toThrow(/not a valid MySQL engine/);
  });
});

describe("PostgreSQL", () => {
  const ddl = getDialect("postgresql").ddl;
  test("a collation change is TYPE … COLLATE with the column's type; a type change keeps the collation", () => {
    expect(ddl.compile(alter({ collation: "C" }, { type: { kind: "text" } }))).toEqual(['ALTER TABLE "t" ALTER COLUMN "c" TYPE text COLLATE "C"']);
    expect(ddl.compile(alter({ type: { kind: "string", length: 9 } }, { type: { kind: "text" }, collation: "C" }))).toEqual([
      'ALTER TABLE "t" ALTER COLUMN "c" TYPE varchar(9) COLLATE "C"',
    ]);
    expect(() => ddl.compile(alter({ collation: "C" }, {}))).toThrow(/needs the column's type/);
  });
  test("ON UPDATE is refused", () => {
    expect(() => ddl.compile(alter({ onUpdate: "CURRENT_TIMESTAMP" }, { type: { kind: "timestamp" } }))).toThrow(/PostgreSQL has no ON UPDATE clause/);
  });
  test("table options for another database are not its own", () => {
    expect(ddl.compile({ kind: "alterTableOptions", table: "t", options: { mysql: { engine: "InnoDB" } } })).toEqual([]);
  });
});

describe("SQLite", () => {
  test("a collation change needs a batch", () => {
    expect(() => getDialect("sqlite").ddl.compile(alter({ collation: "NOCASE" }, { type: { kind: "text" } }))).toThrow(/collation/);
  });
});

describe("a custom type carrying COLLATE", () => {
  test.each([
    ["varchar(36) COLLATE utf8mb4_bin", { type: { kind: "string", length: 36 }, collation: "utf8mb4_bin" }],
    ["varchar(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", { type: { kind: "string", length: 36 }, collation: "utf8mb4_bin" }],
    ['text COLLATE "C"', { type: { kind: "text" }, collation: "C" }],
    ["citext", { type: { kind: "custom", sql: "citext" } }],
  ])("%s", (sql, expected) => {
    expect(splitCollation({ kind: "custom", sql })).toEqual(expected);
  });
});
