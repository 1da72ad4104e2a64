import type { View } from "../../schema/model.js";
import type { CanonicalView, Connection, ReflectOptions, ViewSupport } from "../contract/index.js";
import { tokenize } from "./sql-text.js";

/**
 * The query of a stored `CREATE VIEW` text: what follows the `AS` after the
 * view's name (and its column list, when it has one).
 */
export function viewQueryOf(createSql: string): string {
  const tokens = tokenize(createSql);
  let depth = 0;
  let seenView = false;
  for (const token of tokens) {
    if (token.kind === "word" && token.value.toUpperCase() === "VIEW") seenView = true;
    else if (token.kind === "punct" && token.value === "(") depth++;
    else if (token.kind === "punct" && token.value === ")") depth--;
    else if (seenView && depth === 0 && token.kind === "word" && token.value.toUpperCase() === "AS") return createSql.slice(token.end).trim();
  }
  return createSql.trim();
}

/**
 * The views of the requested attached databases (`main` by default), with
 * their queries as written.
 *
 * @example
 * ```ts
 * const views = await reflectSqliteViews(connection);
 * ```
 */
export async function reflectSqliteViews(connection: Connection, options: ReflectOptions = {}): Promise<View[]> {
  const requested = options.schemas ?? [null];
  const views: View[] = [];
  // a schema that is not an attached database holds no views (as it holds no tables)
  const attached = new Set((await connection.execute("SELECT name FROM pragma_database_list")).rows.map((row) => String(row["name"])));
  for (const schema of [...new Set(requested.map((s) => s ?? "main"))]) {
    if (!attached.has(schema)) continue;
    const source = `${connection.dialect.quoteIdentifier(schema)}.sqlite_master`;
    const rows = (await connection.execute(`SELECT name, sql FROM ${source} WHERE type = 'view' ORDER BY name`)).rows;
    for (const row of rows) {
      const name = String(row["name"]);
      if (options.tables !== undefined && !options.tables.includes(name)) continue;
      const keepSchema = !(schema === "main" && (requested.includes(null) || requested.length === 0));
      views.push({ name, ...(keepSchema ? { schema } : {}), definition: viewQueryOf(String(row["sql"] ?? "")) });
    }
  }
  return views;
}

/**
 * SQLite keeps a view's text as it was written: a definition is compared token
 * by token, identifiers unquoted and words in lower case, whitespace and
 * comments left out.
 */
export const sqliteViews: ViewSupport = Object.freeze({
  materialized: false,
  options: [] as const,
  key(definition: string): string {
    return tokenize(definition.trim().replace(/;\s*$/, ""))
      .map((token) => (token.kind === "word" || token.kind === "id" ? `"${token.value.toLowerCase()}"` : token.kind === "string" ? `'${token.value}'` : token.value.toLowerCase()))
      .join(" ");
  },
  async canonicalize(_connection: Connection, views: readonly View[]): Promise<readonly CanonicalView[]> {
    return views.map((view) => ({ definition: view.definition }));
  },
});
