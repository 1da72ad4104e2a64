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
  const nested = connection.inTransaction;
  const name = connection.dialect.quoteIdentifier(savepoint);
  await connection.execute(nested ? `SAVEPOINT ${name}` : "BEGIN");
  try {
    return await body();
  } catch {
    return undefined;
  } finally {
    if (nested) {
      await connection.execute(`ROLLBACK TO SAVEPOINT ${name}`);
      await connection.execute(`RELEASE SAVEPOINT ${name}`);
    } else {
      await connection.execute("ROLLBACK");
    }
  }
}
