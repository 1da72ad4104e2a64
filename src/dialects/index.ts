/**
 * The databases athanor speaks. Each one is a folder exporting a
 * `DatabaseSupport`; adding a database means adding a folder and one line to
 * `DATABASES`.
 */
import { parseUrl } from "../config/url.js";
import { AthanorError } from "../util/errors.js";
import { mysqlSupport } from "./mysql/index.js";
import { postgresqlSupport } from "./postgresql/index.js";
import { sqliteSupport } from "./sqlite/index.js";
import type { ConnectOptions, DatabaseSupport } from "./support.js";
import type { Connection, DatabaseUrl, Dialect } from "./types.js";

const DATABASES: Readonly<Record<string, DatabaseSupport>> = {
  sqlite: sqliteSupport,
  postgresql: postgresqlSupport,
  mysql: mysqlSupport,
};

function supportFor(name: string): DatabaseSupport {
  const support = Object.hasOwn(DATABASES, name) ? DATABASES[name] : undefined;
  if (!support) {
    throw new AthanorError(`Unknown database ${JSON.stringify(name)}`, {
      hint: `athanor supports ${dialectNames().join(", ")}`,
    });
  }
  return support;
}

/** The names `getDialect` accepts. */
export function dialectNames(): string[] {
  return Object.keys(DATABASES);
}

/**
 * The pure SQL side of a database, for offline scripts and DDL rendering.
 *
 * @example
 * ```ts
 * getDialect("postgresql").quoteIdentifier("order"); // "order" in double quotes
 * ```
 */
export function getDialect(name: string): Dialect {
  return supportFor(name).dialect;
}

/**
 * Opens a connection for a URL, importing its driver on first use. The driver is
 * the URL's `+driver` or the database's default (libsql, pg, mysql2).
 *
 * @throws AthanorError naming the package to install when the driver is missing,
 *   and naming the masked URL and what to check when the connection fails.
 * @example
 * ```ts
 * const connection = await connect("sqlite:///app.db");
 * try {
 *   const { rows } = await connection.execute("SELECT 1 AS one");
 * } finally {
 *   await connection.close();
 * }
 * ```
 */
export async function connect(url: string | DatabaseUrl, options: ConnectOptions = {}): Promise<Connection> {
  const parsed = typeof url === "string" ? parseUrl(url) : url;
  const support = supportFor(parsed.dialect);
  const driverName = parsed.driver ?? support.defaultDriver;
  const driver = Object.hasOwn(support.drivers, driverName) ? support.drivers[driverName] : undefined;
  if (!driver) {
    throw new AthanorError(`Unknown ${parsed.dialect} driver ${JSON.stringify(driverName)} in ${parsed.masked}`, {
      hint: `use one of ${Object.keys(support.drivers).join(", ")}`,
    });
  }
  return driver(parsed, options);
}

export type { ConnectOptions, DatabaseSupport, DriverAdapter } from "./support.js";
export { DatabaseError } from "./errors.js";
export { sqliteDialect } from "./sqlite/index.js";
export { postgresqlDialect } from "./postgresql/index.js";
export { mysqlDialect, createMysqlDialect } from "./mysql/index.js";
export type { Connection, DatabaseUrl, Dialect, QueryResult } from "./types.js";
