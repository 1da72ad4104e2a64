/**
 * Table-level declarations: indexes, unique, check, foreign key and primary key
 * constraints, returned from the third argument of `metadata.table()` or listed
 * among the columns of `op.createTable()`.
 */
import { AthanorError } from "../util/errors.js";
import { checkForeignKeyOptions, type ForeignKeyOptions } from "./column.js";
import type { ColumnRef } from "./column-ref.js";
import { SqlExpression, sqlText } from "./expression.js";
import type { ConstraintName } from "./naming.js";
import { FOREIGN_KEY_SPEC_KEYS, PRIMARY_KEY_SPEC_KEYS } from "./option-keys.js";
import { checkOptionKeys } from "../util/option-keys.js";

/** A column of the table being declared: its reference (`c.email`) or its name. */
export type ColumnInput = ColumnRef | string;

/** An indexed element: a column, or an SQL expression (`expr\`lower(${c.email})\``). */
export type IndexInput = ColumnInput | SqlExpression;

/** The data of an index declaration. */
export interface IndexSpec {
  readonly name?: ConstraintName;
  readonly unique: boolean;
  readonly elements: readonly IndexInput[];
  readonly where?: string;
  readonly using?: string;
  readonly include: readonly ColumnInput[];
  readonly nullsNotDistinct?: boolean;
  readonly with?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * An index being declared. Immutable: each method returns a new one.
 *
 * @example
 * ```ts
 * index("ix_posts_published").on(c.publishedAt).where("published_at IS NOT NULL");
 * index().on(expr`lower(${c.email})`);
 * index("ix_docs_body").using("gin").on(c.body);
 * ```
 */
export class IndexBuilder {
  readonly kind = "index" as const;
  readonly #spec: IndexSpec;

  constructor(spec: IndexSpec) {
    this.#spec = Object.freeze(spec);
  }

  get spec(): IndexSpec {
    return this.#spec;
  }

