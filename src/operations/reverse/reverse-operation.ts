import type { SchemaOperation } from "../../dialects/contract/index.js";
import type { AnyOperation, Operation } from "../operation.js";
import { reverseAddColumn, reverseAlterColumn, reverseDropColumn } from "./column.js";
import { reverseAddConstraint, reverseDropConstraint } from "./constraint.js";
import { reverseCustomOperation } from "./custom.js";
import { reverseAddEnumValue, reverseDropEnumValue, reverseCreateEnum, reverseDropEnum, reverseRenameEnumValue } from "./enum.js";
import { reverseBulkInsert, reverseExecuteSql } from "./irreversible.js";
import { reverseCreatePolicy, reverseDropPolicy, reverseRowLevelSecurity } from "./security.js";
import { reverseAlterSequence, reverseCreateSequence, reverseDropSequence } from "./sequence.js";
import { reverseCreateIndex, reverseDropIndex } from "./table-index.js";
import { reverseAlterTableOptions, reverseCreateTable, reverseDropTable, reverseRenameTable, reverseTableComment } from "./table.js";
import { reverseCreateView, reverseDropView, reverseRefreshMaterializedView, reverseReplaceView } from "./view.js";

/**
 * The operation that undoes `operation`; throws an AthanorError saying why
 * when that cannot be known (a drop that does not carry what it drops, an enum
 * value added, rows inserted, SQL written by hand). A custom operation reverses
 * through its registration's `reverse`.
 *
 * @example
 * ```ts
 * reverseOperation({ kind: "renameTable", name: "user", newName: "users" });
 * // { kind: "renameTable", name: "users", newName: "user" }
 * ```
 */
export function reverseOperation(operation: SchemaOperation): SchemaOperation;
export function reverseOperation(operation: Operation): Operation;
export function reverseOperation(operation: AnyOperation): AnyOperation;
export function reverseOperation(operation: AnyOperation): AnyOperation {
  switch (operation.kind) {
    case "createTable": return reverseCreateTable(operation);
    case "dropTable": return reverseDropTable(operation);
    case "renameTable": return reverseRenameTable(operation);
    case "tableComment": return reverseTableComment(operation);
    case "alterTableOptions": return reverseAlterTableOptions(operation);
    case "addColumn": return reverseAddColumn(operation);
    case "dropColumn": return reverseDropColumn(operation);
    case "alterColumn": return reverseAlterColumn(operation);
    case "createIndex": return reverseCreateIndex(operation);
    case "dropIndex": return reverseDropIndex(operation);
    case "addConstraint": return reverseAddConstraint(operation);
    case "dropConstraint": return reverseDropConstraint(operation);
    case "createEnum": return reverseCreateEnum(operation);
    case "dropEnum": return reverseDropEnum(operation);
    case "addEnumValue": return reverseAddEnumValue(operation);
    case "dropEnumValue": return reverseDropEnumValue(operation);
    case "renameEnumValue": return reverseRenameEnumValue(operation);
    case "bulkInsert": return reverseBulkInsert(operation);
    case "rowLevelSecurity": return reverseRowLevelSecurity(operation);
    case "createPolicy": return reverseCreatePolicy(operation);
    case "dropPolicy": return reverseDropPolicy(operation);
    case "createSequence": return reverseCreateSequence(operation);
    case "dropSequence": return reverseDropSequence(operation);
    case "alterSequence": return reverseAlterSequence(operation);
    case "execute": return reverseExecuteSql(operation);
    case "createView": return reverseCreateView(operation);
    case "dropView": return reverseDropView(operation);
    case "replaceView": return reverseReplaceView(operation);
    case "refreshMaterializedView": return reverseRefreshMaterializedView(operation);
    case "custom": return reverseCustomOperation(operation);
  }
}

/**
 * The operations that undo `operations` (such as the body of an `upgrade()`):
 * each one's reverse, last to first — the body of the matching `downgrade()`.
 * Throws the first AthanorError of an operation that cannot be reversed,
 * unless `onIrreversible` is given: then that operation is left out and
 * reported to it.
 *
 * @example
 * ```ts
 * const downgrade = reverseOperations(upgrade, { onIrreversible: (operation, error) => warnings.push(error.message) });
 * ```
 */
export function reverseOperations<T extends AnyOperation>(
  operations: Iterable<T>,
  options: { readonly onIrreversible?: (operation: T, error: Error) => void } = {},
): ([T] extends [SchemaOperation] ? SchemaOperation : AnyOperation)[] {
  const result: AnyOperation[] = [];
  for (const operation of [...operations].reverse()) {
    try {
      result.push(reverseOperation(operation));
    } catch (error) {
      if (options.onIrreversible === undefined || !(error instanceof Error)) throw error;
      options.onIrreversible(operation, error);
    }
  }
  return result as ([T] extends [SchemaOperation] ? SchemaOperation : AnyOperation)[];
}
