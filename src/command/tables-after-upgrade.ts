import { applyBatch } from "../operations/batch/apply-to-table.js";
import type { AnyOperation } from "../operations/index.js";
import type { Table } from "../schema/model.js";

/** Operations that change one existing table and that a batch applies to its model. */
const TABLE_LEVEL = new Set(["addColumn", "dropColumn", "alterColumn", "createIndex", "dropIndex", "addConstraint", "dropConstraint", "tableComment", "alterTableOptions"]);

/** Operations after which the table is not the one the downgrade meets under that name. */
const REPLACING = new Set(["createTable", "dropTable", "renameTable"]);

function key(name: string, schema: string | undefined): string {
  return JSON.stringify([schema ?? null, name]);
}

/**
 * The reflected tables as the upgrade leaves them: each one's table-level
 * operations applied to its model, as a batch would. They are what the
 * downgrade's batch blocks carry as `copyFrom`. A table the upgrade creates,
 * drops or renames, or whose operations cannot be applied to the model, is left
 * out (its block reads the database online, and says so offline).
 */
export function tablesAfterUpgrade(reflected: readonly Table[], upgradeOps: readonly AnyOperation[]): Table[] {
  const byTable = new Map<string, AnyOperation[]>();
  const replaced = new Set<string>();
  for (const operation of upgradeOps) {
    const o = operation as { kind: string; table?: unknown; name?: unknown; newName?: unknown; schema?: unknown };
    const schema = typeof o.schema === "string" ? o.schema : undefined;
    if (REPLACING.has(o.kind)) {
      const names = [typeof o.table === "object" && o.table !== null ? (o.table as Table).name : o.table, o.name, o.newName];
      for (const name of names) if (typeof name === "string") replaced.add(key(name, schema));
      continue;
    }
    if (!TABLE_LEVEL.has(o.kind) || typeof o.table !== "string") continue;
    const k = key(o.table, schema);
    byTable.set(k, [...(byTable.get(k) ?? []), operation]);
  }
  const out: Table[] = [];
  for (const table of reflected) {
    const k = key(table.name, table.schema);
    if (replaced.has(k)) continue;
    const operations = byTable.get(k);
    if (operations === undefined) {
      out.push(table);
      continue;
    }
    try {
      out.push(applyBatch(table, operations.map((operation) => ({ operation: operation as never }))).table);
    } catch {
      // not expressible on the model: no copyFrom for this table
    }
  }
  return out;
}
