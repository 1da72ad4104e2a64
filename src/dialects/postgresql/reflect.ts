import type {
  CheckConstraint,
  Column,
  ColumnType,
  EnumType,
  ExcludeConstraint,
  ForeignKey,
  ForeignKeyAction,
  Index,
  IndexElement,
  PrimaryKey,
  SchemaModel,
  Table,
  UniqueConstraint,
} from "../../schema/model.js";
import { POSTGRESQL_QUOTING, stripOuterParentheses } from "../../util/sql-text.js";
import { quoteWith } from "../literal.js";
import { sequenceTypeOf } from "../../schema/sequence.js";
import { expressionCollation } from "./index-collations.js";
import { rolledBack } from "./rolled-back-probe.js";
import {
  SEQUENCES_SQL,
  TABLE_SECURITY_SQL,
  sequence,
  sequenceOptionsFromCatalog,
  tableSecurity,
  type SequenceRow,
  type TableSecurityRow,
} from "./reflect-security.js";
import type { Connection, ReflectOptions } from "../contract/index.js";

/**
 * What is read of each column, in the order of the JSON array each column comes back as
 * (an array rather than an object: for tens of thousands of columns the server builds and
 * sends less, and the keys are put back here).
 */
const COLUMN_FIELDS: readonly (readonly [keyof ColumnRow, string])[] = [
  ["name", "a.attname"],
  ["type", "format_type(a.atttypid, a.atttypmod)"],
  ["isArray", "t.typcategory = 'A' AND t.typelem <> 0"],
  ["baseKind", "bt.typtype"],
  ["baseName", "bt.typname"],
  ["baseSchema", "btn.nspname"],
  ["baseSchemaIsDefault", "btn.nspname = current_schema()"],
  ["notNull", "a.attnotnull"],
  // A default holds no column (PostgreSQL refuses one), so it is printed without its table:
  // naming the table makes the server open it, which costs more than the printing.
  ["default", "CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, 0) ELSE pg_get_expr(ad.adbin, ad.adrelid) END"],
  ["generatedSql", "CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid, true) END"],
  ["identity", "nullif(a.attidentity, '')"],
  ["generated", "nullif(a.attgenerated, '')"],
  ["sequenceOwner", "sq.deptype"],
  ["sequenceStart", "sq.seqstart::text"],
  ["sequenceIncrement", "sq.seqincrement::text"],
  ["sequenceMin", "sq.seqmin::text"],
  ["sequenceMax", "sq.seqmax::text"],
  ["sequenceCache", "sq.seqcache::text"],
  ["sequenceCycle", "sq.seqcycle"],
  ["comment", "ds.description"],
  ["collation", "CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN coll.collname END"],
];

/** Where each field of a column is in the array the query sends. */
const AT = Object.fromEntries(COLUMN_FIELDS.map(([name], i) => [name, i])) as Record<keyof ColumnRow, number>;

/** A column as the catalog query sends it (the values of {@link COLUMN_FIELDS}, in order) with its keys. */
function columnRow(v: readonly unknown[]): ColumnRow {
  // one literal: every row gets the same shape at once
  return {
    name: v[AT.name],
    type: v[AT.type],
    isArray: v[AT.isArray],
    baseKind: v[AT.baseKind],
    baseName: v[AT.baseName],
    baseSchema: v[AT.baseSchema],
    baseSchemaIsDefault: v[AT.baseSchemaIsDefault],
    notNull: v[AT.notNull],
    default: v[AT.default],
    generatedSql: v[AT.generatedSql],
    identity: v[AT.identity],
    generated: v[AT.generated],
    sequenceOwner: v[AT.sequenceOwner],
    sequenceStart: v[AT.sequenceStart],
    sequenceIncrement: v[AT.sequenceIncrement],
    sequenceMin: v[AT.sequenceMin],
    sequenceMax: v[AT.sequenceMax],
    sequenceCache: v[AT.sequenceCache],
    sequenceCycle: v[AT.sequenceCycle],
    comment: v[AT.comment],
    collation: v[AT.collation],
  } as ColumnRow;
}

/**
 * Every table of the requested schemas with its columns, indexes and
 * constraints, aggregated to JSON per table: one statement, however many tables.
 * Each kind is read for all the tables at once and grouped by table (not a
 * subquery run once per table), so the server joins the catalogs in bulk.
 * $1 = schema names, $2 = table names or NULL, $3 = whether the default schema is read.
 */
