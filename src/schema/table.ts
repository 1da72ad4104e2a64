/**
 * Tables: a declared table (columns addressable as `table.c.name`) and the
 * assembly of columns and table elements into a model {@link Table}, with
 * naming conventions applied and every reference checked.
 */
import { AthanorError } from "../util/errors.js";
import { ColumnBuilder, type ColumnReference, type ForeignKeyOptions } from "./column.js";
import { ColumnRef, type TableIdentity } from "./column-ref.js";
import {
  ExcludeBuilder,
  IndexBuilder,
  UniqueBuilder,
  isTableElement,
  type ColumnInput,
  type ForeignKeySpec,
  type IndexInput,
  type TableElement,
} from "./constraints.js";
import { SqlExpression } from "./expression.js";
import { policiesOf, rowLevelSecurityOf, type PolicyInput } from "./security.js";
import type {
  CheckConstraint,
  Column,
  ExcludeConstraint,
  ForeignKey,
  Index,
  IndexElement,
  PrimaryKey,
  Table,
  DialectOptions,
  UniqueConstraint,
} from "./model.js";
import {
  DEFAULT_NAMING_CONVENTION,
  FinalName,
  conventionalName,
  type ConstraintName,
  type ConventionKind,
  type NamingConvention,
} from "./naming.js";

/** Options of a table declaration. */
export interface TableDeclarationOptions {
  /** The schema (PostgreSQL schema, MySQL database); default: the MetaData's, else the connection's. */
  readonly schema?: string;
  readonly comment?: string;
  /** MySQL / MariaDB table options; the same as `dialectOptions: { mysql: { ... } }`. */
  readonly mysql?: { readonly engine?: string; readonly charset?: string; readonly collate?: string; readonly rowFormat?: string };
  /** Options for particular databases, one bag per dialect name, read only by that dialect. */
  readonly dialectOptions?: DialectOptions;
  /**
   * PostgreSQL row-level security: `true` (ENABLE), `{ force: true }` (ENABLE and
   * FORCE, holding the owner to the policies too). A table with policies needs it on.
   */
  readonly rowLevelSecurity?: boolean | { readonly enabled?: boolean; readonly force?: boolean };
  /** PostgreSQL row-level security policies: `{ name, as, for, to, using, withCheck }`. */
  readonly policies?: readonly PolicyInput[];
}

/** The dialect option bags a table declaration also takes under the dialect's own name (`mysql: { ... }`). */
export const DIALECT_OPTION_SHORTHANDS = ["mysql"] as const;

/** What a table needs from its surroundings when it is assembled. */
export interface TableBuildContext {
  readonly namingConvention?: NamingConvention;
  readonly maxIdentifierLength?: number;
  /** Finds a table of the same MetaData, to check references; absent = references are taken as written. */
  readonly lookupTable?: (name: string, schema: string | undefined) => { readonly columnNames: readonly string[] } | undefined;
  /** Schema of a `"table.column"` reference that names none. */
  readonly defaultSchema?: string;
}

/** The columns of a declaration, by property name. */
export type ColumnBuilders = Readonly<Record<string, ColumnBuilder>>;

/** The column references of a declared table, by property name. */
export type ColumnRefs<C extends ColumnBuilders> = { readonly [K in keyof C]: ColumnRef };

interface TableSource {
  readonly identity: TableIdentity;
  readonly columns: readonly { readonly key: string; readonly builder: ColumnBuilder }[];
  readonly elements: readonly TableElement[];
  readonly options: TableDeclarationOptions;
}

function qualified(identity: TableIdentity): string {
  return identity.schema !== undefined ? `${identity.schema}.${identity.name}` : identity.name;
}

function rethrow(where: string, error: unknown): never {
  if (error instanceof AthanorError && !error.message.startsWith(where)) {
    throw new AthanorError(`${where}: ${error.message}`, { ...(error.hint ? { hint: error.hint } : {}), cause: error });
  }
  throw error;
}

interface ResolvedTarget {
  readonly table: string;
  readonly schema: string | undefined;
  readonly column: string;
}

