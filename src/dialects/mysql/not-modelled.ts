import type { NotModelledKind, NotModelledObject } from "../../schema/not-modelled.js";
import type { Connection, ReflectOptions } from "../contract/index.js";

/**
 * Everything of the given schemas the model does not carry, one row per object:
 * one statement, the schema list given once per part. Partitioning and system
 * versioning come from one pass over TABLES (CREATE_OPTIONS says `partitioned`):
 * reading PARTITIONS and TABLES apart cost the server two walks over every table.
 */
function notModelledSql(placeholders: string): string {
  return `
SELECT 'trigger' AS kind, trigger_schema AS schema_name, trigger_name AS name, event_object_table AS table_name
FROM information_schema.TRIGGERS WHERE trigger_schema IN (${placeholders})
UNION ALL
SELECT LOWER(routine_type), routine_schema, routine_name, NULL
FROM information_schema.ROUTINES WHERE routine_schema IN (${placeholders})
UNION ALL
SELECT 'event', event_schema, event_name, NULL
FROM information_schema.EVENTS WHERE event_schema IN (${placeholders})
UNION ALL
SELECT k.kind, t.table_schema, k.name, t.table_name
FROM information_schema.TABLES t
JOIN (SELECT 'partitioning' AS kind, NULL AS name UNION ALL SELECT 'table option', 'WITH SYSTEM VERSIONING') k
  ON CASE k.kind WHEN 'partitioning' THEN t.create_options LIKE '%partitioned%' ELSE t.table_type = 'SYSTEM VERSIONED' END
WHERE t.table_schema IN (${placeholders}) AND (t.create_options LIKE '%partitioned%' OR t.table_type = 'SYSTEM VERSIONED')
ORDER BY 1, 2, 4, 3`;
}

/**
 * What the given MySQL/MariaDB schemas hold that the model does not carry:
 * triggers, stored functions and procedures, events, partitioning, and
 * (MariaDB) system versioning; MariaDB's sequences are modelled. Grants are left out: they belong to the server's
 * accounts (`mysql.tables_priv`), not to a schema. Nothing when only some
 * tables are asked for.
 *
 * @example
 * ```ts
 * await readNotModelledMysql(connection, { schemas: [null] });
 * // [{ kind: "trigger", name: "audit", table: "users" }, ...]
 * ```
 */
export async function readNotModelledMysql(connection: Connection, options: ReflectOptions = {}): Promise<NotModelledObject[]> {
  if (options.tables !== undefined) return [];
  const current = (await connection.execute("SELECT DATABASE() AS db")).rows[0]?.["db"];
  const requested = options.schemas && options.schemas.length > 0 ? options.schemas : [null];
  const schemas = [...new Set(requested.map((s) => s ?? (typeof current === "string" ? current : "")))].filter((s) => s !== "");
  if (schemas.length === 0) return [];
  const placeholders = schemas.map(() => "?").join(", ");
  const params = Array.from({ length: 4 }, () => schemas).flat();
  const { rows } = await connection.execute(notModelledSql(placeholders), params);
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
