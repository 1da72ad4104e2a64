/**
 * Row-level security and policies as a table declaration takes them, checked
 * and turned into the model's shape.
 */
import { AthanorError } from "../util/errors.js";
import { SqlExpression } from "./expression.js";
import type { Policy, PolicyCommand, RowLevelSecurity } from "./model.js";

/** A policy as a declaration gives it: conditions as SQL text or `expr(...)`, `to` one role or a list. */
export interface PolicyInput {
  readonly name: string;
  readonly as?: "permissive" | "restrictive";
  readonly for?: PolicyCommand;
  readonly to?: string | readonly string[];
  readonly using?: string | SqlExpression;
  readonly withCheck?: string | SqlExpression;
}

const COMMANDS: readonly PolicyCommand[] = ["all", "select", "insert", "update", "delete"];

/**
 * `rowLevelSecurity: true`, `{ force: true }` or `{ enabled, force }` as the model's flags; `false` or nothing = off.
 *
 * @example
 * ```ts
 * rowLevelSecurityOf({ force: true }, 'Table "docs"'); // { enabled: true, force: true }
 * ```
 */
export function rowLevelSecurityOf(
  input: boolean | { readonly enabled?: boolean; readonly force?: boolean } | undefined,
  where: string,
): RowLevelSecurity | undefined {
  if (input === undefined || input === false) return undefined;
  if (input === true) return { enabled: true };
  if (typeof input !== "object" || input === null) {
    throw new AthanorError(`${where}: rowLevelSecurity must be true, false or { force?: boolean }, got ${JSON.stringify(input)}`);
  }
  const enabled = input.enabled !== false;
  const force = input.force === true;
  if (!enabled && !force) return undefined;
  return force ? { enabled, force } : { enabled };
}

function sqlOf(value: string | SqlExpression | undefined, what: string): string | undefined {
  if (value === undefined) return undefined;
  const sql = value instanceof SqlExpression ? value.sql : value;
  if (typeof sql !== "string" || !sql.trim()) throw new AthanorError(`${what} must be an SQL condition, got ${JSON.stringify(value)}`);
  return sql;
}

/**
 * The policies of a declaration, checked: named, a known command and kind, each name once.
 *
 * @example
 * ```ts
 * policiesOf([{ name: "own_rows", for: "select", to: "app_user", using: "owner = current_user" }], 'Table "docs"');
 * ```
 */
export function policiesOf(inputs: readonly PolicyInput[] | undefined, where: string): Policy[] | undefined {
  if (inputs === undefined) return undefined;
  if (!Array.isArray(inputs)) throw new AthanorError(`${where}: policies must be a list`, { hint: '[{ name: "own_rows", using: "owner = current_user" }]' });
  const seen = new Set<string>();
  const policies: Policy[] = [];
  for (const input of inputs as readonly PolicyInput[]) {
    if (typeof input?.name !== "string" || input.name === "") throw new AthanorError(`${where}: a policy has no name`, { hint: "name every policy" });
    const what = `${where}: policy "${input.name}"`;
    if (seen.has(input.name)) throw new AthanorError(`${where} declares the policy "${input.name}" twice`);
    seen.add(input.name);
    if (input.as !== undefined && input.as !== "permissive" && input.as !== "restrictive") {
      throw new AthanorError(`${what}: as must be "permissive" or "restrictive", got ${JSON.stringify(input.as)}`);
    }
    if (input.for !== undefined && !COMMANDS.includes(input.for)) {
      throw new AthanorError(`${what}: for must be one of ${COMMANDS.join(", ")}, got ${JSON.stringify(input.for)}`);
    }
    const to = input.to === undefined ? undefined : typeof input.to === "string" ? [input.to] : [...input.to];
    const using = sqlOf(input.using, `${what}: using`);
    const withCheck = sqlOf(input.withCheck, `${what}: withCheck`);
    policies.push({
      name: input.name,
      ...(input.as !== undefined ? { as: input.as } : {}),
      ...(input.for !== undefined ? { for: input.for } : {}),
      ...(to !== undefined && to.length > 0 ? { to } : {}),
      ...(using !== undefined ? { using } : {}),
      ...(withCheck !== undefined ? { withCheck } : {}),
    });
  }
  return policies;
}
