import { SqlExpression } from "../schema/expression.js";
import type { ColumnType, ForeignKeyAction, Identity, Index, IndexElement, SequenceOptions, ServerDefault } from "../schema/model.js";
import type { ViewDeclarationOptions } from "../schema/view.js";
import type { KnownKeys } from "../util/option-keys.js";
import { FinalName } from "../schema/naming.js";
import type { ConstraintName, NamingConvention } from "../schema/naming.js";
import { AthanorError } from "../util/errors.js";
import { requireName } from "./naming.js";
import { operation } from "./operation.js";
import { ALTERED_ASPECTS } from "./reverse/column.js";
import type { AlterColumn, ColumnChanges, Constraint, CreateIndex, ExistingColumn } from "../dialects/contract/index.js";

/** A server default as options take it: a literal value, `op.expr`/`{ sql }` for SQL, or `null` for none. */
export type ServerDefaultInput = ServerDefault | SqlExpression | string | number | boolean | null;

/** Options of `op.alterColumn` (and `batch.alterColumn`). `undefined` leaves an aspect unchanged. */
export interface AlterColumnOptions {
  readonly nullable?: boolean;
  readonly type?: ColumnType;
  /** PostgreSQL: the `USING` expression converting values to the new type. */
  readonly using?: string;
  /** The new default; `null` drops it. */
  readonly serverDefault?: ServerDefaultInput;
  readonly newName?: string;
  /** The new comment; `null` drops it. */
  readonly comment?: string | null;
  readonly autoincrement?: boolean;
  /** The new collation; `null` = the default one. */
  readonly collation?: string | null;
  /** MySQL `ON UPDATE <sql>`; `null` removes it. */
  readonly onUpdate?: string | null;
  /** PostgreSQL: the identity (kind and sequence options) the column gets; `null` drops it. */
  readonly identity?: Identity | null;
  readonly existingType?: ColumnType;
  readonly existingNullable?: boolean;
  readonly existingServerDefault?: ServerDefaultInput;
  readonly existingComment?: string | null;
  readonly existingAutoincrement?: boolean;
  /** `null` = the default collation. */
  readonly existingCollation?: string | null;
  readonly existingOnUpdate?: string | null;
  /** A generated column's expression, which MySQL's MODIFY must restate. */
  readonly existingComputed?: { readonly sql: string; readonly stored: boolean } | null;
  /** `null` = no identity. */
  readonly existingIdentity?: Identity | null;
  readonly schema?: string;
}

/** The keys `op.alterColumn` knows. */
export const ALTER_COLUMN_KEYS: KnownKeys<AlterColumnOptions> = {
  nullable: true, type: true, using: true, serverDefault: true, newName: true, comment: true, autoincrement: true, collation: true, onUpdate: true, identity: true,
  existingType: true, existingNullable: true, existingServerDefault: true, existingComment: true, existingAutoincrement: true, existingCollation: true,
  existingOnUpdate: true, existingComputed: true, existingIdentity: true, schema: true,
};

/** An indexed element as options take it: a column name, `op.expr`, or `{ expression }`. */
export type IndexColumnInput = string | SqlExpression | { readonly expression: string };

/** Options of `op.createIndex`. */
export interface CreateIndexOptions {
  readonly unique?: boolean;
  /** Partial index condition (PostgreSQL, SQLite). */
  readonly where?: string | SqlExpression;
  /** PostgreSQL access method (`gin`, `gist`, ...). */
  readonly using?: string;
  /** PostgreSQL `INCLUDE` columns. */
  readonly include?: readonly string[];
  /** PostgreSQL 15 `NULLS NOT DISTINCT` (a unique index where two NULLs are equal). */
  readonly nullsNotDistinct?: boolean;
  /** PostgreSQL storage parameters: `{ fillfactor: 70 }` is `WITH (fillfactor = 70)`. */
  readonly with?: Readonly<Record<string, string | number | boolean>>;
  readonly ifNotExists?: boolean;
  /** PostgreSQL `CONCURRENTLY` (the revision must declare `export const transactional = false`). */
  readonly concurrently?: boolean;
  readonly schema?: string;
}

/** The keys `op.createIndex` knows. */
export const CREATE_INDEX_KEYS: KnownKeys<CreateIndexOptions> = {
  unique: true, where: true, using: true, include: true, nullsNotDistinct: true, with: true, ifNotExists: true, concurrently: true, schema: true,
};

