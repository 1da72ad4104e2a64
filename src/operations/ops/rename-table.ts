import type { RenameTableData } from "../../dialects/contract/index.js";
import type { ReversibleOperation } from "./operation.js";

/**
 * Rename a table. The reverse renames it back.
 *
 * @example
 * ```ts
 * new RenameTable({ name: "user", newName: "users" }).reverse(); // users -> user
 * ```
 */
export class RenameTable implements RenameTableData, ReversibleOperation {
  readonly kind = "renameTable" as const;
  readonly name: string;
  readonly newName: string;
  readonly schema?: string;

  constructor(data: Omit<RenameTableData, "kind">) {
    this.name = data.name;
    this.newName = data.newName;
    if (data.schema !== undefined) this.schema = data.schema;
  }

  reverse(): RenameTable {
    return new RenameTable({ name: this.newName, newName: this.name, ...(this.schema === undefined ? {} : { schema: this.schema }) });
  }
}
