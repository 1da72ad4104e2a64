import type { Column } from "../../schema/model.js";
import { tableLabel } from "../describe.js";
import type { LintRule } from "../types.js";
import { narrows, typeText } from "./column-types.js";

/** A column gets its value from somewhere when a row has none: a default, a generated expression, an identity. */
export function columnFillsItself(column: Column): boolean {
  return column.serverDefault !== undefined || column.computed !== undefined || column.identity !== undefined || column.autoincrement === true;
}

/** Rules for operations that delete data or make values fail. */
export const destructiveRules: readonly LintRule[] = [
  {
    id: "drop-table",
    severity: "error",
    group: "destructive",
    databases: "all",
    summary: "drops a table and every row in it",
    fix: "stop reading and writing the table in a release first, back its rows up, then drop it in a later revision (and suppress with the reason)",
    check: ({ operation: op }) => (op.kind === "dropTable" ? [`dropping table ${tableLabel(op.name, op.schema)} deletes its rows`] : []),
  },
  {
    id: "drop-column",
    severity: "error",
    group: "destructive",
    databases: "all",
    summary: "drops a column and its values",
    fix: "stop reading the column in a release first (code still running the old release fails), back it up, then drop it in a later revision",
    check: ({ operation: op }, context) =>
      op.kind === "dropColumn" && context.existing(op.table, op.schema)
        ? [`dropping column ${tableLabel(op.table, op.schema)}.${op.name} deletes its values and breaks code that still reads it`]
        : [],
  },
  {
    id: "drop-enum-value",
    severity: "error",
    group: "destructive",
    databases: "all",
    summary: "removes a value from an enum type (fails while a row holds it)",
    fix: "update the rows holding the value to another one first, in the same or an earlier revision, and stop writing it",
    check: ({ operation: op }) =>
      op.kind === "dropEnumValue" ? [`removing value '${op.value}' from enum ${tableLabel(op.name, op.schema)} fails on rows that hold it`] : [],
  },
  {
    id: "narrow-type",
    severity: "error",
    group: "destructive",
    databases: "all",
    summary: "changes a column to a type that holds less (shorter, smaller, fewer values) or an unrelated one",
    fix: "check the longest value first (or add a new column, copy with a conversion you check, and switch over); give existingType so the change can be judged",
    check: ({ operation: op }, context) => {
      if (op.kind !== "alterColumn" || op.changes.type === undefined || !context.existing(op.table, op.schema)) return [];
      const where = `${tableLabel(op.table, op.schema)}.${op.name}`;
      const from = op.existing.type;
      if (from === undefined) {
        return [`changing the type of ${where} to ${typeText(op.changes.type)} without existingType: whether it narrows cannot be told`];
      }
      return narrows(from, op.changes.type)
        ? [`changing ${where} from ${typeText(from)} to ${typeText(op.changes.type)} can fail on or cut values the column holds`]
        : [];
    },
  },
  {
    id: "drop-not-null-default",
    severity: "warning",
    group: "destructive",
    databases: "all",
    summary: "removes the default of a NOT NULL column (inserts that leave the column out start failing)",
    fix: "keep the default until no release inserts rows without the column, then drop it in a later revision",
    check: ({ operation: op }, context) =>
      op.kind === "alterColumn" &&
      op.changes.serverDefault === null &&
      (op.changes.nullable ?? op.existing.nullable) === false &&
      context.existing(op.table, op.schema)
        ? [`removing the default of NOT NULL column ${tableLabel(op.table, op.schema)}.${op.name} makes inserts that leave it out fail`]
        : [],
  },
  {
    id: "set-not-null-no-default",
    severity: "error",
    group: "destructive",
    databases: "all",
    summary: "makes a column NOT NULL (or adds a NOT NULL column) on an existing table with no default",
    fix: "add the column nullable (or with a server default), fill every row, then set NOT NULL in a later revision",
    check: ({ operation: op }, context) => {
      if (op.kind === "addColumn" && context.existing(op.table, op.schema) && !op.column.nullable && !columnFillsItself(op.column)) {
        return [`adding NOT NULL column ${tableLabel(op.table, op.schema)}.${op.column.name} without a default fails on a table that has rows`];
      }
      if (op.kind === "alterColumn" && op.changes.nullable === false && op.existing.nullable !== false && context.existing(op.table, op.schema)) {
        const hasDefault = (op.changes.serverDefault ?? op.existing.serverDefault ?? null) !== null;
        if (!hasDefault) return [`setting ${tableLabel(op.table, op.schema)}.${op.name} NOT NULL fails while a row holds NULL, and nothing fills new rows`];
      }
      return [];
    },
  },
];
