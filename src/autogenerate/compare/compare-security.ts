/**
 * PostgreSQL's row-level security, policies and standalone sequences (also
 * MariaDB's) compared: flags by value, policies by name (a changed one is
 * dropped and created again), sequences by name with their options as the
 * database's defaults make them. A database without them warns about each
 * declared one, once.
 */
import type { SequenceChanges } from "../../dialects/contract/index.js";
import type { Policy, SchemaModel, Sequence, Table } from "../../schema/model.js";
import { changedSequenceOptions, sequenceTypeOf, type SequenceDefaults } from "../../schema/sequence.js";
import type { CompareState } from "./compare-schemas.js";
import { expressionKey } from "./normalize.js";
import { checkKey } from "./compare-table.js";
import type { SchemaDiff } from "./types.js";

function where(schema: string | undefined): { schema?: string } {
  return schema === undefined ? {} : { schema };
}

function qualified(name: string, schema: string | undefined): string {
  return schema === undefined ? name : `${schema}.${name}`;
}

/** The flags of a table, off where not stated. */
function flags(table: Table): { enabled: boolean; force: boolean } {
  return { enabled: table.rowLevelSecurity?.enabled === true, force: table.rowLevelSecurity?.force === true };
}

/** Roles as compared: keywords in lower case, `public` alone the same as none. */
function roleKey(roles: readonly string[] | undefined): string[] {
  const keywords = new Set(["public", "current_role", "current_user", "session_user"]);
  const list = (roles ?? []).map((r) => (keywords.has(r.toLowerCase()) ? r.toLowerCase() : r));
  return list.length === 1 && list[0] === "public" ? [] : [...new Set(list)].sort();
}

/** Role keywords PostgreSQL resolves to a role when the policy is created: the catalog holds that role, not the keyword. */
const SESSION_ROLES: ReadonlySet<string> = new Set(["current_role", "current_user", "session_user"]);

/**
 * A policy's fingerprint: kind, command, roles and its conditions normalised
 * as CHECK conditions are. With `rolesOf`, the roles are taken from that
 * (declared) policy: one naming `current_user` (or `current_role`,
 * `session_user`) has its roles left out of the fingerprint, as the catalog
 * keeps whichever role ran the migration.
 */
export function policyKey(policy: Policy, state: CompareState, rolesOf: Policy = policy): string {
  const dialect = state.options.dialect;
  const resolvedAtCreation = (rolesOf.to ?? []).some((role) => SESSION_ROLES.has(role.toLowerCase()));
  return JSON.stringify([
    policy.as ?? "permissive",
    policy.for ?? "all",
    resolvedAtCreation ? "*" : roleKey(policy.to),
    policy.using === undefined ? "" : expressionKey(policy.using, dialect),
    policy.withCheck === undefined ? "" : expressionKey(policy.withCheck, dialect),
  ]);
}

/**
 * A declared policy with its conditions as the database would keep them,
 * where the comparison was given that form (`canonicalPolicies`); as declared
 * otherwise.
 */
function asKept(policy: Policy, table: Table, state: CompareState): Policy {
  const kept = state.options.canonicalPolicies?.get(checkKey(table.schema, table.name, policy.name));
  if (kept === undefined) return policy;
  const { using: _using, withCheck: _withCheck, ...rest } = policy;
  return { ...rest, ...(kept.using === undefined ? {} : { using: kept.using }), ...(kept.withCheck === undefined ? {} : { withCheck: kept.withCheck }) };
}

