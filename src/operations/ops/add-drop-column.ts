import type { Column } from "../../schema/model.js";
import type { AddColumnData, DropColumnData } from "../../dialects/contract/index.js";
import { notReversible } from "./operation.js";
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
