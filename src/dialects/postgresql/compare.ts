import type { Column } from "../../schema/model.js";
import type { DialectCompareRules } from "../types.js";

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
  defaultSql(sql: string, _column: Column): string {
    const bare = withoutCasts(sql.trim());
    // nextval('t_id_seq') of a sequence feeding the column: compared as the autoincrement it is.
    return /^nextval\(/i.test(bare) ? "nextval()" : bare;
  },
  expression(sql) {
    return inLists(withoutCasts(sql));
  },
  namedEnums: true,
  comments: true,
  defaultActions: ["no action"],
  uniqueIndexIsConstraint: false,
  identityIsAutoincrement: false,
  primaryKeyNames: true,
};
