import fc from "fast-check";
import type { Column, ColumnType, EnumType, ForeignKey, Index, SchemaModel, Sequence, ServerDefault, Table, View } from "../../src/schema/model.js";
import type { RenameHints } from "../../src/autogenerate/compare/index.js";
import type { DialectName } from "../support/servers.js";

/**
 * Random schemas for the property tests, described by plain numbers (so
 * fast-check can shrink them) and built per database: every type the database
 * has, nullability, literal and SQL defaults, comments, indexes (partial and
 * expression ones where the database has them), unique constraints, checks,
 * foreign keys, views (over tables and over other views; materialized ones
 * on PostgreSQL), standalone sequences (PostgreSQL, MariaDB) and, on
 * PostgreSQL, enum types.
 */

interface TypeChoice {
  readonly type: (name: string) => ColumnType;
  readonly defaults: readonly ServerDefault[];
  readonly indexable: boolean;
  /** A check condition on a column of this type. */
  readonly check?: (column: string) => string;
  /** A text type: expression indexes use lower(). */
  readonly text?: boolean;
  readonly enumValues?: readonly string[];
}

const lit = (value: string | number | boolean): ServerDefault => ({ kind: "literal", value });
const sql = (text: string): ServerDefault => ({ kind: "sql", sql: text });
const positive = (c: string): string => `${c} >= 0`;
const notZz = (c: string): string => `${c} <> 'zz'`;

const COMMON: readonly TypeChoice[] = [
  { type: () => ({ kind: "smallint" }), defaults: [lit(0), lit(-3), lit(7)], indexable: true, check: positive },
  { type: () => ({ kind: "integer" }), defaults: [lit(1), lit(-1)], indexable: true, check: positive },
  { type: () => ({ kind: "bigint" }), defaults: [lit(42)], indexable: true, check: positive },
  { type: () => ({ kind: "numeric", precision: 10, scale: 2 }), defaults: [lit(0), lit(1.5), lit(-2.25)], indexable: true, check: positive },
  { type: () => ({ kind: "numeric", precision: 8 }), defaults: [lit(3)], indexable: true },
  { type: () => ({ kind: "float" }), defaults: [lit(1.5)], indexable: true },
  { type: () => ({ kind: "double" }), defaults: [lit(2.5)], indexable: true },
  { type: () => ({ kind: "boolean" }), defaults: [lit(true), lit(false)], indexable: true },
  { type: () => ({ kind: "string", length: 40 }), defaults: [lit("x"), lit("it's"), lit("")], indexable: true, check: notZz, text: true },
  { type: () => ({ kind: "char", length: 3 }), defaults: [lit("ab")], indexable: true, check: notZz },
  { type: () => ({ kind: "text" }), defaults: [lit("hello")], indexable: false, text: true },
  { type: () => ({ kind: "date" }), defaults: [lit("2024-01-02")], indexable: true },
  { type: () => ({ kind: "timestamp" }), defaults: [sql("CURRENT_TIMESTAMP")], indexable: true },
  { type: () => ({ kind: "timestamp", withTimezone: true }), defaults: [sql("CURRENT_TIMESTAMP")], indexable: true },
  { type: () => ({ kind: "time" }), defaults: [], indexable: true },
  { type: () => ({ kind: "binary" }), defaults: [], indexable: false },
  { type: () => ({ kind: "json" }), defaults: [], indexable: false },
  { type: () => ({ kind: "uuid" }), defaults: [], indexable: true },
];

const VALUES = ["red", "green", "blue"] as const;

function choices(dialect: DialectName): readonly TypeChoice[] {
  switch (dialect) {
    case "postgresql":
      return [
        ...COMMON,
        { type: () => ({ kind: "jsonb" }), defaults: [sql("'{}'")], indexable: false },
        { type: () => ({ kind: "interval" }), defaults: [], indexable: true },
        { type: () => ({ kind: "array", of: { kind: "integer" } }), defaults: [], indexable: false },
        { type: () => ({ kind: "enum", name: "colour", values: VALUES }), defaults: [lit("green")], indexable: true, enumValues: VALUES },
      ];
    case "mysql":
      return [
        ...COMMON,
        { type: (name) => ({ kind: "enum", name, values: VALUES }), defaults: [lit("blue")], indexable: true, enumValues: VALUES },
      ];
    case "sqlite":
      return COMMON;
  }
}

/** One column, as numbers. */
export interface ColumnSpec {
  readonly type: number;
  readonly nullable: boolean;
  readonly withDefault: boolean;
  readonly defaultChoice: number;
  readonly comment: boolean;
  /** Text columns: 0 = none, else one of the database's two test collations. */
  readonly collation: number;
  /** MySQL timestamp columns: ON UPDATE CURRENT_TIMESTAMP. */
  readonly onUpdate: boolean;
}

/** Two collations every server of the kind has. */
const COLLATIONS: Record<DialectName, readonly [string, string]> = {
  sqlite: ["NOCASE", "RTRIM"],
  postgresql: ["C", "POSIX"],
  mysql: ["utf8mb4_bin", "utf8mb4_unicode_ci"],
};

/** The next of none → first → second → none. */
function nextCollation(current: string | undefined, dialect: DialectName): string | undefined {
  const [a, b] = COLLATIONS[dialect];
  return current === undefined ? a : current === a ? b : undefined;
}

