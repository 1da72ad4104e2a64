/**
 * drizzle's PostgreSQL row-level security, policies (`pgPolicy`, inline or
 * `.link()`ed), standalone sequences (`pgSequence`) and identity options as
 * the neutral model has them.
 */
import type { Policy, PolicyCommand, Sequence, SequenceOptions, SequenceValue } from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";
import { entityKinds } from "./drizzle-shapes.js";
import type { DrizzleFlavor } from "./flavor.js";

/** drizzle's sequence options (`pgSequence`, `generatedAlwaysAsIdentity`). */
export interface DrizzleSequenceOptions {
  readonly startWith?: number | string;
  readonly increment?: number | string;
  readonly minValue?: number | string;
  readonly maxValue?: number | string;
  readonly cache?: number | string;
  readonly cycle?: boolean;
}

function bound(value: number | string | undefined): SequenceValue | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") return value;
  const text = String(value).trim();
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

/**
 * drizzle's sequence options as the model's, each only when given.
 *
 * @example
 * ```ts
 * sequenceOptionsFromDrizzle({ startWith: 10, cycle: true }); // { start: 10, cycle: true }
 * ```
 */
export function sequenceOptionsFromDrizzle(options: DrizzleSequenceOptions | undefined): SequenceOptions {
  if (options === undefined) return {};
  const result: Record<string, SequenceValue | boolean> = {};
  const pairs: [keyof SequenceOptions, number | string | undefined][] = [
    ["start", options.startWith],
    ["increment", options.increment],
    ["minValue", options.minValue],
    ["maxValue", options.maxValue],
    ["cache", options.cache],
  ];
  for (const [name, value] of pairs) {
    const v = bound(value);
    if (v !== undefined) result[name] = v;
  }
  if (options.cycle !== undefined) result["cycle"] = options.cycle;
  return result as SequenceOptions;
}

/** Whether a value is a drizzle `pgSequence`. */
export function isPgSequence(value: unknown): boolean {
  return entityKinds(value).includes("PgSequence");
}

/** Whether a value is a drizzle `pgPolicy`. */
export function isPgPolicy(value: unknown): boolean {
  return entityKinds(value).includes("PgPolicy");
}

/** A `pgSequence` as a model sequence (PostgreSQL's default type, bigint, as drizzle-kit creates it). */
export function sequenceFromDrizzle(value: unknown): Sequence {
  const v = value as { seqName?: unknown; seqOptions?: DrizzleSequenceOptions; schema?: unknown };
  if (typeof v.seqName !== "string" || v.seqName === "") throw new AthanorError("A drizzle pgSequence has no name", { hint: 'pgSequence("name", { ... })' });
  return {
    name: v.seqName,
    ...(typeof v.schema === "string" ? { schema: v.schema } : {}),
    ...sequenceOptionsFromDrizzle(v.seqOptions),
  };
}

/** The table a `.link()`ed policy belongs to. */
export function linkedTable(value: unknown): object | undefined {
  const linked = (value as { _linkedTable?: unknown })._linkedTable;
  return typeof linked === "object" && linked !== null ? linked : undefined;
}

function roleName(role: unknown): string {
  if (typeof role === "string") return role;
  const name = (role as { name?: unknown } | null)?.name;
  if (typeof name === "string") return name;
  throw new AthanorError(`A drizzle policy names a role that is neither a name nor a pgRole: ${JSON.stringify(role)}`);
}

const COMMANDS: ReadonlySet<string> = new Set(["all", "select", "insert", "update", "delete"]);

/** A `pgPolicy` as a model policy: conditions rendered as SQL, roles by name. */
export function policyFromDrizzle(flavor: DrizzleFlavor, value: unknown, table: string): Policy {
  const p = value as { name?: unknown; as?: unknown; for?: unknown; to?: unknown; using?: unknown; withCheck?: unknown };
  if (typeof p.name !== "string" || p.name === "") throw new AthanorError(`A policy of table "${table}" has no name`, { hint: 'pgPolicy("name", { ... })' });
  const to = p.to === undefined ? [] : (Array.isArray(p.to) ? p.to : [p.to]).map(roleName);
  const command = typeof p.for === "string" && COMMANDS.has(p.for) ? (p.for as PolicyCommand) : undefined;
  return {
    name: p.name,
    ...(p.as === "restrictive" ? { as: "restrictive" as const } : {}),
    ...(command !== undefined && command !== "all" ? { for: command } : {}),
    ...(to.length > 0 ? { to } : {}),
    ...(p.using !== undefined ? { using: flavor.sql(p.using) } : {}),
    ...(p.withCheck !== undefined ? { withCheck: flavor.sql(p.withCheck) } : {}),
  };
}