function parseTarget(target: ColumnRef | string, where: string, defaultSchema: string | undefined): ResolvedTarget {
  if (target instanceof ColumnRef) return { table: target.table.name, schema: target.table.schema, column: target.name };
  if (typeof target !== "string") {
    throw new AthanorError(`${where}: a referenced column must be a column (users.c.id) or "table.column", got ${typeof target}`);
  }
  const parts = target.split(".");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === "")) {
    throw new AthanorError(`${where}: "${target}" is not a column reference`, { hint: 'write "table.column" or "schema.table.column"' });
  }
  const column = parts.pop()!;
  const table = parts.pop()!;
  return { table, schema: parts[0] ?? defaultSchema, column };
}

/** A foreign key as declared, before its target is looked up. */
interface ForeignKeySource {
  readonly columns: string[];
  readonly targets: () => readonly (ColumnRef | string)[];
  readonly options: ForeignKeyOptions;
  readonly what: string;
}

/**
 * A table assembled and checked in everything but its foreign keys, whose targets may
 * be declared later: what {@link resolveForeignKeys} completes into the model table.
 */
interface AssembledTable {
  /** The model table, without foreign keys. */
  readonly table: Table;
  readonly foreignKeySources: readonly ForeignKeySource[];
  /** The names given so far (key, indexes, uniques, checks, exclusions). */
  readonly names: ReadonlySet<string>;
  readonly columnNames: readonly string[];
  readonly where: string;
  readonly name: (kind: ConventionKind, subject: { columns: readonly IndexElement[]; refTable?: string; refColumns?: readonly string[]; name?: ConstraintName | undefined }) => string | undefined;
}

