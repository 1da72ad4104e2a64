import type { NotModelledKind, NotModelledObject } from "../../schema/not-modelled.js";
import type { Connection, ReflectOptions } from "../contract/index.js";

/** Objects an extension owns: created and dropped with it, never the schema's own. */
const NOT_FROM_EXTENSION = (classId: string, oid: string): string =>
  `NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = '${classId}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;

/**
 * Everything of the requested schemas the model does not carry, one row per
 * object: one statement. $1 = schema names, $2 = whether the default schema is read.
 * Sequences behind serial and identity columns, views' `_RETURN` rules, internal
 * triggers (those of foreign keys), a range type's constructors and extension
 * members are the model's or nobody's, and left out.
 */
const NOT_MODELLED_SQL = `
WITH ns AS (
  SELECT oid, nspname, nspname = current_schema() AS is_default FROM pg_catalog.pg_namespace
  WHERE nspname = ANY($1::text[]) OR ($2::boolean AND nspname = current_schema())
)
SELECT 'trigger' AS kind, ns.nspname AS schema, ns.is_default, t.tgname AS name, c.relname AS table_name
FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN ns ON ns.oid = c.relnamespace
WHERE NOT t.tgisinternal AND t.tgparentid = 0
UNION ALL
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END, ns.nspname, ns.is_default,
  p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', NULL
FROM pg_catalog.pg_proc p JOIN ns ON ns.oid = p.pronamespace
WHERE ${NOT_FROM_EXTENSION("pg_catalog.pg_proc", "p.oid")}
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'i')
UNION ALL
SELECT 'rule', ns.nspname, ns.is_default, r.rulename, c.relname
FROM pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON c.oid = r.ev_class JOIN ns ON ns.oid = c.relnamespace
WHERE r.rulename <> '_RETURN'
UNION ALL
SELECT CASE t.typtype WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range type' ELSE 'composite type' END, ns.nspname, ns.is_default, t.typname, NULL
FROM pg_catalog.pg_type t JOIN ns ON ns.oid = t.typnamespace
LEFT JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
WHERE (t.typtype IN ('d', 'r') OR (t.typtype = 'c' AND c.relkind = 'c'))
  AND ${NOT_FROM_EXTENSION("pg_catalog.pg_type", "t.oid")}
UNION ALL
SELECT CASE c.relkind WHEN 'p' THEN 'partitioning' WHEN 'f' THEN 'foreign table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'sequence' END,
  ns.nspname, ns.is_default, CASE WHEN c.relkind = 'p' THEN NULL ELSE c.relname END, CASE WHEN c.relkind = 'p' THEN c.relname END
FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace
WHERE (c.relkind IN ('p', 'f')
  OR (c.relkind = 'S' AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
        WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i'))))
  AND ${NOT_FROM_EXTENSION("pg_catalog.pg_class", "c.oid")}
UNION ALL
SELECT CASE WHEN c.relispartition THEN 'partition' ELSE 'inheritance' END, ns.nspname, ns.is_default,
  CASE WHEN c.relispartition THEN c.relname
       WHEN pn.nspname = ns.nspname THEN pc.relname ELSE pn.nspname || '.' || pc.relname END,
  CASE WHEN c.relispartition THEN pc.relname ELSE c.relname END
FROM pg_catalog.pg_inherits i
JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid JOIN ns ON ns.oid = c.relnamespace
JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
WHERE c.relkind IN ('r', 'p', 'f') AND pc.relkind IN ('r', 'p')
UNION ALL
SELECT 'grants', ns.nspname, ns.is_default, NULL, c.relname
FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relacl IS NOT NULL
UNION ALL
SELECT 'table option', ns.nspname, ns.is_default, 'UNLOGGED', c.relname
FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND c.relpersistence = 'u'
UNION ALL
SELECT 'table option', ns.nspname, ns.is_default, 'WITH (' || array_to_string(c.reloptions, ', ') || ')', c.relname
FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace
WHERE NOT c.relispartition AND c.relkind IN ('r', 'p') AND c.reloptions IS NOT NULL AND cardinality(c.reloptions) > 0
UNION ALL
SELECT 'table option', ns.nspname, ns.is_default, 'TABLESPACE ' || quote_ident(ts.spcname), c.relname
FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace JOIN pg_catalog.pg_tablespace ts ON ts.oid = c.reltablespace
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
UNION ALL
SELECT 'table option', ns.nspname, ns.is_default, 'USING ' || am.amname, c.relname
FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace JOIN pg_catalog.pg_am am ON am.oid = c.relam
WHERE NOT c.relispartition AND c.relkind = 'r' AND am.amname <> current_setting('default_table_access_method')
UNION ALL
SELECT 'table option', ns.nspname, ns.is_default,
  'REPLICA IDENTITY ' || CASE c.relreplident WHEN 'f' THEN 'FULL' WHEN 'n' THEN 'NOTHING'
    ELSE 'USING INDEX ' || coalesce((SELECT quote_ident(ri.relname) FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class ri ON ri.oid = i.indexrelid
                                     WHERE i.indrelid = c.oid AND i.indisreplident), '?') END, c.relname
FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace
WHERE NOT c.relispartition AND c.relkind IN ('r', 'p') AND c.relreplident <> 'd'
UNION ALL
SELECT 'table option', ns.nspname, ns.is_default, 'CLUSTER ON ' || quote_ident(ic.relname), c.relname
FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indrelid JOIN ns ON ns.oid = c.relnamespace
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
WHERE NOT c.relispartition AND i.indisclustered AND c.relkind IN ('r', 'p')
UNION ALL
SELECT 'column option', ns.nspname, ns.is_default,
  a.attname || concat_ws(' ', '',
    CASE WHEN a.attstorage <> t.typstorage THEN 'STORAGE ' || CASE a.attstorage WHEN 'p' THEN 'PLAIN' WHEN 'e' THEN 'EXTERNAL' WHEN 'm' THEN 'MAIN' ELSE 'EXTENDED' END END,
    CASE WHEN a.attcompression <> '' THEN 'COMPRESSION ' || CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' ELSE a.attcompression::text END END,
    CASE WHEN a.attstattarget >= 0 THEN 'STATISTICS ' || a.attstattarget END,
    'SET (' || (SELECT string_agg(o, ', ') FROM unnest(a.attoptions) AS o WHERE o LIKE 'n_distinct%') || ')'),
  c.relname
FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN ns ON ns.oid = c.relnamespace
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
  AND (a.attstorage <> t.typstorage OR a.attcompression <> '' OR a.attstattarget >= 0
    OR EXISTS (SELECT 1 FROM unnest(a.attoptions) AS o WHERE o LIKE 'n_distinct%'))
UNION ALL
SELECT 'index option', ns.nspname, ns.is_default, ic.relname || ' TABLESPACE ' || quote_ident(ts.spcname), c.relname
FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indrelid JOIN ns ON ns.oid = c.relnamespace
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid JOIN pg_catalog.pg_tablespace ts ON ts.oid = ic.reltablespace
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
UNION ALL
SELECT 'index option', ns.nspname, ns.is_default,
  co.conname || concat_ws(' ', '',
    CASE WHEN i.indnatts > i.indnkeyatts THEN 'INCLUDE (' || (SELECT string_agg(quote_ident(att.attname), ', ' ORDER BY k.n)
      FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n) JOIN pg_catalog.pg_attribute att ON att.attrelid = i.indrelid AND att.attnum = k.attnum
      WHERE k.n > i.indnkeyatts) || ')' END,
    CASE WHEN ic.reloptions IS NOT NULL THEN 'WITH (' || array_to_string(ic.reloptions, ', ') || ')' END),
  c.relname
FROM pg_catalog.pg_constraint co JOIN pg_catalog.pg_index i ON i.indexrelid = co.conindid
JOIN pg_catalog.pg_class c ON c.oid = co.conrelid JOIN ns ON ns.oid = c.relnamespace JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
WHERE NOT c.relispartition AND co.contype IN ('p', 'u', 'x') AND c.relkind IN ('r', 'p') AND (i.indnatts > i.indnkeyatts OR ic.reloptions IS NOT NULL)
UNION ALL
SELECT 'constraint option', ns.nspname, ns.is_default,
  co.conname || concat_ws(' ', '',
    CASE WHEN NOT co.convalidated THEN 'NOT VALID' END,
    CASE WHEN co.contype = 'c' AND co.connoinherit THEN 'NO INHERIT' END,
    CASE WHEN jsonb_typeof(to_jsonb(co) -> 'confdelsetcols') = 'array' AND jsonb_array_length(to_jsonb(co) -> 'confdelsetcols') > 0
      THEN 'ON DELETE SET ' || CASE co.confdeltype WHEN 'd' THEN 'DEFAULT' ELSE 'NULL' END || ' ('
        || (SELECT string_agg(quote_ident(att.attname), ', ' ORDER BY k.n)
            FROM jsonb_array_elements_text(to_jsonb(co) -> 'confdelsetcols') WITH ORDINALITY AS k(attnum, n)
            JOIN pg_catalog.pg_attribute att ON att.attrelid = co.conrelid AND att.attnum = k.attnum::int2) || ')' END),
  c.relname
FROM pg_catalog.pg_constraint co JOIN pg_catalog.pg_class c ON c.oid = co.conrelid JOIN ns ON ns.oid = c.relnamespace
WHERE NOT c.relispartition AND c.relkind IN ('r', 'p') AND co.contype IN ('c', 'f')
  AND (NOT co.convalidated OR (co.contype = 'c' AND co.connoinherit)
    -- columns of ON DELETE SET NULL / SET DEFAULT only: the other keys are not turned into JSON
    OR (co.contype = 'f' AND co.confdeltype IN ('n', 'd')
      AND jsonb_typeof(to_jsonb(co) -> 'confdelsetcols') = 'array' AND jsonb_array_length(to_jsonb(co) -> 'confdelsetcols') > 0))
UNION ALL
SELECT 'index', ns.nspname, ns.is_default, ic.relname, c.relname
FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indrelid JOIN ns ON ns.oid = c.relnamespace
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
WHERE c.relkind = 'm'
UNION ALL
SELECT 'comment', ns.nspname, ns.is_default,
  CASE c.relkind WHEN 'i' THEN 'index ' WHEN 'I' THEN 'index ' WHEN 'S' THEN 'sequence ' WHEN 'v' THEN 'view ' ELSE 'materialized view ' END || c.relname,
  CASE WHEN c.relkind IN ('i', 'I') THEN (SELECT t.relname FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class t ON t.oid = i.indrelid WHERE i.indexrelid = c.oid) END
FROM pg_catalog.pg_description d JOIN pg_catalog.pg_class c ON c.oid = d.objoid JOIN ns ON ns.oid = c.relnamespace
WHERE d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0 AND c.relkind IN ('i', 'I', 'S', 'v', 'm')
UNION ALL
SELECT 'comment', ns.nspname, ns.is_default,
  CASE c.relkind WHEN 'v' THEN 'column of view ' ELSE 'column of materialized view ' END || c.relname || '.' || a.attname, NULL
FROM pg_catalog.pg_description d JOIN pg_catalog.pg_class c ON c.oid = d.objoid JOIN ns ON ns.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid
WHERE d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid > 0 AND c.relkind IN ('v', 'm')
UNION ALL
SELECT 'comment', ns.nspname, ns.is_default, 'constraint ' || co.conname, c.relname
FROM pg_catalog.pg_description d JOIN pg_catalog.pg_constraint co ON co.oid = d.objoid
JOIN pg_catalog.pg_class c ON c.oid = co.conrelid JOIN ns ON ns.oid = c.relnamespace
WHERE d.classoid = 'pg_catalog.pg_constraint'::regclass
UNION ALL
SELECT 'comment', ns.nspname, ns.is_default, 'type ' || t.typname, NULL
FROM pg_catalog.pg_description d JOIN pg_catalog.pg_type t ON t.oid = d.objoid JOIN ns ON ns.oid = t.typnamespace
WHERE d.classoid = 'pg_catalog.pg_type'::regclass AND t.typtype = 'e'
UNION ALL
SELECT 'row-level security', ns.nspname, ns.is_default, NULL, c.relname
FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND (c.relrowsecurity OR c.relforcerowsecurity)
UNION ALL
SELECT 'policy', ns.nspname, ns.is_default, p.polname, c.relname
FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid JOIN ns ON ns.oid = c.relnamespace
UNION ALL
SELECT 'statistics', ns.nspname, ns.is_default, s.stxname, c.relname
FROM pg_catalog.pg_statistic_ext s JOIN pg_catalog.pg_class c ON c.oid = s.stxrelid JOIN ns ON ns.oid = s.stxnamespace
UNION ALL
SELECT 'extension', ns.nspname, ns.is_default, e.extname, NULL
FROM pg_catalog.pg_extension e JOIN ns ON ns.oid = e.extnamespace
WHERE e.extname <> 'plpgsql'
UNION ALL
SELECT 'collation', ns.nspname, ns.is_default, co.collname, NULL
FROM pg_catalog.pg_collation co JOIN ns ON ns.oid = co.collnamespace
WHERE ${NOT_FROM_EXTENSION("pg_catalog.pg_collation", "co.oid")}
UNION ALL
SELECT 'operator', ns.nspname, ns.is_default,
  o.oprname || '(' || coalesce(pg_catalog.format_type(NULLIF(o.oprleft, 0), NULL), 'NONE') || ', ' || pg_catalog.format_type(o.oprright, NULL) || ')', NULL
FROM pg_catalog.pg_operator o JOIN ns ON ns.oid = o.oprnamespace
WHERE ${NOT_FROM_EXTENSION("pg_catalog.pg_operator", "o.oid")}
UNION ALL
SELECT 'text search configuration', ns.nspname, ns.is_default, ts.cfgname, NULL
FROM pg_catalog.pg_ts_config ts JOIN ns ON ns.oid = ts.cfgnamespace
WHERE ${NOT_FROM_EXTENSION("pg_catalog.pg_ts_config", "ts.oid")}
ORDER BY 1, 2, 5, 4`;

/**
 * What the requested schemas hold that the PostgreSQL model does not carry:
 * triggers, functions, procedures and aggregates, rules, domains, standalone
 * composite and range types, partitioning and partitions, inheritance, table
 * grants, foreign tables, statistics objects, extensions (plpgsql aside),
 * collations, operators, text search configurations, UNLOGGED and the
 * other table options (storage parameters, tablespace, access method,
 * replica identity, CLUSTER ON), column options (storage, compression,
 * statistics target), index options (tablespace; a constraint's INCLUDE and
 * storage parameters), constraint options (NOT VALID, NO INHERIT, ON DELETE
 * SET NULL (column)), indexes of materialized views, comments on indexes,
 * constraints, views and their columns, sequences and enum types, and views, sequences,
 * policies and row-level security flags (autogenerate leaves out those the
 * model carries). Nothing when only some tables are asked for.
 *
 * @example
 * ```ts
 * await readNotModelledPostgresql(connection, { schemas: [null] });
 * // [{ kind: "trigger", name: "audit", table: "users" }, ...]
 * ```
 */
export async function readNotModelledPostgresql(connection: Connection, options: ReflectOptions = {}): Promise<NotModelledObject[]> {
  if (options.tables !== undefined) return [];
  const requested = options.schemas && options.schemas.length > 0 ? options.schemas : [null];
  const includeDefault = requested.includes(null);
  const named = [...new Set(requested.filter((s): s is string => s !== null))];
  const { rows } = await connection.execute(NOT_MODELLED_SQL, [named, includeDefault]);
  return rows.map((row) => {
    const schema = row["is_default"] === true && (includeDefault || !named.includes(String(row["schema"]))) ? undefined : String(row["schema"]);
    const name = row["name"] === null ? undefined : String(row["name"]);
    const table = row["table_name"] === null ? undefined : String(row["table_name"]);
    return {
      kind: String(row["kind"]) as NotModelledKind,
      ...(name === undefined ? {} : { name }),
      ...(schema === undefined ? {} : { schema }),
      ...(table === undefined ? {} : { table }),
    };
  });
}
