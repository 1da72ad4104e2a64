import { connect } from "../../../src/dialects/index.js";
import type { Connection, ReflectOptions, RunGuard } from "../../../src/dialects/contract/index.js";
import type { SchemaOperation } from "../../../src/dialects/contract/index.js";
import type { SchemaModel, Table } from "../../../src/schema/model.js";
import { OperationTracker, Operations } from "../../../src/operations/index.js";
import type { OperationContext } from "../../../src/operations/index.js";
import { liveUrl } from "../helpers.js";

/** A fresh SQLite database file of its own, foreign keys on, with a second database attached under a hostile name. */
export interface Sandbox {
  readonly connection: Connection;
  /** The attached database's name. */
  readonly other: string;
  /** Compiles an operation and runs each statement; returns the statements. */
  run(operation: SchemaOperation): Promise<string[]>;
  reflect(options?: ReflectOptions): Promise<SchemaModel>;
  /** Begin a transaction as a migration run does: the dialect's run guard first (foreign keys off), then BEGIN. */
  begin(): Promise<void>;
  /** Commit as a run does: the guard's check, COMMIT, then the guard restores the connection. */
  commit(): Promise<void>;
  /** Roll back, then the guard restores the connection. */
  rollback(): Promise<void>;
  /** One table read back (main unless given); undefined when it does not exist. */
  table(name: string, schema?: string): Promise<Table | undefined>;
  close(): Promise<void>;
}

export const OTHER = `other "db" é`;

export async function openSandbox(): Promise<Sandbox> {
  const url = liveUrl("sqlite");
  const connection = await connect(`${url}?foreign_keys=on`);
  const dialect = connection.dialect;
  await connection.execute(`ATTACH ${dialect.literal(url.replace(/^sqlite:\/\/\//, "").replace(/test\.db$/, "other.db"))} AS ${dialect.quoteIdentifier(OTHER)}`);
  let guard: RunGuard | undefined;
  return {
    connection,
    other: OTHER,
    async begin() {
      guard = dialect.runGuard({ offline: false });
      await guard?.beforeRun(connection);
      await connection.begin();
    },
    async commit() {
      await guard?.beforeCommit(connection);
      await connection.commit();
      await guard?.afterRun(connection);
      guard = undefined;
    },
    async rollback() {
      await connection.rollback();
      await guard?.afterRun(connection);
      guard = undefined;
    },
    async run(operation) {
      const statements = dialect.ddl.compile(operation);
      for (const sql of statements) await connection.execute(sql);
      return statements;
    },
    reflect: (options) => dialect.reflect(connection, options),
    async table(name, schema) {
      const model = await dialect.reflect(connection, { schemas: [schema ?? null], tables: [name] });
      return model.tables[0];
    },
    close: () => connection.close(),
  };
}

/** A table with only columns, for building expected models. */
export function bare(name: string, columns: Table["columns"], extra: Partial<Table> = {}): Table {
  return { name, columns, foreignKeys: [], uniques: [], checks: [], indexes: [], ...extra };
}

/** What a revision's `op` runs through: each operation compiled and run on the sandbox's connection. */
export function operationContextOn(box: Pick<Sandbox, "connection">): OperationContext {
  const connection = box.connection;
  return {
    dialectName: "sqlite",
    isOffline: false,
    databaseName: undefined,
    connection,
    quoteIdentifier: (identifier) => connection.dialect.quoteIdentifier(identifier),
    literal: (value) => connection.dialect.literal(value),
    execute: async (sql, params) => {
      await connection.execute(String(sql), params);
    },
    query: async (sql, params) => [...(await connection.execute(String(sql), params)).rows],
    run: async (operation) => {
      for (const sql of connection.dialect.ddl.compile(operation)) await connection.execute(sql);
    },
    targetMetadata: undefined,
  };
}

/** `op` as a revision gets it, running each operation on the sandbox's connection. */
export function operationsOn(box: Sandbox, name: string): Operations {
  return new Operations(operationContextOn(box), new OperationTracker(name));
}
