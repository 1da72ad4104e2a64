import { sqlParts, STRING_LITERALS } from "../../util/sql-text.js";
import { postgresqlSequenceStates } from "./sequence-states.js";
import type { Connection, DialectCompareRules } from "../contract/index.js";
import { canonicalPostgresqlPolicyConditions } from "./policy-probe.js";
import { inRolledBackProbe } from "./rolled-back-probe.js";

const PROBE = "athanor_check_probe";

/**
 * Each condition added, NOT VALID, to an empty temporary copy of the table's
 * columns and read back with pg_get_constraintdef, inside a transaction (or
 * savepoint) rolled back afterwards.
 */
async function canonicalPostgresqlChecks(connection: Connection, table: { readonly name: string; readonly schema?: string }, conditions: readonly string[]): Promise<(string | undefined)[]> {
  const source = connection.dialect.quoteTable(table.name, table.schema ?? null);
  const results: (string | undefined)[] = [];
  for (const condition of conditions) {
    const kept = await inRolledBackProbe(connection, PROBE, async () => {
      await connection.execute(`CREATE TEMPORARY TABLE ${PROBE} (LIKE ${source})`);
      await connection.execute(`ALTER TABLE ${PROBE} ADD CONSTRAINT ${PROBE} CHECK (${condition}) NOT VALID`);
      const read = await connection.execute(`SELECT pg_get_constraintdef(oid, true) AS definition FROM pg_catalog.pg_constraint WHERE conrelid = '${PROBE}'::regclass AND conname = '${PROBE}'`);
      const definition = read.rows[0]?.["definition"];
      return typeof definition === "string" ? checkClause(definition) : undefined;
    });
    results.push(kept);
  }
  return results;
}

/** The condition of a `CHECK (...) [NOT VALID]` definition. */
function checkClause(definition: string): string {
  const body = definition.replace(/\s+NOT VALID$/i, "").replace(/\s+NO INHERIT$/i, "");
  const inner = /^CHECK\s*\(([\s\S]*)\)$/i.exec(body.trim());
  return inner ? inner[1]! : body;
}

/** Type names PostgreSQL accepts for one type, in the spelling compared. */
const SYNONYMS: readonly [RegExp, string][] = [
  [/^character varying\b/, "varchar"],
  [/^character\b/, "char"],
  [/^bpchar\b/, "char"],
  [/^(?:int4|int|serial|serial4)$/, "integer"],
  [/^(?:int2|smallserial|serial2)$/, "smallint"],
  [/^(?:int8|bigserial|serial8)$/, "bigint"],
  [/^bool$/, "boolean"],
  [/^float8$/, "double precision"],
  [/^float4$/, "real"],
  [/^decimal\b/, "numeric"],
  [/^timestamp(\(\d+\))? without time zone$/, "timestamp$1"],
  [/^timestamptz(\(\d+\))?$/, "timestamp$1 with time zone"],
  [/^time(\(\d+\))? without time zone$/, "time$1"],
  [/^timetz(\(\d+\))?$/, "time$1 with time zone"],
  [/^varbit\b/, "bit varying"],
];

/** A cast PostgreSQL adds when it prints an expression: `::text`, `::character varying(20)[]`, `::"my type"`. */
const CAST = /::\s*(?:"(?:[^"]|"")*"|[a-z_][\w.]*)(?:\s+(?:varying|precision|with(?:out)?\s+time\s+zone))*(?:\s*\(\s*\d+(?:\s*,\s*\d+)?\s*\))?(?:\[\])*/gi;

/** Quoted numbers PostgreSQL prints for negative constants (`'-1'::integer`) lose their quotes. */
const QUOTED_NUMBER = /'([+-]?(?:\d+(?:\.\d*)?|\.\d+))'(?=::)/g;

