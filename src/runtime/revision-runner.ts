import { DatabaseError } from "../dialects/errors.js";
import type { Connection, QueryResult } from "../dialects/contract/index.js";
import type { MigrationStep } from "../graph/types.js";
import { OperationTracker, Operations, renderSql, SqlStatement, StatementPairing } from "../operations/index.js";
import type { OperationContext, SqlInput } from "../operations/index.js";
import type { RevisionModule, Script } from "../script/index.js";
import { AthanorError } from "../util/errors.js";
import { StatementError, StopRequested } from "./errors.js";
import type { RecordingConnection } from "./recording-connection.js";

/** What running one revision function needs from the run. */
export interface RevisionRunContext {
  readonly connection: Connection;
  readonly recording: RecordingConnection | undefined;
  readonly databaseName: string | undefined;
  /** env.ts's `targetMetadata` (or the one given to `runMigrations`), for operations that need the declared schema. */
  readonly targetMetadata?: unknown;
  /**
   * Sends each statement of the revision (with its parameters, if any): the run
   * stops here when interrupted, counts the statements that ran, and may send the
   * statement together with the previous revision's version-table change.
   */
  readonly sendStatement?: (sql: string, send: () => Promise<QueryResult>, params?: readonly unknown[]) => Promise<QueryResult>;
}

/**
 * Call a revision's `upgrade(op)` or `downgrade(op)` with a fresh `op`, and fail
 * when it returns while an operation it started is still running.
 */
export async function runRevisionFunction(
  module: RevisionModule,
  source: Script,
  step: MigrationStep,
  options: RevisionRunContext,
): Promise<void> {
  const fnName = step.kind === "downgrade" ? "downgrade" : "upgrade";
  const fn = module[fnName];
  if (typeof fn !== "function") {
    throw new AthanorError(`Revision ${source.revision} has no ${fnName}() function`, { file: source.path });
  }
  const owner = `${fnName}() of revision ${source.revision}`;
  const tracker = new OperationTracker(owner);
  const { context, flush } = operationContext(options);
  const op = new Operations(context, tracker);
  try {
    await fn.call(module, op);
    if (tracker.pendingCount === 0) await flush();
  } catch (error) {
    await tracker.settle();
    tracker.close("failed");
    throw error;
  }
  if (tracker.pendingCount > 0) {
    const count = tracker.pendingCount;
    await tracker.settle();
    tracker.close("returned");
    throw new AthanorError(
      `${owner} returned while ${count} operation${count === 1 ? " was" : "s were"} still running; did you forget an \`await\`?`,
      { file: source.path, hint: "write `await op.execute(...)` for every operation" },
    );
  }
  tracker.close("returned");
}

/** The `op` context of one revision function, and `flush` for an operation still held back at its end. */
function operationContext(options: RevisionRunContext): { context: OperationContext; flush(): Promise<void> } {
  const { connection, recording } = options;
  const offline = recording !== undefined;
  const placeholder = (index: number): string => connection.dialect.placeholder(index);
  const toSql = (input: SqlInput, params: readonly unknown[] | undefined): { sql: string; params: readonly unknown[] | undefined } => {
    if (input instanceof SqlStatement) {
      if (params !== undefined && params.length > 0) {
        throw new AthanorError("An op.sql statement carries its own values; pass no parameters with it");
      }
      return offline
        ? renderSql(input, { placeholder, literal: (value) => connection.dialect.literal(value) })
        : renderSql(input, { placeholder });
    }
    if (typeof input !== "string") throw new AthanorError("op.execute() takes an SQL string or an op.sql`...` statement");
    return { sql: input, params };
  };
  const run = async (input: SqlInput, params: readonly unknown[] | undefined) => {
    const rendered = toSql(input, params);
    const send = (): Promise<QueryResult> => connection.execute(rendered.sql, rendered.params);
    try {
      return await (options.sendStatement ? options.sendStatement(rendered.sql, send, rendered.params) : send());
    } catch (error) {
      if (error instanceof StopRequested) throw error;
      if (error instanceof AthanorError && !(error instanceof DatabaseError)) throw error;
      throw new StatementError(rendered.sql, error);
    }
  };
  // Operations the database needs in one statement (MySQL's primary key change) are paired here.
  const pairing = new StatementPairing(connection.dialect.ddl, async (sql) => void (await run(sql, undefined)));
  const flush = async (): Promise<void> => pairing.flush();
  const context: OperationContext = {
    dialectName: connection.dialect.name,
    isOffline: offline,
    databaseName: options.databaseName,
    quoteIdentifier: (name) => connection.dialect.quoteIdentifier(name),
    literal: (value) => connection.dialect.literal(value),
    async execute(input, params) {
      await flush();
      await run(input, params);
    },
    connection,
    targetMetadata: options.targetMetadata,
    flush,
    async run(operation) {
      await pairing.run(operation);
    },
    async query(input, params) {
      if (offline) {
        throw new AthanorError("op.query() cannot run with --sql: there is no database to read from", {
          hint: "check op.isOffline and skip the data step, or write it as op.execute() statements",
        });
      }
      await flush();
      const result = await run(input, params);
      return result.rows.map((row) => ({ ...row }));
    },
  };
  return { context, flush };
}