/** Assemble a model table and check everything but the references (which may name tables declared later). */
function assemble(source: TableSource, context: TableBuildContext): AssembledTable {
  const { identity } = source;
  const tableName = identity.name;
  const where = `Table "${qualified(identity)}"`;
  const convention = context.namingConvention ?? DEFAULT_NAMING_CONVENTION;
  const maxLength = context.maxIdentifierLength;

  if (source.columns.length === 0) {
    throw new AthanorError(`${where} has no columns`, { hint: "declare at least one column" });
  }

  const columns: Column[] = [];
  const byName = new Map<string, number>();
  const keyToName = new Map<string, string>();
  const nameToKey = new Map<string, string>();
  for (const { key, builder } of source.columns) {
    if (!(builder instanceof ColumnBuilder)) {
      throw new AthanorError(`${where}: "${key}" is not a column builder`, { hint: "use column.integer(), column(type), ..." });
    }
    let built: Column;
    try {
      built = builder.build(key);
    } catch (error) {
      rethrow(where, error);
    }
    if (byName.has(built.name)) {
      throw new AthanorError(`${where} declares the column "${built.name}" twice`, { hint: "give each column its own name" });
    }
    byName.set(built.name, columns.length);
    keyToName.set(key, built.name);
    nameToKey.set(built.name, key);
    columns.push(built);
  }
  const names = (): string => [...byName.keys()].join(", ");

  const local = (input: ColumnInput, what: string): string => {
    if (input instanceof ColumnRef) {
      if (input.table !== identity) {
        throw new AthanorError(`${where}: ${what} uses the column ${input.toString()} of another table`, {
          hint: `use the columns of ${tableName} (the argument of the declaration callback)`,
        });
      }
      return input.name;
    }
    if (typeof input === "string") {
      if (byName.has(input)) return input;
      const byKey = keyToName.get(input);
      if (byKey !== undefined) return byKey;
      throw new AthanorError(`${where}: ${what} names the column "${input}", which the table does not have`, {
        hint: `its columns: ${names()}`,
      });
    }
    throw new AthanorError(`${where}: ${what} lists ${JSON.stringify(input)}, not a column`);
  };

  const nameOptions = maxLength !== undefined ? { maxLength } : {};
  const name = (kind: ConventionKind, subject: { columns: readonly IndexElement[]; refTable?: string; refColumns?: readonly string[]; name?: ConstraintName | undefined }): string | undefined => {
    const columnKeys = subject.columns.map((c) => (typeof c === "string" ? nameToKey.get(c) : undefined));
    try {
      return conventionalName(convention, { kind, table: tableName, ...subject, columnKeys }, nameOptions);
    } catch (error) {
      rethrow(where, error);
    }
  };

  const pkSpecs = source.elements.filter((e) => !(e instanceof IndexBuilder) && !(e instanceof UniqueBuilder) && e.kind === "primaryKey");
  const pkBuilders = source.columns.filter(({ builder }) => builder.config.primaryKey);
  if (pkSpecs.length > 1) throw new AthanorError(`${where} declares primaryKey() more than once`, { hint: "list every key column in one primaryKey({ columns })" });
  if (pkSpecs.length === 1 && pkBuilders.length > 0) {
    throw new AthanorError(`${where} declares its primary key both on columns and with primaryKey()`, { hint: "use one of the two" });
  }
  let primaryKey: PrimaryKey | undefined;
  if (pkSpecs.length === 1) {
    const spec = pkSpecs[0] as Extract<TableElement, { kind: "primaryKey" }>;
    const cols = spec.columns.map((c) => local(c, "primaryKey()"));
    if (new Set(cols).size !== cols.length) throw new AthanorError(`${where}: primaryKey() lists a column twice`);
    for (const col of cols) {
      const i = byName.get(col)!;
      const declared = source.columns[i]!.builder.config.nullable;
      if (declared === true) {
        throw new AthanorError(`${where}: the column "${col}" is in the primary key and cannot be nullable`, { hint: "remove nullable()" });
      }
      columns[i] = { ...columns[i]!, nullable: false };
    }
    const pkName = name("pk", { columns: cols, name: spec.name });
    primaryKey = { ...(pkName !== undefined ? { name: pkName } : {}), columns: cols };
  } else if (pkBuilders.length > 0) {
    const cols = pkBuilders.map(({ key }) => keyToName.get(key)!);
    const given = pkBuilders.find(({ builder }) => builder.config.primaryKeyName !== undefined)?.builder.config.primaryKeyName;
    const pkName = name("pk", { columns: cols, name: given });
    primaryKey = { ...(pkName !== undefined ? { name: pkName } : {}), columns: cols };
  }

  // Foreign keys: column-level references, then table-level foreignKey().
  const fkSources: ForeignKeySource[] = [];
  for (const { key, builder } of source.columns) {
    const ref: ColumnReference | undefined = builder.config.references;
    if (!ref) continue;
    const { target, ...options } = ref;
    const col = keyToName.get(key)!;
    fkSources.push({
      columns: [col],
      targets: () => [typeof target === "function" ? target() : target],
      options,
      what: `the reference of column "${col}"`,
    });
  }
  for (const element of source.elements) {
    if (element instanceof IndexBuilder || element instanceof UniqueBuilder || element.kind !== "foreignKey") continue;
    const spec: ForeignKeySpec = element;
    const { columns: cols, foreignColumns, kind: _kind, ...options } = spec;
    fkSources.push({
      columns: cols.map((c) => local(c, "foreignKey()")),
      targets: () => (typeof foreignColumns === "function" ? foreignColumns() : foreignColumns),
      options,
      what: "foreignKey()",
    });
  }
  const uniques: UniqueConstraint[] = [];
  const checks: CheckConstraint[] = [];
  const indexes: Index[] = [];
  const excludes: ExcludeConstraint[] = [];

  for (const { key, builder } of source.columns) {
    const { unique, index, checks: columnChecks } = builder.config;
    const col = keyToName.get(key)!;
    for (const ck of columnChecks ?? []) {
      const ckName = name("ck", { columns: [col], name: ck.name });
      checks.push({ ...(ckName !== undefined ? { name: ckName } : {}), sql: ck.sql });
    }
    if (index) {
      // A column that is both unique and indexed gets one unique index (as in SQLAlchemy).
      const indexName = name("ix", { columns: [col], name: index.name ?? unique?.name });
      if (indexName === undefined) throw new AthanorError(`${where}: the index on "${col}" needs a name`, { hint: "name it, or set an ix naming convention" });
      indexes.push({ name: indexName, columns: [col], unique: Boolean(index.unique || unique), ...(unique?.nullsNotDistinct === true ? { nullsNotDistinct: true } : {}) });
    } else if (unique) {
      const uqName = name("uq", { columns: [col], name: unique.name });
      uniques.push({ ...(uqName !== undefined ? { name: uqName } : {}), columns: [col], ...(unique.nullsNotDistinct === true ? { nullsNotDistinct: true } : {}) });
    }
  }

  for (const element of source.elements) {
    if (element instanceof UniqueBuilder) {
      const spec = element.spec;
      if (spec.columns.length === 0) throw new AthanorError(`${where}: unique() lists no columns`, { hint: "write unique().on(c.a, c.b)" });
      const cols = spec.columns.map((c) => local(c, "unique()"));
      const uqName = name("uq", { columns: cols, name: spec.name });
      uniques.push({
        ...(uqName !== undefined ? { name: uqName } : {}),
        columns: cols,
        ...(spec.deferrable !== undefined ? { deferrable: spec.deferrable } : {}),
        ...(spec.initially !== undefined ? { initially: spec.initially } : {}),
        ...(spec.nullsNotDistinct === true ? { nullsNotDistinct: true } : {}),
      });
    } else if (element instanceof ExcludeBuilder) {
      const spec = element.spec;
      if (spec.elements.length === 0) throw new AthanorError(`${where}: exclude() lists no elements`, { hint: 'write exclude("name").on([c.room, "="], [c.during, "&&"])' });
      const what = `exclude ${spec.name !== undefined ? `"${String(spec.name)}"` : "()"}`;
      const pairs = spec.elements.map(([e, operator, opclass]) => ({
        expression: e instanceof SqlExpression ? e.sql : local(e, what),
        operator: operator.trim(),
        ...(opclass === undefined ? {} : { opclass: opclass.trim() }),
      }));
      // Naming conventions have no template for exclusion constraints: the name is used as given.
      const exName = spec.name === undefined ? undefined : spec.name instanceof FinalName ? spec.name.name : String(spec.name);
      excludes.push({
        ...(exName !== undefined ? { name: exName } : {}),
        elements: pairs,
        ...(spec.using !== undefined ? { using: spec.using } : {}),
        ...(spec.where !== undefined ? { where: spec.where } : {}),
        ...(spec.deferrable !== undefined ? { deferrable: spec.deferrable } : {}),
        ...(spec.initially !== undefined ? { initially: spec.initially } : {}),
      });
    } else if (element instanceof IndexBuilder) {
      const spec = element.spec;
      if (spec.elements.length === 0) throw new AthanorError(`${where}: an index lists no columns`, { hint: "write index().on(c.a)" });
      const elements: IndexElement[] = spec.elements.map((e: IndexInput) =>
        e instanceof SqlExpression ? { expression: e.sql } : local(e, `index ${spec.name !== undefined ? `"${String(spec.name)}"` : "()"}`),
      );
      const indexName = name("ix", { columns: elements, name: spec.name });
      if (indexName === undefined) throw new AthanorError(`${where}: an index needs a name`, { hint: "name it, or set an ix naming convention" });
      indexes.push({
        name: indexName,
        columns: elements,
        unique: spec.unique,
        ...(spec.where !== undefined ? { where: spec.where } : {}),
        ...(spec.using !== undefined ? { using: spec.using } : {}),
        ...(spec.include.length > 0 ? { include: spec.include.map((c) => local(c, `the INCLUDE of index "${indexName}"`)) } : {}),
        ...(spec.nullsNotDistinct === true ? { nullsNotDistinct: true } : {}),
        ...(spec.with !== undefined && Object.keys(spec.with).length > 0 ? { with: spec.with } : {}),
      });
    } else if (element.kind === "check") {
      // Columns of other tables in the condition are not this table's; they do not name it.
      const cols = (element.columns ?? []).filter((c) => c.table === identity).map((c) => c.name);
      const ckName = name("ck", { columns: cols, name: element.name });
      checks.push({ ...(ckName !== undefined ? { name: ckName } : {}), sql: element.sql });
    }
  }

  const seen = new Set<string>();
  for (const named of [primaryKey, ...uniques, ...checks, ...indexes, ...excludes]) {
    const n = named?.name;
    if (n !== undefined) claimName(seen, n, where);
  }

  const { comment } = source.options;
  const rowLevelSecurity = rowLevelSecurityOf(source.options.rowLevelSecurity, where);
  const policies = policiesOf(source.options.policies, where);
  const bags: Record<string, Readonly<Record<string, unknown>>> = {};
  for (const [dialect, bag] of Object.entries(source.options.dialectOptions ?? {})) bags[dialect] = { ...bag };
  for (const dialect of DIALECT_OPTION_SHORTHANDS) {
    const bag = source.options[dialect];
    if (bag) bags[dialect] = { ...bags[dialect], ...bag };
  }
  const dialectOptions: DialectOptions | undefined = Object.keys(bags).length > 0 ? bags : undefined;
  // set one by one, in this order (as Column in ColumnBuilder.build); the foreign keys' place is kept for them
  const table = {} as { -readonly [K in keyof Table]: Table[K] };
  table.name = tableName;
  if (identity.schema !== undefined) table.schema = identity.schema;
  table.columns = columns;
  if (primaryKey) table.primaryKey = primaryKey;
  table.foreignKeys = [];
  table.uniques = uniques;
  table.checks = checks;
  table.indexes = indexes;
  if (excludes.length > 0) table.excludes = excludes;
  if (comment !== undefined) table.comment = comment;
  if (dialectOptions) table.dialectOptions = dialectOptions;
  if (rowLevelSecurity) table.rowLevelSecurity = rowLevelSecurity;
  if (policies && policies.length > 0) table.policies = policies;
  return { table, foreignKeySources: fkSources, names: seen, columnNames: [...byName.keys()], where, name };
}

