import type { AddColumn, AlterColumn, ColumnChanges, DropColumn, ExistingColumn } from "../../dialects/contract/index.js";
import { operation } from "../operation.js";
import { notReversible } from "./not-reversible.js";

/** A column added is dropped again, the drop remembering the column. */
export function reverseAddColumn(add: AddColumn): DropColumn {
  return operation("dropColumn", { table: add.table, schema: add.schema, name: add.column.name, ifExists: add.ifNotExists, column: add.column });
}

/** A dropped column is added again, when the drop carries the column as it was. */
export function reverseDropColumn(drop: DropColumn): AddColumn {
  if (drop.column === undefined) {
    throw notReversible(`dropColumn("${drop.table}", "${drop.name}")`, "the column's definition is unknown", "give the drop the column as it was so the downgrade can add it again");
  }
  return operation("addColumn", { table: drop.table, schema: drop.schema, column: drop.column, ifNotExists: drop.ifExists });
}

/** What an alter may change besides the name. */
export const ALTERED_ASPECTS = ["type", "nullable", "serverDefault", "comment", "autoincrement", "identity", "collation", "onUpdate"] as const;

/**
 * An alter swaps `changes` and `existing` (and renames back); every aspect it
 * changes must be known as it was before.
 */
export function reverseAlterColumn(alter: AlterColumn): AlterColumn {
  const changes: Record<string, unknown> = {};
  const existing: Record<string, unknown> = {};
  for (const aspect of ALTERED_ASPECTS) {
    const now = alter.changes[aspect];
    const before = alter.existing[aspect];
    if (now !== undefined) {
      if (before === undefined) {
        throw notReversible(
          `alterColumn("${alter.table}", "${alter.name}")`,
          `its ${aspect} before the change is unknown`,
          `pass existing${aspect[0]!.toUpperCase()}${aspect.slice(1)} so the downgrade can restore it`,
        );
      }
      changes[aspect] = before;
      existing[aspect] = now;
    } else if (before !== undefined) {
      existing[aspect] = before;
    }
  }
  // What an alter never changes (a generated expression) is restated as it is.
  if (alter.existing.computed !== undefined) existing["computed"] = alter.existing.computed;
  if (alter.changes.newName !== undefined) changes["newName"] = alter.name;
  return operation("alterColumn", {
    table: alter.table,
    schema: alter.schema,
    name: alter.changes.newName ?? alter.name,
    changes: changes as ColumnChanges,
    existing: existing as ExistingColumn,
  });
}