/** One table, as numbers. */
export interface TableSpec {
  readonly autoincrement: boolean;
  /** PostgreSQL: the key is an identity column instead of a serial. */
  readonly identity: boolean;
  /** Checks left unnamed (the database names them; PostgreSQL and MySQL only). */
  readonly unnamedChecks: boolean;
  /** PostgreSQL and SQLite: the first index sorts its first column descending. */
  readonly descending: boolean;
  /** A stored generated column computed from the key. */
  readonly generated: boolean;
  /** PostgreSQL: unique constraints NULLS NOT DISTINCT, the first index with a fillfactor. */
  readonly indexOptions: boolean;
  readonly columns: readonly ColumnSpec[];
  readonly indexes: readonly { readonly columns: readonly number[]; readonly unique: boolean; readonly partial: boolean; readonly expression: boolean }[];
  readonly uniques: readonly (readonly number[])[];
  readonly checks: readonly number[];
  readonly references: readonly { readonly table: number; readonly nullable: boolean; readonly cascade: boolean }[];
  readonly comment: boolean;
}

export const columnSpec: fc.Arbitrary<ColumnSpec> = fc.record({
  type: fc.nat(40),
  nullable: fc.boolean(),
  withDefault: fc.boolean(),
  defaultChoice: fc.nat(5),
  comment: fc.boolean(),
  collation: fc.nat(2),
  onUpdate: fc.boolean(),
});

export const tableSpec: fc.Arbitrary<TableSpec> = fc.record({
  autoincrement: fc.boolean(),
  identity: fc.boolean(),
  unnamedChecks: fc.boolean(),
  descending: fc.boolean(),
  generated: fc.boolean(),
  indexOptions: fc.boolean(),
  columns: fc.array(columnSpec, { minLength: 1, maxLength: 6 }),
  indexes: fc.array(
    fc.record({ columns: fc.array(fc.nat(10), { minLength: 1, maxLength: 2 }), unique: fc.boolean(), partial: fc.boolean(), expression: fc.boolean() }),
    { maxLength: 2 },
  ),
  uniques: fc.array(fc.array(fc.nat(10), { minLength: 1, maxLength: 2 }), { maxLength: 1 }),
  checks: fc.array(fc.nat(10), { maxLength: 2 }),
  references: fc.array(fc.record({ table: fc.nat(5), nullable: fc.boolean(), cascade: fc.boolean() }), { maxLength: 2 }),
  comment: fc.boolean(),
});

export const schemaSpec: fc.Arbitrary<readonly TableSpec[]> = fc.array(tableSpec, { minLength: 1, maxLength: 4 });

function dedupe<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The column of a spec on a database. */
export function buildColumn(spec: ColumnSpec, name: string, dialect: DialectName): { column: Column; choice: TypeChoice } {
  const list = choices(dialect);
  const choice = list[spec.type % list.length]!;
  const type = choice.type(name);
  const column: { -readonly [K in keyof Column]: Column[K] } = { name, type, nullable: spec.nullable };
  if (spec.withDefault && choice.defaults.length > 0) column.serverDefault = choice.defaults[spec.defaultChoice % choice.defaults.length]!;
  if (spec.comment && dialect !== "sqlite") column.comment = `about ${name}`;
  if (choice.text === true && spec.collation > 0) column.collation = COLLATIONS[dialect][spec.collation - 1]!;
  if (dialect === "mysql" && type.kind === "timestamp" && spec.onUpdate) column.onUpdate = "CURRENT_TIMESTAMP";
  return { column, choice };
}

/** A table of a spec; `tables` are the ones before it (its references point there). */
export function buildTable(spec: TableSpec, name: string, dialect: DialectName, tables: readonly Table[]): Table {
  const built = spec.columns.map((c, i) => buildColumn(c, `c${i}`, dialect));
  const columns: Column[] = [
    {
      name: "id",
      type: { kind: "integer" },
      nullable: false,
      ...(spec.autoincrement ? (spec.identity && dialect === "postgresql" ? { identity: { always: false } } : { autoincrement: true }) : {}),
    },
    ...built.map((b) => b.column),
  ];
  if (spec.generated) {
    // MySQL refuses a generated column over an AUTO_INCREMENT one: computed from a column of its own.
    columns.push({ name: "gb", type: { kind: "integer" }, nullable: true });
    columns.push({ name: "g", type: { kind: "bigint" }, nullable: true, computed: { sql: "gb * 2 + 1", stored: true } });
  }
  const choiceOf = (i: number): { column: Column; choice: TypeChoice } => built[i % built.length]!;
  const indexable = (i: number): boolean => choiceOf(i).choice.indexable;

  const indexes: Index[] = [];
  spec.indexes.forEach((ix, k) => {
    const cols = dedupe(ix.columns.filter(indexable).map((i) => choiceOf(i).column.name), (c) => c);
    if (cols.length === 0) return;
    const first = choiceOf(ix.columns.find(indexable)!);
    const expression = ix.expression && dialect !== "mysql" && first.choice.text === true;
    const index: { -readonly [K in keyof Index]: Index[K] } = {
      name: `ix_${name}_${k}`,
      columns: expression ? [{ expression: `lower(${first.column.name})` }] : cols,
      unique: ix.unique,
    };
    if (ix.partial && dialect !== "mysql") index.where = `${cols[0]} IS NOT NULL`;
    if (spec.descending && k === 0 && !expression && dialect !== "mysql") {
      index.columns = [{ expression: `${dialect === "postgresql" ? `"${cols[0]}"` : cols[0]} DESC` }, ...cols.slice(1)];
    }
    if (spec.indexOptions && k === 0 && dialect === "postgresql") {
      index.with = { fillfactor: 70 };
      if (ix.unique) index.nullsNotDistinct = true;
    }
    indexes.push(index);
  });
  const uniqueIndexKeys = new Set(indexes.filter((ix) => ix.unique && ix.where === undefined).map((ix) => JSON.stringify(ix.columns)));
  const uniques = dedupe(
    spec.uniques
      .map((u) => dedupe(u.filter(indexable).map((i) => choiceOf(i).column.name), (c) => c))
      .filter((cols) => cols.length > 0 && !uniqueIndexKeys.has(JSON.stringify(cols))),
    (cols) => [...cols].sort().join(","),
  ).map((cols, k) => ({ name: `uq_${name}_${k}`, columns: cols, ...(spec.indexOptions && dialect === "postgresql" ? { nullsNotDistinct: true } : {}) }));
  const checks = dedupe(
    spec.checks.filter((i) => choiceOf(i).choice.check !== undefined).map((i) => choiceOf(i).choice.check!(choiceOf(i).column.name)),
    (c) => c,
  ).map((text, k) => (spec.unnamedChecks && dialect !== "sqlite" ? { sql: text } : { name: `ck_${name}_${k}`, sql: text }));

  const foreignKeys: ForeignKey[] = [];
  if (tables.length > 0) {
    spec.references.forEach((ref, k) => {
      const target = tables[ref.table % tables.length]!;
      const column = `r${k}`;
      if (columns.some((c) => c.name === column)) return;
      columns.push({ name: column, type: { kind: "integer" }, nullable: ref.nullable });
      foreignKeys.push({
        name: `fk_${name}_${k}`,
        columns: [column],
        refTable: target.name,
        refColumns: ["id"],
        ...(ref.cascade ? { onDelete: "cascade" as const } : {}),
      });
    });
  }
  return {
    name,
    columns,
    primaryKey: { name: `pk_${name}`, columns: ["id"] },
    foreignKeys,
    uniques,
    checks,
    indexes,
    ...(spec.comment && dialect !== "sqlite" ? { comment: `table ${name}` } : {}),
  };
}

