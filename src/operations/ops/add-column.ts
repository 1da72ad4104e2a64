import type { Column } from "../../schema/model.js";
import type { AddColumnData } from "../schema-operation.js";
import { DropColumn } from "./drop-column.js";
import type { ReversibleOperation } from "./operation.js";

/**
 * Add a column to a table. The reverse drops it (remembering the column).
 *
 * @example
 * ```ts
 * new AddColumn({ table: "users", column }).reverse(); // DropColumn users.<column.name>
 * ```
 */
export class AddColumn implements AddColumnData, ReversibleOperation {
  readonly kind = "addColumn" as const;
  readonly table: string;
  readonly schema?: string;
  readonly column: Column;
  readonly ifNotExists?: boolean;

  constructor(data: Omit<AddColumnData, "kind">) {
    this.table = data.table;
    if (data.schema !== undefined) this.schema = data.schema;
    this.column = data.column;
    if (data.ifNotExists !== undefined) this.ifNotExists = data.ifNotExists;
  }

  reverse(): DropColumn {
    return new DropColumn({
      table: this.table,
      ...(this.schema === undefined ? {} : { schema: this.schema }),
      name: this.column.name,
      ...(this.ifNotExists === undefined ? {} : { ifExists: this.ifNotExists }),
      column: this.column,
    });
  }
}
