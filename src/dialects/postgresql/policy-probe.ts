/**
 * Policy conditions as PostgreSQL keeps them. The server rewrites a policy's
 * USING and WITH CHECK expressions when it stores them (casts on literals,
 * subquery columns qualified by their table, `IN (SELECT ...)` spelled its
 * own way), too freely to undo by text: each declared policy is created on an
 * empty temporary copy of its table, of the same name so that a condition
 * naming the table still reads, and read back the way the catalog reader reads
 * stored ones, inside a transaction (or savepoint) rolled back afterwards.
 */
import type { Connection, PolicyConditions } from "../contract/index.js";
import { inRolledBackProbe } from "./rolled-back-probe.js";

const PROBE = "athanor_policy_probe";


/**
 * Each policy's conditions as the server would keep them on `table`;
 * `undefined` for one it refuses (the stored one then compares by text).
 *
 * @example
 * ```ts
 * const [kept] = await canonicalPostgresqlPolicyConditions(connection, { name: "documents" }, [{ using: "owner = current_user" }]);
 * // kept?.using === "owner = CURRENT_USER"
 * ```
 */
export async function canonicalPostgresqlPolicyConditions(
  connection: Connection,
  table: { readonly name: string; readonly schema?: string },
  policies: readonly PolicyConditions[],
): Promise<(PolicyConditions | undefined)[]> {
  const schema = table.schema ?? String((await connection.execute("SELECT current_schema() AS s")).rows[0]?.["s"] ?? "public");
  const source = `${connection.dialect.quoteIdentifier(schema)}.${connection.dialect.quoteIdentifier(table.name)}`;
  const copy = `pg_temp.${connection.dialect.quoteIdentifier(table.name)}`;
  const results: (PolicyConditions | undefined)[] = [];
  for (const policy of policies) {
    const kept = await inRolledBackProbe(connection, PROBE, async () => {
      await connection.execute(`CREATE TEMPORARY TABLE ${connection.dialect.quoteIdentifier(table.name)} (LIKE ${source})`);
      const using = policy.using === undefined ? "" : ` USING (${policy.using})`;
      const withCheck = policy.withCheck === undefined ? "" : ` WITH CHECK (${policy.withCheck})`;
      await connection.execute(`CREATE POLICY ${PROBE} ON ${copy} FOR ALL${using}${withCheck}`);
      const read = await connection.execute(
        `SELECT pg_catalog.pg_get_expr(polqual, polrelid, true) AS using, pg_catalog.pg_get_expr(polwithcheck, polrelid, true) AS with_check
           FROM pg_catalog.pg_policy WHERE polrelid = $1::regclass AND polname = '${PROBE}'`,
        [copy],
      );
      const row = read.rows[0];
      if (row === undefined) return undefined;
      const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
      const keptUsing = text(row["using"]);
      const keptCheck = text(row["with_check"]);
      return { ...(keptUsing === undefined ? {} : { using: keptUsing }), ...(keptCheck === undefined ? {} : { withCheck: keptCheck }) };
    });
    results.push(kept);
  }
  return results;
}
