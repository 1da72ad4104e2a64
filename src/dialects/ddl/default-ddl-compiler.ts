import type {
  AddColumn,
  AddConstraint,
  AddEnumValue,
  DropEnumValue,
  AlterColumn,
  AlterTableOptions,
  BulkInsert,
  Constraint,
  CreateEnum,
  CreateIndex,
  CreateTable,
  CreateView,
  DdlCompiler,
  DropColumn,
  DropConstraint,
  DropEnum,
  DropIndex,
  DropTable,
  DropView,
  RefreshMaterializedView,
  ReplaceView,
  ViewOption,
  RenameEnumValue,
  RenameTable,
  SchemaOperation,
  TableComment,
  SetRowLevelSecurity,
  CreatePolicy,
  DropPolicy,
  CreateSequence,
  DropSequence,
  AlterSequence,
} from "../contract/index.js";
import type {
  CheckConstraint,
  Column,
  ColumnType,
  ExcludeConstraint,
  ForeignKey,
  Identity,
  Index,
  PrimaryKey,
  SequenceOptions,
  SequenceValue,
  ServerDefault,
  Table,
  UniqueConstraint,
  View,
} from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";
import type { Dialect } from "../contract/index.js";
import { insertLiteral, multiRowInserts } from "../bulk-insert.js";
import { assertForeignKeyColumns } from "../foreign-key.js";
import { referentialAction } from "./referential-actions.js";

/** The part of a dialect a DDL compiler needs: quoting and literals. */
export type QuotingDialect = Pick<Dialect, "quoteIdentifier" | "quoteTable" | "literal"> & {
  /**
   * Literals inside DDL (comments, defaults, enum labels), for a database whose
   * DDL takes only plain strings where rows take more (MySQL); `literal` when absent.
   */
  readonly ddlLiteral?: (value: unknown) => string;
};

/** What a CREATE INDEX may ask for besides the index itself. */
export type IndexOptions = Pick<CreateIndex, "ifNotExists" | "concurrently">;

/**
 * The DDL every database shares, written once: standard SQL for each schema
 * operation, one protected method per operation kind, each built from small
 * fragments (column spec, defaults, constraints, indexes, comments, inserted
 * values) that a database overrides where its SQL differs. Identifiers are
 * quoted and literals written by the dialect the compiler is built with.
 *
 * What the standard lacks is decided here once: an enum is a column type
 * written out in each column (no type to create or drop), comments are
 * `COMMENT ON` statements, index methods, `INCLUDE` and `USING` conversions are
 * refused, building an index without blocking writes is ignored.
 *
 * @example
 * ```ts
 * class MyDdlCompiler extends DefaultDdlCompiler {
 *   protected readonly database = "MyDB";
 *   renderType(type: ColumnType): string { return renderMyType(type); }
 * }
 * new MyDdlCompiler(myDialect).compile({ kind: "dropTable", name: "users" }); // ['DROP TABLE "users"']
 * ```
 */
export abstract class DefaultDdlCompiler implements DdlCompiler {
  readonly #dialect: QuotingDialect;

  /** The database's name as messages give it, e.g. `PostgreSQL`. */
  protected abstract readonly database: string;

  constructor(dialect: QuotingDialect) {
    this.#dialect = dialect;
  }

  /** The SQL spelling of a column type on this database, e.g. `varchar(255)`. */
  abstract renderType(type: ColumnType): string;

