import type { Connection } from "../contract/index.js";
import { isCharsetName } from "./ddl.js";

/**
 * Each character set named alone as a column collation (`ascii`), as the
 * collation the server gives a column declared `CHARACTER SET ascii`: its
 * default one (MariaDB 11.2+ after `character_set_collations`), asked of the
 * server. A name it does not know is left out (the statement that uses it
 * will say so).
 *
 * @example
 * ```ts
 * await resolveMysqlCollations(connection, ["ascii", "utf8mb4_bin"]);
 * // Map { "ascii" => "ascii_general_ci" }
 * ```
 */
export async function resolveMysqlCollations(connection: Connection, names: readonly string[]): Promise<ReadonlyMap<string, string>> {
  const resolved = new Map<string, string>();
  for (const name of new Set(names.filter(isCharsetName))) {
    try {
      const { rows } = await connection.execute(`SELECT COLLATION(CONVERT('' USING ${name})) AS c`);
      const collation = rows[0]?.["c"];
      if (typeof collation === "string" && collation !== "") resolved.set(name, collation);
    } catch {
      // An unknown character set: compared as written.
    }
  }
  return resolved;
}
