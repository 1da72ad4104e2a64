import { createHash } from "node:crypto";
import type { ColumnChanges, Constraint, ExistingColumn } from "../../dialects/contract/index.js";
import type { CheckConstraint, Column, ExcludeConstraint, ForeignKey, ForeignKeyAction, Index, Table, UniqueConstraint } from "../../schema/model.js";
import type { CompareState } from "./compare-schemas.js";
import { mapOutsideQuotes, STRING_LITERALS } from "../../util/sql-text.js";
import { collationKey, defaultKey, effectiveCollation, elementKey, expressionKey, onUpdateKey, rulesOf, typeKey } from "./normalize.js";
import { columnRenameCandidates } from "./renames.js";
import { unnamedCheckName, unnamedUniqueName } from "../../operations/naming.js";
import { compareTableSecurity } from "./compare-security.js";
import { effectiveSequence, sequenceOptionsOf, sequenceTypeOf } from "../../schema/sequence.js";
import type { ColumnCompareContext, CompareObjectType, SchemaDiff } from "./types.js";
import { sameFields } from "../../util/same-fields.js";

type Where = { readonly schema?: string };

function whereOf(table: Table): Where {
  return table.schema === undefined ? {} : { schema: table.schema };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** An SQL text with one column name replaced, bare or quoted, outside string literals. */
function renameInSql(sql: string, from: string, to: string): string {
  const name = escapeRegExp(from);
  const pattern = new RegExp(`"${name}"|\`${name}\`|(?<![\\w$])${name}(?![\\w$])`, "g");
  return mapOutsideQuotes(sql, STRING_LITERALS, (part) => part.replace(pattern, (found) => (found.startsWith('"') ? `"${to}"` : found.startsWith("`") ? `\`${to}\`` : to)));
}

/** The columns a reflected table gets after renames: keys, indexes, conditions and references follow, as the database does. */
function renameColumnIn(table: Table, from: string, to: string): Table {
  const swap = (c: string): string => (c === from ? to : c);
  return {
    ...table,
    columns: table.columns.map((c) => {
      const named = c.name === from ? { ...c, name: to } : c;
      return named.computed === undefined ? named : { ...named, computed: { ...named.computed, sql: renameInSql(named.computed.sql, from, to) } };
    }),
    ...(table.primaryKey ? { primaryKey: { ...table.primaryKey, columns: table.primaryKey.columns.map(swap) } } : {}),
    foreignKeys: table.foreignKeys.map((fk) => ({ ...fk, columns: fk.columns.map(swap) })),
    uniques: table.uniques.map((u) => ({ ...u, columns: u.columns.map(swap) })),
    checks: table.checks.map((c) => ({ ...c, sql: renameInSql(c.sql, from, to) })),
    indexes: table.indexes.map((ix) => ({
      ...ix,
      columns: ix.columns.map((e) => (typeof e === "string" ? swap(e) : { expression: renameInSql(e.expression, from, to) })),
      ...(ix.where === undefined ? {} : { where: renameInSql(ix.where, from, to) }),
      ...(ix.include === undefined ? {} : { include: ix.include.map(swap) }),
    })),
    ...(table.excludes === undefined
      ? {}
      : {
          excludes: table.excludes.map((x) => ({
            ...x,
            elements: x.elements.map((e) => ({ ...e, expression: e.expression === from ? to : renameInSql(e.expression, from, to) })),
            ...(x.where === undefined ? {} : { where: renameInSql(x.where, from, to) }),
          })),
        }),
  };
}

function isEmpty(record: object): boolean {
  for (const _key in record) return false;
  return true;
}

/** The new name the user stated for a column of this table, if any. */
function statedColumnRename(state: CompareState, declared: Table, formerName: string, column: string): string | undefined {
  const hints = state.options.renames?.columns;
  if (!hints || isEmpty(hints)) return undefined;
  const names = [...new Set([declared.name, formerName])];
  for (const table of names) {
    const found = (declared.schema === undefined ? undefined : hints[`${declared.schema}.${table}.${column}`]) ?? hints[`${table}.${column}`];
    if (found !== undefined) return found;
  }
  return undefined;
}

/** MySQL: a unique index over plain columns is a unique constraint. */
function uniqueIndexesAsConstraints(table: Table): Table {
  const plain = (ix: Index): boolean =>
    ix.unique && ix.where === undefined && (ix.using === undefined || ix.using === "btree") && ix.include === undefined && ix.columns.every((c) => typeof c === "string");
  if (!table.indexes.some(plain)) return table;
  return {
    ...table,
    uniques: [...table.uniques, ...table.indexes.filter(plain).map((ix) => ({ name: ix.name, columns: ix.columns as string[] }))],
    indexes: table.indexes.filter((ix) => !plain(ix)),
  };
}

function existingOf(column: Column, state: CompareState): ExistingColumn {
  const autoincrement = column.autoincrement === true || (state.rules.identityIsAutoincrement && column.identity !== undefined);
  return {
    type: column.type,
    nullable: column.nullable,
    serverDefault: column.serverDefault ?? null,
    comment: column.comment ?? null,
    autoincrement,
    collation: column.collation ?? null,
    ...(state.rules.onUpdate ? { onUpdate: column.onUpdate ?? null } : {}),
    ...(column.computed !== undefined ? { computed: column.computed } : {}),
  };
}

/**
 * The table without the `ON UPDATE` of its columns where the database has no
 * such clause, each one left out said aloud, naming the column.
 */
export function withoutUnsupportedOnUpdate(table: Table, state: CompareState): Table {
  if (state.rules.onUpdate || !table.columns.some((c) => c.onUpdate !== undefined)) return table;
  return {
    ...table,
    columns: table.columns.map((column) => {
      if (column.onUpdate === undefined) return column;
      state.warn({
        code: "onUpdateNotSupported",
        message: `Column ${table.name}.${column.name} declares ON UPDATE ${column.onUpdate}, which ${state.options.dialect.name} does not have (MySQL's): it is not compared nor created; keep the value current with a trigger`,
        table: table.name,
        ...whereOf(table),
      });
      const { onUpdate: _dropped, ...rest } = column;
      return rest;
    }),
  };
}

/** Whether a column counts up by itself: AUTO_INCREMENT, SERIAL, AUTOINCREMENT (or an identity, where that is the same thing). */
function counts(column: Column, state: CompareState): boolean {
  return column.autoincrement === true || (state.rules.identityIsAutoincrement && column.identity !== undefined);
}

/** A default taken from a sequence (PostgreSQL's nextval): counting up, by a sequence the column may not own. */
function sequenceFed(column: Column): boolean {
  return column.serverDefault?.kind === "sql" && /^\s*nextval\s*\(/i.test(column.serverDefault.sql);
}

function compareColumn(
  declared: Column,
  reflected: Column,
  table: Table,
  state: CompareState,
  reflectedTable: Table = table,
): { changes: ColumnChanges; existing: ExistingColumn } | undefined {
  const { dialect, compareType = true, compareServerDefault = true } = state.options;
  // made only for a comparison function of the user's
  let made: ColumnCompareContext | undefined;
  const context = (): ColumnCompareContext => (made ??= { ...whereOf(table), table: table.name, column: declared.name, declared, reflected, dialect });
  const changes: { -readonly [K in keyof ColumnChanges]: ColumnChanges[K] } = {};
  // The same column on both sides (no comparison function of the user's to ask): only what its
  // tables add, their default collation, can differ.
  const same = typeof compareType !== "function" && typeof compareServerDefault !== "function" && sameFields(declared, reflected);

  const fixedCounterType = state.rules.counterTypeIsFixed === true && counts(declared, state);
  if (!same && compareType !== false && !fixedCounterType) {
    const verdict = typeof compareType === "function" ? compareType(context(), declared.type, reflected.type) : undefined;
    const differs = verdict ?? (!sameFields(declared.type, reflected.type) && typeKey(declared.type, dialect) !== typeKey(reflected.type, dialect));
    if (differs) {
      changes.type = declared.type;
      if (state.rules.conversion) {
        let rendered: string | undefined;
        try {
          rendered = dialect.ddl.renderType(declared.type);
        } catch {
          // A type the dialect cannot render is left to the compiler's own error.
        }
        const using = rendered === undefined ? undefined : state.rules.conversion(dialect.quoteIdentifier(declared.name), reflected.type, declared.type, rendered);
        if (using !== undefined) changes.using = using;
      }
    }
  }
  if (declared.nullable !== reflected.nullable) changes.nullable = declared.nullable;

  const computed = declared.computed !== undefined || reflected.computed !== undefined;
  if (same) {
    // nothing of the column's own differs
  } else if (computed) {
    const sameExpression =
      declared.computed !== undefined &&
      reflected.computed !== undefined &&
      expressionKey(declared.computed.sql, dialect) === expressionKey(reflected.computed.sql, dialect);
    if (!sameExpression) {
      state.warn({
        code: "computedChanged",
        message: `The generated expression of ${table.name}.${declared.name} differs from the database's; a generated column cannot be altered: drop and add it by hand`,
        table: table.name,
        ...whereOf(table),
      });
    }
  } else if (compareServerDefault !== false) {
    const verdict = typeof compareServerDefault === "function" ? compareServerDefault(context(), declared.serverDefault, reflected.serverDefault) : undefined;
    let differs = verdict;
    if (differs === undefined) {
      const declaredKey = defaultKey(declared.serverDefault, declared, dialect);
      let reflectedKey = defaultKey(reflected.serverDefault, reflected, dialect);
      // A sequence feeding an autoincrement key is the mechanism, not a declared default.
      const sequenceFed = (declared.autoincrement === true || declared.identity !== undefined) && reflectedKey !== undefined && /^x:nextval/.test(reflectedKey);
      if (sequenceFed && declaredKey === undefined) reflectedKey = undefined;
      differs = declaredKey !== reflectedKey;
    }
    if (differs) changes.serverDefault = declared.serverDefault ?? null;
  }
  if (state.rules.comments && (declared.comment ?? null) !== (reflected.comment ?? null)) changes.comment = declared.comment ?? null;

  // Collations: a column stating none has its table's default (MySQL), the declared table's when it states one.
  const reflectedCollation = effectiveCollation(reflected, reflectedTable, dialect);
  // a column whose new type takes no collation (text made an integer on MySQL) changes type, not collation
  const losesCollationWithType = changes.type !== undefined && declared.collation === undefined && effectiveCollation(declared, table, dialect, reflectedTable) === undefined && rulesOf(dialect).defaultCollation !== undefined;
  if (!losesCollationWithType && collationKey(effectiveCollation(declared, table, dialect, reflectedTable), dialect) !== collationKey(reflectedCollation, dialect)) {
    changes.collation = declared.collation ?? null;
  }
  if (!same && state.rules.onUpdate && onUpdateKey(declared.onUpdate, declared) !== onUpdateKey(reflected.onUpdate, reflected)) {
    changes.onUpdate = declared.onUpdate ?? null;
  }
  // Counting up by itself; an identity on one side only is the identity's own difference (below).
  const identityApart = !state.rules.identityIsAutoincrement && (declared.identity !== undefined || reflected.identity !== undefined);
  const countsAlready = counts(declared, state) && sequenceFed(reflected);
  if (!same && !identityApart && !countsAlready && declared.computed === undefined && counts(declared, state) !== counts(reflected, state)) {
    changes.autoincrement = counts(declared, state);
  }

  if (!same && !state.rules.identityIsAutoincrement && identityKey(declared) !== identityKey(reflected)) {
    // Identities on both sides, or one against a plain column: ALTER COLUMN changes it (SET, ADD or DROP IDENTITY).
    const plain = (c: Column): boolean => c.identity === undefined && c.autoincrement !== true && c.serverDefault === undefined && c.computed === undefined;
    if ((declared.identity !== undefined || plain(declared)) && (reflected.identity !== undefined || plain(reflected))) {
      changes.identity = declared.identity ?? null;
    } else state.warn({
      code: "identityChanged",
      message: `The identity of ${table.name}.${declared.name} differs from the database's (declared ${identityKey(declared) || "none"}, database ${identityKey(reflected) || "none"}); change it by hand (ALTER TABLE ... ALTER COLUMN ... ADD/DROP/SET GENERATED)`,
      table: table.name,
      ...whereOf(table),
    });
  }

  if (Object.keys(changes).length === 0) return undefined;
  const existing = changes.identity === undefined ? existingOf(reflected, state) : { ...existingOf(reflected, state), identity: reflected.identity ?? null };
  // The collation restored is the one the column had, stated: the table's default may change in the same revision.
  return { changes, existing: changes.collation === undefined ? existing : { ...existing, collation: reflectedCollation ?? null } };
}

/**
 * A name for a constraint declared without one (and added to an existing
 * table): PostgreSQL's own pattern (`users_email_key`, `users_org_id_fkey`,
 * `users_pkey`; checks `users_check_<hash>`), shortened with a hash beyond 63
 * characters. Compare matches unnamed declarations by their signature, so any
 * stable name does.
 */
export function constraintName(constraint: Constraint, table: string): string {
  const hash = (text: string): string => createHash("sha1").update(text).digest("hex").slice(0, 8);
  let name: string;
  switch (constraint.type) {
    case "primary":
      name = `${table}_pkey`;
      break;
    case "unique":
      name = `${table}_${constraint.columns.join("_")}_key`;
      break;
    case "foreignkey":
      name = `${table}_${constraint.columns.join("_")}_fkey`;
      break;
    case "check":
      name = `${table}_check_${hash(constraint.sql)}`;
      break;
    case "exclude":
      name = `${table}_excl_${hash(JSON.stringify(constraint.elements))}`;
      break;
  }
  return name.length <= 63 ? name : `${name.slice(0, 54)}_${hash(name)}`;
}

const KIND_WORDS: Partial<Record<CompareObjectType, string>> = {
  uniqueConstraint: "unique constraint",
  foreignKeyConstraint: "foreign key",
  checkConstraint: "check constraint",
  excludeConstraint: "exclusion constraint",
};

function describeConstraint(constraint: Constraint): string {
  switch (constraint.type) {
    case "check":
      return constraint.sql;
    case "foreignkey":
      return `${constraint.columns.join(", ")} -> ${constraint.refTable}(${constraint.refColumns.join(", ")})`;
    case "exclude":
      return constraint.elements.map((e) => `${e.expression} WITH ${e.operator}`).join(", ");
    default:
      return constraint.columns.join(", ");
  }
}

/** An identity's settings, defaults left out; "" for none. */
function identityKey(column: Column): string {
  const identity = column.identity;
  if (identity === undefined) return "";
  const { always: _always, ...given } = identity;
  const options = sequenceOptionsOf(effectiveSequence(given, sequenceTypeOf(column.type.kind)), sequenceTypeOf(column.type.kind));
  const parts = Object.entries(options).map(([name, value]) => ` ${name} ${String(value)}`);
  return `${identity.always ? "always" : "by default"}${parts.join("")}`;
}

function actionKey(action: ForeignKeyAction | undefined, defaults: readonly ForeignKeyAction[]): string {
  return action === undefined || defaults.includes(action) ? "" : action;
}

function foreignKeyKey(fk: ForeignKey, state: CompareState): string {
  const defaults = state.rules.defaultActions;
  return JSON.stringify([
    fk.columns,
    fk.refSchema ?? "",
    fk.refTable,
    fk.refColumns,
    actionKey(fk.onDelete, defaults),
    actionKey(fk.onUpdate, defaults),
    fk.deferrable === true,
    fk.initially === "deferred",
    fk.match === undefined || fk.match === "simple" ? "" : fk.match,
  ]);
}

function uniqueKey(u: UniqueConstraint): string {
  return JSON.stringify([[...u.columns].sort(), u.deferrable === true, u.initially === "deferred", u.nullsNotDistinct === true]);
}

/** The key of a declared CHECK in `canonicalChecks`. */
export function checkKey(schema: string | undefined, table: string, name: string): string {
  return `${schema ?? ""}\u0000${table}\u0000${name}`;
}

/** Storage parameters with names lower-cased and values as text, in name order. */
function storageKey(parameters: Index["with"]): string {
  if (parameters === undefined) return "";
  return Object.entries(parameters)
    .map(([name, value]) => `${name.toLowerCase()}=${String(value).toLowerCase()}`)
    .sort()
    .join(",");
}

/** An exclusion element's expression: a column name alone is compared as the quoted identifier. */
function excludeElementKey(expression: string, state: CompareState): string {
  const dialect = state.options.dialect;
  return /^[A-Za-z_][\w$]*$/.test(expression) ? elementKey(expression, dialect) : expressionKey(expression, dialect);
}

/** An operator class given apart is the same element as one written in the expression, before its sort order. */
function withOpclass(expression: string, opclass: string | undefined): string {
  if (opclass === undefined) return expression;
  const [, body = expression, order = ""] = /^([\s\S]*?)((?:\s+(?:ASC|DESC))?(?:\s+NULLS\s+(?:FIRST|LAST))?)\s*$/i.exec(expression) ?? [];
  return `${/^[A-Za-z_][\w$]*$/.test(body) ? `"${body}"` : body} ${opclass}${order}`;
}

function excludeKey(x: ExcludeConstraint, state: CompareState): string {
  const method = (x.using ?? "gist").toLowerCase();
  // A default operator class named is the element without it, as the catalog reads it back.
  const isDefault = (opclass: string): boolean => rulesOf(state.options.dialect).defaultOperatorClass?.(method, opclass) === true;
  return JSON.stringify([
    method,
    x.elements.map((e) => [excludeElementKey(withOpclass(e.expression, e.opclass === undefined || isDefault(e.opclass) ? undefined : e.opclass), state), e.operator.trim()]),
    x.where === undefined ? "" : expressionKey(x.where, state.options.dialect),
    x.deferrable === true,
    x.initially === "deferred",
  ]);
}

/**
 * The declared table without what this database cannot hold (NULLS NOT
 * DISTINCT, index storage parameters, exclusion constraints), each left out
 * with a warning naming it, so the comparison neither loops on it nor drops it silently.
 */
export function withoutUnsupported(table: Table, state: CompareState): Table {
  const rules = state.rules;
  const database = state.options.dialect.name;
  const say = (what: string): void =>
    state.warn({
      code: "indexOptionNotSupported",
      message: `${what} of ${table.name} is not supported on ${database}: left out of the comparison and of the migration`,
      table: table.name,
      ...whereOf(table),
    });
  let uniques = table.uniques;
  let indexes = table.indexes;
  let excludes = table.excludes;
  if (!rules.nullsNotDistinct) {
    if (uniques.some((u) => u.nullsNotDistinct)) {
      uniques = uniques.map((u) => {
        if (!u.nullsNotDistinct) return u;
        say(`NULLS NOT DISTINCT of unique constraint ${u.name ?? `(${u.columns.join(", ")})`}`);
        const { nullsNotDistinct: _dropped, ...rest } = u;
        return rest;
      });
    }
    if (indexes.some((ix) => ix.nullsNotDistinct)) {
      indexes = indexes.map((ix) => {
        if (!ix.nullsNotDistinct) return ix;
        say(`NULLS NOT DISTINCT of index ${ix.name}`);
        const { nullsNotDistinct: _dropped, ...rest } = ix;
        return rest;
      });
    }
  }
  if (!rules.indexStorageParameters && indexes.some((ix) => ix.with !== undefined)) {
    indexes = indexes.map((ix) => {
      if (ix.with === undefined) return ix;
      say(`The storage parameters (${Object.keys(ix.with).join(", ")}) of index ${ix.name}`);
      const { with: _dropped, ...rest } = ix;
      return rest;
    });
  }
  if (!rules.exclusionConstraints && excludes !== undefined && excludes.length > 0) {
    for (const x of excludes) say(`Exclusion constraint ${x.name ?? "(unnamed)"}`);
    excludes = undefined;
  }
  if (uniques === table.uniques && indexes === table.indexes && excludes === table.excludes) return table;
  const { excludes: _all, ...rest } = table;
  return { ...rest, uniques, indexes, ...(excludes === undefined ? {} : { excludes }) };
}

function indexKey(ix: Index, state: CompareState): string {
  const dialect = state.options.dialect;
  const using = ix.using === undefined || ix.using.toLowerCase() === "btree" ? "" : ix.using.toLowerCase();
  return JSON.stringify([
    ix.unique,
    ix.columns.map((e) => elementKey(e, dialect)),
    ix.where === undefined ? "" : expressionKey(ix.where, dialect),
    using,
    [...(ix.include ?? [])].sort(),
    ix.nullsNotDistinct === true,
    storageKey(ix.with),
  ]);
}

/** Declared items without a reflected one, reflected ones without a declared one, and pairs that differ. */
interface Matched<T> {
  readonly added: T[];
  readonly removed: T[];
  readonly changed: [T, T][];
}

/**
 * Matches declared and reflected items: a named declaration by its name (or,
 * where the database keeps no name, by signature among the unnamed); an
 * unnamed one by signature among the reflected items no declaration names.
 */
function match<T extends { readonly name?: string }>(
  declared: readonly T[],
  reflected: readonly T[],
  key: (item: T) => string,
  byName: boolean,
): Matched<T> {
  const left = [...reflected];
  const added: T[] = [];
  const changed: [T, T][] = [];
  const unnamed: T[] = [];
  for (const item of declared) {
    const at = byName && item.name !== undefined ? left.findIndex((r) => r.name === item.name) : -1;
    if (at === -1) {
      unnamed.push(item);
      continue;
    }
    const [found] = left.splice(at, 1);
    if (!sameFields(found, item) && key(found!) !== key(item)) changed.push([item, found!]);
  }
  for (const item of unnamed) {
    const at = left.findIndex(
      (r) =>
        key(r) === key(item) &&
        (!byName || (item.name === undefined ? r.name === undefined || !declared.some((d) => d.name === r.name) : r.name === undefined)),
    );
    if (at === -1) added.push(item);
    else left.splice(at, 1);
  }
  return { added, removed: left, changed };
}

/** The differences of one table present on both sides. */
export function compareTable(declaredTable: Table, reflectedTable: Table, state: CompareState, formerName?: string): SchemaDiff[] {
  const diffs: SchemaDiff[] = [];
  const where = whereOf(declaredTable);
  const tableName = declaredTable.name;
  const parent = { ...where, table: tableName };
  // without includeName or includeObject every item takes part: no filter, no counterpart looked for
  const filtering = state.options.includeName !== undefined || state.options.includeObject !== undefined;
  const include = <T>(
    items: readonly T[],
    type: CompareObjectType,
    reflected: boolean,
    nameOf: (item: T) => string | undefined,
    counterpart?: (item: T) => unknown,
  ): readonly T[] => (filtering ? items.filter((item) => state.include(item, nameOf(item), type, reflected, parent, counterpart?.(item))) : items);

  let declared = withoutUnsupportedOnUpdate(declaredTable, state);
  let reflected = reflectedTable;
  if (state.rules.uniqueIndexIsConstraint) {
    declared = uniqueIndexesAsConstraints(declared);
    reflected = uniqueIndexesAsConstraints(reflected);
  }

  // Stated column renames first: the rest of the table is compared under the new names.
  for (const column of reflected.columns) {
    const to = statedColumnRename(state, declared, formerName ?? reflected.name, column.name);
    if (to === undefined || to === column.name) continue;
    const declaredHasNew = declared.columns.some((c) => c.name === to);
    const ok = declaredHasNew && !reflected.columns.some((c) => c.name === to) && !declared.columns.some((c) => c.name === column.name);
    if (!ok) {
      state.warn({
        code: "renameNotApplied",
        message: `The rename of column ${tableName}.${column.name} to ${to} was not applied: it needs ${column.name} in the database only and ${to} in the declaration only`,
        table: tableName,
        ...where,
      });
      continue;
    }
    diffs.push({ kind: "renameColumn", ...where, table: tableName, from: column.name, to, column });
    reflected = renameColumnIn(reflected, column.name, to);
  }

  // Columns.
  const declaredColumns = include(declared.columns, "column", false, (c) => c.name, (c) => reflected.columns.find((r) => r.name === c.name));
  const reflectedColumns = include(reflected.columns, "column", true, (c) => c.name, (c) => declared.columns.find((d) => d.name === c.name));
  const reflectedByName = new Map(reflectedColumns.map((c) => [c.name, c]));
  const declaredNames = new Set(declaredColumns.map((c) => c.name));
  const addedColumns: Column[] = [];
  const removedColumns: Column[] = [];
  for (const column of declaredColumns) {
    const existing = reflectedByName.get(column.name);
    if (existing === undefined) {
      addedColumns.push(column);
      diffs.push({ kind: "addColumn", ...where, table: tableName, column });
      continue;
    }
    const change = compareColumn(column, existing, declared, state, reflected);
    if (change) diffs.push({ kind: "modifyColumn", ...where, table: tableName, column: column.name, ...change });
  }
  for (const column of reflectedColumns) {
    if (!declaredNames.has(column.name)) {
      removedColumns.push(column);
      diffs.push({ kind: "removeColumn", ...where, table: tableName, column });
    }
  }
  for (const [from, to] of columnRenameCandidates(removedColumns, addedColumns, state.options.dialect)) {
    state.warn({
      code: "renameCandidate",
      message: `Column ${tableName}.${from.name} is dropped and ${to.name} added with the same type: if it was renamed, state it (renames: { columns: { ${JSON.stringify(`${tableName}.${from.name}`)}: ${JSON.stringify(to.name)} } }) or the data is lost`,
      table: tableName,
      ...where,
      candidate: { kind: "column", ...where, table: tableName, from: from.name, to: to.name },
    });
  }

  const removeConstraint = (constraint: Constraint, type: CompareObjectType): void => {
    if (constraint.name === undefined && constraint.type === "check" && !state.options.dialect.batch.alterInPlace) {
      // A database that recreates the table to drop a constraint (SQLite) drops an unnamed CHECK by the name its condition gives it.
      diffs.push({ kind: "removeConstraint", ...where, table: tableName, constraint: { ...constraint, name: unnamedCheckName(tableName, constraint.sql) } });
      return;
    }
    if (constraint.name === undefined && constraint.type === "unique" && !state.options.dialect.batch.alterInPlace) {
      // So does an unnamed UNIQUE, by the name its columns give it.
      diffs.push({ kind: "removeConstraint", ...where, table: tableName, constraint: { ...constraint, name: unnamedUniqueName(tableName, constraint.columns) } });
      return;
    }
    if (constraint.name === undefined) {
      state.warn({
        code: "unnamedConstraint",
        message: `An unnamed ${KIND_WORDS[type] ?? type} of ${tableName} (${describeConstraint(constraint)}) is in the database but not declared; it has no name to drop it by: drop it by hand (on SQLite, op.batchAlterTable with a namingConvention gives it one)`,
        table: tableName,
        ...where,
      });
      return;
    }
    diffs.push({ kind: "removeConstraint", ...where, table: tableName, constraint: constraint as Constraint & { name: string } });
  };
  const addConstraint = (constraint: Constraint): void => {
    // An unnamed constraint added to a table gets a name, so the downgrade can drop it.
    const named = constraint.name === undefined ? { ...constraint, name: constraintName(constraint, tableName) } : constraint;
    diffs.push({ kind: "addConstraint", ...where, table: tableName, constraint: named });
  };
  /** Matched constraints as diffs: the removed dropped, the changed dropped and added again, the new added. */
  const applyMatched = <T>(found: Matched<T>, type: CompareObjectType, constraint: (item: T) => Constraint): void => {
    for (const item of found.removed) removeConstraint(constraint(item), type);
    for (const [d, r] of found.changed) {
      removeConstraint(constraint(r), type);
      addConstraint(constraint(d));
    }
    for (const item of found.added) addConstraint(constraint(item));
  };

  // Primary key: by columns (and name, where the database keeps declared names).
  const declaredPk = declared.primaryKey && declared.primaryKey.columns.length > 0 && state.include(declared.primaryKey, declared.primaryKey.name, "primaryKey", false, parent) ? declared.primaryKey : undefined;
  const reflectedPk = reflected.primaryKey && reflected.primaryKey.columns.length > 0 && state.include(reflected.primaryKey, reflected.primaryKey.name, "primaryKey", true, parent) ? reflected.primaryKey : undefined;
  const pkDiffers =
    (declaredPk === undefined) !== (reflectedPk === undefined) ||
    (declaredPk !== undefined &&
      reflectedPk !== undefined &&
      (declaredPk.columns.join("\u0000") !== reflectedPk.columns.join("\u0000") ||
        (state.rules.primaryKeyNames && declaredPk.name !== undefined && reflectedPk.name !== undefined && declaredPk.name !== reflectedPk.name)));
  if (pkDiffers) {
    if (reflectedPk) diffs.push({ kind: "removeConstraint", ...where, table: tableName, constraint: { type: "primary", ...reflectedPk, name: reflectedPk.name ?? "PRIMARY" } });
    if (declaredPk) addConstraint({ type: "primary", ...declaredPk });
  }

  // Unique constraints: named ones by name, unnamed by their columns.
  const uniques = match(
    include(declared.uniques, "uniqueConstraint", false, (u) => u.name),
    include(reflected.uniques, "uniqueConstraint", true, (u) => u.name),
    uniqueKey,
    true,
  );
  // A unique constraint over exactly the primary key's columns says nothing the key does not:
  // PostgreSQL's CREATE TABLE leaves it out, so its absence is no difference.
  const samePrimaryKey = (u: UniqueConstraint): boolean =>
    reflectedPk !== undefined && u.deferrable !== true && u.initially === undefined && u.columns.join("\u0000") === reflectedPk.columns.join("\u0000");
  applyMatched({ ...uniques, added: uniques.added.filter((u) => !samePrimaryKey(u)) }, "uniqueConstraint", (u) => ({ type: "unique", ...u }));

  // Indexes: by name; a changed one is dropped and created again.
  const declaredIndexes = include(declared.indexes, "index", false, (ix) => ix.name);
  let reflectedIndexes = include(reflected.indexes, "index", true, (ix) => ix.name);
  const allReflectedIndexes = reflectedIndexes;
  if (state.rules.implicitForeignKeyIndexes) {
    // The index the database made for a foreign key (named after the column or the key) is the key's, not a declared one.
    const declaredNames = new Set(declared.indexes.map((ix) => ix.name));
    reflectedIndexes = reflectedIndexes.filter(
      (ix) =>
        declaredNames.has(ix.name) ||
        ix.unique ||
        !reflected.foreignKeys.some((fk) => fk.columns.length === ix.columns.length && fk.columns.every((c, i) => ix.columns[i] === c)),
    );
  }
  const reflectedIndexByName = new Map(reflectedIndexes.map((ix) => [ix.name, ix]));
  const declaredIndexNames = new Set(declaredIndexes.map((ix) => ix.name));
  for (const ix of reflectedIndexes) {
    if (!declaredIndexNames.has(ix.name)) diffs.push({ kind: "removeIndex", ...where, table: tableName, index: ix });
  }
  for (const ix of declaredIndexes) {
    const existing = reflectedIndexByName.get(ix.name);
    if (existing !== undefined && (sameFields(existing, ix) || indexKey(existing, state) === indexKey(ix, state))) continue;
    if (existing !== undefined) diffs.push({ kind: "removeIndex", ...where, table: tableName, index: existing });
    diffs.push({ kind: "addIndex", ...where, table: tableName, index: ix });
  }

  // Foreign keys: by name, or by signature (columns, target, options) where unnamed; a changed one is dropped and added again.
  const fks = match(
    include(declared.foreignKeys, "foreignKeyConstraint", false, (fk) => fk.name),
    include(reflected.foreignKeys, "foreignKeyConstraint", true, (fk) => fk.name),
    (fk) => foreignKeyKey(fk, state),
    true,
  );
  applyMatched(fks, "foreignKeyConstraint", (fk) => ({ type: "foreignkey", ...fk }));
  if (state.rules.implicitForeignKeyIndexes) {
    // The index the database made for a dropped key stays behind unless dropped too.
    const same = (a: readonly string[], b: readonly (string | { expression: string })[]): boolean => a.length === b.length && a.every((c, i) => b[i] === c);
    const leading = (a: readonly string[], b: readonly (string | { expression: string })[]): boolean => a.length <= b.length && a.every((c, i) => b[i] === c);
    for (const fk of [...fks.removed, ...fks.changed.map(([, r]) => r)]) {
      if (fk.name === undefined) continue;
      const stillKeyed = [...declared.foreignKeys].some((other) => other.columns.join("\u0000") === fk.columns.join("\u0000"));
      if (stillKeyed) continue;
      const visible = allReflectedIndexes.find((ix) => !ix.unique && same(fk.columns, ix.columns) && !declaredIndexNames.has(ix.name));
      const covered = allReflectedIndexes.some((ix) => leading(fk.columns, ix.columns)) || reflected.uniques.some((u) => leading(fk.columns, u.columns)) || (reflected.primaryKey !== undefined && leading(fk.columns, reflected.primaryKey.columns));
      const index: Index | undefined = visible ?? (covered ? undefined : { name: fk.name, columns: fk.columns, unique: false });
      if (index) diffs.push({ kind: "removeIndex", ...where, table: tableName, index });
    }
  }

  // Checks: named ones by name, unnamed ones by their normalised condition.
  const dialect = state.options.dialect;
  const checks = match<CheckConstraint>(
    include(declared.checks, "checkConstraint", false, (c) => c.name),
    include(reflected.checks, "checkConstraint", true, (c) => c.name),
    (c) => expressionKey(c.sql, dialect),
    true,
  );
  // A named check whose condition reads differently is dropped and added again; where the text
  // differs, the database's own spelling of the declared condition decides, when it gave one.
  const changedChecks = checks.changed.filter(([d, r]) => {
    const key = checkKey(declared.schema, tableName, d.name ?? "");
    if (!state.options.canonicalChecks?.has(key)) return true;
    const canonical = state.options.canonicalChecks.get(key);
    if (canonical === undefined) {
      state.warn({
        code: "checkNotCompared",
        message: `CHECK ${d.name} of ${tableName} could not be compared: the database did not accept its condition for a trial (${d.sql}); it is left as it is`,
        table: tableName,
        ...where,
      });
      return false;
    }
    return expressionKey(canonical, dialect) !== expressionKey(r.sql, dialect);
  });
  applyMatched({ ...checks, changed: changedChecks }, "checkConstraint", (c) => ({ type: "check", ...c }));

  // Exclusion constraints (PostgreSQL): by name, or by definition where unnamed; a changed one is dropped and added again.
  const excludes = match<ExcludeConstraint>(
    include(declared.excludes ?? [], "excludeConstraint", false, (x) => x.name),
    include(reflected.excludes ?? [], "excludeConstraint", true, (x) => x.name),
    (x) => excludeKey(x, state),
    true,
  );
  applyMatched(excludes, "excludeConstraint", (x) => ({ type: "exclude", ...x }));

  const options = state.rules.tableOptions?.(declared, reflected);
  if (options !== undefined) diffs.push({ kind: "tableOptions", ...where, table: tableName, options: options.options, existing: options.existing });

  if (state.rules.comments && (declared.comment ?? null) !== (reflected.comment ?? null)) {
    diffs.push({ kind: "tableComment", ...where, table: tableName, comment: declared.comment ?? null, existing: reflected.comment ?? null });
  }
  diffs.push(...compareTableSecurity(declared, reflected, state));
  return diffs;
}
