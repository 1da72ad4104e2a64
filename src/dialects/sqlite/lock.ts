import { AthanorError } from "../../util/errors.js";
import { LockWaitNotice, throwLockNotTaken } from "../lock-wait.js";
import { pollUntil } from "../sleep.js";
import type { AcquireLockOptions } from "../contract/index.js";
import type { NativeDatabase, NativeOpen } from "./native.js";

/**
 * The SQLite migration lock.
 *
 * A run may commit several transactions (one per migration), so a write
 * transaction on the database itself cannot serve as a lock for the whole run,
 * and a lock row would survive a killed process. Instead the lock is an open
 * `BEGIN IMMEDIATE` transaction on a separate, always-empty lock database next to
 * the main file (`app.db-athanor.lock`), held through a second connection for as
 * long as the run lasts. SQLite's own file locking does the rest: another process
 * (or connection) gets SQLITE_BUSY until the holder rolls back, closes, or dies —
 * the operating system drops the file lock of a killed process, so a crash never
 * leaves a stale lock. The lock file is never written to and never deleted.
 *
 * Why it stays: a waiter has the file open while it polls, so it would take the
 * lock on the deleted file while the next process creates a fresh one at the
 * path and takes that: two holders. Deleting safely would need a taker to check
 * that the file it locked is still the one at the path, which SQLite's handle
 * does not expose (no inode), and a tombstone written before the unlink leaves
 * a window where a killed releaser strands waiters on an unlinked, unmarked
 * file. So the file is kept (it holds no data), and
 * `athanor init` adds `*-athanor.lock` to the project's .gitignore instead.
 *
 * One lock file serves the whole database: the lock name is not part of it.
 */
export class SqliteFileLock {
  readonly #open: NativeOpen;
  readonly #path: string;
  #db: NativeDatabase | undefined;
  #depth = 0;

  constructor(open: NativeOpen, databasePath: string) {
    this.#open = open;
    this.#path = `${databasePath}-athanor.lock`;
  }

  /** The lock file's path. */
  get path(): string {
    return this.#path;
  }

  async acquire(timeoutMs: number, options?: AcquireLockOptions): Promise<void> {
    if (this.#depth > 0) {
      this.#depth += 1;
      return;
    }
    let db: NativeDatabase;
    try {
      // Busy timeout 0: waiting happens here, asynchronously, not inside the driver.
      db = this.#db ??= this.#openLockDatabase();
    } catch (error) {
      throw new AthanorError(`Cannot open the SQLite lock file ${this.#path}: ${(error as Error).message}`, {
        hint: "check that the database folder is writable",
        cause: error,
      });
    }
    // SQLite cannot tell which process holds a file lock: the line names the lock file.
    const notice = new LockWaitNotice(`on SQLite database ${this.#path.slice(0, -"-athanor.lock".length)}`, options);
    const taken = await pollUntil(async () => {
      try {
        db.exec("BEGIN IMMEDIATE");
        return true;
      } catch (error) {
        const code = String((error as { code?: unknown }).code ?? "");
        if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
          await notice.say(async () => `another process (lock file ${this.#path})`);
          return false;
        }
        throw new AthanorError(`Cannot take the SQLite migration lock ${this.#path}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }, timeoutMs, options?.signal);
    if (!taken) {
      const what = `SQLite database ${this.#path.slice(0, -"-athanor.lock".length)}`;
      await throwLockNotTaken(what, timeoutMs, options?.signal);
    }
    this.#depth = 1;
  }

  #openLockDatabase(): NativeDatabase {
    const db = this.#open(this.#path, { timeout: 0 });
    // Nothing is ever written: keep SQLite from leaving a journal file next to the lock.
    db.exec("PRAGMA journal_mode = MEMORY");
    return db;
  }

  async release(): Promise<void> {
    if (this.#depth === 0) return;
    this.#depth -= 1;
    if (this.#depth > 0) return;
    this.close();
  }

  /** Drops the lock (if held) and its connection. */
  close(): void {
    this.#depth = 0;
    const db = this.#db;
    this.#db = undefined;
    if (!db) return;
    try {
      if (db.inTransaction) db.exec("ROLLBACK");
    } finally {
      db.close();
    }
  }
}
