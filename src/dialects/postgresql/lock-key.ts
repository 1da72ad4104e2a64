const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = (1n << 64n) - 1n;

/**
 * A stable signed 64-bit key for `pg_advisory_lock`: FNV-1a over the UTF-8 bytes
 * of the name. Computed here, not with a server function, so every PostgreSQL
 * version and every client agree on it.
 *
 * @example
 * ```ts
 * advisoryLockKey("athanor_version"); // a decimal string such as "-3750763034362895579"
 * ```
 */
export function advisoryLockKey(name: string): string {
  let hash = FNV_OFFSET;
  for (const byte of Buffer.from(name, "utf8")) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return BigInt.asIntN(64, hash).toString();
}
