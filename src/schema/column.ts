/**
 * Column builders: a chainable, immutable description of one column, used in
 * table declarations (`metadata.table(...)`) and in revision files
 * (`op.createTable`, `op.addColumn`).
 */
import { AthanorError } from "../util/errors.js";
import { ColumnRef } from "./column-ref.js";
import { SqlExpression, sqlText } from "./expression.js";
import type { Column, ColumnType, ForeignKeyAction, Identity, SequenceOptions, ServerDefault } from "./model.js";
import { FinalName, type ConstraintName } from "./naming.js";
import { isColumnType, isIntegerType } from "./type-guards.js";
import { checkColumnOptions, FOREIGN_KEY_OPTION_KEYS, IDENTITY_KEYS } from "./option-keys.js";
import { checkOptionKeys } from "../util/option-keys.js";
import * as types from "./types.js";

/** What a column or table-level foreign key points at: a column, a thunk giving one (for tables declared later), or `"table.column"` / `"schema.table.column"`. */
export type ReferenceTarget = ColumnRef | (() => ColumnRef) | string;

/** Options of a foreign key. */
export interface ForeignKeyOptions {
  readonly name?: ConstraintName;
  readonly onDelete?: ForeignKeyAction;
  readonly onUpdate?: ForeignKeyAction;
  readonly deferrable?: boolean;
  readonly initially?: "deferred" | "immediate";
  readonly match?: "simple" | "full" | "partial";
}

/** A column-level reference, kept until the table is built. */
export interface ColumnReference extends ForeignKeyOptions {
  readonly target: ReferenceTarget;
}

/** Everything a column builder holds, including what becomes table-level (keys, uniques, indexes, references). */
export interface ColumnConfig {
  readonly type: ColumnType;
  /** The database name, when it differs from the property name. */
  readonly name?: string;
  /** Nullability set explicitly (`notNull()`, `nullable()`, `{ nullable }`). */
  readonly nullable?: boolean;
  readonly primaryKey?: boolean;
  readonly primaryKeyName?: ConstraintName;
  readonly autoincrement?: boolean;
  readonly identity?: Identity;
  readonly serverDefault?: ServerDefault;
  readonly comment?: string;
  readonly computed?: { readonly sql: string; readonly stored: boolean };
  readonly collation?: string;
  /** MySQL `ON UPDATE <sql>`. */
  readonly onUpdate?: string;
  /** A single-column unique constraint. */
  readonly unique?: { readonly name?: ConstraintName; readonly nullsNotDistinct?: boolean };
  /** A single-column index (unique when `unique` is also set on the index). */
  readonly index?: { readonly name?: ConstraintName; readonly unique?: boolean };
  readonly references?: ColumnReference;
  /** Check constraints declared on the column (named by the `ck` convention with this column as column 0). */
  readonly checks?: readonly { readonly sql: string; readonly name?: ConstraintName }[];
}

/** A literal server default value. */
export type DefaultValue = string | number | boolean | null;

/** The literal defaults a column of type `T` takes: one of its values for an enum, any literal otherwise. */
export type DefaultValueOf<T extends ColumnType> = T extends { readonly kind: "enum"; readonly values: readonly (infer V)[] }
  ? V | null
  : DefaultValue;

const ACTIONS: ReadonlySet<string> = new Set(["cascade", "restrict", "set null", "set default", "no action"]);

/** Check the options of a foreign key; shared with the table-level `foreignKey()`. */
export function checkForeignKeyOptions(options: ForeignKeyOptions, where: string): void {
  for (const key of ["onDelete", "onUpdate"] as const) {
    const value = options[key];
    if (value !== undefined && !ACTIONS.has(value)) {
      throw new AthanorError(`${where}: ${key} "${String(value)}" is not a foreign key action`, {
        hint: 'use "cascade", "restrict", "set null", "set default" or "no action"',
      });
    }
  }
  if (options.initially !== undefined && options.initially !== "deferred" && options.initially !== "immediate") {
    throw new AthanorError(`${where}: initially must be "deferred" or "immediate"`);
  }
  if (options.match !== undefined && !["simple", "full", "partial"].includes(options.match)) {
    throw new AthanorError(`${where}: match must be "simple", "full" or "partial"`);
  }
}

