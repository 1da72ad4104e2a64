import type { AddConstraint, DropConstraint } from "../../dialects/contract/index.js";
import { operation } from "../operation.js";
import { notReversible } from "./not-reversible.js";

/** A constraint added is dropped by its name again, the drop remembering the constraint. */
export function reverseAddConstraint(add: AddConstraint): DropConstraint {
  const name = add.constraint.name;
  if (name === undefined) {
    throw notReversible(`the ${add.constraint.type} constraint on "${add.table}"`, "it has no name to drop it by", "name the constraint, or declare a naming convention in targetMetadata");
  }
  return operation("dropConstraint", { table: add.table, schema: add.schema, name, type: add.constraint.type, constraint: add.constraint });
}

/** A dropped constraint is added again, when the drop carries the constraint as it was. */
export function reverseDropConstraint(drop: DropConstraint): AddConstraint {
  if (drop.constraint === undefined) {
    throw notReversible(`dropConstraint("${drop.name}", "${drop.table}")`, "the constraint's definition is unknown", "give the drop the constraint as it was");
  }
  return operation("addConstraint", { table: drop.table, schema: drop.schema, constraint: { ...drop.constraint, name: drop.name } });
}
