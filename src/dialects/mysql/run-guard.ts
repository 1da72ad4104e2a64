import type { Connection, RunGuard } from "../contract/index.js";

/** Where an offline script keeps the session's sql_mode while it runs. */
const SAVED_MODE = "@athanor_saved_sql_mode";

/** `sql_mode` without NO_BACKSLASH_ESCAPES, wherever it stands in the list. */
const WITH_BACKSLASH_ESCAPES =
  "REPLACE(REPLACE(REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES,', ''), ',NO_BACKSLASH_ESCAPES', ''), 'NO_BACKSLASH_ESCAPES', '')";

/**
 * MySQL's guard of an offline script. The script's literals are written for
 * the client session a user pipes it into, which athanor cannot see: comments
 * and defaults use backslash escapes (for NUL, CR, Ctrl-Z and backslash), and
 * MySQL's COMMENT takes no character set introducer, so non-ASCII text there
 * means what the client's character set says. The script therefore starts by
 * switching the session to utf8mb4 with backslash escapes on, and puts the
 * session's sql_mode back at its end. A live run needs nothing: its connection
 * speaks utf8mb4 and reads the server's sql_mode.
 */
class MysqlScriptGuard implements RunGuard {
  async beforeRun(connection: Connection): Promise<void> {
    await connection.execute(`SET ${SAVED_MODE} = @@SESSION.sql_mode`);
    await connection.execute(`SET SESSION sql_mode = ${WITH_BACKSLASH_ESCAPES}`);
    await connection.execute("SET NAMES utf8mb4");
  }

  async beforeCommit(): Promise<void> {}

  async afterRun(connection: Connection): Promise<void> {
    await connection.execute(`SET SESSION sql_mode = ${SAVED_MODE}`);
  }
}

const NOTHING: RunGuard = Object.freeze({
  async beforeRun(): Promise<void> {},
  async beforeCommit(): Promise<void> {},
  async afterRun(): Promise<void> {},
});

/** The guard of one MySQL run: offline scripts set up the client session (see MysqlScriptGuard). */
export function mysqlRunGuard(options: { readonly offline: boolean }): RunGuard {
  return options.offline ? new MysqlScriptGuard() : NOTHING;
}
