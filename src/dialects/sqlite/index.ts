import { loadDriver, resolveDriver } from "../import-driver.js";
import type { DriverAdapter } from "../contract/index.js";
import { registerDialect } from "../registry.js";
import { SqliteConnection } from "./connection.js";
import { sqliteDialect } from "./dialect.js";
import { opener, withLibcKnown } from "./native.js";

/** A driver with the better-sqlite3 API, loaded from `pkg` on first use. */
function betterSqliteStyle(pkg: string): DriverAdapter {
  return async (url, options) => {
    const file = resolveDriver(pkg, "SQLite");
    const load = () => loadDriver<Parameters<typeof opener>[0]>(file, pkg, "SQLite");
    const Database = await (pkg === "libsql" ? withLibcKnown(file, load) : load());
    return SqliteConnection.open(opener(Database), url, options);
  };
}

/**
 * SQLite (`sqlite3://` too): the URL names a file; libsql by default (prebuilt,
 * no compiler), better-sqlite3 when the URL asks for it.
 */
export const sqliteDefinition = registerDialect({
  name: "sqlite",
  aliases: ["sqlite3"],
  fileDatabase: true,
  createDialect: () => sqliteDialect,
  defaultDriver: "libsql",
  drivers: {
    libsql: betterSqliteStyle("libsql"),
    "better-sqlite3": betterSqliteStyle("better-sqlite3"),
  },
});

export { sqliteDialect } from "./dialect.js";
export { SqliteConnection } from "./connection.js";
