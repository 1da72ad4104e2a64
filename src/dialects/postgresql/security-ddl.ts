/**
 * PostgreSQL's row-level security, policies, standalone sequences and
 * identity options as SQL. Pure: the compiler hands in its quoting.
 */
import type { AlterSequence, CreateSequence, DropSequence, SetRowLevelSecurity } from "../contract/index.js";
import type { Identity, Policy, RowLevelSecurity, Sequence, SequenceOptions } from "../../schema/model.js";
import { effectiveSequence, sequenceBigInt, sequenceTypeOf, SEQUENCE_OPTION_NAMES, sequenceValue } from "../../schema/sequence.js";
import { AthanorError } from "../../util/errors.js";

/** What the statements need from the compiler. */
export interface SecuritySql {
  /** A quoted, schema-qualified name. */
  readonly table: (name: string, schema?: string) => string;
  readonly id: (name: string) => string;
  /** `INCREMENT BY n MINVALUE n ...` for the options given. */
  readonly sequenceOptions: (options: SequenceOptions, what: string) => string[];
}

/** Role names PostgreSQL takes as keywords in `TO`: written bare, never quoted. */
const ROLE_KEYWORDS: ReadonlySet<string> = new Set(["public", "current_role", "current_user", "session_user"]);

const COMMANDS: ReadonlySet<string> = new Set(["all", "select", "insert", "update", "delete"]);

/** A role of a policy's `TO` list: a keyword bare, any other name quoted. */
export function policyRole(role: string, sql: Pick<SecuritySql, "id">): string {
  return ROLE_KEYWORDS.has(role.toLowerCase()) ? role.toUpperCase() : sql.id(role);
}

/** The statements that set a table's flags from `before` (default: both off) to `rls`. */
export function rowLevelSecurityStatements(
  table: string,
  rls: { readonly enabled: boolean; readonly force: boolean },
  before: { readonly enabled: boolean; readonly force: boolean } | undefined,
): string[] {
  const statements: string[] = [];
  if (before === undefined || before.enabled !== rls.enabled) statements.push(`ALTER TABLE ${table} ${rls.enabled ? "ENABLE" : "DISABLE"} ROW LEVEL SECURITY`);
  if (before === undefined ? rls.force : before.force !== rls.force) statements.push(`ALTER TABLE ${table} ${rls.force ? "" : "NO "}FORCE ROW LEVEL SECURITY`);
  return statements;
}

/** `ALTER TABLE ... ENABLE/DISABLE ROW LEVEL SECURITY` and `[NO] FORCE ...` for an operation. */
export function setRowLevelSecurity(operation: SetRowLevelSecurity, sql: SecuritySql): string[] {
  return rowLevelSecurityStatements(sql.table(operation.table, operation.schema), operation, operation.existing);
}

/** What a new table's flags need after CREATE TABLE (nothing when off). */
export function createdTableSecurity(table: string, rls: RowLevelSecurity | undefined): string[] {
  if (rls === undefined || (!rls.enabled && rls.force !== true)) return [];
  return rowLevelSecurityStatements(table, { enabled: rls.enabled, force: rls.force === true }, { enabled: false, force: false });
}

/** `CREATE POLICY name ON table AS ... FOR ... TO ... USING (...) WITH CHECK (...)`. */
export function createPolicyStatement(policy: Policy, table: string, schema: string | undefined, sql: SecuritySql): string {
  if (!policy.name) throw new AthanorError(`A policy of table ${JSON.stringify(table)} has no name`, { hint: "name every policy" });
  const parts = [`CREATE POLICY ${sql.id(policy.name)} ON ${sql.table(table, schema)}`];
  if (policy.as !== undefined) {
    if (policy.as !== "permissive" && policy.as !== "restrictive") {
      throw new AthanorError(`Policy ${JSON.stringify(policy.name)}: as must be "permissive" or "restrictive", got ${JSON.stringify(policy.as)}`);
    }
    parts.push(`AS ${policy.as.toUpperCase()}`);
  }
  if (policy.for !== undefined) {
    if (!COMMANDS.has(policy.for)) {
      throw new AthanorError(`Policy ${JSON.stringify(policy.name)}: for must be all, select, insert, update or delete, got ${JSON.stringify(policy.for)}`);
    }
    parts.push(`FOR ${policy.for.toUpperCase()}`);
  }
  if (policy.to !== undefined && policy.to.length > 0) parts.push(`TO ${policy.to.map((role) => policyRole(role, sql)).join(", ")}`);
  if (policy.using !== undefined) parts.push(`USING (${policy.using})`);
  if (policy.withCheck !== undefined) parts.push(`WITH CHECK (${policy.withCheck})`);
  return parts.join(" ");
}

