import type { SqlInput } from "../operation-context.js";
import { notReversible } from "./operation.js";
import type { ReversibleOperation } from "./operation.js";

/**
 * Run SQL written by hand. Not reversible.
 *
 * @example
 * ```ts
 * new ExecuteSql({ sql: "UPDATE users SET active = 1" });
 * ```
 */
export class ExecuteSql implements ReversibleOperation {
  readonly kind = "execute" as const;
  readonly sql: SqlInput;
  readonly params?: readonly unknown[];

  constructor(data: { readonly sql: SqlInput; readonly params?: readonly unknown[] }) {
    this.sql = data.sql;
    if (data.params !== undefined) this.params = data.params;
  }

  reverse(): never {
    throw notReversible("execute()", "SQL written by hand has no known inverse", "write the downgrade's SQL by hand");
  }
}
