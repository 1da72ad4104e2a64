import type { View } from "../../schema/model.js";
import type { CanonicalView, Connection, ReflectOptions, ViewSupport } from "../contract/index.js";
import { storageParameters } from "./reflect.js";

/** `$1` = schema names, `$2` = whether the default schema is read, `$3` = view names or null. Extension members are left out. */
const VIEWS_SQL = `
SELECT n.nspname AS schema, n.nspname = current_schema() AS is_default, c.relname AS name, c.relkind::text AS kind,
  pg_catalog.pg_get_viewdef(c.oid) AS definition, c.reloptions AS options,
  CASE WHEN c.relkind = 'm' AND am.amname IS DISTINCT FROM current_setting('default_table_access_method') THEN am.amname END AS access_method,
  ts.spcname AS tablespace
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
LEFT JOIN pg_catalog.pg_tablespace ts ON ts.oid = c.reltablespace
WHERE c.relkind IN ('v', 'm')
  AND (n.nspname = ANY($1::text[]) OR ($2::boolean AND n.nspname = current_schema()))
  AND ($3::text[] IS NULL OR c.relname = ANY($3::text[]))
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
    WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY n.nspname, c.relname`;

function flag(options: readonly string[], name: string): string | undefined {
  const entry = options.find((o) => o.toLowerCase().startsWith(`${name}=`));
  return entry === undefined ? undefined : entry.slice(name.length + 1).toLowerCase();
}

function on(value: string | undefined): boolean {
  return value !== undefined && ["true", "on", "1", "yes", "t", "y"].includes(value);
}

/**
 * The views and materialized views of the requested schemas, with their
 * definitions as `pg_get_viewdef` prints them and their `WITH (...)` options;
 * a materialized view's tablespace and access method where not the defaults.
 *
 * @example
 * ```ts
 * const views = await reflectPostgresqlViews(connection, { schemas: [null] });
 * ```
 */
export async function reflectPostgresqlViews(connection: Connection, options: ReflectOptions = {}): Promise<View[]> {
  const requested = options.schemas && options.schemas.length > 0 ? options.schemas : [null];
  const includeDefault = requested.includes(null);
  const named = [...new Set(requested.filter((s): s is string => s !== null))];
  const rows = (await connection.execute(VIEWS_SQL, [named, includeDefault, options.tables ? [...options.tables] : null])).rows;
  return rows.map((row) => {
    const schema = String(row["schema"]);
    const isDefault = row["is_default"] === true;
    const keepSchema = !(isDefault && (includeDefault || !named.includes(schema)));
    const reloptions = Array.isArray(row["options"]) ? (row["options"] as unknown[]).map(String) : [];
    const checkOption = flag(reloptions, "check_option");
    if (row["kind"] === "m") {
      // A materialized view's reloptions are storage parameters; tablespace and access method only when not the defaults.
      const storage = storageParameters(reloptions);
      return {
        name: String(row["name"]),
        ...(keepSchema ? { schema } : {}),
        definition: String(row["definition"]),
        materialized: true,
        ...(row["tablespace"] === null ? {} : { tablespace: String(row["tablespace"]) }),
        ...(row["access_method"] === null ? {} : { using: String(row["access_method"]) }),
        ...(storage === undefined ? {} : { with: storage }),
      };
    }
    return {
      name: String(row["name"]),
      ...(keepSchema ? { schema } : {}),
      definition: String(row["definition"]),
      ...(checkOption === "local" || checkOption === "cascaded" ? { checkOption } : {}),
      ...(on(flag(reloptions, "security_invoker")) ? { securityInvoker: true } : {}),
      ...(on(flag(reloptions, "security_barrier")) ? { securityBarrier: true } : {}),
    };
  });
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}

/**
 * PostgreSQL keeps a view as a parsed query and prints it back with
 * `pg_get_viewdef`: a declared definition is created under a scratch name
 * inside a transaction (a savepoint when one is open), printed, and rolled back.
 */
export const postgresqlViews: ViewSupport = Object.freeze({
  materialized: true,
  options: ["checkOption", "securityInvoker", "securityBarrier"] as const,
  key(definition: string): string {
    return definition.replace(/\s+/g, " ").trim().replace(/\s*;$/, "");
  },
  async canonicalize(connection: Connection, views: readonly View[]): Promise<readonly CanonicalView[]> {
    const results: CanonicalView[] = [];
    if (views.length === 0) return results;
    const own = !connection.inTransaction;
    if (own) await connection.begin();
    try {
      for (const [i, view] of views.entries()) {
        await connection.execute("SAVEPOINT athanor_view_probe");
        try {
          const probe = connection.dialect.quoteTable(`athanor_view_probe_${i}`, view.schema);
          const query = view.definition.trim().replace(/;\s*$/, "");
          await connection.execute(view.materialized ? `CREATE MATERIALIZED VIEW ${probe} AS ${query} WITH NO DATA` : `CREATE VIEW ${probe} AS ${query}`);
          const row = (await connection.execute("SELECT pg_catalog.pg_get_viewdef($1::regclass) AS definition", [probe])).rows[0];
          results.push({ definition: String(row?.["definition"] ?? "") });
        } catch (error) {
          results.push({ error: message(error) });
        } finally {
          await connection.execute("ROLLBACK TO SAVEPOINT athanor_view_probe");
          await connection.execute("RELEASE SAVEPOINT athanor_view_probe");
        }
      }
    } finally {
      if (own) await connection.rollback();
    }
    return results;
  },
});
