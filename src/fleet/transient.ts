import { MigrationError } from "../runtime/errors.js";
import { AthanorError } from "../util/errors.js";
import type { TargetError } from "./types.js";

/** Error codes of a failure that may pass by itself: the server not answering yet, a lock, a conflict. */
const TRANSIENT_CODES = new Set([
  // the network and the server's doors
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "57P03", // PostgreSQL: cannot connect now (starting up)
  "53300", // PostgreSQL: too many connections
  "ER_CON_COUNT_ERROR",
  // conflicts a retry resolves
  "40001", // serialization failure
  "40P01", // deadlock detected
  "55P03", // lock not available (lock_timeout)
  "ER_LOCK_DEADLOCK",
  "ER_LOCK_WAIT_TIMEOUT",
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
]);

/** The first error code found along an error's causes. */
export function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 6; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code !== "") return code;
    if (typeof code === "number") return String(code);
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Whether a target's failure is worth another attempt: the connection was
 * refused or dropped, the migration lock stayed taken, or the database reported
 * a serialization failure or a deadlock. A revision that failed for a reason of
 * its own never is, nor one that left statements applied.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof MigrationError) {
    if (error.beforeRun || error.statementsApplied.length > 0) return false;
    const code = errorCode(error.cause);
    return code === "40001" || code === "40P01" || code === "ER_LOCK_DEADLOCK" || code === "SQLITE_BUSY";
  }
  if (error instanceof AthanorError && /^Another migration holds the lock on /.test(error.message)) return true;
  const code = errorCode(error);
  return code !== undefined && TRANSIENT_CODES.has(code);
}

/** The wait before attempt `attempt` (2, 3, ...): 250 ms, 1 s, 2 s, with a little jitter. */
export function backoffMs(attempt: number): number {
  const base = Math.min(2000, 250 * 4 ** (attempt - 2));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** A failure as one line and its details, for a target's result. */
export function targetError(error: unknown): TargetError {
  const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
  const hint = error instanceof AthanorError ? error.hint : undefined;
  const code = errorCode(error);
  const revision = error instanceof MigrationError && error.revision !== null ? error.revision : undefined;
  return {
    message,
    ...(hint === undefined ? {} : { hint }),
    ...(code === undefined ? {} : { code }),
    ...(revision === undefined ? {} : { revision }),
    kind: error instanceof Error ? error.name : "Error",
  };
}