/** What each interval unit adds: months, days or seconds, and how many. */
const INTERVAL_UNITS: readonly [RegExp, "months" | "days" | "seconds", number][] = [
  [/^(?:millenniums?|millennia|mil|mils)$/, "months", 12_000],
  [/^(?:centurys?|centuries|c|cent)$/, "months", 1200],
  [/^(?:decades?|decs?)$/, "months", 120],
  [/^(?:years?|yrs?|y)$/, "months", 12],
  [/^(?:months?|mons?)$/, "months", 1],
  [/^(?:weeks?|w)$/, "days", 7],
  [/^(?:days?|d)$/, "days", 1],
  [/^(?:hours?|hrs?|h)$/, "seconds", 3600],
  [/^(?:minutes?|mins?|m)$/, "seconds", 60],
  [/^(?:seconds?|secs?|s)$/, "seconds", 1],
  [/^(?:milliseconds?|msecs?|ms)$/, "seconds", 0.001],
  [/^(?:microseconds?|usecs?|us)$/, "seconds", 0.000001],
];

/**
 * The amount an interval literal stands for, as one spelling: PostgreSQL prints
 * `interval '2 hours'` as `'02:00:00'::interval` and `'1 year 2 months'` as
 * `'1 year 2 mons'`. Undefined when the text is not a plain interval.
 */
function intervalAmount(text: string): string | undefined {
  const total = { months: 0, days: 0, seconds: 0 };
  let rest = text.trim().toLowerCase().replace(/^@\s*/, "");
  let sign = 1;
  if (/\s+ago$/.test(rest)) {
    sign = -1;
    rest = rest.replace(/\s+ago$/, "");
  }
  const token = /^\s*(?:([+-]?)(\d+):(\d+)(?::(\d+(?:\.\d+)?))?|([+-]?\d+(?:\.\d+)?)\s*([a-z]+))/;
  let read = 0;
  while (rest.trim() !== "") {
    const match = token.exec(rest);
    if (!match) return undefined;
    rest = rest.slice(match[0].length);
    read += 1;
    if (match[2] !== undefined) {
      const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0);
      total.seconds += match[1] === "-" ? -seconds : seconds;
      continue;
    }
    const unit = INTERVAL_UNITS.find(([pattern]) => pattern.test(match[6]!));
    if (!unit) return undefined;
    total[unit[1]] += Number(match[5]) * unit[2];
  }
  if (read === 0) return undefined;
  const round = (n: number): number => Math.round(n * sign * 1e6) / 1e6 + 0;
  return `${round(total.months)} months ${round(total.days)} days ${round(total.seconds)} seconds`;
}

/**
 * A typed literal (`interval '1 day'`, `date '2020-01-01'`) in the spelling
 * PostgreSQL prints it (`'1 day'::interval`), the text of an interval as its
 * amount; the literal's own text is never touched otherwise.
 */
function typedLiterals(sql: string): string {
  const prefix = /\b(interval|date|time|timestamp|timestamptz|timetz|jsonb?|uuid|text)\s*$/i;
  // Literal by literal: the text before each one may end in a type name.
  let result = "";
  let before = "";
  for (const part of sqlParts(sql, STRING_LITERALS)) {
    if (!part.quoted) {
      before = part.text;
      continue;
    }
    const typed = prefix.exec(before);
    const pending = typed ? typed[1]!.toLowerCase() : undefined;
    if (typed) before = before.slice(0, typed.index);
    let literal = part.text;
    const cast = /^\s*::\s*interval\b/i.test(sql.slice(part.end));
    if (pending === "interval" || cast) {
      const amount = intervalAmount(literal.slice(1, -1).replace(/''/g, "'"));
      if (amount !== undefined) literal = `'${amount}'`;
    }
    result += before + literal + (pending === undefined ? "" : `::${pending}`);
    before = "";
  }
  return result + before;
}

/**
 * The operator classes PostgreSQL uses by default for their types (btree's, and
 * jsonb_ops for GIN): an index element naming one (drizzle's `.op("text_ops")`)
 * is the element without it, as the catalog reads it back.
 */
