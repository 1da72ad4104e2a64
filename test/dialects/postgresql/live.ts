import { connect } from "../../../src/dialects/index.js";
import type { Connection, ReflectOptions } from "../../../src/dialects/contract/index.js";
import type { Operation } from "../../../src/operations/index.js";
import type { SchemaOperation } from "../../../src/dialects/contract/index.js";
import type { SchemaModel, Table } from "../../../src/schema/model.js";
import { availableServers, serverUrls } from "../../support/servers.js";
import { uniqueDatabaseName } from "../helpers.js";

/** Whether the PostgreSQL test server answered. */
export const postgresqlAvailable = availableServers().has("postgresql");

/**
 * A connection whose default schema (search_path) is a fresh schema of its own,
 * with a hostile name, so parallel test files never see each other's objects and
 * unqualified names exercise the "default schema" path of reflection.
 */
export interface Sandbox {
  readonly connection: Connection;
  /** The default schema of the connection. */
  readonly schema: string;
  /** Creates one more schema that `close()` drops. */
  extraSchema(prefix: string): Promise<string>;
  /** Compiles an operation and runs each statement. */
  run(operation: SchemaOperation | Operation): Promise<string[]>;
  reflect(options?: ReflectOptions): Promise<SchemaModel>;
  /** One table read back (default schema unless given); undefined when it does not exist. */
  table(name: string, schema?: string): Promise<Table | undefined>;
  close(): Promise<void>;
}

export async function openSandbox(prefix: string): Promise<Sandbox> {
  const connection = await connect(serverUrls.postgresql);
  const dialect = connection.dialect;
  const schemas: string[] = [];
  const create = async (name: string): Promise<string> => {
    await connection.execute(`CREATE SCHEMA ${dialect.quoteIdentifier(name)}`);
    schemas.push(name);
    return name;
  };
  // Spaces, a double quote, a single quote and non-ASCII letters, under 63 bytes.
  const schema = await create(`${uniqueDatabaseName(prefix)} "é'`);
  await connection.execute(`SET search_path TO ${dialect.quoteIdentifier(schema)}`);
  return {
    connection,
    schema,
    extraSchema: (extra) => create(`${uniqueDatabaseName(extra)} ß"`),
    async run(operation) {
      if (operation.kind === "execute") throw new Error("execute is not a schema operation");
      const statements = dialect.ddl.compile(operation);
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
        for (const name of schemas.reverse()) await connection.execute(`DROP SCHEMA IF EXISTS ${dialect.quoteIdentifier(name)} CASCADE`);
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