/**
 * One column, described step by step. Every method returns a new builder, so a
 * builder can be shared. Nullable unless it is (part of) the primary key or
 * marked `notNull()`.
 *
 * @example
 * ```ts
 * column.integer().primaryKey().autoincrement();
 * column.string(255).notNull().unique().default("x");
 * column.timestamp({ withTimezone: true }).notNull().defaultSql("CURRENT_TIMESTAMP");
 * column.integer().references(() => users.c.id, { onDelete: "cascade" });
 * ```
 */
export class ColumnBuilder<T extends ColumnType = ColumnType> {
  readonly #config: ColumnConfig;

  constructor(type: T, config: Omit<ColumnConfig, "type"> = {}) {
    if (!isColumnType(type)) {
      throw new AthanorError(`A column needs a column type, got ${JSON.stringify(type)}`, {
        hint: "use a type builder such as type.integer() or type.string(255)",
      });
    }
    this.#config = Object.freeze({ ...config, type });
  }

  /** Everything the builder holds (read by table builders and operations). */
  get config(): ColumnConfig {
    return this.#config;
  }

  /** The column type. */
  get type(): T {
    return this.#config.type as T;
  }

  #with(patch: Partial<Omit<ColumnConfig, "type">>): ColumnBuilder<T> {
    const { type, ...rest } = this.#config;
    return new ColumnBuilder(type as T, { ...rest, ...patch });
  }

  /** The column's name in the database, when it differs from the property name. */
  columnName(name: string): ColumnBuilder<T> {
    if (typeof name !== "string" || name === "") throw new AthanorError("columnName(): pass a non-empty name");
    return this.#with({ name });
  }

  /** `NOT NULL`. */
  notNull(): ColumnBuilder<T> {
    return this.#with({ nullable: false });
  }

  /** Allow NULL explicitly (the default for columns outside the primary key). */
  nullable(): ColumnBuilder<T> {
    return this.#with({ nullable: true });
  }

  /** Part of the table's primary key (several columns marked this way form one composite key). Implies NOT NULL. */
  primaryKey(options: { readonly name?: ConstraintName } = {}): ColumnBuilder<T> {
    checkOptionKeys("primaryKey()", options, { name: true });
    return this.#with({ primaryKey: true, ...(options.name !== undefined ? { primaryKeyName: options.name } : {}) });
  }

  /** SERIAL / AUTO_INCREMENT / SQLite AUTOINCREMENT for an integer key column. */
  autoincrement(on = true): ColumnBuilder<T> {
    return this.#with({ autoincrement: on });
  }

  /**
   * `GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY` (PostgreSQL); `always`
   * defaults to false. The sequence options (`start`, `increment`, `minValue`,
   * `maxValue`, `cache`, `cycle`) are PostgreSQL's; elsewhere `start` is the counter's first value.
   */
  identity(options: { readonly always?: boolean } & SequenceOptions = {}): ColumnBuilder<T> {
    checkOptionKeys("identity()", options, IDENTITY_KEYS);
    const { always, ...sequence } = options;
    const identity: Identity = {
      always: always ?? false,
      ...Object.fromEntries(Object.entries(sequence).filter(([, v]) => v !== undefined)),
    };
    return this.#with({ identity });
  }

  /** A literal server default, quoted by the database's rules (`DEFAULT 'x'`, `DEFAULT 0`, `DEFAULT NULL`). */
  default(value: DefaultValueOf<T>): ColumnBuilder<T> {
    const ok = value === null || ["string", "number", "boolean"].includes(typeof value);
    if (!ok || (typeof value === "number" && !Number.isFinite(value))) {
      throw new AthanorError(`default(): ${String(value)} is not a literal default`, {
        hint: "pass a string, number, boolean or null, or use defaultSql() for an SQL expression",
      });
    }
    return this.#with({ serverDefault: { kind: "literal", value } });
  }

  /** A server default written as SQL (`CURRENT_TIMESTAMP`, `gen_random_uuid()`), used as written. */
  defaultSql(sql: string | SqlExpression): ColumnBuilder<T> {
    const text = sqlText(sql);
    if (typeof text !== "string" || text.trim() === "") throw new AthanorError("defaultSql(): pass the SQL of the default");
    return this.#with({ serverDefault: { kind: "sql", sql: text } });
  }

  /**
   * A check constraint on this column; a convention's `column_0_name` is this column.
   *
   * @example
   * ```ts
   * column.integer().check("age >= 0", "age_not_negative");
   * ```
   */
  check(condition: string | SqlExpression, name?: ConstraintName): ColumnBuilder<T> {
    const sql = sqlText(condition);
    if (typeof sql !== "string" || sql.trim() === "") throw new AthanorError("check(): pass the condition as SQL");
    return this.#with({ checks: [...(this.#config.checks ?? []), { sql, ...(name !== undefined ? { name } : {}) }] });
  }

  /** A PostgreSQL array of this column's type (`column.text().array()` is `text[]`); the other settings are kept. */
  array(): ColumnBuilder<types.ColumnTypeOf<"array"> & { readonly of: T }> {
    const { type, ...rest } = this.#config;
    return new ColumnBuilder(types.array(type as T), rest);
  }

  /** `DEFAULT CURRENT_TIMESTAMP`: the time of the insert, on every database. */
  defaultNow(): ColumnBuilder<T> {
    return this.defaultSql("CURRENT_TIMESTAMP");
  }

  /** The column comment. */
  comment(text: string): ColumnBuilder<T> {
    return this.#with({ comment: text });
  }

  /** A generated column, `GENERATED ALWAYS AS (sql) STORED` (or VIRTUAL with `{ stored: false }`; stored by default). */
  generated(sql: string | SqlExpression, options: { readonly stored?: boolean } = {}): ColumnBuilder<T> {
    checkOptionKeys("generated()", options, { stored: true });
    return this.#with({ computed: { sql: sqlText(sql), stored: options.stored ?? true } });
  }

  /**
   * The column's collation, as the database names it.
   *
   * @example
   * ```ts
   * column.string(36).collate("utf8mb4_bin"); // MySQL: case-sensitive ids
   * column.text().collate("C"); // PostgreSQL
   * ```
   */
  collate(collation: string): ColumnBuilder<T> {
    if (typeof collation !== "string" || collation.trim() === "") throw new AthanorError("collate(): pass the collation's name");
    return this.#with({ collation });
  }

  /**
   * MySQL/MariaDB `ON UPDATE <sql>`: the value every update of the row writes.
   * Other databases have no such clause (autogenerate warns; their DDL refuses it).
   *
   * @example
   * ```ts
   * column.timestamp().notNull().defaultNow().onUpdate("CURRENT_TIMESTAMP");
   * ```
   */
  onUpdate(sql: string | SqlExpression): ColumnBuilder<T> {
    const text = sqlText(sql);
    if (typeof text !== "string" || text.trim() === "") throw new AthanorError("onUpdate(): pass the SQL written on update");
    return this.#with({ onUpdate: text });
  }

  /** `ON UPDATE CURRENT_TIMESTAMP` (MySQL/MariaDB), with the column's fractional-second precision. */
  onUpdateNow(): ColumnBuilder<T> {
    const type = this.#config.type;
    const precision = type.kind === "timestamp" || type.kind === "time" ? type.precision : undefined;
    return this.onUpdate(precision ? `CURRENT_TIMESTAMP(${precision})` : "CURRENT_TIMESTAMP");
  }

  /**
   * A single-column unique constraint (named by `name`, or by the `uq` convention);
   * `{ nullsNotDistinct: true }` is PostgreSQL 15's `UNIQUE NULLS NOT DISTINCT`.
   */
  unique(name?: ConstraintName | { readonly name?: ConstraintName; readonly nullsNotDistinct?: boolean }): ColumnBuilder<T> {
    const given = name === undefined || typeof name === "string" || name instanceof FinalName ? name : name.name;
    const nullsNotDistinct = typeof name === "object" && name !== null && !(name instanceof FinalName) && name.nullsNotDistinct === true;
    if (typeof name === "object" && !(name instanceof FinalName)) checkOptionKeys("unique()", name, { name: true, nullsNotDistinct: true });
    return this.#with({ unique: { ...(given === undefined ? {} : { name: given }), ...(nullsNotDistinct ? { nullsNotDistinct: true } : {}) } });
  }

  /** A single-column index (named by `name`, or by the `ix` convention: `ix_<table>_<column>` by default). */
  index(options: ConstraintName | { readonly name?: ConstraintName; readonly unique?: boolean } = {}): ColumnBuilder<T> {
    const index = typeof options === "string" || options instanceof FinalName ? { name: options } : options;
    if (typeof options === "object" && !(options instanceof FinalName)) checkOptionKeys("index()", options, { name: true, unique: true });
    return this.#with({ index: { ...index } });
  }

  /**
   * A foreign key from this column. The target is a column (`users.c.id`), a
   * thunk returning one (for a table declared later, or the table itself), or
   * `"users.id"` / `"auth.users.id"`.
   */
  references(target: ReferenceTarget, options: ForeignKeyOptions = {}): ColumnBuilder<T> {
    if (typeof target !== "string" && typeof target !== "function" && (typeof target !== "object" || target === null)) {
      throw new AthanorError("references(): pass a column, () => column, or \"table.column\"");
    }
    checkOptionKeys("references()", options, FOREIGN_KEY_OPTION_KEYS);
    checkForeignKeyOptions(options, "references()");
    return this.#with({ references: { ...options, target } });
  }

  /**
   * The model column. `name` is required unless the builder was made with a
   * name (`column("id", ...)`) or `columnName()`; the builder's own name wins.
   */
  build(name?: string): Column {
    const c = this.#config;
    const columnName = c.name ?? name;
    if (columnName === undefined || columnName === "") {
      throw new AthanorError("A column needs a name", { hint: 'pass it: build("id"), column("id", type), or .columnName("id")' });
    }
    const where = `Column "${columnName}"`;
    if (c.primaryKey && c.nullable === true) {
      throw new AthanorError(`${where} is in the primary key and cannot be nullable`, { hint: "remove nullable()" });
    }
    if (c.autoincrement && !isIntegerType(c.type)) {
      throw new AthanorError(`${where}: autoincrement needs an integer type, not ${c.type.kind}`);
    }
    if (c.identity && !isIntegerType(c.type)) {
      throw new AthanorError(`${where}: identity needs an integer type, not ${c.type.kind}`);
    }
    if (c.identity && c.autoincrement) {
      throw new AthanorError(`${where}: choose identity() or autoincrement(), not both`);
    }
    if (c.computed && c.serverDefault) {
      throw new AthanorError(`${where}: a generated column cannot have a default`);
    }
    if (c.computed && c.onUpdate !== undefined) {
      throw new AthanorError(`${where}: a generated column cannot have ON UPDATE`);
    }
    const literal = c.serverDefault?.kind === "literal" ? c.serverDefault.value : null;
    if (c.type.kind === "enum" && typeof literal === "string" && !c.type.values.includes(literal)) {
      throw new AthanorError(`${where}: the default "${literal}" is not a value of the enum "${c.type.name}"`, {
        hint: `use one of: ${c.type.values.join(", ")}`,
      });
    }
    if ((c.identity || c.autoincrement) && c.serverDefault) {
      throw new AthanorError(`${where}: an ${c.identity ? "identity" : "autoincrement"} column cannot also have a default`);
    }
    // set one by one, in this order: a declaration of thousands of columns runs this cold,
    // where spreading an object for each optional field costs three times as much
    const column: { -readonly [K in keyof Column]: Column[K] } = {
      name: columnName,
      type: c.type,
      nullable: c.primaryKey ? false : (c.nullable ?? true),
    };
    if (c.autoincrement) column.autoincrement = true;
    if (c.identity) column.identity = c.identity;
    if (c.serverDefault) column.serverDefault = c.serverDefault;
    if (c.comment !== undefined) column.comment = c.comment;
    if (c.computed) column.computed = c.computed;
    if (c.collation !== undefined) column.collation = c.collation;
    if (c.onUpdate !== undefined) column.onUpdate = c.onUpdate;
    return column;
  }
}

