/**
 * Database URLs: `dialect[+driver]://user:password@host:port/database?key=value`.
 *
 * Pure text handling, no I/O. The password is kept out of every string this
 * module produces: `masked`, `toString()`, `toJSON()` and error messages.
 */
import { AthanorError } from "../util/errors.js";
import type { DatabaseUrl } from "./contract/database-url.js";
import "./default-dialects.js";
import { definitionNamed, definitionOfScheme, registeredNames } from "./registry.js";
import { editDistance } from "../util/nearest.js";

/** The registered database a scheme names (its own name, or an alias such as `postgres`). */
function databaseOf(scheme: string): string {
  return definitionOfScheme(scheme)?.name ?? scheme;
}

/** Whether the database lives in a file (its definition says `fileDatabase`): an empty path means a private in-memory database. */
function isFileDatabase(name: string): boolean {
  return definitionNamed(name)?.fileDatabase === true;
}

/** Query keys whose values are secrets and are masked like the password. */
const SECRET_KEYS = /^(password|passwd|pwd|pass|sslpassword|sslkey_password|auth_token|authtoken|token|secret)$/i;

const MASK = "***";

/** The whole URL: scheme, optional `+driver`, then everything after `://`. */
const URL_SHAPE = /^([A-Za-z][A-Za-z0-9_.-]*)(?:\+([A-Za-z0-9_.-]+))?:\/\/(.*)$/s;

/**
 * User information: the user name stops at `:`, `/`, `?` or `@`; the password runs
 * to the **last** `@`, so an unencoded `@`, `/` or `?` in a password still stays
 * inside the password (and out of any output). The price: an `@` inside the query
 * string of a URL that has a port but no user must be written `%40`.
 */
const USER_INFO = /^([^:/?#@]*)(?::(.*))?@(.*)$/s;

class ParsedDatabaseUrl implements DatabaseUrl {
  readonly dialect: string;
  readonly driver: string | undefined;
  readonly host: string | undefined;
  readonly port: number | undefined;
  readonly username: string | undefined;
  readonly database: string | undefined;
  readonly query: Readonly<Record<string, string>>;
  readonly masked: string;
  // A private field: never listed by JSON.stringify, console.log or util.inspect.
  readonly #password: string | undefined;

  constructor(parts: Omit<DatabaseUrl, "masked">, masked: string) {
    this.dialect = parts.dialect;
    this.driver = parts.driver;
    this.host = parts.host;
    this.port = parts.port;
    this.username = parts.username;
    this.#password = parts.password;
    this.database = parts.database;
    this.query = Object.freeze({ ...parts.query });
    this.masked = masked;
    Object.freeze(this);
  }

  get password(): string | undefined {
    return this.#password;
  }

  toString(): string {
    return this.masked;
  }

  toJSON(): Record<string, unknown> {
    return {
      dialect: this.dialect,
      driver: this.driver,
      host: this.host,
      port: this.port,
      username: this.username,
      database: this.database,
      query: maskQuery(this.query),
      masked: this.masked,
    };
  }
}

function maskQuery(query: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) out[key] = SECRET_KEYS.test(key) ? MASK : value;
  return out;
}

function decode(text: string, what: string, original: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw badUrl(original, `the ${what} has an invalid percent-escape`);
  }
}

function badUrl(text: string, reason: string): AthanorError {
  return new AthanorError(`Invalid database URL ${maskUnparsed(text)}: ${reason}`, {
    hint: "expected dialect[+driver]://user:password@host:port/database, e.g. postgresql://app@localhost/app or sqlite:///app.db; percent-encode special characters in the user and password",
  });
}