/** The enum types a PostgreSQL schema's columns use. */
export function enumsOf(tables: readonly Table[], dialect: DialectName): EnumType[] {
  if (dialect !== "postgresql") return [];
  const used = tables.some((t) => t.columns.some((c) => c.type.kind === "enum"));
  return used ? [{ name: "colour", values: [...VALUES] }] : [];
}

export function buildSchema(specs: readonly TableSpec[], dialect: DialectName, extras: ExtrasSpec = { views: [], sequences: [] }): SchemaModel {
  const tables: Table[] = [];
  specs.forEach((spec, i) => tables.push(buildTable(spec, `t${i}`, dialect, tables)));
  const views: View[] = [];
  extras.views.forEach((spec, i) => {
    const view = buildView(spec, `v${i}`, dialect, tables, views);
    if (view !== undefined) views.push(view);
  });
  const sequences = dialect !== "sqlite" ? extras.sequences.map((spec, i) => buildSequence(spec, `s${i}`, dialect)) : [];
  return withExtras({ tables, enums: enumsOf(tables, dialect) }, views, sequences);
}

/** One view, as numbers: what it reads (a table, or sometimes a view before it), which columns, the bound of its WHERE. */
export interface ViewSpec {
  readonly source: number;
  readonly overView: boolean;
  readonly columns: readonly number[];
  readonly bound: number;
  /** PostgreSQL: a materialized view. */
  readonly materialized: boolean;
  /** PostgreSQL: a materialized view's fillfactor (0: none stated). */
  readonly storage: number;
}

/** A standalone sequence (PostgreSQL, MariaDB), as numbers (each option left out at 0). */
export interface SequenceSpec {
  readonly type: number;
  readonly start: number;
  readonly increment: number;
  readonly min: number;
  readonly max: number;
  readonly cache: number;
  readonly cycle: boolean;
}

/** Views and (PostgreSQL, MariaDB) standalone sequences declared beside the tables. */
export interface ExtrasSpec {
  readonly views: readonly ViewSpec[];
  readonly sequences: readonly SequenceSpec[];
}

export const viewSpec: fc.Arbitrary<ViewSpec> = fc.record({
  source: fc.nat(5),
  overView: fc.boolean(),
  columns: fc.array(fc.nat(10), { maxLength: 3 }),
  bound: fc.nat(20),
  materialized: fc.boolean(),
  storage: fc.nat(3),
});

export const sequenceSpec: fc.Arbitrary<SequenceSpec> = fc.record({
  type: fc.nat(3),
  start: fc.nat(2),
  increment: fc.nat(4),
  min: fc.nat(2),
  max: fc.nat(2),
  cache: fc.nat(3),
  cycle: fc.boolean(),
});

export const extrasSpec: fc.Arbitrary<ExtrasSpec> = fc.record({
  views: fc.array(viewSpec, { maxLength: 3 }),
  sequences: fc.array(sequenceSpec, { maxLength: 2 }),
});

/** The text every generated view has: `SELECT id, … FROM source WHERE id > bound`. */
const VIEW_TEXT = /^SELECT (.+) FROM (\w+) WHERE id > (\d+)$/;

/** What a generated view reads: its source and columns. */
function viewReads(view: View): { source: string; columns: string[]; bound: number } {
  const [, columns, source, bound] = VIEW_TEXT.exec(view.definition)!;
  return { source: source!, columns: columns!.split(", "), bound: Number(bound) };
}

