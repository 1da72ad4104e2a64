import { connect } from "../../../src/dialects/index.js";
import type { Connection, ReflectOptions } from "../../../src/dialects/contract/index.js";
import type { Operation } from "../../../src/operations/index.js";
import type { SchemaOperation } from "../../../src/dialects/contract/index.js";
import type { SchemaModel, Table } from "../../../src/schema/model.js";
import { availableServers, serverUrls } from "../../support/servers.js";
import { uniqueDatabaseName } from "../helpers.js";

/** Whether the MySQL/MariaDB test server answered. */
export const mysqlAvailable = availableServers().has("mysql");

/**
 * A connection whose default database is a fresh one of its own, with a hostile
 * name, so parallel test files never see each other's tables and unqualified
 * names exercise the "default schema" path of reflection.
 */
export interface Sandbox {
  readonly connection: Connection;
  /** The default database of the connection. */
  readonly schema: string;
  /** Creates one more database that `close()` drops. */
  extraSchema(prefix: string): Promise<string>;
  /** Compiles an operation and runs each statement. */
  run(operation: SchemaOperation | Operation): Promise<string[]>;
  reflect(options?: ReflectOptions): Promise<SchemaModel>;
  /** One table read back (default database unless given); undefined when it does not exist. */
  table(name: string, schema?: string): Promise<Table | undefined>;
  close(): Promise<void>;
}

export async function openSandbox(prefix: string): Promise<Sandbox> {
  const connection = await connect(serverUrls.mysql);
  const dialect = connection.dialect;
  const schemas: string[] = [];
  const create = async (name: string): Promise<string> => {
    await connection.execute(`CREATE DATABASE ${dialect.quoteIdentifier(name)}`);
    schemas.push(name);
    return name;
  };
  // A space, a double quote, a single quote and non-ASCII letters, under 64 characters.
  const schema = await create(`${uniqueDatabaseName(prefix)} "é'`);
  await connection.execute(`USE ${dialect.quoteIdentifier(schema)}`);
  return {
    connection,
    schema,
    extraSchema: (extra) => create(`${uniqueDatabaseName(extra)} ß"`),
    async run(operation) {
      const statements = dialect.ddl.compile(operation as SchemaOperation);
      for (const sql of statements) await connection.execute(sql);
      return statements;
    },
    reflect: (options) => dialect.reflect(connection, options),
    async table(name, inSchema) {
      const model = await dialect.reflect(connection, { schemas: [inSchema ?? null], tables: [name] });
      return model.tables[0];
    },
    async close() {
      try {
        // Databases that reference each other drop in any order.
        await connection.execute("SET FOREIGN_KEY_CHECKS = 0");
        for (const name of schemas.reverse()) await connection.execute(`DROP DATABASE IF EXISTS ${dialect.quoteIdentifier(name)}`);
      } finally {
        await connection.close();
      }
    },
  };
}

/** A table with only columns, for building expected models. */
export function bare(name: string, columns: Table["columns"], extra: Partial<Table> = {}): Table {
  return { name, columns, foreignKeys: [], uniques: [], checks: [], indexes: [], ...extra };
}

/** The table without its engine/charset options, which every MySQL table has. */
export function withoutOptions(table: Table | undefined): Table | undefined {
  if (!table) return table;
  const { dialectOptions: _options, ...rest } = table;
  return rest;
}
