import { AthanorError } from "../../util/errors.js";
import { Operations } from "../operations.js";
import type { CustomOperation } from "../operation.js";
import type { CustomOperationDefinition, StoredCustomDefinition } from "./custom-definition.js";
import { customDefinitions, forgetCustomDefinition, storeCustomDefinition } from "./registry.js";

/** What {@link registerOperation} returns: builds the operation, and takes the registration back. */
export interface RegisteredOperation<Args extends readonly unknown[], Data> {
  readonly name: string;
  /** The `op` method that runs it. */
  readonly method: string;
  /** The operation for these arguments, as data (what `op.<method>(...args)` runs), e.g. for another operation's `reverse()`. */
  create(...args: Args): CustomOperation<Data>;
  /** Remove the operation and its `op` method. */
  unregister(): void;
}

/** The kinds of the built-in operations: a custom operation may not take one of these names. */
const BUILT_IN_KINDS: ReadonlySet<string> = new Set([
  "createTable", "dropTable", "renameTable", "addColumn", "dropColumn", "alterColumn", "createIndex", "dropIndex",
  "addConstraint", "dropConstraint", "tableComment", "alterTableOptions", "createEnum", "dropEnum", "addEnumValue", "dropEnumValue", "renameEnumValue",
  "bulkInsert", "execute", "custom", "moveColumn",
]);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;


function validate(definition: CustomOperationDefinition<readonly unknown[], unknown>, method: string): void {
  const name = definition.name;
  const where = `registerOperation(${JSON.stringify(name)})`;
  if (typeof name !== "string" || !IDENTIFIER.test(name)) {
    throw new AthanorError(`registerOperation: the name ${JSON.stringify(name)} is not an identifier`, { hint: 'name it like a method, e.g. name: "createReportView"' });
  }
  if (BUILT_IN_KINDS.has(name)) {
    throw new AthanorError(`${where}: ${name} is a built-in operation`, { hint: "choose another name for your operation" });
  }
  if (!IDENTIFIER.test(method)) {
    throw new AthanorError(`${where}: the method ${JSON.stringify(method)} is not an identifier`, { hint: 'give method a name such as "createReportView"' });
  }
  if (method in Operations.prototype) {
    throw new AthanorError(`${where}: op.${method} already exists`, { hint: "give the operation another method name (method: ...)" });
  }
  const owner = customDefinitions().find((d) => d.method === method);
  if (owner !== undefined && owner.name !== name) {
    throw new AthanorError(`${where}: op.${method} already runs the custom operation ${owner.name}`, { hint: "give one of them another method name" });
  }
  if (typeof definition.build !== "function") {
    throw new AthanorError(`${where}: build must be a function from the method's arguments to the operation's data`);
  }
  const sql = definition.sql as unknown;
  const hasSql =
    typeof sql === "function" ||
    (typeof sql === "object" && sql !== null && Object.values(sql).length > 0 && Object.values(sql).every((f) => f === undefined || typeof f === "function"));
  if (!hasSql) {
    throw new AthanorError(`${where}: sql must be a function, or functions by database name ({ postgresql, mysql, sqlite, default })`);
  }
}

/**
 * Register an operation of your own (Alembic's `Operations.register_operation`
 * with `implementation_for`): an `op` method, the data it builds from its
 * arguments, its SQL per database, its reverse and its code for autogenerate.
 * It runs as the built-in operations do: executed online, written with `--sql`,
 * awaited and tracked, in the revision's transaction. Register it in env.ts
 * (or a module env.ts imports), which is loaded before any revision runs;
 * registering a name again replaces the earlier definition.
 *
 * Each `op` a revision receives has the method; declare it for TypeScript by
 * merging into the `Operations` interface (as below). In batch mode (`op.batchAlterTable`) the
 * batch's method of the same name refuses with an error: batch mode changes
 * its one table only.
 *
 * @example
 * ```ts
 * import { registerOperation } from "athanor";
 * import type { AnyOperation } from "athanor";
 *
 * interface View { readonly name: string; readonly select: string }
 *
 * declare module "athanor" {
 *   interface Operations {
 *     createReportView(name: string, select: string): Promise<void>;
 *     dropReportView(name: string, select?: string): Promise<void>;
 *   }
 * }
 *
 * export const createReportView = registerOperation({
 *   name: "createReportView",
 *   build: (name: string, select: string): View => ({ name, select }),
 *   reverse: (view): AnyOperation => dropReportView.create(view.name, view.select),
 *   sql: (view, db) => `CREATE VIEW ${db.quoteIdentifier(view.name)} AS ${view.select}`,
 *   render: (view, code) => `${code.op}.createReportView(${code.literal(view.name)}, ${code.literal(view.select)})`,
 * });
 * export const dropReportView = registerOperation({
 *   name: "dropReportView",
 *   build: (name: string, select?: string) => ({ name, select }),
 *   reverse: (view): AnyOperation => createReportView.create(view.name, view.select ?? ""),
 *   sql: { default: (view, db) => `DROP VIEW ${db.quoteIdentifier(view.name)}` },
 * });
 *
 * // in a revision: await op.createReportView("active_users", "SELECT id FROM users WHERE active");
 * ```
 */
export function registerOperation<Args extends readonly unknown[], Data>(definition: CustomOperationDefinition<Args, Data>): RegisteredOperation<Args, Data> {
  const method = definition.method ?? definition.name;
  validate(definition as unknown as CustomOperationDefinition<readonly unknown[], unknown>, method);
  const name = definition.name;
  const stored: StoredCustomDefinition = { ...(definition as unknown as StoredCustomDefinition), name, method };
  storeCustomDefinition(stored);
  return {
    name,
    method,
    create: (...args: Args): CustomOperation<Data> => ({ kind: "custom", name, data: definition.build(...args) }),
    unregister: () => forgetCustomDefinition(name, stored),
  };
}
