/**
 * The option keys the schema builders know (`column(name, type, options)`,
 * `foreignKey({...})`, `primaryKey({...})`, `.references()`, `.identity()`,
 * `metadata.table(..., options)`, ...), each list checked against its options
 * type by the compiler: a key the builder does not know is refused in one line
 * naming the key meant, as `op.*` methods refuse theirs (revision files and
 * env.ts are loaded without type-checking, so a misspelt option would
 * otherwise be dropped without a word).
 */
import { checkOptionKeys, type KnownKeys } from "../util/option-keys.js";
import type { ColumnOptions, ForeignKeyOptions } from "./column.js";
import type { ForeignKeySpec } from "./constraints.js";
import type { MetaDataOptions } from "./metadata.js";
import type { Sequence, SequenceOptions } from "./model.js";
import type { PolicyInput } from "./security.js";
import type { TableDeclarationOptions } from "./table.js";
import type { TemporalOptions } from "./types.js";
import type { MaterializedViewDeclarationOptions, ViewDeclarationOptions } from "./view.js";

const SEQUENCE_KEYS: KnownKeys<SequenceOptions> = { start: true, increment: true, minValue: true, maxValue: true, cache: true, cycle: true };

/** The options of a foreign key (`.references(target, options)`). */
export const FOREIGN_KEY_OPTION_KEYS: KnownKeys<ForeignKeyOptions> = { name: true, onDelete: true, onUpdate: true, deferrable: true, initially: true, match: true };

/** `foreignKey({ columns, foreignColumns, ...options })`. */
export const FOREIGN_KEY_SPEC_KEYS: KnownKeys<Omit<ForeignKeySpec, "kind">> = { ...FOREIGN_KEY_OPTION_KEYS, columns: true, foreignColumns: true };

/** `primaryKey({ name, columns })`. */
export const PRIMARY_KEY_SPEC_KEYS: KnownKeys<{ readonly name?: unknown; readonly columns: unknown }> = { name: true, columns: true };

/** `.identity({ always, ...sequence options })`. */
export const IDENTITY_KEYS: KnownKeys<{ readonly always?: boolean } & SequenceOptions> = { ...SEQUENCE_KEYS, always: true };

/** `column(name, type, options)`. */
export const COLUMN_OPTION_KEYS: KnownKeys<ColumnOptions> = {
  primaryKey: true,
  nullable: true,
  default: true,
  defaultSql: true,
  autoincrement: true,
  identity: true,
  generated: true,
  comment: true,
  collation: true,
  onUpdate: true,
  unique: true,
  index: true,
  check: true,
  references: true,
};

/** `type.time(options)`, `type.timestamp(options)`. */
export const TEMPORAL_KEYS: KnownKeys<TemporalOptions> = { withTimezone: true, precision: true };

/** `metadata.table(name, columns, [callback,] options)`. */
export const TABLE_OPTION_KEYS: KnownKeys<TableDeclarationOptions> = {
  schema: true,
  comment: true,
  mysql: true,
  dialectOptions: true,
  rowLevelSecurity: true,
  policies: true,
};

/** A table's `mysql: { ... }` bag. */
export const MYSQL_TABLE_KEYS: KnownKeys<NonNullable<TableDeclarationOptions["mysql"]>> = { engine: true, charset: true, collate: true, rowFormat: true };

/** One of a table's `policies`. */
export const POLICY_KEYS: KnownKeys<PolicyInput> = { name: true, as: true, for: true, to: true, using: true, withCheck: true };

/** `new MetaData(options)`. */
export const METADATA_OPTION_KEYS: KnownKeys<MetaDataOptions> = { namingConvention: true, schema: true, maxIdentifierLength: true };

/** `metadata.view(name, query, options)`. */
export const VIEW_OPTION_KEYS: KnownKeys<ViewDeclarationOptions> = { schema: true, checkOption: true, securityInvoker: true, securityBarrier: true, algorithm: true };

/** `metadata.materializedView(name, query, options)`. */
export const MATERIALIZED_VIEW_OPTION_KEYS: KnownKeys<MaterializedViewDeclarationOptions> = { schema: true, withNoData: true, tablespace: true, using: true, with: true };

/** `metadata.sequence(name, options)`. */
export const SEQUENCE_DECLARATION_KEYS: KnownKeys<Omit<Sequence, "name">> = { ...SEQUENCE_KEYS, schema: true, type: true, ownedBy: true };

/** `{ schema }`: `metadata.enum`, `type.enumType`, `column.enum`. */
export const SCHEMA_ONLY_KEYS: KnownKeys<{ readonly schema?: string }> = { schema: true };

/**
 * `column(name, type, options)`'s options, and the objects inside them
 * (`references: { column, ...foreign key options }`, `identity`, `generated`,
 * `check: { sql, name }`).
 *
 * @example
 * ```ts
 * checkColumnOptions("id", { primarykey: true } as never);
 * // AthanorError: column("id"): unknown option "primarykey" (did you mean "primaryKey"?); known options: primaryKey, ...
 * ```
 */
export function checkColumnOptions(name: string, options: ColumnOptions | undefined): void {
  if (options === undefined) return;
  const where = `column(${JSON.stringify(name)})`;
  checkOptionKeys(where, options, COLUMN_OPTION_KEYS);
  if (isPlainObject(options.identity)) checkOptionKeys(`${where} identity`, options.identity, IDENTITY_KEYS);
  if (isPlainObject(options.generated)) checkOptionKeys(`${where} generated`, options.generated, { sql: true, stored: true });
  if (isPlainObject(options.check)) checkOptionKeys(`${where} check`, options.check as { sql?: unknown; name?: unknown }, { sql: true, name: true });
  if (isPlainObject(options.references)) checkOptionKeys(`${where} references`, options.references as ForeignKeyOptions & { column?: unknown }, { ...FOREIGN_KEY_OPTION_KEYS, column: true });
}

/**
 * `metadata.table`'s options, with its `mysql` bag and each policy.
 *
 * @example
 * ```ts
 * checkTableOptions("users", { coment: "people" } as never);
 * // AthanorError: table("users"): unknown option "coment" (did you mean "comment"?); known options: ...
 * ```
 */
export function checkTableOptions(name: string, options: TableDeclarationOptions | undefined): void {
  if (options === undefined) return;
  const where = `table(${JSON.stringify(name)})`;
  checkOptionKeys(where, options, TABLE_OPTION_KEYS);
  if (isPlainObject(options.mysql)) checkOptionKeys(`${where} mysql`, options.mysql, MYSQL_TABLE_KEYS);
  if (isPlainObject(options.rowLevelSecurity)) checkOptionKeys(`${where} rowLevelSecurity`, options.rowLevelSecurity, { enabled: true, force: true });
  if (Array.isArray(options.policies)) {
    for (const policy of options.policies) if (isPlainObject(policy)) checkOptionKeys(`${where} policy ${JSON.stringify(policy.name)}`, policy, POLICY_KEYS);
  }
}

/** An object literal (not an array, a column reference or an SQL expression). */
function isPlainObject<T>(value: T): value is Extract<NonNullable<T>, object> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
