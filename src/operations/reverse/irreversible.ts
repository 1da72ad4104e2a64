import type { BulkInsert } from "../../dialects/contract/index.js";
import type { ExecuteSql } from "../operation.js";
import { notReversible } from "./not-reversible.js";

/** Never: inserted rows cannot be told from the others. */
export function reverseBulkInsert(insert: BulkInsert): never {
  throw notReversible(`bulkInsert("${insert.table}")`, "inserted rows cannot be told from the others", "write the DELETE in the downgrade by hand");
}

/** Never: SQL written by hand has no known inverse. */
export function reverseExecuteSql(_execute: ExecuteSql): never {
  throw notReversible("execute()", "SQL written by hand has no known inverse", "write the downgrade's SQL by hand");
}
