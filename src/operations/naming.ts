import { createHash } from "node:crypto";
import { DEFAULT_NAMING_CONVENTION, conventionalName } from "../schema/naming.js";
import type { ConstraintName, ConventionKind, NamingConvention } from "../schema/naming.js";
import type { IndexElement } from "../schema/model.js";
import { AthanorError } from "../util/errors.js";
import type { Constraint } from "../dialects/contract/index.js";

/**
 * The naming convention of env.ts's `targetMetadata` (its `namingConvention`),
 * merged over the default one (indexes `ix_<table>_<column>`).
 */
export function namingConventionOf(metadata: unknown): NamingConvention {
  const own = (metadata as { namingConvention?: NamingConvention } | null | undefined)?.namingConvention;
  return own === undefined ? DEFAULT_NAMING_CONVENTION : { ...DEFAULT_NAMING_CONVENTION, ...own };
}

/** What a constraint or index created by an operation is about, for its name. */
export interface NameRequest {
  readonly kind: ConventionKind;
  readonly table: string;
  readonly columns: readonly IndexElement[];
  readonly refTable?: string;
  readonly refColumns?: readonly string[];
  readonly name: ConstraintName | null | undefined;
}

/** The name of a constraint or index: given, final (`op.f`), or from the convention; undefined when none applies. */
export function resolveName(convention: NamingConvention, request: NameRequest): string | undefined {
  return conventionalName(convention, {
    kind: request.kind,
    table: request.table,
    columns: request.columns,
    ...(request.refTable === undefined ? {} : { refTable: request.refTable }),
    ...(request.refColumns === undefined ? {} : { refColumns: request.refColumns }),
    ...(request.name === null || request.name === undefined ? {} : { name: request.name }),
  });
}

const KIND_WORDS: Record<ConventionKind, string> = {
  ix: "index",
  uq: "unique constraint",
  ck: "check constraint",
  fk: "foreign key",
  pk: "primary key",
};

/**
 * Names for constraints an operation adds to an existing table when neither the
 * call nor the convention names them, so a later migration can drop them by a
 * name it knows. A check constraint has no such name: it must be named.
 */
export const OPERATION_FALLBACK_CONVENTION: NamingConvention = Object.freeze({
  uq: "uq_%(table_name)s_%(column_0_N_name)s",
  fk: "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
  pk: "pk_%(table_name)s",
});

/** Like {@link resolveName}, with the fallback names above; a name still missing is an error saying how to give one. */
export function requireName(convention: NamingConvention, request: NameRequest): string {
  const name =
    resolveName(convention, request) ??
    (request.columns.length > 0 && convention[request.kind] === undefined ? resolveName(OPERATION_FALLBACK_CONVENTION, request) : undefined);
  if (name === undefined) {
    throw new AthanorError(`The ${KIND_WORDS[request.kind]} on "${request.table}" needs a name`, {
      hint: `pass a name, or declare a naming convention with a "${request.kind}" template in targetMetadata (env.ts)`,
    });
  }
  return name;
}

/** The name of a constraint added to an existing table that has none: the fallback name, or an error. */
export function fallbackName(convention: NamingConvention, table: string, constraint: Constraint): string {
  switch (constraint.type) {
    case "primary": return requireName(convention, { kind: "pk", table, columns: constraint.columns, name: undefined });
    case "unique": return requireName(convention, { kind: "uq", table, columns: constraint.columns, name: undefined });
    case "check": return requireName(convention, { kind: "ck", table, columns: [], name: undefined });
    case "exclude": return requireName(convention, { kind: "ck", table, columns: [], name: undefined });
    case "foreignkey":
      return requireName(convention, { kind: "fk", table, columns: constraint.columns, refTable: constraint.refTable, refColumns: constraint.refColumns, name: undefined });
  }
}

/**
 * The name an unnamed CHECK of `table` goes by when it must be dropped (SQLite
 * keeps no name for it; batch mode finds it by this name): `<table>_check_<hash
 * of its condition>`, shortened with a hash beyond 63 characters.
 *
 * @example
 * ```ts
 * unnamedCheckName("items", "qty >= 0"); // "items_check_" + 8 hex digits
 * ```
 */
export function unnamedCheckName(table: string, sql: string): string {
  const hash = (text: string): string => createHash("sha1").update(text).digest("hex").slice(0, 8);
  const name = `${table}_check_${hash(sql)}`;
  return name.length <= 63 ? name : `${name.slice(0, 54)}_${hash(name)}`;
}

/**
 * The name an unnamed UNIQUE constraint of `table` goes by when it must be
 * dropped (SQLite keeps no name for it; batch mode finds it by this name):
 * `<table>_unique_<hash of its columns>`, shortened with a hash beyond 63
 * characters.
 *
 * @example
 * ```ts
 * unnamedUniqueName("users", ["email"]); // "users_unique_" + 8 hex digits
 * ```
 */
export function unnamedUniqueName(table: string, columns: readonly string[]): string {
  const hash = (text: string): string => createHash("sha1").update(text).digest("hex").slice(0, 8);
  const name = `${table}_unique_${hash(columns.join("\u0000"))}`;
  return name.length <= 63 ? name : `${name.slice(0, 54)}_${hash(name)}`;
}
