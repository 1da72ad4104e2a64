import { DatabaseError } from "../dialects/errors.js";
import type { Connection, RunGuard } from "../dialects/types.js";
import type { RevisionMap } from "../graph/index.js";
import { versionChanges } from "../graph/index.js";
import type { MigrationStep } from "../graph/types.js";
import type { Script, ScriptDirectory } from "../script/index.js";
import { AthanorError } from "../util/errors.js";
import { MigrationError, StatementError } from "./errors.js";
import type { RecordingConnection } from "./recording-connection.js";
import { runRevisionFunction } from "./revision-runner.js";
import type { MigrationInfo, StepResult } from "./step-info.js";
import { stepLine } from "./step-info.js";
import type { VersionTable } from "./version-table.js";

/** What a command asks of a run: the plan from the current heads, and how to treat the version table. */
export interface MigrationRequest {
  /** The steps to run from the heads the version table holds. */
  plan(heads: readonly string[]): MigrationStep[];
  /** Offline only: the heads to start from (`start:` of a range); default none (base). */
  readonly startingHeads?: (map: RevisionMap<Script>) => readonly string[];
  /** Delete every row of the version table before planning (`stamp --purge`). */
  readonly purge?: boolean;
  /** Create the version table when missing. `false` for `current`, which never changes the database. */
  readonly mutate: boolean;
  /** Create the version table even when no step runs (`ensure-version`). */
  readonly ensureTable?: boolean;
  /** Take the migration lock (upgrade, downgrade, stamp). */
  readonly lock: boolean;
}

/** Everything one database's run needs. */
export interface DatabaseRunOptions {
  readonly connection: Connection;
  /** Set in offline mode: the connection writing SQL text. */
  readonly recording: RecordingConnection | undefined;
  readonly script: ScriptDirectory;
  readonly versionTable: VersionTable;
  readonly transactionPerMigration: boolean;
  readonly lockTimeout: number;
  readonly request: MigrationRequest;
  readonly databaseName: string | undefined;
  /** env.ts's `targetMetadata` for this database. */
  readonly targetMetadata: unknown;
  readonly info: (line: string) => void;
  /** Where warnings go (the run's `output.warn`): a wait for the migration lock, the server's notices. */
  readonly warn?: ((message: string) => void) | undefined;
  readonly onVersionApply: ((info: MigrationInfo) => void | Promise<void>) | undefined;
}

/** The outcome of one database's run. */
export interface DatabaseRunResult {
  readonly database: string | undefined;
  /** Heads before the run (after `--purge`, none). */
  readonly initialHeads: readonly string[];
  readonly heads: readonly string[];
  readonly steps: readonly StepResult[];
}

type TransactionMode = "caller" | "whole" | "per-step";

/**
 * Run a plan on one database: take the lock, read the heads, and for each step
 * run the revision's function and write its version-table change, inside the
 * transactions the database and the options call for.
 */
