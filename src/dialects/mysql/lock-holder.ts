import { shortSql, utcTime } from "../lock-wait.js";

/** What runs a query on the connection that asks (a `GET_LOCK` wait is not running then). */
type Query = (sql: string, params: readonly unknown[]) => Promise<readonly Record<string, unknown>[]>;

/**
 * Who holds the named lock: `IS_USED_LOCK` gives the holder's connection id, the
 * process list its user, host, command, how long it has been in its state, and
 * its statement. `undefined` when nobody holds it any more.
 */
export async function describeNamedLockHolder(query: Query, lockName: string): Promise<string | undefined> {
  const [used] = await query("SELECT IS_USED_LOCK(?) AS holder", [lockName]);
  const id = used?.["holder"];
  if (id === null || id === undefined) return undefined;
  const [row] = await query(
    "SELECT user, host, command, time, state, info FROM information_schema.processlist WHERE id = ?",
    [id],
  );
  const kill = `if that run is dead, end it with KILL ${String(id)}`;
  if (row === undefined) return `MySQL connection ${String(id)}; ${kill}`;
  const seconds = Number(row["time"] ?? 0);
  const since = utcTime(new Date(Date.now() - seconds * 1000)) ?? "?";
  const command = String(row["command"] ?? "");
  const state = row["state"] ? ` (${String(row["state"])})` : "";
  const statement = shortSql(row["info"]);
  const running = command !== "Sleep" && statement !== undefined;
  const doing = running ? `running${state} since ${since}: ${statement}` : `idle${state} since ${since}`;
  return `MySQL connection ${String(id)} (${String(row["user"] ?? "?")}@${String(row["host"] ?? "?")}), ${doing}; ${kill}`;
}
