import { AthanorError } from "../util/errors.js";

/** A statement the database refused, with the SQL that was sent. */
export class StatementError extends AthanorError {
  /** The SQL text as sent (parameters not included). */
  readonly statement: string;
  /** The database's own message. */
  readonly databaseMessage: string;

  constructor(statement: string, cause: unknown) {
    // the dialects put the database's detail (PostgreSQL's DETAIL) in the hint
    const detail = cause instanceof AthanorError && cause.hint ? ` (${cause.hint})` : "";
    const databaseMessage = `${cause instanceof Error ? cause.message : String(cause)}${detail}`;
    super(`${databaseMessage} [statement: ${shorten(statement)}]`, { cause });
    this.statement = statement;
    this.databaseMessage = databaseMessage;
  }
}

/**
 * A revision that failed while running: its `upgrade()`/`downgrade()` threw, one
 * of its statements failed, or its version-table change did. The message names
 * the revision, the statement and the database's message; the hint says what
 * state the database was left in.
 */
export class MigrationError extends AthanorError {
  readonly revision: string | null;
  readonly kind: "upgrade" | "downgrade" | "stamp";
  /** The failing statement, when a statement failed. */
  readonly statement: string | undefined;
  /** The database's (or the thrown error's) message. */
  readonly reason: string;
  /** Heads the version table holds after the failure (after any rollback). */
  readonly heads: readonly string[];
  /** Statements of the failing revision that ran and stay applied (a database without transactional DDL). */
  readonly statementsApplied: readonly string[];
  /** `true` when the revision file could not be loaded: nothing of the run ran. */
  readonly beforeRun: boolean;

  constructor(options: {
    revision: string | null;
    kind: "upgrade" | "downgrade" | "stamp";
    label: string;
    cause: unknown;
    heads: readonly string[];
    hint: string;
    file?: string;
    statementsApplied?: readonly string[];
    /** The file failed to load before the run: the message is the cause's own. */
    beforeRun?: boolean;
  }) {
    const cause = options.cause;
    const statement = cause instanceof StatementError ? cause.statement : undefined;
    const reason =
      cause instanceof StatementError
        ? cause.databaseMessage
        : cause instanceof Error
          ? cause.message
          : String(cause);
    const where = statement === undefined ? "" : ` [statement: ${shorten(statement)}]`;
    // what the revision's own error says to do comes first, then the database's state
    const causeHint = cause instanceof AthanorError && !(cause instanceof StatementError) ? cause.hint : undefined;
    const line =
      cause instanceof AthanorError && cause.line !== undefined && cause.file === options.file ? cause.line : undefined;
    super(options.beforeRun ? reason : `${options.label} failed: ${reason}${where}`, {
      cause,
      hint: causeHint ? `${causeHint}; ${options.hint}` : options.hint,
      ...(options.file === undefined ? {} : { file: options.file }),
      ...(line === undefined ? {} : { line }),
    });
    this.revision = options.revision;
    this.kind = options.kind;
    this.statement = statement;
    this.reason = reason;
    this.heads = options.heads;
    this.statementsApplied = options.statementsApplied ?? [];
    this.beforeRun = options.beforeRun === true;
  }
}

/**
 * A run stopped by its `AbortSignal` (Ctrl-C or SIGTERM in the CLI) at a safe
 * point: before a statement or a step, or by cancelling the statement running.
 * The message says what state the database is in: rolled back and at which
 * heads, or which revisions and statements stay applied.
 */
export class InterruptedError extends AthanorError {
  /** Heads the version table holds after the stop (after any rollback). */
  readonly heads: readonly string[];
  /** The revision that was running, if any. */
  readonly revision: string | null;
  /** Statements of that revision that ran and stay applied (a database without transactional DDL). */
  readonly statementsApplied: readonly string[];

  constructor(message: string, options: { heads: readonly string[]; revision: string | null; statementsApplied?: readonly string[]; cause?: unknown }) {
    super(message, options.cause === undefined ? {} : { cause: options.cause });
    this.heads = options.heads;
    this.revision = options.revision;
    this.statementsApplied = options.statementsApplied ?? [];
  }
}

/** Thrown at a safe point once the run's signal is aborted; turned into an {@link InterruptedError}. */
export class StopRequested extends Error {
  constructor() {
    super("the run was interrupted");
  }
}

/** A statement shortened for a one-line message. */
export function shortStatement(sql: string, max = 80): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}

function shorten(sql: string): string {
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
