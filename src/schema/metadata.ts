/**
 * MetaData: the collection of declared tables and enum types that is a schema,
 * with its naming convention. `toModel()` gives the neutral model autogenerate
 * compares against the database.
 */
import { AthanorError } from "../util/errors.js";
import type { TableElement } from "./constraints.js";
import type { ColumnType, EnumType, SchemaModel, Sequence, Table, View } from "./model.js";
import {
  DEFAULT_MAX_IDENTIFIER_LENGTH,
  DEFAULT_NAMING_CONVENTION,
  validateNamingConvention,
  type NamingConvention,
} from "./naming.js";
import { DeclaredTable, type ColumnBuilders, type ColumnRefs, type TableBuildContext, type TableDeclarationOptions } from "./table.js";
import { enumType, type EnumColumnType } from "./types.js";
import { checkedSequence } from "./sequence.js";
import { checkTableOptions, MATERIALIZED_VIEW_OPTION_KEYS, METADATA_OPTION_KEYS, SCHEMA_ONLY_KEYS, SEQUENCE_DECLARATION_KEYS, VIEW_OPTION_KEYS } from "./option-keys.js";
import { checkOptionKeys } from "../util/option-keys.js";
import type { SqlExpression } from "./expression.js";
import { buildView, sortViews, type MaterializedViewDeclarationOptions, type ViewDeclarationOptions } from "./view.js";

/** Options of a {@link MetaData}. */
export interface MetaDataOptions {
  /** Names for unnamed indexes and constraints; `ix` defaults to `ix_%(column_0_label)s`. */
  readonly namingConvention?: NamingConvention;
  /** Schema of every table and enum declared without one. */
  readonly schema?: string;
  /** Convention names longer than this are shortened with a hash (default 63, PostgreSQL's limit). */
  readonly maxIdentifierLength?: number;
}

function key(name: string, schema: string | undefined): string {
  return `${schema ?? ""}\u0000${name}`;
}

function display(name: string, schema: string | undefined): string {
  return schema !== undefined ? `${schema}.${name}` : name;
}

/**
 * A schema: tables, enum types and the naming convention.
 *
 * @example
 * ```ts
 * import { MetaData, column, index } from "athanor";
 *
 * export const metadata = new MetaData({
 *   namingConvention: { fk: "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s", pk: "pk_%(table_name)s" },
 * });
 * export const users = metadata.table("users", {
 *   id: column.integer().primaryKey().autoincrement(),
 *   email: column.string(255).notNull(),
 * }, (c) => [index().on(c.email)]);
 * metadata.toModel(); // { tables: [...], enums: [...] }
 * ```
 */
export class MetaData {
  /** The convention in force (the `ix` default included). */
  readonly namingConvention: NamingConvention;
  readonly schema: string | undefined;
  readonly maxIdentifierLength: number;
  readonly #tables = new Map<string, DeclaredTable>();
  readonly #enums = new Map<string, EnumColumnType>();
  readonly #sequences = new Map<string, Sequence>();
  readonly #views = new Map<string, View>();
  readonly #context: TableBuildContext;

