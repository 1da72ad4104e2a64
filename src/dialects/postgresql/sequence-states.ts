import type { Connection, SequenceState, SequenceTarget } from "../contract/index.js";

/**
 * A sequence's definition by the sequence it resolves to (a standalone one by
 * name, an identity or serial column's through the dependency that ties it to
 * the column): $1 = "sequence" or "identity", $2 = schema (null: the current
 * one), $3 = sequence or table name, $4 = column.
 */
const STATE_SQL = `
SELECT format('%I.%I', n.nspname, c.relname) AS qualified, s.seqstart::text AS start, s.seqmin::text AS min_value,
  s.seqmax::text AS max_value, pg_catalog.format_type(s.seqtypid, NULL) AS type
FROM pg_catalog.pg_sequence s
JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE s.seqrelid = CASE WHEN $1::text = 'sequence'
  THEN pg_catalog.to_regclass(format('%I.%I', coalesce($2::text, current_schema()), $3::text))
  ELSE (SELECT d.objid FROM pg_catalog.pg_depend d
        JOIN pg_catalog.pg_class t ON t.oid = d.refobjid JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
        JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
        WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.deptype IN ('a', 'i')
          AND tn.nspname = coalesce($2::text, current_schema()) AND t.relname = $3::text AND a.attname = $4::text
        ORDER BY d.deptype DESC LIMIT 1) END`;

function sequenceType(type: unknown): SequenceState["type"] {
  return type === "smallint" || type === "integer" ? type : "bigint";
}

/**
 * Where each sequence stands: its `last_value` (read from the sequence itself,
 * so the start or restart value before any is drawn) with its start, bounds
 * and type. A sequence or table that is not there reads as `undefined`.
 *
 * @example
 * ```ts
 * await postgresqlSequenceStates(connection, [{ kind: "sequence", name: "invoice_numbers" }]);
 * // [{ value: "150", start: "1", minValue: "1", maxValue: "9223372036854775807", type: "bigint" }]
 * ```
 */
export async function postgresqlSequenceStates(connection: Connection, targets: readonly SequenceTarget[]): Promise<(SequenceState | undefined)[]> {
  const states: (SequenceState | undefined)[] = [];
  for (const target of targets) {
    const params = target.kind === "sequence" ? ["sequence", target.schema ?? null, target.name, null] : ["identity", target.schema ?? null, target.table, target.column];
    // Nothing here can fail on a name that is not there (a column renamed in the same revision): it reads as none.
    const row = (await connection.execute(STATE_SQL, params)).rows[0];
    if (row === undefined) {
      states.push(undefined);
      continue;
    }
    const value = (await connection.execute(`SELECT last_value::text AS value FROM ${String(row["qualified"])}`)).rows[0]?.["value"];
    states.push({
      value: String(value),
      start: String(row["start"]),
      minValue: String(row["min_value"]),
      maxValue: String(row["max_value"]),
      type: sequenceType(row["type"]),
    });
  }
  return states;
}
