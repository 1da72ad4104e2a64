import type { SchemaOperation } from "../dialects/contract/index.js";
import { AthanorError } from "../util/errors.js";
import type { SqlInput } from "./operation-context.js";

/**
 * SQL written by hand, as an operation (`op.execute`, a batch's `execute`).
 * It is not a DDL compiler's concern: it runs as it is. Not reversible.
 *
 * @example
 * ```ts
 * const update: ExecuteSql = { kind: "execute", sql: "UPDATE users SET active = 1" };
 * ```
 */
export interface ExecuteSql {
  readonly kind: "execute";
  readonly sql: SqlInput;
  readonly params?: readonly unknown[];
}

/**
 * One use of an operation registered with `registerOperation`: its name and the
 * data its `build` made of the arguments. It runs, reverses and renders through
 * its registration, looked up by name when needed.
 *
 * @example
 * ```ts
 * await op.invoke({ kind: "custom", name: "createView", data: { name: "v", select: "SELECT 1" } });
 * ```
 */
export interface CustomOperation<Data = unknown> {
  readonly kind: "custom";
  /** The name it was registered under (`registerOperation({ name })`). */
  readonly name: string;
  /** What its `build` made of the `op` method's arguments. */
  readonly data: Data;
}

/** Every built-in operation: the schema operations plus hand-written SQL. */
export type Operation = SchemaOperation | ExecuteSql;

/** Any operation: a built-in one or one registered with `registerOperation`. */
export type AnyOperation = Operation | CustomOperation;

/** The fields of an operation but its kind; an optional field may be given as `undefined` (then left out). */
export type OperationFields<T> = { [K in keyof T as K extends "kind" ? never : K]: T[K] | (undefined extends T[K] ? undefined : never) };

type OfKind<K extends AnyOperation["kind"]> = Extract<AnyOperation, { readonly kind: K }>;

/**
 * An operation of `kind` with `fields`, leaving out the optional ones that are
 * `undefined` (so `{ name, ...options }` never carries `schema: undefined`).
 *
 * @example
 * ```ts
 * operation("dropTable", { name: "users", schema: undefined }); // { kind: "dropTable", name: "users" }
 * ```
 */
export function operation<K extends AnyOperation["kind"]>(kind: K, fields: OperationFields<OfKind<K>>): OfKind<K> {
  const result: Record<string, unknown> = { kind };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) result[key] = value;
  return result as unknown as OfKind<K>;
}

const KINDS: ReadonlySet<string> = new Set<AnyOperation["kind"]>([
  "createTable", "dropTable", "renameTable", "addColumn", "dropColumn", "alterColumn", "createIndex", "dropIndex",
  "addConstraint", "dropConstraint", "tableComment", "alterTableOptions", "createEnum", "dropEnum", "addEnumValue", "dropEnumValue", "renameEnumValue",
  "bulkInsert", "execute", "custom", "rowLevelSecurity", "createPolicy", "dropPolicy", "createSequence", "dropSequence", "alterSequence", "createView", "replaceView", "dropView", "refreshMaterializedView",
]);

/** Whether a value is a custom operation (`{ kind: "custom", name, data }`). */
export function isCustomOperation(value: unknown): value is CustomOperation {
  const v = value as Partial<CustomOperation> | null;
  return typeof v === "object" && v !== null && v.kind === "custom" && typeof v.name === "string";
}

/**
 * An operation given from outside (`op.invoke`, a comparator) as athanor keeps
 * one: of a known kind, without `undefined` fields, a dropped constraint's type
 * taken from the constraint when only that is given.
 */
export function checkOperation(value: AnyOperation): AnyOperation {
  if (!isOperation(value)) {
    throw new AthanorError(`Unknown operation kind ${JSON.stringify((value as { kind?: unknown } | null)?.kind)}`);
  }
  if (value.kind === "custom") return value;
  const filled = value.kind === "dropConstraint" ? { ...value, type: value.type ?? value.constraint?.type } : value;
  const { kind, ...fields } = filled;
  return operation(kind, fields as never);
}

/** Whether a value is an operation of a known kind (built-in or custom). */
export function isOperation(value: unknown): value is AnyOperation {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return typeof value === "object" && value !== null && typeof kind === "string" && KINDS.has(kind) && (kind !== "custom" || isCustomOperation(value));
}
