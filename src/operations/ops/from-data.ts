import { AthanorError } from "../../util/errors.js";
import { CustomOperation, isCustomData } from "../custom/custom-operation.js";
import type { CustomOperationData } from "../custom/custom-operation.js";
import type { SchemaOperation } from "../../dialects/contract/index.js";
import { AddColumn, DropColumn } from "./add-drop-column.js";
import { AddConstraint, DropConstraint } from "./add-drop-constraint.js";
import { AddEnumValue } from "./add-enum-value.js";
import { AlterColumn } from "./alter-column.js";
import { BulkInsert } from "./bulk-insert.js";
import { CreateEnum, DropEnum } from "./create-drop-enum.js";
import { CreateIndex, DropIndex } from "./create-drop-index.js";
import { CreateTable, DropTable } from "./create-drop-table.js";
import { ExecuteSql } from "./execute-sql.js";
import { RenameEnumValue } from "./rename-enum-value.js";
import { RenameTable } from "./rename-table.js";
import { TableComment } from "./table-comment.js";

/** Every built-in operation object: the schema operations plus hand-written SQL. */
export type Operation =
  | CreateTable
  | DropTable
  | RenameTable
  | AddColumn
  | DropColumn
  | AlterColumn
  | CreateIndex
  | DropIndex
  | AddConstraint
  | DropConstraint
  | TableComment
  | CreateEnum
  | DropEnum
  | AddEnumValue
  | RenameEnumValue
  | BulkInsert
  | ExecuteSql;

/** The operation objects of schema operations (every operation but hand-written SQL). */
export type SchemaOperationObject = Exclude<Operation, ExecuteSql>;

/** Any operation object: a built-in one or one registered with `registerOperation`. */
export type AnyOperation = Operation | CustomOperation;

/**
 * The operation object for plain operation data (as autogenerate or a dialect
 * produces it). An operation object is returned as it is.
 *
 * @example
 * ```ts
 * toOperation({ kind: "renameTable", name: "a", newName: "b" }).reverse(); // b -> a
 * ```
 */
export function toOperation(data: SchemaOperation): SchemaOperationObject;
export function toOperation(data: SchemaOperation | CustomOperationData): SchemaOperationObject | CustomOperation;
export function toOperation(data: SchemaOperation | Operation): Operation;
export function toOperation(data: SchemaOperation | CustomOperationData | AnyOperation): AnyOperation;
export function toOperation(data: SchemaOperation | CustomOperationData | AnyOperation): AnyOperation {
  if (isOperation(data)) return data;
  if (isCustomData(data)) return new CustomOperation(data.name, data.data);
  switch (data.kind) {
    case "createTable": return new CreateTable(data);
    case "dropTable": return new DropTable(data);
    case "renameTable": return new RenameTable(data);
    case "addColumn": return new AddColumn(data);
    case "dropColumn": return new DropColumn(data);
    case "alterColumn": return new AlterColumn(data);
    case "createIndex": return new CreateIndex(data);
    case "dropIndex": return new DropIndex(data);
    case "addConstraint": return new AddConstraint(data);
    case "dropConstraint": return new DropConstraint(data);
    case "tableComment": return new TableComment(data);
    case "createEnum": return new CreateEnum(data);
    case "dropEnum": return new DropEnum(data);
    case "addEnumValue": return new AddEnumValue(data);
    case "renameEnumValue": return new RenameEnumValue(data);
    case "bulkInsert": return new BulkInsert(data);
    default:
      throw new AthanorError(`Unknown operation kind ${JSON.stringify((data as { kind?: unknown }).kind)}`);
  }
}

function isOperation(value: SchemaOperation | CustomOperationData | AnyOperation): value is AnyOperation {
  return typeof (value as { reverse?: unknown }).reverse === "function";
}

/**
 * The operation that undoes `operation` (data or object); throws an
 * AthanorError saying why when it cannot be known.
 *
 * @example
 * ```ts
 * reverseOperation({ kind: "addColumn", table: "users", column }); // DropColumn
 * ```
 */
export function reverseOperation(operation: SchemaOperation): SchemaOperationObject;
export function reverseOperation(operation: SchemaOperation | Operation): Operation;
export function reverseOperation(operation: SchemaOperation | CustomOperationData | AnyOperation): AnyOperation;
export function reverseOperation(operation: SchemaOperation | CustomOperationData | AnyOperation): AnyOperation {
  return toOperation(operation).reverse() as AnyOperation;
}
