import { afterEach, describe, expect, test } from "vitest";
import { connect, getDialect } from "../../src/dialects/index.js";
import type { Connection } from "../../src/dialects/contract/index.js";
import type { MigrationStep } from "../../src/graph/types.js";
import type { Operations } from "../../src/operations/operations.js";
import { StatementPairing } from "../../src/operations/statement-pairing.js";
import type { SchemaOperation } from "../../src/dialects/contract/index.js";
import { RecordingConnection } from "../../src/runtime/recording-connection.js";
import { runRevisionFunction } from "../../src/runtime/revision-runner.js";
import type { RevisionModule, Script } from "../../src/script/index.js";
import { uniqueName } from "../dialects/helpers.js";
import { availableServers, serverUrls } from "../support/servers.js";

/**
 * MySQL refuses DROP PRIMARY KEY alone on a table with an AUTO_INCREMENT column:
 * a key dropped and then added on the same table runs as one statement.
 */

const source = { revision: "a1", path: "/nowhere/a1.ts" } as unknown as Script;
const step: MigrationStep = { kind: "upgrade", revision: "a1", fromRevisions: [], toRevisions: ["a1"] } as unknown as MigrationStep;

function revision(upgrade: (op: Operations) => Promise<void>): RevisionModule {
  return { revision: "a1", upgrade, downgrade: async () => {} } as RevisionModule;
}

const drop = (table: string): SchemaOperation => ({ kind: "dropConstraint", table, name: "PRIMARY", type: "primary" });
const add = (table: string, columns: string[]): SchemaOperation => ({ kind: "addConstraint", table, constraint: { type: "primary", columns } });

async function compiled(ops: readonly SchemaOperation[], dialectName: string): Promise<string[]> {
  const out: string[] = [];
  const pairing = new StatementPairing(getDialect(dialectName).ddl, async (sql) => void out.push(sql));
  for (const op of ops) await pairing.run(op);
  await pairing.flush();
  return out;
}

describe("pairing of a primary key drop with the next operation", () => {
  test("MySQL: drop then add on one table is one ALTER TABLE", async () => {
    expect(await compiled([drop("t"), add("t", ["id", "k"])], "mysql")).toEqual(["ALTER TABLE `t` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`, `k`)"]);
  });

  test("MySQL: a drop followed by something else, or by another table's key, or by nothing, runs on its own", async () => {
    expect(await compiled([drop("t"), add("u", ["id"])], "mysql")).toEqual(["ALTER TABLE `t` DROP PRIMARY KEY", "ALTER TABLE `u` ADD PRIMARY KEY (`id`)"]);
    expect(await compiled([drop("t"), { kind: "dropColumn", table: "t", name: "k" }], "mysql")).toEqual([
      "ALTER TABLE `t` DROP PRIMARY KEY",
      "ALTER TABLE `t` DROP COLUMN `k`",
    ]);
    expect(await compiled([drop("t")], "mysql")).toEqual(["ALTER TABLE `t` DROP PRIMARY KEY"]);
  });

  test("PostgreSQL keeps them apart", async () => {
    const ops: SchemaOperation[] = [{ kind: "dropConstraint", table: "t", name: "t_pkey", type: "primary" }, add("t", ["id", "k"])];
    expect(await compiled(ops, "postgresql")).toHaveLength(2);
  });

  test("offline, a revision's op.dropConstraint then op.createPrimaryKey write one statement", async () => {
    let script = "";
    const recording = new RecordingConnection(getDialect("mysql"), (text) => (script += text));
    await runRevisionFunction(
      revision(async (op) => {
        await op.dropConstraint("PRIMARY", "t", { type: "primary" });
        await op.createPrimaryKey("pk_t", "t", ["id", "k"]);
        await op.execute("SELECT 1");
      }),
      source,
      step,
      { connection: recording, recording, databaseName: undefined },
    );
    expect(script).toBe("ALTER TABLE `t` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`, `k`);\n\nSELECT 1;\n\n");
  });

  test("offline, a drop held back is written before op.execute and at the end of the revision", async () => {
    let script = "";
    const recording = new RecordingConnection(getDialect("mysql"), (text) => (script += text));
    await runRevisionFunction(
      revision(async (op) => {
        await op.dropConstraint("PRIMARY", "t", { type: "primary" });
        await op.execute("SELECT 1");
        await op.dropConstraint("PRIMARY", "u", { type: "primary" });
      }),
      source,
      step,
      { connection: recording, recording, databaseName: undefined },
    );
    expect(script).toBe("ALTER TABLE `t` DROP PRIMARY KEY;\n\nSELECT 1;\n\nALTER TABLE `u` DROP PRIMARY KEY;\n\n");
  });
});

describe.runIf(availableServers().has("mysql"))("MySQL/MariaDB live", () => {
  let connection: Connection | undefined;
  let table = "";
  afterEach(async () => {
    await connection?.execute(`DROP TABLE IF EXISTS \`${table}\``);
    await connection?.close();
    connection = undefined;
  });

  test("a revision changes the primary key of a table with an AUTO_INCREMENT column", async () => {
    connection = await connect(serverUrls.mysql);
    table = uniqueName("pkchange");
    await connection.execute(`CREATE TABLE \`${table}\` (id integer NOT NULL AUTO_INCREMENT, k integer NOT NULL, PRIMARY KEY (id))`);
    // Apart, MySQL refuses the drop: the AUTO_INCREMENT column would lose its key.
    await expect(connection.execute(`ALTER TABLE \`${table}\` DROP PRIMARY KEY`)).rejects.toThrow();
    const live = connection;
    await runRevisionFunction(
      revision(async (op) => {
        await op.dropConstraint("PRIMARY", table, { type: "primary" });
        await op.createPrimaryKey(`pk_${table}`, table, ["id", "k"]);
      }),
      source,
      step,
      { connection: live, recording: undefined, databaseName: undefined },
    );
    const model = await live.dialect.reflect(live, { schemas: [null], tables: [table] });
    expect(model.tables[0]?.primaryKey?.columns).toEqual(["id", "k"]);
  });

  test("a batch that recreates the table reads it after a primary key drop held back before it", async () => {
    connection = await connect(serverUrls.mysql);
    table = uniqueName("pkbatch");
    await connection.execute(`CREATE TABLE \`${table}\` (id integer NOT NULL, k integer NOT NULL, PRIMARY KEY (id, k))`);
    const live = connection;
    await runRevisionFunction(
      revision(async (op) => {
        await op.dropConstraint("PRIMARY", table, { type: "primary" });
        await op.batchAlterTable(table, (batch) => batch.addColumn(op.column("note", op.type.text())), { recreate: "always" });
      }),
      source,
      step,
      { connection: live, recording: undefined, databaseName: undefined },
    );
    const model = await live.dialect.reflect(live, { schemas: [null], tables: [table] });
    expect(model.tables[0]?.columns.map((c) => c.name)).toEqual(["id", "k", "note"]);
    expect(model.tables[0]?.primaryKey).toBeUndefined();
  });
});
