import { AthanorError } from "../../util/errors.js";
import { requireCustomDefinition } from "../custom/registry.js";
import { isOperation } from "../operation.js";
import type { AnyOperation, CustomOperation } from "../operation.js";
import { notReversible } from "./not-reversible.js";

/** A custom operation reverses to what its registration's `reverse` makes of its data. */
export function reverseCustomOperation(custom: CustomOperation): AnyOperation {
  const definition = requireCustomDefinition(custom.name);
  if (definition.reverse === undefined) {
    throw notReversible(`${custom.name}()`, "its registration gives no reverse()", "give registerOperation a reverse, or write the downgrade by hand");
  }
  const reversed: unknown = definition.reverse(custom.data);
  if (!isOperation(reversed)) {
    throw new AthanorError(`The reverse() of the custom operation ${custom.name} returned no operation`, {
      hint: 'return an operation, such as another registered operation\'s create(...) or { kind: "dropTable", name: ... }',
    });
  }
  return reversed;
}
