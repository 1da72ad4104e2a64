import type { Table } from "../../schema/model.js";
import type { Connection } from "./connection.js";
import type { Constraint, SchemaOperation } from "./schema-operations.js";

/**
 * What a database tells batch mode (`op.batchAlterTable`) about itself. The
 * move-and-copy algorithm is the same everywhere; these hooks carry what
 * differs.
 */
export interface BatchSupport {
  /**
   * Whether ALTER TABLE changes most things in place. When not (SQLite, which
   * must copy a table to change a column or constraint), autogenerate writes a
   * table's changes inside `op.batchAlterTable` by default.
   */
  readonly alterInPlace: boolean;
  /** Whether the queued operations need move and copy under `recreate: "auto"` (SQLite: any but addColumn/createIndex/dropIndex). */
  requiresRecreate(operations: readonly SchemaOperation[]): boolean;
  /**
   * Constraint kinds whose names are unique in the whole schema, so the old
   * table's must be dropped before the new table takes the same names
   * (PostgreSQL: primary and unique, named by their indexes; MySQL: foreign keys).
   */
  readonly schemaWideConstraintNames?: readonly Constraint["type"][];
  /**
   * Whether foreign keys of other tables that point at the table keep working
   * after it is dropped and the copy renamed to its name (SQLite: they refer by
   * name). When not, batch drops them before and creates them again after.
   */
  readonly referencesSurviveRecreate?: boolean;
  /**
   * Words placed between the column list and the SELECT of the copy's INSERT
   * for the new table (PostgreSQL: `OVERRIDING SYSTEM VALUE` when a column is
   * `GENERATED ALWAYS AS IDENTITY`, whose values are copied as they are).
   */
  copyOverride?(table: Table): string | undefined;
  /**
   * Prepare the connection for the copy (SQLite: read the table's triggers;
   * outside any transaction, open one for the copy). It never commits a
   * transaction it did not open; it throws instead when the copy cannot be done
   * safely inside it. The value returned is handed to `afterCopy`. Offline
   * (`--sql`) the connection writes what the hook executes, and `afterCopy` runs
   * only when `beforeCopy` returned a value.
   */
  beforeCopy?(connection: Connection, options: { readonly offline: boolean; readonly table: { readonly name: string; readonly schema?: string } }): Promise<unknown>;
  /**
   * After the copy, successful or not (`failed`): check that every foreign key
   * still holds (SQLite: `PRAGMA foreign_key_check`, throwing an AthanorError
   * naming the rows) and restore what `beforeCopy` changed.
   */
  afterCopy?(connection: Connection, table: { readonly name: string; readonly schema?: string }, token: unknown, failed: boolean): Promise<void>;
}
