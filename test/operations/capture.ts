/**
 * An `op` whose operations are collected instead of run: the facade's output
 * as data. Batch mode sees an offline SQLite (or other) connection writing SQL.
 */
import { getDialect } from "../../src/dialects/index.js";
import { OperationTracker, Operations } from "../../src/operations/index.js";
import type { OperationContext, SqlInput } from "../../src/operations/index.js";
import type { SchemaOperation } from "../../src/dialects/contract/index.js";
import { RecordingConnection } from "../../src/runtime/recording-connection.js";

export interface Captured {
  readonly op: Operations;
  readonly tracker: OperationTracker;
  readonly operations: SchemaOperation[];
  readonly executed: SqlInput[];
}

export function captureOp(options: { dialect?: string; targetMetadata?: unknown } = {}): Captured {
  const dialect = getDialect(options.dialect ?? "sqlite");
  const operations: SchemaOperation[] = [];
  const executed: SqlInput[] = [];
  const connection = new RecordingConnection(dialect, () => undefined);
  const context: OperationContext = {
    dialectName: dialect.name,
    isOffline: true,
    databaseName: undefined,
    quoteIdentifier: (name) => dialect.quoteIdentifier(name),
    literal: (value) => dialect.literal(value),
    async execute(sql) {
      executed.push(sql);
    },
    async query() {
      return [];
    },
    async run(operation) {
      operations.push(operation);
    },
    connection,
    targetMetadata: options.targetMetadata,
  };
  const tracker = new OperationTracker("test");
  return { op: new Operations(context, tracker), tracker, operations, executed };
}

export function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