const BTREE_DEFAULT_OPERATOR_CLASSES =
  "text_ops|varchar_ops|bpchar_ops|char_ops|name_ops|int2_ops|int4_ops|int8_ops|float4_ops|float8_ops|numeric_ops|bool_ops|date_ops|time_ops|timetz_ops|timestamp_ops|timestamptz_ops|interval_ops|uuid_ops|bytea_ops|bit_ops|varbit_ops|oid_ops|inet_ops|macaddr_ops|enum_ops|array_ops|range_ops|jsonb_ops";
const DEFAULT_OPERATOR_CLASS = new RegExp(`\\s+(?:pg_catalog\\.)?(?:${BTREE_DEFAULT_OPERATOR_CLASSES})(?=(?:\\s+(?:asc|desc|nulls\\s+(?:first|last)))*\\s*$)`, "i");

/**
 * The operator classes each access method that can back an exclusion
 * constraint uses by default for some type (btree's are those above; gist's
 * from btree_gist are all named `gist_<type>_ops`).
 */
const DEFAULT_OPERATOR_CLASSES: Readonly<Record<string, RegExp>> = {
  btree: new RegExp(`^(?:pg_catalog\\.)?(?:${BTREE_DEFAULT_OPERATOR_CLASSES})$`, "i"),
  hash: /^(?:pg_catalog\.)?(?:aclitem|array|bool|bpchar|bytea|char|cid|date|enum|float4|float8|inet|int2|int4|int8|interval|jsonb|macaddr8|macaddr|multirange|name|numeric|oid|oidvector|pg_lsn|range|record|text|tid|time|timestamp|timestamptz|timetz|uuid|xid8|xid)_ops$/i,
  gist: /^(?:(?:pg_catalog\.)?(?:box|circle|multirange|point|poly|range|tsquery|tsvector)_ops|(?:[A-Za-z_][\w$]*\.)?gist_[a-z0-9_]+_ops)$/i,
  spgist: /^(?:pg_catalog\.)?(?:box|inet|poly|quad_point|range|text)_ops$/i,
};

/** An operand of BETWEEN simple enough to repeat: a (quoted) column, a number or a string literal. */
const OPERAND = `(?:"(?:[^"]|"")+"|[A-Za-z_][\\w$.]*|[+-]?\\d+(?:\\.\\d+)?|'(?:[^']|'')*')`;
const BETWEEN = new RegExp(`(${OPERAND})\\s+(NOT\\s+)?BETWEEN\\s+(${OPERAND})\\s+AND\\s+(${OPERAND})`, "gi");

/**
 * `x BETWEEN a AND b` as PostgreSQL keeps it (`x >= a AND x <= b`; NOT BETWEEN
 * as `x < a OR x > b`), for simple operands; the live comparison asks the
 * database for anything else.
 */
function betweenAsComparisons(sql: string): string {
  return sql.replace(BETWEEN, (_all, x: string, not: string | undefined, low: string, high: string) =>
    not ? `(${x} < ${low} OR ${x} > ${high})` : `${x} >= ${low} AND ${x} <= ${high}`,
  );
}

function withoutDefaultOperatorClass(sql: string): string {
  return sql.replace(DEFAULT_OPERATOR_CLASS, "");
}

function withoutCasts(sql: string): string {
  return sql.replace(QUOTED_NUMBER, "$1").replace(CAST, "");
}

/**
 * `x = ANY (ARRAY[a, b])` (how PostgreSQL prints `x IN (a, b)`) back to `IN`,
 * and `x <> ALL (ARRAY[...])` back to `NOT IN`.
 */
