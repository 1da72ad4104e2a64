/**
 * Column type builders. Each returns a neutral {@link ColumnType}; every dialect
 * renders it its own way (`boolean()` is `tinyint(1)` on MySQL, `uuid()` is
 * `char(36)` there, `json()` is `text` on SQLite, ...).
 *
 * The same functions are reachable as the `type` namespace, so both
 * `op.type.integer()` in a revision file and `t.string(255)` after
 * `import { type as t } from "athanor"` work.
 *
 * @example
 * ```ts
 * import { type as t } from "athanor";
 * t.numeric(10, 2);                          // { kind: "numeric", precision: 10, scale: 2 }
 * t.timestamp({ withTimezone: true });       // timestamptz on PostgreSQL
 * t.enumType("mood", ["sad", "ok", "happy"]);
 * ```
 */
import { AthanorError } from "../util/errors.js";
import type { ColumnType } from "./model.js";
import { SCHEMA_ONLY_KEYS, TEMPORAL_KEYS } from "./option-keys.js";
import { checkOptionKeys } from "../util/option-keys.js";

/** A column type of one particular kind. */
export type ColumnTypeOf<K extends ColumnType["kind"]> = Extract<ColumnType, { readonly kind: K }>;

/** An enum column type whose values TypeScript knows. */
export type EnumColumnType<V extends string = string> = ColumnTypeOf<"enum"> & { readonly values: readonly V[] };

function checkSize(value: number | undefined, what: string, builder: string, min = 1): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min) {
    throw new AthanorError(`${builder}: ${what} must be an integer of at least ${min}, got ${String(value)}`, {
      hint: `pass a whole number, or nothing for the database's default ${what}`,
    });
  }
}

/** `smallint` (2 bytes). */
export function smallint(): ColumnTypeOf<"smallint"> {
  return { kind: "smallint" };
}

/** `integer` (4 bytes). */
export function integer(): ColumnTypeOf<"integer"> {
  return { kind: "integer" };
}

/** `bigint` (8 bytes). */
export function bigint(): ColumnTypeOf<"bigint"> {
  return { kind: "bigint" };
}

/**
 * Exact decimal `numeric(precision, scale)`. A scale needs a precision.
 *
 * @example
 * ```ts
 * t.numeric(12, 2); // money-like amounts
 * ```
 */
export function numeric(precision?: number, scale?: number): ColumnTypeOf<"numeric"> {
  checkSize(precision, "precision", "numeric()");
  checkSize(scale, "scale", "numeric()", 0);
  if (scale !== undefined && precision === undefined) {
    throw new AthanorError("numeric(): a scale needs a precision", { hint: `write numeric(p, ${scale}) with p >= ${scale}` });
  }
  if (precision !== undefined && scale !== undefined && scale > precision) {
    throw new AthanorError(`numeric(${precision}, ${scale}): the scale is larger than the precision`, {
      hint: "the scale counts digits after the point and cannot exceed the precision",
    });
  }
  return {
    kind: "numeric",
    ...(precision !== undefined ? { precision } : {}),
    ...(scale !== undefined ? { scale } : {}),
  };
}

/** Floating point; `float(p)` as in SQL (single precision `real` when `p` is absent or small). */
export function float(precision?: number): ColumnTypeOf<"float"> {
  checkSize(precision, "precision", "float()");
  if (precision !== undefined && precision > 53) {
    throw new AthanorError(`float(${precision}): precision must be at most 53 binary digits`, { hint: "use double() for double precision" });
  }
  return precision === undefined ? { kind: "float" } : { kind: "float", precision };
}

/** Double precision floating point. */
export function double(): ColumnTypeOf<"double"> {
  return { kind: "double" };
}

/** `boolean` (`tinyint(1)` on MySQL, integer 0/1 on SQLite). */
export function boolean(): ColumnTypeOf<"boolean"> {
  return { kind: "boolean" };
}

/**
 * `varchar(length)`. MySQL requires a length; PostgreSQL and SQLite accept none.
 *
 * @example
 * ```ts
 * t.string(255);
 * ```
 */
export function string(length?: number): ColumnTypeOf<"string"> {
  checkSize(length, "length", "string()");
  return length === undefined ? { kind: "string" } : { kind: "string", length };
}

/** Fixed-length `char(length)`. */
export function char(length?: number): ColumnTypeOf<"char"> {
  checkSize(length, "length", "char()");
  return length === undefined ? { kind: "char" } : { kind: "char", length };
}

/** Unbounded text. */
export function text(): ColumnTypeOf<"text"> {
  return { kind: "text" };
}

/** A calendar date. */
export function date(): ColumnTypeOf<"date"> {
  return { kind: "date" };
}