/** Options of `op.createForeignKey`. */
export interface CreateForeignKeyOptions {
  readonly onDelete?: ForeignKeyAction;
  readonly onUpdate?: ForeignKeyAction;
  readonly deferrable?: boolean;
  readonly initially?: "deferred" | "immediate";
  readonly match?: "simple" | "full" | "partial";
  readonly sourceSchema?: string;
  readonly referentSchema?: string;
}

/** The keys `op.createForeignKey` knows. */
export const CREATE_FOREIGN_KEY_KEYS: KnownKeys<CreateForeignKeyOptions> = {
  onDelete: true, onUpdate: true, deferrable: true, initially: true, match: true, sourceSchema: true, referentSchema: true,
};

/** Options of `op.createExcludeConstraint`. */
export interface ExcludeConstraintOptions {
  /** The index access method; `gist` when left out. */
  readonly using?: string;
  /** Only rows meeting this condition take part. */
  readonly where?: string | SqlExpression;
  readonly deferrable?: boolean;
  readonly initially?: "deferred" | "immediate";
  readonly schema?: string;
}

/** The keys `op.createExcludeConstraint` knows. */
export const EXCLUDE_CONSTRAINT_KEYS: KnownKeys<ExcludeConstraintOptions> = { using: true, where: true, deferrable: true, initially: true, schema: true };

/** The keys `op.createView` knows. */
export const VIEW_KEYS: KnownKeys<ViewDeclarationOptions> = { schema: true, checkOption: true, securityInvoker: true, securityBarrier: true, algorithm: true };

/** The sequence options `op.createSequence` and `op.alterSequence` know. */
export const SEQUENCE_OPTION_KEYS: KnownKeys<SequenceOptions> = { start: true, increment: true, minValue: true, maxValue: true, cache: true, cycle: true };

/** One element of `op.createExcludeConstraint`: `[expression, operator]`, or `[expression, operator, opclass]`. */
export type ExcludeElementArgument = readonly [string | SqlExpression, string] | readonly [string | SqlExpression, string, string];

/** The exclusion constraint `op.createExcludeConstraint(name, table, elements, options)` describes. */
export function excludeConstraint(
  name: ConstraintName | null,
  table: string,
  elements: readonly ExcludeElementArgument[],
  options: Omit<ExcludeConstraintOptions, "schema">,
): Constraint & { readonly type: "exclude" } {
  const where = `createExcludeConstraint(${name === null ? "null" : JSON.stringify(nameText(name))}, "${table}")`;
  if (!Array.isArray(elements) || elements.length === 0) throw new AthanorError(`${where}: an exclusion constraint needs at least one [expression, operator] pair`);
  const pairs = elements.map((pair) => {
    const [expression, operator, opclass] = Array.isArray(pair) ? pair : [];
    const sql = expression instanceof SqlExpression ? expression.sql : expression;
    const length = Array.isArray(pair) ? pair.length : 0;
    if (
      typeof sql !== "string" || sql.trim() === "" || typeof operator !== "string" || operator.trim() === "" || (length !== 2 && length !== 3) ||
      (length === 3 && (typeof opclass !== "string" || opclass.trim() === ""))
    ) {
      throw new AthanorError(`${where}: each element is [expression, operator] or [expression, operator, opclass], got ${JSON.stringify(pair)}`, {
        hint: 'write [["room_id", "=", "gist_int4_ops"], ["during", "&&"]]',
      });
    }
    return { expression: sql, operator: operator.trim(), ...(opclass === undefined ? {} : { opclass: opclass.trim() }) };
  });
  return {
    type: "exclude",
    ...(name === null ? {} : { name: nameText(name) }),
    elements: pairs,
    ...(options.using === undefined ? {} : { using: options.using }),
    ...(options.where === undefined ? {} : { where: options.where instanceof SqlExpression ? options.where.sql : options.where }),
    ...(options.deferrable === undefined ? {} : { deferrable: options.deferrable }),
    ...(options.initially === undefined ? {} : { initially: options.initially }),
  };
}

/** The text of a name given as a string or `op.f(name)`. */
export function nameText(name: ConstraintName): string {
  return name instanceof FinalName ? name.name : name;
}

/** A server default from options. */
export function toServerDefault(value: ServerDefaultInput): ServerDefault | null {
  if (value === null) return null;
  if (value instanceof SqlExpression) return { kind: "sql", sql: value.sql };
  if (typeof value === "object" && (value.kind === "sql" || value.kind === "literal")) return value;
  if (["string", "number", "boolean"].includes(typeof value)) return { kind: "literal", value: value as string | number | boolean };
  throw new AthanorError(`Not a server default: ${JSON.stringify(value)}`, { hint: "pass a literal value, op.expr`...` for SQL, or null" });
}