const TABLES_SQL = `
WITH tabs AS (
  SELECT c.oid, n.nspname AS schema, c.relname AS name, n.nspname = current_schema() AS is_default
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
    AND (n.nspname = ANY($1::text[]) OR ($3::boolean AND n.nspname = current_schema()))
    AND ($2::text[] IS NULL OR c.relname = ANY($2::text[]))
),
seqs AS (
  -- the sequence each column owns (serial, 'a') or is the identity of ('i'); the identity first
  SELECT DISTINCT ON (d.refobjid, d.refobjsubid)
    d.refobjid, d.refobjsubid, d.deptype, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle
  FROM tabs JOIN pg_catalog.pg_depend d ON d.refobjid = tabs.oid
  JOIN pg_catalog.pg_sequence s ON s.seqrelid = d.objid
  WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
    AND d.deptype IN ('a', 'i')
  ORDER BY d.refobjid, d.refobjsubid, d.deptype DESC
),
cols AS (
  SELECT a.attrelid AS oid, json_agg(json_build_array(
      ${COLUMN_FIELDS.map(([, sql]) => sql).join(",\n      ")}
    ) ORDER BY a.attnum) AS columns
    FROM tabs JOIN pg_catalog.pg_attribute a ON a.attrelid = tabs.oid
    JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
    JOIN pg_catalog.pg_type bt ON bt.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
    JOIN pg_catalog.pg_namespace btn ON btn.oid = bt.typnamespace
    LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
    LEFT JOIN pg_catalog.pg_collation coll ON coll.oid = a.attcollation
    LEFT JOIN pg_catalog.pg_description ds
      ON ds.objoid = a.attrelid AND ds.classoid = 'pg_catalog.pg_class'::regclass AND ds.objsubid = a.attnum
    LEFT JOIN seqs sq ON sq.refobjid = a.attrelid AND sq.refobjsubid = a.attnum
    WHERE a.attnum > 0 AND NOT a.attisdropped
    GROUP BY a.attrelid
),
idx AS (
  SELECT i.indrelid AS oid, json_agg(json_build_object(
      'name', ic.relname,
      'unique', i.indisunique,
      'method', am.amname,
      'keyCount', i.indnkeyatts,
      'options', (SELECT json_agg(o.opt ORDER BY o.n) FROM unnest(i.indoption) WITH ORDINALITY AS o(opt, n)),
      'elements', (
        SELECT json_agg(CASE WHEN k.attnum = 0
                 THEN json_build_object('expression', pg_get_indexdef(i.indexrelid, k.n::int, true))
                 ELSE json_build_object('column', (SELECT att.attname FROM pg_catalog.pg_attribute att
                                                   WHERE att.attrelid = i.indrelid AND att.attnum = k.attnum)) END ORDER BY k.n)
        FROM unnest(i.indkey) WITH ORDINALITY AS k(attnum, n)),
      'where', pg_get_expr(i.indpred, i.indrelid, true),
      'nullsNotDistinct', coalesce((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false),
      'storage', ic.reloptions,
      'definition', CASE WHEN 0 = ANY (i.indkey::int2[]) THEN pg_get_indexdef(i.indexrelid, 0, true) END,
      -- an index whose operator classes are all their type's default (nearly every one) names none
      'opclasses', CASE WHEN NOT i.indclass::oid[] <@ (SELECT array_agg(dopc.oid) FROM pg_catalog.pg_opclass dopc WHERE dopc.opcdefault) THEN (
        SELECT json_agg((
          SELECT CASE WHEN opc.opcdefault THEN NULL WHEN pg_catalog.pg_opclass_is_visible(opc.oid) THEN quote_ident(opc.opcname)
                      ELSE quote_ident(opcn.nspname) || '.' || quote_ident(opc.opcname) END
          FROM pg_catalog.pg_opclass opc JOIN pg_catalog.pg_namespace opcn ON opcn.oid = opc.opcnamespace
          WHERE opc.oid = k.opclass) ORDER BY k.n)
        FROM unnest(i.indclass::oid[]) WITH ORDINALITY AS k(opclass, n)) END,
      'collations', (
        SELECT json_agg((
          SELECT CASE WHEN pg_catalog.pg_collation_is_visible(co.oid) THEN quote_ident(co.collname)
                      ELSE quote_ident(con.nspname) || '.' || quote_ident(co.collname) END
          FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace con ON con.oid = co.collnamespace
          WHERE co.oid = k.coll AND k.attnum <> 0
            AND k.coll <> (SELECT att.attcollation FROM pg_catalog.pg_attribute att WHERE att.attrelid = i.indrelid AND att.attnum = k.attnum)) ORDER BY k.n)
        FROM unnest(i.indkey::int2[], i.indcollation::oid[]) WITH ORDINALITY AS k(attnum, coll, n))
    ) ORDER BY ic.relname) AS indexes
    FROM tabs JOIN pg_catalog.pg_index i ON i.indrelid = tabs.oid
    JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
    JOIN pg_catalog.pg_am am ON am.oid = ic.relam
    WHERE NOT i.indisprimary
      AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint x
                      WHERE x.conrelid = i.indrelid AND x.conindid = i.indexrelid AND x.contype IN ('p', 'u', 'x'))
    GROUP BY i.indrelid
),
cons AS (
  SELECT co.conrelid AS oid, json_agg(json_build_object(
      'name', co.conname,
      'type', co.contype,
      'columns', (SELECT json_agg((SELECT att.attname FROM pg_catalog.pg_attribute att
                                   WHERE att.attrelid = co.conrelid AND att.attnum = k.attnum) ORDER BY k.n)
                  FROM unnest(co.conkey) WITH ORDINALITY AS k(attnum, n)),
      'refSchema', rn.nspname,
      'refSchemaIsDefault', rn.nspname = current_schema(),
      'refTable', rc.relname,
      'refColumns', (SELECT json_agg((SELECT att.attname FROM pg_catalog.pg_attribute att
                                      WHERE att.attrelid = co.confrelid AND att.attnum = k.attnum) ORDER BY k.n)
                     FROM unnest(co.confkey) WITH ORDINALITY AS k(attnum, n)),
      'onDelete', co.confdeltype,
      'onUpdate', co.confupdtype,
      'match', co.confmatchtype,
      'deferrable', co.condeferrable,
      'deferred', co.condeferred,
      'definition', CASE WHEN co.contype = 'c' OR (co.contype = 'x' AND 0 = ANY (ci.indkey::int2[])) THEN pg_get_constraintdef(co.oid, true) END,
      'nullsNotDistinct', CASE WHEN co.contype = 'u' THEN coalesce((to_jsonb(ci) ->> 'indnullsnotdistinct')::boolean, false) END,
      'method', CASE WHEN co.contype = 'x' THEN (SELECT am.amname FROM pg_catalog.pg_class xc JOIN pg_catalog.pg_am am ON am.oid = xc.relam WHERE xc.oid = co.conindid) END,
      'where', CASE WHEN co.contype = 'x' THEN pg_get_expr(ci.indpred, ci.indrelid, true) END,
      'elements', CASE WHEN co.contype = 'x' THEN (
        SELECT json_agg(json_build_object(
                 'column', att.attname,
                 'expression', pg_get_indexdef(co.conindid, k.n::int, true),
                 'operator', op.oprname,
                 'option', ci.indoption[k.n - 1],
                 'opclass', CASE WHEN opc.opcdefault THEN NULL WHEN pg_catalog.pg_opclass_is_visible(opc.oid) THEN quote_ident(opc.opcname)
                                 ELSE quote_ident(opcn.nspname) || '.' || quote_ident(opc.opcname) END,
                 'collation', CASE WHEN att.attnum IS NULL OR ecoll.oid IS NULL OR ecoll.oid = att.attcollation THEN NULL
                                   WHEN pg_catalog.pg_collation_is_visible(ecoll.oid) THEN quote_ident(ecoll.collname)
                                   ELSE quote_ident(ecolln.nspname) || '.' || quote_ident(ecoll.collname) END) ORDER BY k.n)
        FROM unnest(co.conexclop) WITH ORDINALITY AS k(operator, n)
        JOIN pg_catalog.pg_operator op ON op.oid = k.operator
        LEFT JOIN pg_catalog.pg_opclass opc ON opc.oid = ci.indclass[k.n - 1]
        LEFT JOIN pg_catalog.pg_namespace opcn ON opcn.oid = opc.opcnamespace
        LEFT JOIN pg_catalog.pg_collation ecoll ON ecoll.oid = ci.indcollation[k.n - 1]
        LEFT JOIN pg_catalog.pg_namespace ecolln ON ecolln.oid = ecoll.collnamespace
        LEFT JOIN pg_catalog.pg_attribute att ON att.attrelid = co.conrelid AND att.attnum = ci.indkey[k.n - 1] AND att.attnum > 0) END
    ) ORDER BY co.conname) AS constraints
    FROM tabs JOIN pg_catalog.pg_constraint co ON co.conrelid = tabs.oid
    LEFT JOIN pg_catalog.pg_class rc ON rc.oid = co.confrelid
    LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
    LEFT JOIN pg_catalog.pg_index ci ON ci.indexrelid = co.conindid AND co.contype IN ('u', 'x')
    WHERE co.contype IN ('p', 'u', 'f', 'c', 'x')
    GROUP BY co.conrelid
)
SELECT tb.schema, tb.name, tb.is_default,
  (SELECT d.description FROM pg_catalog.pg_description d
   WHERE d.objoid = tb.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0) AS comment,
  coalesce(cols.columns, '[]'::json) AS columns,
  coalesce(idx.indexes, '[]'::json) AS indexes,
  coalesce(cons.constraints, '[]'::json) AS constraints
FROM tabs tb
LEFT JOIN cols ON cols.oid = tb.oid
LEFT JOIN idx ON idx.oid = tb.oid
LEFT JOIN cons ON cons.oid = tb.oid
ORDER BY tb.is_default DESC, tb.schema, tb.name`;

