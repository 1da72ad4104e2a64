import type { BatchSupport } from "../contract/index.js";
import type { Connection } from "../contract/index.js";

/**
 * Batch mode on MySQL/MariaDB. Every operation has an ALTER form, so `auto`
 * never recreates. When a recreate is asked for: foreign key and check names
 * are unique in the whole database (InnoDB), so the old table's are dropped
 * before the copy takes them; other tables' foreign keys follow the table's
 * renames, so they are dropped and created again; foreign key checks are off
 * during the copy so rows referring to rows of the same table copy in any order.
 * Offline, other tables' foreign keys cannot be read: with checks off, MySQL lets
 * the table they name be dropped and binds them again, by name, to the copy
 * renamed into its place.
 */
/** Where an offline script keeps the session's FOREIGN_KEY_CHECKS during a copy. */
const SAVED_CHECKS = "@athanor_saved_foreign_key_checks";

export const mysqlBatch: BatchSupport = Object.freeze({
  alterInPlace: true,
  requiresRecreate: (): boolean => false,
  schemaWideConstraintNames: ["foreignkey", "check"] as const,
  referencesSurviveRecreate: false,
  async beforeCopy(connection: Connection, options: { readonly offline: boolean }): Promise<number | "script"> {
    if (options.offline) {
      // A script cannot read the session's setting: it keeps it in a variable.
      await connection.execute(`SET ${SAVED_CHECKS} = @@FOREIGN_KEY_CHECKS`);
      await connection.execute("SET FOREIGN_KEY_CHECKS = 0");
      return "script";
    }
    const result = await connection.execute("SELECT @@FOREIGN_KEY_CHECKS AS checks");
    const checks = Number(Object.values(result.rows[0] ?? { checks: 1 })[0]);
    await connection.execute("SET FOREIGN_KEY_CHECKS = 0");
    return checks;
  },
  async afterCopy(connection: Connection, _table: { readonly name: string; readonly schema?: string }, token: unknown): Promise<void> {
    if (token === "script") {
      await connection.execute(`SET FOREIGN_KEY_CHECKS = ${SAVED_CHECKS}`);
      return;
    }
    await connection.execute(`SET FOREIGN_KEY_CHECKS = ${Number(token) === 0 ? 0 : 1}`);
  },
});
