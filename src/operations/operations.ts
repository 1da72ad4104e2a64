import { column as columnFactory } from "../schema/column.js";
import type { ColumnBuilder, ColumnFactory } from "../schema/column.js";
import * as elements from "../schema/constraints.js";
import type { TableElement } from "../schema/constraints.js";
import { expr as exprFactory, sqlText } from "../schema/expression.js";
import type { SqlExpression } from "../schema/expression.js";
import type { Column, ColumnType, DialectOptions, EnumType, Index, Table, View } from "../schema/model.js";
import { FinalName, f as finalName } from "../schema/naming.js";
import type { ConstraintName, NamingConvention } from "../schema/naming.js";
import { buildTable } from "../schema/table.js";
import type { ColumnBuilders, ColumnRefs } from "../schema/table.js";
import * as types from "../schema/types.js";
import { buildView } from "../schema/view.js";
import type { MaterializedViewDeclarationOptions, ViewDeclarationOptions } from "../schema/view.js";
import { AthanorError } from "../util/errors.js";
import type { BatchOperations } from "./batch/batch-operations.js";
import { runBatch } from "./batch/run-batch.js";
import type { BatchAlterTableOptions } from "./batch/run-batch.js";
import { fallbackName, namingConventionOf } from "./naming.js";
import { alterColumnOperation, createIndexOperation, excludeConstraint, nameText } from "./operation-options.js";
import { ALTER_COLUMN_KEYS, CREATE_FOREIGN_KEY_KEYS, CREATE_INDEX_KEYS, EXCLUDE_CONSTRAINT_KEYS, SEQUENCE_OPTION_KEYS, VIEW_KEYS } from "./operation-options.js";
import type { AlterColumnOptions, CreateForeignKeyOptions, CreateIndexOptions, ExcludeConstraintOptions, ExcludeElementArgument, IndexColumnInput } from "./operation-options.js";
import { addCustomMethods } from "./custom/custom-methods.js";
import { requireCustomDefinition } from "./custom/registry.js";
import { runOperation } from "./custom/run-operation.js";
import type { OperationContext, SqlInput } from "./operation-context.js";
import { OperationTracker } from "./operation-tracker.js";
import { checkOperation, operation } from "./operation.js";
import { checkOptionKeys } from "../util/option-keys.js";
import type { AnyOperation, CustomOperation } from "./operation.js";
import type { AddConstraint, Constraint, SchemaOperation, SequenceChanges } from "../dialects/contract/index.js";
import type { Policy, Sequence } from "../schema/model.js";
import { RawSql, SqlStatement } from "./sql-template.js";
import { columnParts, nameConstraint } from "./table-input.js";
import type { ColumnInput, CreateTableOptions } from "./table-input.js";


/**
 * The `op` object a revision's `upgrade(op)` and `downgrade(op)` receive.
 * Every method returns a promise that must be awaited: a revision whose
 * function returns while an operation is still running fails with an error
 * naming it.
 *
 * @example
 * ```ts
 * export async function upgrade(op: Operations): Promise<void> {
 *   await op.execute("CREATE TABLE users (id integer PRIMARY KEY, email text)");
 *   await op.execute(op.sql`INSERT INTO users (id, email) VALUES (${1}, ${"a@example.com"})`);
 *   const rows = await op.query("SELECT id FROM users");
 * }
 * ```
 */
export class Operations {
  readonly #context: OperationContext;
  readonly #tracker: OperationTracker;

  constructor(context: OperationContext, tracker: OperationTracker) {
    this.#context = context;
    this.#tracker = tracker;
    // op.<method> of each operation registered with registerOperation
    addCustomMethods(this, (operation) => this.invoke(operation));
  }

  /** The database kind: `sqlite`, `postgresql` or `mysql`. */
  get dialect(): string {
    return this.#context.dialectName;
  }

  /** `true` when SQL is being written out (`--sql`) rather than run: queries return nothing then. */
  get isOffline(): boolean {
    return this.#context.isOffline;
  }

  /** In a multi-database run, the name of the database being migrated (a key of `databases`). */
  get database(): string | undefined {
    return this.#context.databaseName;
  }

  /**
   * Run one statement. `params` use the database's own placeholders (`$1` on
   * PostgreSQL, `?` on MySQL and SQLite); for portable SQL use `op.sql`.
   * Offline, the statement is written to the script (parameters are not allowed
   * there; `op.sql` values become literals).
   *
   * @example
   * ```ts
   * await op.execute("ALTER TABLE users ADD COLUMN name varchar(100)");
   * ```
   */
  execute(sql: SqlInput, params?: readonly unknown[]): Promise<void> {
    return this.#tracker.track(() => this.#context.execute(sql, params));
  }