/** Every enum type of the database with its labels in order, and where the default schema is. */
const ENUMS_SQL = `
SELECT n.nspname AS schema, t.typname AS name, n.nspname = current_schema() AS is_default,
  json_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
GROUP BY n.nspname, t.typname
ORDER BY n.nspname, t.typname`;

interface ColumnRow {
  readonly name: string;
  readonly type: string;
  readonly isArray: boolean;
  readonly baseKind: string;
  readonly baseName: string;
  readonly baseSchema: string;
  readonly baseSchemaIsDefault: boolean;
  readonly notNull: boolean;
  readonly default: string | null;
  readonly identity: "a" | "d" | null;
  readonly generated: string | null;
  readonly generatedSql: string | null;
  readonly sequenceOwner: "a" | "i" | null;
  readonly sequenceStart: number | string | null;
  readonly sequenceIncrement: number | string | null;
  readonly sequenceMin: string | null;
  readonly sequenceMax: string | null;
  readonly sequenceCache: string | null;
  readonly sequenceCycle: boolean | null;
  readonly comment: string | null;
  readonly collation: string | null;
}

interface IndexRow {
  readonly name: string;
  readonly unique: boolean;
  readonly method: string;
  readonly keyCount: number;
  /** Per key column: bit 1 = DESC, bit 2 = NULLS FIRST. */
  readonly options: readonly number[] | null;
  readonly elements: readonly ({ readonly column: string } | { readonly expression: string })[];
  readonly where: string | null;
  readonly nullsNotDistinct: boolean;
  /** `pg_class.reloptions`: `{fillfactor=70}`. */
  readonly storage: readonly string[] | null;
  /** Per element: the operator class when it is not the default one. */
  readonly opclasses: readonly (string | null)[] | null;
  /** Per column element: its collation when it is not the column's own. */
  readonly collations: readonly (string | null)[] | null;
  /** The whole definition, for an index with expression elements (whose COLLATE only it writes). */
  readonly definition: string | null;
}

