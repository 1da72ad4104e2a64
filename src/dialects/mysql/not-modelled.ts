import type { NotModelledKind, NotModelledObject } from "../../schema/not-modelled.js";
import type { Connection, ReflectOptions } from "../contract/index.js";

const ROUTINES_SQL = (placeholders: string): string => `
SELECT 'trigger' AS kind, trigger_schema AS schema_name, trigger_name AS name, event_object_table AS table_name
FROM information_schema.TRIGGERS WHERE trigger_schema IN (${placeholders})
UNION ALL
SELECT LOWER(routine_type), routine_schema, routine_name, NULL
FROM information_schema.ROUTINES WHERE routine_schema IN (${placeholders})
UNION ALL
SELECT 'event', event_schema, event_name, NULL
FROM information_schema.EVENTS WHERE event_schema IN (${placeholders})`;

/**
 * Everything of the given schemas the model does not carry, one row per object:
 * one statement, the schema list given once per part. Partitioning and system
 * versioning come from one pass over TABLES (CREATE_OPTIONS says `partitioned`):
 * reading PARTITIONS and TABLES apart cost the server two walks over every table.
 */
function notModelledSql(placeholders: string): string {
  return `${ROUTINES_SQL(placeholders)}
UNION ALL
SELECT k.kind, t.table_schema, k.name, t.table_name
FROM information_schema.TABLES t
JOIN (SELECT 'partitioning' AS kind, NULL AS name UNION ALL SELECT 'table option', 'WITH SYSTEM VERSIONING') k
  ON CASE k.kind WHEN 'partitioning' THEN t.create_options LIKE '%partitioned%' ELSE t.table_type = 'SYSTEM VERSIONED' END
WHERE t.table_schema IN (${placeholders}) AND (t.create_options LIKE '%partitioned%' OR t.table_type = 'SYSTEM VERSIONED')
ORDER BY 1, 2, 4, 3`;
}

type Row = Record<string, unknown>;

/** The schemas whose objects are listed: the requested ones, `null` as the connection's database; none without one. */
function schemasOf(current: unknown, options: ReflectOptions): string[] {
  const requested = options.schemas && options.schemas.length > 0 ? options.schemas : [null];
  return [...new Set(requested.map((s) => s ?? (typeof current === "string" ? current : "")))].filter((s) => s !== "");
}

/**
 * The statement for the triggers, routines and events of what
 * {@link readNotModelledMysql} lists, for a caller that has the listing of
 * TABLES already; `undefined` when nothing is listed.
 */
export function notModelledRoutinesStatement(current: unknown, options: ReflectOptions): { sql: string; params: unknown[] } | undefined {
  if (options.tables !== undefined) return undefined;
  const schemas = schemasOf(current, options);
  if (schemas.length === 0) return undefined;
  return { sql: `${ROUTINES_SQL(schemas.map(() => "?").join(", "))}\nORDER BY 1, 2, 4, 3`, params: Array.from({ length: 3 }, () => schemas).flat() };
}

/**
 * What a caller has read already: `DATABASE()`, the rows of
 * {@link notModelledRoutinesStatement}, and the listing of TABLES of the same
 * schemas (`s`, `t`, `kind` = TABLE_TYPE, `opts` = CREATE_OPTIONS) in order of schema and name.
 */
export interface KnownNotModelled {
  readonly current: unknown;
  readonly routines: readonly Row[];
  readonly listing: readonly Row[];
}

/** Partitioning and system versioning from the listing of TABLES, as the union of {@link notModelledSql} gives them. */
function tableRows(listing: readonly Row[]): Row[] {
  const rows: Row[] = [];
  for (const row of listing) {
    const opts = row["opts"] === null || row["opts"] === undefined ? "" : String(row["opts"]);
    if (/partitioned/i.test(opts)) rows.push({ kind: "partitioning", schema_name: row["s"], name: null, table_name: row["t"] });
    if (String(row["kind"]) === "SYSTEM VERSIONED") rows.push({ kind: "table option", schema_name: row["s"], name: "WITH SYSTEM VERSIONING", table_name: row["t"] });
  }
  return rows;
}

/** The kinds' order of the union's ORDER BY (its first column); each part keeps its own order within a kind. */
function byKind(a: Row, b: Row): number {
  const x = String(a["kind"]);
  const y = String(b["kind"]);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * What the given MySQL/MariaDB schemas hold that the model does not carry:
 * triggers, stored functions and procedures, events, partitioning, and
 * (MariaDB) system versioning; MariaDB's sequences are modelled. Grants are left out: they belong to the server's
 * accounts (`mysql.tables_priv`), not to a schema. Nothing when only some
 * tables are asked for. `known` holds what the caller has read already
 * (see {@link KnownNotModelled}).
 *
 * @example
 * ```ts
 * await readNotModelledMysql(connection, { schemas: [null] });
 * // [{ kind: "trigger", name: "audit", table: "users" }, ...]
 * ```
 */
export async function readNotModelledMysql(connection: Connection, options: ReflectOptions = {}, known?: KnownNotModelled): Promise<NotModelledObject[]> {
  if (options.tables !== undefined) return [];
  const current = known !== undefined ? known.current : (await connection.execute("SELECT DATABASE() AS db")).rows[0]?.["db"];
  const requested = options.schemas && options.schemas.length > 0 ? options.schemas : [null];
  const schemas = schemasOf(current, options);
  if (schemas.length === 0) return [];
  let rows: readonly Row[];
  if (known !== undefined) {
    rows = [...known.routines, ...tableRows(known.listing)].sort(byKind);
  } else {
    const placeholders = schemas.map(() => "?").join(", ");
    const params = Array.from({ length: 4 }, () => schemas).flat();
    ({ rows } = await connection.execute(notModelledSql(placeholders), params));
  }
  return rows.map((row) => {
    const rowSchema = String(row["schema_name"]);
    const schema = rowSchema === current && requested.includes(null) ? undefined : rowSchema;
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
