import { DatabaseError, LockWaitStopped } from "../dialects/errors.js";
import { ServerWarningError } from "../dialects/server-warning.js";
import { BatchStatementError, OutcomeUnknownError, RowCountMismatch } from "../dialects/contract/index.js";
import type { AtomicStatement, Connection, RunGuard, QueryResult } from "../dialects/contract/index.js";
import type { RevisionMap } from "../graph/index.js";
import { versionChanges } from "../graph/index.js";
import type { MigrationStep, VersionChange } from "../graph/types.js";
import type { RevisionModule, Script, ScriptDirectory } from "../script/index.js";
import { AthanorError } from "../util/errors.js";
import { InterruptedError, MigrationError, StatementError, StopRequested, shortStatement } from "./errors.js";
import type { RecordingConnection } from "./recording-connection.js";
import { runRevisionFunction } from "./revision-runner.js";
import type { MigrationInfo, StepResult } from "./step-info.js";
import { stepLine } from "./step-info.js";
import type { VersionTable } from "./version-table.js";
import type { HistoryRow, HistoryTable } from "./history-table.js";
import { historyRevision } from "./history-table.js";
import { describeStatus, historyStatus } from "./history-status.js";
import { revisionChecksums, revisionChecksumsOf } from "../script/checksum.js";
import type { RevisionChecksums } from "../script/checksum.js";

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
  /**
   * Before running, compare the applied revisions' files with the history:
   * `warn` says which changed, `refuse` stops the run with nothing done (`upgrade --strict`).
   */
  readonly changedFiles?: "warn" | "refuse";
  /** Read the history table's rows into the result (`current`, `status`). */
  readonly readHistory?: boolean;
  /**
   * Stops the run at the next safe point when aborted (before a statement or a
   * step; a running statement is cancelled where the driver can): what can be
   * rolled back is, and an {@link InterruptedError} says what state the database is in.
   */
  readonly signal?: AbortSignal | undefined;
}

/** Everything one database's run needs. */
export interface DatabaseRunOptions {
  readonly connection: Connection;
  /** Set in offline mode: the connection writing SQL text. */
  readonly recording: RecordingConnection | undefined;
  readonly script: ScriptDirectory;
  readonly versionTable: VersionTable;
  /** Where each step is recorded; `undefined` when the history is turned off. */
  readonly historyTable?: HistoryTable | undefined;
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
  /**
   * The history table's rows before the run, when the request reads them:
   * `undefined` when the table does not exist (or the history is turned off).
   */
  readonly history?: readonly HistoryRow[] | undefined;
  /** The history table read (`schema.table`), `null` when the history is turned off; set when the request reads it. */
  readonly historyTable?: string | null;
}

type TransactionMode = "caller" | "whole" | "per-step";

/**
 * Run a plan on one database: take the lock, read the heads, and for each step
 * run the revision's function and write its version-table change, inside the
 * transactions the database and the options call for.
 */