function claimName(seen: Set<string>, name: string, where: string): void {
  if (seen.has(name)) {
    throw new AthanorError(`${where}: the name "${name}" is given to two constraints or indexes`, {
      hint: "give each its own name (a naming convention may produce the same name for two of them)",
    });
  }
  seen.add(name);
}

/** The model table of an assembled one: its foreign keys resolved (each target looked up when the context can) and named. */
function resolveForeignKeys(assembled: AssembledTable, context: TableBuildContext): Table {
  const { table: own, where, name } = assembled;
  const foreignKeys: ForeignKey[] = [];
  for (const fk of assembled.foreignKeySources) {
    let targets: readonly (ColumnRef | string)[];
    try {
      targets = fk.targets();
    } catch (error) {
      rethrow(`${where}: ${fk.what}`, error);
    }
    if (!Array.isArray(targets) || targets.length === 0) {
      throw new AthanorError(`${where}: ${fk.what} references no column`);
    }
    const resolved = targets.map((t) => parseTarget(t as ColumnRef | string, `${where}: ${fk.what}`, context.defaultSchema));
    const first = resolved[0]!;
    if (resolved.some((r) => r.table !== first.table || r.schema !== first.schema)) {
      throw new AthanorError(`${where}: ${fk.what} references columns of more than one table`);
    }
    if (resolved.length !== fk.columns.length) {
      throw new AthanorError(`${where}: ${fk.what} has ${fk.columns.length} column(s) but references ${resolved.length}`, {
        hint: "list as many referenced columns as local ones, in the same order",
      });
    }
    if (context.lookupTable) {
      const target = first.table === own.name && first.schema === own.schema
        ? { columnNames: assembled.columnNames }
        : context.lookupTable(first.table, first.schema);
      const targetName = first.schema !== undefined ? `${first.schema}.${first.table}` : first.table;
      if (!target) {
        throw new AthanorError(`${where}: ${fk.what} references the table "${targetName}", which this MetaData does not declare`, {
          hint: "declare the referenced table in the same MetaData (check the spelling and the schema)",
        });
      }
      for (const r of resolved) {
        if (!target.columnNames.includes(r.column)) {
          throw new AthanorError(`${where}: ${fk.what} references the column "${r.column}", which table "${targetName}" does not have`, {
            hint: `its columns: ${target.columnNames.join(", ")}`,
          });
        }
      }
    }
    const refColumns = resolved.map((r) => r.column);
    const fkName = name("fk", { columns: fk.columns, refTable: first.table, refColumns, name: fk.options.name });
    const o = fk.options;
    // set one by one, in this order (as Column in ColumnBuilder.build)
    const foreignKey = {} as { -readonly [K in keyof ForeignKey]: ForeignKey[K] };
    if (fkName !== undefined) foreignKey.name = fkName;
    foreignKey.columns = fk.columns;
    foreignKey.refTable = first.table;
    if (first.schema !== undefined) foreignKey.refSchema = first.schema;
    foreignKey.refColumns = refColumns;
    if (o.onDelete !== undefined) foreignKey.onDelete = o.onDelete;
    if (o.onUpdate !== undefined) foreignKey.onUpdate = o.onUpdate;
    if (o.deferrable !== undefined) foreignKey.deferrable = o.deferrable;
    if (o.initially !== undefined) foreignKey.initially = o.initially;
    if (o.match !== undefined) foreignKey.match = o.match;
    foreignKeys.push(foreignKey);
  }

  if (foreignKeys.length > 0) {
    const seen = new Set(assembled.names);
    for (const fk of foreignKeys) if (fk.name !== undefined) claimName(seen, fk.name, where);
  }
  // the same shape as the assembled table (which holds an empty list where the foreign keys go)
  return { ...own, foreignKeys };
}

