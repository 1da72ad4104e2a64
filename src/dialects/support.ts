import type { Connection, DatabaseUrl, Dialect } from "./types.js";

/** Opens a live connection for one parsed URL. */
export type DriverAdapter = (url: DatabaseUrl, options: ConnectOptions) => Promise<Connection>;

/** Options of `connect()`. */
export interface ConnectOptions {
  /** Folder that relative SQLite paths resolve against; default `process.cwd()`. */
  readonly cwd?: string;
}

/**
 * Everything one database folder offers: its pure dialect and its drivers, keyed
 * by the `+driver` name of the URL. Registered with one line in `index.ts`.
 */
export interface DatabaseSupport {
  readonly dialect: Dialect;
  /** Driver used when the URL names none. */
  readonly defaultDriver: string;
  readonly drivers: Readonly<Record<string, DriverAdapter>>;
}
