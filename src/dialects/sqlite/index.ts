import { importDriver } from "../import-driver.js";
import type { DatabaseSupport, DriverAdapter } from "../support.js";
import { SqliteConnection } from "./connection.js";
import { sqliteDialect } from "./dialect.js";
import { opener } from "./native.js";

/** A driver with the better-sqlite3 API, loaded from `pkg` on first use. */
function betterSqliteStyle(pkg: string): DriverAdapter {
  return async (url, options) => {
    const Database = await importDriver<Parameters<typeof opener>[0]>(pkg, "SQLite");
    return SqliteConnection.open(opener(Database), url, options);
  };
}

/** SQLite: libsql by default (prebuilt, no compiler), better-sqlite3 when the URL asks for it. */
export const sqliteSupport: DatabaseSupport = {
  dialect: sqliteDialect,
  defaultDriver: "libsql",
  drivers: {
    libsql: betterSqliteStyle("libsql"),
    "better-sqlite3": betterSqliteStyle("better-sqlite3"),
  },
};

export { sqliteDialect } from "./dialect.js";
export { SqliteConnection } from "./connection.js";