export function dropPolicyStatement(name: string, table: string, schema: string | undefined, ifExists: boolean | undefined, sql: SecuritySql): string {
  return `DROP POLICY ${ifExists ? "IF EXISTS " : ""}${sql.id(name)} ON ${sql.table(table, schema)}`;
}

function ownedBy(owner: { readonly table: string; readonly column: string } | null, schema: string | undefined, sql: SecuritySql): string {
  return owner === null ? "OWNED BY NONE" : `OWNED BY ${sql.table(owner.table, schema)}.${sql.id(owner.column)}`;
}

function sequenceType(type: string | undefined, name: string): string | undefined {
  if (type === undefined) return undefined;
  if (type !== "smallint" && type !== "integer" && type !== "bigint") {
    throw new AthanorError(`Sequence ${JSON.stringify(name)}: type must be smallint, integer or bigint, got ${JSON.stringify(type)}`);
  }
  return type;
}

/** `CREATE SEQUENCE [IF NOT EXISTS] name [AS type] options [OWNED BY table.column]`. */
export function createSequence(operation: CreateSequence, sql: SecuritySql): string[] {
  const sequence: Sequence = operation.sequence;
  const parts = [`CREATE SEQUENCE ${operation.ifNotExists ? "IF NOT EXISTS " : ""}${sql.table(sequence.name, sequence.schema)}`];
  const type = sequenceType(sequence.type, sequence.name);
  if (type !== undefined) parts.push(`AS ${type}`);
  parts.push(...sql.sequenceOptions(sequence, `sequence ${JSON.stringify(sequence.name)}`));
  if (sequence.ownedBy !== undefined) parts.push(ownedBy(sequence.ownedBy, sequence.schema, sql));
  return [parts.join(" ")];
}

export function dropSequence(operation: DropSequence, sql: SecuritySql): string[] {
  return [`DROP SEQUENCE ${operation.ifExists ? "IF EXISTS " : ""}${sql.table(operation.name, operation.schema)}`];
}

/** `ALTER SEQUENCE name [AS type] options [RESTART [WITH n]] [OWNED BY ...]` for what changes. */
export function alterSequence(operation: AlterSequence, sql: SecuritySql): string[] {
  const { changes } = operation;
  const parts: string[] = [];
  const type = sequenceType(changes.type, operation.name);
  if (type !== undefined) parts.push(`AS ${type}`);
  parts.push(...sql.sequenceOptions(changes, `sequence ${JSON.stringify(operation.name)}`));
  if (changes.restart !== undefined) {
    parts.push(changes.restart === true ? "RESTART" : `RESTART WITH ${sequenceBigInt(changes.restart, `sequence ${JSON.stringify(operation.name)} restart`).toString()}`);
  }
  if (changes.ownedBy !== undefined) parts.push(ownedBy(changes.ownedBy, operation.schema, sql));
  if (parts.length === 0) return [];
  return [`ALTER SEQUENCE ${sql.table(operation.name, operation.schema)} ${parts.join(" ")}`];
}

/**
 * The clauses that turn a column's identity `before` into `after`: `DROP
 * IDENTITY`, `ADD GENERATED ... AS IDENTITY (...)`, or `SET GENERATED ...` and
 * `SET <option>` for each option whose effective value changes.
 *
 * @example
 * ```ts
 * identityChange("integer", { always: false }, { always: true, cache: 20 }); // ["SET GENERATED ALWAYS SET CACHE 20"]
 * ```
 */
export function identityChange(typeKind: string | undefined, before: Identity | null | undefined, after: Identity | null, sql: Pick<SecuritySql, "sequenceOptions">): string[] {
  if (after === null) return before === null ? [] : ["DROP IDENTITY IF EXISTS"];
  const kind = `GENERATED ${after.always ? "ALWAYS" : "BY DEFAULT"}`;
  if (before === null || before === undefined) {
    const options = sql.sequenceOptions(after, "identity");
    return [`ADD ${kind} AS IDENTITY${options.length > 0 ? ` (${options.join(" ")})` : ""}`];
  }
  const type = sequenceTypeOf(typeKind ?? "integer");
  const a = effectiveSequence(after, type);
  const b = effectiveSequence(before, type);
  const changed: Record<string, unknown> = {};
  for (const name of SEQUENCE_OPTION_NAMES) {
    if (a[name] !== b[name]) changed[name] = typeof a[name] === "boolean" ? a[name] : sequenceValue(a[name]);
  }
  const clauses = before.always !== after.always ? [`SET ${kind}`] : [];
  for (const option of sql.sequenceOptions(changed as SequenceOptions, "identity")) clauses.push(`SET ${option}`);
  return clauses.length === 0 ? [] : [clauses.join(" ")];
}