/** Options of the call form `column(name, type, options)`. */
export interface ColumnOptions {
  readonly primaryKey?: boolean;
  readonly nullable?: boolean;
  /** A literal server default. */
  readonly default?: DefaultValue;
  /** A server default written as SQL. */
  readonly defaultSql?: string | SqlExpression;
  readonly autoincrement?: boolean;
  readonly identity?: { readonly always?: boolean } & SequenceOptions;
  readonly generated?: { readonly sql: string | SqlExpression; readonly stored?: boolean };
  readonly comment?: string;
  readonly collation?: string;
  /** MySQL `ON UPDATE <sql>` (e.g. `CURRENT_TIMESTAMP`). */
  readonly onUpdate?: string | SqlExpression;
  /** `true` or the constraint's name. */
  readonly unique?: boolean | ConstraintName;
  /** `true` or the index's name. */
  readonly index?: boolean | ConstraintName;
  /** A check constraint on the column: its SQL, or its SQL and name. */
  readonly check?: string | SqlExpression | { readonly sql: string | SqlExpression; readonly name?: ConstraintName };
  /** The referenced column, alone or with foreign key options. */
  readonly references?: ReferenceTarget | ({ readonly column: ReferenceTarget } & ForeignKeyOptions);
}

function applyOptions<T extends ColumnType>(builder: ColumnBuilder<T>, options: ColumnOptions): ColumnBuilder<T> {
  let b = builder;
  if (options.primaryKey) b = b.primaryKey();
  if (options.nullable === true) b = b.nullable();
  if (options.nullable === false) b = b.notNull();
  if (options.default !== undefined && options.defaultSql !== undefined) {
    throw new AthanorError("column(): give default or defaultSql, not both");
  }
  if (options.default !== undefined) b = b.default(options.default as DefaultValueOf<T>);
  if (options.defaultSql !== undefined) b = b.defaultSql(options.defaultSql);
  if (options.autoincrement) b = b.autoincrement();
  if (options.identity) b = b.identity(options.identity);
  if (options.generated) b = b.generated(options.generated.sql, options.generated.stored === undefined ? {} : { stored: options.generated.stored });
  if (options.comment !== undefined) b = b.comment(options.comment);
  if (options.collation !== undefined) b = b.collate(options.collation);
  if (options.onUpdate !== undefined) b = b.onUpdate(options.onUpdate);
  if (options.unique) b = options.unique === true ? b.unique() : b.unique(options.unique);
  if (options.index) b = options.index === true ? b.index() : b.index(options.index);
  const ck = options.check;
  if (ck !== undefined) b = typeof ck === "string" || ck instanceof SqlExpression ? b.check(ck) : b.check(ck.sql, ck.name);
  const ref = options.references;
  if (ref !== undefined) {
    if (typeof ref === "object" && ref !== null && !(ref instanceof ColumnRef)) {
      const { column: target, ...fkOptions } = ref as { readonly column: ReferenceTarget } & ForeignKeyOptions;
      b = b.references(target, fkOptions);
    } else {
      b = b.references(ref as ReferenceTarget);
    }
  }
  return b;
}

