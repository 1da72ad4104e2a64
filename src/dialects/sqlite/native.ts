/**
 * The synchronous API shared by libsql and better-sqlite3 (libsql imitates
 * better-sqlite3), which is all the SQLite adapter uses.
 */
export interface NativeStatement {
  readonly reader: boolean;
  run(params: unknown[]): { changes: number };
  all(params: unknown[]): unknown[];
}

export interface NativeDatabase {
  readonly inTransaction: boolean;
  prepare(sql: string): NativeStatement;
  exec(sql: string): unknown;
  close(): unknown;
}

/** Opens a database file (or `:memory:`); `timeout` is the busy timeout in ms. */
export type NativeOpen = (path: string, options: { timeout: number }) => NativeDatabase;

type NativeConstructor = new (path: string, options: { timeout: number }) => NativeDatabase;

/** Wraps a better-sqlite3-style constructor. */
export function opener(Database: NativeConstructor): NativeOpen {
  return (path, options) => new Database(path, options);
}