function checkTableName(name: unknown): asserts name is string {
  if (typeof name !== "string" || name === "") {
    throw new AthanorError(`A table needs a name, got ${JSON.stringify(name)}`);
  }
}

function evaluateElements(identity: TableIdentity, elements: unknown): TableElement[] {
  if (!Array.isArray(elements)) {
    throw new AthanorError(`Table "${qualified(identity)}": the declaration callback must return an array`, {
      hint: "(c) => [index().on(c.email), unique().on(c.a, c.b)]",
    });
  }
  for (const element of elements) {
    if (!isTableElement(element)) {
      throw new AthanorError(`Table "${qualified(identity)}": ${JSON.stringify(element)} is not an index or constraint`, {
        hint: "use index(), uniqueIndex(), unique(), check(), foreignKey() or primaryKey()",
      });
    }
  }
  return elements as TableElement[];
}

/**
 * A table declared with `metadata.table()`. Its columns are addressable as
 * `table.c.<property>` (also `table.columns.<property>`).
 *
 * @example
 * ```ts
 * const users = metadata.table("users", { id: column.integer().primaryKey() });
 * users.c.id;        // ColumnRef
 * users.toModel();   // the model Table
 * ```
 */
export class DeclaredTable<C extends ColumnBuilders = ColumnBuilders> implements TableIdentity {
  readonly name: string;
  readonly schema: string | undefined;
  readonly comment: string | undefined;
  /** The columns, by property name. */
  readonly c: ColumnRefs<C>;
  readonly #context: TableBuildContext;
  readonly #assembled: AssembledTable;

