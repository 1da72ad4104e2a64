import type { Column } from "../../schema/model.js";
import type { DropColumnData } from "../schema-operation.js";
import { AddColumn } from "./add-column.js";
import { notReversible } from "./operation.js";
import type { ReversibleOperation } from "./operation.js";

/**
 * Drop a column. It reverses to an {@link AddColumn} only when it carries the
 * column as it was (`column`).
 *
 * @example
 * ```ts
 * new DropColumn({ table: "users", name: "age", column }).reverse(); // AddColumn users.age
 * ```
 */
export class DropColumn implements DropColumnData, ReversibleOperation {
  readonly kind = "dropColumn" as const;
  readonly table: string;
  readonly schema?: string;
  readonly name: string;
  readonly ifExists?: boolean;
  readonly column?: Column;

  constructor(data: Omit<DropColumnData, "kind">) {
    this.table = data.table;
    if (data.schema !== undefined) this.schema = data.schema;
    this.name = data.name;
    if (data.ifExists !== undefined) this.ifExists = data.ifExists;
    if (data.column !== undefined) this.column = data.column;
  }

  reverse(): AddColumn {
    if (this.column === undefined) {
      throw notReversible(`dropColumn("${this.table}", "${this.name}")`, "the column's definition is unknown", "give the drop the column as it was so the downgrade can add it again");
    }
    return new AddColumn({
      table: this.table,
      ...(this.schema === undefined ? {} : { schema: this.schema }),
      column: this.column,
      ...(this.ifExists === undefined ? {} : { ifNotExists: this.ifExists }),
    });
  }
}
