import type { SchemaOperation } from "../schema-operation.js";
import { reverseOperation, toOperation } from "./from-data.js";
import type { Operation } from "./from-data.js";

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
  readonly operations: readonly Operation[];

  constructor(operations: Iterable<SchemaOperation | Operation> = []) {
    this.operations = [...operations].map(toOperation);
  }

  get isEmpty(): boolean {
    return this.operations.length === 0;
  }

  reverse(): OperationList {
    return new OperationList([...this.operations].reverse().map(reverseOperation));
  }

  [Symbol.iterator](): Iterator<Operation> {
    return this.operations[Symbol.iterator]();
  }
}
