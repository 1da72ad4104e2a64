import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bare, mysqlAvailable, openSandbox, withoutOptions, type Sandbox } from "./live.js";

describe.skipIf(!mysqlAvailable)("MySQL/MariaDB reflection", () => {
  let box: Sandbox;
  beforeAll(async () => {
    box = await openSandbox("my reflect");
  });
  afterAll(async () => {
    await box?.close();
  });

  test("a schema written by hand in SQL reflects to the expected model", async () => {
    const q = (sql: string): Promise<unknown> => box.connection.execute(sql);
    await q("CREATE TABLE `parent ü` (`id` int NOT NULL AUTO_INCREMENT PRIMARY KEY, `code` varchar(10) NOT NULL, CONSTRAINT `uq code` UNIQUE (`code`)) COMMENT 'the ''parents'''");
    await q(
      "CREATE TABLE `child \"x\"` (" +
        "`id` bigint NOT NULL AUTO_INCREMENT, `parent id` int NULL, `doc` json, `flag` tinyint(1) NOT NULL DEFAULT 1," +
        " `name` varchar(20) DEFAULT 'it''s \\\\ \\n' COMMENT 'the ''name''', `created` timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)," +
        " `at` datetime NULL, `price` decimal(10,2) DEFAULT 1.50, `twice` decimal(12,2) AS (`price` * 2) STORED, `plus` int AS (`flag` + 1) VIRTUAL," +
        " `mood` enum('a','b''c') DEFAULT 'a', `uid` char(36) COLLATE utf8mb4_bin, `f` float, `d` double, `raw` blob, `vb` varbinary(16)," +
        " `t` time(2), `day` date, `txt` text DEFAULT 'NULL', `n` varchar(5) DEFAULT NULL, `u` int unsigned, `small` smallint, `tiny` tinyint," +
        " `other` int, `p2` int," +
        " PRIMARY KEY (`id`)," +
        " CONSTRAINT `fk parent` FOREIGN KEY (`parent id`) REFERENCES `parent ü` (`id`) ON DELETE CASCADE ON UPDATE NO ACTION," +
        " CONSTRAINT `fk other` FOREIGN KEY (`p2`) REFERENCES `parent ü` (`id`)," +
        " CONSTRAINT `ck price` CHECK (`price` > 0)," +
        " KEY `ix name` (`name`, `created`), KEY `ix prefix` (`name`(5)), UNIQUE KEY `ux pair` (`uid`, `other`)" +
        ") COMMENT 'kids'",
    );
    const model = await box.reflect();
    expect(model.enums).toEqual([]);
    const byName = new Map(model.tables.map((t) => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual(['child "x"', "parent ü"]);
    expect(withoutOptions(byName.get("parent ü"))).toEqual(
      bare("parent ü", [
        { name: "id", type: { kind: "integer" }, nullable: false, autoincrement: true },
        { name: "code", type: { kind: "string", length: 10 }, nullable: false },
      ], { primaryKey: { columns: ["id"] }, uniques: [{ name: "uq code", columns: ["code"] }], comment: "the 'parents'" }),
    );
    const child = byName.get('child "x"')!;
    expect(child.dialectOptions?.["mysql"]?.["engine"]).toBe("InnoDB");
    expect(child.dialectOptions?.["mysql"]?.["collate"]).toMatch(/^utf8mb4_/);
    expect(child.dialectOptions?.["mysql"]?.["charset"]).toBe("utf8mb4");
    expect(withoutOptions(child)).toEqual(
      bare(
        'child "x"',
        [
          { name: "id", type: { kind: "bigint" }, nullable: false, autoincrement: true },
          { name: "parent id", type: { kind: "integer" }, nullable: true },
          { name: "doc", type: { kind: "json" }, nullable: true },
          { name: "flag", type: { kind: "boolean" }, nullable: false, serverDefault: { kind: "sql", sql: "1" } },
          { name: "name", type: { kind: "string", length: 20 }, nullable: true, serverDefault: { kind: "literal", value: "it's \\ \n" }, comment: "the 'name'" },
          { name: "created", type: { kind: "timestamp", withTimezone: true, precision: 3 }, nullable: false, serverDefault: { kind: "sql", sql: "current_timestamp(3)" } },
          { name: "at", type: { kind: "timestamp" }, nullable: true },
          { name: "price", type: { kind: "numeric", precision: 10, scale: 2 }, nullable: true, serverDefault: { kind: "sql", sql: "1.50" } },
          { name: "twice", type: { kind: "numeric", precision: 12, scale: 2 }, nullable: true, computed: { sql: "`price` * 2", stored: true } },
          { name: "plus", type: { kind: "integer" }, nullable: true, computed: { sql: "`flag` + 1", stored: false } },
          { name: "mood", type: { kind: "enum", name: "mood", values: ["a", "b'c"] }, nullable: true, serverDefault: { kind: "literal", value: "a" } },
          { name: "uid", type: { kind: "char", length: 36 }, nullable: true, collation: "utf8mb4_bin" },
          { name: "f", type: { kind: "float" }, nullable: true },
          { name: "d", type: { kind: "double" }, nullable: true },
          { name: "raw", type: { kind: "binary" }, nullable: true },
          { name: "vb", type: { kind: "binary", length: 16 }, nullable: true },
          { name: "t", type: { kind: "time", precision: 2 }, nullable: true },
          { name: "day", type: { kind: "date" }, nullable: true },
          { name: "txt", type: { kind: "text" }, nullable: true, serverDefault: { kind: "literal", value: "NULL" } },
          { name: "n", type: { kind: "string", length: 5 }, nullable: true },
          { name: "u", type: { kind: "custom", sql: "int unsigned" }, nullable: true },
          { name: "small", type: { kind: "smallint" }, nullable: true },
          { name: "tiny", type: { kind: "custom", sql: "tinyint" }, nullable: true },
          { name: "other", type: { kind: "integer" }, nullable: true },
          { name: "p2", type: { kind: "integer" }, nullable: true },
        ],
        {
          primaryKey: { columns: ["id"] },
          foreignKeys: [
            { name: "fk other", columns: ["p2"], refTable: "parent ü", refColumns: ["id"] },
            { name: "fk parent", columns: ["parent id"], refTable: "parent ü", refColumns: ["id"], onDelete: "cascade", onUpdate: "no action" },
          ],
          uniques: [{ name: "ux pair", columns: ["uid", "other"] }],
          checks: [{ name: "ck price", sql: "`price` > 0" }],
          // The indexes MySQL made for the two foreign keys are left out.
          indexes: [
            { name: "ix name", columns: ["name", "created"], unique: false },
            { name: "ix prefix", columns: [{ expression: "`name`(5)" }], unique: false },
          ],
          comment: "kids",
        },
      ),
    );
  });

  test("several schemas: the default one without schema, others named; foreign keys across them; a table filter", async () => {
    const other = await box.extraSchema("my other");
    const dialect = box.connection.dialect;
    await box.connection.execute(`CREATE TABLE ${dialect.quoteTable("target", other)} (id int PRIMARY KEY)`);
    await box.connection.execute(
      `CREATE TABLE \`source\` (id int PRIMARY KEY, t int, CONSTRAINT fk_t FOREIGN KEY (t) REFERENCES ${dialect.quoteTable("target", other)} (id) ON DELETE SET NULL)`,
    );
    const model = await box.reflect({ schemas: [null, other], tables: ["source", "target"] });
    const source = model.tables.find((t) => t.name === "source")!;
    const target = model.tables.find((t) => t.name === "target")!;
    expect(source.schema).toBeUndefined();
    expect(target.schema).toBe(other);
    expect(source.foreignKeys).toEqual([{ name: "fk_t", columns: ["t"], refTable: "target", refSchema: other, refColumns: ["id"], onDelete: "set null" }]);
    // The index MySQL made for the foreign key is not reported.
    expect(source.indexes).toEqual([]);
    expect((await box.reflect({ tables: [] })).tables).toEqual([]);
    expect((await box.reflect({ tables: ["nothing here"] })).tables).toEqual([]);
  });
});
