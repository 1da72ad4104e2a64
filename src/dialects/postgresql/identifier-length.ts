import { AthanorError } from "../../util/errors.js";

/** PostgreSQL keeps at most this many bytes of a name (NAMEDATALEN - 1) and cuts longer ones without an error. */
export const MAX_IDENTIFIER_BYTES = 63;

/**
 * Refuses a name PostgreSQL would cut short: two names sharing their first 63
 * bytes would silently become one object. Counted in UTF-8 bytes, as the server
 * counts. Returns the name.
 *
 * @example
 * ```ts
 * checkIdentifierLength("users"); // "users"
 * checkIdentifierLength("é".repeat(32)); // throws: 64 bytes
 * ```
 */
export function checkIdentifierLength(name: string): string {
  if (typeof name !== "string" || name.length * 3 <= MAX_IDENTIFIER_BYTES) return name;
  const bytes = Buffer.byteLength(name, "utf8");
  if (bytes <= MAX_IDENTIFIER_BYTES) return name;
  const shown = name.length > 80 ? `${name.slice(0, 77)}...` : name;
  throw new AthanorError(
    `The PostgreSQL name ${JSON.stringify(shown)} is ${bytes} bytes long; PostgreSQL keeps only ${MAX_IDENTIFIER_BYTES} and would silently cut it`,
    { hint: "shorten the name, or give the object a shorter explicit name (or a naming convention that makes shorter ones)" },
  );
}
