import { AthanorError } from "../../util/errors.js";
import type { CustomOperation } from "../operation.js";
import { customDefinitions } from "./registry.js";

/**
 * Give an `op` object a method for every registered custom operation, which
 * builds the operation from its arguments and runs it through `invoke` (the
 * path of every operation: tracked, executed online, written offline).
 * Methods are added to each object rather than to the class, so they exist
 * whichever copy of the package registered them.
 */
export function addCustomMethods(op: object, invoke: (operation: CustomOperation) => Promise<void>): void {
  for (const definition of customDefinitions()) {
    if (definition.method in op) continue;
    const { name, method } = definition;
    Object.defineProperty(op, method, {
      value: (...args: unknown[]): Promise<void> => invoke({ kind: "custom", name, data: definition.build(...args) }),
      configurable: true,
      writable: true,
      enumerable: false,
    });
  }
}

/**
 * Give a batch (`op.batchAlterTable`) the methods of the custom operations,
 * each refusing with an error that says where to call it instead: batch mode
 * queues changes of its one table, which a custom operation is not.
 */
export function addRefusingCustomMethods(batch: { readonly table: string }): void {
  for (const { name, method } of customDefinitions()) {
    if (method in batch) continue;
    Object.defineProperty(batch, method, {
      value: (): never => {
        throw new AthanorError(`batch.${method}() cannot run inside batchAlterTable("${batch.table}"): ${name} is a custom operation, and batch mode queues changes of its one table only`, {
          hint: `call op.${method}(...) before or after the batch`,
        });
      },
      configurable: true,
      writable: true,
      enumerable: false,
    });
  }
}
