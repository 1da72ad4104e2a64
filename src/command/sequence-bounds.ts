/**
 * PostgreSQL refuses an `ALTER SEQUENCE` (or an identity column's `SET
 * MINVALUE ...`) whose new bounds leave out the sequence's current value or
 * its start. Autogenerate reads where the altered sequences stand and says so
 * when it writes the revision, with what to write instead.
 */
import type { Dialect, SchemaOperation, SequenceState, SequenceTarget } from "../dialects/contract/index.js";
import { sequenceTargetKey } from "../dialects/contract/index.js";
import type { AnyOperation } from "../operations/index.js";
import { effectiveSequence, sequenceBigInt } from "../schema/sequence.js";

type AlterSequence = Extract<SchemaOperation, { kind: "alterSequence" }>;
type AlterColumn = Extract<SchemaOperation, { kind: "alterColumn" }>;

const where = (schema: string | undefined): { schema?: string } => (schema === undefined ? {} : { schema });

/** The sequence an operation moves the bounds or start of, if any. */
function targetOf(operation: AnyOperation): SequenceTarget | undefined {
  if (operation.kind === "alterSequence") {
    const { changes } = operation as AlterSequence;
    if (changes.minValue === undefined && changes.maxValue === undefined && changes.start === undefined && changes.restart === undefined) return undefined;
    return { kind: "sequence", name: (operation as AlterSequence).name, ...where((operation as AlterSequence).schema) };
  }
  if (operation.kind === "alterColumn") {
    const alter = operation as AlterColumn;
    if (alter.changes.identity === undefined || alter.changes.identity === null || alter.existing?.identity === undefined || alter.existing.identity === null) return undefined;
    return { kind: "identity", table: alter.table, column: alter.name, ...where(alter.schema) };
  }
  return undefined;
}

/**
 * The sequences whose bounds or start the operations change, once each.
 *
 * @example
 * ```ts
 * sequenceTargetsOf([{ kind: "alterSequence", name: "s", changes: { maxValue: 100 }, existing: { maxValue: 1000 } }]);
 * // [{ kind: "sequence", name: "s" }]
 * ```
 */
export function sequenceTargetsOf(operations: readonly AnyOperation[]): SequenceTarget[] {
  const found = new Map<string, SequenceTarget>();
  for (const operation of operations) {
    const target = targetOf(operation);
    if (target !== undefined) found.set(sequenceTargetKey(target), target);
  }
  return [...found.values()];
}

/** Reads where the sequences the operations alter stand, where the dialect can; keyed by {@link sequenceTargetKey}. */
export async function readSequenceStates(
  dialect: Dialect,
  connection: Parameters<NonNullable<Dialect["compare"]["sequenceStates"]>>[0],
  operations: readonly AnyOperation[],
): Promise<ReadonlyMap<string, SequenceState>> {
  const read = dialect.compare.sequenceStates;
  const targets = sequenceTargetsOf(operations);
  if (read === undefined || targets.length === 0) return new Map();
  const states = await read(connection, targets);
  const result = new Map<string, SequenceState>();
  targets.forEach((target, i) => {
    const state = states[i];
    if (state !== undefined) result.set(sequenceTargetKey(target), state);
  });
  return result;
}

function clamp(value: bigint, low: bigint, high: bigint): bigint {
  return value < low ? low : value > high ? high : value;
}

/** The bounds, start and value the sequence has after the operation, from the live state for what it leaves as is. */
function after(operation: AnyOperation, state: SequenceState): { min: bigint; max: bigint; start: bigint; value: bigint; restarts: boolean } {
  const live = { min: BigInt(state.minValue), max: BigInt(state.maxValue), start: BigInt(state.start), value: BigInt(state.value) };
  if (operation.kind === "alterSequence") {
    const { changes } = operation as AlterSequence;
    const min = changes.minValue === undefined ? live.min : sequenceBigInt(changes.minValue);
    const max = changes.maxValue === undefined ? live.max : sequenceBigInt(changes.maxValue);
    const start = changes.start === undefined ? live.start : sequenceBigInt(changes.start);
    const value = changes.restart === undefined ? live.value : changes.restart === true ? start : sequenceBigInt(changes.restart);
    return { min, max, start, value, restarts: changes.restart !== undefined };
  }
  // An identity's options are SET where their effective value changes; the others stay as they are.
  const alter = operation as AlterColumn;
  const a = effectiveSequence(alter.changes.identity!, state.type);
  const b = effectiveSequence(alter.existing!.identity!, state.type);
  return {
    min: a.minValue !== b.minValue ? a.minValue : live.min,
    max: a.maxValue !== b.maxValue ? a.maxValue : live.max,
    start: a.start !== b.start ? a.start : live.start,
    value: live.value,
    restarts: false,
  };
}

/**
 * Why PostgreSQL will refuse the operation given where its sequence stands,
 * and what to write instead; `undefined` when it will not.
 *
 * @example
 * ```ts
 * sequenceBoundsProblem(dialect, alter, { value: "150", start: "1", minValue: "1", maxValue: "1000", type: "bigint" });
 * // 'its current value 150 lies outside the new bounds 1..100, which PostgreSQL refuses; add restart: 100 to ...'
 * ```
 */
export function sequenceBoundsProblem(dialect: Dialect, operation: AnyOperation, states: ReadonlyMap<string, SequenceState>): string | undefined {
  const target = targetOf(operation);
  const state = target === undefined ? undefined : states.get(sequenceTargetKey(target));
  if (target === undefined || state === undefined) return undefined;
  const { min, max, start, value, restarts } = after(operation, state);
  if (min > max) return undefined; // refused by the DDL's own checks, with its own message
  const bounds = `${min}..${max}`;
  if (start < min || start > max) {
    const fix = clamp(start, min, max);
    return target.kind === "sequence"
      ? `its start ${start} lies outside the new bounds ${bounds}, which PostgreSQL refuses; add start: ${fix} to the alter's changes`
      : `the identity's start ${start} lies outside the new bounds ${bounds}, which PostgreSQL refuses; declare start: ${fix} with the identity`;
  }
  if (value >= min && value <= max) return undefined;
  const fix = clamp(value, min, max);
  const what = restarts ? `its restart value ${value}` : target.kind === "sequence" ? `its current value ${value}` : `the identity's current value ${value}`;
  if (target.kind === "sequence") {
    return `${what} lies outside the new bounds ${bounds}, which PostgreSQL refuses; ${restarts ? "give" : "add"} restart: ${fix} to the alter's changes`;
  }
  // An identity's bounds and restart go in one statement, which the identity options cannot say.
  let statement: string | undefined;
  try {
    statement = dialect.ddl.compile(operation as SchemaOperation).find((s) => / SET (?:MINVALUE|MAXVALUE|START)/.test(s));
  } catch {
    statement = undefined;
  }
  const instead = statement === undefined ? `op.execute an ALTER TABLE ... ALTER COLUMN ... RESTART WITH ${fix} with the new bounds` : `op.execute(${JSON.stringify(`${statement} RESTART WITH ${fix}`)})`;
  return `${what} lies outside the new bounds ${bounds}, which PostgreSQL refuses; write it as ${instead}`;
}
