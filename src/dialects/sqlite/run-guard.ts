import { AthanorError } from "../../util/errors.js";
import type { Connection, RunGuard } from "../contract/index.js";

/**
 * Every broken reference in every attached database (`PRAGMA foreign_key_check`
 * without a schema looks at `main` only).
 */
const VIOLATIONS = `SELECT t.schema AS db, c."table" AS child, c."rowid" AS child_rowid, c.parent AS parent, c.fkid AS fkid
  FROM pragma_table_list AS t, pragma_foreign_key_check(t.name, t.schema) AS c
  WHERE t.type = 'table'`;

/** Offline: the references already broken when the script starts, which the checks leave to their owner. */
const BEFORE = "temp._athanor_foreign_keys_before";
/** Offline: one row per check; its CHECK constraint fails, with OR ROLLBACK, when a reference is broken. */
const CHECK_TABLE = "temp._athanor_foreign_key_check";

/** References broken now that were not broken when the script started. */
const NEW_VIOLATIONS = `SELECT v.db, v.child, v.child_rowid, v.parent FROM (${VIOLATIONS}) AS v
  WHERE NOT EXISTS (SELECT 1 FROM ${BEFORE} AS b
    WHERE b.db = v.db AND b.child = v.child AND b.child_rowid IS v.child_rowid AND b.parent = v.parent AND b.fkid = v.fkid)`;