  /**
   * Run a query and return its rows, for data migrations. Not available with
   * `--sql` (there is no database to read); check `op.isOffline` first.
   *
   * @example
   * ```ts
   * const users = await op.query<{ id: number }>("SELECT id FROM users");
   * ```
   */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: SqlInput,
    params?: readonly unknown[],
  ): Promise<Row[]> {
    return this.#tracker.track(() => this.#context.query(sql, params)) as Promise<Row[]>;
  }

  /**
   * A portable statement: each `${value}` becomes the database's placeholder
   * (online) or an inline literal (offline). `${op.identifier(name)}` and nested
   * `op.sql` statements are spliced in as SQL.
   *
   * @example
   * ```ts
   * await op.execute(op.sql`UPDATE users SET active = ${true} WHERE id = ${id}`);
   * ```
   */
  sql(strings: TemplateStringsArray, ...values: unknown[]): SqlStatement {
    return new SqlStatement([...strings], values);
  }

  /**
   * A quoted identifier (optionally schema-qualified as `schema.name` given in
   * two arguments) to splice into an `op.sql` statement.
   *
   * @example
   * ```ts
   * await op.execute(op.sql`DELETE FROM ${op.identifier("audit log")}`);
   * ```
   */
  identifier(name: string, schema?: string): RawSql {
    const quoted = this.#context.quoteIdentifier(name);
    return new RawSql(schema ? `${this.#context.quoteIdentifier(schema)}.${quoted}` : quoted);
  }

  /**
   * A value rendered inline as an SQL literal of this database (Alembic's
   * `inline_literal`), for statements that must not bind parameters.
   *
   * @example
   * ```ts
   * await op.execute(op.sql`UPDATE flags SET state = ${op.literal("on")}`);
   * ```
   */
  literal(value: unknown): RawSql {
    return new RawSql(this.#context.literal(value));
  }

  /**
   * The same as {@link Operations.literal}, under Alembic's name.
   *
   * @example
   * ```ts
   * await op.execute(op.sql`UPDATE flags SET state = ${op.inlineLiteral("on")}`);
   * ```
   */
  inlineLiteral(value: unknown): RawSql {
    return this.literal(value);
  }

  /** SQL text spliced into an `op.sql` statement as it is (never put user input here). */
  raw(text: string): RawSql {
    return new RawSql(text);
  }

  /**
   * Column builders, the same as `column` from the package, so a revision file
   * needs only `op`.
   *
   * @example
   * ```ts
   * op.column("email", op.type.string(255), { nullable: false });
   * op.column.integer().primaryKey();
   * ```
   */
  get column(): ColumnFactory {
    return columnFactory;
  }

  /**
   * Table elements for `op.createTable`, as exported by the package.
   *
   * @example
   * ```ts
   * await op.createTable("posts", [
   *   op.column("id", op.type.integer(), { primaryKey: true }),
   *   op.column("author_id", op.type.integer()),
   *   op.foreignKey({ columns: ["author_id"], foreignColumns: ["users.id"], onDelete: "cascade" }),
   *   op.index().on("author_id"),
   * ]);
   * ```
   */
  get index(): typeof elements.index {
    return elements.index;
  }

  get uniqueIndex(): typeof elements.uniqueIndex {
    return elements.uniqueIndex;
  }

  get unique(): typeof elements.unique {
    return elements.unique;
  }

  get check(): typeof elements.check {
    return elements.check;
  }

  get foreignKey(): typeof elements.foreignKey {
    return elements.foreignKey;
  }

  get primaryKey(): typeof elements.primaryKey {
    return elements.primaryKey;
  }

  /** A PostgreSQL exclusion constraint among createTable's elements: `op.exclude("name").on(["room", "="], ["during", "&&"])`. */
  get exclude(): typeof elements.exclude {
    return elements.exclude;
  }

  /**
   * An SQL expression for index elements, checks and defaults (as `expr` from the package).
   *
   * @example
   * ```ts
   * await op.createIndex("ix_users_lower_email", "users", [op.expr("lower(email)")]);
   * ```
   */
  get expr(): typeof exprFactory {
    return exprFactory;
  }

  /**
   * Column types, the same as `type` from the package.
   *
   * @example
   * ```ts
   * op.type.numeric(10, 2);
   * ```
   */
  get type(): typeof types {
    return types;
  }

  /**
   * Mark a constraint or index name as final: no naming convention rewrites it
   * (Alembic's `op.f()`; autogenerate writes it for names a convention produced).
   *
   * @example
   * ```ts
   * await op.createIndex(op.f("ix_users_email"), "users", ["email"]);
   * ```
   */
  f(name: string): FinalName {
    return finalName(name);
  }

  /** The naming convention of env.ts's `targetMetadata` (with the default `ix_<table>_<column>` for indexes). */
  get namingConvention(): NamingConvention {
    return namingConventionOf(this.#context.targetMetadata);
  }

  /**
   * Run an operation given as data (as autogenerate and `reverseOperation`
   * produce them), including hand-written SQL (`{ kind: "execute", sql }`) and
   * operations registered with `registerOperation` (`{ kind: "custom", name, data }`).
   *
   * @example
   * ```ts
   * await op.invoke({ kind: "renameTable", name: "user", newName: "users" });
   * await op.invoke({ kind: "custom", name: "createView", data: { name: "v", select: "SELECT 1" } });
   * ```
   */
  invoke(operation: AnyOperation): Promise<void> {
    const checked = checkOperation(operation);
    if (checked.kind === "execute") return this.execute(checked.sql, checked.params);
    if (checked.kind === "custom") requireCustomDefinition(checked.name);
    return this.#run(checked);
  }

  #run(operation: SchemaOperation | CustomOperation): Promise<void> {
    return this.#tracker.track(() => runOperation(this.#context, operation));
  }

  /**
   * Create a table, in either form of `buildTable`: a list of named columns
   * (`op.column("id", op.type.integer(), { primaryKey: true })`) mixed with table
   * elements (`op.index`, `op.unique`, `op.foreignKey`, ...), or an object of
   * column builders whose keys name them, with an optional callback returning
   * table elements. Options: `schema`, `comment`, `mysql`, `ifNotExists`.
   * Unnamed constraints are named by the naming convention of env.ts's
   * `targetMetadata`. PostgreSQL enum types its columns use are created first
   * when missing. Returns the table (usable with `op.bulkInsert`).
   *
   * @example
   * ```ts
   * const roles = await op.createTable("roles", [
   *   op.column("id", op.type.integer(), { primaryKey: true }),
   *   op.column("name", op.type.string(50), { nullable: false, unique: true }),
   * ], { comment: "user roles" });
   * await op.createTable("tags", { id: op.column.integer().primaryKey(), label: op.column.text() });
   * ```
   */
  createTable(name: string, elements: readonly (ColumnBuilder | TableElement)[], options?: CreateTableOptions): Promise<Table>;
  createTable<C extends ColumnBuilders>(
    name: string,
    columns: C,
    extras?: ((c: ColumnRefs<C>) => readonly TableElement[]) | CreateTableOptions,
    options?: CreateTableOptions,
  ): Promise<Table>;
  createTable(
    name: string,
    columns: ColumnBuilders | readonly (ColumnBuilder | TableElement)[],
    extrasOrOptions?: ((c: ColumnRefs<ColumnBuilders>) => readonly TableElement[]) | CreateTableOptions,
    maybeOptions?: CreateTableOptions,
  ): Promise<Table> {
    const extras = typeof extrasOrOptions === "function" ? extrasOrOptions : undefined;
    checkOptionKeys<CreateTableOptions>("op.createTable", typeof extrasOrOptions === "function" ? maybeOptions : extrasOrOptions, {
      schema: true, comment: true, mysql: true, dialectOptions: true, rowLevelSecurity: true, policies: true, namingConvention: true, maxIdentifierLength: true, ifNotExists: true,
    });
    const { ifNotExists, ...options } = (typeof extrasOrOptions === "function" ? maybeOptions : extrasOrOptions) ?? {};
    const buildOptions = { ...options, namingConvention: { ...this.namingConvention, ...(options.namingConvention ?? {}) } };
    const table = Array.isArray(columns)
      ? buildTable(name, columns as readonly (ColumnBuilder | TableElement)[], buildOptions)
      : extras
        ? buildTable(name, columns as ColumnBuilders, extras, buildOptions)
        : buildTable(name, columns as ColumnBuilders, buildOptions);
    const operations: SchemaOperation[] = [
      ...enumTypesOf(table.columns).map((enumType) => operation("createEnum", { enum: enumType, ifNotExists: true })),
      operation("createTable", { table, ifNotExists }),
    ];
    return this.#tracker.track(async () => {
      for (const operation of operations) await this.#context.run(operation);
      return table;
    });
  }

  /**
   * Drop a table. Pass `table` (its definition) to make the operation reversible.
   *
   * @example
   * ```ts
   * await op.dropTable("roles");
   * ```
   */
  dropTable(name: string, options: { readonly schema?: string; readonly ifExists?: boolean; readonly table?: Table } = {}): Promise<void> {
    checkOptionKeys("op.dropTable", options, { schema: true, ifExists: true, table: true });
    return this.#run(operation("dropTable", { name, ...options }));
  }

  /**
   * Rename a table.
   *
   * @example
   * ```ts
   * await op.renameTable("user", "users");
   * ```
   */
  renameTable(name: string, newName: string, options: { readonly schema?: string } = {}): Promise<void> {
    checkOptionKeys("op.renameTable", options, { schema: true });
    return this.#run(operation("renameTable", { name, newName, ...options }));
  }

  /**
   * Add a column. A column-level `references()` is added as a separate foreign
   * key constraint, `unique()` as a unique constraint and `index()` as an index,
   * named by the naming convention when unnamed.
   *
   * @example
   * ```ts
   * await op.addColumn("users", op.column("nickname", op.type.string(50)));
   * ```
   */
  addColumn(table: string, column: ColumnInput, options: { readonly schema?: string; readonly ifNotExists?: boolean } = {}): Promise<void> {
    checkOptionKeys("op.addColumn", options, { schema: true, ifNotExists: true });
    const parts = columnParts(table, column, { namingConvention: this.namingConvention, ...(options.schema === undefined ? {} : { schema: options.schema }) });
    const schema = options.schema === undefined ? {} : { schema: options.schema };
    const operations: SchemaOperation[] = [
      ...enumTypesOf([parts.column]).map((enumType) => operation("createEnum", { enum: enumType, ifNotExists: true })),
      operation("addColumn", { table, column: parts.column, ...options }),
      ...parts.uniques.map((unique) => this.#constraintOperation(table, options.schema, { type: "unique", ...unique }, null)),
      ...parts.indexes.map((index) => operation("createIndex", { table, ...schema, index })),
      ...parts.foreignKeys.map((fk) => this.#constraintOperation(table, options.schema, { type: "foreignkey", ...fk }, null)),
    ];
    // one tracked operation, so a missing await is caught however many statements it takes
    return this.#tracker.track(async () => {
      for (const operation of operations) await this.#context.run(operation);
    });
  }

  /**
   * Drop a column. Pass `column` (its definition) to make the operation reversible.
   *
   * @example
   * ```ts
   * await op.dropColumn("users", "nickname");
   * ```
   */
  dropColumn(table: string, name: string, options: { readonly schema?: string; readonly ifExists?: boolean; readonly column?: Column } = {}): Promise<void> {
    checkOptionKeys("op.dropColumn", options, { schema: true, ifExists: true, column: true });
    return this.#run(operation("dropColumn", { table, name, ...options }));
  }

  /**
   * Change a column: `nullable`, `type` (with PostgreSQL `using`), `serverDefault`
   * (`null` drops it), `newName`, `comment` (`null` drops it), `autoincrement`.
   * The `existing*` options describe the column before the change: MySQL needs
   * them to restate the column, and the reverse needs them.
   *
   * @example
   * ```ts
   * await op.alterColumn("users", "email", { nullable: false, existingType: op.type.string(255) });
   * await op.alterColumn("users", "age", { type: op.type.bigint(), using: "age::bigint" });
   * ```
   */
  alterColumn(table: string, name: string, options: AlterColumnOptions): Promise<void> {
    checkOptionKeys("op.alterColumn", options, ALTER_COLUMN_KEYS);
    return this.#run(alterColumnOperation(table, name, options));
  }

  /**
   * Create an index on columns (names) or expressions (`op.expr`/`{ expression }`).
   * An unnamed index (`null`) is named by the naming convention.
   *
   * @example
   * ```ts
   * await op.createIndex("ix_users_email", "users", ["email"], { unique: true });
   * await op.createIndex("ix_users_lower_email", "users", [{ expression: "lower(email)" }]);
   * ```
   */
  createIndex(name: ConstraintName | null, table: string, columns: readonly IndexColumnInput[], options: CreateIndexOptions = {}): Promise<void> {
    checkOptionKeys("op.createIndex", options, CREATE_INDEX_KEYS);
    return this.#run(createIndexOperation(this.namingConvention, name, table, columns, options));
  }

  /**
   * Drop an index (`table` is required on MySQL).
   *
   * @example
   * ```ts
   * await op.dropIndex("ix_users_email", { table: "users" });
   * ```
   */
  dropIndex(name: ConstraintName, options: { readonly table?: string; readonly schema?: string; readonly ifExists?: boolean; readonly concurrently?: boolean; readonly index?: Index } = {}): Promise<void> {
    checkOptionKeys("op.dropIndex", options, { table: true, schema: true, ifExists: true, concurrently: true, index: true });
    return this.#run(operation("dropIndex", { name: String(name), ...options }));
  }

  /**
   * Add a unique constraint (named by the `uq` convention when `name` is null).
   *
   * @example
   * ```ts
   * await op.createUniqueConstraint("uq_users_email", "users", ["email"]);
   * ```
   */
  createUniqueConstraint(
    name: ConstraintName | null,
    table: string,
    columns: readonly string[],
    options: { readonly schema?: string; readonly deferrable?: boolean; readonly initially?: "deferred" | "immediate"; readonly nullsNotDistinct?: boolean } = {},
  ): Promise<void> {
    checkOptionKeys("op.createUniqueConstraint", options, { schema: true, deferrable: true, initially: true, nullsNotDistinct: true });
    const { schema, ...rest } = options;
    return this.#addConstraint(table, schema, { type: "unique", ...(name === null ? {} : { name: nameText(name) }), columns, ...rest }, name);
  }

  /**
   * Add a PostgreSQL exclusion constraint: `elements` pairs an SQL expression
   * (or a column name) with the operator rows are compared by; no two rows may
   * satisfy every pair. A third item names an operator class other than the
   * type's default (`["room_id", "=", "gist_int4_ops"]`). `using` is the index
   * method (`gist` unless given).
   *
   * @example
   * ```ts
   * await op.createExcludeConstraint("no_double_booking", "bookings", [["room_id", "="], ["during", "&&"]], { using: "gist" });
   * ```
   */
  createExcludeConstraint(
    name: ConstraintName | null,
    table: string,
    elements: readonly ExcludeElementArgument[],
    options: ExcludeConstraintOptions = {},
  ): Promise<void> {
    checkOptionKeys("op.createExcludeConstraint", options, EXCLUDE_CONSTRAINT_KEYS);
    const { schema, ...rest } = options;
    return this.#addConstraint(table, schema, excludeConstraint(name, table, elements, rest), name);
  }

  /**
   * Add a foreign key from `localColumns` of `sourceTable` to `remoteColumns` of `referentTable`.
   *
   * @example
   * ```ts
   * await op.createForeignKey("fk_posts_author", "posts", "users", ["author_id"], ["id"], { onDelete: "cascade" });
   * ```
   */
  createForeignKey(
    name: ConstraintName | null,
    sourceTable: string,
    referentTable: string,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    options: CreateForeignKeyOptions = {},
  ): Promise<void> {
    checkOptionKeys("op.createForeignKey", options, CREATE_FOREIGN_KEY_KEYS);
    const { sourceSchema, referentSchema, ...rest } = options;
    const constraint: Constraint = {
      type: "foreignkey",
      ...(name === null ? {} : { name: nameText(name) }),
      columns: localColumns,
      refTable: referentTable,
      ...(referentSchema === undefined ? {} : { refSchema: referentSchema }),
      refColumns: remoteColumns,
      ...rest,
    };
    return this.#addConstraint(sourceTable, sourceSchema, constraint, name);
  }

  /**
   * Add a check constraint; `condition` is SQL.
   *
   * @example
   * ```ts
   * await op.createCheckConstraint("ck_users_age", "users", "age >= 0");
   * ```
   */
  createCheckConstraint(name: ConstraintName | null, table: string, condition: string | SqlExpression, options: { readonly schema?: string } = {}): Promise<void> {
    checkOptionKeys("op.createCheckConstraint", options, { schema: true });
    return this.#addConstraint(table, options.schema, { type: "check", ...(name === null ? {} : { name: nameText(name) }), sql: sqlText(condition) }, name);
  }

  /**
   * Add a primary key.
   *
   * @example
   * ```ts
   * await op.createPrimaryKey("pk_tags", "tags", ["id"]);
   * ```
   */
  createPrimaryKey(name: ConstraintName | null, table: string, columns: readonly string[], options: { readonly schema?: string } = {}): Promise<void> {
    checkOptionKeys("op.createPrimaryKey", options, { schema: true });
    return this.#addConstraint(table, options.schema, { type: "primary", ...(name === null ? {} : { name: nameText(name) }), columns }, name);
  }

  #addConstraint(table: string, schema: string | undefined, raw: Constraint, given: ConstraintName | null): Promise<void> {
    return this.#run(this.#constraintOperation(table, schema, raw, given));
  }

  #constraintOperation(table: string, schema: string | undefined, raw: Constraint, given: ConstraintName | null): AddConstraint {
    // A final name (op.f) stays as it is; a plain one may be wrapped by a %(constraint_name)s convention.
    const constraint = given instanceof FinalName ? raw : nameConstraint(this.namingConvention, table, raw);
    const named = constraint.name === undefined ? { ...constraint, name: fallbackName(this.namingConvention, table, constraint) } : constraint;
    return operation("addConstraint", { table, schema, constraint: named });
  }

  /**
   * Drop a constraint by name; `type` (`"foreignkey"`, `"primary"`, `"unique"`,
   * `"check"`) is required on MySQL.
   *
   * @example
   * ```ts
   * await op.dropConstraint("uq_users_email", "users", { type: "unique" });
   * ```
   */
  dropConstraint(
    name: ConstraintName,
    table: string,
    options: { readonly type?: Constraint["type"]; readonly schema?: string; readonly ifExists?: boolean; readonly constraint?: Constraint } = {},
  ): Promise<void> {
    checkOptionKeys("op.dropConstraint", options, { type: true, schema: true, ifExists: true, constraint: true });
    return this.#run(operation("dropConstraint", { table, name: nameText(name), ...options, type: options.type ?? options.constraint?.type }));
  }

  /**
   * Set a table's comment.
   *
   * @example
   * ```ts
   * await op.createTableComment("users", "people who sign in", { existingComment: null });
   * ```
   */
  createTableComment(table: string, comment: string, options: { readonly existingComment?: string | null; readonly schema?: string } = {}): Promise<void> {
    checkOptionKeys("op.createTableComment", options, { existingComment: true, schema: true });
    return this.#run(operation("tableComment", { table, comment, ...options }));
  }

  /**
   * Remove a table's comment.
   *
   * @example
   * ```ts
   * await op.dropTableComment("users", { existingComment: "people who sign in" });
   * ```
   */
  dropTableComment(table: string, options: { readonly existingComment?: string | null; readonly schema?: string } = {}): Promise<void> {
    checkOptionKeys("op.dropTableComment", options, { existingComment: true, schema: true });
    return this.#run(operation("tableComment", { table, comment: null, ...options }));
  }

  /**
   * Change a table's options for particular databases, one bag per database
   * (MySQL/MariaDB: `engine`, `charset`, `collate`, `rowFormat`); a database
   * applies its own bag and ignores the others'. `existing` (the same keys as
   * they were) lets the downgrade restore them.
   *
   * @example
   * ```ts
   * await op.alterTableOptions("events", { mysql: { rowFormat: "COMPRESSED" } }, { existing: { mysql: { rowFormat: "DYNAMIC" } } });
   * ```
   */
  alterTableOptions(table: string, options: DialectOptions, extra: { readonly existing?: DialectOptions; readonly schema?: string } = {}): Promise<void> {
    checkOptionKeys("op.alterTableOptions", extra, { existing: true, schema: true });
    return this.#run(operation("alterTableOptions", { table, options, ...extra }));
  }

  /**
   * Create a PostgreSQL enum type, from a name and values or from an enum type
   * (`op.type.enumType(...)`).
   *
   * @example
   * ```ts
   * await op.createEnum("mood", ["sad", "ok", "happy"]);
   * ```
   */
  createEnum(nameOrType: string | EnumType, values?: readonly string[], options: { readonly schema?: string; readonly ifNotExists?: boolean } = {}): Promise<void> {
    checkOptionKeys("op.createEnum", options, { schema: true, ifNotExists: true });
    const source = typeof nameOrType === "string" ? types.enumType(nameOrType, values ?? [], options.schema === undefined ? {} : { schema: options.schema }) : nameOrType;
    const enumType: EnumType = { name: source.name, values: source.values, ...(source.schema === undefined ? {} : { schema: source.schema }) };
    return this.#run(operation("createEnum", { enum: enumType, ifNotExists: options.ifNotExists }));
  }

  /**
   * Drop a PostgreSQL enum type.
   *
   * @example
   * ```ts
   * await op.dropEnum("mood");
   * ```
   */
  dropEnum(name: string, options: { readonly schema?: string; readonly ifExists?: boolean; readonly enum?: EnumType } = {}): Promise<void> {
    checkOptionKeys("op.dropEnum", options, { schema: true, ifExists: true, enum: true });
    return this.#run(operation("dropEnum", { name, ...options }));
  }

  /**
   * Add a value to a PostgreSQL enum type, optionally `before` or `after` another.
   *
   * @example
   * ```ts
   * await op.addEnumValue("mood", "meh", { after: "sad" });
   * ```
   */
  addEnumValue(name: string, value: string, options: { readonly before?: string; readonly after?: string; readonly ifNotExists?: boolean; readonly schema?: string } = {}): Promise<void> {
    checkOptionKeys("op.addEnumValue", options, { before: true, after: true, ifNotExists: true, schema: true });
    if (options.before !== undefined && options.after !== undefined) {
      throw new AthanorError(`addEnumValue("${name}", "${value}"): give before or after, not both`);
    }
    return this.#run(operation("addEnumValue", { name, value, ...options }));
  }

  /**
   * Remove a value from a PostgreSQL enum type (what PostgreSQL's ALTER TYPE
   * cannot do): the type is made again without the value and each column of
   * the type (or an array of it) converted, defaults kept. Refused, naming the
   * column, while a row holds the value. `before` / `after` say where it stood,
   * for the reverse.
   *
   * @example
   * ```ts
   * await op.dropEnumValue("mood", "meh", { after: "sad" });
   * ```
   */
  dropEnumValue(name: string, value: string, options: { readonly before?: string; readonly after?: string; readonly schema?: string } = {}): Promise<void> {
    checkOptionKeys("op.dropEnumValue", options, { before: true, after: true, schema: true });
    return this.#run(operation("dropEnumValue", { name, value, ...options }));
  }

  /**
   * Rename a value of a PostgreSQL enum type.
   *
   * @example
   * ```ts
   * await op.renameEnumValue("mood", "ok", "fine");
   * ```
   */
  renameEnumValue(name: string, from: string, to: string, options: { readonly schema?: string } = {}): Promise<void> {
    checkOptionKeys("op.renameEnumValue", options, { schema: true });
    return this.#run(operation("renameEnumValue", { name, from, to, ...options }));
  }

  /**
   * Create a view from its query. Create it after the tables and views it reads.
   *
   * @example
   * ```ts
   * await op.createView("active_users", "SELECT id, email FROM users WHERE active", { checkOption: "local" });
   * ```
   */
  createView(name: string, definition: string | SqlExpression, options: ViewDeclarationOptions = {}): Promise<void> {
    checkOptionKeys("op.createView", options, VIEW_KEYS);
    return this.#run(operation("createView", { view: buildView(name, definition, options, false) }));
  }

  /**
   * Give a view a new query (or options). `existing`, the view as it was,
   * makes the change reversible. PostgreSQL and SQLite drop and create the
   * view, so drop the views that read it first; MySQL replaces it in place.
   * `materialized: true` replaces a PostgreSQL materialized view (with its
   * `tablespace`, `using` and `with` options).
   *
   * @example
   * ```ts
   * await op.replaceView("active_users", "SELECT id, email, name FROM users WHERE active", {
   *   existing: { name: "active_users", definition: "SELECT id, email FROM users WHERE active" },
   * });
   * ```
   */
  replaceView(
    name: string,
    definition: string | SqlExpression,
    options: ViewDeclarationOptions & MaterializedViewDeclarationOptions & { readonly existing?: View; readonly materialized?: boolean } = {},
  ): Promise<void> {
    checkOptionKeys("op.replaceView", options, { ...VIEW_KEYS, existing: true, materialized: true, withNoData: true, tablespace: true, using: true, with: true });
    const { existing, materialized, ...rest } = options;
    return this.#run(operation("replaceView", { view: buildView(name, definition, rest, materialized === true), existing }));
  }

  /**
   * Drop a view; `view`, the view as it was, makes the drop reversible.
   *
   * @example
   * ```ts
   * await op.dropView("active_users", { ifExists: true });
   * ```
   */
  dropView(name: string, options: { readonly schema?: string; readonly ifExists?: boolean; readonly view?: View } = {}): Promise<void> {
    checkOptionKeys("op.dropView", options, { schema: true, ifExists: true, view: true });
    return this.#run(operation("dropView", { name, ...options }));
  }

  /**
   * Create a PostgreSQL materialized view (filled at once, or `WITH NO DATA`),
   * with its `tablespace`, access method (`using`) and storage parameters (`with`) if given.
   *
   * @example
   * ```ts
   * await op.createMaterializedView("order_totals", "SELECT customer_id, sum(total) AS total FROM orders GROUP BY customer_id", { with: { fillfactor: 70 } });
   * ```
   */
  createMaterializedView(name: string, definition: string | SqlExpression, options: MaterializedViewDeclarationOptions = {}): Promise<void> {
    checkOptionKeys("op.createMaterializedView", options, { schema: true, withNoData: true, tablespace: true, using: true, with: true });
    return this.#run(operation("createView", { view: buildView(name, definition, options, true) }));
  }

  /**
   * Drop a PostgreSQL materialized view; `view` makes the drop reversible.
   *
   * @example
   * ```ts
   * await op.dropMaterializedView("order_totals");
   * ```
   */
  dropMaterializedView(name: string, options: { readonly schema?: string; readonly ifExists?: boolean; readonly view?: View } = {}): Promise<void> {
    checkOptionKeys("op.dropMaterializedView", options, { schema: true, ifExists: true, view: true });
    return this.#run(operation("dropView", { name, materialized: true, ...options }));
  }

  /**
   * Refresh a PostgreSQL materialized view (`CONCURRENTLY` needs a unique index on it).
   *
   * @example
   * ```ts
   * await op.refreshMaterializedView("order_totals", { concurrently: true });
   * ```
   */
  refreshMaterializedView(name: string, options: { readonly schema?: string; readonly concurrently?: boolean } = {}): Promise<void> {
    checkOptionKeys("op.refreshMaterializedView", options, { schema: true, concurrently: true });
    return this.#run(operation("refreshMaterializedView", { name, ...options }));
  }

  /**
   * PostgreSQL: switch row-level security on for a table (`ALTER TABLE ...
   * ENABLE ROW LEVEL SECURITY`); with `force`, also for the table's owner.
   * `existingEnabled` / `existingForce` (default false) say how it was, for the downgrade.
   *
   * @example
   * ```ts
   * await op.enableRowLevelSecurity("documents", { force: true });
   * ```
   */
  enableRowLevelSecurity(
    table: string,
    options: { readonly force?: boolean; readonly schema?: string; readonly existingEnabled?: boolean; readonly existingForce?: boolean } = {},
  ): Promise<void> {
    checkOptionKeys("op.enableRowLevelSecurity", options, { force: true, schema: true, existingEnabled: true, existingForce: true });
    return this.#run(
      operation("rowLevelSecurity", {
        table,
        schema: options.schema,
        enabled: true,
        force: options.force === true,
        existing: { enabled: options.existingEnabled === true, force: options.existingForce === true },
      }),
    );
  }

  /**
   * PostgreSQL: switch row-level security off for a table (`DISABLE ROW LEVEL
   * SECURITY`, `NO FORCE ROW LEVEL SECURITY`). `existingForce` (default false)
   * says whether it was forced, for the downgrade.
   *
   * @example
   * ```ts
   * await op.disableRowLevelSecurity("documents");
   * ```
   */
  disableRowLevelSecurity(
    table: string,
    options: { readonly schema?: string; readonly existingEnabled?: boolean; readonly existingForce?: boolean } = {},
  ): Promise<void> {
    checkOptionKeys("op.disableRowLevelSecurity", options, { schema: true, existingEnabled: true, existingForce: true });
    return this.#run(
      operation("rowLevelSecurity", {
        table,
        schema: options.schema,
        enabled: false,
        force: false,
        existing: { enabled: options.existingEnabled !== false, force: options.existingForce === true },
      }),
    );
  }

  /**
   * PostgreSQL: create a row-level security policy on a table. `as` is
   * `permissive` (default) or `restrictive`; `for` one of `all` (default),
   * `select`, `insert`, `update`, `delete`; `to` role names (default `public`);
   * `using` and `withCheck` SQL conditions.
   *
   * @example
   * ```ts
   * await op.createPolicy("owner_reads", "documents", { for: "select", to: ["app_user"], using: "owner_id = current_user_id()" });
   * ```
   */
  createPolicy(name: string, table: string, options: Omit<Policy, "name"> & { readonly schema?: string } = {}): Promise<void> {
    checkOptionKeys("op.createPolicy", options, { as: true, for: true, to: true, using: true, withCheck: true, schema: true });
    const { schema, ...policy } = options;
    return this.#run(operation("createPolicy", { table, schema, policy: { name, ...withoutUndefined(policy) } }));
  }

  /**
   * PostgreSQL: drop a policy of a table. Pass `policy` (its definition) to make the operation reversible.
   *
   * @example
   * ```ts
   * await op.dropPolicy("owner_reads", "documents");
   * ```
   */
  dropPolicy(name: string, table: string, options: { readonly schema?: string; readonly ifExists?: boolean; readonly policy?: Policy } = {}): Promise<void> {
    checkOptionKeys("op.dropPolicy", options, { schema: true, ifExists: true, policy: true });
    return this.#run(operation("dropPolicy", { name, table, ...options }));
  }

  /**
   * PostgreSQL, MariaDB: create a standalone sequence. Options: `type` (`smallint`,
   * `integer`, `bigint`), `start`, `increment`, `minValue`, `maxValue`, `cache`,
   * `cycle`, `ownedBy: { table, column }`, `schema`, `ifNotExists`. MariaDB
   * refuses a `type` other than bigint and `ownedBy`; a MySQL server refuses it.
   *
   * @example
   * ```ts
   * await op.createSequence("invoice_numbers", { start: 1000, increment: 1, cache: 10 });
   * ```
   */
  createSequence(name: string, options: Omit<Sequence, "name"> & { readonly ifNotExists?: boolean } = {}): Promise<void> {
    checkOptionKeys("op.createSequence", options, { ...SEQUENCE_OPTION_KEYS, schema: true, type: true, ownedBy: true, ifNotExists: true });
    const { ifNotExists, ...sequence } = options;
    return this.#run(operation("createSequence", { sequence: { name, ...withoutUndefined(sequence) }, ifNotExists }));
  }

  /**
   * PostgreSQL, MariaDB: drop a standalone sequence. Pass `sequence` (its definition) to make the operation reversible.
   *
   * @example
   * ```ts
   * await op.dropSequence("invoice_numbers");
   * ```
   */
  dropSequence(name: string, options: { readonly schema?: string; readonly ifExists?: boolean; readonly sequence?: Sequence } = {}): Promise<void> {
    checkOptionKeys("op.dropSequence", options, { schema: true, ifExists: true, sequence: true });
    return this.#run(operation("dropSequence", { name, ...options }));
  }

  /**
   * PostgreSQL, MariaDB: change a sequence's options (`ALTER SEQUENCE`); `existing` holds
   * the changed options as they were, for the downgrade. `restart: n` (or
   * `true`, the start value) sets the next value, which new bounds must hold;
   * the downgrade does not undo it.
   *
   * @example
   * ```ts
   * await op.alterSequence("invoice_numbers", { increment: 5, cache: 20 }, { existing: { increment: 1, cache: 10 } });
   * await op.alterSequence("ticket_numbers", { minValue: 1000, restart: 1000 }, { existing: { minValue: 1 } });
   * ```
   */
  alterSequence(name: string, changes: SequenceChanges, options: { readonly schema?: string; readonly existing?: SequenceChanges } = {}): Promise<void> {
    checkOptionKeys("op.alterSequence", changes, { ...SEQUENCE_OPTION_KEYS, type: true, ownedBy: true, restart: true });
    checkOptionKeys("op.alterSequence", options, { schema: true, existing: true });
    return this.#run(operation("alterSequence", { name, schema: options.schema, changes: withoutUndefined(changes), existing: options.existing ?? {} }));
  }

  /**
   * Insert rows. The table is a name or the table `op.createTable` returned;
   * columns are those of the table, or `columns`, or the keys of the rows.
   * `types` give column types for rendering literals when the table is a name.
   *
   * @example
   * ```ts
   * await op.bulkInsert("roles", [{ id: 1, name: "admin" }, { id: 2, name: "member" }]);
   * ```
   */
  bulkInsert(
    table: string | Table,
    rows: readonly Readonly<Record<string, unknown>>[],
    options: { readonly schema?: string; readonly columns?: readonly string[]; readonly types?: Readonly<Record<string, ColumnType>> } = {},
  ): Promise<void> {
    checkOptionKeys("op.bulkInsert", options, { schema: true, columns: true, types: true });
    const name = typeof table === "string" ? table : table.name;
    const schema = options.schema ?? (typeof table === "string" ? undefined : table.schema);
    const known = new Map<string, ColumnType>(typeof table === "string" ? [] : table.columns.map((c) => [c.name, c.type]));
    for (const [key, type] of Object.entries(options.types ?? {})) known.set(key, type);
    let names: string[];
    if (options.columns) names = [...options.columns];
    else {
      const used = new Set<string>();
      for (const row of rows) for (const key of Object.keys(row)) used.add(key);
      names = typeof table === "string" ? [...used] : table.columns.map((c) => c.name).filter((c) => used.has(c));
      for (const key of used) if (!names.includes(key)) names.push(key);
    }
    if (typeof table !== "string") {
      const unknown = names.filter((n) => !known.has(n));
      if (unknown.length > 0) throw new AthanorError(`bulkInsert("${name}"): the table has no column ${unknown.join(", ")}`);
    }
    if (rows.length === 0) return this.#tracker.track(async () => undefined);
    const columns = names.map((n) => (known.has(n) ? { name: n, type: known.get(n)! } : { name: n }));
    return this.#run(operation("bulkInsert", { table: name, schema, columns, rows }));
  }

  /**
   * Change a table through batch mode: the operations the callback queues are
   * applied at its end, as ALTER statements where the database can, or by
   * "move and copy" — create the new table, copy every row, drop the old one,
   * rename the new one — where it cannot (SQLite) or when `recreate: "always"`.
   * Offline, move and copy needs the table's definition as `copyFrom`.
   *
   * @example
   * ```ts
   * await op.batchAlterTable("users", (batch) => {
   *   batch.alterColumn("email", { nullable: false });
   *   batch.addColumn(op.column("age", op.type.integer()), { insertAfter: "email" });
   *   batch.dropConstraint("uq_users_nick", { type: "unique" });
   * });
   * ```
   */
  batchAlterTable(table: string, build: (batch: BatchOperations) => void | Promise<void>, options: BatchAlterTableOptions = {}): Promise<void> {
    checkOptionKeys("op.batchAlterTable", options, { recreate: true, copyFrom: true, namingConvention: true, schema: true });
    return this.#tracker.track(() => runBatch(this.#context, table, build, options));
  }
}

/** The named enum types the columns use (PostgreSQL creates them; elsewhere creating one is a no-op). */
function enumTypesOf(columns: readonly Column[]): EnumType[] {
  const found = new Map<string, EnumType>();
  const visit = (type: ColumnType): void => {
    if (type.kind === "enum") {
      const key = `${type.schema ?? ""}.${type.name}`;
      if (!found.has(key)) found.set(key, { name: type.name, values: type.values, ...(type.schema === undefined ? {} : { schema: type.schema }) });
    } else if (type.kind === "array") visit(type.of);
  };
  for (const column of columns) visit(column.type);
  return [...found.values()];
}

/** An object without its `undefined` fields. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