  compile(operation: SchemaOperation): string[] {
    switch (operation.kind) {
      case "createTable":
        return this.createTable(operation);
      case "dropTable":
        return this.dropTable(operation);
      case "renameTable":
        return this.renameTable(operation);
      case "addColumn":
        return this.addColumn(operation);
      case "dropColumn":
        return this.dropColumn(operation);
      case "alterColumn":
        if (operation.changes.identity !== undefined) this.checkIdentityChange(operation);
        return this.alterColumn(operation);
      case "createIndex":
        return this.createIndex(operation);
      case "dropIndex":
        return this.dropIndex(operation);
      case "addConstraint":
        return this.addConstraint(operation);
      case "dropConstraint":
        return this.dropConstraint(operation);
      case "tableComment":
        return this.tableComment(operation);
      case "alterTableOptions":
        return this.alterTableOptions(operation);
      case "createEnum":
        return this.createEnum(operation);
      case "dropEnum":
        return this.dropEnum(operation);
      case "addEnumValue":
        return this.addEnumValue(operation);
      case "dropEnumValue":
        return this.dropEnumValue(operation);
      case "renameEnumValue":
        return this.renameEnumValue(operation);
      case "bulkInsert":
        return this.bulkInsert(operation);
      case "rowLevelSecurity":
        return this.rowLevelSecurity(operation);
      case "createPolicy":
        return this.createPolicy(operation);
      case "dropPolicy":
        return this.dropPolicy(operation);
      case "createSequence":
        return this.createSequence(operation);
      case "dropSequence":
        return this.dropSequence(operation);
      case "alterSequence":
        return this.alterSequence(operation);
      case "createView":
        return this.createView(operation);
      case "replaceView":
        return this.replaceView(operation);
      case "dropView":
        return this.dropView(operation);
      case "refreshMaterializedView":
        return this.refreshMaterializedView(operation);
      default: {
        const unknown: never = operation;
        throw new AthanorError(`Unknown schema operation ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
      }
    }
  }

  // --- one method per operation kind ---------------------------------------------------------

  /** The table with its columns and constraints, then its indexes, then its comments. */
  protected createTable(operation: CreateTable): string[] {
    const table = operation.table;
    if ((table.policies?.length ?? 0) > 0 || table.rowLevelSecurity?.enabled === true || table.rowLevelSecurity?.force === true) {
      throw new AthanorError(`createTable ${JSON.stringify(table.name)}: ${this.database} has no row-level security or policies; they exist on PostgreSQL only`, {
        hint: "leave rowLevelSecurity and policies out of this database's tables",
      });
    }
    if (table.columns.length === 0) {
      throw new AthanorError(`Table ${JSON.stringify(table.name)} has no columns`, { hint: "a table needs at least one column" });
    }
    const name = this.table(table.name, table.schema);
    const elements = this.tableElements(table);
    const options = this.tableOptions(table);
    const statements = [
      `CREATE TABLE ${operation.ifNotExists ? "IF NOT EXISTS " : ""}${name} (\n  ${elements.join(",\n  ")}\n)${options ? ` ${options}` : ""}`,
    ];
    const indexOptions = this.tableIndexOptions(operation);
    for (const index of table.indexes) statements.push(this.indexStatement(index, table.name, table.schema, indexOptions));
    statements.push(...this.tableComments(table));
    return statements;
  }

  protected dropTable(operation: DropTable): string[] {
    return [`DROP TABLE ${operation.ifExists ? "IF EXISTS " : ""}${this.table(operation.name, operation.schema)}`];
  }

  protected renameTable(operation: RenameTable): string[] {
    // The new name stays in the table's schema and cannot be qualified.
    return [`ALTER TABLE ${this.table(operation.name, operation.schema)} RENAME TO ${this.id(operation.newName)}`];
  }

  protected addColumn(operation: AddColumn): string[] {
    const table = this.table(operation.table, operation.schema);
    const statements = [`ALTER TABLE ${table} ADD COLUMN ${operation.ifNotExists ? "IF NOT EXISTS " : ""}${this.columnSpec(operation.column)}`];
    if (operation.column.comment !== undefined) {
      statements.push(...this.commentStatements(`COLUMN ${table}.${this.id(operation.column.name)}`, operation.column.comment));
    }
    return statements;
  }

  protected dropColumn(operation: DropColumn): string[] {
    return [
      `ALTER TABLE ${this.table(operation.table, operation.schema)} DROP COLUMN ${operation.ifExists ? "IF EXISTS " : ""}${this.id(operation.name)}`,
    ];
  }

  /** One statement per aspect: type first (a conversion may rely on the old state), rename last. */
  protected alterColumn(operation: AlterColumn): string[] {
    const { changes } = operation;
    const table = this.table(operation.table, operation.schema);
    const column = this.id(operation.name);
    const alter = `ALTER TABLE ${table} ALTER COLUMN ${column}`;
    const statements = this.alterColumnType(operation, alter);
    if (changes.onUpdate !== undefined && changes.onUpdate !== null) this.onUpdateClause(operation.name, changes.onUpdate);
    if (changes.onUpdate === null) {
      throw new AthanorError(`alterColumn ${JSON.stringify(operation.name)}: ${this.database} has no ON UPDATE clause to remove (MySQL's)`, {
        hint: "drop the onUpdate option for this database",
      });
    }
    if (changes.nullable !== undefined) statements.push(`${alter} ${changes.nullable ? "DROP" : "SET"} NOT NULL`);
    if (changes.autoincrement !== undefined) statements.push(...this.alterAutoincrement(operation, changes.autoincrement));
    if (changes.serverDefault !== undefined) {
      const type = changes.type ?? operation.existing.type;
      statements.push(changes.serverDefault === null ? `${alter} DROP DEFAULT` : `${alter} SET DEFAULT ${this.serverDefault(changes.serverDefault, type)}`);
    }
    if (changes.comment !== undefined) statements.push(...this.commentStatements(`COLUMN ${table}.${column}`, changes.comment));
    if (changes.newName !== undefined && changes.newName !== operation.name) {
      statements.push(`ALTER TABLE ${table} RENAME COLUMN ${column} TO ${this.id(changes.newName)}`);
    }
    return statements;
  }

  protected createIndex(operation: CreateIndex): string[] {
    return [this.indexStatement(operation.index, operation.table, operation.schema, operation)];
  }

  protected dropIndex(operation: DropIndex): string[] {
    // An index lives in its table's schema.
    return [`DROP INDEX ${operation.ifExists ? "IF EXISTS " : ""}${this.table(operation.name, operation.schema)}`];
  }

  protected addConstraint(operation: AddConstraint): string[] {
    return [`ALTER TABLE ${this.table(operation.table, operation.schema)} ADD ${this.constraintSpec(operation.constraint, operation.schema)}`];
  }

  protected dropConstraint(operation: DropConstraint): string[] {
    return [
      `ALTER TABLE ${this.table(operation.table, operation.schema)} DROP CONSTRAINT ${operation.ifExists ? "IF EXISTS " : ""}${this.id(operation.name)}`,
    ];
  }

  /** Table options belong to particular databases: one with none of its own ignores the others' bags. */
  protected alterTableOptions(_operation: AlterTableOptions): string[] {
    return [];
  }

  protected tableComment(operation: TableComment): string[] {
    return this.commentStatements(`TABLE ${this.table(operation.table, operation.schema)}`, operation.comment);
  }

  /** An enum is a column type written out in each column: there is no type to create. */
  protected createEnum(_operation: CreateEnum): string[] {
    return [];
  }

  /** An enum is a column type written out in each column: there is no type to drop. */
  protected dropEnum(_operation: DropEnum): string[] {
    return [];
  }

  protected addEnumValue(operation: AddEnumValue): string[] {
    return this.refuseEnumChange(operation);
  }

  protected dropEnumValue(operation: DropEnumValue): string[] {
    return this.refuseEnumChange(operation);
  }

  protected renameEnumValue(operation: RenameEnumValue): string[] {
    return this.refuseEnumChange(operation);
  }

  /** Multi-row INSERTs of literal values, `DEFAULT` for a key a row leaves out. */
  protected bulkInsert(operation: BulkInsert): string[] {
    return multiRowInserts(operation, {
      table: this.table(operation.table, operation.schema),
      id: (name) => this.id(name),
      value: (value, type) => this.insertValue(value, type),
    });
  }

  /** Changing an identity column by ALTER (its kind, its sequence options) is PostgreSQL's: refused elsewhere. */
  protected checkIdentityChange(operation: AlterColumn): void {
    throw new AthanorError(`alterColumn ${JSON.stringify(operation.name)}: ${this.database} cannot change an identity column's options by ALTER; identity options exist on PostgreSQL only`, {
      hint: "leave identity out of this alterColumn (autoincrement switches the counter on or off)",
    });
  }

  /** Row-level security is PostgreSQL's: refused elsewhere. */
  protected rowLevelSecurity(operation: SetRowLevelSecurity): string[] {
    return this.refusePostgresqlOnly(operation, "row-level security");
  }

  /** Policies are PostgreSQL's: refused elsewhere. */
  protected createPolicy(operation: CreatePolicy): string[] {
    return this.refusePostgresqlOnly(operation, "row-level security policies");
  }

  protected dropPolicy(operation: DropPolicy): string[] {
    return this.refusePostgresqlOnly(operation, "row-level security policies");
  }

  /** Standalone sequences are PostgreSQL's and MariaDB's here: refused elsewhere. */
  protected createSequence(operation: CreateSequence): string[] {
    return this.refusePostgresqlOnly(operation, "standalone sequences", "PostgreSQL and MariaDB");
  }

  protected dropSequence(operation: DropSequence): string[] {
    return this.refusePostgresqlOnly(operation, "standalone sequences", "PostgreSQL and MariaDB");
  }

  protected alterSequence(operation: AlterSequence): string[] {
    return this.refusePostgresqlOnly(operation, "standalone sequences", "PostgreSQL and MariaDB");
  }

  // --- columns ---------------------------------------------------------------------------------

  /** The column as it appears in CREATE TABLE and ADD COLUMN. */
  columnSpec(column: Column): string {
    const parts = [this.id(column.name)];
    const type = this.columnType(column);
    // An empty type is a column without a declared type (SQLite).
    if (type !== "") parts.push(type);
    if (column.collation !== undefined) parts.push(`COLLATE ${this.collation(column.collation)}`);
    const value = this.columnValue(column);
    if (value !== undefined) parts.push(value);
    if (column.onUpdate !== undefined) parts.push(this.onUpdateClause(column.name, column.onUpdate));
    if (!column.nullable) parts.push("NOT NULL");
    return parts.join(" ");
  }

  /** `ON UPDATE <sql>` of a column: MySQL's; refused here, where the database has no such clause. */
  protected onUpdateClause(column: string, _sql: string): string {
    throw new AthanorError(`Column ${JSON.stringify(column)}: ${this.database} has no ON UPDATE clause for columns (MySQL's)`, {
      hint: "drop onUpdate for this database, or keep the value current with a trigger (op.execute)",
    });
  }

  /** The type a column is declared with. */
  protected columnType(column: Column): string {
    return this.renderType(column.type);
  }

  /** Where a column's value comes from: generated, an identity, or a default (one of them). */
  protected columnValue(column: Column): string | undefined {
    if (column.computed) return this.generatedClause(column, column.computed);
    const identity = column.identity ? this.identityClause(column.identity) : undefined;
    if (identity !== undefined) return identity;
    if (column.serverDefault !== undefined) return `DEFAULT ${this.serverDefault(column.serverDefault, column.type)}`;
    return undefined;
  }

  protected generatedClause(_column: Column, computed: NonNullable<Column["computed"]>): string {
    return `GENERATED ALWAYS AS (${computed.sql}) ${computed.stored ? "STORED" : "VIRTUAL"}`;
  }

  /** The standard identity column; undefined where the database has none (its default then applies). */
  protected identityClause(identity: Identity): string | undefined {
    const options = this.sequenceOptions(identity, "identity");
    const sql = `GENERATED ${identity.always ? "ALWAYS" : "BY DEFAULT"} AS IDENTITY`;
    return options.length > 0 ? `${sql} (${options.join(" ")})` : sql;
  }

  /** `START WITH n INCREMENT BY n MINVALUE n MAXVALUE n CACHE n [NO] CYCLE`, each part when given. */
  protected sequenceOptions(options: SequenceOptions, what: string): string[] {
    const parts: string[] = [];
    if (options.start !== undefined) parts.push(`START WITH ${this.sequenceNumber(options.start, `${what} start`)}`);
    if (options.increment !== undefined) parts.push(`INCREMENT BY ${this.sequenceNumber(options.increment, `${what} increment`)}`);
    if (options.minValue !== undefined) parts.push(`MINVALUE ${this.sequenceNumber(options.minValue, `${what} minValue`)}`);
    if (options.maxValue !== undefined) parts.push(`MAXVALUE ${this.sequenceNumber(options.maxValue, `${what} maxValue`)}`);
    if (options.cache !== undefined) parts.push(`CACHE ${this.sequenceNumber(options.cache, `${what} cache`)}`);
    if (options.cycle !== undefined) parts.push(options.cycle ? "CYCLE" : "NO CYCLE");
    return parts;
  }

  /** A sequence bound as SQL: an integer, given as a number or as its decimal text. */
  protected sequenceNumber(value: SequenceValue, what: string): string {
    const text = typeof value === "number" ? (Number.isSafeInteger(value) ? String(value) : "") : String(value).trim();
    if (!/^[+-]?\d+$/.test(text)) throw new AthanorError(`The ${what} must be an integer, got ${JSON.stringify(value)}`);
    return text;
  }

  /** An operation only PostgreSQL (or the databases named in `only`) has, refused in one line. */
  protected refusePostgresqlOnly(operation: SchemaOperation, what: string, only = "PostgreSQL"): never {
    throw new AthanorError(`${operation.kind}: ${this.database} has no ${what}; the operation exists on ${only} only`, {
      hint: 'leave it out of this database\'s migrations, or run it only when op.dialect === "postgresql"',
    });
  }

  protected collation(name: string): string {
    return this.id(name);
  }

  /** A server default: an SQL expression as written, a literal through the dialect's DDL literals. */
  protected serverDefault(value: ServerDefault, _type?: ColumnType): string {
    if (value.kind === "sql") {
      if (!value.sql.trim()) throw new AthanorError("An SQL server default cannot be empty", { hint: "use a literal default for an empty string" });
      return value.sql;
    }
    return this.ddlLiteral(value.value);
  }

  /** `ALTER COLUMN ... SET DATA TYPE`, the standard's type change; a `USING` conversion and a collation change are refused. */
  protected alterColumnType(operation: AlterColumn, alter: string): string[] {
    this.refuseUsing(operation);
    if (operation.changes.collation !== undefined) {
      throw new AthanorError(`alterColumn ${JSON.stringify(operation.name)}: ${this.database} cannot change a column's collation`, {
        hint: "create a new column with the collation, copy the values and drop the old one",
      });
    }
    return operation.changes.type === undefined ? [] : [`${alter} SET DATA TYPE ${this.renderType(operation.changes.type)}`];
  }

  /** Switching auto-increment on an existing column has no standard statement. */
  protected alterAutoincrement(operation: AlterColumn, _on: boolean): string[] {
    throw new AthanorError(`alterColumn ${JSON.stringify(operation.name)}: ${this.database} cannot switch auto-increment on an existing column`, {
      hint: "create a new column with the counter, copy the values and drop the old one",
    });
  }

  protected refuseUsing(operation: AlterColumn): void {
    if (operation.changes.using === undefined) return;
    throw new AthanorError(`alterColumn ${JSON.stringify(operation.name)}: USING is PostgreSQL's; ${this.database} converts the values itself`, {
      hint: "drop the using option, or convert the values with op.execute before the type change",
    });
  }

  // --- tables ----------------------------------------------------------------------------------

  /** The columns, then the primary key, unique constraints, checks and foreign keys. */
  protected tableElements(table: Table): string[] {
    return [...table.columns.map((column) => this.columnSpec(column)), ...this.tableConstraints(table, table.primaryKey)];
  }

  /** The table's constraints as CREATE TABLE lists them; `primaryKey` undefined when a column carries it. */
  protected tableConstraints(table: Table, primaryKey: PrimaryKey | undefined): string[] {
    const elements: string[] = [];
    if (primaryKey && primaryKey.columns.length > 0) elements.push(this.constraintSpec({ type: "primary", ...primaryKey }, table.schema));
    for (const unique of table.uniques) elements.push(this.constraintSpec({ type: "unique", ...unique }, table.schema));
    for (const check of table.checks) elements.push(this.constraintSpec({ type: "check", ...check }, table.schema));
    for (const fk of table.foreignKeys) elements.push(this.constraintSpec({ type: "foreignkey", ...fk }, table.schema));
    for (const exclude of table.excludes ?? []) elements.push(this.constraintSpec({ type: "exclude", ...exclude }, table.schema));
    return elements;
  }

  /** What follows the closing parenthesis of CREATE TABLE (engine, charset, ...); empty by default. */
  protected tableOptions(_table: Table): string {
    return "";
  }

  /** With IF NOT EXISTS the whole statement list can run again, so the indexes say it too. */
  protected tableIndexOptions(operation: CreateTable): IndexOptions {
    return operation.ifNotExists ? { ifNotExists: true } : {};
  }

  /** The comments of a new table and its columns, as statements of their own. */
  protected tableComments(table: Table): string[] {
    const name = this.table(table.name, table.schema);
    const statements: string[] = [];
    if (table.comment !== undefined) statements.push(...this.commentStatements(`TABLE ${name}`, table.comment));
    for (const column of table.columns) {
      if (column.comment !== undefined) statements.push(...this.commentStatements(`COLUMN ${name}.${this.id(column.name)}`, column.comment));
    }
    return statements;
  }

  /** `COMMENT ON <target> IS ...`; `null` removes the comment. A database keeping comments inline, or none, returns nothing. */
  protected commentStatements(target: string, comment: string | null): string[] {
    return [`COMMENT ON ${target} IS ${comment === null ? "NULL" : this.string(comment)}`];
  }

  // --- constraints -----------------------------------------------------------------------------

  /** A table constraint as CREATE TABLE and ADD write it; `schema` is the table's. */
  constraintSpec(constraint: Constraint, schema?: string): string {
    const named = this.constraintName(constraint);
    switch (constraint.type) {
      case "primary":
        return `${named}PRIMARY KEY (${this.constraintColumns(constraint.columns, constraint)})`;
      case "unique":
        return `${named}${this.uniqueSpec(constraint)}`;
      case "check":
        return `${named}CHECK (${this.checkSql(constraint)})`;
      case "foreignkey":
        return `${named}FOREIGN KEY (${this.ids(constraint.columns)}) ${this.references(constraint, schema)}`;
      case "exclude":
        return `${named}${this.excludeSpec(constraint)}`;
      default: {
        const unknown: never = constraint;
        throw new AthanorError(`Unknown constraint type ${JSON.stringify((unknown as { type?: unknown }).type)}`);
      }
    }
  }

  /** `CONSTRAINT <name> ` before a named constraint. */
  protected constraintName(constraint: Constraint): string {
    return constraint.name !== undefined ? `CONSTRAINT ${this.id(constraint.name)} ` : "";
  }

  protected uniqueSpec(unique: UniqueConstraint & { readonly type: "unique" }): string {
    const deferrable = this.deferrableClause(unique);
    return `UNIQUE${this.nullsNotDistinct(unique.nullsNotDistinct, `unique constraint ${JSON.stringify(unique.name ?? unique.columns.join(", "))}`)} (${this.constraintColumns(unique.columns, unique)})${deferrable ? ` ${deferrable}` : ""}`;
  }

  /** ` NULLS NOT DISTINCT` when asked for; the standard before 2023 has none, so it is refused here. */
  protected nullsNotDistinct(asked: boolean | undefined, what?: string): string {
    if (asked !== true) return "";
    throw new AthanorError(`The ${what ?? "unique constraint"}: ${this.database} has no NULLS NOT DISTINCT`, {
      hint: "drop nullsNotDistinct for this database (a unique constraint here lets several rows hold NULL)",
    });
  }

  /** An exclusion constraint is PostgreSQL's: refused elsewhere. */
  protected excludeSpec(exclude: ExcludeConstraint & { readonly type: "exclude" }): string {
    throw new AthanorError(`The exclusion constraint ${JSON.stringify(exclude.name ?? "")}: ${this.database} has no exclusion constraints`, {
      hint: "exclusion constraints (EXCLUDE USING ...) exist on PostgreSQL only",
    });
  }

  /** `REFERENCES` and what follows it; `schema` is the referencing table's. */
  protected references(fk: ForeignKey, _schema: string | undefined): string {
    assertForeignKeyColumns(fk);
    const parts = [`REFERENCES ${this.table(fk.refTable, fk.refSchema)} (${this.ids(fk.refColumns)})`, this.matchClause(fk), ...this.referentialActions(fk)];
    parts.push(this.deferrableClause(fk));
    return parts.filter(Boolean).join(" ");
  }

  protected matchClause(fk: ForeignKey): string {
    return fk.match !== undefined ? `MATCH ${fk.match.toUpperCase()}` : "";
  }

  /** `ON DELETE ...` and `ON UPDATE ...`, each when given. */
  protected referentialActions(fk: ForeignKey): string[] {
    const actions: string[] = [];
    if (fk.onDelete !== undefined) actions.push(`ON DELETE ${referentialAction(fk.onDelete)}`);
    if (fk.onUpdate !== undefined) actions.push(`ON UPDATE ${referentialAction(fk.onUpdate)}`);
    return actions;
  }

  /** `[NOT] DEFERRABLE [INITIALLY ...]`, each part when given. */
  protected deferrableClause(item: Pick<UniqueConstraint, "deferrable" | "initially">): string {
    const parts: string[] = [];
    if (item.deferrable !== undefined) parts.push(item.deferrable ? "DEFERRABLE" : "NOT DEFERRABLE");
    if (item.initially !== undefined) parts.push(`INITIALLY ${item.initially === "deferred" ? "DEFERRED" : "IMMEDIATE"}`);
    return parts.join(" ");
  }

  protected checkSql(check: CheckConstraint): string {
    if (!check.sql.trim()) throw new AthanorError(`Check constraint ${check.name ? JSON.stringify(check.name) + " " : ""}has no condition`);
    return check.sql;
  }

  /** The quoted columns of a key, refusing a key that names none. */
  protected constraintColumns(columns: readonly string[], constraint: { readonly name?: string; readonly type: string }): string {
    if (columns.length === 0) {
      throw new AthanorError(`The ${constraint.type} constraint ${constraint.name ? JSON.stringify(constraint.name) + " " : ""}names no columns`);
    }
    return this.ids(columns);
  }

  // --- indexes ---------------------------------------------------------------------------------

  /** `CREATE [UNIQUE] INDEX <modifiers> <name> ON <table> [<method>] (<elements>)<tail>`. */
  protected indexStatement(index: Index, tableName: string, schema: string | undefined, options: IndexOptions): string {
    if (index.columns.length === 0) {
      throw new AthanorError(`Index ${JSON.stringify(index.name)} has no columns`, { hint: "index at least one column or expression" });
    }
    const head = [
      "CREATE",
      index.unique ? "UNIQUE INDEX" : "INDEX",
      ...this.indexModifiers(options),
      this.indexName(index.name, schema),
      "ON",
      this.indexTable(tableName, schema),
      this.indexMethod(index),
    ].filter(Boolean);
    const elements = index.columns.map((element) => (typeof element === "string" ? this.id(element) : this.indexExpression(element.expression, index)));
    return `${head.join(" ")} (${elements.join(", ")})${this.indexTail(index)}`;
  }

  /** Words between INDEX and the name: `IF NOT EXISTS`. */
  protected indexModifiers(options: IndexOptions): string[] {
    return options.ifNotExists ? ["IF NOT EXISTS"] : [];
  }

  protected indexName(name: string, _schema: string | undefined): string {
    return this.id(name);
  }

  protected indexTable(name: string, schema: string | undefined): string {
    return this.table(name, schema);
  }

  /** `USING <method>` after the table; no method is standard, so one given is refused. */
  protected indexMethod(index: Index): string {
    if (index.using === undefined) return "";
    throw new AthanorError(`Index ${JSON.stringify(index.name)}: ${this.database} has no index methods (USING ${index.using})`, {
      hint: `drop the using option for ${this.database}`,
    });
  }

  /** An indexed expression, in parentheses. */
  protected indexExpression(expression: string, _index: Index): string {
    return `(${expression})`;
  }

  /** What follows the elements: the partial index condition; INCLUDE columns, NULLS NOT DISTINCT and storage parameters are refused. */
  protected indexTail(index: Index): string {
    if (index.include !== undefined && index.include.length > 0) {
      throw new AthanorError(`Index ${JSON.stringify(index.name)}: ${this.database} has no INCLUDE columns`, { hint: "add the columns to the index itself" });
    }
    this.nullsNotDistinct(index.nullsNotDistinct, `index ${JSON.stringify(index.name)}`);
    this.refuseStorageParameters(index);
    return index.where !== undefined ? ` WHERE ${index.where}` : "";
  }

  /** Storage parameters (`WITH (fillfactor = 70)`) are PostgreSQL's: refused elsewhere. */
  protected refuseStorageParameters(index: Index): void {
    if (index.with === undefined || Object.keys(index.with).length === 0) return;
    throw new AthanorError(`Index ${JSON.stringify(index.name)}: ${this.database} has no index storage parameters (WITH ${Object.keys(index.with).join(", ")})`, {
      hint: `drop the with option for ${this.database}`,
    });
  }

  // --- views -----------------------------------------------------------------------------------

  protected createView(operation: CreateView): string[] {
    return [this.viewStatement(operation.view, false)];
  }

  /** Drop and create: the standard has no CREATE OR REPLACE, and PostgreSQL's cannot change a view's columns. */
  protected replaceView(operation: ReplaceView): string[] {
    const existing = operation.existing ?? operation.view;
    return [...this.dropView({ kind: "dropView", name: existing.name, ...(existing.schema === undefined ? {} : { schema: existing.schema }), materialized: existing.materialized === true, ifExists: true }), this.viewStatement(operation.view, false)];
  }

  protected dropView(operation: DropView): string[] {
    if (operation.materialized) this.refuseMaterialized(operation.name);
    return [`DROP VIEW ${operation.ifExists ? "IF EXISTS " : ""}${this.table(operation.name, operation.schema)}`];
  }

  protected refreshMaterializedView(operation: RefreshMaterializedView): string[] {
    return this.refuseMaterialized(operation.name);
  }

  /** `CREATE VIEW <name> AS <query> [WITH ... CHECK OPTION]`; options the database lacks are refused. */
  protected viewStatement(view: View, orReplace: boolean): string {
    if (view.materialized) this.refuseMaterialized(view.name);
    this.refuseViewOptions(view, ["checkOption"]);
    return `CREATE ${orReplace ? "OR REPLACE " : ""}VIEW ${this.table(view.name, view.schema)} AS ${this.viewQuery(view)}${this.checkOptionClause(view)}`;
  }

  /** The query of a view, without a trailing semicolon; an empty one is refused. */
  protected viewQuery(view: View): string {
    const query = view.definition.trim().replace(/;\s*$/, "").trim();
    if (query === "") throw new AthanorError(`View ${JSON.stringify(view.name)} has no query`, { hint: "give the view its SELECT" });
    return query;
  }

  protected checkOptionClause(view: View): string {
    return view.checkOption === undefined ? "" : ` WITH ${view.checkOption === "local" ? "LOCAL" : "CASCADED"} CHECK OPTION`;
  }

  /** Refuses the options of `view` that are not in `kept`, naming them. */
  protected refuseViewOptions(view: View, kept: readonly ViewOption[]): void {
    const given: ViewOption[] = [];
    if (view.checkOption !== undefined) given.push("checkOption");
    if (view.securityInvoker === true) given.push("securityInvoker");
    if (view.securityBarrier === true) given.push("securityBarrier");
    if (view.algorithm !== undefined) given.push("algorithm");
    const refused = given.filter((option) => !kept.includes(option));
    if (refused.length === 0) return;
    throw new AthanorError(`View ${JSON.stringify(view.name)}: ${this.database} has no view option ${refused.join(", ")}`, {
      hint: `leave ${refused.join(" and ")} out of the view for ${this.database}`,
    });
  }

  protected refuseMaterialized(name: string): never {
    throw new AthanorError(`Materialized view ${JSON.stringify(name)}: ${this.database} has no materialized views`, {
      hint: "declare a plain view, or a table filled by the migration",
    });
  }

  // --- enums, values, quoting ------------------------------------------------------------------

  protected refuseEnumChange(operation: AddEnumValue | DropEnumValue | RenameEnumValue): never {
    throw new AthanorError(`${this.database} has no named enum types: ${operation.kind} ${JSON.stringify(operation.name)} cannot be compiled`, {
      hint: "change the enum's values with alterColumn, giving the column its new enum type (and the existing one)",
    });
  }

  /** One inserted value: NULL, a JSON document as its text, anything else as the dialect writes it. */
  protected insertValue(value: unknown, type: ColumnType | undefined): string {
    return insertLiteral((v) => this.literal(v), value, type);
  }

  protected integer(value: number, what: string): string {
    if (!Number.isSafeInteger(value)) throw new AthanorError(`The ${what} must be an integer, got ${String(value)}`);
    return String(value);
  }

  /** A value as the dialect writes it in a row. */
  protected literal(value: unknown): string {
    return this.#dialect.literal(value);
  }

  /** A value inside DDL: a default, a comment, an enum label. */
  protected ddlLiteral(value: unknown): string {
    return this.#dialect.ddlLiteral ? this.#dialect.ddlLiteral(value) : this.#dialect.literal(value);
  }

  /** Text inside DDL as a string literal. */
  protected string(text: string): string {
    return this.ddlLiteral(String(text));
  }

  protected table(name: string, schema?: string | null): string {
    return this.#dialect.quoteTable(name, schema);
  }

  protected id(name: string): string {
    return this.#dialect.quoteIdentifier(name);
  }

  protected ids(names: readonly string[]): string {
    return names.map((n) => this.id(n)).join(", ");
  }
}