/** `column(...)` and its per-type shortcuts (`column.integer()`, `column.string(255)`, ...). */
export interface ColumnFactory {
  /** A builder of a column of `type`; its name comes from the property it is declared under. */
  <T extends ColumnType>(type: T): ColumnBuilder<T>;
  /** A named column, with options (the form of `op.createTable("t", [column("id", type.integer(), { primaryKey: true })])`). */
  <T extends ColumnType>(name: string, type: T, options?: ColumnOptions): ColumnBuilder<T>;
  smallint(): ColumnBuilder<types.ColumnTypeOf<"smallint">>;
  integer(): ColumnBuilder<types.ColumnTypeOf<"integer">>;
  bigint(): ColumnBuilder<types.ColumnTypeOf<"bigint">>;
  numeric(precision?: number, scale?: number): ColumnBuilder<types.ColumnTypeOf<"numeric">>;
  float(precision?: number): ColumnBuilder<types.ColumnTypeOf<"float">>;
  double(): ColumnBuilder<types.ColumnTypeOf<"double">>;
  boolean(): ColumnBuilder<types.ColumnTypeOf<"boolean">>;
  string(length?: number): ColumnBuilder<types.ColumnTypeOf<"string">>;
  char(length?: number): ColumnBuilder<types.ColumnTypeOf<"char">>;
  text(): ColumnBuilder<types.ColumnTypeOf<"text">>;
  date(): ColumnBuilder<types.ColumnTypeOf<"date">>;
  time(options?: types.TemporalOptions): ColumnBuilder<types.ColumnTypeOf<"time">>;
  timestamp(options?: types.TemporalOptions): ColumnBuilder<types.ColumnTypeOf<"timestamp">>;
  interval(): ColumnBuilder<types.ColumnTypeOf<"interval">>;
  binary(length?: number): ColumnBuilder<types.ColumnTypeOf<"binary">>;
  json(): ColumnBuilder<types.ColumnTypeOf<"json">>;
  jsonb(): ColumnBuilder<types.ColumnTypeOf<"jsonb">>;
  uuid(): ColumnBuilder<types.ColumnTypeOf<"uuid">>;
  /** An enum column: from an enum type (`metadata.enum(...)`, `type.enumType(...)`) or from a name and values. */
  enum<const V extends string>(type: types.EnumColumnType<V>): ColumnBuilder<types.EnumColumnType<V>>;
  enum<const V extends string>(name: string, values: readonly V[], options?: { readonly schema?: string }): ColumnBuilder<types.EnumColumnType<V>>;
  array<T extends ColumnType>(of: T): ColumnBuilder<types.ColumnTypeOf<"array"> & { readonly of: T }>;
  custom(sql: string): ColumnBuilder<types.ColumnTypeOf<"custom">>;
}

