import type { ColumnType } from "../../schema/model.js";
import type { BulkInsertData } from "../../dialects/contract/index.js";
import { notReversible } from "./operation.js";
import type { ReversibleOperation } from "./operation.js";

/**
 * Insert rows into a table; offline, each row becomes an INSERT with literal
 * values. Not reversible (the rows cannot be told from others).
 *
 * @example
 * ```ts
 * new BulkInsert({ table: "roles", columns: [{ name: "id" }, { name: "name" }], rows: [{ id: 1, name: "admin" }] });
 * ```
 */
export class BulkInsert implements BulkInsertData, ReversibleOperation {
  readonly kind = "bulkInsert" as const;
  readonly table: string;
  readonly schema?: string;
  readonly columns: readonly { readonly name: string; readonly type?: ColumnType }[];
  readonly rows: readonly Readonly<Record<string, unknown>>[];

  constructor(data: Omit<BulkInsertData, "kind">) {
    this.table = data.table;
    if (data.schema !== undefined) this.schema = data.schema;
    this.columns = data.columns;
    this.rows = data.rows;
  }

  reverse(): never {
    throw notReversible(`bulkInsert("${this.table}")`, "inserted rows cannot be told from the others", "write the DELETE in the downgrade by hand");
  }
}
