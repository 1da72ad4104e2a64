import type { NotModelledKind, NotModelledObject } from "../../schema/not-modelled.js";
import type { Connection, ReflectOptions } from "../contract/index.js";

/**
 * What the given SQLite schemas hold that the model does not carry: triggers,
 * the STRICT and WITHOUT ROWID options, and virtual tables (FTS, R*Tree, …; their shadow tables are the
 * virtual table's, neither tables nor reported). Nothing when only some
 * tables are asked for.
 *
 * @example
 * ```ts
 * await readNotModelledSqlite(connection);
 * // [{ kind: "virtual table", name: "docs_fts" }, { kind: "trigger", name: "audit", table: "users" }]
 * ```
 */
export async function readNotModelledSqlite(connection: Connection, options: ReflectOptions = {}): Promise<NotModelledObject[]> {
  if (options.tables !== undefined) return [];
  const requested = options.schemas ?? [null];
  const schemas = [...new Set(requested.map((s) => s ?? "main"))];
  const found: NotModelledObject[] = [];
  const add = (kind: NotModelledKind, schema: string, name: string, table?: string): void => {
    found.push({
      kind,
      name,
      ...(schema === "main" && requested.includes(null) ? {} : { schema }),
      ...(table === undefined ? {} : { table }),
    });
  };
  const virtual = (
    await connection.execute(
      `SELECT schema, name FROM pragma_table_list WHERE type = 'virtual' AND schema IN (SELECT value FROM json_each(?)) ORDER BY schema, name`,
      [JSON.stringify(schemas)],
    )
  ).rows;
  for (const row of virtual) add("virtual table", String(row["schema"]), String(row["name"]));
  const flagged = (
    await connection.execute(
      `SELECT schema, name, wr, strict FROM pragma_table_list
       WHERE type = 'table' AND (wr OR strict) AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND schema IN (SELECT value FROM json_each(?)) ORDER BY schema, name`,
      [JSON.stringify(schemas)],
    )
  ).rows;
  for (const row of flagged) {
    if (Number(row["strict"]) === 1) add("table option", String(row["schema"]), "STRICT", String(row["name"]));
    if (Number(row["wr"]) === 1) add("table option", String(row["schema"]), "WITHOUT ROWID", String(row["name"]));
  }
  // a schema that is not an attached database holds nothing
  const attached = new Set((await connection.execute("SELECT name FROM pragma_database_list")).rows.map((row) => String(row["name"])));
  for (const schema of schemas.filter((s) => attached.has(s))) {
    const { rows } = await connection.execute(
      `SELECT type, name, tbl_name FROM ${connection.dialect.quoteIdentifier(schema)}.sqlite_master
       WHERE type = 'trigger' ORDER BY type, tbl_name, name`,
    );
    for (const row of rows) {
      if (row["type"] === "trigger") add("trigger", schema, String(row["name"]), String(row["tbl_name"]));
      else add("view", schema, String(row["name"]));
    }
  }
  return found;
}