  /** The indexed columns or expressions, in order. */
  on(...elements: readonly IndexInput[]): IndexBuilder {
    if (elements.length === 0) throw new AthanorError("index(): on() needs at least one column or expression");
    return new IndexBuilder({ ...this.#spec, elements: [...this.#spec.elements, ...elements] });
  }

  /** A partial index: only rows meeting `condition` (PostgreSQL, SQLite). */
  where(condition: string | SqlExpression): IndexBuilder {
    return new IndexBuilder({ ...this.#spec, where: sqlText(condition) });
  }

  /** The PostgreSQL access method (`btree`, `hash`, `gin`, `gist`, `brin`, ...). */
  using(method: string): IndexBuilder {
    return new IndexBuilder({ ...this.#spec, using: method });
  }

  /** PostgreSQL `INCLUDE (...)` columns. */
  include(...columns: readonly ColumnInput[]): IndexBuilder {
    return new IndexBuilder({ ...this.#spec, include: [...this.#spec.include, ...columns] });
  }

  /** PostgreSQL 15 `NULLS NOT DISTINCT`: a unique index admitting one NULL at most. */
  nullsNotDistinct(): IndexBuilder {
    return new IndexBuilder({ ...this.#spec, nullsNotDistinct: true });
  }

  /** PostgreSQL storage parameters: `.with({ fillfactor: 70 })` is `WITH (fillfactor = 70)`. */
  with(parameters: Readonly<Record<string, string | number | boolean>>): IndexBuilder {
    if (typeof parameters !== "object" || parameters === null) throw new AthanorError("index(): with() takes an object of storage parameters, e.g. { fillfactor: 70 }");
    return new IndexBuilder({ ...this.#spec, with: { ...this.#spec.with, ...parameters } });
  }
}

/** An index; unnamed ones are named by the `ix` convention (`ix_<table>_<first column>` by default). */
export function index(name?: ConstraintName): IndexBuilder {
  return new IndexBuilder({ ...(name !== undefined ? { name } : {}), unique: false, elements: [], include: [] });
}

/** A unique index. */
export function uniqueIndex(name?: ConstraintName): IndexBuilder {
  return new IndexBuilder({ ...(name !== undefined ? { name } : {}), unique: true, elements: [], include: [] });
}

/** The data of a unique constraint declaration. */
export interface UniqueSpec {
  readonly name?: ConstraintName;
  readonly columns: readonly ColumnInput[];
  readonly deferrable?: boolean;
  readonly initially?: "deferred" | "immediate";
  readonly nullsNotDistinct?: boolean;
}

/**
 * A unique constraint being declared.
 *
 * @example
 * ```ts
 * unique().on(c.orgId, c.email);
 * unique("uq_slots").on(c.room, c.startsAt).deferrable("deferred");
 * ```
 */
export class UniqueBuilder {
  readonly kind = "unique" as const;
  readonly #spec: UniqueSpec;

  constructor(spec: UniqueSpec) {
    this.#spec = Object.freeze(spec);
  }

  get spec(): UniqueSpec {
    return this.#spec;
  }

  /** The constrained columns, in order. */
  on(...columns: readonly ColumnInput[]): UniqueBuilder {
    if (columns.length === 0) throw new AthanorError("unique(): on() needs at least one column");
    return new UniqueBuilder({ ...this.#spec, columns: [...this.#spec.columns, ...columns] });
  }

  /** `DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]` (PostgreSQL). */
  deferrable(initially?: "deferred" | "immediate"): UniqueBuilder {
    return new UniqueBuilder({ ...this.#spec, deferrable: true, ...(initially ? { initially } : {}) });
  }

  /** PostgreSQL 15 `NULLS NOT DISTINCT`: two NULLs count as equal. */
  nullsNotDistinct(): UniqueBuilder {
    return new UniqueBuilder({ ...this.#spec, nullsNotDistinct: true });
  }
}

/**
 * One element of an exclusion constraint being declared: `[column or
 * expression, operator]`, or `[column or expression, operator, opclass]` to
 * name an operator class other than the type's default (`gist_int4_ops`).
 */
export type ExcludeElementInput = readonly [IndexInput, string] | readonly [IndexInput, string, string];

/** The data of an exclusion constraint declaration. */
export interface ExcludeSpec {
  readonly name?: ConstraintName;
  readonly elements: readonly ExcludeElementInput[];
  readonly using?: string;
  readonly where?: string;
  readonly deferrable?: boolean;
  readonly initially?: "deferred" | "immediate";
}

/**
 * A PostgreSQL exclusion constraint being declared: no two rows for which
 * every element's operator holds.
 *
 * @example
 * ```ts
 * exclude("no_double_booking").using("gist").on([c.roomId, "="], [c.during, "&&"]);
 * ```
 */
export class ExcludeBuilder {
  readonly kind = "exclude" as const;
  readonly #spec: ExcludeSpec;

  constructor(spec: ExcludeSpec) {
    this.#spec = Object.freeze(spec);
  }

  get spec(): ExcludeSpec {
    return this.#spec;
  }

  /**
   * The elements: `[column or expression, operator]` pairs, with an operator
   * class third where it is not the default one (`[c.roomId, "=", "gist_int4_ops"]`).
   */
  on(...elements: readonly ExcludeElementInput[]): ExcludeBuilder {
    if (elements.length === 0) throw new AthanorError("exclude(): on() needs at least one [column, operator] pair");
    for (const pair of elements) {
      const opclass: unknown = Array.isArray(pair) ? pair[2] : undefined;
      if (
        !Array.isArray(pair) || (pair.length !== 2 && pair.length !== 3) || typeof pair[1] !== "string" || pair[1].trim() === "" ||
        (pair.length === 3 && (typeof opclass !== "string" || opclass.trim() === ""))
      ) {
        throw new AthanorError(`exclude(): each element is [column or expression, operator] or [column or expression, operator, opclass], got ${JSON.stringify(pair)}`, {
          hint: 'write .on([c.roomId, "=", "gist_int4_ops"], [c.during, "&&"])',
        });
      }
    }
    return new ExcludeBuilder({ ...this.#spec, elements: [...this.#spec.elements, ...elements] });
  }

  /** The index access method (`gist` when not given). */
  using(method: string): ExcludeBuilder {
    return new ExcludeBuilder({ ...this.#spec, using: method });
  }

  /** Only rows meeting `condition` take part. */
  where(condition: string | SqlExpression): ExcludeBuilder {
    return new ExcludeBuilder({ ...this.#spec, where: sqlText(condition) });
  }

  /** `DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]`. */
  deferrable(initially?: "deferred" | "immediate"): ExcludeBuilder {
    return new ExcludeBuilder({ ...this.#spec, deferrable: true, ...(initially ? { initially } : {}) });
  }
}

/** A PostgreSQL exclusion constraint; unnamed ones are left to the database to name. */
export function exclude(name?: ConstraintName): ExcludeBuilder {
  return new ExcludeBuilder({ ...(name !== undefined ? { name } : {}), elements: [] });
}

/** A unique constraint; unnamed ones are named by the `uq` convention, or left to the database. */
export function unique(name?: ConstraintName): UniqueBuilder {
  return new UniqueBuilder({ ...(name !== undefined ? { name } : {}), columns: [] });
}

/** A check constraint declaration. */
export interface CheckSpec {
  readonly kind: "check";
  readonly name?: ConstraintName;
  readonly sql: string;
  /** The columns the condition names (from an `expr` condition), for the naming convention. */
  readonly columns?: readonly ColumnRef[];
}

/**
 * A check constraint. The name may be undefined (the `ck` convention or the
 * database names it); with a convention using `%(constraint_name)s` the name is
 * required and wrapped.
 *
 * @example
 * ```ts
 * check("price_positive", expr`${c.price} > 0`);
 * ```
 */
export function check(name: ConstraintName | undefined, condition: string | SqlExpression): CheckSpec {
  const sql = sqlText(condition);
  if (typeof sql !== "string" || sql.trim() === "") throw new AthanorError(`check(${String(name ?? "")}): pass the condition as SQL`);
  const columns = condition instanceof SqlExpression ? condition.columns : [];
  return Object.freeze({ kind: "check", ...(name !== undefined ? { name } : {}), sql, ...(columns.length > 0 ? { columns } : {}) });
}

/** A foreign key declaration (table-level: several columns, or options on one). */
export interface ForeignKeySpec extends ForeignKeyOptions {
  readonly kind: "foreignKey";
  readonly columns: readonly ColumnInput[];
  /** The referenced columns: references, `"table.column"` strings, or a thunk giving them (for tables declared later). */
  readonly foreignColumns: readonly (ColumnRef | string)[] | (() => readonly (ColumnRef | string)[]);
}

/**
 * A (composite) foreign key.
 *
 * @example
 * ```ts
 * foreignKey({ columns: [c.orgId, c.userId], foreignColumns: () => [members.c.orgId, members.c.userId], onDelete: "cascade" });
 * ```
 */
export function foreignKey(spec: Omit<ForeignKeySpec, "kind">): ForeignKeySpec {
  if (!Array.isArray(spec.columns) || spec.columns.length === 0) {
    throw new AthanorError("foreignKey(): columns needs at least one column");
  }
  if (!Array.isArray(spec.foreignColumns) && typeof spec.foreignColumns !== "function") {
    throw new AthanorError("foreignKey(): foreignColumns must list the referenced columns (or be a function returning them)");
  }
  checkOptionKeys("foreignKey()", spec, FOREIGN_KEY_SPEC_KEYS);
  checkForeignKeyOptions(spec, "foreignKey()");
  return Object.freeze({ ...spec, kind: "foreignKey" });
}

/** A primary key declaration. */
export interface PrimaryKeySpec {
  readonly kind: "primaryKey";
  readonly name?: ConstraintName;
  readonly columns: readonly ColumnInput[];
}

/**
 * A (composite) primary key. Its columns become NOT NULL.
 *
 * @example
 * ```ts
 * primaryKey({ columns: [c.postId, c.tagId] });
 * ```
 */
export function primaryKey(spec: { readonly name?: ConstraintName; readonly columns: readonly ColumnInput[] }): PrimaryKeySpec {
  checkOptionKeys("primaryKey()", spec, PRIMARY_KEY_SPEC_KEYS);
  if (!Array.isArray(spec.columns) || spec.columns.length === 0) {
    throw new AthanorError("primaryKey(): columns needs at least one column");
  }
  return Object.freeze({ kind: "primaryKey", ...spec });
}

/** Anything a table declaration lists besides its columns. */
export type TableElement = IndexBuilder | UniqueBuilder | ExcludeBuilder | CheckSpec | ForeignKeySpec | PrimaryKeySpec;

/** True for values returned by index(), uniqueIndex(), unique(), check(), foreignKey() and primaryKey(). */
export function isTableElement(value: unknown): value is TableElement {
  if (value instanceof IndexBuilder || value instanceof UniqueBuilder || value instanceof ExcludeBuilder) return true;
  const kind = (value as { kind?: unknown } | null)?.kind;
  return typeof value === "object" && value !== null && (kind === "check" || kind === "foreignKey" || kind === "primaryKey");
}
