import type { BatchSupport } from "../contract/index.js";
import type { SchemaOperation } from "../contract/index.js";
import { AthanorError } from "../../util/errors.js";
import type { Connection } from "../contract/index.js";
import { namesInQuery } from "../../schema/view.js";

/** What `beforeCopy` changed, for `afterCopy` to check and undo. */
interface CopyState {
  /** The connection was outside any transaction: the copy runs in a transaction of its own, committed or rolled back by `afterCopy`. */
  readonly ownTransaction: boolean;
  /** Foreign keys were on and were switched off for that transaction (only possible outside a transaction). */
  readonly foreignKeysSwitched: boolean;
  readonly legacyAlterTable: number;
  /** The table's triggers, which DROP TABLE drops with it: created again on the copy. */
  readonly triggers: readonly { readonly name: string; readonly sql: string }[];
  /** An offline script: only `legacy_alter_table` is switched (on for the copy, back to its default after). */
  readonly offline?: boolean;
}

/** A view of the table's database that reads the table (by name) and cannot read it any more, with why. */
async function brokenView(connection: Connection, table: { readonly name: string; readonly schema?: string }): Promise<{ readonly name: string; readonly error: unknown } | undefined> {
  const schema = connection.dialect.quoteIdentifier(table.schema ?? "main");
  const views = (await connection.execute(`SELECT name, sql FROM ${schema}.sqlite_master WHERE type = 'view' ORDER BY name`)).rows;
  for (const row of views) {
    if (!namesInQuery(String(row["sql"] ?? "")).has(table.name.toLowerCase())) continue;
    const name = String(row["name"]);
    try {
      await connection.execute(`SELECT 1 FROM ${schema}.${connection.dialect.quoteIdentifier(name)} LIMIT 0`);
    } catch (error) {
      return { name, error };
    }
  }
  return undefined;
}

function firstValue(rows: readonly Record<string, unknown>[]): unknown {
  const row = rows[0];
  return row === undefined ? undefined : Object.values(row)[0];
}

/**
 * Whether a foreign key points at the table: another table's, or its own (the
 * copy refers to the old table by name, so dropping the old table with foreign
 * keys on would leave the copy's self-references dangling).
 */
async function referencedByOthers(connection: Connection, table: { readonly name: string; readonly schema?: string }): Promise<boolean> {
  const schema = connection.dialect.quoteIdentifier(table.schema ?? "main");
  const result = await connection.execute(
    `SELECT 1 AS found FROM ${schema}.sqlite_master AS m, pragma_foreign_key_list(m.name, ?) AS f
     WHERE m.type = 'table' AND lower(f."table") = lower(?) LIMIT 1`,
    [table.schema ?? "main", table.name],
  );
  return result.rows.length > 0;
}

/**
 * STRICT and WITHOUT ROWID are not in the table model, so a copy would lose
 * them; refuse before anything changes rather than change the table's nature.
 */
async function refuseTableOptions(connection: Connection, table: { readonly name: string; readonly schema?: string }): Promise<void> {
  const schema = connection.dialect.quoteIdentifier(table.schema ?? "main");
  const row = (await connection.execute(`SELECT sql FROM ${schema}.sqlite_master WHERE type = 'table' AND lower(name) = lower(?)`, [table.name])).rows[0];
  const sql = typeof row?.["sql"] === "string" ? row["sql"] : "";
  const tail = sql.slice(sql.lastIndexOf(")") + 1);
  const lost = [/\bstrict\b/i.test(tail) ? "STRICT" : undefined, /\bwithout\s+rowid\b/i.test(tail) ? "WITHOUT ROWID" : undefined].filter((x) => x !== undefined);
  if (lost.length > 0) {
    throw new AthanorError(`batchAlterTable("${table.name}"): the table is ${lost.join(" and ")}, which move and copy cannot keep yet`, {
      hint: "recreate the table by hand with op.execute (CREATE TABLE ... with the change, INSERT ... SELECT, DROP TABLE, ALTER TABLE ... RENAME TO)",
    });
  }
}