function inLists(sql: string): string {
  return sql
    // LIKE and ILIKE as PostgreSQL prints them.
    .replace(/!~~\*/g, " NOT ILIKE ")
    .replace(/~~\*/g, " ILIKE ")
    .replace(/!~~/g, " NOT LIKE ")
    .replace(/~~/g, " LIKE ")
    .replace(/=\s*ANY\s*\(+\s*ARRAY\s*\[([^\]]*)\]\s*\)+/gi, " IN ($1)")
    .replace(/<>\s*ALL\s*\(+\s*ARRAY\s*\[([^\]]*)\]\s*\)+/gi, " NOT IN ($1)");
}

/**
 * How PostgreSQL's spellings compare: `int4`, `character varying`,
 * `timestamp without time zone`, `numeric(10,0)` and `float(53)` are the types
 * declared as `integer`, `varchar`, `timestamp`, `numeric(10)` and
 * `double precision`; defaults and conditions lose the casts PostgreSQL adds
 * (`'x'::text`, `'-1'::integer`, `(a)::text = ANY (ARRAY[...])`); a default
 * `nextval('..._seq'::regclass)` of a serial column is its autoincrement.
 * A type change PostgreSQL does not convert by itself (text to integer, to an
 * enum, to uuid) is given `USING col::type`.
 */
const NUMBERS = new Set(["smallint", "integer", "bigint", "numeric", "float", "double"]);
const TEXTS = new Set(["string", "char", "text"]);

export const postgresqlCompareRules: DialectCompareRules = {
  // Collation names are identifiers, compared as written; "default" is none.
  collationKey(collation) {
    return collation === "default" ? undefined : collation;
  },
  conversion(column, from, to, rendered) {
    const needed =
      from.kind === to.kind
        ? from.kind === "enum" || from.kind === "custom" || from.kind === "array"
        : !(NUMBERS.has(from.kind) && NUMBERS.has(to.kind)) && !TEXTS.has(to.kind); // to text every type converts by itself
    if (!needed) return undefined;
    // Between an enum and another type there is no direct cast: through text.
    return from.kind === "enum" || to.kind === "enum" ? `${column}::text::${rendered}` : `${column}::${rendered}`;
  },
  typeKey(rendered) {
    let text = rendered;
    for (const [pattern, replacement] of SYNONYMS) text = text.replace(pattern, replacement);
    text = text.replace(/^numeric\((\d+),0\)$/, "numeric($1)");
    const float = /^float(?:\((\d+)\))?$/.exec(text);
    if (float) text = float[1] !== undefined && Number(float[1]) <= 24 ? "real" : "double precision";
    if (text === "char") text = "char(1)";
    return text;
  },
  defaultSql(sql: string): string {
    const bare = withoutCasts(typedLiterals(sql.trim()));
    // nextval('t_id_seq') of a sequence feeding the column: compared as the autoincrement it is.
    return /^nextval\(/i.test(bare) ? "nextval()" : bare;
  },
  expression(sql) {
    return inLists(withoutCasts(typedLiterals(betweenAsComparisons(withoutDefaultOperatorClass(sql)))));
  },
  namedEnums: true,
  comments: true,
  defaultActions: ["no action"],
  uniqueIndexIsConstraint: false,
  identityIsAutoincrement: false,
  primaryKeyNames: true,
  canonicalChecks: canonicalPostgresqlChecks,
  canonicalPolicyConditions: canonicalPostgresqlPolicyConditions,
  nullsNotDistinct: true,
  indexStorageParameters: true,
  exclusionConstraints: true,
  defaultOperatorClass(method, opclass) {
    return DEFAULT_OPERATOR_CLASSES[method.toLowerCase()]?.test(opclass.trim()) === true;
  },
  rowLevelSecurity: true,
  sequences: true,
  sequenceStates: postgresqlSequenceStates,
  truncateIdentifier(name) {
    // NAMEDATALEN - 1 bytes, cut on a character boundary as the server does
    if (Buffer.byteLength(name, "utf8") <= 63) return name;
    let cut = "";
    for (const char of name) {
      if (Buffer.byteLength(cut + char, "utf8") > 63) break;
      cut += char;
    }
    return cut;
  },
};
