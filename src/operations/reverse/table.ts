import type { CreateTable, DropTable, RenameTable, TableComment } from "../../dialects/contract/index.js";
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

/** A table comment set or dropped is restored to `existingComment`; a drop without it cannot be reversed. */
export function reverseTableComment(change: TableComment): TableComment {
  if (change.existingComment === undefined && change.comment === null) {
    throw notReversible(`dropTableComment("${change.table}")`, "the comment it removes is unknown", "pass existingComment");
  }
  return operation("tableComment", { table: change.table, schema: change.schema, comment: change.existingComment ?? null, existingComment: change.comment });
}
