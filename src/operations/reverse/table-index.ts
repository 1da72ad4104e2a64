import type { CreateIndex, DropIndex } from "../../dialects/contract/index.js";
import { operation } from "../operation.js";
import { notReversible } from "./not-reversible.js";

/** An index created is dropped again, the drop remembering the index. */
export function reverseCreateIndex(create: CreateIndex): DropIndex {
  return operation("dropIndex", {
    name: create.index.name,
    table: create.table,
    schema: create.schema,
    ifExists: create.ifNotExists,
    concurrently: create.concurrently,
    index: create.index,
  });
}

/** A dropped index is created again, when the drop carries the index and its table. */
export function reverseDropIndex(drop: DropIndex): CreateIndex {
  if (drop.index === undefined || drop.table === undefined) {
    throw notReversible(`dropIndex("${drop.name}")`, drop.table === undefined ? "its table is unknown" : "the index's definition is unknown", "give the drop the table and the index as it was");
  }
  return operation("createIndex", { table: drop.table, schema: drop.schema, index: drop.index, ifNotExists: drop.ifExists, concurrently: drop.concurrently });
}