/** A view of a spec over the tables, or over one of the views before it; undefined when there is nothing to read. */
export function buildView(spec: ViewSpec, name: string, dialect: DialectName, tables: readonly Table[], views: readonly View[]): View | undefined {
  if (spec.overView && views.length > 0) {
    const source = views[spec.source % views.length]!;
    return { name, definition: `SELECT id FROM ${source.name} WHERE id > ${spec.bound}` };
  }
  if (tables.length === 0) return undefined;
  const table = tables[spec.source % tables.length]!;
  const others = table.columns.filter((c) => c.name !== "id");
  const columns = dedupe(others.length === 0 ? [] : spec.columns.map((i) => others[i % others.length]!.name), (c) => c);
  return {
    name,
    definition: `SELECT ${["id", ...columns].join(", ")} FROM ${table.name} WHERE id > ${spec.bound}`,
    ...(spec.materialized && dialect === "postgresql" ? { materialized: true } : {}),
    ...(spec.materialized && dialect === "postgresql" && spec.storage % 4 > 0 ? { with: { fillfactor: [70, 90, 100][(spec.storage % 4) - 1]! } } : {}),
  };
}

/** A sequence of a spec: start, min and max kept consistent with the direction of its increment; MariaDB's take no type. */
export function buildSequence(spec: SequenceSpec, name: string, dialect: DialectName = "postgresql"): Sequence {
  const type = dialect === "postgresql" ? ([undefined, "smallint", "integer", "bigint"] as const)[spec.type % 4] : undefined;
  const increment = [undefined, 1, 3, -1, -2][spec.increment % 5];
  const descending = increment !== undefined && increment < 0;
  const min = descending ? [undefined, -30000, -500][spec.min % 3] : [undefined, 1, 5][spec.min % 3];
  const max = descending ? [undefined, -1, -5][spec.max % 3] : [undefined, 30000, 1000][spec.max % 3];
  const start = descending ? [undefined, -10, -20][spec.start % 3] : [undefined, 10, 20][spec.start % 3];
  const cache = [undefined, 1, 10, 20][spec.cache % 4];
  return {
    name,
    ...(type === undefined ? {} : { type }),
    ...(start === undefined ? {} : { start }),
    ...(increment === undefined ? {} : { increment }),
    ...(min === undefined ? {} : { minValue: min }),
    ...(max === undefined ? {} : { maxValue: max }),
    ...(cache === undefined ? {} : { cache }),
    ...(spec.cycle ? { cycle: true } : {}),
  };
}

const TYPE_RANGE = { smallint: [-32768, 32767], integer: [-2147483648, 2147483647], bigint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] } as const;

/** A generated sequence's effective direction, bounds and start (PostgreSQL's defaults filled in). */
function effective(s: Sequence): { up: boolean; min: number; max: number; start: number } {
  const up = Number(s.increment ?? 1) > 0;
  const [low, high] = TYPE_RANGE[s.type ?? "bigint"];
  const min = Number(s.minValue ?? (up ? 1 : low));
  const max = Number(s.maxValue ?? (up ? high : -1));
  return { up, min, max, start: Number(s.start ?? (up ? min : max)) };
}

/** Whether a sequence never drawn from (its current value its start) can take the other's options. */
function keepsCurrentValue(from: Sequence, to: Sequence): boolean {
  const a = effective(from);
  const b = effective(to);
  return a.up === b.up && a.start >= b.min && a.start <= b.max;
}

/** The start, bounds and increment of a sequence, those it leaves out as undefined (so they override). */
function boundsOf(s: Sequence): Pick<Sequence, "start" | "increment" | "minValue" | "maxValue"> {
  const picked: { start?: Sequence["start"]; increment?: Sequence["increment"]; minValue?: Sequence["minValue"]; maxValue?: Sequence["maxValue"] } = {};
  if (s.start !== undefined) picked.start = s.start;
  if (s.increment !== undefined) picked.increment = s.increment;
  if (s.minValue !== undefined) picked.minValue = s.minValue;
  if (s.maxValue !== undefined) picked.maxValue = s.maxValue;
  return picked;
}

function withExtras(model: SchemaModel, views: readonly View[], sequences: readonly Sequence[]): SchemaModel {
  return { ...model, ...(views.length > 0 ? { views } : {}), ...(sequences.length > 0 ? { sequences } : {}) };
}

/** The views that can still read what they read (their source and columns there); the others dropped with them. */
function viewsStillValid(views: readonly View[], tables: readonly Table[]): View[] {
  const kept: View[] = [];
  for (const view of views) {
    const { source, columns } = viewReads(view);
    const table = tables.find((t) => t.name === source);
    const over = kept.find((v) => v.name === source);
    const ok = table !== undefined ? columns.every((c) => table.columns.some((col) => col.name === c)) : over !== undefined;
    if (ok) kept.push(view);
  }
  return kept;
}

/** A view and the views reading it, left out. */
function withoutView(views: readonly View[], name: string): View[] {
  const gone = new Set([name]);
  return views.filter((v) => {
    if (gone.has(v.name) || gone.has(viewReads(v).source)) {
      gone.add(v.name);
      return false;
    }
    return true;
  });
}

/** A random change, as numbers: which kind, and which table, column and item it touches. */
export interface ChangeSpec {
  readonly kind: number;
  readonly table: number;
  readonly item: number;
  readonly column: ColumnSpec;
  readonly newTable: TableSpec;
  readonly view: ViewSpec;
  readonly sequence: SequenceSpec;
}

