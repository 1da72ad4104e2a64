import { createHash } from "node:crypto";

/** MySQL and MariaDB refuse `GET_LOCK` names longer than 64 characters. */
const MAX_LOCK_NAME = 64;

/**
 * The `GET_LOCK` name for a migration lock. MySQL's named locks are server-wide,
 * so the database name is part of it: runs against two databases of one server
 * do not block each other. Names too long keep a readable prefix and end with a
 * hash of the whole.
 *
 * @example
 * ```ts
 * mysqlLockName("shop", "athanor_version"); // "athanor:shop:athanor_version"
 * ```
 */
export function mysqlLockName(database: string | undefined, name: string): string {
  const full = `athanor:${database ?? ""}:${name}`;
  if (full.length <= MAX_LOCK_NAME) return full;
  const hash = createHash("sha256").update(full, "utf8").digest("hex").slice(0, 24);
  return `${full.slice(0, MAX_LOCK_NAME - hash.length - 1)}:${hash}`;
}
