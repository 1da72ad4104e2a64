import type { Index } from "../../schema/model.js";
import type { CreateIndexData, DropIndexData } from "../../dialects/contract/index.js";
import { notReversible } from "./operation.js";
import type { ReversibleOperation } from "./operation.js";

/**
 * Create an index (columns or expressions; unique, partial, PostgreSQL method
 * and INCLUDE). The reverse drops it, remembering the index.
 *
 * @example
 * ```ts
 * new CreateIndex({ table: "users", index: { name: "ix_users_email", columns: ["email"], unique: true } }).reverse();
 * ```
 */
export class CreateIndex implements CreateIndexData, ReversibleOperation {
  readonly kind = "createIndex" as const;
  readonly table: string;
  readonly schema?: string;
  readonly index: Index;
  readonly ifNotExists?: boolean;
  readonly concurrently?: boolean;

  constructor(data: Omit<CreateIndexData, "kind">) {
    this.table = data.table;
    if (data.schema !== undefined) this.schema = data.schema;
    this.index = data.index;
    if (data.ifNotExists !== undefined) this.ifNotExists = data.ifNotExists;
    if (data.concurrently !== undefined) this.concurrently = data.concurrently;
  }

  reverse(): DropIndex {
    return new DropIndex({
      name: this.index.name,
      table: this.table,
      ...(this.schema === undefined ? {} : { schema: this.schema }),
      ...(this.ifNotExists === undefined ? {} : { ifExists: this.ifNotExists }),
      ...(this.concurrently === undefined ? {} : { concurrently: this.concurrently }),
      index: this.index,
    });
  }
}

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
