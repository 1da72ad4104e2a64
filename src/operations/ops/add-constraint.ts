import type { AddConstraintData, Constraint } from "../schema-operation.js";
import { DropConstraint } from "./drop-constraint.js";
import { notReversible } from "./operation.js";
import type { ReversibleOperation } from "./operation.js";

/**
 * Add a primary key, foreign key, unique or check constraint to an existing
 * table. The reverse drops it by name (remembering the constraint).
 *
 * @example
 * ```ts
 * new AddConstraint({ table: "users", constraint: { type: "unique", name: "uq_users_email", columns: ["email"] } });
 * ```
 */
export class AddConstraint implements AddConstraintData, ReversibleOperation {
  readonly kind = "addConstraint" as const;
  readonly table: string;
  readonly schema?: string;
  readonly constraint: Constraint;

  constructor(data: Omit<AddConstraintData, "kind">) {
    this.table = data.table;
    if (data.schema !== undefined) this.schema = data.schema;
    this.constraint = data.constraint;
  }

  reverse(): DropConstraint {
    const name = this.constraint.name;
    if (name === undefined) {
      throw notReversible(`the ${this.constraint.type} constraint on "${this.table}"`, "it has no name to drop it by", "name the constraint, or declare a naming convention in targetMetadata");
    }
    return new DropConstraint({
      table: this.table,
      ...(this.schema === undefined ? {} : { schema: this.schema }),
      name,
      type: this.constraint.type,
      constraint: this.constraint,
    });
  }
}
