import type { AlterSequence, CreatePolicy, CreateSequence, DropPolicy, DropSequence, SetRowLevelSecurity } from "../../dialects/contract/index.js";
import type { Policy } from "../../schema/model.js";
import { call, object, str, value } from "./code.js";
import type { Code } from "./code.js";
import type { RenderState } from "./render-context.js";

type SecurityOperation = SetRowLevelSecurity | CreatePolicy | DropPolicy | CreateSequence | DropSequence | AlterSequence;

function args(first: readonly Code[], entries: readonly (readonly [string, unknown])[]): Code[] {
  const present = entries.filter(([, v]) => v !== undefined).map(([k, v]) => [k, value(v as never)] as const);
  return present.length === 0 ? [...first] : [...first, object(present)];
}

/** A policy's options as `op.createPolicy` and `createTable`'s `policies` take them. */
export function policyEntries(policy: Policy): (readonly [string, unknown])[] {
  return [
    ["as", policy.as],
    ["for", policy.for],
    ["to", policy.to],
    ["using", policy.using],
    ["withCheck", policy.withCheck],
  ];
}

/**
 * PostgreSQL's row-level security, policy and sequence operations as calls:
 * `op.enableRowLevelSecurity`, `op.disableRowLevelSecurity`, `op.createPolicy`,
 * `op.dropPolicy`, `op.createSequence`, `op.dropSequence`, `op.alterSequence`.
 */
export function renderSecurityOperation(operation: SecurityOperation, state: RenderState): Code {
  const o = state.op;
  switch (operation.kind) {
    case "rowLevelSecurity": {
      const existing = operation.existing;
      if (operation.enabled) {
        return call(
          `${o}.enableRowLevelSecurity`,
          args(
            [str(operation.table)],
            [
              ["force", operation.force ? true : undefined],
              ["schema", operation.schema],
              ["existingEnabled", existing?.enabled === true ? true : undefined],
              ["existingForce", existing?.force === true ? true : undefined],
            ],
          ),
        );
      }
      if (operation.force) {
        // Forced but not enabled is a state of its own: said as data.
        return call(`${o}.invoke`, [value(operation as never)]);
      }
      return call(
        `${o}.disableRowLevelSecurity`,
        args(
          [str(operation.table)],
          [
            ["schema", operation.schema],
            ["existingEnabled", existing?.enabled === false ? false : undefined],
            ["existingForce", existing?.force === true ? true : undefined],
          ],
        ),
      );
    }
    case "createPolicy":
      return call(`${o}.createPolicy`, args([str(operation.policy.name), str(operation.table)], [...policyEntries(operation.policy), ["schema", operation.schema]]));
    case "dropPolicy":
      return call(`${o}.dropPolicy`, args([str(operation.name), str(operation.table)], [["schema", operation.schema], ["ifExists", operation.ifExists]]));
    case "createSequence": {
      const { name, ...rest } = operation.sequence;
      return call(`${o}.createSequence`, args([str(name)], [...Object.entries(rest), ["ifNotExists", operation.ifNotExists]]));
    }
    case "dropSequence":
      return call(`${o}.dropSequence`, args([str(operation.name)], [["schema", operation.schema], ["ifExists", operation.ifExists]]));
    case "alterSequence":
      return call(
        `${o}.alterSequence`,
        args([str(operation.name), value(operation.changes as never)], [["schema", operation.schema], ["existing", operation.existing]]),
      );
  }
}
