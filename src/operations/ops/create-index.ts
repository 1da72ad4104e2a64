import type { Index } from "../../schema/model.js";
import type { CreateIndexData } from "../schema-operation.js";
import { DropIndex } from "./drop-index.js";
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
