import type { Connection } from "./connection.js";
import type { DatabaseUrl } from "./database-url.js";
import type { Dialect } from "./dialect.js";

/** Options of `connect()`. */
export interface ConnectOptions {
  /** Folder that relative file paths (SQLite) resolve against; default `process.cwd()`. */
  readonly cwd?: string;
  /**
   * Open only a database file that already exists (SQLite): refuse, with an
   * AthanorError naming the file, rather than create an empty one. For reading.
   */
  readonly mustExist?: boolean;
}

/** Opens a live connection for one parsed URL. */
export type DriverAdapter = (url: DatabaseUrl, options: ConnectOptions) => Promise<Connection>;

/**
 * One database as `registerDialect` takes it: what URLs name it, how its
 * dialect is made, and the drivers that open connections to it. Everything
 * else athanor needs is on the `Dialect` it creates.
 */
export interface DialectDefinition {
  /** The name: the URL scheme (`postgresql://`), `getDialect(name)` and `Dialect.name`. Lower case. */
  readonly name: string;
  /** Other URL schemes meaning the same database (`postgres`, `pgsql` for PostgreSQL; `mariadb` for MySQL). */
  readonly aliases?: readonly string[];
  /**
   * The URL's path names a file rather than a database on a server (SQLite):
   * a host or port is refused, and an empty path means a private in-memory
   * database (`:memory:`).
   */
  readonly fileDatabase?: boolean;
  /** Creates the pure dialect; called once, on first use. */
  createDialect(): Dialect;
  /** The driver used when the URL names none (`postgresql://` rather than `postgresql+pg://`). */
  readonly defaultDriver: string;
  /** The drivers, keyed by the URL's `+driver` name; each opens a connection whose `dialect` is this database's. */
  readonly drivers: Readonly<Record<string, DriverAdapter>>;
}