export const changeSpec: fc.Arbitrary<ChangeSpec> = fc.record({
  kind: fc.nat(40),
  table: fc.nat(10),
  item: fc.nat(10),
  column: columnSpec,
  newTable: tableSpec,
  view: viewSpec,
  sequence: sequenceSpec,
});

/** The type choice a column was built from (undefined once its type was widened). */
function choiceFor(column: Column, dialect: DialectName): TypeChoice | undefined {
  return choices(dialect).find((c) => JSON.stringify(c.type(column.name)) === JSON.stringify(column.type));
}

function referenced(model: SchemaModel, name: string): boolean {
  return model.tables.some((t) => t.name !== name && t.foreignKeys.some((fk) => fk.refTable === name));
}

function replace(model: SchemaModel, table: Table, dialect: DialectName): SchemaModel {
  const tables = model.tables.map((t) => (t.name === table.name ? table : t));
  return { tables, enums: enumsOf(tables, dialect) };
}

/** Uses of a column by indexes, keys and checks, removed with it. */
function withoutColumn(table: Table, column: string): Table {
  const uses = (cols: readonly (string | { expression: string })[]): boolean =>
    cols.some((c) => (typeof c === "string" ? c === column : new RegExp(`\\b${column}\\b`).test(c.expression)));
  return {
    ...table,
    columns: table.columns.filter((c) => c.name !== column),
    indexes: table.indexes.filter((ix) => !uses(ix.columns) && !(ix.where ?? "").includes(column)),
    uniques: table.uniques.filter((u) => !u.columns.includes(column)),
    checks: table.checks.filter((c) => !new RegExp(`\\b${column}\\b`).test(c.sql)),
    foreignKeys: table.foreignKeys.filter((fk) => !fk.columns.includes(column)),
  };
}

/** A widening type change every database can do in place, or undefined. */
function widened(type: ColumnType): ColumnType | undefined {
  switch (type.kind) {
    case "string":
      return { kind: "string", length: (type.length ?? 40) + 20 };
    case "smallint":
      return { kind: "integer" };
    case "integer":
      return { kind: "bigint" };
    case "numeric":
      return type.precision === undefined ? undefined : { ...type, precision: type.precision + 2 };
    default:
      return undefined;
  }
}

/**
 * The schema after one random change: a table added or dropped; a column
 * added, dropped, or altered (nullability, default, comment, a widened type);
 * an index, unique constraint, check or foreign key added or dropped; a table
 * comment changed; on PostgreSQL an enum value added.
 */
