import { createRequire } from "node:module";

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

/**
 * Run `load`, which requires the libsql file `file` (synchronously, within the
 * call), with the C library already known. libsql picks its native build for
 * Linux by asking `process.report.getReport()` whether the C library is glibc,
 * and a whole diagnostic report costs milliseconds; detect-libc, which libsql
 * uses too, tells it from one small file. While `load` runs, the report holds
 * that answer alone; elsewhere, or when detect-libc cannot tell, `load` runs as is.
 *
 * @example
 * ```ts
 * const Database = await withLibcKnown(file, () => loadDriver(file, "libsql", "SQLite"));
 * ```
 */
export function withLibcKnown<T>(file: string, load: () => T): T {
  const report = process.report as { getReport?: () => unknown } | undefined;
  if (process.platform !== "linux" || typeof report?.getReport !== "function") return load();
  let glibc: boolean;
  try {
    const detect = createRequire(file)("detect-libc") as { familySync(): string | null; GLIBC: string; MUSL: string };
    const family = detect.familySync();
    if (family !== detect.GLIBC && family !== detect.MUSL) return load();
    glibc = family === detect.GLIBC;
  } catch {
    return load();
  }
  const original = report.getReport;
  report.getReport = () => ({ header: glibc ? { glibcVersionRuntime: "detected" } : {} });
  try {
    return load();
  } finally {
    report.getReport = original;
  }
}
