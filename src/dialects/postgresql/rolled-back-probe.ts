import type { Connection } from "../contract/index.js";

/**
 * Runs `body` inside a transaction, or a savepoint of the open one, and rolls
 * it back, so nothing it creates is kept: how the server would store a
 * declared expression is read from a copy that never lands. `undefined` when
 * the server refuses what `body` asks (the caller then compares by text).
 *
 * @example
 * ```ts
 * const kept = await inRolledBackProbe(connection, "athanor_check_probe", async () => {
 *   await connection.execute("CREATE TEMPORARY TABLE athanor_check_probe (n int)");
 *   return "…read back…";
 * });
 * ```
 */
export async function inRolledBackProbe<T>(connection: Connection, savepoint: string, body: () => Promise<T>): Promise<T | undefined> {
  return rolledBack(connection, savepoint, "BEGIN", async () => {
    try {
      return await body();
    } catch {
      return undefined;
    }
  });
}

/**
 * Runs `body` inside a transaction opened with `begin` (`BEGIN`, `BEGIN READ
 * ONLY`), or inside a savepoint `savepoint` of the open one, and rolls it back
 * whatever happens: what `body` sets or creates is gone after, and the session
 * is as it was. An error of `body` is passed on.
 *
 * @example
 * ```ts
 * const rows = await rolledBack(connection, "athanor_reflect", "BEGIN READ ONLY", async () => {
 *   await connection.execute("SET LOCAL jit = off");
 *   return connection.execute("SELECT …");
 * });
 * ```
 */
export async function rolledBack<T>(connection: Connection, savepoint: string, begin: string, body: () => Promise<T>): Promise<T> {
  const nested = connection.inTransaction;
  const name = connection.dialect.quoteIdentifier(savepoint);
  await connection.execute(nested ? `SAVEPOINT ${name}` : begin);
  try {
    return await body();
  } finally {
    if (nested) {
      await connection.execute(`ROLLBACK TO SAVEPOINT ${name}`);
      await connection.execute(`RELEASE SAVEPOINT ${name}`);
    } else {
      await connection.execute("ROLLBACK");
    }
  }
}
