import { lockTimeoutError, throwIfWaitStopped } from "./errors.js";
import type { AcquireLockOptions } from "./contract/index.js";

/** How long a run waits for the migration lock before it says so. */
export const LOCK_WAIT_NOTICE_MS = 1000;

/**
 * Says once, after a second of waiting, that the migration lock is taken and by
 * whom. The holder is described lazily: a lock taken at once costs nothing.
 */
export class LockWaitNotice {
  readonly #onWait: ((message: string) => void) | undefined;
  readonly #what: string;
  readonly #started = Date.now();
  #said = false;

  /** `what` names the lock (`"athanor:x" in postgresql://…`). */
  constructor(what: string, options: AcquireLockOptions | undefined) {
    this.#what = what;
    this.#onWait = options?.onWait;
  }

  /** Whether the first second has passed and the line is still to be said. */
  get due(): boolean {
    return this.#onWait !== undefined && !this.#said && Date.now() - this.#started >= LOCK_WAIT_NOTICE_MS;
  }

  /** Says the line (once), with the holder `describe` reads; a failed description still says it waits. */
  async say(describe: () => Promise<string | undefined>): Promise<void> {
    if (!this.due) return;
    this.#said = true;
    const holder = await describe().catch(() => undefined);
    this.#onWait?.(waitLine(this.#what, holder));
  }
}

/**
 * Ends a wait that did not get the lock: stopped by its signal, or timed out,
 * naming the holder when `describe` can read one.
 */
export async function throwLockNotTaken(
  what: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  describe?: () => Promise<string | undefined>,
): Promise<never> {
  throwIfWaitStopped(signal, what);
  const holder = await describe?.().catch(() => undefined);
  throw lockTimeoutError(holder === undefined ? what : `${what}, held by ${holder}`, timeoutMs);
}

/** `waiting for the migration lock <what> held by <holder>`. */
export function waitLine(what: string, holder: string | undefined): string {
  return `waiting for the migration lock ${what} held by ${holder ?? "another session"}`;
}

/** A server timestamp as `2024-05-01 12:00:01 UTC`. */
export function utcTime(value: unknown): string | undefined {
  const date = value instanceof Date ? value : typeof value === "string" ? new Date(value) : undefined;
  if (date === undefined || Number.isNaN(date.getTime())) return undefined;
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** A statement's text on one line, cut to `max` characters. */
export function shortSql(sql: unknown, max = 120): string | undefined {
  if (typeof sql !== "string" || sql.trim() === "") return undefined;
  const flat = sql.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}