  /** Made by `MetaData.table()`. */
  constructor(
    name: string,
    columns: C,
    extras: ((c: ColumnRefs<C>) => readonly TableElement[]) | undefined,
    options: TableDeclarationOptions,
    context: TableBuildContext,
  ) {
    checkTableName(name);
    if (columns === null || typeof columns !== "object" || Array.isArray(columns)) {
      throw new AthanorError(`Table "${name}": columns must be an object of column builders`, { hint: "{ id: column.integer().primaryKey() }" });
    }
    this.name = name;
    this.schema = options.schema;
    this.comment = options.comment;
    const refs: Record<string, ColumnRef> = {};
    const list: { key: string; builder: ColumnBuilder }[] = [];
    for (const [key, builder] of Object.entries(columns)) {
      if (!(builder instanceof ColumnBuilder)) {
        throw new AthanorError(`Table "${qualified(this)}": "${key}" is not a column builder`, { hint: "use column.integer(), column(type), ..." });
      }
      refs[key] = new ColumnRef(this, key, builder.config.name ?? key, builder.type);
      list.push({ key, builder });
    }
    this.c = Object.freeze(refs) as ColumnRefs<C>;
    const elements = extras ? evaluateElements(this, extras(this.c)) : [];
    const source: TableSource = { identity: this, columns: list, elements, options };
    this.#context = context;
    // Everything but the references (which may name tables declared later) is checked now,
    // and kept: the model only adds the foreign keys to it.
    this.#assembled = assemble(source, context);
  }

  /** Same as {@link c}. */
  get columns(): ColumnRefs<C> {
    return this.c;
  }

  /** The database names of the columns, in order. */
  get columnNames(): readonly string[] {
    return Object.values(this.c).map((ref) => ref.name);
  }

