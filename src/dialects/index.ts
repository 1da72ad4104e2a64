/**
 * The databases athanor speaks: an open registry. Each database is a folder
 * that registers itself with `registerDialect` (the shipped ones through
 * ./default-dialects.ts); user code registers more the same way.
 */
import { AthanorError } from "../util/errors.js";
import type { ConnectOptions, DialectDefinition } from "./contract/dialect-definition.js";
import type { Connection, DatabaseUrl, Dialect } from "./contract/index.js";
import "./default-dialects.js";
import { definitionNamed, dialectOf, registeredNames } from "./registry.js";
import { parseUrl, unknownDatabaseKind } from "./url.js";

function definitionFor(name: string): DialectDefinition {
  const definition = definitionNamed(name);
  if (!definition) {
    throw new AthanorError(`Unknown database ${JSON.stringify(name)}`, {
      hint: `athanor supports ${dialectNames().join(", ")}`,
    });
  }
  return definition;
}

/** The names `getDialect` accepts: every registered database. */
export function dialectNames(): string[] {
  return registeredNames();
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
  return dialectOf(definitionFor(name));
}

/** The dialect registered under `name`, or undefined when none is. */
export function findDialect(name: string): Dialect | undefined {
  const definition = definitionNamed(name);
  return definition === undefined ? undefined : dialectOf(definition);
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
  if (!definitionNamed(parsed.dialect)) throw unknownDatabaseKind(parsed);
  const definition = definitionFor(parsed.dialect);
  const driverName = parsed.driver ?? definition.defaultDriver;
  const driver = Object.hasOwn(definition.drivers, driverName) ? definition.drivers[driverName] : undefined;
  if (!driver) {
    throw new AthanorError(`Unknown ${parsed.dialect} driver ${JSON.stringify(driverName)} in ${parsed.masked}`, {
      hint: `use one of ${Object.keys(definition.drivers).join(", ")}`,
    });
  }
  return driver(parsed, options);
}

export { registerDialect } from "./registry.js";
export { noRunGuard } from "./contract/index.js";
export { parseUrl, maskUrl } from "./url.js";
export type { ConnectOptions, DialectDefinition, DriverAdapter } from "./contract/dialect-definition.js";
export { DatabaseError } from "./errors.js";
export { sqliteDialect } from "./sqlite/index.js";
export { postgresqlDialect } from "./postgresql/index.js";
export { mysqlDialect, createMysqlDialect } from "./mysql/index.js";
export type { Connection, DatabaseUrl, Dialect, QueryResult } from "./contract/index.js";
