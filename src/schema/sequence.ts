/**
 * What a sequence's options come to once PostgreSQL's defaults fill the ones
 * left out: the same sequence declared with or without `minValue: 1` compares
 * equal, and a catalog's values read back without the defaults.
 */
import { AthanorError } from "../util/errors.js";
import type { Sequence, SequenceOptions, SequenceValue } from "./model.js";

/** The integer types a sequence counts in. */
export type SequenceType = "smallint" | "integer" | "bigint";

const LIMITS: Readonly<Record<SequenceType, readonly [bigint, bigint]>> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
};

/**
 * What a database fills in for the options a sequence leaves out, where it
 * differs from PostgreSQL's (the default when none is given).
 */
export interface SequenceDefaults {
  /** The lowest and highest value a sequence may take (MariaDB: one range whatever the type). */
  readonly limits?: readonly [bigint, bigint];
  /** The cache size when none is given (PostgreSQL 1, MariaDB 1000). */
  readonly cache: bigint;
  /** The database's sequences count in this one type and take no `type` (MariaDB: bigint). */
  readonly fixedType?: SequenceType;
  /** The database's sequences cannot be owned by a column (MariaDB). */
  readonly noOwner?: boolean;
}

/** Every option of a sequence, defaults filled in. */
export interface EffectiveSequence {
  readonly increment: bigint;
  readonly minValue: bigint;
  readonly maxValue: bigint;
  readonly start: bigint;
  readonly cache: bigint;
  readonly cycle: boolean;
}

/**
 * A sequence bound as a bigint; an AthanorError for anything but an integer.
 *
 * @example
 * ```ts
 * sequenceBigInt("9223372036854775807"); // 9223372036854775807n
 * ```
 */
export function sequenceBigInt(value: SequenceValue, what = "sequence value"): bigint {
  const text = typeof value === "number" ? (Number.isSafeInteger(value) ? String(value) : "") : String(value).trim();
  if (!/^[+-]?\d+$/.test(text)) throw new AthanorError(`The ${what} must be an integer, got ${JSON.stringify(value)}`);
  return BigInt(text);
}

