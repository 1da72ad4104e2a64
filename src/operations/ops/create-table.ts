import type { Table } from "../../schema/model.js";
import type { CreateTableData } from "../schema-operation.js";
import { DropTable } from "./drop-table.js";
import type { ReversibleOperation } from "./operation.js";

/**
 * Create a table with its columns, constraints and indexes. Reverses to a
 * {@link DropTable} that remembers the whole table.
 *
 * @example
 * ```ts
 * new CreateTable({ table: usersTable }).reverse(); // DropTable of "users"
 * ```
 */
export class CreateTable implements CreateTableData, ReversibleOperation {
  readonly kind = "createTable" as const;
  readonly table: Table;
  readonly ifNotExists?: boolean;

  constructor(data: Omit<CreateTableData, "kind">) {
    this.table = data.table;
    if (data.ifNotExists !== undefined) this.ifNotExists = data.ifNotExists;
  }

  reverse(): DropTable {
    return new DropTable({
      name: this.table.name,
      ...(this.table.schema === undefined ? {} : { schema: this.table.schema }),
      ...(this.ifNotExists === undefined ? {} : { ifExists: this.ifNotExists }),
      table: this.table,
    });
  }
}