  /** The model of this table, with conventions applied and references resolved. */
  toModel(): Table {
    return resolveForeignKeys(this.#assembled, this.#context);
  }
}

/** Options of {@link buildTable}. */
export interface BuildTableOptions extends TableDeclarationOptions {
  readonly namingConvention?: NamingConvention;
  readonly maxIdentifierLength?: number;
}

/**
 * Build a model table outside any MetaData (what `op.createTable` does): from
 * named column builders mixed with table elements, or from an object of
 * column builders with an optional callback. References are taken as written.
 *
 * @example
 * ```ts
 * buildTable("users", [
 *   column("id", type.integer(), { primaryKey: true }),
 *   column("email", type.string(255), { nullable: false }),
 *   uniqueIndex().on("email"),
 * ]);
 * buildTable("tags", { id: column.integer().primaryKey(), name: column.text() }, (c) => [index().on(c.name)]);
 * ```
 */
export function buildTable(name: string, elements: readonly (ColumnBuilder | TableElement)[], options?: BuildTableOptions): Table;
export function buildTable<C extends ColumnBuilders>(
  name: string,
  columns: C,
  extras?: ((c: ColumnRefs<C>) => readonly TableElement[]) | BuildTableOptions,
  options?: BuildTableOptions,
): Table;
export function buildTable(
  name: string,
  columnsOrElements: ColumnBuilders | readonly (ColumnBuilder | TableElement)[],
  extrasOrOptions?: ((c: ColumnRefs<ColumnBuilders>) => readonly TableElement[]) | BuildTableOptions,
  maybeOptions?: BuildTableOptions,
): Table {
  checkTableName(name);
  const extras = typeof extrasOrOptions === "function" ? extrasOrOptions : undefined;
  const options = (typeof extrasOrOptions === "function" ? maybeOptions : extrasOrOptions) ?? {};
  const { namingConvention, maxIdentifierLength, ...tableOptions } = options;
  const context: TableBuildContext = {
    ...(namingConvention ? { namingConvention: { ...DEFAULT_NAMING_CONVENTION, ...namingConvention } } : {}),
    ...(maxIdentifierLength !== undefined ? { maxIdentifierLength } : {}),
  };
  if (!Array.isArray(columnsOrElements)) {
    return new DeclaredTable(name, columnsOrElements as ColumnBuilders, extras, tableOptions, context).toModel();
  }
  const identity: TableIdentity = { name, schema: tableOptions.schema };
  const columns: { key: string; builder: ColumnBuilder }[] = [];
  const elements: unknown[] = [];
  for (const item of columnsOrElements as readonly unknown[]) {
    if (item instanceof ColumnBuilder) {
      const key = item.config.name;
      if (key === undefined) {
        throw new AthanorError(`Table "${qualified(identity)}": a column has no name`, { hint: 'write column("id", type.integer()) or .columnName("id")' });
      }
      columns.push({ key, builder: item });
    } else {
      elements.push(item);
    }
  }
  return resolveForeignKeys(assemble({ identity, columns, elements: evaluateElements(identity, elements), options: tableOptions }, context), context);
}

/** A column with what it brings to its table (for `op.addColumn`). */
export interface ColumnParts {
  readonly column: Column;
  /** Set when the column was marked `primaryKey()`. */
  readonly primaryKey?: PrimaryKey;
  readonly foreignKeys: readonly ForeignKey[];
  readonly uniques: readonly UniqueConstraint[];
  readonly indexes: readonly Index[];
  /** Check constraints declared on the column (`.check(sql)`). */
  readonly checks?: readonly CheckConstraint[];
}

/**
 * Split one column builder into the model column and the constraints and
 * indexes it declares, named by the convention, as `op.addColumn` needs.
 *
 * @example
 * ```ts
 * buildColumn("posts", column("author_id", type.integer(), { references: "users.id" }));
 * // { column: {...}, foreignKeys: [{ columns: ["author_id"], refTable: "users", refColumns: ["id"] }], ... }
 * ```
 */
export function buildColumn(
  table: string,
  builder: ColumnBuilder,
  options: { readonly name?: string; readonly schema?: string; readonly namingConvention?: NamingConvention; readonly maxIdentifierLength?: number } = {},
): ColumnParts {
  const key = builder.config.name ?? options.name;
  if (key === undefined) throw new AthanorError(`Table "${table}": the new column has no name`, { hint: 'write column("name", type)' });
  const { name: _name, ...rest } = options;
  const model = buildTable(table, [builder.columnName(key)], rest);
  return {
    column: model.columns[0]!,
    ...(model.primaryKey ? { primaryKey: model.primaryKey } : {}),
    foreignKeys: model.foreignKeys,
    uniques: model.uniques,
    indexes: model.indexes,
    ...(model.checks.length > 0 ? { checks: model.checks } : {}),
  };
}