/** The AlterColumn operation `op.alterColumn(table, name, options)` describes. */
export function alterColumnOperation(table: string, name: string, options: AlterColumnOptions): AlterColumn {
  if (options.using !== undefined && options.type === undefined) {
    throw new AthanorError(`alterColumn("${table}", "${name}"): using needs type`, { hint: "pass the new type with the USING expression" });
  }
  const changes: Record<string, unknown> = {};
  const existing: Record<string, unknown> = {};
  if (options.nullable !== undefined) changes["nullable"] = options.nullable;
  if (options.type !== undefined) changes["type"] = options.type;
  if (options.using !== undefined) changes["using"] = options.using;
  if (options.serverDefault !== undefined) changes["serverDefault"] = toServerDefault(options.serverDefault);
  if (options.newName !== undefined) changes["newName"] = options.newName;
  if (options.comment !== undefined) changes["comment"] = options.comment;
  if (options.autoincrement !== undefined) changes["autoincrement"] = options.autoincrement;
  if (options.collation !== undefined) changes["collation"] = options.collation;
  if (options.onUpdate !== undefined) changes["onUpdate"] = options.onUpdate;
  if (options.identity !== undefined) changes["identity"] = options.identity;
  if (options.existingIdentity !== undefined) existing["identity"] = options.existingIdentity;
  if (options.existingType !== undefined) existing["type"] = options.existingType;
  if (options.existingNullable !== undefined) existing["nullable"] = options.existingNullable;
  if (options.existingServerDefault !== undefined) existing["serverDefault"] = toServerDefault(options.existingServerDefault);
  if (options.existingComment !== undefined) existing["comment"] = options.existingComment;
  if (options.existingAutoincrement !== undefined) existing["autoincrement"] = options.existingAutoincrement;
  if (options.existingCollation !== undefined) existing["collation"] = options.existingCollation;
  if (options.existingOnUpdate !== undefined) existing["onUpdate"] = options.existingOnUpdate;
  if (options.existingComputed !== undefined) existing["computed"] = options.existingComputed;
  const alter = operation("alterColumn", { table, schema: options.schema, name, changes: changes as ColumnChanges, existing: existing as ExistingColumn });
  if (!ALTERED_ASPECTS.some((aspect) => alter.changes[aspect] !== undefined) && alter.changes.newName === undefined) {
    throw new AthanorError(`alterColumn("${table}", "${name}"): nothing to change`, {
      hint: "pass nullable, type, serverDefault, newName, comment, autoincrement, collation or onUpdate",
    });
  }
  return alter;
}

/** The index elements of options. */
export function indexElements(columns: readonly IndexColumnInput[], where: string): IndexElement[] {
  if (!Array.isArray(columns) || columns.length === 0) throw new AthanorError(`${where}: an index needs at least one column or expression`);
  return columns.map((c) => {
    if (typeof c === "string") return c;
    if (c instanceof SqlExpression) return { expression: c.sql };
    if (typeof c === "object" && c !== null && typeof c.expression === "string") return { expression: c.expression };
    throw new AthanorError(`${where}: cannot index ${JSON.stringify(c)}`, { hint: 'give column names, op.expr`...` or { expression: "..." }' });
  });
}

/** The CreateIndex operation `op.createIndex(name, table, columns, options)` describes. */
export function createIndexOperation(
  convention: NamingConvention,
  name: ConstraintName | null,
  table: string,
  columns: readonly IndexColumnInput[],
  options: CreateIndexOptions,
): CreateIndex {
  const elements = indexElements(columns, `createIndex(${name === null ? "null" : JSON.stringify(nameText(name))}, "${table}")`);
  const index: Index = {
    name: requireName(convention, { kind: "ix", table, columns: elements, name }),
    columns: elements,
    unique: options.unique === true,
    ...(options.where === undefined ? {} : { where: options.where instanceof SqlExpression ? options.where.sql : options.where }),
    ...(options.using === undefined ? {} : { using: options.using }),
    ...(options.include === undefined ? {} : { include: options.include }),
    ...(options.nullsNotDistinct === true ? { nullsNotDistinct: true } : {}),
    ...(options.with === undefined || Object.keys(options.with).length === 0 ? {} : { with: options.with }),
  };
  return operation("createIndex", { table, schema: options.schema, index, ifNotExists: options.ifNotExists, concurrently: options.concurrently });
}
