import type { Dialect, SchemaOperation } from "../dialects/contract/index.js";
import { BatchOperations, OperationTracker, Operations, renderSql, SqlStatement } from "../operations/index.js";
import type { BatchAlterTableOptions, OperationContext, SqlInput } from "../operations/index.js";
import { namingConventionOf } from "../operations/naming.js";
import { RecordingConnection } from "../runtime/recording-connection.js";
import type { RevisionModule, Script } from "../script/index.js";
import { AthanorError } from "../util/errors.js";
import type { RecordedRevision, RecordedStep } from "./types.js";

/**
 * The `op` of a recorded run: every method records instead of running, and a
 * batch records its queued operations and whether it would copy the table,
 * without reading or copying anything.
 */
class RecordingOperations extends Operations {
  readonly #context: OperationContext;
  readonly #steps: RecordedStep[];
  readonly #dialect: Dialect;

  constructor(context: OperationContext, tracker: OperationTracker, steps: RecordedStep[], dialect: Dialect) {
    super(context, tracker);
    this.#context = context;
    this.#steps = steps;
    this.#dialect = dialect;
  }

  override async batchAlterTable(
    table: string,
    build: (batch: BatchOperations) => void | Promise<void>,
    options: BatchAlterTableOptions = {},
  ): Promise<void> {
    const convention = { ...namingConventionOf(this.#context.targetMetadata), ...(options.namingConvention ?? {}) };
    const batch = new BatchOperations(table, options.schema, convention);
    await build(batch);
    const operations = batch.items.flatMap((item) =>
      item.operation.kind === "moveColumn" ? [] : [item.operation as SchemaOperation | { kind: "execute"; sql: SqlInput }],
    );
    const schemaOperations = operations.filter((o): o is SchemaOperation => o.kind !== "execute");
    const mode = options.recreate ?? "auto";
    const moves = batch.items.some((item) => item.operation.kind === "moveColumn" || item.position !== undefined);
    const recreate = mode === "always" || (mode === "auto" && (moves || this.#dialect.batch.requiresRecreate(schemaOperations)));
    this.#steps.push({
      operation: { kind: "batchAlterTable", table, ...(options.schema === undefined ? {} : { schema: options.schema }), recreate },
    });
    for (const operation of operations) {
      if (operation.kind === "execute") this.#steps.push({ operation: { kind: "execute", sql: sqlText(operation.sql, this.#dialect) }, inBatch: table });
      else this.#steps.push({ operation, inBatch: table });
    }
  }
}

function sqlText(input: SqlInput, dialect: Dialect): string {
  if (input instanceof SqlStatement) {
    return renderSql(input, { placeholder: (i) => dialect.placeholder(i), literal: (value) => dialect.literal(value) }).sql;
  }
  return String(input);
}

/** Run one revision function with an `op` that records its operations; nothing reaches a database. */
async function recordFunction(
  module: RevisionModule,
  fnName: "upgrade" | "downgrade",
  revision: string,
  dialect: Dialect,
  targetMetadata: unknown,
): Promise<RecordedStep[]> {
  const steps: RecordedStep[] = [];
  const connection = new RecordingConnection(dialect, () => undefined);
  const context: OperationContext = {
    dialectName: dialect.name,
    isOffline: true,
    databaseName: undefined,
    quoteIdentifier: (name) => dialect.quoteIdentifier(name),
    literal: (value) => dialect.literal(value),
    async execute(input) {
      steps.push({ operation: { kind: "execute", sql: sqlText(input, dialect) } });
    },
    async query() {
      throw new AthanorError("op.query() reads the database, and lint reads none", {
        hint: "check op.isOffline and skip the data step",
      });
    },
    async run(operation) {
      steps.push({ operation });
    },
    connection,
    targetMetadata,
  };
  const tracker = new OperationTracker(`${fnName}() of revision ${revision}`);
  const op = new RecordingOperations(context, tracker, steps, dialect);
  try {
    await module[fnName].call(module, op);
  } finally {
    await tracker.settle();
    tracker.close("returned");
  }
  return steps;
}

/**
 * Load a revision file and run its `upgrade()` and `downgrade()` in recording
 * mode. A function that cannot run so (it reads the database, or throws) is
 * recorded as a failure naming why.
 */
export async function recordRevision(
  source: Script,
  load: (source: Script) => Promise<RevisionModule>,
  dialect: Dialect,
  targetMetadata: unknown,
): Promise<RecordedRevision> {
  const base = { revision: source.revision, path: source.path };
  let module: RevisionModule;
  try {
    module = await load(source);
  } catch (error) {
    return { ...base, transactional: true, irreversible: false, upgrade: [], downgrade: [], failure: { fn: "upgrade", message: messageOf(error) } };
  }
  const marker = module.irreversible;
  const shape = {
    ...base,
    transactional: module.transactional !== false,
    irreversible: marker === true || (typeof marker === "string" && marker.trim() !== ""),
  };
  let upgrade: RecordedStep[] = [];
  try {
    upgrade = await recordFunction(module, "upgrade", source.revision, dialect, targetMetadata);
  } catch (error) {
    return { ...shape, upgrade, downgrade: [], failure: { fn: "upgrade", message: messageOf(error) } };
  }
  try {
    const downgrade = await recordFunction(module, "downgrade", source.revision, dialect, targetMetadata);
    return { ...shape, upgrade, downgrade };
  } catch (error) {
    return { ...shape, upgrade, downgrade: [], failure: { fn: "downgrade", message: messageOf(error) } };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