/** The row-level security and policy differences of a table present on both sides. */
export function compareTableSecurity(declared: Table, reflected: Table, state: CompareState): SchemaDiff[] {
  const table = declared.name;
  const at = where(declared.schema);
  if (!state.rules.rowLevelSecurity) return [];
  const diffs: SchemaDiff[] = [];
  const parent = { ...at, table };
  const declaredPolicies = (declared.policies ?? []).filter((p) => state.include(p, p.name, "policy", false, parent, reflected.policies?.find((r) => r.name === p.name)));
  const reflectedPolicies = (reflected.policies ?? []).filter((p) => state.include(p, p.name, "policy", true, parent, declared.policies?.find((d) => d.name === p.name)));
  const byName = new Map(reflectedPolicies.map((p) => [p.name, p]));
  const declaredNames = new Set(declaredPolicies.map((p) => p.name));
  for (const policy of reflectedPolicies) {
    if (!declaredNames.has(policy.name)) diffs.push({ kind: "removePolicy", ...at, table, policy });
  }
  for (const policy of declaredPolicies) {
    const existing = byName.get(policy.name);
    if (existing !== undefined && policyKey(existing, state, policy) === policyKey(asKept(policy, declared, state), state, policy)) continue;
    if (existing !== undefined) diffs.push({ kind: "removePolicy", ...at, table, policy: existing });
    diffs.push({ kind: "addPolicy", ...at, table, policy });
  }
  const wanted = flags(declared);
  const present = flags(reflected);
  const rlsTakesPart = state.include(declared, table, "row-level security", false, parent, reflected) && state.include(reflected, table, "row-level security", true, parent, declared);
  if (rlsTakesPart && (wanted.enabled !== present.enabled || wanted.force !== present.force)) {
    diffs.push({ kind: "rowLevelSecurity", ...at, table, enabled: wanted.enabled, force: wanted.force, existing: present });
  }
  return diffs;
}

/**
 * A declared table as a database without row-level security compares it: its
 * flags and policies said once in a warning, then left out (so nothing tries
 * to create them).
 */
export function withoutUnsupportedSecurity(table: Table, state: CompareState): Table {
  // Where an identity column is a plain counter (MySQL, SQLite) its sequence options have nowhere to go.
  if (!state.rules.sequences || state.rules.identityIsAutoincrement) warnUnsupportedIdentityOptions(table, state);
  if (state.rules.rowLevelSecurity || (table.rowLevelSecurity === undefined && table.policies === undefined)) return table;
  warnUnsupportedSecurity(table, state);
  const { rowLevelSecurity: _rls, policies: _policies, ...rest } = table;
  return rest;
}

/** Identity sequence options (all but `start`) on a database whose counters have none: said once per column. */
function warnUnsupportedIdentityOptions(table: Table, state: CompareState): void {
  for (const column of table.columns) {
    const identity = column.identity;
    if (identity === undefined) continue;
    const given = (["increment", "minValue", "maxValue", "cache", "cycle"] as const).filter((name) => identity[name] !== undefined);
    if (given.length === 0) continue;
    state.warn({
      code: "sequenceNotSupported",
      message: `Column ${qualified(table.name, table.schema)}.${column.name} declares identity options ${given.join(", ")}, which ${state.options.dialect.name} does not have (PostgreSQL's): not created nor compared`,
      table: table.name,
      ...where(table.schema),
    });
  }
}

/** A table declared with row-level security or policies, compared with a database that has neither: said once. */
function warnUnsupportedSecurity(table: Table, state: CompareState): void {
  if (state.rules.rowLevelSecurity) return;
  const what: string[] = [];
  if (table.rowLevelSecurity !== undefined && (table.rowLevelSecurity.enabled || table.rowLevelSecurity.force === true)) what.push("row-level security");
  for (const policy of table.policies ?? []) what.push(`policy "${policy.name}"`);
  if (what.length === 0) return;
  state.warn({
    code: "rowLevelSecurityNotSupported",
    message: `Table ${qualified(table.name, table.schema)} declares ${what.join(", ")}, which ${state.options.dialect.name} does not have (PostgreSQL's): not created nor compared`,
    table: table.name,
    ...where(table.schema),
  });
}

function sequenceKey(name: string, schema: string | undefined): string {
  return `${schema ?? ""}\u0000${name}`;
}

function ownerKey(owner: Sequence["ownedBy"]): string {
  return owner === undefined ? "" : `${owner.table}.${owner.column}`;
}

