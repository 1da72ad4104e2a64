/**
 * A place of its own on one database for the conformance suite: a fresh SQLite
 * file, a PostgreSQL schema on the search path, a MySQL database, each with a
 * hostile name, so unqualified names take the "default schema" path of
 * reflection and parallel files never meet. Every test here speaks to it only
 * through the dialect contract: `ddl.compile`, `reflect`, the connection.
 */
import type { Connection, Dialect, ReflectOptions } from "../../../src/dialects/contract/index.js";
import type { SchemaOperation } from "../../../src/dialects/contract/index.js";
import type { SchemaModel, Table } from "../../../src/schema/model.js";
import type { DialectName } from "../../support/servers.js";
import { openSandbox as openMysql } from "../mysql/live.js";
import { openSandbox as openPostgresql } from "../postgresql/live.js";
import { openSandbox as openSqlite } from "../sqlite/live.js";

export interface Sandbox {
  readonly connection: Connection;
  readonly dialect: Dialect;
  /** Compiles an operation with the dialect and runs each statement; returns the statements. */
  run(operation: SchemaOperation): Promise<string[]>;
  reflect(options?: ReflectOptions): Promise<SchemaModel>;
  /** One table of the default schema read back; undefined when it does not exist. */
  table(name: string): Promise<Table | undefined>;
  /** Table names of the default schema. */
  names(): Promise<string[]>;
  close(): Promise<void>;
}

/** How each served database gives a test a place of its own (the one per-database part of the suite). */
const OPENERS: Record<DialectName, (prefix: string) => Promise<Omit<Sandbox, "dialect" | "names">>> = {
  sqlite: () => openSqlite(),
  postgresql: (prefix) => openPostgresql(prefix),
  mysql: (prefix) => openMysql(prefix),
};

export async function openSandbox(dialect: DialectName, prefix: string): Promise<Sandbox> {
  const box = await OPENERS[dialect](prefix);
  return {
    ...box,
    dialect: box.connection.dialect,
    async names() {
      return (await box.reflect()).tables.map((t) => t.name);
    },
  };
}

/** A table with only columns, for building expected models. */
export function bare(name: string, columns: Table["columns"], extra: Partial<Table> = {}): Table {
  return { name, columns, foreignKeys: [], uniques: [], checks: [], indexes: [], ...extra };
}

/**
 * Names with a space, both quote characters, a backtick, a reserved word and
 * non-ASCII letters: every dialect must quote them.
 */
export const hostile = (word: string): string => `${word} \`select\` "é'ü`;