  constructor(options: MetaDataOptions = {}) {
    checkOptionKeys("new MetaData()", options, METADATA_OPTION_KEYS);
    if (options.namingConvention) validateNamingConvention(options.namingConvention);
    this.namingConvention = Object.freeze({ ...DEFAULT_NAMING_CONVENTION, ...options.namingConvention });
    this.schema = options.schema;
    this.maxIdentifierLength = options.maxIdentifierLength ?? DEFAULT_MAX_IDENTIFIER_LENGTH;
    this.#context = {
      namingConvention: this.namingConvention,
      maxIdentifierLength: this.maxIdentifierLength,
      ...(this.schema !== undefined ? { defaultSchema: this.schema } : {}),
      lookupTable: (name, schema) => this.getTable(name, schema),
    };
  }

  /**
   * Declare a table. The third argument lists indexes and constraints, built
   * from the table's columns; it may be left out, or be the options.
   *
   * @example
   * ```ts
   * const posts = metadata.table("posts", {
   *   id: column.bigint().primaryKey().identity(),
   *   authorId: column.integer().columnName("author_id").notNull().references(() => users.c.id, { onDelete: "cascade" }),
   *   title: column.text().notNull(),
   * }, (c) => [index().on(c.authorId)], { comment: "blog posts" });
   * ```
   */
  table<C extends ColumnBuilders>(
    name: string,
    columns: C,
    extras?: ((c: ColumnRefs<C>) => readonly TableElement[]) | TableDeclarationOptions,
    options?: TableDeclarationOptions,
  ): DeclaredTable<C> {
    const callback = typeof extras === "function" ? extras : undefined;
    if (typeof extras === "object" && extras !== null && options !== undefined) {
      throw new AthanorError(`The table "${name}" is given options twice (third and fourth argument)`, {
        hint: "pass the options once: as the third argument, or as the fourth after the indexes and constraints",
      });
    }
    const given = (typeof extras === "object" && extras !== null ? extras : options) ?? {};
    checkTableOptions(name, given);
    const tableOptions: TableDeclarationOptions = { ...given, ...(given.schema === undefined && this.schema !== undefined ? { schema: this.schema } : {}) };
    const k = key(name, tableOptions.schema);
    if (this.#tables.has(k) || this.#views.has(k)) {
      throw new AthanorError(`The table "${display(name, tableOptions.schema)}" is declared twice in this MetaData`, {
        hint: "declare each table once and import it where it is needed",
      });
    }
    const table = new DeclaredTable(name, columns, callback, tableOptions, this.#context);
    this.#tables.set(k, table as unknown as DeclaredTable);
    for (const column of Object.values(table.c)) this.#collectEnums(column.type);
    return table;
  }

  /**
   * Declare an enum type (a named type on PostgreSQL). Use the result as a
   * column type: `column.enum(mood)` or `column(mood)`. Enum-typed columns
   * declare their types too; the same name with other values is an error.
   *
   * @example
   * ```ts
   * const mood = metadata.enum("mood", ["sad", "ok", "happy"]);
   * ```
   */
  enum<const V extends string>(name: string, values: readonly V[], options: { readonly schema?: string } = {}): EnumColumnType<V> {
    checkOptionKeys(`enum(${JSON.stringify(name)})`, options, SCHEMA_ONLY_KEYS);
    const schema = options.schema ?? this.schema;
    const type = enumType(name, values, schema !== undefined ? { schema } : {});
    this.#registerEnum(type);
    return type;
  }

  /**
   * Declare a view: a name and its query as SQL. Autogenerate creates it after
   * the tables and views it reads, and compares its definition in the
   * database's own spelling.
   *
   * @example
   * ```ts
   * metadata.view("active_users", "SELECT id, email FROM users WHERE active", { checkOption: "local" });
   * ```
   */
  view(name: string, definition: string | SqlExpression, options: ViewDeclarationOptions = {}): View {
    checkOptionKeys(`view(${JSON.stringify(name)})`, options, VIEW_OPTION_KEYS);
    return this.#addView(buildView(name, definition, this.#withSchema(options), false));
  }

  /**
   * Declare a PostgreSQL materialized view.
   *
   * @example
   * ```ts
   * metadata.materializedView("order_totals", "SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id");
   * ```
   */
  materializedView(name: string, definition: string | SqlExpression, options: MaterializedViewDeclarationOptions = {}): View {
    checkOptionKeys(`materializedView(${JSON.stringify(name)})`, options, MATERIALIZED_VIEW_OPTION_KEYS);
    return this.#addView(buildView(name, definition, this.#withSchema(options), true));
  }

  #withSchema<O extends { readonly schema?: string }>(options: O): O {
    return options.schema === undefined && this.schema !== undefined ? { ...options, schema: this.schema } : options;
  }

  #addView(view: View): View {
    const k = key(view.name, view.schema);
    if (this.#views.has(k) || this.#tables.has(k)) {
      throw new AthanorError(`The name "${display(view.name, view.schema)}" is declared twice in this MetaData (views and tables share names)`, {
        hint: "give each view and table its own name",
      });
    }
    this.#views.set(k, view);
    return view;
  }

  /** The declared views, in declaration order. */
  get views(): readonly View[] {
    return [...this.#views.values()];
  }

  #collectEnums(type: ColumnType): void {
    if (type.kind === "enum") this.#registerEnum(type);
    else if (type.kind === "array") this.#collectEnums(type.of);
  }

  /**
   * Declare a standalone sequence (PostgreSQL, MariaDB 10.3+): `type`
   * (`smallint`, `integer`, `bigint`), `start`, `increment`, `minValue`,
   * `maxValue`, `cache`, `cycle`, `ownedBy: { table, column }`, `schema`.
   * MariaDB's sequences count in bigint and have no owner: a `type` or
   * `ownedBy` is warned about there and left out.
   *
   * @example
   * ```ts
   * metadata.sequence("invoice_numbers", { start: 1000, cache: 10 });
   * ```
   */
  sequence(name: string, options: Omit<Sequence, "name"> = {}): Sequence {
    checkOptionKeys(`sequence(${JSON.stringify(name)})`, options, SEQUENCE_DECLARATION_KEYS);
    const schema = options.schema ?? this.schema;
    const sequence = checkedSequence({ name, ...options, ...(schema !== undefined ? { schema } : {}) });
    const k = key(name, schema);
    if (this.#sequences.has(k)) {
      throw new AthanorError(`The sequence "${display(name, schema)}" is declared twice in this MetaData`, { hint: "declare each sequence once" });
    }
    this.#sequences.set(k, sequence);
    return sequence;
  }

  /** The declared sequences, in declaration order. */
  get sequences(): readonly Sequence[] {
    return [...this.#sequences.values()];
  }

  #registerEnum(type: EnumColumnType): void {
    const k = key(type.name, type.schema);
    const existing = this.#enums.get(k);
    if (!existing) {
      this.#enums.set(k, type);
      return;
    }
    const same = existing.values.length === type.values.length && existing.values.every((v, i) => v === type.values[i]);
    if (!same) {
      throw new AthanorError(
        `The enum "${display(type.name, type.schema)}" is declared twice with different values: [${existing.values.join(", ")}] and [${type.values.join(", ")}]`,
        { hint: "declare the enum once with metadata.enum() and use that type in every column" },
      );
    }
  }

  /** The declared tables, in declaration order. */
  get tables(): readonly DeclaredTable[] {
    return [...this.#tables.values()];
  }

  /** The enum types, declared or used by columns, in first-seen order. */
  get enums(): readonly EnumType[] {
    return [...this.#enums.values()].map((e) => ({ name: e.name, ...(e.schema !== undefined ? { schema: e.schema } : {}), values: e.values }));
  }

  /** A declared table by name (schema defaults to the MetaData's). */
  getTable(name: string, schema: string | undefined = this.schema): DeclaredTable | undefined {
    return this.#tables.get(key(name, schema));
  }

  /**
   * The neutral model: tables ordered so that a table comes after the tables
   * its foreign keys reference (declaration order otherwise; tables caught in
   * a reference cycle come last, in declaration order), and the enum types.
   */
  toModel(): SchemaModel {
    const tables = this.tables.map((t) => t.toModel());
    const indexNames = new Map<string, string>();
    for (const table of tables) {
      for (const ix of table.indexes) {
        const k = key(ix.name, table.schema);
        const owner = indexNames.get(k);
        if (owner !== undefined && owner !== table.name) {
          throw new AthanorError(`The index name "${ix.name}" is used by tables "${owner}" and "${table.name}"`, {
            hint: "index names are shared by a whole schema on PostgreSQL and SQLite; give each index its own name",
          });
        }
        indexNames.set(k, table.name);
      }
    }
    const views = sortViews(this.views);
    return {
      tables: sortByDependency(tables),
      enums: this.enums,
      ...(views.length > 0 ? { views } : {}),
      ...(this.#sequences.size > 0 ? { sequences: this.sequences } : {}),
    };
  }
}

/** Order tables so referenced tables come first; stable, and tolerant of cycles. */
export function sortByDependency(tables: readonly Table[]): Table[] {
  const id = (name: string, schema: string | undefined): string => key(name, schema);
  const present = new Set(tables.map((t) => id(t.name, t.schema)));
  const deps = tables.map((t) => {
    const own = id(t.name, t.schema);
    return new Set(t.foreignKeys.map((fk) => id(fk.refTable, fk.refSchema)).filter((d) => d !== own && present.has(d)));
  });
  const done = new Set<string>();
  const result: Table[] = [];
  const remaining = tables.map((_table, i) => i);
  while (remaining.length > 0) {
    let pick = remaining.findIndex((i) => [...deps[i]!].every((d) => done.has(d)));
    // A cycle: take the first remaining table; its foreign keys need ALTER after creation.
    if (pick === -1) pick = 0;
    const [i] = remaining.splice(pick, 1);
    const table = tables[i!]!;
    done.add(id(table.name, table.schema));
    result.push(table);
  }
  return result;
}