export async function runOnDatabase(options: DatabaseRunOptions): Promise<DatabaseRunResult> {
  const { connection, script, versionTable, request } = options;
  const offline = options.recording !== undefined;
  const dialect = connection.dialect;
  const callerTransaction = !offline && connection.inTransaction;
  const mode: TransactionMode = callerTransaction
    ? "caller"
    : dialect.transactionalDdl && !options.transactionPerMigration
      ? "whole"
      : "per-step";
  const lockName = `athanor:${versionTable.displayName}`;
  const locked = request.lock && !offline;
  // set just before the run's first transaction: what the database needs around the run (SQLite: foreign keys off)
  let guard: RunGuard | undefined;
  const steps: StepResult[] = [];
  let heads: string[] = [];
  let initialHeads: string[] = [];
  let committedHeads: string[] = [];
  let failure: { step: MigrationStep; doc: string | undefined; file: string | undefined } | undefined;

  if (locked) await connection.acquireLock(lockName, options.lockTimeout, { onWait: (message) => options.warn?.(message) });
  try {
    const begin = async (): Promise<void> => {
      if (!connection.inTransaction) await connection.begin();
    };
    const commit = async (): Promise<void> => {
      // also after a transactional = false revision, whose statements are already in: the run stops there
      await guard?.beforeCommit(connection);
      if (connection.inTransaction) await connection.commit();
      committedHeads = [...heads];
    };
    // offline, the plan is known before any SQL is written: a bad target writes nothing
    let offlinePlan: MigrationStep[] | undefined;
    if (offline) {
      heads = [...(request.startingHeads?.(script.map) ?? [])];
      offlinePlan = planFrom(request, heads, script, versionTable);
    }
    if (request.mutate || offline) {
      guard = dialect.runGuard?.({ offline });
      await guard?.beforeRun(connection);
    }
    if (mode === "whole" && (request.mutate || offline)) await begin();

    if (offline) {
      // heads were read above
    } else if (request.purge) {
      await versionTable.create(connection);
      await connection.execute(versionTable.purgeStatement());
    } else {
      heads = await versionTable.readHeads(connection);
      if (request.mutate && (heads.length === 0 || request.ensureTable)) await versionTable.create(connection);
    }
    if (offline && request.ensureTable) await versionTable.create(connection);
    initialHeads = [...heads];
    committedHeads = [...heads];

    const plan = offlinePlan ?? planFrom(request, heads, script, versionTable);
    let createdOffline = false;
    for (const [index, step] of plan.entries()) {
      const started = performance.now();
      const revision = step.revision === null ? undefined : script.map.get(step.revision);
      if (step.revision !== null && revision === undefined) {
        throw new AthanorError(`Revision ${step.revision} is in the plan but not in the scripts`);
      }
      const source = revision?.source;
      failure = { step, doc: source?.doc, file: source?.path };
      const module = source === undefined ? undefined : await script.loadRevision(source);
      const outsideTransaction = module?.transactional === false;
      if (outsideTransaction && mode === "caller") {
        throw new AthanorError(
          `Revision ${step.revision} must run outside a transaction (transactional = false), but the connection passed in is inside one`,
          { hint: "pass a connection that is not in a transaction" },
        );
      }

      // A revision outside any transaction runs (and records its version) in
      // autocommit mode; the run's transaction, if any, resumes at the next step.
      if (mode !== "caller") {
        if (outsideTransaction) await commit();
        else await begin();
      }

      if (offline && heads.length === 0 && !createdOffline) {
        await versionTable.create(connection);
        createdOffline = true;
      }
      const line = stepLine(step, source?.doc, index + 1, plan.length);
      options.info(line);
      if (options.recording) options.recording.comment(stepLine(step, undefined, 0, 0));

      if (module !== undefined && source !== undefined) {
        await runRevisionFunction(module, source, step, options);
      }

      const { changes, heads: next } = versionChanges(script.map, heads, step);
      for (const change of changes) {
        await versionTable.apply(connection, change, !offline).catch((error: unknown) => {
          throw error instanceof AthanorError && !(error instanceof DatabaseError)
            ? error
            : new StatementError(versionTable.changeStatement(change), error);
        });
      }
      heads = next;
      if (mode === "per-step" || outsideTransaction) await commit();
      failure = undefined;

      const result: StepResult = {
        kind: step.kind,
        revision: step.revision,
        fromRevisions: [...step.fromRevisions],
        toRevisions: [...step.toRevisions],
        doc: source?.doc,
        database: options.databaseName,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      };
      steps.push(result);
      if (options.onVersionApply) {
        await options.onVersionApply({
          step,
          isUpgrade: step.kind === "upgrade" || (step.kind === "stamp" && step.isUpgrade === true),
          isStamp: step.kind === "stamp",
          isMigration: step.kind !== "stamp",
          revision: step.revision,
          doc: source?.doc,
          sourceRevisionIds: [...step.fromRevisions],
          destinationRevisionIds: [...step.toRevisions],
          heads: [...heads],
          database: options.databaseName,
          isOffline: offline,
        });
      }
    }
    if (mode !== "caller") await commit();
  } catch (error) {
    const rolledBack = !offline && mode !== "caller" && connection.inTransaction;
    if (rolledBack) {
      await connection.rollback().catch(() => undefined);
    }
    if (failure === undefined) throw error;
    const after = mode === "caller" ? heads : committedHeads;
    throw new MigrationError({
      revision: failure.step.revision,
      kind: failure.step.kind,
      label: stepLine(failure.step, failure.doc, 0, 0),
      cause: error,
      heads: after,
      hint: offline
        ? "the SQL written so far is incomplete"
        : stateAfterFailure(mode, dialect.transactionalDdl, after, failure.step, initialHeads),
      ...(failure.file === undefined ? {} : { file: failure.file }),
    });
  } finally {
    // after the last commit or rollback: restores what beforeRun changed on every exit
    await guard?.afterRun(connection).catch(() => undefined);
    if (locked) await connection.releaseLock(lockName).catch(() => undefined);
  }
  return { database: options.databaseName, initialHeads, heads, steps };
}

/** The plan; a database naming revisions no script defines gets an error that says how to repair it. */
function planFrom(
  request: MigrationRequest,
  heads: readonly string[],
  script: ScriptDirectory,
  versionTable: VersionTable,
): MigrationStep[] {
  try {
    return request.plan(heads);
  } catch (error) {
    const unknown = heads.filter((h) => script.map.get(h) === undefined);
    if (unknown.length === 0) throw error;
    throw new AthanorError(
      `The version table ${versionTable.displayName} names ${unknown.length === 1 ? "a revision" : "revisions"} no script defines: ${unknown.join(", ")}`,
      {
        hint: "restore the missing revision files, or repair the table with `athanor stamp --purge <revision>`",
        cause: error,
      },
    );
  }
}

function stateAfterFailure(
  mode: TransactionMode,
  transactionalDdl: boolean,
  heads: readonly string[],
  step: MigrationStep,
  initialHeads: readonly string[],
): string {
  const at = heads.length === 0 ? "no revision (base)" : heads.join(", ");
  const same = heads.length === initialHeads.length && heads.every((h) => initialHeads.includes(h));
  if (mode === "caller") return "the transaction passed in is left to its owner to roll back";
  if (mode === "whole" && same) return `the run was rolled back; the database is as before it, at ${at}`;
  if (transactionalDdl) return `revisions before it were committed; the database is at ${at}`;
  return `the version table names ${at}; statements of ${step.revision ?? "the step"} that ran before the failure stay applied (this database commits DDL at once) and may need undoing by hand`;
}