function applyTableChange(model: SchemaModel, change: ChangeSpec, dialect: DialectName): { model: SchemaModel; label: string; renames?: RenameHints } {
  const table = model.tables[change.table % model.tables.length]!;
  const plain = table.columns.filter(
    (c) => c.name !== "id" && c.name !== "gb" && c.computed === undefined && !table.foreignKeys.some((fk) => fk.columns.includes(c.name)),
  );
  const column = plain.length > 0 ? plain[change.item % plain.length] : undefined;
  const kinds = [
    "addTable",
    "dropTable",
    "addColumn",
    "dropColumn",
    "nullable",
    "default",
    "comment",
    "type",
    "addIndex",
    "dropIndex",
    "addUnique",
    "dropUnique",
    "addCheck",
    "dropCheck",
    "addForeignKey",
    "dropForeignKey",
    "tableComment",
    "enumValue",
    "renameTable",
    "renameColumn",
    "primaryKey",
    "renameEnumValue",
    "collation",
    "onUpdate",
    "autoincrement",
    "rowLevelSecurity",
    "policy",
    "identityOptions",
  ] as const;
  const kind = kinds[change.kind % kinds.length]!;
  const none = { model, label: `${kind} (nothing to change)` };
  switch (kind) {
    case "addTable": {
      const name = `t${model.tables.length + 10}`;
      const tables = [...model.tables, buildTable(change.newTable, name, dialect, model.tables)];
      return { model: { tables, enums: enumsOf(tables, dialect) }, label: `add table ${name}` };
    }
    case "dropTable": {
      if (referenced(model, table.name)) return none;
      const tables = model.tables.filter((t) => t.name !== table.name);
      return { model: { tables, enums: enumsOf(tables, dialect) }, label: `drop table ${table.name}` };
    }
    case "addColumn": {
      const name = `n${change.item}`;
      if (table.columns.some((c) => c.name === name)) return none;
      const { column: added } = buildColumn({ ...change.column, nullable: true }, name, dialect);
      return { model: replace(model, { ...table, columns: [...table.columns, added] }, dialect), label: `add column ${table.name}.${name}` };
    }
    case "dropColumn": {
      if (column === undefined || table.columns.length <= 2) return none;
      return { model: replace(model, withoutColumn(table, column.name), dialect), label: `drop column ${table.name}.${column.name}` };
    }
    case "nullable":
    case "default":
    case "comment":
    case "type": {
      if (column === undefined) return none;
      let changed: Column = column;
      if (kind === "nullable") changed = { ...column, nullable: !column.nullable };
      if (kind === "default") {
        if (column.serverDefault !== undefined) {
          const { serverDefault: _old, ...rest } = column;
          changed = rest;
        } else {
          // A default of the column's own type, when its type has one.
          const defaults = choiceFor(column, dialect)?.defaults ?? [];
          if (defaults.length === 0) return none;
          changed = { ...column, serverDefault: defaults[change.item % defaults.length]! };
        }
      }
      if (kind === "comment") {
        if (dialect === "sqlite") return none;
        changed = column.comment === undefined ? { ...column, comment: "changed" } : (({ comment: _c, ...rest }) => rest)(column);
      }
      if (kind === "type") {
        const type = widened(column.type);
        if (type === undefined) return none;
        changed = { ...column, type };
      }
      return {
        model: replace(model, { ...table, columns: table.columns.map((c) => (c.name === column.name ? changed : c)) }, dialect),
        label: `${kind} of ${table.name}.${column.name}`,
      };
    }
    case "collation": {
      const text = plain.filter((c) => c.type.kind === "string" || c.type.kind === "text");
      const target = text[change.item % Math.max(text.length, 1)];
      if (target === undefined) return none;
      const { collation: _old, ...rest } = target;
      const next = nextCollation(target.collation, dialect);
      const changed: Column = next === undefined ? rest : { ...rest, collation: next };
      return {
        model: replace(model, { ...table, columns: table.columns.map((c) => (c.name === target.name ? changed : c)) }, dialect),
        label: `collation of ${table.name}.${target.name} to ${next ?? "the default"}`,
      };
    }
    case "onUpdate": {
      const stamps = dialect === "mysql" ? plain.filter((c) => c.type.kind === "timestamp") : [];
      const target = stamps[change.item % Math.max(stamps.length, 1)];
      if (target === undefined) return none;
      const { onUpdate: _old, ...rest } = target;
      const changed: Column = target.onUpdate === undefined ? { ...rest, onUpdate: "CURRENT_TIMESTAMP" } : rest;
      return {
        model: replace(model, { ...table, columns: table.columns.map((c) => (c.name === target.name ? changed : c)) }, dialect),
        label: `ON UPDATE of ${table.name}.${target.name}`,
      };
    }
    case "autoincrement": {
      const id = table.columns.find((c) => c.name === "id");
      const keyedAlone = table.primaryKey?.columns.length === 1 && table.primaryKey.columns[0] === "id";
      if (id === undefined || id.identity !== undefined || !keyedAlone) return none;
      const { autoincrement: _old, ...rest } = id;
      const changed: Column = id.autoincrement === true ? rest : { ...rest, autoincrement: true };
      return {
        model: replace(model, { ...table, columns: table.columns.map((c) => (c.name === "id" ? changed : c)) }, dialect),
        label: `autoincrement of ${table.name}.id ${changed.autoincrement === true ? "on" : "off"}`,
      };
    }
    case "rowLevelSecurity": {
      // PostgreSQL: off → enabled → enabled and forced → off.
      if (dialect !== "postgresql") return none;
      const now = table.rowLevelSecurity;
      const { rowLevelSecurity: _old, ...rest } = table;
      const next = now === undefined ? { enabled: true } : now.force === true ? undefined : { enabled: true, force: true };
      return { model: replace(model, next === undefined ? rest : { ...rest, rowLevelSecurity: next }, dialect), label: `row-level security of ${table.name}` };
    }
    case "policy": {
      // PostgreSQL: a policy added, its condition and command changed, then dropped.
      if (dialect !== "postgresql") return none;
      const name = `p_${table.name}`;
      const existing = (table.policies ?? []).find((p) => p.name === name);
      const others = (table.policies ?? []).filter((p) => p.name !== name);
      const policies =
        existing === undefined
          ? [...others, { name, for: "select" as const, using: "id >= 0" }]
          : existing.for === "select"
            ? [...others, { name, as: "restrictive" as const, for: "update" as const, using: "id > 1", withCheck: "id > 2" }]
            : others;
      const { policies: _old, ...rest } = table;
      return { model: replace(model, policies.length > 0 ? { ...rest, policies } : rest, dialect), label: `policy ${name}` };
    }
    case "identityOptions": {
      // PostgreSQL: an identity key's sequence options changed (or set back).
      const id = table.columns.find((c) => c.name === "id");
      if (dialect !== "postgresql" || id?.identity === undefined) return none;
      const identity = id.identity.cache === undefined ? { ...id.identity, cache: 20, maxValue: 100000, cycle: true } : { always: !id.identity.always };
      return {
        model: replace(model, { ...table, columns: table.columns.map((c) => (c.name === "id" ? { ...id, identity } : c)) }, dialect),
        label: `identity options of ${table.name}.id`,
      };
    }
    case "addIndex": {
      if (column === undefined) return none;
      const name = `ix_${table.name}_a${change.item}`;
      if (table.indexes.some((ix) => ix.name === name)) return none;
      const choice = choiceFor(column, dialect);
      if (choice === undefined || !choice.indexable) return none;
      const index: Index = { name, columns: [column.name], unique: change.column.nullable };
      return { model: replace(model, { ...table, indexes: [...table.indexes, index] }, dialect), label: `add index ${name}` };
    }
    case "dropIndex": {
      if (table.indexes.length === 0) return none;
      const dropped = table.indexes[change.item % table.indexes.length]!;
      return { model: replace(model, { ...table, indexes: table.indexes.filter((ix) => ix !== dropped) }, dialect), label: `drop index ${dropped.name}` };
    }
    case "addUnique": {
      if (column === undefined) return none;
      const choice = choiceFor(column, dialect);
      if (choice === undefined || !choice.indexable) return none;
      if (table.uniques.some((u) => u.columns.length === 1 && u.columns[0] === column.name)) return none;
      if (table.indexes.some((ix) => ix.unique && ix.where === undefined && ix.columns.length === 1 && ix.columns[0] === column.name)) return none;
      const name = `uq_${table.name}_a${change.item}`;
      if (table.uniques.some((u) => u.name === name)) return none;
      return { model: replace(model, { ...table, uniques: [...table.uniques, { name, columns: [column.name] }] }, dialect), label: `add unique ${name}` };
    }
    case "dropUnique": {
      if (table.uniques.length === 0) return none;
      const dropped = table.uniques[change.item % table.uniques.length]!;
      return { model: replace(model, { ...table, uniques: table.uniques.filter((u) => u !== dropped) }, dialect), label: `drop unique ${dropped.name}` };
    }
    case "addCheck": {
      if (column === undefined) return none;
      const choice = choiceFor(column, dialect);
      if (choice?.check === undefined) return none;
      const name = `ck_${table.name}_a${change.item}`;
      if (table.checks.some((c) => c.name === name)) return none;
      return { model: replace(model, { ...table, checks: [...table.checks, { name, sql: choice.check(column.name) }] }, dialect), label: `add check ${name}` };
    }
    case "dropCheck": {
      if (table.checks.length === 0) return none;
      const dropped = table.checks[change.item % table.checks.length]!;
      return { model: replace(model, { ...table, checks: table.checks.filter((c) => c !== dropped) }, dialect), label: `drop check ${dropped.name}` };
    }
    case "addForeignKey": {
      const target = model.tables[change.item % model.tables.length]!;
      const name = `a${change.item}`;
      if (table.columns.some((c) => c.name === name)) return none;
      const fk: ForeignKey = { name: `fk_${table.name}_a${change.item}`, columns: [name], refTable: target.name, refColumns: ["id"], ...(change.column.nullable ? { onDelete: "set null" as const } : {}) };
      const updated = { ...table, columns: [...table.columns, { name, type: { kind: "integer" as const }, nullable: true }], foreignKeys: [...table.foreignKeys, fk] };
      return { model: replace(model, updated, dialect), label: `add foreign key ${fk.name}` };
    }
    case "dropForeignKey": {
      if (table.foreignKeys.length === 0) return none;
      const dropped = table.foreignKeys[change.item % table.foreignKeys.length]!;
      return { model: replace(model, { ...table, foreignKeys: table.foreignKeys.filter((fk) => fk !== dropped) }, dialect), label: `drop foreign key ${dropped.name}` };
    }
    case "tableComment": {
      if (dialect === "sqlite") return none;
      const updated = table.comment === undefined ? { ...table, comment: "now with a comment" } : (({ comment: _c, ...rest }) => rest)(table);
      return { model: replace(model, updated, dialect), label: `comment of ${table.name}` };
    }
    case "renameTable": {
      const to = `${table.name}_renamed`;
      const tables = model.tables.map((t) => ({
        ...(t.name === table.name ? { ...t, name: to } : t),
        foreignKeys: t.foreignKeys.map((fk) => (fk.refTable === table.name ? { ...fk, refTable: to } : fk)),
      }));
      return { model: { tables, enums: model.enums }, label: `rename table ${table.name} to ${to}`, renames: { tables: { [table.name]: to } } };
    }
    case "renameColumn": {
      if (column === undefined) return none;
      const to = `${column.name}_renamed`;
      const word = new RegExp(`\\b${column.name}\\b`, "g");
      const swap = (c: string): string => (c === column.name ? to : c);
      const updated: Table = {
        ...table,
        columns: table.columns.map((c) => (c.name === column.name ? { ...c, name: to } : c)),
        indexes: table.indexes.map((ix) => ({
          ...ix,
          columns: ix.columns.map((e) => (typeof e === "string" ? swap(e) : { expression: e.expression.replace(word, to) })),
          ...(ix.where === undefined ? {} : { where: ix.where.replace(word, to) }),
        })),
        uniques: table.uniques.map((u) => ({ ...u, columns: u.columns.map(swap) })),
        checks: table.checks.map((c) => ({ ...c, sql: c.sql.replace(word, to) })),
      };
      return {
        model: replace(model, updated, dialect),
        label: `rename column ${table.name}.${column.name} to ${to}`,
        renames: { columns: { [`${table.name}.${column.name}`]: to } },
      };
    }
    case "primaryKey": {
      // The key widened by a NOT NULL column; only for a table nothing references (a reference needs a key of its own columns).
      if (column === undefined || column.nullable || referenced(model, table.name)) return none;
      if (!choiceFor(column, dialect)?.indexable) return none;
      // SQLite auto-increments only a single-column key.
      if (dialect === "sqlite" && table.columns.some((c) => c.autoincrement === true)) return none;
      const updated: Table = { ...table, primaryKey: { name: `pk_${table.name}`, columns: ["id", column.name] } };
      return { model: replace(model, updated, dialect), label: `primary key of ${table.name} with ${column.name}` };
    }
    case "renameEnumValue": {
      if (model.enums.length === 0) return none;
      const rename = (v: string): string => (v === "red" ? "crimson" : v);
      const enums = model.enums.map((e) => ({ ...e, values: e.values.map(rename) }));
      const tables = model.tables.map((t) => ({
        ...t,
        columns: t.columns.map((c) => (c.type.kind === "enum" ? { ...c, type: { ...c.type, values: c.type.values.map(rename) } } : c)),
      }));
      return { model: { tables, enums }, label: "rename enum value red to crimson", renames: { enumValues: { "colour.red": "crimson" } } };
    }
    case "enumValue": {
      if (dialect === "mysql") {
        // MySQL's enums live in the column type: a new value is a type change.
        if (!model.tables.some((t) => t.columns.some((c) => c.type.kind === "enum"))) return none;
        const tables = model.tables.map((t) => ({
          ...t,
          columns: t.columns.map((c) => (c.type.kind === "enum" ? { ...c, type: { ...c.type, values: [...c.type.values, "violet"] } } : c)),
        }));
        return { model: { tables, enums: [] }, label: "add enum value violet to the column types" };
      }
      if (model.enums.length === 0) return none;
      const enums = model.enums.map((e) => ({ ...e, values: [...e.values, "violet"] }));
      const tables = model.tables.map((t) => ({
        ...t,
        columns: t.columns.map((c) => (c.type.kind === "enum" ? { ...c, type: { ...c.type, values: [...c.type.values, "violet"] } } : c)),
      }));
      return { model: { tables, enums }, label: "add enum value violet" };
    }
  }
}

