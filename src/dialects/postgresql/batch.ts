import type { BatchSupport } from "../contract/index.js";
import type { Connection } from "../contract/index.js";
import { quoteWith } from "../literal.js";
import { checkIdentifierLength } from "./identifier-length.js";

const quote = (name: string): string => quoteWith(checkIdentifierLength(name), '"', "PostgreSQL");

/**
 * Batch mode on PostgreSQL. Every operation has an ALTER form, so `auto` never
 * recreates. When a recreate is asked for: primary key and unique constraints
 * are named by their indexes, whose names the schema holds once, so the old
 * table's are dropped first; other tables' foreign keys refer to the table
 * itself, not its name, so they are dropped and created again. After the copy,
 * the sequences of serial and identity columns continue after the copied rows.
 *
 * @example
 * ```ts
 * postgresqlBatch.requiresRecreate([{ kind: "dropColumn", table: "t", name: "a" }]); // false
 * ```
 */
export const postgresqlBatch: BatchSupport = {
  alterInPlace: true,
  copyOverride: (table) => (table.columns.some((c) => c.identity?.always === true) ? "OVERRIDING SYSTEM VALUE" : undefined),
  requiresRecreate: () => false,
  schemaWideConstraintNames: ["primary", "unique"],
  referencesSurviveRecreate: false,
  async afterCopy(connection: Connection, table: { readonly name: string; readonly schema?: string }, _token: unknown, failed: boolean): Promise<void> {
    if (failed) return;
    const qualified = table.schema ? `${quote(table.schema)}.${quote(table.name)}` : quote(table.name);
    const owned = await connection.execute(
      `SELECT a.attname AS column, d.objid::regclass::text AS sequence
       FROM pg_catalog.pg_depend d
       JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
       WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
         AND d.refobjid = $1::regclass AND d.deptype IN ('a', 'i')`,
      [qualified],
    );
    for (const row of owned.rows) {
      const column = quote(String(row.column));
      await connection.execute(
        `SELECT setval($1::regclass, COALESCE((SELECT MAX(${column}) FROM ${qualified}), 0) + 1, false)`,
        [String(row.sequence)],
      );
    }
  },
};