interface ConstraintRow {
  readonly name: string;
  readonly type: "p" | "u" | "f" | "c" | "x";
  readonly columns: readonly string[] | null;
  readonly refSchema: string | null;
  readonly refSchemaIsDefault: boolean | null;
  readonly refTable: string | null;
  readonly refColumns: readonly string[] | null;
  readonly onDelete: string;
  readonly onUpdate: string;
  readonly match: string;
  readonly deferrable: boolean;
  readonly deferred: boolean;
  /** The CHECK clause (check constraints only). */
  readonly definition: string | null;
  /** Unique constraints: NULLS NOT DISTINCT (PostgreSQL 15). */
  readonly nullsNotDistinct: boolean | null;
  /** Exclusion constraints: the access method, the condition and each element with its operator. */
  readonly method: string | null;
  readonly where: string | null;
  readonly elements:
    | readonly {
        readonly column: string | null;
        readonly expression: string;
        readonly operator: string;
        /** Bit 1 = DESC, bit 2 = NULLS FIRST. */
        readonly option: number | null;
        /** The operator class when it is not the default one. */
        readonly opclass: string | null;
        /** A column element's collation when it is not the column's own. */
        readonly collation: string | null;
      }[]
    | null;
}

interface TableRow {
  readonly schema: string;
  readonly name: string;
  readonly is_default: boolean;
  readonly comment: string | null;
  /** Each column's values, as {@link COLUMN_FIELDS} lists them. */
  readonly columns: readonly (readonly unknown[])[];
  readonly indexes: readonly IndexRow[];
  readonly constraints: readonly ConstraintRow[];
}