/** Operations SQLite's ALTER TABLE does itself (as the DDL compiler accepts them); anything else needs move and copy. */
function alterable(operation: SchemaOperation): boolean {
  if (operation.kind === "createIndex" || operation.kind === "dropIndex") return true;
  if (operation.kind !== "addColumn") return false;
  const column = operation.column;
  if (operation.ifNotExists || column.autoincrement === true || column.identity !== undefined) return false;
  if (column.computed !== undefined) return !column.computed.stored;
  // ADD COLUMN takes only constant defaults, and a NOT NULL column needs one for the rows already there.
  if (column.serverDefault?.kind === "sql") return false;
  const hasDefault = column.serverDefault !== undefined && column.serverDefault.value !== null;
  return column.nullable || hasDefault;
}

/**
 * Batch mode on SQLite. With foreign keys on, `DROP TABLE` of a table others
 * refer to deletes every row first and fires their ON DELETE actions
 * (cascading into the tables that refer to them), and `PRAGMA foreign_keys`
 * cannot change inside a transaction. A migration run therefore switches them
 * off before its first transaction (src/dialects/sqlite/run-guard.ts), and the
 * copy runs inside the run's transaction. The copy never commits a transaction
 * it did not open: inside a transaction someone else opened with foreign keys
 * on, copying a referenced table is refused. Outside any transaction the copy
 * opens one of its own (foreign keys off for it when they were on). Either way
 * `PRAGMA foreign_key_check` on the table follows the copy, so a broken
 * reference fails at once, naming the rows. `legacy_alter_table` keeps the
 * rename from re-checking views and triggers that name the table while it is
 * briefly missing.
 */
