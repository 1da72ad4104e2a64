/**
 * PostgreSQL's row-level security flags, policies and standalone sequences,
 * read from the catalog: one query for the tables that have either, one for
 * the sequences.
 */
import type { Policy, PolicyCommand, RowLevelSecurity, Sequence } from "../../schema/model.js";
import { sequenceOptionsOf, type SequenceType } from "../../schema/sequence.js";
import { POSTGRESQL_QUOTING, stripOuterParentheses } from "../../util/sql-text.js";

/**
 * The tables with row-level security on (or forced) or with policies.
 * $1 = schema names, $2 = table names or NULL, $3 = whether the default schema is read.
 */
export const TABLE_SECURITY_SQL = `
SELECT n.nspname AS schema, c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS force,
  (SELECT coalesce(json_agg(json_build_object(
      'name', p.polname,
      'command', p.polcmd,
      'permissive', p.polpermissive,
      'roles', (SELECT json_agg(CASE WHEN r.role = 0 THEN 'public' ELSE pg_catalog.pg_get_userbyid(r.role) END ORDER BY r.n)
                FROM unnest(p.polroles) WITH ORDINALITY AS r(role, n)),
      'using', pg_catalog.pg_get_expr(p.polqual, p.polrelid, true),
      'withCheck', pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid, true)
    ) ORDER BY p.polname), '[]'::json)
    FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid) AS policies
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND (c.relrowsecurity OR c.relforcerowsecurity OR EXISTS (SELECT 1 FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid))
  AND (n.nspname = ANY($1::text[]) OR ($3::boolean AND n.nspname = current_schema()))
  AND ($2::text[] IS NULL OR c.relname = ANY($2::text[]))`;

/**
 * The standalone sequences: not those of identity columns, nor those of serial
 * columns (owned by a column whose default draws from them).
 * $1 = schema names, $2 = whether the default schema is read.
 */
export const SEQUENCES_SQL = `
SELECT n.nspname AS schema, c.relname AS name, n.nspname = current_schema() AS is_default,
  format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start, s.seqincrement::text AS increment,
  s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle,
  ot.relname AS owner_table, otn.nspname AS owner_schema, oa.attname AS owner_column
FROM pg_catalog.pg_sequence s
JOIN pg_catalog.pg_class c ON c.oid = s.seqrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_depend d
  ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid
 AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
LEFT JOIN pg_catalog.pg_class ot ON ot.oid = d.refobjid
LEFT JOIN pg_catalog.pg_namespace otn ON otn.oid = ot.relnamespace
LEFT JOIN pg_catalog.pg_attribute oa ON oa.attrelid = d.refobjid AND oa.attnum = d.refobjsubid
WHERE (n.nspname = ANY($1::text[]) OR ($2::boolean AND n.nspname = current_schema()))
  AND (d.deptype IS NULL OR d.deptype = 'a')
  AND NOT EXISTS (
    SELECT 1 FROM pg_catalog.pg_depend dd
    JOIN pg_catalog.pg_attrdef ad ON ad.oid = dd.objid
    WHERE dd.classid = 'pg_catalog.pg_attrdef'::regclass AND dd.refclassid = 'pg_catalog.pg_class'::regclass
      AND dd.refobjid = c.oid AND d.deptype = 'a' AND ad.adrelid = d.refobjid AND ad.adnum = d.refobjsubid)
ORDER BY n.nspname, c.relname`;

export interface TableSecurityRow {
  readonly schema: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly force: boolean;
  readonly policies: readonly {
    readonly name: string;
    readonly command: "r" | "a" | "w" | "d" | "*";
    readonly permissive: boolean;
    readonly roles: readonly string[] | null;
    readonly using: string | null;
    readonly withCheck: string | null;
  }[];
}

export interface SequenceRow {
  readonly schema: string;
  readonly name: string;
  readonly is_default: boolean;
  readonly type: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
  readonly owner_table: string | null;
  readonly owner_schema: string | null;
  readonly owner_column: string | null;
}

const COMMANDS: Readonly<Record<string, PolicyCommand | undefined>> = { r: "select", a: "insert", w: "update", d: "delete", "*": undefined };

/** One table's flags and policies as the model keeps them (defaults left out). */
export function tableSecurity(row: TableSecurityRow): { rowLevelSecurity?: RowLevelSecurity; policies?: Policy[] } {
  const result: { rowLevelSecurity?: RowLevelSecurity; policies?: Policy[] } = {};
  if (row.enabled || row.force) result.rowLevelSecurity = row.force ? { enabled: row.enabled, force: true } : { enabled: row.enabled };
  const policies = row.policies.map((p): Policy => {
    const command = COMMANDS[p.command];
    const roles = p.roles ?? [];
    const onlyPublic = roles.length === 0 || (roles.length === 1 && roles[0] === "public");
    return {
      name: p.name,
      ...(p.permissive ? {} : { as: "restrictive" as const }),
      ...(command !== undefined ? { for: command } : {}),
      ...(onlyPublic ? {} : { to: roles }),
      ...(p.using !== null ? { using: stripOuterParentheses(p.using, POSTGRESQL_QUOTING) } : {}),
      ...(p.withCheck !== null ? { withCheck: stripOuterParentheses(p.withCheck, POSTGRESQL_QUOTING) } : {}),
    };
  });
  if (policies.length > 0) result.policies = policies;
  return result;
}

function integerType(type: string): SequenceType | undefined {
  return type === "smallint" || type === "integer" || type === "bigint" ? type : undefined;
}

/** Sequence options read from `pg_sequence` as the model keeps them: defaults for the type left out. */
export function sequenceOptionsFromCatalog(row: Pick<SequenceRow, "start" | "increment" | "min" | "max" | "cache" | "cycle">, type: SequenceType) {
  return sequenceOptionsOf(
    { start: BigInt(row.start), increment: BigInt(row.increment), minValue: BigInt(row.min), maxValue: BigInt(row.max), cache: BigInt(row.cache), cycle: row.cycle },
    type,
  );
}

/** One standalone sequence as the model keeps it. */
export function sequence(row: SequenceRow, schemaOf: (schema: string, isDefault: boolean) => string | undefined): Sequence {
  const type = integerType(row.type) ?? "bigint";
  const schema = schemaOf(row.schema, row.is_default);
  const ownerSchema = row.owner_schema === null ? undefined : row.owner_schema;
  return {
    name: row.name,
    ...(schema !== undefined ? { schema } : {}),
    ...(type !== "bigint" ? { type } : {}),
    ...sequenceOptionsFromCatalog(row, type),
    ...(row.owner_table !== null && row.owner_column !== null && ownerSchema === row.schema ? { ownedBy: { table: row.owner_table, column: row.owner_column } } : {}),
  };
}
