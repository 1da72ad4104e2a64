import { shortSql, utcTime } from "../lock-wait.js";
import type { Connection } from "../contract/index.js";

/**
 * A session-level advisory lock on a bigint key shows in pg_locks as
 * `classid` (high 32 bits), `objid` (low 32 bits) and `objsubid = 1`.
 */
const HOLDER_SQL = `SELECT a.pid, a.usename AS "user", a.application_name, host(a.client_addr) AS client,
  a.backend_start, a.state, a.state_change, a.query
FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
  AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid
  AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
LIMIT 1`;

/**
 * Who holds the advisory lock `key`, as pg_stat_activity tells it: backend pid,
 * application, user and client address, since when the session exists, and what
 * it is doing (state since when, and its current or last statement). `undefined`
 * when nobody holds it any more.
 */
export async function describeAdvisoryLockHolder(connection: Connection, key: string): Promise<string | undefined> {
  const unsigned = BigInt.asUintN(64, BigInt(key));
  const high = (unsigned >> 32n).toString();
  const low = (unsigned & 0xffffffffn).toString();
  const { rows } = await connection.execute(HOLDER_SQL, [high, low]);
  const row = rows[0];
  if (row === undefined) return undefined;
  const pid = String(row["pid"]);
  const who = [
    row["application_name"] ? `application ${JSON.stringify(row["application_name"])}` : "no application name",
    row["user"] ? `user ${String(row["user"])}` : undefined,
    row["client"] ? `client ${String(row["client"])}` : "local socket",
  ].filter(Boolean);
  const since = utcTime(row["backend_start"]);
  const state = typeof row["state"] === "string" ? row["state"] : "unknown";
  const stateSince = utcTime(row["state_change"]);
  const query = shortSql(row["query"]);
  const doing =
    state === "active"
      ? `running since ${stateSince ?? "?"}: ${query ?? "?"}`
      : `${state}${stateSince ? ` since ${stateSince}` : ""}${query ? `, last statement: ${query}` : ""}`;
  return (
    `PostgreSQL backend pid ${pid} (${who.join(", ")}) since ${since ?? "?"}, ${doing}; ` +
    `if that run is dead, end it with SELECT pg_terminate_backend(${pid})`
  );
}
