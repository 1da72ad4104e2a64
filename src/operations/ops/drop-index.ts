import type { Index } from "../../schema/model.js";
import type { DropIndexData } from "../schema-operation.js";
import { CreateIndex } from "./create-index.js";
import { notReversible } from "./operation.js";
import type { ReversibleOperation } from "./operation.js";

/**
 * Drop an index. It reverses to a {@link CreateIndex} only when it carries the
 * index (`index`) and its table.
 *
 * @example
 * ```ts
 * new DropIndex({ name: "ix_users_email", table: "users" });
 * ```
 */
export class DropIndex implements DropIndexData, ReversibleOperation {
  readonly kind = "dropIndex" as const;
  readonly name: string;
  readonly table?: string;
  readonly schema?: string;
  readonly ifExists?: boolean;
  readonly concurrently?: boolean;
  readonly index?: Index;

  constructor(data: Omit<DropIndexData, "kind">) {
    this.name = data.name;
    if (data.table !== undefined) this.table = data.table;
    if (data.schema !== undefined) this.schema = data.schema;
    if (data.ifExists !== undefined) this.ifExists = data.ifExists;
    if (data.concurrently !== undefined) this.concurrently = data.concurrently;
    if (data.index !== undefined) this.index = data.index;
  }

  reverse(): CreateIndex {
    if (this.index === undefined || this.table === undefined) {
      throw notReversible(`dropIndex("${this.name}")`, this.table === undefined ? "its table is unknown" : "the index's definition is unknown", "give the drop the table and the index as it was");
    }
    return new CreateIndex({
      table: this.table,
      ...(this.schema === undefined ? {} : { schema: this.schema }),
      index: this.index,
      ...(this.ifExists === undefined ? {} : { ifNotExists: this.ifExists }),
      ...(this.concurrently === undefined ? {} : { concurrently: this.concurrently }),
    });
  }
}