function firstValue(rows: readonly Record<string, unknown>[]): unknown {
  const row = rows[0];
  return row === undefined ? undefined : Object.values(row)[0];
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function keyOf(row: Record<string, unknown>): string {
  return [row["db"], row["child"], row["child_rowid"], row["parent"], row["fkid"]].map(String).join("\u0000");
}

function describeRow(row: Record<string, unknown>): string {
  const db = String(row["db"]);
  const at = db === "main" ? "" : `${db}.`;
  return `${at}${String(row["child"])} rowid ${String(row["child_rowid"])} → ${at}${String(row["parent"])}`;
}

/**
 * SQLite's guard of a run. `PRAGMA foreign_keys` cannot change inside a
 * transaction, and with foreign keys on, dropping a table others refer to (as
 * batch move and copy does) deletes its rows first and fires their ON DELETE
 * actions. So foreign keys are off for the whole run, switched before its first
 * transaction, and every commit is preceded by `foreign_key_check`: a reference
 * the run broke fails the run, which rolls back. References already broken
 * before the run are left to their owner. The setting is restored at the end.
 *
 * With foreign keys off, ON DELETE CASCADE / SET NULL do not fire inside a run:
 * a data migration that deletes referenced rows must delete or update the rows
 * that refer to them itself, or the check fails naming them.
 */
class SqliteRunGuard implements RunGuard {
  readonly #offline: boolean;
  /** The hooks act: the connection was outside a transaction when the run began. */
  #active = false;
  /** Foreign keys were on and were switched off for the run. */
  #switched = false;
  #before = new Set<string>();
  /** The check itself failed before the run (a key naming a column without a unique key): the same failure later is not the run's. */
  #beforeError: string | undefined;

  constructor(offline: boolean) {
    this.#offline = offline;
  }

  async beforeRun(connection: Connection): Promise<void> {
    if (this.#offline) return this.#beforeScript(connection);
    // A transaction the caller owns: the setting cannot change, and batch refuses
    // to copy a referenced table while foreign keys are on (src/dialects/sqlite/batch.ts).
    if (connection.inTransaction) return;
    const on = Number(firstValue((await connection.execute("PRAGMA foreign_keys")).rows)) === 1;
    if (on) {
      await connection.execute("PRAGMA foreign_keys = OFF");
      this.#switched = true;
      if (Number(firstValue((await connection.execute("PRAGMA foreign_keys")).rows)) !== 0) {
        throw new AthanorError("SQLite did not switch foreign keys off for the migration run", {
          hint: "the connection's driver keeps them on; open it without a transaction in progress and without foreign_keys forced on",
        });
      }
    }
    this.#active = true;
    try {
      this.#before = new Set((await connection.execute(VIOLATIONS)).rows.map(keyOf));
    } catch (error) {
      this.#beforeError = reasonOf(error);
    }
  }

  async beforeCommit(connection: Connection): Promise<void> {
    if (this.#offline) return this.#checkInScript(connection);
    if (!this.#active) return;
    let rows: readonly Record<string, unknown>[];
    try {
      rows = (await connection.execute(VIOLATIONS)).rows;
    } catch (error) {
      if (reasonOf(error) === this.#beforeError) return;
      throw new AthanorError(`Foreign keys no longer fit the tables they refer to: ${reasonOf(error)}`, {
        hint: "a foreign key names a column the run dropped, renamed or made non-unique: change that foreign key in the same run",
        cause: error,
      });
    }
    const broken = rows.filter((row) => !this.#before.has(keyOf(row)));
    if (broken.length === 0) return;
    const shown = broken.slice(0, 5).map(describeRow).join(", ");
    const more = broken.length > 5 ? `, and ${broken.length - 5} more` : "";
    throw new AthanorError(
      `The run leaves ${broken.length} row${broken.length === 1 ? "" : "s"} referring to rows that do not exist: ${shown}${more}`,
      {
        hint: connection.inTransaction
          ? "the transaction was rolled back. SQLite migrations run with foreign keys off, so ON DELETE CASCADE and SET NULL do not fire: delete or update the referring rows in the migration first"
          : "these statements ran outside a transaction (transactional = false) and stay applied: fix the referring rows by hand",
      },
    );
  }

  async afterRun(connection: Connection): Promise<void> {
    if (this.#offline) return this.#endScript(connection);
    const switched = this.#switched;
    this.#active = false;
    this.#switched = false;
    this.#before = new Set();
    this.#beforeError = undefined;
    if (switched) await connection.execute("PRAGMA foreign_keys = ON");
  }

  /** The script's start, before its first BEGIN. */
  async #beforeScript(connection: Connection): Promise<void> {
    await connection.execute(
      [
        "-- SQLite cannot switch foreign keys inside a transaction, and with them on, dropping a table",
        "-- others refer to (batch move and copy) fires their ON DELETE actions: they are off for the",
        "-- whole script, and a check before each COMMIT rolls back a transaction that broke a reference.",
        "-- Run with `sqlite3 -bail` (3.37 or later), so that the first error stops the script.",
        "PRAGMA foreign_keys = OFF",
      ].join("\n"),
    );
    await connection.execute(
      `-- References already broken before this script: the checks leave them to their owner\nCREATE TEMP TABLE IF NOT EXISTS ${BEFORE.slice("temp.".length)} (db TEXT, child TEXT, child_rowid INTEGER, parent TEXT, fkid INTEGER)`,
    );
    await connection.execute(`DELETE FROM ${BEFORE}`);
    await connection.execute(`INSERT INTO ${BEFORE} ${VIOLATIONS}`);
    await connection.execute(
      `CREATE TEMP TABLE IF NOT EXISTS ${CHECK_TABLE.slice("temp.".length)} (violations INTEGER CONSTRAINT athanor_foreign_key_violations CHECK (violations = 0))`,
    );
  }

  /** Before a COMMIT of the script: list broken references, then fail (and roll back) if there are any. */
  async #checkInScript(connection: Connection): Promise<void> {
    await connection.execute(`-- References this script broke (none, unless the check below fails)\nSELECT 'broken foreign key' AS problem, * FROM (${NEW_VIOLATIONS}) LIMIT 5`);
    await connection.execute(
      [
        '-- Fails with "CHECK constraint failed: athanor_foreign_key_violations" when a reference is',
        "-- broken; OR ROLLBACK rolls the transaction back, so nothing of it is committed.",
        `INSERT OR ROLLBACK INTO ${CHECK_TABLE} (violations) SELECT count(*) FROM (${NEW_VIOLATIONS})`,
      ].join("\n"),
    );
  }

  /** The script's end. */
  async #endScript(connection: Connection): Promise<void> {
    await connection.execute(
      [
        "-- Foreign keys on again. A script cannot read the session's setting back to restore it;",
        "-- on is what the schema declares, and the checks above found every reference intact.",
        "-- A session that must keep them off switches them off after this script.",
        "PRAGMA foreign_keys = ON",
      ].join("\n"),
    );
  }
}

/** A fresh guard for one SQLite run (see `RunGuard` in src/dialects/contract/run-guard.ts). */
export function sqliteRunGuard(options: { readonly offline: boolean }): RunGuard {
  return new SqliteRunGuard(options.offline);
}
