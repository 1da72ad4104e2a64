import type { Table } from "../../schema/model.js";
import type { CreateTableData, DropTableData } from "../../dialects/contract/index.js";
import { notReversible } from "./operation.js";
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

/**
 * Drop a table. It reverses to a {@link CreateTable} only when it carries the
 * whole table (`table`), as autogenerate's drops do.
 *
 * @example
 * ```ts
 * new DropTable({ name: "users" }).reverse(); // throws: the table's definition is unknown
 * ```
 */
export class DropTable implements DropTableData, ReversibleOperation {
  readonly kind = "dropTable" as const;
  readonly name: string;
  readonly schema?: string;
  readonly ifExists?: boolean;
  readonly table?: Table;

  constructor(data: Omit<DropTableData, "kind">) {
    this.name = data.name;
    if (data.schema !== undefined) this.schema = data.schema;
    if (data.ifExists !== undefined) this.ifExists = data.ifExists;
    if (data.table !== undefined) this.table = data.table;
  }

  reverse(): CreateTable {
    if (this.table === undefined) {
      throw notReversible(`dropTable("${this.name}")`, "the table's definition is unknown", "give the drop the whole table so the downgrade can create it again");
    }
    return new CreateTable({ table: this.table, ...(this.ifExists === undefined ? {} : { ifNotExists: this.ifExists }) });
  }
}
