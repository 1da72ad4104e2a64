/**
 * How athanor reads `sslmode` with the pg driver.
 *
 * pg (8.x) treats `prefer`, `require` and `verify-ca` as `verify-full` and, the
 * first time it sees one, prints a multi-line warning about a future change. It
 * also never falls back to a plain connection for `prefer`, which libpq (psql,
 * psycopg, Alembic) does when the server has no SSL. athanor keeps pg's stricter
 * certificate check, swallows the warning, falls back for `prefer`/`allow` as
 * libpq does, and says in one line what to change when the check refuses a
 * certificate.
 */

/** The start of pg-connection-string's one-time warning about sslmode aliases. */
const SSL_ALIAS_WARNING = "SECURITY WARNING: The SSL modes";

/** Error codes of Node's TLS layer that mean "the server's certificate was not trusted". */
const CERTIFICATE_CODES = new Set([
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** Runs `make` (which parses a connection string) without pg's sslmode alias warning. */
export function withoutSslAliasWarning<T>(make: () => T): T {
  const emit = process.emitWarning;
  const filtered = function (this: unknown, warning: string | Error, ...rest: unknown[]): void {
    const text = typeof warning === "string" ? warning : warning.message;
    if (text.startsWith(SSL_ALIAS_WARNING)) return;
    (emit as (...args: unknown[]) => void).call(process, warning, ...rest);
  };
  process.emitWarning = filtered as typeof process.emitWarning;
  try {
    return make();
  } finally {
    process.emitWarning = emit;
  }
}

/** Whether a failed connection with this sslmode should be tried again without SSL, as libpq does. */
export function fallsBackToPlain(sslmode: string | undefined, error: unknown): boolean {
  if (sslmode !== "prefer" && sslmode !== "allow") return false;
  return error instanceof Error && /does not support SSL/i.test(error.message);
}

/**
 * The hint for a certificate the driver refused, when the URL's sslmode means
 * "encrypt, do not verify" in libpq but "verify" in pg; undefined otherwise.
 */
export function certificateHint(query: Readonly<Record<string, string>>, error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !CERTIFICATE_CODES.has(code)) return undefined;
  const mode = query["sslmode"];
  if (query["uselibpqcompat"] === "true") return "give the server's CA with sslrootcert=<file>";
  if (mode === "prefer" || mode === "require" || mode === "verify-ca") {
    return `the pg driver verifies the server's certificate for sslmode=${mode} (as verify-full): give its CA with sslrootcert=<file>, or add uselibpqcompat=true for libpq's meaning (encrypted, not verified)`;
  }
  return "give the server's CA with sslrootcert=<file>";
}