export const sqliteBatch: BatchSupport = Object.freeze({
  // ALTER TABLE cannot change a column or constraint: changes go through move and copy.
  alterInPlace: false,
  requiresRecreate(operations: readonly SchemaOperation[]): boolean {
    return !operations.every(alterable);
  },
  schemaWideConstraintNames: [],
  referencesSurviveRecreate: true,

  async beforeCopy(
    connection: Connection,
    options: { readonly offline: boolean; readonly table: { readonly name: string; readonly schema?: string } },
  ): Promise<CopyState | undefined> {
    // The views that read the table name it while it is briefly missing: the rename must not check them.
    if (options.offline) {
      await connection.execute("PRAGMA legacy_alter_table = ON");
      return { offline: true, ownTransaction: false, foreignKeysSwitched: false, legacyAlterTable: 0, triggers: [] };
    }
    await refuseTableOptions(connection, options.table);
    const enforced = Number(firstValue((await connection.execute("PRAGMA foreign_keys")).rows)) === 1;
    // Only a table foreign keys refer to loses rows (and theirs) when dropped with foreign keys on.
    const endangered = enforced && (await referencedByOthers(connection, options.table));
    const ownTransaction = !connection.inTransaction;
    if (endangered && !ownTransaction) {
      throw new AthanorError(
        `batchAlterTable("${options.table.name}") must copy a table other tables' foreign keys refer to, and foreign keys are on inside a transaction athanor did not open: dropping the old table would fire their ON DELETE actions`,
        {
          hint: "run PRAGMA foreign_keys = OFF on the connection before its transaction begins, or pass a connection that is not inside a transaction so the run switches them off itself",
        },
      );
    }
    const legacyAlterTable = Number(firstValue((await connection.execute("PRAGMA legacy_alter_table")).rows) ?? 0);
    const schema = connection.dialect.quoteIdentifier(options.table.schema ?? "main");
    const triggers = (
      await connection.execute(`SELECT name, sql FROM ${schema}.sqlite_master WHERE type = 'trigger' AND lower(tbl_name) = lower(?) ORDER BY name`, [options.table.name])
    ).rows.map((r) => ({ name: String(r["name"]), sql: String(r["sql"]) }));
    if (endangered) await connection.execute("PRAGMA foreign_keys = OFF");
    if (ownTransaction) await connection.begin();
    await connection.execute("PRAGMA legacy_alter_table = ON");
    return { ownTransaction, foreignKeysSwitched: endangered, legacyAlterTable, triggers };
  },

  async afterCopy(
    connection: Connection,
    table: { readonly name: string; readonly schema?: string },
    token: unknown,
    failed: boolean,
  ): Promise<void> {
    const state = token as CopyState | undefined;
    if (state === undefined) return;
    if (state.offline === true) {
      await connection.execute("PRAGMA legacy_alter_table = OFF");
      return;
    }
    let violations: Record<string, unknown>[] = [];
    let triggerError: { readonly name: string; readonly error: unknown } | undefined;
    let viewError: { readonly name: string; readonly error: unknown } | undefined;
    // foreign_key_check itself fails ("foreign key mismatch") when another table's
    // key names a column the copy renamed or dropped: that too undoes the copy.
    let checkError: unknown;
    try {
      if (!failed) {
        for (const trigger of state.triggers) {
          try {
            // A trigger's text names the table by name; its CREATE goes to the table's own database.
            await connection.execute(trigger.sql);
          } catch (error) {
            triggerError = { name: trigger.name, error };
            break;
          }
        }
      }
      if (!failed && triggerError === undefined) viewError = await brokenView(connection, table);
      await connection.execute(`PRAGMA legacy_alter_table = ${state.legacyAlterTable ? "ON" : "OFF"}`);
      if (!failed && triggerError === undefined && viewError === undefined) {
        const pragma = table.schema === undefined ? "PRAGMA foreign_key_check" : `PRAGMA ${connection.dialect.quoteIdentifier(table.schema)}.foreign_key_check`;
        try {
          const rows = (await connection.execute(pragma)).rows;
          violations = rows.filter((r) => r["table"] === table.name || r["parent"] === table.name);
        } catch (error) {
          checkError = error;
        }
      }
    } finally {
      if (state.ownTransaction) {
        if (failed || violations.length > 0 || triggerError !== undefined || viewError !== undefined || checkError !== undefined) await connection.rollback();
        else await connection.commit();
      }
      if (state.foreignKeysSwitched) await connection.execute("PRAGMA foreign_keys = ON");
    }
    if (triggerError !== undefined) {
      const reason = triggerError.error instanceof Error ? triggerError.error.message : String(triggerError.error);
      throw new AthanorError(`Batch copy of "${table.name}": its trigger "${triggerError.name}" cannot be created again on the new table: ${reason}`, {
        hint: "drop the trigger before the batch (op.execute) and create it again after, fitted to the new columns",
      });
    }
    if (viewError !== undefined) {
      const reason = viewError.error instanceof Error ? viewError.error.message : String(viewError.error);
      throw new AthanorError(`Batch copy of "${table.name}": the view "${viewError.name}" cannot read the new table: ${reason}`, {
        hint: "drop the view before the batch (op.dropView) and create it again after, fitted to the new columns",
      });
    }
    if (checkError !== undefined) {
      const reason = checkError instanceof Error ? checkError.message : String(checkError);
      throw new AthanorError(`Batch copy of "${table.name}" leaves foreign keys that no longer fit it: ${reason}`, {
        hint: "another table's foreign key names a column the batch renamed or dropped (or whose unique key it removed): change that foreign key first",
        cause: checkError,
      });
    }
    if (violations.length > 0) {
      const shown = violations.slice(0, 5).map((r) => `${String(r["table"])} rowid ${String(r["rowid"])} → ${String(r["parent"])}`);
      throw new AthanorError(
        `Batch copy of "${table.name}" breaks ${violations.length} foreign key reference${violations.length === 1 ? "" : "s"}: ${shown.join(", ")}${violations.length > 5 ? ", ..." : ""}`,
        { hint: state.ownTransaction ? "the copy was rolled back; fix the rows (or the changed key) and run again" : "fix the rows the references point from, or the changed key, and run again" },
      );
    }
  },
});
