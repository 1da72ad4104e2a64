import type { CustomOperationData } from "../custom/custom-operation.js";
import type { SchemaOperation } from "../../dialects/contract/index.js";
import { reverseOperation, toOperation } from "./from-data.js";
import type { AnyOperation } from "./from-data.js";

/**
 * An ordered list of operations, such as the body of an `upgrade()`. Its
 * reverse undoes them last to first: the body of the matching `downgrade()`.
 *
 * @example
 * ```ts
 * const upgrade = new OperationList([createUsers, addEmailIndex]);
 * upgrade.reverse().operations; // [DropIndex, DropTable]
 * ```
 */
export class OperationList {
  readonly operations: readonly AnyOperation[];

  constructor(operations: Iterable<SchemaOperation | CustomOperationData | AnyOperation> = []) {
    this.operations = [...operations].map(toOperation);
  }

  get isEmpty(): boolean {
    return this.operations.length === 0;
  }

  reverse(): OperationList {
    return new OperationList([...this.operations].reverse().map(reverseOperation));
  }

  [Symbol.iterator](): Iterator<AnyOperation> {
    return this.operations[Symbol.iterator]();
  }
}
