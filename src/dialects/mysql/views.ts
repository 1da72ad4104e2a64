import { randomBytes } from "node:crypto";
import type { View } from "../../schema/model.js";
import { mapOutsideQuotes, STRING_LITERALS } from "../../util/sql-text.js";
import type { CanonicalView, Connection, ReflectOptions, ViewSupport } from "../contract/index.js";

/**
 * A stored definition without the connection's database before its names
 * (`` `app`.`users` `` → `` `users` ``), so a view created again from it works
 * in a database of another name.
 */
export function withoutDatabase(definition: string, database: string): string {
  if (database === "") return definition;
  const prefix = `\`${database.replaceAll("`", "``")}\`.`;
  return mapOutsideQuotes(definition, STRING_LITERALS, (part) => part.replaceAll(prefix, ""));
}

function text(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString("utf8") : String(value ?? "");
}

/**
 * The views of the requested databases (schemas), with their definitions as
 * `information_schema.VIEWS` holds them (names qualified and backquoted) and
 * their check option, SQL SECURITY and ALGORITHM. `known.current` is the
 * connection's database when the caller has read it already.
 *
 * @example
 * ```ts
 * const views = await reflectMysqlViews(connection, { schemas: [null] });
 * ```
 */
export async function reflectMysqlViews(connection: Connection, options: ReflectOptions = {}, known?: { readonly current: unknown }): Promise<View[]> {
  const current = known !== undefined ? known.current : (await connection.execute("SELECT DATABASE() AS db")).rows[0]?.["db"];
  const requested = options.schemas && options.schemas.length > 0 ? options.schemas : [null];
  if (current === null || current === undefined) {
    if (requested.includes(null)) return [];
  }
  const defaultSchema = current === null || current === undefined ? "" : text(current);
  const schemas = [...new Set(requested.map((s) => s ?? defaultSchema))];
  const explicit = new Set(requested.filter((s): s is string => s !== null));
  if (options.tables && options.tables.length === 0) return [];
  const params: unknown[] = [...schemas];
  let where = `TABLE_SCHEMA IN (${schemas.map(() => "?").join(", ")})`;
  if (options.tables) {
    where += ` AND TABLE_NAME IN (${options.tables.map(() => "?").join(", ")})`;
    params.push(...options.tables);
  }
  const rows = (
    await connection.execute(
      `SELECT TABLE_SCHEMA AS s, TABLE_NAME AS t, VIEW_DEFINITION AS d, CHECK_OPTION AS c, SECURITY_TYPE AS st, ALGORITHM AS a
       FROM information_schema.VIEWS WHERE ${where} ORDER BY TABLE_SCHEMA, TABLE_NAME`,
      params,
    )
  ).rows;
  return rows.map((row) => {
    const schema = text(row["s"]);
    const check = text(row["c"]).toLowerCase();
    const algorithm = text(row["a"]).toLowerCase();
    return {
      name: text(row["t"]),
      ...(schema === defaultSchema && !explicit.has(schema) ? {} : { schema }),
      definition: withoutDatabase(text(row["d"]), defaultSchema),
      ...(check === "local" || check === "cascaded" ? { checkOption: check } : {}),
      ...(text(row["st"]).toUpperCase() === "INVOKER" ? { securityInvoker: true } : {}),
      ...(algorithm === "merge" || algorithm === "temptable" ? { algorithm } : {}),
    };
  });
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0]!;
}

/**
 * MySQL and MariaDB keep a view's query rewritten (every name qualified and
 * backquoted, every column aliased). DDL is not transactional here, so a
 * declared definition is created as a scratch view (`athanor_view_probe_…`),
 * read from `information_schema.VIEWS` and dropped at once.
 */
export const mysqlViews: ViewSupport = Object.freeze({
  materialized: false,
  options: ["checkOption", "securityInvoker", "algorithm"] as const,
  key(definition: string): string {
    return definition.trim();
  },
  async canonicalize(connection: Connection, views: readonly View[]): Promise<readonly CanonicalView[]> {
    const results: CanonicalView[] = [];
    const current = text((await connection.execute("SELECT DATABASE() AS db")).rows[0]?.["db"]);
    for (const view of views) {
      const probeName = `athanor_view_probe_${randomBytes(4).toString("hex")}`;
      const probe = connection.dialect.quoteTable(probeName, view.schema);
      try {
        await connection.execute(`CREATE VIEW ${probe} AS ${view.definition.trim().replace(/;\s*$/, "")}`);
        const row = (
          await connection.execute("SELECT VIEW_DEFINITION AS d FROM information_schema.VIEWS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?", [
            view.schema ?? null,
            probeName,
          ])
        ).rows[0];
        results.push(row === undefined ? { error: "the scratch view could not be read back" } : { definition: withoutDatabase(text(row["d"]), current) });
      } catch (error) {
        results.push({ error: message(error) });
      } finally {
        await connection.execute(`DROP VIEW IF EXISTS ${probe}`).catch(() => undefined);
      }
    }
    return results;
  },
});