/** What an `ALTER SEQUENCE` must change for `reflected` to become `declared`, with the values it had; undefined when equal. */
export function sequenceChanges(
  declared: Sequence,
  reflected: Sequence,
  defaults?: SequenceDefaults,
): { changes: SequenceChanges; existing: SequenceChanges } | undefined {
  const type = declared.type ?? defaults?.fixedType ?? "bigint";
  const existingType = reflected.type ?? defaults?.fixedType ?? "bigint";
  const options = changedSequenceOptions(declared, reflected, sequenceTypeOf(type), sequenceTypeOf(existingType), defaults);
  const changes: { -readonly [K in keyof SequenceChanges]: SequenceChanges[K] } = {};
  const existing: { -readonly [K in keyof SequenceChanges]: SequenceChanges[K] } = {};
  if (type !== existingType) {
    changes.type = type;
    existing.type = existingType;
  }
  Object.assign(changes, options.changes);
  Object.assign(existing, options.before);
  if (ownerKey(declared.ownedBy) !== ownerKey(reflected.ownedBy)) {
    changes.ownedBy = declared.ownedBy ?? null;
    existing.ownedBy = reflected.ownedBy ?? null;
  }
  return Object.keys(changes).length === 0 ? undefined : { changes, existing };
}

/**
 * A declared sequence as this database can keep it: a type other than the one
 * its sequences count in, or an owning column, where it has neither (MariaDB),
 * is warned about and left out.
 */
function withinSequenceDefaults(sequence: Sequence, state: CompareState): Sequence {
  const defaults = state.rules.sequenceDefaults;
  const { type, ownedBy, ...rest } = sequence;
  const dropType = defaults?.fixedType !== undefined && type !== undefined;
  const dropOwner = defaults?.noOwner === true && ownedBy !== undefined;
  if (!dropType && !dropOwner) return sequence;
  const left = [
    ...(dropType && type !== defaults?.fixedType ? [`type ${type} (its sequences count in ${defaults?.fixedType})`] : []),
    ...(dropOwner ? [`ownedBy ${ownedBy.table}.${ownedBy.column} (its sequences have no owning column)`] : []),
  ];
  if (left.length > 0) {
    state.warn({
      code: "sequenceNotSupported",
      message: `Sequence ${qualified(sequence.name, sequence.schema)} declares ${left.join(", ")}, which ${state.options.dialect.name} does not have: left out`,
      ...where(sequence.schema),
    });
  }
  return { ...rest, ...(dropType ? {} : type !== undefined ? { type } : {}), ...(dropOwner || ownedBy === undefined ? {} : { ownedBy }) };
}

/** The standalone sequences added, removed and changed; on a database without them, each declared one is warned about. */
export function compareSequences(
  declared: SchemaModel,
  reflected: SchemaModel,
  state: CompareState,
  schemaIncluded: (schema: string | undefined, reflectedSide: boolean) => boolean,
): SchemaDiff[] {
  if (!state.rules.sequences) {
    for (const sequence of declared.sequences ?? []) {
      state.warn({
        code: "sequenceNotSupported",
        message: `Sequence ${qualified(sequence.name, sequence.schema)} is declared, but ${state.options.dialect.name} has no standalone sequences (PostgreSQL and MariaDB have): not created nor compared`,
        ...where(sequence.schema),
      });
    }
    return [];
  }
  const diffs: SchemaDiff[] = [];
  const take = (items: readonly Sequence[], isReflected: boolean, other: readonly Sequence[]): Sequence[] =>
    items.filter(
      (s) =>
        schemaIncluded(s.schema, isReflected) &&
        state.include(s, s.name, "sequence", isReflected, where(s.schema), other.find((o) => o.name === s.name && o.schema === s.schema)),
    );
  const wanted = take(declared.sequences ?? [], false, reflected.sequences ?? []).map((s) => withinSequenceDefaults(s, state));
  const present = take(reflected.sequences ?? [], true, declared.sequences ?? []);
  const presentByKey = new Map(present.map((s) => [sequenceKey(s.name, s.schema), s]));
  const wantedKeys = new Set(wanted.map((s) => sequenceKey(s.name, s.schema)));
  for (const sequence of wanted) {
    const existing = presentByKey.get(sequenceKey(sequence.name, sequence.schema));
    if (existing === undefined) {
      diffs.push({ kind: "addSequence", sequence });
      continue;
    }
    const change = sequenceChanges(sequence, existing, state.rules.sequenceDefaults);
    if (change !== undefined) diffs.push({ kind: "alterSequence", ...where(sequence.schema), name: sequence.name, ...change });
  }
  for (const sequence of present) {
    if (!wantedKeys.has(sequenceKey(sequence.name, sequence.schema))) diffs.push({ kind: "removeSequence", sequence });
  }
  return diffs;
}
