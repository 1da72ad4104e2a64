import type { BatchSupport } from "../../operations/batch/batch-support.js";
import type { Connection } from "../types.js";

/**
 * Batch mode on MySQL/MariaDB. Every operation has an ALTER form, so `auto`
 * never recreates. When a recreate is asked for: foreign key and check names
 * are unique in the whole database (InnoDB), so the old table's are dropped
 * before the copy takes them; other tables' foreign keys follow the table's
 * renames, so they are dropped and created again; foreign key checks are off
 * during the copy so rows referring to rows of the same table copy in any order.
 */
export const mysqlBatch: BatchSupport = Object.freeze({
  requiresRecreate: (): boolean => false,
  schemaWideConstraintNames: ["foreignkey", "check"] as const,
  referencesSurviveRecreate: false,
  async beforeCopy(connection: Connection): Promise<number> {
    const result = await connection.execute("SELECT @@FOREIGN_KEY_CHECKS AS checks");
    const checks = Number(Object.values(result.rows[0] ?? { checks: 1 })[0]);
    await connection.execute("SET FOREIGN_KEY_CHECKS = 0");
    return checks;
  },
  async afterCopy(connection: Connection, _table: { readonly name: string; readonly schema?: string }, token: unknown): Promise<void> {
    await connection.execute(`SET FOREIGN_KEY_CHECKS = ${Number(token) === 0 ? 0 : 1}`);
  },
});
