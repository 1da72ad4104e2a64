import { tableLabel } from "../describe.js";
import type { LintRule } from "../types.js";

/** Rules for constraints added to tables that may already hold rows breaking them. */
export const dataDependentRules: readonly LintRule[] = [
  {
    id: "add-unique",
    severity: "warning",
    group: "data-dependent",
    databases: "all",
    summary: "adds a unique constraint or index to an existing table (fails on duplicate rows)",
    fix: "look for duplicates first (GROUP BY ... HAVING count(*) > 1) and resolve them in an earlier revision; on PostgreSQL create the unique index CONCURRENTLY, then add the constraint USING INDEX",
    check: ({ operation: op }, context) => {
      if (op.kind === "createIndex" && op.index.unique && context.existing(op.table, op.schema)) return [`unique index ${op.index.name} on ${tableLabel(op.table, op.schema)} fails if the table holds duplicates`];
      if (op.kind === "addConstraint" && op.constraint.type === "unique" && context.existing(op.table, op.schema)) {
        return [`unique constraint ${op.constraint.name ?? "(unnamed)"} on ${tableLabel(op.table, op.schema)} (${op.constraint.columns.join(", ")}) fails if the table holds duplicates`];
      }
      return [];
    },
  },
  {
    id: "add-check",
    severity: "warning",
    group: "data-dependent",
    databases: "all",
    summary: "adds a CHECK constraint to an existing table (fails on rows that break it)",
    fix: "fix the rows that break the condition first; on PostgreSQL add it NOT VALID and VALIDATE CONSTRAINT in a later revision (raw SQL with op.execute)",
    check: ({ operation: op }, context) =>
      op.kind === "addConstraint" && op.constraint.type === "check" && context.existing(op.table, op.schema)
        ? [`check constraint ${op.constraint.name ?? "(unnamed)"} on ${tableLabel(op.table, op.schema)} fails if a row breaks (${op.constraint.sql})`]
        : [],
  },
  {
    id: "add-foreign-key",
    severity: "warning",
    group: "data-dependent",
    databases: "all",
    summary: "adds a foreign key to an existing table (fails on rows pointing at nothing)",
    fix: "delete or repair the orphan rows first (a LEFT JOIN on the referenced table finds them)",
    check: ({ operation: op }, context) =>
      op.kind === "addConstraint" && op.constraint.type === "foreignkey" && context.existing(op.table, op.schema)
        ? [`foreign key ${op.constraint.name ?? "(unnamed)"} from ${tableLabel(op.table, op.schema)} (${op.constraint.columns.join(", ")}) to ${op.constraint.refTable} fails if a row points at no ${op.constraint.refTable} row`]
        : [],
  },
];