export async function runOnDatabase(options: DatabaseRunOptions): Promise<DatabaseRunResult> {
  const { connection, script, versionTable, request } = options;
  const historyTable = options.historyTable;
  let historyRows: HistoryRow[] | undefined;
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
  // what this run did, for the truth of a failure or interruption message
  const done: MigrationStep[] = [];
  let committedSteps = 0;
  let ran: string[] = [];
  let stepOutside = false;
  let headsRead = false;
  // a step's record whose round trip was lost: it may or may not be in the version table
  let uncertainRecord: PendingRecord | undefined;
  let uncertainStatement = "";
  const stopIfAborted = (): void => {
    if (request.signal?.aborted === true) throw new StopRequested();
  };
  // Where the connection sends several statements in one message (PostgreSQL), a
  // step's version-table change is held back inside the run's one transaction and
  // travels with the next step's first statement: one round trip instead of two.
  // Anything else sent first, and every commit, sends it alone before.
  const holdChanges =
    !offline && mode === "whole" && typeof connection.executeBatch === "function" && options.onVersionApply === undefined;
  let held: HeldChange[] = [];
  // a held change that failed: the run fails with it even if the revision caught the error
  let heldError: unknown;
  const heldFailed = (change: HeldChange, error: unknown): unknown => {
    // the failure belongs to the step that made the change
    failure = change.failure;
    ran = change.ran;
    const wrapped =
      error instanceof AthanorError && !(error instanceof DatabaseError) ? error : new StatementError(change.sql, error);
    heldError ??= wrapped;
    return wrapped;
  };
  const flushHeld = async (): Promise<void> => {
    // a version change and its history row: one message
    if (held.length > 1 && typeof connection.executeBatch === "function" && connection.inTransaction) return sendWithHeldOnly();
    const changes = held;
    held = [];
    for (const change of changes) {
      try {
        if (change.change === undefined) await connection.execute(change.sql);
        else await versionTable.apply(connection, change.change, true);
      } catch (error) {
        throw heldFailed(change, error);
      }
    }
  };
  const sendWithHeld = async (sql: string): Promise<QueryResult> => {
    const changes = held;
    held = [];
    let results: QueryResult[];
    try {
      results = await connection.executeBatch!([...changes.map((change) => change.sql), sql]);
    } catch (error) {
      if (!(error instanceof BatchStatementError)) throw error;
      if (error.index < changes.length) throw heldFailed(changes[error.index]!, error.cause);
      throw error.cause;
    }
    changes.forEach((change, i) => {
      try {
        if (change.change !== undefined) versionTable.checkApplied(change.change, results[i]!, true);
      } catch (error) {
        throw heldFailed(change, error);
      }
    });
    return results[changes.length]!;
  };
  // the held changes alone, in one message
  const sendWithHeldOnly = async (): Promise<void> => {
    const changes = held;
    held = [];
    let results: QueryResult[];
    try {
      results = await connection.executeBatch!(changes.map((change) => change.sql));
    } catch (error) {
      if (!(error instanceof BatchStatementError)) throw error;
      throw heldFailed(changes[error.index]!, error.cause);
    }
    changes.forEach((change, i) => {
      try {
        if (change.change !== undefined) versionTable.checkApplied(change.change, results[i]!, true);
      } catch (error) {
        throw heldFailed(change, error);
      }
    });
  };
  // a step's version changes and history row as one transaction of their own, in one round trip
  const atomicStatements = (changes: readonly VersionChange[], historySql: string | undefined): AtomicStatement[] => {
    const statements: AtomicStatement[] = changes.map((change) => ({
      sql: versionTable.changeStatement(change),
      ...(change.type === "insert" ? {} : { rowCount: 1 }),
    }));
    if (historySql !== undefined) statements.push({ sql: historySql });
    return statements;
  };
  // the error of a statement of a step's record, as the step reports it
  const atomicFailure = (changes: readonly VersionChange[], statements: readonly AtomicStatement[], error: unknown): unknown => {
    if (!(error instanceof BatchStatementError)) return error;
    const change = changes[error.index];
    if (change !== undefined && error.cause instanceof RowCountMismatch) {
      try {
        versionTable.checkApplied(change, { rows: [], rowCount: error.cause.found }, true);
      } catch (mismatch) {
        return mismatch;
      }
    }
    const cause = error.cause;
    return cause instanceof AthanorError && !(cause instanceof DatabaseError) ? cause : new StatementError(statements[error.index]?.sql ?? "", cause);
  };
  const writeAtomically = async (changes: readonly VersionChange[], historySql: string | undefined): Promise<void> => {
    const statements = atomicStatements(changes, historySql);
    try {
      await connection.executeAtomic!(statements);
    } catch (error) {
      throw atomicFailure(changes, statements, error);
    }
  };
  // MariaDB: a step's record (its version change and history row, committed together)
  // waits for the next statement and travels in front of it, in one compound statement
  // that commits the record before the statement runs: one round trip a revision of DDL.
  // Until then the run is where a kill between a DDL statement and its record leaves it
  // anyway (the DDL in, the version table one step behind). Any other statement, a
  // commit of the run's own, the end of the run and any failure write it first, alone.
  const recordsTravel =
    !offline && mode === "per-step" && typeof connection.executeAtomicThen === "function" && options.onVersionApply === undefined;
  let pendingRecord: PendingRecord | undefined;
  const recordWritten = (record: PendingRecord): void => {
    committedHeads = [...record.headsAfter];
    committedSteps = Math.max(committedSteps, record.steps);
  };
  // a record that failed belongs to its step, even if the revision sending the next statement caught the error
  const recordFailed = (record: PendingRecord, error: unknown): unknown => {
    failure = record.failure;
    ran = record.ran;
    const wrapped = atomicFailure(record.changes, record.statements, error);
    heldError ??= wrapped;
    return wrapped;
  };
  const flushRecord = async (): Promise<void> => {
    const record = pendingRecord;
    if (record === undefined) return;
    pendingRecord = undefined;
    try {
      await connection.executeAtomic!(record.statements);
    } catch (error) {
      throw recordFailed(record, error);
    }
    recordWritten(record);
  };
  // the waiting record and `sql` in one round trip; `undefined` when `sql` cannot travel so (nothing sent)
  const sendWithRecord = async (sql: string): Promise<QueryResult | undefined> => {
    const record = pendingRecord!;
    const after = [...record.headsAfter].sort().join(" ");
    const committed = async (): Promise<boolean> => (await versionTable.readHeads(connection)).sort().join(" ") === after;
    let result: QueryResult | undefined;
    try {
      result = await connection.executeAtomicThen!(record.statements, sql, committed);
    } catch (error) {
      pendingRecord = undefined;
      if (error instanceof BatchStatementError) throw recordFailed(record, error);
      if (error instanceof OutcomeUnknownError) {
        uncertainRecord = record;
        uncertainStatement = sql;
        throw error.cause;
      }
      // the record is in; the statement failed (or ran and drew a warning)
      recordWritten(record);
      throw error;
    }
    if (result === undefined) return undefined;
    pendingRecord = undefined;
    recordWritten(record);
    return result;
  };
  // the history table, created by the first run that writes to it (a database from before it keeps working)
  let historyExists: boolean | undefined;
  const createHistory = async (): Promise<void> => {
    if (historyTable === undefined || historyExists === true) return;
    if (historyExists === undefined && (await historyTable.exists(connection))) {
      historyExists = true;
      return;
    }
    await historyTable.create(connection);
    historyExists = true;
  };
  // the checksums of the plan's files, read together once the plan is known
  let planChecksums: Map<string, RevisionChecksums> | undefined;
  const historyPath = (step: MigrationStep): string | undefined => script.map.get(historyRevision(step))?.source.path;
  const readPlanChecksums = (plan: readonly MigrationStep[]): void => {
    if (historyTable === undefined) return;
    planChecksums = revisionChecksumsOf(plan.flatMap((step) => historyPath(step) ?? []));
  };
  const historyStatement = (
    step: MigrationStep,
    after: readonly string[],
    timing: { startedAt: Date; started: number } | undefined,
  ): string => {
    const path = historyPath(step);
    const sums = path === undefined ? undefined : (planChecksums?.get(path) ?? revisionChecksums(path));
    return historyTable!.insertStatement({
      step,
      headsAfter: after,
      checksum: sums?.file,
      codeChecksum: sums?.code,
      ...(timing === undefined ? {} : { startedAt: timing.startedAt, durationMs: performance.now() - timing.started }),
    });
  };
  // applied revisions whose file is not the one that ran: a warning, or (`--strict`) a refusal when what runs changed
  const checkChangedFiles = (at: readonly string[]): void => {
    if (historyRows === undefined || historyTable === undefined) return;
    const status = historyStatus(script.map, at, historyRows, historyTable.name);
    if (status.changed.length === 0) return;
    const changedCode = status.changed.filter((c) => c.change === "code");
    if (request.changedFiles === "refuse" && changedCode.length > 0) {
      const names = changedCode.map((c) => c.revision).join(", ");
      throw new AthanorError(
        `Refusing to upgrade with --strict: ${changedCode.length === 1 ? "revision" : "revisions"} ${names} changed what ${changedCode.length === 1 ? "it runs" : "they run"} after ${changedCode.length === 1 ? "it was" : "they were"} applied`,
        { hint: "restore the applied file (git log it), or put the change in a new revision; `athanor status` lists every changed file" },
      );
    }
    for (const line of describeStatus({ ...status, missingFiles: [], outOfOrder: [] })) options.warn?.(line);
  };
  // Where DDL commits at once (MySQL), a step's BEGIN waits for its first statement:
  // before DDL, which would commit the empty transaction at once, it is not sent.
  const lazyBegin = !offline && mode === "per-step" && !dialect.transactionalDdl;
  let beginPending = false;
  const beginIfPending = async (): Promise<void> => {
    if (!beginPending) return;
    beginPending = false;
    if (!connection.inTransaction) await connection.begin();
  };
  const beforeOwnStatement = async (): Promise<void> => {
    await flushRecord();
    await beginIfPending();
    await flushHeld();
  };
  // one listener for the whole run (a listener per statement costs more than a SQLite
  // statement): a stop asked for while statements run cancels them
  let statementsRunning = 0;
  const cancelRunning = (): void => {
    if (statementsRunning > 0) void cancelStatement(connection);
  };
  const sendStatement = async (sql: string, send: () => Promise<QueryResult>, params?: readonly unknown[]): Promise<QueryResult> => {
    stopIfAborted();
    statementsRunning++;
    try {
      if (beginPending && COMMITS_AT_ONCE.test(sql)) beginPending = false;
      let result: QueryResult | undefined;
      if (pendingRecord !== undefined && !beginPending && (params === undefined || params.length === 0) && !connection.inTransaction) {
        result = await sendWithRecord(sql);
      }
      if (result === undefined) {
        await flushRecord();
        await beginIfPending();
        if (held.length > 0 && (params === undefined || params.length === 0) && connection.inTransaction) {
          result = await sendWithHeld(sql);
        } else {
          await flushHeld();
          result = await send();
        }
      }
      ran.push(sql);
      return result;
    } catch (error) {
      // the server ran it and only then said what it changed: it counts as run
      if (error instanceof ServerWarningError) ran.push(sql);
      throw error;
    } finally {
      statementsRunning--;
    }
  };

  if (locked) {
    try {
      await connection.acquireLock(lockName, options.lockTimeout, { onWait: (message) => options.warn?.(message), signal: request.signal });
    } catch (error) {
      if (!(error instanceof LockWaitStopped)) throw error;
      const reason = request.signal?.reason;
      throw new InterruptedError(
        `Interrupted${typeof reason === "string" ? ` (${reason})` : ""} while waiting for the migration lock: nothing ran; the database is unchanged`,
        { heads: [], revision: null, cause: error },
      );
    }
  }
  request.signal?.addEventListener("abort", cancelRunning, { once: true });
  try {
    const begin = async (): Promise<void> => {
      if (!connection.inTransaction) await connection.begin();
    };
    // `keepRecord`: between two steps, a step's record may wait for the next statement
    const commit = async (keepRecord = false): Promise<void> => {
      beginPending = false;
      if (!keepRecord) await flushRecord();
      await flushHeld();
      // also after a transactional = false revision, whose statements are already in: the run stops there
      await guard?.beforeCommit(connection);
      if (connection.inTransaction) await connection.commit();
      if (pendingRecord === undefined) committedHeads = [...heads];
    };
    // offline, the plan is known before any SQL is written: a bad target writes nothing
    let offlinePlan: MigrationStep[] | undefined;
    let onlinePlan: MigrationStep[] | undefined;
    // every file of the plan is loaded (its syntax and exports checked) before anything is written
    let modules = new Map<string, RevisionModule>();
    if (offline) {
      heads = [...(request.startingHeads?.(script.map) ?? [])];
      offlinePlan = planFrom(request, heads, script, versionTable);
      modules = await loadPlan(offlinePlan, script, mode, heads, true);
      readPlanChecksums(offlinePlan);
    }
    stopIfAborted();
    if (request.mutate || offline) {
      guard = dialect.runGuard({ offline });
      await guard?.beforeRun(connection);
    }
    if (mode === "whole" && (request.mutate || offline)) await begin();

    if (offline) {
      // heads were read above
    } else if (request.purge) {
      onlinePlan = planFrom(request, [], script, versionTable);
      modules = await loadPlan(onlinePlan, script, mode, [], false);
      readPlanChecksums(onlinePlan);
      await versionTable.create(connection);
      await connection.execute(versionTable.purgeStatement());
      if (historyTable !== undefined && onlinePlan.length > 0) await createHistory();
    } else {
      heads = await versionTable.readHeads(connection);
      headsRead = true;
      onlinePlan = planFrom(request, heads, script, versionTable);
      modules = await loadPlan(onlinePlan, script, mode, heads, false);
      readPlanChecksums(onlinePlan);
      stopIfAborted();
      // from base nothing is applied, so no applied file can have changed: the history is not read
      if (historyTable !== undefined && (request.readHistory || (request.changedFiles !== undefined && heads.length > 0))) {
        // the changed-file check needs each revision's last rows only; `current --history` reads them all
        historyRows = await historyTable.readRows(connection, { latest: request.readHistory !== true });
        historyExists = historyRows !== undefined;
      }
      if (request.changedFiles !== undefined) checkChangedFiles(heads);
      if (request.mutate && (heads.length === 0 || request.ensureTable)) await versionTable.create(connection);
      if (historyTable !== undefined && request.mutate && (onlinePlan.length > 0 || request.ensureTable)) await createHistory();
    }
    if (offline && request.ensureTable) await versionTable.create(connection);
    if (offline && historyTable !== undefined && ((offlinePlan?.length ?? 0) > 0 || request.ensureTable)) await historyTable.create(connection);
    initialHeads = [...heads];
    committedHeads = [...heads];

    headsRead = true;
    const plan = offlinePlan ?? onlinePlan ?? planFrom(request, heads, script, versionTable);
    let createdOffline = false;
    for (const [index, step] of plan.entries()) {
      stopIfAborted();
      const started = performance.now();
      const startedAt = new Date();
      const revision = step.revision === null ? undefined : script.map.get(step.revision);
      if (step.revision !== null && revision === undefined) {
        throw new AthanorError(`Revision ${step.revision} is in the plan but not in the scripts`);
      }
      const source = revision?.source;
      failure = { step, doc: source?.doc, file: source?.path };
      ran = [];
      const module = step.revision === null ? undefined : modules.get(step.revision);
      const outsideTransaction = module?.transactional === false;
      stepOutside = outsideTransaction;

      // A revision outside any transaction runs (and records its version) in
      // autocommit mode; the run's transaction, if any, resumes at the next step.
      if (mode !== "caller") {
        if (outsideTransaction) await commit();
        else if (lazyBegin) beginPending = true;
        else await begin();
      }
      if (mode !== "caller" && outsideTransaction) committedSteps = done.length;

      if (offline && heads.length === 0 && !createdOffline) {
        await versionTable.create(connection);
        createdOffline = true;
      }
      const line = stepLine(step, source?.doc, index + 1, plan.length);
      options.info(line);
      if (options.recording) options.recording.comment(stepLine(step, undefined, 0, 0));

      if (module !== undefined && source !== undefined) {
        // a revision using the connection itself sees every earlier change written
        const revisionConnection = holdChanges || lazyBegin ? flushingFirst(connection, beforeOwnStatement) : connection;
        await runRevisionFunction(module, source, step, { ...options, connection: revisionConnection, sendStatement });
        if (heldError !== undefined) throw heldError;
      }
      stopIfAborted();

      const { changes, heads: next } = versionChanges(script.map, heads, step);
      const historySql = historyTable === undefined ? undefined : historyStatement(step, next, offline ? undefined : { startedAt, started });
      const hold = holdChanges && !outsideTransaction;
      if (hold) {
        for (const change of changes) held.push({ change, sql: versionTable.changeStatement(change), failure, ran });
        if (historySql !== undefined) held.push({ sql: historySql, failure, ran });
      } else if (
        !offline &&
        mode !== "caller" &&
        typeof connection.executeAtomic === "function" &&
        changes.length + (historySql === undefined ? 0 : 1) > 1 &&
        !connection.inTransaction &&
        held.length === 0
      ) {
        // DDL left no transaction open (MariaDB): the version change and its history row
        // commit together in a transaction of their own, sent as one statement
        beginPending = false;
        const headsAfter = [...next].sort().join(" ");
        if (recordsTravel && !outsideTransaction && headsAfter !== [...heads].sort().join(" ")) {
          // a record still waiting (its step's successor sent nothing) goes first
          await flushRecord();
          pendingRecord = {
            changes,
            statements: atomicStatements(changes, historySql),
            headsAfter: next,
            steps: done.length + 1,
            failure,
            ran,
          };
        } else {
          await flushRecord();
          await writeAtomically(changes, historySql);
        }
      } else {
        await beforeOwnStatement();
        // the version change and its history row commit together, also where DDL left no transaction open (MySQL)
        if (!offline && historySql !== undefined && mode !== "caller" && !dialect.transactionalDdl && !connection.inTransaction) await connection.begin();
        // one message where the connection sends several: the version change and its history row
        const together = !offline && historySql !== undefined && typeof connection.executeBatch === "function" && connection.inTransaction;
        if (together) {
          held = [...changes.map((change) => ({ change, sql: versionTable.changeStatement(change), failure, ran })), { sql: historySql, failure, ran }];
          await sendWithHeldOnly();
        }
        for (const change of together ? [] : changes) {
          await versionTable.apply(connection, change, !offline).catch((error: unknown) => {
            throw error instanceof AthanorError && !(error instanceof DatabaseError)
              ? error
              : new StatementError(versionTable.changeStatement(change), error);
          });
        }
        if (historySql !== undefined && !together) {
          // the row's count is not read: where the database answers it apart (SQLite), it is not asked
          const written = connection.executeWithoutCount?.(historySql) ?? connection.execute(historySql);
          await written.catch((error: unknown) => {
            throw error instanceof AthanorError && !(error instanceof DatabaseError) ? error : new StatementError(historySql, error);
          });
        }
      }
      heads = next;
      if (mode === "per-step" || outsideTransaction) await commit(true);
      done.push(step);
      if ((mode === "per-step" || outsideTransaction) && pendingRecord === undefined) committedSteps = done.length;
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
    // the record of the last step that completed, still waiting for a statement that failed or never came
    const record = pendingRecord;
    pendingRecord = undefined;
    if (record !== undefined) {
      await connection.executeAtomic!(record.statements).then(
        () => recordWritten(record),
        (recordError: unknown) => options.warn?.(`could not record ${stepLine(record.failure!.step, undefined, 0, 0).replace(/^Running /, "")}: ${recordError instanceof Error ? recordError.message : String(recordError)}`),
      );
    }
    const after = mode === "caller" ? heads : committedHeads;
    const state = describeState({
      offline,
      mode,
      transactionalDdl: dialect.transactionalDdl,
      rolledBack,
      heads: headsRead ? after : undefined,
      applied: done.slice(0, committedSteps),
      failing: failure?.step,
      outside: stepOutside,
      ran,
      uncertain:
        uncertainRecord === undefined
          ? undefined
          : {
              revision: uncertainRecord.failure?.step.revision ?? "the step before",
              headsIfWritten: uncertainRecord.headsAfter,
              statement: uncertainStatement,
            },
    });
    if (request.signal?.aborted === true) {
      const reason = request.signal.reason;
      const during = failure === undefined ? "" : ` during ${stepLine(failure.step, failure.doc, 0, 0).replace(/^Running /, "")}`;
      throw new InterruptedError(
        `Interrupted${typeof reason === "string" ? ` (${reason})` : ""}${during}: ${state.text}`,
        { heads: after, revision: failure?.step.revision ?? null, statementsApplied: state.stay, cause: error },
      );
    }
    if (failure === undefined || error instanceof MigrationError) throw error;
    throw new MigrationError({
      revision: failure.step.revision,
      kind: failure.step.kind,
      label: stepLine(failure.step, failure.doc, 0, 0),
      cause: error,
      heads: after,
      hint: state.text,
      statementsApplied: state.stay,
      ...(failure.file === undefined ? {} : { file: failure.file }),
    });
  } finally {
    request.signal?.removeEventListener("abort", cancelRunning);
    // after the last commit or rollback: restores what beforeRun changed on every exit
    await guard?.afterRun(connection).catch((error: unknown) => {
      // the run's outcome stands; what the session was left with is said aloud
      options.warn?.(`could not restore the connection's settings after the run: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (locked) await connection.releaseLock(lockName).catch(() => undefined);
  }
  return {
    database: options.databaseName,
    initialHeads,
    heads,
    steps,
    ...(request.readHistory ? { history: historyRows, historyTable: historyTable?.displayName ?? null } : {}),
  };
}

/** MariaDB: a step's record (version change and history row) waiting to travel in front of the next statement. */
interface PendingRecord {
  readonly changes: readonly VersionChange[];
  readonly statements: readonly AtomicStatement[];
  /** The version table's heads once it is written. */
  readonly headsAfter: readonly string[];
  /** How many steps of the run are committed once it is written. */
  readonly steps: number;
  readonly failure: { step: MigrationStep; doc: string | undefined; file: string | undefined } | undefined;
  readonly ran: string[];
}

/** A version-table change (or a history row) held back to travel with the next statement, and the step it belongs to. */
interface HeldChange {
  /** `undefined` for the step's history row. */
  readonly change?: VersionChange;
  readonly sql: string;
  readonly failure: { step: MigrationStep; doc: string | undefined; file: string | undefined } | undefined;
  readonly ran: string[];
}

/** The connection, sending the held version-table changes (or a waiting record) before any statement or transaction of its own. */
function flushingFirst(connection: Connection, flush: () => Promise<void>): Connection {
  return new Proxy(connection, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (property === "execute" || property === "executeWithoutCount" || property === "begin" || property === "commit" || property === "executeBatch") {
        return async (...args: unknown[]) => {
          await flush();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
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

/**
 * Load every revision file the plan runs, in plan order, before the run changes
 * anything: a syntax error, a missing `upgrade()`/`downgrade()` or a revision
 * that cannot run as asked stops the run with nothing done (as Alembic, which
 * imports every file first).
 */
async function loadPlan(
  plan: readonly MigrationStep[],
  script: ScriptDirectory,
  mode: TransactionMode,
  heads: readonly string[],
  offline: boolean,
): Promise<Map<string, RevisionModule>> {
  const modules = new Map<string, RevisionModule>();
  const at = heads.length === 0 ? "no revision (base)" : heads.join(", ");
  const nothing = offline ? "no SQL was written" : `nothing ran; the database is unchanged, at ${at}`;
  // all files compiled in one go; the loop below reports any that failed
  await script.preloadRevisions(
    plan.flatMap((step) => (step.revision === null ? [] : (script.map.get(step.revision)?.source ?? []))),
  );
  for (const step of plan) {
    if (step.revision === null || modules.has(step.revision)) continue;
    const source = script.map.get(step.revision)?.source;
    if (source === undefined) throw new AthanorError(`Revision ${step.revision} is in the plan but not in the scripts`);
    const fail = (cause: unknown): MigrationError =>
      new MigrationError({
        revision: step.revision,
        kind: step.kind,
        label: stepLine(step, source.doc, 0, 0),
        cause,
        heads,
        hint: nothing,
        file: source.path,
        beforeRun: true,
      });
    let module: RevisionModule;
    try {
      module = await script.loadRevision(source);
    } catch (error) {
      throw fail(error);
    }
    if (module.transactional === false && mode === "caller") {
      throw fail(
        new AthanorError(
          `Revision ${step.revision} must run outside a transaction (transactional = false), but the connection passed in is inside one`,
          { hint: "pass a connection that is not in a transaction" },
        ),
      );
    }
    modules.set(step.revision, module);
  }
  return modules;
}

/** Ask the driver to stop the statement running, where the connection can. */
async function cancelStatement(connection: Connection): Promise<void> {
  await connection.cancel?.().catch(() => undefined);
}

/**
 * MySQL statements that commit the open transaction before they run, surely: a
 * BEGIN right before one of them is useless. (TEMPORARY tables do not commit.)
 */
const COMMITS_AT_ONCE =
  /^\s*(?:create\s+(?:table|(?:unique\s+|fulltext\s+|spatial\s+)?index|database|schema)|alter\s+table|drop\s+(?:table|index|database|schema)|rename\s+table|truncate)\b/i;

/** On a database without transactional DDL, these statements commit at once (and what ran before them). */
const IMPLICIT_COMMIT = /^\s*(?:create|alter|drop|rename|truncate)\b/i;

/**
 * What state a run left the database in after a failure or an interruption, in
 * words, and the statements of the stopped revision that stay applied.
 */
function describeState(run: {
  readonly offline: boolean;
  readonly mode: TransactionMode;
  readonly transactionalDdl: boolean;
  /** The open transaction was rolled back. */
  readonly rolledBack: boolean;
  /** The version table's heads now; `undefined` when they were never read. */
  readonly heads: readonly string[] | undefined;
  /** Steps of this run that are committed. */
  readonly applied: readonly MigrationStep[];
  /** The step that was running, if any. */
  readonly failing: MigrationStep | undefined;
  /** That step ran outside any transaction. */
  readonly outside: boolean;
  /** Its statements that ran. */
  readonly ran: readonly string[];
  /**
   * A step whose record may or may not have been written when the session was lost,
   * the heads it writes, and the statement of the failing step sent with it.
   */
  readonly uncertain?: { readonly revision: string; readonly headsIfWritten: readonly string[]; readonly statement: string } | undefined;
}): { text: string; stay: string[] } {
  if (run.offline) return { text: "the SQL written so far is incomplete", stay: [] };
  if (run.mode === "caller") return { text: "the transaction passed in is left to its owner to roll back", stay: [] };
  const at =
    run.heads === undefined ? undefined : run.heads.length === 0 ? "no revision (base)" : run.heads.join(", ");
  const where = at === undefined ? "" : `, at ${at}`;
  // statements that stay: all of them when no transaction was open at the end
  // (MySQL's DDL ends the open one, and what follows runs in autocommit);
  // otherwise, where DDL commits at once, those up to the last DDL statement
  let stay: string[] = [];
  if (run.outside || !run.rolledBack) stay = [...run.ran];
  else if (!run.transactionalDdl) {
    let last = -1;
    run.ran.forEach((sql, i) => {
      if (IMPLICIT_COMMIT.test(sql)) last = i;
    });
    stay = run.ran.slice(0, last + 1);
  }
  // a stamp runs no statement of its own: only its version-table change, rolled back or not
  const failing = run.failing?.revision ?? undefined;
  const statements = (): string => {
    if (failing === undefined) return "";
    if (run.ran.length === 0) return `; no statement of ${failing} ran`;
    const rolled = run.ran.length - stay.length;
    const list = stay.map((sql) => `\`${shortStatement(sql)}\``).join(", ");
    const kept =
      stay.length === 0
        ? `; ${run.ran.length === 1 ? "the statement" : `the ${run.ran.length} statements`} of ${failing} that ran ${run.ran.length === 1 ? "was" : "were"} rolled back`
        : `; of ${failing}, ${stay.length === 1 ? "this statement" : `these ${stay.length} statements`} ran and stay${stay.length === 1 ? "s" : ""} applied: ${list}`;
    const rest = stay.length > 0 && rolled > 0 ? `; ${rolled} later statement${rolled === 1 ? " was" : "s were"} rolled back` : "";
    return kept + rest;
  };
  if (run.applied.length === 0 && failing === undefined && !run.rolledBack) {
    return { text: `nothing ran; the database is unchanged${where}`, stay };
  }
  if (run.transactionalDdl && run.applied.length === 0 && stay.length === 0) {
    return { text: `the run was rolled back; the database is as before it${where}`, stay };
  }
  const applied = run.applied.flatMap((step) => (step.revision === null ? [] : [step.revision]));
  const verb = run.applied.some((step) => step.kind === "downgrade") ? "downgraded" : "applied";
  const appliedText =
    applied.length === 0
      ? "no revision of this run is applied"
      : `${applied.length === 1 ? "revision" : "revisions"} ${applied.join(", ")} ${applied.length === 1 ? "is" : "are"} ${verb}`;
  if (run.transactionalDdl) {
    const current = failing === undefined ? "" : stay.length === 0 ? `; ${failing} was rolled back` : statements();
    return { text: `${appliedText}${current}; the database is${where ? ` ${where.slice(2)}` : " as committed"}`, stay };
  }
  const repair =
    stay.length > 0
      ? ` (undo ${stay.length === 1 ? "it" : "them"} by hand, or make the revision's statements idempotent, before running again)`
      : "";
  const uncertain = run.uncertain;
  if (uncertain !== undefined) {
    const ifWritten = uncertain.headsIfWritten.length === 0 ? "no revision (base)" : uncertain.headsIfWritten.join(", ");
    return {
      text:
        `${appliedText} for certain${run.ran.length === 0 ? "" : statements()}; ${uncertain.revision} ran, and the connection was lost while its record ` +
        `and \`${shortStatement(uncertain.statement)}\` of ${failing ?? "the next revision"} were sent together: the version table names ` +
        `${at ?? "what it did before"}, or ${ifWritten} if that record went in, and the statement may have run (\`athanor current\` reads the version table)`,
      stay,
    };
  }
  return { text: `${appliedText}${statements()}; the version table names ${at ?? "what it did before"}${repair}`, stay };
}
