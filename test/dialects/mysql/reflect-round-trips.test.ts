// Reading a MariaDB catalog: the statements go out together as one compound
// statement, and what comes back is the model that reading them one at a time
// gives, for every kind of object a schema can hold and every way of asking.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Connection, ReflectOptions } from "../../../src/dialects/contract/index.js";
import { connect } from "../../../src/dialects/index.js";
import type { ResultSetsReader } from "../../../src/dialects/mysql/result-sets.js";
import { serverUrls } from "../../support/servers.js";
import { uniqueDatabaseName } from "../helpers.js";
import { mysqlAvailable, openSandbox, type Sandbox } from "./live.js";

/** The same session, as a connection that cannot send SELECTs together (as on MySQL). */
function oneAtATime(connection: Connection): Connection {
  return new Proxy(connection, {
    get(target, property) {
      if (property === "readResultSets") return undefined;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Statements the session has received from the client (`Questions`), read without counting itself. */
async function questions(connection: Connection): Promise<number> {
  const { rows } = await connection.execute("SHOW SESSION STATUS LIKE 'Questions'");
  return Number(rows[0]?.["Value"]);
}

describe.skipIf(!mysqlAvailable)("MySQL/MariaDB catalog reading", () => {
  let box: Sandbox;
  let other: string;
  let mariadb = false;
  beforeAll(async () => {
    box = await openSandbox("my catalog");
    other = await box.extraSchema("my catalog other");
    const q = (sql: string): Promise<unknown> => box.connection.execute(sql);
    const o = box.connection.dialect.quoteIdentifier(other);
    mariadb = /mariadb/i.test(String((await box.connection.execute("SELECT VERSION() AS v")).rows[0]?.["v"]));
    await q(`CREATE TABLE ${o}.\`target\` (\`id\` int PRIMARY KEY, \`h\` int, KEY \`ix h\` (\`h\`))`);
    await q(
      "CREATE TABLE `parent` (`id` int PRIMARY KEY, `code` varchar(20) COLLATE utf8mb4_bin UNIQUE, `doc` json, `note` text COMMENT 'a ''note''') COMMENT 'the parents' ROW_FORMAT=DYNAMIC",
    );
    await q(
      "CREATE TABLE `child` (`id` int AUTO_INCREMENT PRIMARY KEY, `parent_id` int, `t` int, `qty` int CHECK (`qty` > 0), `name` varchar(50) DEFAULT 'it''s'," +
        " `at` timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), `twice` int AS (`qty` * 2) STORED," +
        " CONSTRAINT `ck name` CHECK (`name` <> ''), KEY `ix prefix` (`name`(10))," +
        ` CONSTRAINT \`fk parent\` FOREIGN KEY (\`parent_id\`) REFERENCES \`parent\` (\`id\`) ON DELETE CASCADE,` +
        ` CONSTRAINT \`fk target\` FOREIGN KEY (\`t\`) REFERENCES ${o}.\`target\` (\`id\`) ON UPDATE SET NULL)`,
    );
    await q("CREATE TABLE `parts` (`id` int PRIMARY KEY) PARTITION BY HASH (`id`) PARTITIONS 2");
    await q("CREATE VIEW `v parents` AS SELECT `id`, `code` FROM `parent` WITH CHECK OPTION");
    await q(`CREATE VIEW ${o}.\`v other\` AS SELECT 1 AS \`one\``);
    await q("CREATE TRIGGER `trg child` BEFORE INSERT ON `child` FOR EACH ROW SET NEW.`qty` = NEW.`qty`");
    await q("CREATE PROCEDURE `proc one`() SELECT 1");
    if (mariadb) {
      await q("CREATE TABLE `versioned` (`id` int PRIMARY KEY) WITH SYSTEM VERSIONING");
      await q("CREATE SEQUENCE `seq one` START WITH 100 INCREMENT BY 5 CACHE 10");
      await q(`CREATE SEQUENCE ${o}.\`seq other\` MAXVALUE 1000 CYCLE`);
    }
  });
  afterAll(async () => {
    await box?.close();
  });

  test("every way of asking gives the model that reading one statement at a time gives", async () => {
    const asks: ReflectOptions[] = [
      {},
      { schemas: [null] },
      { schemas: [box.schema] },
      { schemas: [null, other] },
      { schemas: [other] },
      { tables: ["child", "v parents", "target"] },
      { schemas: [null, other], tables: ["child", "target"] },
      { tables: [] },
    ];
    for (const options of asks) {
      const together = await box.connection.dialect.reflect(box.connection, options);
      const apart = await box.connection.dialect.reflect(oneAtATime(box.connection), options);
      expect(together, JSON.stringify(options)).toEqual(apart);
    }
    const all = await box.reflect({ schemas: [null, other] });
    expect(all.tables.map((t) => t.name).sort()).toEqual(["child", "parent", "parts", "target", ...(mariadb ? ["versioned"] : [])].sort());
    expect((all.views ?? []).map((v) => v.name).sort()).toEqual(["v other", "v parents"]);
    expect((all.notModelled ?? []).map((o) => `${o.kind} ${o.name ?? ""} ${o.table ?? ""}`)).toEqual([
      "partitioning  parts",
      "procedure proc one ",
      ...(mariadb ? ["table option WITH SYSTEM VERSIONING versioned"] : []),
      "trigger trg child child",
    ]);
    if (mariadb) expect((all.sequences ?? []).map((s) => s.name).sort()).toEqual(["seq one", "seq other"]);
  });

  test("on MariaDB the catalog of a schema is read in a fixed few statements, however many tables it holds", async (context) => {
    if (!mariadb) context.skip();
    const before = await questions(box.connection);
    await box.reflect({ schemas: [null, other] });
    // the server and database, the catalog together, the views' definitions, the sequences' values
    expect((await questions(box.connection)) - before - 1).toBe(4);
    const plain = await box.extraSchema("my catalog plain");
    await box.connection.execute(`CREATE TABLE ${box.connection.dialect.quoteIdentifier(plain)}.\`a\` (\`id\` int PRIMARY KEY)`);
    const start = await questions(box.connection);
    const model = await box.reflect({ schemas: [plain] });
    expect(model.tables.map((t) => t.name)).toEqual(["a"]);
    expect((await questions(box.connection)) - start - 1).toBe(2);
  });

  test("on MariaDB a failing SELECT among those sent together fails the reading, and the session goes on", async (context) => {
    if (!mariadb) context.skip();
    const reader = box.connection as unknown as ResultSetsReader;
    await expect(reader.readResultSets(["SELECT 1 AS a", "SELECT `nope` FROM `no such table`", "SELECT 2 AS b"])).rejects.toThrow(/no such table/);
    await expect(
      reader.readResultSets(["SELECT 1 AS a", "SELECT 2 AS b"], () => {
        throw new Error("stop here");
      }),
    ).rejects.toThrow("stop here");
    expect(await reader.readResultSets(["SELECT 1 AS a", "SELECT 'x' AS b UNION ALL SELECT 'y'"])).toEqual([[{ a: 1 }], [{ b: "x" }, { b: "y" }]]);
    expect((await box.connection.execute("SELECT 3 AS c")).rows).toEqual([{ c: 3 }]);
  });

  test.each(["NO_BACKSLASH_ESCAPES", "STRICT_TRANS_TABLES"])("a database named with a backslash and a quote is read the same both ways, with sql_mode %s", async (mode) => {
    const url = new URL(serverUrls.mysql);
    url.searchParams.set("sql_mode", mode);
    const connection = await connect(url.toString());
    const name = `${uniqueDatabaseName("my catalog")} \\'q`;
    const quoted = connection.dialect.quoteIdentifier(name);
    try {
      await connection.execute(`CREATE DATABASE ${quoted}`);
      await connection.execute(`CREATE TABLE ${quoted}.\`t\\x\` (\`id\` int PRIMARY KEY, \`v\` varchar(5) DEFAULT 'a')`);
      await connection.execute(`CREATE VIEW ${quoted}.\`v\` AS SELECT 1 AS \`one\``);
      const together = await connection.dialect.reflect(connection, { schemas: [name] });
      expect(together.tables.map((t) => t.name)).toEqual(["t\\x"]);
      expect((together.views ?? []).map((v) => v.name)).toEqual(["v"]);
      expect(await connection.dialect.reflect(oneAtATime(connection), { schemas: [name] })).toEqual(together);
    } finally {
      await connection.execute(`DROP DATABASE IF EXISTS ${quoted}`);
      await connection.close();
    }
  });
});
