import type { CreatePolicy, DropPolicy, SetRowLevelSecurity } from "../../dialects/contract/index.js";
import { operation } from "../operation.js";
import { notReversible } from "./not-reversible.js";

/** Row-level security flags are set back to how they were. */
export function reverseRowLevelSecurity(change: SetRowLevelSecurity): SetRowLevelSecurity {
  if (change.existing === undefined) {
    throw notReversible(`rowLevelSecurity("${change.table}")`, "the flags before the change are unknown", "pass existingEnabled and existingForce");
  }
  return operation("rowLevelSecurity", {
    table: change.table,
    schema: change.schema,
    enabled: change.existing.enabled,
    force: change.existing.force,
    existing: { enabled: change.enabled, force: change.force },
  });
}

/** A policy created is dropped again, the drop remembering the policy. */
export function reverseCreatePolicy(create: CreatePolicy): DropPolicy {
  return operation("dropPolicy", { table: create.table, schema: create.schema, name: create.policy.name, policy: create.policy });
}

/** A dropped policy is created again, when the drop carries the policy. */
export function reverseDropPolicy(drop: DropPolicy): CreatePolicy {
  if (drop.policy === undefined) {
    throw notReversible(`dropPolicy("${drop.name}", "${drop.table}")`, "the policy's definition is unknown", "give the drop the policy as it was");
  }
  return operation("createPolicy", { table: drop.table, schema: drop.schema, policy: { ...drop.policy, name: drop.name } });
}
