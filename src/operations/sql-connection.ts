import type { SchemaModel } from "../schema/model.js";
import type { BatchSupport } from "./batch/batch-support.js";
import type { DdlCompiler } from "./schema-operation.js";

/**
 * What operations need of a database connection, declared here so this layer
 * depends on no dialect: every dialect's `Connection` has this shape.
 */
export interface SqlConnection {
  readonly dialect: SqlDialect;
  execute(
    sql: string,
    params?: readonly unknown[],
  ): Promise<{ readonly rows: readonly Record<string, unknown>[]; readonly rowCount: number | null }>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  readonly inTransaction: boolean;
}

/** What operations need of a dialect: its DDL compiler, catalog reader and batch hooks. */
export interface SqlDialect {
  readonly name: string;
  readonly transactionalDdl: boolean;
  quoteIdentifier(name: string): string;
  quoteTable(name: string, schema?: string | null): string;
  literal(value: unknown): string;
  readonly ddl?: DdlCompiler;
  reflect?(
    connection: SqlConnection,
    options?: { readonly schemas?: readonly (string | null)[]; readonly tables?: readonly string[] },
  ): Promise<SchemaModel>;
  readonly batch?: BatchSupport;
}
