import { AthanorError } from "../../util/errors.js";
import { notReversible } from "../ops/operation.js";
import type { ReversibleOperation } from "../ops/operation.js";
import { requireCustomDefinition } from "./registry.js";

/** A custom operation as plain data, e.g. in `op.invoke({ kind: "custom", name: "createView", data })`. */
export interface CustomOperationData<Data = unknown> {
  readonly kind: "custom";
  /** The name it was registered under (`registerOperation({ name })`). */
  readonly name: string;
  /** What its `build` made of the `op` method's arguments. */
  readonly data: Data;
}

/**
 * One use of an operation registered with `registerOperation`: its name and the
 * data its `build` made of the arguments. It runs, reverses and renders through
 * its definition, looked up by name when needed.
 *
 * @example
 * ```ts
 * const create = new CustomOperation("createView", { name: "v", select: "SELECT 1" });
 * create.reverse(); // what the definition's reverse() returns, e.g. a dropView
 * ```
 */
export class CustomOperation<Data = unknown> implements CustomOperationData<Data>, ReversibleOperation {
  readonly kind = "custom" as const;
  readonly name: string;
  readonly data: Data;

  constructor(name: string, data: Data) {
    this.name = name;
    this.data = data;
  }

  /** The operation that undoes this one, from the definition's `reverse()`. */
  reverse(): ReversibleOperation {
    const definition = requireCustomDefinition(this.name);
    if (definition.reverse === undefined) {
      throw notReversible(`${this.name}()`, "its registration gives no reverse()", "give registerOperation a reverse, or write the downgrade by hand");
    }
    const reversed = definition.reverse(this.data);
    if (isCustomData(reversed)) return reversed instanceof CustomOperation ? reversed : new CustomOperation(reversed.name, reversed.data);
    if (typeof (reversed as { reverse?: unknown } | null)?.reverse === "function") return reversed as ReversibleOperation;
    throw new AthanorError(`The reverse() of the custom operation ${this.name} returned no operation`, {
      hint: "return an operation object, such as another registered operation's create(...) or new DropTable({ ... })",
    });
  }
}

/** Whether a value is a custom operation, as object or as data. */
export function isCustomData(value: unknown): value is CustomOperationData {
  const v = value as Partial<CustomOperationData> | null;
  return typeof v === "object" && v !== null && v.kind === "custom" && typeof v.name === "string";
}
