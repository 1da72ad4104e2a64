/**
 * Views: the DSL's view declarations, and the names a view's query reads, by
 * which views are ordered after the tables and views they read.
 */
import { AthanorError } from "../util/errors.js";
import { sqlParts, type SqlQuoting } from "../util/sql-text.js";
import { sqlText, type SqlExpression } from "./expression.js";
import type { View } from "./model.js";

/** Options of a view declaration (`metadata.view`, `op.createView`). */
export interface ViewDeclarationOptions {
  /** The schema (PostgreSQL schema, MySQL database); default: the MetaData's, else the connection's. */
  readonly schema?: string;
  /** `WITH LOCAL|CASCADED CHECK OPTION` (PostgreSQL, MySQL). */
  readonly checkOption?: "local" | "cascaded";
  /** PostgreSQL `security_invoker`, MySQL `SQL SECURITY INVOKER`. */
  readonly securityInvoker?: boolean;
  /** PostgreSQL `security_barrier`. */
  readonly securityBarrier?: boolean;
  /** MySQL `ALGORITHM`. */
  readonly algorithm?: "undefined" | "merge" | "temptable";
}

/** Options of a materialized view declaration (PostgreSQL). */
export interface MaterializedViewDeclarationOptions {
  readonly schema?: string;
  /** Create it `WITH NO DATA`: empty until its first refresh. */
  readonly withNoData?: boolean;
  /** The tablespace its rows are stored in (`TABLESPACE fast_disk`). */
  readonly tablespace?: string;
  /** The table access method (`USING heap`). */
  readonly using?: string;
  /** Storage parameters: `{ fillfactor: 70, autovacuum_enabled: false }` is `WITH (fillfactor = 70, autovacuum_enabled = false)`. */
  readonly with?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * A view of the model from a declaration: the query as SQL text, options
 * given and not `undefined`.
 *
 * @example
 * ```ts
 * buildView("active_users", "SELECT id FROM users WHERE active", {}, false);
 * ```
 */
export function buildView(
  name: string,
  definition: string | SqlExpression,
  options: ViewDeclarationOptions & MaterializedViewDeclarationOptions,
  materialized: boolean,
): View {
  const query = sqlText(definition).trim().replace(/;\s*$/, "").trim();
  if (!name) throw new AthanorError("A view needs a name");
  if (query === "") throw new AthanorError(`View ${JSON.stringify(name)} has no query`, { hint: "give the view its SELECT as SQL text" });
  const view: Record<string, unknown> = { name };
  if (options.schema !== undefined) view["schema"] = options.schema;
  view["definition"] = query;
  if (materialized) view["materialized"] = true;
  for (const key of ["checkOption", "securityInvoker", "securityBarrier", "algorithm", "withNoData", "tablespace", "using"] as const) {
    const value = options[key];
    if (value !== undefined && value !== false) view[key] = value;
  }
  if (options.with !== undefined) {
    if (typeof options.with !== "object" || options.with === null) {
      throw new AthanorError(`Materialized view ${JSON.stringify(name)}: with takes an object of storage parameters, e.g. { fillfactor: 70 }`);
    }
    if (Object.keys(options.with).length > 0) view["with"] = { ...options.with };
  }
  return view as unknown as View;
}

const VIEW_TEXT: SqlQuoting = { quotes: "'\"`", brackets: true, comments: true };

/**
 * The names a query mentions, lower-cased: bare words and quoted identifiers,
 * string literals and comments left out. Keywords and column names come too;
 * callers keep the names of tables and views they know.
 *
 * @example
 * ```ts
 * namesInQuery('SELECT id FROM "Users" WHERE note = \'orders\''); // Set {"select", "id", "from", "users", "where", "note"}
 * ```
 */
export function namesInQuery(sql: string): Set<string> {
  const names = new Set<string>();
  for (const part of sqlParts(sql, VIEW_TEXT)) {
    if (part.quoted) {
      const open = part.text[0];
      if (open === '"' || open === "`") names.add(part.text.slice(1, -1).replaceAll(open + open, open).toLowerCase());
      else if (open === "[") names.add(part.text.slice(1, -1).toLowerCase());
      continue;
    }
    for (const match of part.text.matchAll(/[\p{L}_][\p{L}\p{N}_$]*/gu)) names.add(match[0].toLowerCase());
  }
  return names;
}

function key(name: string, schema: string | undefined): string {
  return `${schema ?? ""}\u0000${name.toLowerCase()}`;
}

/**
 * Views ordered so that each comes after the views it reads (by name, in its
 * own schema or the one it names); declaration order otherwise, and views
 * caught in a cycle in declaration order.
 */
export function sortViews(views: readonly View[]): View[] {
  const names = new Map(views.map((v) => [key(v.name, v.schema), v]));
  const reads = views.map((v) => {
    const found = namesInQuery(v.definition);
    return new Set(views.filter((other) => other !== v && found.has(other.name.toLowerCase())).map((other) => key(other.name, other.schema)));
  });
  const done = new Set<string>();
  const result: View[] = [];
  const remaining = views.map((_v, i) => i);
  while (remaining.length > 0) {
    let pick = remaining.findIndex((i) => [...reads[i]!].every((d) => done.has(d) || !names.has(d)));
    if (pick === -1) pick = 0;
    const [i] = remaining.splice(pick, 1);
    const view = views[i!]!;
    done.add(key(view.name, view.schema));
    result.push(view);
  }
  return result;
}