/** Options of {@link time} and {@link timestamp}. */
export interface TemporalOptions {
  /** `with time zone` (PostgreSQL `timestamptz`); ignored where the database has no such type. */
  readonly withTimezone?: boolean;
  /** Fractional seconds digits, 0 to 6. */
  readonly precision?: number;
}

function temporal<K extends "time" | "timestamp">(kind: K, options: TemporalOptions): ColumnTypeOf<K> {
  checkOptionKeys(`${kind}()`, options, TEMPORAL_KEYS);
  const { withTimezone, precision } = options;
  if (precision !== undefined && (!Number.isInteger(precision) || precision < 0 || precision > 6)) {
    throw new AthanorError(`${kind}(): precision must be an integer from 0 to 6, got ${String(precision)}`);
  }
  return {
    kind,
    ...(withTimezone ? { withTimezone: true } : {}),
    ...(precision !== undefined ? { precision } : {}),
  } as ColumnTypeOf<K>;
}

/** Time of day. */
export function time(options: TemporalOptions = {}): ColumnTypeOf<"time"> {
  return temporal("time", options);
}

/**
 * Date and time.
 *
 * @example
 * ```ts
 * t.timestamp({ withTimezone: true, precision: 3 });
 * ```
 */
export function timestamp(options: TemporalOptions = {}): ColumnTypeOf<"timestamp"> {
  return temporal("timestamp", options);
}

/** A time span (PostgreSQL `interval`). */
export function interval(): ColumnTypeOf<"interval"> {
  return { kind: "interval" };
}

/** Binary data; with a length, `varbinary(n)` / `bytea` / `blob`. */
export function binary(length?: number): ColumnTypeOf<"binary"> {
  checkSize(length, "length", "binary()");
  return length === undefined ? { kind: "binary" } : { kind: "binary", length };
}

/** JSON (text on SQLite). */
export function json(): ColumnTypeOf<"json"> {
  return { kind: "json" };
}

/** PostgreSQL `jsonb` (plain JSON elsewhere). */
export function jsonb(): ColumnTypeOf<"jsonb"> {
  return { kind: "jsonb" };
}

/** UUID (`uuid` on PostgreSQL, `char(36)` on MySQL, text on SQLite). */
export function uuid(): ColumnTypeOf<"uuid"> {
  return { kind: "uuid" };
}

/**
 * An enumerated type: a named type on PostgreSQL (created before the tables that
 * use it), `ENUM(...)` on MySQL, text elsewhere.
 *
 * @example
 * ```ts
 * const role = t.enumType("user_role", ["admin", "member"]);
 * ```
 */
export function enumType<const V extends string>(
  name: string,
  values: readonly V[],
  options: { readonly schema?: string } = {},
): EnumColumnType<V> {
  checkOptionKeys(`enumType(${JSON.stringify(name)})`, options, SCHEMA_ONLY_KEYS);
  if (typeof name !== "string" || name === "") {
    throw new AthanorError("enumType(): the enum needs a name", { hint: 'write enumType("status", ["a", "b"])' });
  }
  if (!Array.isArray(values) || values.length === 0) {
    throw new AthanorError(`enumType("${name}"): an enum needs at least one value`);
  }
  const seen = new Set<string>();
  for (const value of values) {
    if (typeof value !== "string") {
      throw new AthanorError(`enumType("${name}"): values must be strings, got ${String(value)}`);
    }
    if (seen.has(value)) throw new AthanorError(`enumType("${name}"): the value "${value}" is listed twice`);
    seen.add(value);
  }
  return {
    kind: "enum",
    name,
    values: Object.freeze([...values]),
    ...(options.schema !== undefined ? { schema: options.schema } : {}),
  };
}

/**
 * A PostgreSQL array of another type.
 *
 * @example
 * ```ts
 * t.array(t.text()); // text[]
 * ```
 */
export function array<T extends ColumnType>(of: T): ColumnTypeOf<"array"> & { readonly of: T } {
  if (of === null || typeof of !== "object" || typeof (of as { kind?: unknown }).kind !== "string") {
    throw new AthanorError("array(): pass the element type, e.g. array(t.text())");
  }
  return { kind: "array", of };
}

/**
 * Any other type, given as the SQL that names it; used as written.
 *
 * @example
 * ```ts
 * t.customType("tsvector");
 * t.customType("geometry(Point, 4326)");
 * ```
 */
export function customType(sql: string): ColumnTypeOf<"custom"> {
  if (typeof sql !== "string" || sql.trim() === "") {
    throw new AthanorError("customType(): pass the SQL name of the type, e.g. customType(\"tsvector\")");
  }
  return { kind: "custom", sql };
}