interface EnumRow {
  readonly schema: string;
  readonly name: string;
  readonly is_default: boolean;
  readonly labels: readonly string[];
}

const ACTIONS: Readonly<Record<string, ForeignKeyAction | undefined>> = {
  c: "cascade",
  r: "restrict",
  n: "set null",
  d: "set default",
  a: undefined, // NO ACTION is the default: left out so an unstated action reads back the same
};

const MATCH: Readonly<Record<string, ForeignKey["match"]>> = { f: "full", p: "partial", s: undefined };

const SIMPLE_TYPES: Readonly<Record<string, ColumnType>> = {
  smallint: { kind: "smallint" },
  integer: { kind: "integer" },
  bigint: { kind: "bigint" },
  boolean: { kind: "boolean" },
  text: { kind: "text" },
  date: { kind: "date" },
  interval: { kind: "interval" },
  json: { kind: "json" },
  jsonb: { kind: "jsonb" },
  uuid: { kind: "uuid" },
  real: { kind: "float" },
  "double precision": { kind: "double" },
  bytea: { kind: "binary" },
  numeric: { kind: "numeric" },
  "character varying": { kind: "string" },
  bpchar: { kind: "char" },
};

/**
 * A `format_type()` spelling (without `[]`) as a neutral type; anything unknown stays custom SQL.
 *
 * @example
 * ```ts
 * parsePostgresqlType("character varying(20)"); // { kind: "string", length: 20 }
 * parsePostgresqlType("tsvector");              // { kind: "custom", sql: "tsvector" }
 * ```
 */
export function parsePostgresqlType(formatted: string): ColumnType {
  const simple = SIMPLE_TYPES[formatted];
  if (simple) return simple;
  let match = /^numeric\((\d+),(\d+)\)$/.exec(formatted);
  if (match) {
    const scale = Number(match[2]);
    return scale === 0 ? { kind: "numeric", precision: Number(match[1]) } : { kind: "numeric", precision: Number(match[1]), scale };
  }
  match = /^character varying\((\d+)\)$/.exec(formatted);
  if (match) return { kind: "string", length: Number(match[1]) };
  match = /^character\((\d+)\)$/.exec(formatted);
  if (match) return { kind: "char", length: Number(match[1]) };
  match = /^(time|timestamp)(?:\((\d+)\))? (with|without) time zone$/.exec(formatted);
  if (match) {
    const kind = match[1] as "time" | "timestamp";
    const withTimezone = match[3] === "with";
    const type: { kind: "time" | "timestamp"; withTimezone?: boolean; precision?: number } = { kind };
    if (withTimezone) type.withTimezone = true;
    if (match[2] !== undefined) type.precision = Number(match[2]);
    return type as ColumnType;
  }
  return { kind: "custom", sql: formatted };
}

/** How a schema is reported: `undefined` for the default schema when it was read as `null`. */
type SchemaNamer = (schema: string, isDefault: boolean) => string | undefined;

interface Lookup {
  readonly enums: ReadonlyMap<string, EnumRow>;
  readonly schemaOf: SchemaNamer;
}

