import type { Connection } from "./connection.js";

/**
 * What a database does around one migration run, online and offline (then the
 * connection writes the statements into the script). The runtime calls
 * `beforeRun` before the run's first transaction opens, `beforeCommit` before
 * every commit of the run (the whole run's, each revision's with
 * `transactionPerMigration`, and the one before a `transactional = false`
 * revision), and `afterRun` on every exit, after the last commit or rollback.
 *
 * @example
 * ```ts
 * const guard = connection.dialect.runGuard({ offline: false });
 * await guard.beforeRun(connection);
 * try {
 *   await connection.begin();
 *   // ... the run's statements ...
 *   await guard.beforeCommit(connection); // throws, naming what is wrong: roll back
 *   await connection.commit();
 * } finally {
 *   await guard.afterRun(connection);
 * }
 * ```
 */
export interface RunGuard {
  /**
   * Prepare the connection, outside any transaction. On a connection already
   * inside a transaction (one the caller owns) it changes nothing and the
   * other hooks do nothing.
   */
  beforeRun(connection: Connection): Promise<void>;
  /**
   * Check what the run has done so far; throws an AthanorError naming the
   * problem, after which the caller rolls back instead of committing.
   */
  beforeCommit(connection: Connection): Promise<void>;
  /** Restore what `beforeRun` changed. Runs outside any transaction. */
  afterRun(connection: Connection): Promise<void>;
}

/** The guard of a database that needs nothing prepared or checked around a run. */
export const noRunGuard: RunGuard = Object.freeze({
  async beforeRun(): Promise<void> {},
  async beforeCommit(): Promise<void> {},
  async afterRun(): Promise<void> {},
});