/** The table changes, then views added, dropped and given another query, and (PostgreSQL, MariaDB) sequences added, dropped and altered. */
const EXTRA_KINDS = ["addView", "dropView", "viewQuery", "addSequence", "dropSequence", "sequenceOptions"] as const;
const TABLE_KINDS = 28;

/**
 * The schema after one random change: one of the table changes of
 * {@link applyTableChange} (views that can no longer read what they read
 * dropped with it), or a view or standalone sequence added, dropped or changed.
 */
export function applyChange(model: SchemaModel, change: ChangeSpec, dialect: DialectName): { model: SchemaModel; label: string; renames?: RenameHints } {
  const views = model.views ?? [];
  const sequences = model.sequences ?? [];
  const k = change.kind % (TABLE_KINDS + EXTRA_KINDS.length);
  if (k < TABLE_KINDS) {
    const result = applyTableChange(model, { ...change, kind: k }, dialect);
    const kept = viewsStillValid(views, result.model.tables);
    const dropped = views.filter((v) => !kept.includes(v)).map((v) => v.name);
    return {
      ...result,
      model: withExtras({ tables: result.model.tables, enums: result.model.enums }, kept, sequences),
      ...(dropped.length > 0 ? { label: `${result.label}, dropping views ${dropped.join(", ")}` } : {}),
    };
  }
  const kind = EXTRA_KINDS[k - TABLE_KINDS]!;
  const none = { model, label: `${kind} (nothing to change)` };
  const base = { tables: model.tables, enums: model.enums };
  switch (kind) {
    case "addView": {
      const name = `v${views.length + 10}`;
      const view = buildView(change.view, name, dialect, model.tables, views);
      if (view === undefined) return none;
      return { model: withExtras(base, [...views, view], sequences), label: `add view ${name}: ${view.definition}` };
    }
    case "dropView": {
      if (views.length === 0) return none;
      const dropped = views[change.item % views.length]!;
      return { model: withExtras(base, withoutView(views, dropped.name), sequences), label: `drop view ${dropped.name}` };
    }
    case "viewQuery": {
      // Another bound, and (over a table) another set of columns; the views reading it read only its id.
      if (views.length === 0) return none;
      const target = views[change.item % views.length]!;
      const { source, bound } = viewReads(target);
      const table = model.tables.find((t) => t.name === source);
      const rebuilt =
        table === undefined
          ? { ...target, definition: `SELECT id FROM ${source} WHERE id > ${bound + 1}` }
          : { ...buildView({ ...change.view, overView: false, source: model.tables.indexOf(table), bound: bound + 1 }, target.name, dialect, model.tables, [])!, ...(target.materialized === true ? { materialized: true } : {}) };
      if (dialect === "postgresql" && table !== undefined && change.view.materialized !== (target.materialized === true)) {
        // Sometimes a view becomes materialized or back.
        const { materialized: _m, with: _storage, ...plainView } = rebuilt as View;
        const next = target.materialized === true ? plainView : { ...plainView, materialized: true };
        return { model: withExtras(base, views.map((v) => (v === target ? next : v)), sequences), label: `query of view ${target.name}: ${next.definition}${(next as View).materialized === true ? " (materialized)" : ""}` };
      }
      return { model: withExtras(base, views.map((v) => (v === target ? rebuilt : v)), sequences), label: `query of view ${target.name}: ${rebuilt.definition}` };
    }
    case "addSequence": {
      if (dialect === "sqlite") return none;
      const name = `s${sequences.length + 10}`;
      return { model: withExtras(base, views, [...sequences, buildSequence(change.sequence, name, dialect)]), label: `add sequence ${name}` };
    }
    case "dropSequence": {
      if (sequences.length === 0) return none;
      const dropped = sequences[change.item % sequences.length]!;
      return { model: withExtras(base, views, sequences.filter((s) => s !== dropped)), label: `drop sequence ${dropped.name}` };
    }
    case "sequenceOptions": {
      if (sequences.length === 0) return none;
      const target = sequences[change.item % sequences.length]!;
      // PostgreSQL and MariaDB keep a sequence's current value through ALTER SEQUENCE: options that would leave it outside
      // the new bounds (or reverse the direction) are refused, so those keep the old start, bounds and increment.
      const drawn = buildSequence(change.sequence, target.name, dialect);
      const { start: _s, increment: _i, minValue: _min, maxValue: _max, ...rest } = drawn;
      const next: Sequence = keepsCurrentValue(target, drawn) ? drawn : { ...rest, ...boundsOf(target) };
      return {
        model: withExtras(base, views, sequences.map((s) => (s === target ? next : s))),
        label: `options of sequence ${target.name}: ${JSON.stringify(target)} to ${JSON.stringify(next)}`,
      };
    }
  }
}