function columnType(row: ColumnRow, { enums, schemaOf }: Lookup): ColumnType {
  let base: ColumnType;
  if (row.baseKind === "e") {
    const found = enums.get(`${row.baseSchema}.${row.baseName}`);
    const schema = schemaOf(row.baseSchema, row.baseSchemaIsDefault);
    base = { kind: "enum", name: row.baseName, values: found?.labels ?? [], ...(schema === undefined ? {} : { schema }) };
  } else {
    base = parsePostgresqlType(row.isArray ? row.type.replace(/(\[\])+$/, "") : row.type);
  }
  if (!row.isArray) return base;
  // Declared dimensions are not enforced by PostgreSQL; format_type shows one `[]`.
  return { kind: "array", of: base };
}

function toNumber(value: number | string | null): number | undefined {
  if (value === null) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

function column(row: ColumnRow, lookup: Lookup): Column {
  const result: { -readonly [K in keyof Column]: Column[K] } = {
    name: row.name,
    type: columnType(row, lookup),
    nullable: !row.notNull,
  };
  if (row.generated === "s" && row.generatedSql !== null) {
    result.computed = { sql: stripOuterParentheses(row.generatedSql, POSTGRESQL_QUOTING), stored: true };
  } else if (row.identity !== null) {
    const { sequenceStart: start, sequenceIncrement: increment, sequenceMin: min, sequenceMax: max, sequenceCache: cache } = row;
    const known = start !== null && increment !== null && min !== null && max !== null && cache !== null;
    const options = known
      ? sequenceOptionsFromCatalog({ start: String(start), increment: String(increment), min, max, cache, cycle: row.sequenceCycle === true }, sequenceTypeOf(result.type.kind))
      : {};
    result.identity = { always: row.identity === "a", ...options };
  } else if (row.sequenceOwner === "a" && row.default !== null && /^nextval\(/i.test(row.default)) {
    // SERIAL: an owned sequence feeding the default. The default is the mechanism, not a declared value.
    result.autoincrement = true;
  } else if (row.default !== null) {
    result.serverDefault = { kind: "sql", sql: row.default };
  }
  if (row.comment !== null) result.comment = row.comment;
  if (row.collation !== null) result.collation = row.collation;
  return result;
}

/** The sort order PostgreSQL records for one index key, spelled only where it differs from the default. */
function ordering(option: number | undefined): string {
  const desc = ((option ?? 0) & 1) !== 0;
  const nullsFirst = ((option ?? 0) & 2) !== 0;
  return `${desc ? " DESC" : ""}${nullsFirst !== desc ? (nullsFirst ? " NULLS FIRST" : " NULLS LAST") : ""}`;
}

/** Storage parameters as `reloptions` lists them (`fillfactor=70`), numbers as numbers. */
export function storageParameters(options: readonly string[] | null): Record<string, string | number | boolean> | undefined {
  if (options === null || options.length === 0) return undefined;
  const result: Record<string, string | number | boolean> = {};
  for (const option of options) {
    const at = option.indexOf("=");
    const name = at < 0 ? option : option.slice(0, at);
    const text = at < 0 ? "true" : option.slice(at + 1);
    result[name] = /^[+-]?\d+(?:\.\d+)?$/.test(text) ? Number(text) : text === "true" || text === "on" ? true : text === "false" || text === "off" ? false : text;
  }
  return result;
}

function index(row: IndexRow): Index {
  const elements: IndexElement[] = row.elements.map((e, position) => {
    const keyPart = position < row.keyCount;
    const order = keyPart ? ordering(row.options?.[position]) : "";
    const opclass = keyPart && row.opclasses?.[position] ? ` ${row.opclasses[position]}` : "";
    const collation = keyPart && row.collations?.[position] ? ` COLLATE ${row.collations[position]}` : "";
    if ("column" in e && e.column !== null) {
      return order || opclass || collation ? { expression: `${quoteWith(e.column, '"', "PostgreSQL")}${collation}${opclass}${order}` } : e.column;
    }
    const text = (e as { expression: string }).expression;
    const stated = keyPart && row.definition !== null ? expressionCollation(row.definition, position, text) : undefined;
    return { expression: `${stripOuterParentheses(text, POSTGRESQL_QUOTING)}${stated === undefined ? "" : ` COLLATE ${stated}`}${opclass}${order}` };
  });
  const result: { -readonly [K in keyof Index]: Index[K] } = {
    name: row.name,
    columns: elements.slice(0, row.keyCount),
    unique: row.unique,
  };
  const include = elements.slice(row.keyCount).filter((e): e is string => typeof e === "string");
  if (include.length > 0) result.include = include;
  if (row.where !== null) result.where = stripOuterParentheses(row.where, POSTGRESQL_QUOTING);
  if (row.method !== "btree") result.using = row.method;
  if (row.nullsNotDistinct) result.nullsNotDistinct = true;
  const storage = storageParameters(row.storage);
  if (storage !== undefined) result.with = storage;
  return result;
}

function excludeConstraint(row: ConstraintRow): ExcludeConstraint {
  const elements = (row.elements ?? []).map((e, position) => {
    // A column with a collation of its own is written as PostgreSQL takes it back: "room" COLLATE "C";
    // an expression's stated collation only the whole definition writes.
    const stated = e.column === null && row.definition !== null ? expressionCollation(row.definition, position, e.expression) : undefined;
    const expression =
      e.column === null
        ? `${stripOuterParentheses(e.expression, POSTGRESQL_QUOTING)}${stated === undefined ? "" : ` COLLATE ${stated}`}`
        : e.collation !== null
          ? `${quoteWith(e.column, '"', "PostgreSQL")} COLLATE ${e.collation}`
          : e.column;
    const order = ordering(e.option ?? undefined);
    // A sort order (btree exclusions) is written after the operator class: both stay in the expression, as indexes keep them.
    if (order !== "") {
      const element = e.column !== null && e.collation === null ? quoteWith(e.column, '"', "PostgreSQL") : expression;
      return { expression: `${element}${e.opclass !== null ? ` ${e.opclass}` : ""}${order}`, operator: e.operator };
    }
    return { expression, operator: e.operator, ...(e.opclass !== null ? { opclass: e.opclass } : {}) };
  });
  return {
    name: row.name,
    elements,
    ...(row.method !== null && row.method !== "gist" ? { using: row.method } : {}),
    ...(row.where !== null ? { where: stripOuterParentheses(row.where, POSTGRESQL_QUOTING) } : {}),
    ...deferral(row),
  };
}

function checkSql(definition: string): string {
  const body = definition.replace(/\s+NOT VALID$/i, "").replace(/\s+NO INHERIT$/i, "");
  const inner = /^CHECK\s*([\s\S]*)$/i.exec(body)?.[1] ?? body;
  return stripOuterParentheses(inner, POSTGRESQL_QUOTING);
}

function deferral(row: ConstraintRow): { deferrable?: boolean; initially?: "deferred" } {
  const result: { deferrable?: boolean; initially?: "deferred" } = {};
  if (row.deferrable) result.deferrable = true;
  if (row.deferred) result.initially = "deferred";
  return result;
}

function table(row: TableRow, lookup: Lookup): Table {
  const schema = lookup.schemaOf(row.schema, row.is_default);
  let primaryKey: PrimaryKey | undefined;
  const foreignKeys: ForeignKey[] = [];
  const uniques: UniqueConstraint[] = [];
  const checks: CheckConstraint[] = [];
  const excludes: ExcludeConstraint[] = [];
  for (const con of row.constraints) {
    const columns = con.columns ?? [];
    switch (con.type) {
      case "p":
        primaryKey = { name: con.name, columns };
        break;
      case "u":
        uniques.push({ name: con.name, columns, ...deferral(con), ...(con.nullsNotDistinct === true ? { nullsNotDistinct: true } : {}) });
        break;
      case "x":
        excludes.push(excludeConstraint(con));
        break;
      case "c":
        checks.push({ name: con.name, sql: checkSql(con.definition ?? "") });
        break;
      case "f": {
        const fk: { -readonly [K in keyof ForeignKey]: ForeignKey[K] } = {
          name: con.name,
          columns,
          refTable: con.refTable ?? "",
          refColumns: con.refColumns ?? [],
        };
        const refSchema = con.refSchema === null ? undefined : lookup.schemaOf(con.refSchema, con.refSchemaIsDefault === true);
        if (refSchema !== undefined) fk.refSchema = refSchema;
        const onDelete = ACTIONS[con.onDelete];
        const onUpdate = ACTIONS[con.onUpdate];
        if (onDelete) fk.onDelete = onDelete;
        if (onUpdate) fk.onUpdate = onUpdate;
        const match = MATCH[con.match];
        if (match) fk.match = match;
        Object.assign(fk, deferral(con));
        foreignKeys.push(fk);
        break;
      }
    }
  }
  const result: { -readonly [K in keyof Table]: Table[K] } = {
    name: row.name,
    columns: row.columns.map((c) => column(columnRow(c), lookup)),
    foreignKeys,
    uniques,
    checks,
    indexes: row.indexes.map(index),
  };
  if (excludes.length > 0) result.excludes = excludes;
  if (schema !== undefined) result.schema = schema;
  if (primaryKey) result.primaryKey = primaryKey;
  if (row.comment !== null) result.comment = row.comment;
  return result;
}

const SAVEPOINT = "athanor_reflect";

/**
 * Runs the catalog reads with JIT compilation off: the planner's estimates for
 * catalog subqueries are high enough to trigger JIT, whose compile time is many
 * times the query's own. The setting is local to a transaction of our own, or to
 * a savepoint rolled back afterwards inside the caller's transaction, so the
 * session is left as it was. The reads also share one snapshot.
 */
function withoutJit<T>(connection: Connection, read: () => Promise<T>): Promise<T> {
  return rolledBack(connection, SAVEPOINT, "BEGIN READ ONLY", async () => {
    await connection.execute("SET LOCAL jit = off");
    return read();
  });
}

/**
 * Reads tables, columns, keys, constraints, indexes, comments and enum types
 * from PostgreSQL's catalog in two queries, row-level security with policies
 * and the standalone sequences in one each (plus the statements that scope
 * `jit = off` to them), whatever the number of tables.
 * A `null` schema (the default) is the connection's current schema; its tables
 * and enums come back without `schema`, as do references into it.
 *
 * @example
 * ```ts
 * const model = await reflectPostgresql(connection, { schemas: [null, "audit"] });
 * model.tables.map((t) => t.name);
 * ```
 */
export async function reflectPostgresql(connection: Connection, options: ReflectOptions = {}): Promise<SchemaModel> {
  const requested = options.schemas && options.schemas.length > 0 ? options.schemas : [null];
  const includeDefault = requested.includes(null);
  const named = [...new Set(requested.filter((s): s is string => s !== null))];
  const tablesFilter = options.tables ? [...options.tables] : null;

  const { enumRows, tableRows, securityRows, sequenceRows } = await withoutJit(connection, async () => ({
    enumRows: (await connection.execute(ENUMS_SQL)).rows as unknown as EnumRow[],
    tableRows: (await connection.execute(TABLES_SQL, [named, tablesFilter, includeDefault])).rows as unknown as TableRow[],
    securityRows: (await connection.execute(TABLE_SECURITY_SQL, [named, tablesFilter, includeDefault])).rows as unknown as TableSecurityRow[],
    sequenceRows: (await connection.execute(SEQUENCES_SQL, [named, includeDefault])).rows as unknown as SequenceRow[],
  }));
  const securityByTable = new Map(securityRows.map((row) => [`${row.schema}\u0000${row.name}`, tableSecurity(row)]));
  const enumsByName = new Map(enumRows.map((row) => [`${row.schema}.${row.name}`, row]));

  // A schema asked for by name keeps its name, unless the default schema was asked for too.
  const schemaOf: SchemaNamer = (schema, isDefault) => (isDefault && (includeDefault || !named.includes(schema)) ? undefined : schema);

  const tables = tableRows.map((row) => ({ ...table(row, { enums: enumsByName, schemaOf }), ...securityByTable.get(`${row.schema}\u0000${row.name}`) }));
  const sequences = sequenceRows.map((row) => sequence(row, schemaOf));
  const enums: EnumType[] = enumRows
    .filter((row) => (row.is_default && includeDefault) || named.includes(row.schema))
    .map((row) => {
      const schema = schemaOf(row.schema, row.is_default);
      return schema === undefined ? { name: row.name, values: row.labels } : { name: row.name, schema, values: row.labels };
    });
  return { tables, enums, ...(sequences.length > 0 ? { sequences } : {}) };
}