/** A bigint as the model keeps it: a number when safe, else its decimal text. */
export function sequenceValue(value: bigint): SequenceValue {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

/** The integer type a column type names, for an identity's limits; bigint otherwise. */
export function sequenceTypeOf(kind: string): SequenceType {
  return kind === "smallint" || kind === "integer" ? kind : "bigint";
}

/**
 * The options with PostgreSQL's defaults filled in: increment 1; ascending
 * from 1 to the type's maximum, descending from -1 down to its minimum; start
 * at the bound it counts from; cache 1; no cycle. Another database's range
 * and cache come from `defaults` (MariaDB: -9223372036854775807 to
 * 9223372036854775806, cache 1000).
 *
 * @example
 * ```ts
 * effectiveSequence({ increment: -1 }, "integer").start; // -1n
 * ```
 */
export function effectiveSequence(options: SequenceOptions, type: SequenceType = "bigint", defaults?: SequenceDefaults): EffectiveSequence {
  const [low, high] = defaults?.limits ?? LIMITS[type];
  const increment = options.increment === undefined ? 1n : sequenceBigInt(options.increment, "sequence increment");
  const ascending = increment > 0n;
  const minValue = options.minValue === undefined ? (ascending ? 1n : low) : sequenceBigInt(options.minValue, "sequence minValue");
  const maxValue = options.maxValue === undefined ? (ascending ? high : -1n) : sequenceBigInt(options.maxValue, "sequence maxValue");
  const start = options.start === undefined ? (ascending ? minValue : maxValue) : sequenceBigInt(options.start, "sequence start");
  const cache = options.cache === undefined ? (defaults?.cache ?? 1n) : sequenceBigInt(options.cache, "sequence cache");
  return { increment, minValue, maxValue, start, cache, cycle: options.cycle === true };
}

/**
 * The options that differ from the defaults, as the model keeps them (what a
 * catalog reader reports).
 *
 * @example
 * ```ts
 * sequenceOptionsOf({ increment: 1n, minValue: 1n, maxValue: 2147483647n, start: 10n, cache: 1n, cycle: false }, "integer"); // { start: 10 }
 * ```
 */
export function sequenceOptionsOf(effective: EffectiveSequence, type: SequenceType = "bigint", database?: SequenceDefaults): SequenceOptions {
  const defaults = effectiveSequence({ increment: sequenceValue(effective.increment) }, type, database);
  const defaultsOfBounds = effectiveSequence(
    { increment: sequenceValue(effective.increment), minValue: sequenceValue(effective.minValue), maxValue: sequenceValue(effective.maxValue) },
    type,
    database,
  );
  const result: { -readonly [K in keyof SequenceOptions]: SequenceOptions[K] } = {};
  if (effective.increment !== 1n) result.increment = sequenceValue(effective.increment);
  if (effective.minValue !== defaults.minValue) result.minValue = sequenceValue(effective.minValue);
  if (effective.maxValue !== defaults.maxValue) result.maxValue = sequenceValue(effective.maxValue);
  if (effective.start !== defaultsOfBounds.start) result.start = sequenceValue(effective.start);
  if (effective.cache !== defaults.cache) result.cache = sequenceValue(effective.cache);
  if (effective.cycle) result.cycle = true;
  return result;
}

/** The option names in the order SQL writes them. */
export const SEQUENCE_OPTION_NAMES = ["increment", "minValue", "maxValue", "start", "cache", "cycle"] as const;

/**
 * The options of `declared` whose effective value differs from `existing`'s
 * (both with defaults filled for `type`, PostgreSQL's unless `defaults` says
 * otherwise), as explicit values.
 */
export function changedSequenceOptions(
  declared: SequenceOptions,
  existing: SequenceOptions,
  type: SequenceType = "bigint",
  existingType: SequenceType = type,
  defaults?: SequenceDefaults,
): { changes: SequenceOptions; before: SequenceOptions } {
  const a = effectiveSequence(declared, type, defaults);
  const b = effectiveSequence(existing, existingType, defaults);
  const changes: Record<string, SequenceValue | boolean> = {};
  const before: Record<string, SequenceValue | boolean> = {};
  for (const name of SEQUENCE_OPTION_NAMES) {
    if (a[name] === b[name]) continue;
    changes[name] = typeof a[name] === "boolean" ? a[name] : sequenceValue(a[name]);
    before[name] = typeof b[name] === "boolean" ? b[name] : sequenceValue(b[name]);
  }
  return { changes: changes as SequenceOptions, before: before as SequenceOptions };
}

/**
 * A declared sequence, checked (a name, an integer type, integer options) and
 * without `undefined` fields.
 *
 * @example
 * ```ts
 * checkedSequence({ name: "invoice_numbers", start: 1000 });
 * ```
 */
export function checkedSequence(sequence: Sequence): Sequence {
  if (typeof sequence.name !== "string" || sequence.name === "") throw new AthanorError(`A sequence needs a name, got ${JSON.stringify(sequence.name)}`);
  const where = `Sequence "${sequence.schema !== undefined ? `${sequence.schema}.` : ""}${sequence.name}"`;
  if (sequence.type !== undefined && !Object.hasOwn(LIMITS, sequence.type)) {
    throw new AthanorError(`${where}: type must be smallint, integer or bigint, got ${JSON.stringify(sequence.type)}`);
  }
  try {
    effectiveSequence(sequence, sequence.type);
  } catch (error) {
    if (error instanceof AthanorError) throw new AthanorError(`${where}: ${error.message}`);
    throw error;
  }
  if (sequence.ownedBy !== undefined && (typeof sequence.ownedBy?.table !== "string" || typeof sequence.ownedBy?.column !== "string")) {
    throw new AthanorError(`${where}: ownedBy must be { table, column }`);
  }
  return Object.fromEntries(Object.entries(sequence).filter(([, v]) => v !== undefined)) as unknown as Sequence;
}
