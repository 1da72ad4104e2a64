import type { AlterTableOptions, CreateTable, DropTable, RenameTable, TableComment } from "../../dialects/contract/index.js";
import { operation } from "../operation.js";
import { notReversible } from "./not-reversible.js";

/** A table created is dropped again, the drop remembering the whole table. */
export function reverseCreateTable(create: CreateTable): DropTable {
  return operation("dropTable", { name: create.table.name, schema: create.table.schema, ifExists: create.ifNotExists, table: create.table });
}

/** A dropped table is created again, when the drop carries the whole table (as autogenerate's drops do). */
export function reverseDropTable(drop: DropTable): CreateTable {
  if (drop.table === undefined) {
    throw notReversible(`dropTable("${drop.name}")`, "the table's definition is unknown", "give the drop the whole table so the downgrade can create it again");
  }
  return operation("createTable", { table: drop.table, ifNotExists: drop.ifExists });
}

/** A renamed table is renamed back. */
export function reverseRenameTable(rename: RenameTable): RenameTable {
  return operation("renameTable", { name: rename.newName, newName: rename.name, schema: rename.schema });
}

/** Changed table options are set back to `existing`, which must hold every key changed. */
export function reverseAlterTableOptions(change: AlterTableOptions): AlterTableOptions {
  const existing = change.existing ?? {};
  for (const [dialect, bag] of Object.entries(change.options)) {
    const missing = Object.keys(bag).filter((key) => bag[key] !== undefined && existing[dialect]?.[key] === undefined);
    if (missing.length > 0) {
      throw notReversible(
        `alterTableOptions("${change.table}")`,
        `its ${dialect} ${missing.join(", ")} before the change ${missing.length === 1 ? "is" : "are"} unknown`,
        "pass existing with the same keys so the downgrade can restore them",
      );
    }
  }
  return operation("alterTableOptions", { table: change.table, schema: change.schema, options: existing, existing: change.options });
}

/** A table comment set or dropped is restored to `existingComment`; a drop without it cannot be reversed. */
export function reverseTableComment(change: TableComment): TableComment {
  if (change.existingComment === undefined && change.comment === null) {
    throw notReversible(`dropTableComment("${change.table}")`, "the comment it removes is unknown", "pass existingComment");
  }
  return operation("tableComment", { table: change.table, schema: change.schema, comment: change.existingComment ?? null, existingComment: change.comment });
}
