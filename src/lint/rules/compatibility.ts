import { tableLabel } from "../describe.js";
import type { LintRule } from "../types.js";

/** Rules for operations that break code still running the previous release. */
export const compatibilityRules: readonly LintRule[] = [
  {
    id: "rename-table",
    severity: "warning",
    group: "backward-incompatible",
    databases: "all",
    summary: "renames a table that the running release still names",
    fix: "create the new table (or a view under the old name), write to both, move readers over, and drop the old name in a later release",
    check: ({ operation: op }, context) =>
      op.kind === "renameTable" && context.existing(op.name, op.schema)
        ? [`renaming table ${tableLabel(op.name, op.schema)} to ${op.newName} breaks code that still uses the old name`]
        : [],
  },
  {
    id: "rename-column",
    severity: "warning",
    group: "backward-incompatible",
    databases: "all",
    summary: "renames a column that the running release still names",
    fix: "add the new column, write to both and copy the values, move readers over, and drop the old column in a later release",
    check: ({ operation: op }, context) =>
      op.kind === "alterColumn" && op.changes.newName !== undefined && op.changes.newName !== op.name && context.existing(op.table, op.schema)
        ? [`renaming column ${tableLabel(op.table, op.schema)}.${op.name} to ${op.changes.newName} breaks code that still uses the old name`]
        : [],
  },
];