/** Masks a URL that could not be parsed: everything between the first `:` of the user part and the last `@`. */
function maskUnparsed(text: string): string {
  let out = text;
  const at = out.lastIndexOf("@");
  if (at >= 0) {
    const scheme = out.indexOf("://");
    const from = scheme >= 0 ? scheme + 3 : 0;
    const colon = out.indexOf(":", from);
    if (colon >= 0 && colon < at) out = `${out.slice(0, colon + 1)}${MASK}${out.slice(at)}`;
  }
  return out.replace(/([?&](?:password|passwd|pwd|pass|sslpassword|auth_?token|token|secret)=)[^&#]*/gi, `$1${MASK}`);
}

/** Escapes only what would change how the masked URL reads back. */
function escapePart(text: string, extra: RegExp): string {
  return text.replace(/%/g, "%25").replace(/[?#]/g, (c) => encodeURIComponent(c)).replace(extra, (c) => encodeURIComponent(c));
}

function renderMasked(parts: Omit<DatabaseUrl, "masked">, scheme: string): string {
  let auth = "";
  if (parts.username !== undefined || parts.password !== undefined) {
    auth = `${escapePart(parts.username ?? "", /[:@/]/g)}${parts.password !== undefined ? `:${MASK}` : ""}@`;
  }
  let host = "";
  if (parts.host !== undefined) host = parts.host.includes(":") ? `[${parts.host}]` : escapePart(parts.host, /[@/]/g);
  const port = parts.port !== undefined ? `:${parts.port}` : "";
  const database =
    parts.database === undefined || (isFileDatabase(parts.dialect) && parts.database === ":memory:")
      ? ""
      : `/${escapePart(parts.database, /(?!)/g)}`;
  const entries = Object.entries(maskQuery(parts.query));
  const query =
    entries.length === 0
      ? ""
      : `?${entries.map(([k, v]) => `${escapePart(k, /[&=]/g)}=${v === MASK ? MASK : escapePart(v, /[&=]/g)}`).join("&")}`;
  return `${scheme}${parts.driver ? `+${parts.driver}` : ""}://${auth}${host}${port}${database}${query}`;
}

/**
 * Parses a database URL. The user name, password, database and query values are
 * percent-decoded. An alias scheme maps to its registered database (`postgres://`
 * and `mariadb://` to `postgresql` and `mysql`); an unregistered scheme is kept
 * as it is (connecting with it is refused, naming the registered databases).
 * SQLite: `sqlite:///relative.db` (relative to `ConnectOptions.cwd`: the config file's folder
 * when the URL comes from a config, else the working folder),
 * `sqlite:////absolute.db`, and `sqlite://` or `sqlite:///:memory:` for in-memory.
 *
 * @throws AthanorError (showing the URL masked) when the text is not a database URL.
 * @example
 * ```ts
 * const url = parseUrl("postgresql+pg://app:s%40cret@db.local:5432/shop?sslmode=require");
 * url.dialect;  // "postgresql"
 * url.password; // "s@cret"
 * url.masked;   // "postgresql+pg://app:***@db.local:5432/shop?sslmode=require"
 * ```
 */
export function parseUrl(text: string): DatabaseUrl {
  const source = text.trim();
  const shape = URL_SHAPE.exec(source);
  if (!shape) throw badUrl(source, "it does not start with dialect://");
  const scheme = shape[1]!.toLowerCase();
  const dialect = databaseOf(scheme);
  const driver = shape[2]?.toLowerCase();
  let rest = shape[3]!;

  let username: string | undefined;
  let password: string | undefined;
  const userInfo = USER_INFO.exec(rest);
  if (userInfo) {
    username = decode(userInfo[1]!, "user name", source);
    if (userInfo[2] !== undefined) password = decode(userInfo[2], "password", source);
    rest = userInfo[3]!;
    if (username === "") username = undefined;
  }

  let queryText = "";
  const questionMark = rest.indexOf("?");
  if (questionMark >= 0) {
    queryText = rest.slice(questionMark + 1);
    rest = rest.slice(0, questionMark);
  }
  if (rest.includes("#")) throw badUrl(source, "a database URL has no #fragment");

  const slash = rest.indexOf("/");
  const authority = slash >= 0 ? rest.slice(0, slash) : rest;
  const pathText = slash >= 0 ? rest.slice(slash + 1) : undefined;

  let host: string | undefined;
  let port: number | undefined;
  if (authority !== "") {
    let portText: string | undefined;
    const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(authority);
    if (bracketed) {
      host = bracketed[1]!;
      portText = bracketed[2];
    } else {
      const colon = authority.lastIndexOf(":");
      host = colon >= 0 ? authority.slice(0, colon) : authority;
      portText = colon >= 0 ? authority.slice(colon + 1) : undefined;
      if (host.includes(":")) throw badUrl(source, "an IPv6 host must be written in [brackets]");
    }
    host = decode(host, "host", source);
    if (host === "") host = undefined;
    if (portText !== undefined && portText !== "") {
      if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
        throw badUrl(source, `the port must be a number from 0 to 65535`);
      }
      port = Number(portText);
    }
  }

  let database = pathText === undefined || pathText === "" ? undefined : decode(pathText, "database", source);
  if (isFileDatabase(dialect)) {
    if (host !== undefined || port !== undefined) {
      throw badUrl(source, `a ${dialect} URL names a file, not a host: use ${scheme}:///relative.db or ${scheme}:////absolute/path.db`);
    }
    if (database === undefined) database = ":memory:";
  }

  const query: Record<string, string> = {};
  if (queryText !== "") {
    for (const pair of queryText.split("&")) {
      if (pair === "") continue;
      const eq = pair.indexOf("=");
      const key = decode((eq >= 0 ? pair.slice(0, eq) : pair).replace(/\+/g, " "), "query", source);
      const value = decode((eq >= 0 ? pair.slice(eq + 1) : "").replace(/\+/g, " "), "query", source);
      query[key] = value;
    }
  }

  const parts = { dialect, driver, host, port, username, password, database, query };
  return new ParsedDatabaseUrl(parts, renderMasked(parts, scheme));
}

/**
 * The URL with its password (and secret query values) replaced by `***`. Works on
 * text that is not a valid URL too, so error messages can always show it.
 *
 * @example
 * ```ts
 * maskUrl("mysql://root:hunter2@localhost/app"); // "mysql://root:***@localhost/app"
 * ```
 */
export function maskUrl(text: string): string {
  const source = text.trim();
  try {
    return parseUrl(source).masked;
  } catch {
    return maskUnparsed(source);
  }
}

/**
 * The error for a URL whose scheme no registered database answers to, naming
 * the nearest registered scheme when the scheme looks like a typo of it
 * (`postgress://` → `postgresql://`).
 *
 * @example
 * ```ts
 * unknownDatabaseKind(parseUrl("postgress://app@db/shop")).message;
 * // 'Unknown database kind "postgress" in the URL postgress://app@db/shop; did you mean postgresql://?'
 * ```
 */
export function unknownDatabaseKind(url: DatabaseUrl): AthanorError {
  const schemes = registeredNames().flatMap((name) => [name, ...(definitionNamed(name)?.aliases ?? [])]);
  // an alias that is nearest (`postgres` for `postgress`) suggests its database's own name
  const near = nearestScheme(url.dialect, schemes);
  const nearest = near === undefined ? undefined : databaseOf(near);
  return new AthanorError(
    `Unknown database kind ${JSON.stringify(url.dialect)} in the URL ${url.masked}${nearest ? `; did you mean ${nearest}://?` : ""}`,
    { hint: `athanor supports ${registeredNames().join(", ")}; another kind is added with registerDialect()` },
  );
}

/** The scheme closest to `scheme` by edit distance, when close enough to be a typo (at most a third of its letters). */
function nearestScheme(scheme: string, schemes: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(scheme.length / 3)) + 1;
  for (const candidate of schemes) {
    const distance = editDistance(scheme, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}
