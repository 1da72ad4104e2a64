import type { OperationContext } from "../operation-context.js";
import type { SchemaOperation } from "../../dialects/contract/index.js";
import { isCustomOperation } from "../operation.js";
import type { CustomOperation } from "../operation.js";
import { customStatements } from "./custom-sql.js";

/**
 * Run one operation on a context: a registered custom operation is dispatched
 * first, its own SQL for this database going out through `execute` (run
 * online, written with `--sql`, counted and interruptible like any statement);
 * every other operation goes to the dialect's DDL compiler through `run`.
 */
export async function runOperation(context: OperationContext, operation: SchemaOperation | CustomOperation): Promise<void> {
  if (!isCustomOperation(operation)) return context.run(operation);
  const dialect = context.connection.dialect;
  const statements = customStatements(operation, {
    dialect: context.dialectName,
    isOffline: context.isOffline,
    quoteIdentifier: (name) => context.quoteIdentifier(name),
    quoteTable: (name, schema) => (dialect === undefined ? quoteTable(context, name, schema) : dialect.quoteTable(name, schema)),
    literal: (value) => context.literal(value),
  });
  for (const sql of statements) await context.execute(sql);
}

function quoteTable(context: OperationContext, name: string, schema: string | null | undefined): string {
  const quoted = context.quoteIdentifier(name);
  return schema === undefined || schema === null ? quoted : `${context.quoteIdentifier(schema)}.${quoted}`;
}