function makeColumn<T extends ColumnType>(nameOrType: string | T, type?: T, options?: ColumnOptions): ColumnBuilder<T> {
  if (typeof nameOrType === "string") {
    if (type === undefined) {
      throw new AthanorError(`column("${nameOrType}"): the column needs a type`, { hint: `write column("${nameOrType}", type.integer())` });
    }
    checkColumnOptions(nameOrType, options);
    return applyOptions(new ColumnBuilder(type).columnName(nameOrType), options ?? {});
  }
  return new ColumnBuilder(nameOrType);
}

/**
 * Column builders. Call it with a type, or with a name, a type and options, or
 * use a shortcut per type.
 *
 * @example
 * ```ts
 * const users = metadata.table("users", {
 *   id: column.integer().primaryKey().autoincrement(),
 *   email: column.string(255).notNull().unique(),
 *   tags: column(type.array(type.text())),
 * });
 * // in a revision file:
 * await op.addColumn("users", column("nickname", type.string(50), { nullable: true }));
 * ```
 */
export const column: ColumnFactory = Object.assign(makeColumn as ColumnFactory, {
  smallint: () => new ColumnBuilder(types.smallint()),
  integer: () => new ColumnBuilder(types.integer()),
  bigint: () => new ColumnBuilder(types.bigint()),
  numeric: (precision?: number, scale?: number) => new ColumnBuilder(types.numeric(precision, scale)),
  float: (precision?: number) => new ColumnBuilder(types.float(precision)),
  double: () => new ColumnBuilder(types.double()),
  boolean: () => new ColumnBuilder(types.boolean()),
  string: (length?: number) => new ColumnBuilder(types.string(length)),
  char: (length?: number) => new ColumnBuilder(types.char(length)),
  text: () => new ColumnBuilder(types.text()),
  date: () => new ColumnBuilder(types.date()),
  time: (options?: types.TemporalOptions) => new ColumnBuilder(types.time(options)),
  timestamp: (options?: types.TemporalOptions) => new ColumnBuilder(types.timestamp(options)),
  interval: () => new ColumnBuilder(types.interval()),
  binary: (length?: number) => new ColumnBuilder(types.binary(length)),
  json: () => new ColumnBuilder(types.json()),
  jsonb: () => new ColumnBuilder(types.jsonb()),
  uuid: () => new ColumnBuilder(types.uuid()),
  enum: (nameOrType: string | types.EnumColumnType, values?: readonly string[], options?: { readonly schema?: string }) =>
    new ColumnBuilder(typeof nameOrType === "string" ? types.enumType(nameOrType, values ?? [], options) : nameOrType),
  array: <T extends ColumnType>(of: T) => new ColumnBuilder(types.array(of)),
  custom: (sql: string) => new ColumnBuilder(types.customType(sql)),
}) as ColumnFactory;
