import { AthanorError } from "../../util/errors.js";
import type { SchemaComparator, TableComparator } from "./comparator-types.js";

// on globalThis, so env.ts's copy of the package and the runtime's share them
const REGISTRY = Symbol.for("athanor.comparators");
const registry = ((globalThis as Record<symbol, unknown>)[REGISTRY] ??= { schema: [], table: [] }) as { schema: SchemaComparator[]; table: TableComparator[] };
const schemaComparators = registry.schema;
const tableComparators = registry.table;

/**
 * Add a comparator to autogenerate (Alembic's `comparators.dispatch_for`):
 * after the built-in comparison, `revision --autogenerate`, `check` and
 * `produceMigrations` call it with the declared and the reflected schema and
 * the connection, and put the operations it returns at the end of the
 * upgrade (their reverses, at the start of the downgrade). `"schema"`
 * comparators run once per comparison; `"table"` ones once per table of either
 * side (the version table and tables left out by `includeSchemas`,
 * `includeName` or `includeObject` excepted). Comparators run in the order
 * they were registered. The registration lasts for the process (the same
 * function registered again counts once): a comparator that belongs to one
 * project is better given in its env.ts's `comparators`. Returns a function
 * that removes the comparator.
 *
 * @example
 * ```ts
 * import { registerComparator } from "athanor";
 * import { createReportView, dropReportView, views } from "./views.js"; // registerOperation(...) and the declared views
 *
 * registerComparator("schema", async ({ connection, dialect }) => {
 *   const sql = dialect.name === "postgresql"
 *     ? "SELECT viewname AS name FROM pg_views WHERE schemaname = current_schema()"
 *     : dialect.name === "mysql"
 *       ? "SELECT table_name AS name FROM information_schema.views WHERE table_schema = DATABASE()"
 *       : "SELECT name FROM sqlite_master WHERE type = 'view'";
 *   const present = new Set((await connection.execute(sql)).rows.map((r) => String(r["name"])));
 *   return Object.entries(views).filter(([name]) => !present.has(name)).map(([name, select]) => createReportView.create(name, select));
 * });
 * ```
 */
export function registerComparator(level: "schema", comparator: SchemaComparator): () => void;
export function registerComparator(level: "table", comparator: TableComparator): () => void;
export function registerComparator(level: "schema" | "table", comparator: SchemaComparator | TableComparator): () => void {
  if (level !== "schema" && level !== "table") {
    throw new AthanorError(`registerComparator: the level must be "schema" or "table", not ${JSON.stringify(level)}`);
  }
  if (typeof comparator !== "function") throw new AthanorError(`registerComparator("${level}"): the comparator must be a function`);
  const list: unknown[] = level === "schema" ? schemaComparators : tableComparators;
  // the same function registered twice (env.ts loaded again in one process) runs once
  if (!list.includes(comparator)) list.push(comparator);
  return () => {
    const at = list.indexOf(comparator);
    if (at >= 0) list.splice(at, 1);
  };
}

/** The registered comparators, in order. */
export function registeredComparators(): { readonly schema: readonly SchemaComparator[]; readonly table: readonly TableComparator[] } {
  return { schema: [...schemaComparators], table: [...tableComparators] };
}
