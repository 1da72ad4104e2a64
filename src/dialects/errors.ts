import { AthanorError } from "../util/errors.js";
import type { DatabaseUrl } from "./contract/index.js";

/**
 * A statement the database refused. `message` is the database's own message
 * (with the password scrubbed); `code` is its error code (SQLSTATE on PostgreSQL,
 * the error name on MySQL, `SQLITE_*` on SQLite); `sql` is the statement.
 */
export class DatabaseError extends AthanorError {
  readonly code: string | undefined;
  readonly sql: string | undefined;

  constructor(message: string, options: { code?: string; sql?: string; hint?: string; cause?: unknown } = {}) {
    super(message, { hint: options.hint, cause: options.cause });
    this.code = options.code;
    this.sql = options.sql;
  }
}

/** Removes every spelling of the password from a message. */
export function scrubSecret(text: string, secret: string | undefined): string {
  if (!secret) return text;
  let out = text;
  for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join("***");
  return out;
}

/**
 * The driver's error to keep as `cause`, unless it repeats the password: then a
 * scrubbed copy, so even a verbose print of the error chain stays clean.
 */
function safeCause(error: unknown, secret: string | undefined): unknown {
  if (!secret || !(error instanceof Error)) return error;
  const text = `${error.message}\n${error.stack ?? ""}\n${JSON.stringify(error, Object.getOwnPropertyNames(error))}`;
  if (!text.includes(secret) && !text.includes(encodeURIComponent(secret))) return error;
  const copy = new Error(scrubSecret(error.message, secret));
  copy.name = error.name;
  copy.stack = scrubSecret(error.stack ?? "", secret);
  const code = codeOf(error);
  if (code !== undefined) Object.assign(copy, { code });
  return copy;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || String(error);
  return String(error);
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" || typeof code === "number" ? String(code) : undefined;
}

/** Wraps a driver error raised by a statement, keeping the database's message. */
export function statementError(error: unknown, url: DatabaseUrl, sql: string, knownHint?: string): DatabaseError {
  if (error instanceof AthanorError) return error as DatabaseError;
  // PostgreSQL adds a detail and a hint of its own ("Key (id)=(1) already exists.").
  const extra = [(error as { detail?: unknown }).detail, (error as { hint?: unknown }).hint]
    .filter((part): part is string => typeof part === "string" && part !== "")
    .map((part) => scrubSecret(part, url.password));
  return new DatabaseError(scrubSecret(messageOf(error), url.password), {
    code: codeOf(error),
    sql: scrubSecret(sql, url.password),
    hint: knownHint ?? (extra.length > 0 ? extra.join("; ") : undefined),
    cause: safeCause(error, url.password),
  });
}

/** What to check, by the driver's error code, when a connection cannot be opened. */
const CONNECT_HINTS: ReadonlyArray<[RegExp, string]> = [
  [/^(ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|ENOENT)$/, "check that the database server is running and listens on that host and port"],
  [/^(ENOTFOUND|EAI_AGAIN)$/, "check the host name in the URL"],
  [/^(28P01|28000|ER_ACCESS_DENIED_ERROR|ER_DBACCESS_DENIED_ERROR|ER_ACCESS_DENIED_NO_PASSWORD_ERROR)$/, "check the user name and password in the URL"],
  [/^(3D000|ER_BAD_DB_ERROR)$/, "check the database name in the URL, or create the database"],
  [/^SQLITE_CANTOPEN/, "check that the folder exists and is writable"],
];

/** Wraps a failure to connect: names the (masked) URL and what to check (`knownHint` when the dialect knows better). */
export function connectError(error: unknown, url: DatabaseUrl, knownHint?: string): AthanorError {
  if (error instanceof AthanorError) return error;
  const code = codeOf(error);
  const found = CONNECT_HINTS.find(([pattern]) => code !== undefined && pattern.test(code));
  const hint = knownHint ?? found?.[1] ?? "check the URL, and that the server is running and reachable";
  let message = messageOf(error);
  if (error instanceof AggregateError && error.errors.length > 0) message = error.errors.map(messageOf).join("; ");
  return new DatabaseError(`Cannot connect to ${url.masked}: ${scrubSecret(message, url.password)}`, {
    code,
    hint,
    cause: safeCause(error, url.password),
  });
}

/**
 * Throws unless the connection can run a statement: it was closed by its owner,
 * or lost (`lostBy` is the driver's error, reported without the password).
 */
export function assertConnectionOpen(url: DatabaseUrl, closed: boolean, lostBy?: unknown): void {
  if (closed) throw new AthanorError(`The connection to ${url.masked} is closed`);
  if (lostBy !== undefined) {
    throw new AthanorError(`The connection to ${url.masked} was lost: ${scrubSecret((lostBy as Error).message, url.password)}`, { cause: lostBy });
  }
}

/** The error every dialect throws when the migration lock stays taken past the timeout. */
export function lockTimeoutError(what: string, timeoutMs: number): AthanorError {
  const seconds = timeoutMs / 1000;
  return new AthanorError(
    `Another migration holds the lock on ${what}; gave up after waiting ${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`,
    { hint: "wait for the other run to finish, or raise lockTimeout in the config" },
  );
}

/** A wait for the migration lock stopped by its abort signal, before the lock was taken. */
export class LockWaitStopped extends AthanorError {
  constructor(what: string) {
    super(`Stopped while waiting for the migration lock on ${what}`);
  }
}

/** Throws {@link LockWaitStopped} when the wait's signal has aborted. */
export function throwIfWaitStopped(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted === true) throw new LockWaitStopped(what);
}
