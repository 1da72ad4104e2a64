import type { AddConstraintData, Constraint, DropConstraintData } from "../../dialects/contract/index.js";
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

/**
 * Drop a constraint by name. `type` is required on MySQL. It reverses to an
 * {@link AddConstraint} only when it carries the constraint (`constraint`).
 *
 * @example
 * ```ts
 * new DropConstraint({ table: "users", name: "uq_users_email", type: "unique" });
 * ```
 */
export class DropConstraint implements DropConstraintData, ReversibleOperation {
  readonly kind = "dropConstraint" as const;
  readonly table: string;
  readonly schema?: string;
  readonly name: string;
  readonly type?: Constraint["type"];
  readonly ifExists?: boolean;
  readonly constraint?: Constraint;

  constructor(data: Omit<DropConstraintData, "kind">) {
    this.table = data.table;
    if (data.schema !== undefined) this.schema = data.schema;
    this.name = data.name;
    const type = data.type ?? data.constraint?.type;
    if (type !== undefined) this.type = type;
    if (data.ifExists !== undefined) this.ifExists = data.ifExists;
    if (data.constraint !== undefined) this.constraint = data.constraint;
  }

  reverse(): AddConstraint {
    if (this.constraint === undefined) {
      throw notReversible(`dropConstraint("${this.name}", "${this.table}")`, "the constraint's definition is unknown", "give the drop the constraint as it was");
    }
    return new AddConstraint({
      table: this.table,
      ...(this.schema === undefined ? {} : { schema: this.schema }),
      constraint: { ...this.constraint, name: this.name },
    });
  }
}
