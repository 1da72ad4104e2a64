// Reading a MariaDB 10.6+ catalog one row per table (each table's columns,
// checks, keys and indexes as one JSON array the server builds) gives the
// tables that reading it one row per column, key part and index part gives,
// whatever the names, comments and defaults hold, and however long one table's
// array grows.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Table } from "../../../src/schema/model.js";
import { assembleTables, mysqlCatalogContext, tableStatements, type MysqlCatalogContext } from "../../../src/dialects/mysql/reflect.js";
import { readCatalog } from "../../../src/dialects/mysql/result-sets.js";
import type { ReflectOptions } from "../../../src/dialects/contract/index.js";
import { mysqlAvailable, openSandbox, type Sandbox } from "./live.js";

/** Text no catalog escaping may change: quotes, backslashes, line breaks, control characters, non-ASCII and separator characters (the catalog keeps three bytes a character at most). */
const HOSTILE = "it's \"q\" \\ \\n\n\t\u0001 é ß € 中 \u2028 end";

describe.skipIf(!mysqlAvailable)("MariaDB catalog read one row per table", () => {
  let box: Sandbox;
  let other: string;
  let context: MysqlCatalogContext;
  beforeAll(async () => {
    box = await openSandbox("my per table");
    other = await box.extraSchema("my per table other");
    context = (await mysqlCatalogContext(box.connection, {}))!;
  });
  afterAll(async () => {
    await box?.close();
  });

  /** The tables both ways: one row per table (as reflect reads them) and one row per catalog row. */
  async function bothWays(options: ReflectOptions): Promise<{ perTable: Table[]; perRow: Table[] }> {
    const asked = (await mysqlCatalogContext(box.connection, options))!;
    const rowScope = { ...asked.scope, perTable: false };
    const perTable = assembleTables(asked, await readCatalog(box.connection, tableStatements(asked.scope)));
    const perRow = assembleTables({ ...asked, scope: rowScope }, await readCatalog(box.connection, tableStatements(rowScope)));
    return { perTable, perRow };
  }

  test("names, comments, defaults, types, keys, checks and indexes come back as the rows give them", async (ctx) => {
    if (!context.scope.perTable) ctx.skip();
    const q = (sql: string): Promise<unknown> => box.connection.execute(sql);
    // a plain string literal (COMMENT takes no other), its characters as they are
    const literal = (text: string): string => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
    const o = box.connection.dialect.quoteIdentifier(other);
    await q(`CREATE TABLE ${o}.\`target ü\` (\`id\` int PRIMARY KEY, \`k\` int, UNIQUE KEY \`uk\` (\`id\`, \`k\`))`);
    await q(`CREATE TABLE \`parent "p"\` (\`id\` bigint unsigned AUTO_INCREMENT PRIMARY KEY, \`code\` varchar(20) COLLATE utf8mb4_bin NOT NULL UNIQUE) COMMENT ${literal(HOSTILE)}`);
    await q(
      "CREATE TABLE `child 'c'` (" +
        "`id` int NOT NULL AUTO_INCREMENT, `parent id` bigint unsigned, `t` int, `k` int," +
        ` \`name\` varchar(60) DEFAULT ${literal(HOSTILE)} COMMENT ${literal(HOSTILE)},` +
        " `doc` json, `flag` tinyint(1) NOT NULL DEFAULT 1, `price` decimal(10,2) DEFAULT 1.50, `twice` decimal(12,2) AS (`price` * 2) STORED," +
        " `plus` int AS (`flag` + 1) VIRTUAL, `mood` enum('a','b''c','d\\\\e') DEFAULT 'b''c', `at` timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)," +
        " `body` text DEFAULT 'x', `raw` varbinary(16), `f` float, `d` double, `day` date, `tm` time(2), `tiny` tinyint, `u` int unsigned zerofill," +
        " `qty` int CHECK (`qty` > 0)," +
        " PRIMARY KEY (`id`)," +
        " CONSTRAINT `fk parent` FOREIGN KEY (`parent id`) REFERENCES `parent \"p\"` (`id`) ON DELETE CASCADE ON UPDATE SET NULL," +
        ` CONSTRAINT \`fk target\` FOREIGN KEY (\`t\`, \`k\`) REFERENCES ${o}.\`target ü\` (\`id\`, \`k\`) ON DELETE SET NULL,` +
        ` CONSTRAINT \`ck "name"\` CHECK (\`name\` <> ${literal(HOSTILE)}),` +
        " KEY `ix name` (`name`, `at`), KEY `ix prefix` (`name`(10)), KEY `ix desc` (`price` DESC, `id`), UNIQUE KEY `ux pair` (`k`, `t`)," +
        " FULLTEXT KEY `ft body` (`body`)" +
        ") COMMENT 'kids'",
    );
    await q("CREATE TABLE `bare` (`only` int)");
    await q("CREATE VIEW `v kids` AS SELECT `id` FROM `child 'c'`");

    for (const options of [{}, { schemas: [null, other] }, { schemas: [other] }, { tables: ["child 'c'", "bare"] }] as ReflectOptions[]) {
      const { perTable, perRow } = await bothWays(options);
      expect(perTable, JSON.stringify(options)).toEqual(perRow);
      expect(await box.reflect(options).then((m) => m.tables)).toEqual(perTable);
    }
    const { perTable } = await bothWays({ schemas: [null, other] });
    const byName = new Map(perTable.map((t) => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual(["bare", "child 'c'", 'parent "p"', "target ü"]);
    expect(byName.get('parent "p"')!.comment).toBe(HOSTILE);
    const child = byName.get("child 'c'")!;
    const name = child.columns.find((c) => c.name === "name")!;
    expect(name.comment).toBe(HOSTILE);
    expect(name.serverDefault).toEqual({ kind: "literal", value: HOSTILE });
    expect(child.columns.map((c) => c.name)).toEqual([
      "id", "parent id", "t", "k", "name", "doc", "flag", "price", "twice", "plus", "mood", "at", "body", "raw", "f", "d", "day", "tm", "tiny", "u", "qty",
    ]);
    expect(child.columns.find((c) => c.name === "doc")!.type).toEqual({ kind: "json" });
    expect(child.columns.find((c) => c.name === "mood")!.type).toEqual({ kind: "enum", name: "mood", values: ["a", "b'c", "d\\e"] });
    expect(child.foreignKeys).toEqual([
      { name: "fk parent", columns: ["parent id"], refTable: 'parent "p"', refColumns: ["id"], onDelete: "cascade", onUpdate: "set null" },
      { name: "fk target", columns: ["t", "k"], refTable: "target ü", refSchema: other, refColumns: ["id", "k"], onDelete: "set null" },
    ]);
    expect(child.checks.map((c) => c.name)).toEqual(['ck "name"', "qty"]);
    expect(child.indexes.map((ix) => ix.name)).toEqual(["ft body", "ix desc", "ix name", "ix prefix"]);
    expect(child.indexes.find((ix) => ix.name === "ix desc")!.columns).toEqual([{ expression: "`price` DESC" }, "id"]);
    expect(child.uniques).toEqual([{ name: "ux pair", columns: ["k", "t"] }]);
    expect(byName.get("bare")).toEqual({ name: "bare", columns: [{ name: "only", type: { kind: "integer" }, nullable: true }], foreignKeys: [], uniques: [], checks: [], indexes: [], dialectOptions: byName.get("bare")!.dialectOptions });
  });

  test("a table whose array outgrows the server's default limit of an aggregate (1 MB) is read whole", async (ctx) => {
    if (!context.scope.perTable) ctx.skip();
    const schema = await box.extraSchema("my per table wide");
    const d = box.connection.dialect;
    const long = (text: string): string => `${text}${"_".repeat(64)}`.slice(0, 64);
    const columns = Array.from({ length: 16 }, (_, i) => long(`column ${i}`));
    const list = columns.map((c) => d.quoteIdentifier(c)).join(", ");
    const parent = d.quoteTable(long("parent"), schema);
    const child = d.quoteTable(long("child"), schema);
    const definitions = columns.map((c) => `${d.quoteIdentifier(c)} int NOT NULL`).join(", ");
    await box.connection.execute(`CREATE TABLE ${parent} (${definitions}, UNIQUE KEY \`u\` (${list}))`);
    await box.connection.execute(`CREATE TABLE ${child} (${definitions}, KEY \`k\` (${list}))`);
    // 250 keys of 16 columns each: 4,000 key-column rows of long names, over a megabyte as one array
    const keys = Array.from({ length: 250 }, (_, i) => long(`fk ${String(i).padStart(3, "0")}`));
    await box.connection.execute(`ALTER TABLE ${child} ${keys.map((k) => `ADD CONSTRAINT ${d.quoteIdentifier(k)} FOREIGN KEY (${list}) REFERENCES ${parent} (${list})`).join(", ")}`);
    const length = await box.connection.execute(
      "SET STATEMENT group_concat_max_len = 1073741824 FOR SELECT LENGTH(JSON_ARRAYAGG(JSON_ARRAY(constraint_name, column_name, referenced_table_schema, referenced_table_name, referenced_column_name))) AS n" +
        " FROM information_schema.KEY_COLUMN_USAGE WHERE table_schema = ? AND referenced_table_name IS NOT NULL",
      [schema],
    );
    expect(Number(length.rows[0]?.["n"])).toBeGreaterThan(1 << 20);

    const { perTable, perRow } = await bothWays({ schemas: [schema] });
    expect(perTable).toEqual(perRow);
    const read = perTable.find((t) => t.name === long("child"))!;
    expect(read.foreignKeys.map((fk) => fk.name)).toEqual(keys);
    for (const fk of read.foreignKeys) expect(fk).toEqual({ name: fk.name, columns, refTable: long("parent"), refSchema: schema, refColumns: columns });
  });
});
