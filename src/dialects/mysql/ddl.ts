import type {
  AddColumn,
  AlterColumn,
  AlterSequence,
  AlterTableOptions,
  Constraint,
  CreateSequence,
  CreateTable,
  DropColumn,
  DropSequence,
  DropConstraint,
  DropIndex,
  RenameTable,
  SchemaOperation,
  TableComment,
  ReplaceView,
} from "../contract/index.js";
import type { Column, ColumnType, Index, ServerDefault, Table, View } from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";
import { DefaultDdlCompiler, type IndexOptions, type QuotingDialect } from "../ddl/default-ddl-compiler.js";
import { refuseUnstorableMetadata } from "./metadata-text.js";
import { checkMariadbSequence, mariadbSequenceOptions } from "./sequences.js";
import { mysqlTableOptions } from "./table-options.js";
import { canAutoIncrement, renderMysqlType } from "./type-compiler.js";

/** Whether a column collation names a character set alone (`ascii`, `utf8mb4`): collation names all hold a `_` but `binary`. */
export function isCharsetName(name: string): boolean {
  return /^[A-Za-z0-9]+$/.test(name) && name.toLowerCase() !== "binary";
}

/** Which server the statements are for, when known: some syntax exists on one only. */
export type MysqlFlavor = "mysql" | "mariadb";

/** Column types MySQL stores out of row (text, blob, json): literal defaults only as expressions. */
const LOB_KINDS: ReadonlySet<ColumnType["kind"]> = new Set(["text", "binary", "json", "jsonb"]);

/** Index methods MySQL and MariaDB accept in `USING`. */
const METHODS: ReadonlySet<string> = new Set(["btree", "hash", "rtree"]);

/** A key part of a column, its first n characters or in descending order (`` `name`(10) DESC ``): written as it is, not as an expression. */
const PREFIX_PART = /^`(?:[^`]|``)+`(?:\(\d+\))?(?:\s+(?:ASC|DESC))?$/i;

/** A column (quoted either way) with a sort order, as the DSL writes it: `"name" DESC`. */
const ORDERED_COLUMN = /^(?:"((?:[^"]|"")+)"|([A-Za-z_][\w$]*))\s+(ASC|DESC)$/i;

/** The column as MODIFY/CHANGE restates it. */
interface ColumnState {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly serverDefault: ServerDefault | null | undefined;
  readonly comment: string | null | undefined;
  readonly autoincrement: boolean | undefined;
  readonly collation?: string | null | undefined;
  readonly onUpdate?: string | null | undefined;
}

const CONSTRAINT_WORDS: Readonly<Record<string, string>> = { foreignkey: "foreign key", unique: "unique constraint", check: "check constraint" };

/**
 * MySQL and MariaDB refuse a constraint or index name past 64 characters:
 * refused here, so autogenerate says so when it writes the revision (drizzle
 * names foreign keys after both tables and every column, which can pass it).
 */
function storableName(name: string, what: string): void {
  const length = [...name].length;
  if (length > 64) {
    throw new AthanorError(`${what} "${name}" has ${length} characters; MySQL and MariaDB allow 64`, {
      hint: "give it a shorter name (in drizzle: foreignKey({ name, ... }), unique(name), index(name))",
    });
  }
}

/**
 * MySQL/MariaDB DDL: the default compiler with MySQL's own parts. A column change
 * restates the whole column (`MODIFY`, or `CHANGE` for a rename) from the new
 * values falling back to the `existing` ones; a default-only change is
 * `ALTER COLUMN ... SET/DROP DEFAULT`. Comments are part of the column and table
 * definitions; comments and defaults are written with the dialect's DDL literals
 * and refused when they hold characters MySQL cannot keep. Constraints are
 * dropped each with its own statement, so dropConstraint needs the constraint's
 * type. Partial indexes, INCLUDE, arrays and intervals do not exist here and are
 * errors; expression indexes need MySQL 8.0.13 (an error when the server is known
 * to be MariaDB); `IF [NOT] EXISTS` on columns and indexes is MariaDB's (an error
 * when the server is known to be MySQL). Deferrability and MATCH of foreign keys
 * are not written: InnoDB checks immediately and ignores MATCH. An identity column
 * is an AUTO_INCREMENT one (its start the table's AUTO_INCREMENT option); a
 * primary key's name is not kept (MySQL calls every one PRIMARY).
 *
 * @example
 * ```ts
 * const ddl = new MysqlDdlCompiler(mysqlDialect);
 * ddl.compile({ kind: "dropTable", name: "users" }); // ["DROP TABLE `users`"]
 * ```
 */
export class MysqlDdlCompiler extends DefaultDdlCompiler {
  protected readonly database = "MySQL";
  readonly #flavor: MysqlFlavor | undefined;

  constructor(dialect: QuotingDialect, flavor?: MysqlFlavor) {
    super(dialect);
    this.#flavor = flavor;
  }

  renderType(type: ColumnType): string {
    return renderMysqlType(type, (text) => this.string(text));
  }

  /**
   * A primary key drop waits for the next operation: MySQL refuses `DROP PRIMARY KEY`
   * alone when the table has an AUTO_INCREMENT column (it must stay a key), so the
   * drop and the new key of the same table go in one statement.
   */
  waitsForNext(operation: SchemaOperation): boolean {
    return operation.kind === "dropConstraint" && (operation.type ?? operation.constraint?.type) === "primary";
  }

  /** `ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (...)` for a key dropped then added on one table; undefined otherwise. */
  compileTogether(first: SchemaOperation, second: SchemaOperation): string[] | undefined {
    if (!this.waitsForNext(first) || first.kind !== "dropConstraint") return undefined;
    if (second.kind !== "addConstraint" || second.constraint.type !== "primary") return undefined;
    if (second.table !== first.table || second.schema !== first.schema) return undefined;
    return [`${this.#dropConstraint(first)}, ADD ${this.constraintSpec(second.constraint)}`];
  }

  override compile(operation: SchemaOperation): string[] {
    refuseUnstorableMetadata(operation);
    return super.compile(operation);
  }

  protected override renameTable(operation: RenameTable): string[] {
    // The new name stays in the table's database.
    return [`RENAME TABLE ${this.table(operation.name, operation.schema)} TO ${this.table(operation.newName, operation.schema)}`];
  }

  protected override addColumn(operation: AddColumn): string[] {
    if (operation.ifNotExists) this.#mariadbOnly("ADD COLUMN IF NOT EXISTS");
    return super.addColumn(operation);
  }

  protected override dropColumn(operation: DropColumn): string[] {
    if (operation.ifExists) this.#mariadbOnly("DROP COLUMN IF EXISTS");
    return super.dropColumn(operation);
  }

  /**
   * A default-only change is `ALTER COLUMN ... SET/DROP DEFAULT` (unless the column
   * has ON UPDATE, which MariaDB drops with it); anything else restates the column with MODIFY (or CHANGE when renaming), from the new values
   * falling back to the existing ones.
   */
  protected override alterColumn(operation: AlterColumn): string[] {
    const { changes, existing } = operation;
    const table = this.table(operation.table, operation.schema);
    this.refuseUsing(operation);
    const renamed = changes.newName !== undefined && changes.newName !== operation.name;
    const restated =
      renamed ||
      changes.nullable !== undefined ||
      changes.type !== undefined ||
      changes.comment !== undefined ||
      changes.autoincrement !== undefined ||
      changes.collation !== undefined ||
      changes.onUpdate !== undefined ||
      // MariaDB's ALTER COLUMN ... DROP/SET DEFAULT also drops a column's ON UPDATE: restate it instead
      (changes.serverDefault !== undefined && existing.onUpdate !== undefined && existing.onUpdate !== null);
    if (!restated) return super.alterColumn(operation);
    const type = changes.type ?? existing.type;
    if (type === undefined) {
      throw new AthanorError(
        `alterColumn ${JSON.stringify(operation.name)} on ${JSON.stringify(operation.table)}: MySQL restates the whole column (MODIFY/CHANGE) and needs its existing type`,
        { hint: "pass existingType (and existingNullable, existingServerDefault, existingComment so they are kept)" },
      );
    }
    const name = renamed ? changes.newName! : operation.name;
    const nullable = changes.nullable ?? existing.nullable ?? true;
    const comment = changes.comment !== undefined ? changes.comment : existing.comment;
    const collation = changes.collation !== undefined ? changes.collation : existing.collation;
    // A generated column stays generated: MODIFY without its expression would make it a plain one.
    const spec =
      existing.computed !== undefined && existing.computed !== null
        ? this.columnSpec({
            name,
            type,
            nullable,
            computed: existing.computed,
            ...(comment !== undefined && comment !== null ? { comment } : {}),
            ...(collation !== undefined && collation !== null ? { collation } : {}),
          })
        : this.#restate({
            name,
            type,
            nullable,
            serverDefault: changes.serverDefault !== undefined ? changes.serverDefault : existing.serverDefault,
            comment,
            autoincrement: changes.autoincrement ?? existing.autoincrement,
            collation,
            onUpdate: changes.onUpdate !== undefined ? changes.onUpdate : existing.onUpdate,
          });
    return [renamed ? `ALTER TABLE ${table} CHANGE COLUMN ${this.id(operation.name)} ${spec}` : `ALTER TABLE ${table} MODIFY COLUMN ${spec}`];
  }

  protected override dropIndex(operation: DropIndex): string[] {
    if (operation.table === undefined) {
      throw new AthanorError(`dropIndex ${JSON.stringify(operation.name)}: MySQL needs the index's table`, { hint: "pass the table name" });
    }
    if (operation.ifExists) this.#mariadbOnly("DROP INDEX IF EXISTS");
    // Dropping an index changes only metadata on InnoDB: CONCURRENTLY needs no counterpart.
    return [`DROP INDEX ${operation.ifExists ? "IF EXISTS " : ""}${this.id(operation.name)} ON ${this.table(operation.table, operation.schema)}`];
  }

  protected override dropConstraint(operation: DropConstraint): string[] {
    return [this.#dropConstraint(operation)];
  }

  /** `ALTER TABLE t ENGINE=... DEFAULT CHARSET=... COLLATE=... ROW_FORMAT=...`, from the operation's `mysql` bag. */
  protected override alterTableOptions(operation: AlterTableOptions): string[] {
    const clauses = this.tableOptions({ name: operation.table, columns: [], foreignKeys: [], uniques: [], checks: [], indexes: [], dialectOptions: operation.options });
    return clauses === "" ? [] : [`ALTER TABLE ${this.table(operation.table, operation.schema)} ${clauses}`];
  }

  protected override tableComment(operation: TableComment): string[] {
    return [`ALTER TABLE ${this.table(operation.table, operation.schema)} COMMENT = ${this.string(operation.comment ?? "")}`];
  }

  /** The column as it appears in CREATE TABLE and ADD COLUMN. */
  override columnSpec(column: Column): string {
    if (column.computed) {
      if (column.autoincrement || column.identity) {
        throw new AthanorError(`Column ${JSON.stringify(column.name)} cannot be both generated and auto-incremented`);
      }
      if (column.serverDefault !== undefined) {
        throw new AthanorError(`Column ${JSON.stringify(column.name)} cannot be both generated and have a default`);
      }
      if (!column.computed.sql.trim()) throw new AthanorError(`Generated column ${JSON.stringify(column.name)} has no expression`);
      const parts = [this.id(column.name), this.renderType(column.type)];
      if (column.collation !== undefined) parts.push(this.#collateClause(column.collation));
      parts.push(this.generatedClause(column, column.computed));
      // MariaDB refuses NULL/NOT NULL on a generated column; MySQL takes NOT NULL.
      if (!column.nullable && this.#flavor === "mysql") parts.push("NOT NULL");
      if (column.comment !== undefined) parts.push(`COMMENT ${this.string(column.comment)}`);
      return parts.join(" ");
    }
    return this.#restate({
      name: column.name,
      type: column.type,
      nullable: column.nullable,
      serverDefault: column.serverDefault,
      comment: column.comment,
      autoincrement: column.autoincrement === true || column.identity !== undefined,
      collation: column.collation,
      onUpdate: column.onUpdate,
    });
  }

  /** `ON UPDATE <sql>`: MySQL takes CURRENT_TIMESTAMP (and its synonyms) here, with the column's precision. */
  protected override onUpdateClause(column: string, sql: string): string {
    if (!sql.trim()) throw new AthanorError(`Column ${JSON.stringify(column)}: ON UPDATE needs an expression`, { hint: "e.g. CURRENT_TIMESTAMP" });
    return `ON UPDATE ${sql}`;
  }

  /** Collations are bare words; anything else is refused rather than quoted. */
  protected override collation(name: string): string {
    return this.#word(name, "collation");
  }

  /**
   * `COLLATE name`; a character set named alone (`ascii`: no `_`, as every
   * collation name but `binary` has) is `CHARACTER SET ascii`, which takes
   * the server's default collation of that set.
   */
  #collateClause(name: string): string {
    return isCharsetName(name) ? `CHARACTER SET ${this.#word(name, "character set")}` : `COLLATE ${this.collation(name)}`;
  }

  /**
   * A literal default of a text, blob or json column is written in parentheses:
   * MySQL 8 takes such defaults only as expressions (MariaDB reads both alike).
   */
  protected override serverDefault(value: ServerDefault, type?: ColumnType): string {
    const sql = super.serverDefault(value, type);
    if (value.kind === "sql") return sql;
    return type !== undefined && LOB_KINDS.has(type.kind) && !(type.kind === "binary" && type.length !== undefined) ? `(${sql})` : sql;
  }

  protected override tableOptions(table: Table): string {
    const options: string[] = [];
    const mysql = mysqlTableOptions(table);
    if (mysql?.engine !== undefined) options.push(`ENGINE=${this.#word(mysql.engine, "engine")}`);
    if (mysql?.charset !== undefined) options.push(`DEFAULT CHARSET=${this.#word(mysql.charset, "character set")}`);
    if (mysql?.collate !== undefined) options.push(`COLLATE=${this.#word(mysql.collate, "collation")}`);
    if (mysql?.rowFormat !== undefined) options.push(`ROW_FORMAT=${this.#word(mysql.rowFormat, "row format").toUpperCase()}`);
    const start = table.columns.find((c) => c.identity?.start !== undefined)?.identity?.start;
    if (start !== undefined) options.push(`AUTO_INCREMENT=${this.sequenceNumber(start, "identity start")}`);
    if (table.comment !== undefined) options.push(`COMMENT=${this.string(table.comment)}`);
    return options.join(" ");
  }

  /** MySQL has no CREATE INDEX IF NOT EXISTS: the table's indexes are created plainly. */
  protected override tableIndexOptions(): IndexOptions {
    return {};
  }

  /** Comments are written inside the column and table definitions. */
  protected override commentStatements(): string[] {
    return [];
  }

  /** MySQL names every primary key PRIMARY; a given name is not kept. */
  protected override constraintName(constraint: Constraint): string {
    if (constraint.type === "primary") return "";
    if (constraint.name !== undefined) storableName(constraint.name, `${CONSTRAINT_WORDS[constraint.type] ?? "constraint"} name`);
    return super.constraintName(constraint);
  }

  /** InnoDB ignores MATCH. */
  protected override matchClause(): string {
    return "";
  }

  /** InnoDB checks every constraint immediately. */
  protected override deferrableClause(): string {
    return "";
  }

  /** `CREATE [UNIQUE] INDEX name [USING m] ON table (parts)`, with MySQL's and MariaDB's limits. */
  /**
   * With IF NOT EXISTS, a table's indexes go inside its CREATE TABLE (MySQL has no
   * CREATE INDEX IF NOT EXISTS), so the statement can run again as a whole.
   */
  protected override createTable(operation: CreateTable): string[] {
    const table = operation.table;
    if (!operation.ifNotExists || table.indexes.length === 0) return super.createTable(operation);
    const [create, ...rest] = super.createTable({ ...operation, table: { ...table, indexes: [] } });
    const inline = table.indexes.map((index) => {
      storableName(index.name, "index name");
      const { method, elements } = this.#indexParts(index, {});
      return `${index.unique ? "UNIQUE INDEX" : "INDEX"} ${this.id(index.name)}${method} (${elements.join(", ")})`;
    });
    // the table's own elements are the first thing inside its parentheses: the indexes follow them
    const elements = this.tableElements(table).join(",\n  ");
    const end = create!.indexOf(elements) + elements.length;
    return [`${create!.slice(0, end)},\n  ${inline.join(",\n  ")}${create!.slice(end)}`, ...rest];
  }

  protected override indexStatement(index: Index, tableName: string, schema: string | undefined, options: IndexOptions): string {
    storableName(index.name, "index name");
    const { method, elements } = this.#indexParts(index, options);
    const head = ["CREATE", index.unique ? "UNIQUE INDEX" : "INDEX", ...super.indexModifiers(options), this.id(index.name)];
    // MySQL's counterpart of building without blocking writes: in place, no lock (an error if it cannot).
    const online = options.concurrently ? " ALGORITHM=INPLACE LOCK=NONE" : "";
    return `${head.join(" ")}${method} ON ${this.table(tableName, schema)} (${elements.join(", ")})${online}`;
  }

  /** An index's method clause and key parts, refusing what MySQL and MariaDB cannot index. */
  #indexParts(index: Index, options: IndexOptions): { readonly method: string; readonly elements: string[] } {
    const what = `Index ${JSON.stringify(index.name)}`;
    if (index.columns.length === 0) throw new AthanorError(`${what} has no columns`, { hint: "index at least one column or expression" });
    if (index.where !== undefined) {
      throw new AthanorError(`${what}: MySQL and MariaDB have no partial indexes (WHERE)`, {
        hint: "index the columns without a condition, or a generated column that holds the condition",
      });
    }
    if (index.include && index.include.length > 0) {
      throw new AthanorError(`${what}: MySQL and MariaDB have no INCLUDE columns`, { hint: "add the columns to the index itself" });
    }
    this.nullsNotDistinct(index.nullsNotDistinct, `index ${JSON.stringify(index.name)}`);
    this.refuseStorageParameters(index);
    const hasExpression = index.columns.some(
      (element) => typeof element !== "string" && !PREFIX_PART.test(element.expression) && !ORDERED_COLUMN.test(element.expression.trim()),
    );
    if (hasExpression && this.#flavor === "mariadb") {
      throw new AthanorError(`${what}: MariaDB cannot index expressions (MySQL 8.0.13 can)`, {
        hint: "add a generated column holding the expression and index that column",
      });
    }
    if (options.ifNotExists) this.#mariadbOnly("CREATE INDEX IF NOT EXISTS");
    let method = "";
    if (index.using !== undefined) {
      const lower = index.using.toLowerCase();
      if (!METHODS.has(lower)) {
        throw new AthanorError(`${what}: MySQL has no index method ${JSON.stringify(index.using)}`, { hint: "use btree or hash, or none" });
      }
      method = ` USING ${lower.toUpperCase()}`;
    }
    const elements = index.columns.map((element) => {
      if (typeof element === "string") return this.id(element);
      if (PREFIX_PART.test(element.expression)) return element.expression;
      const ordered = ORDERED_COLUMN.exec(element.expression.trim());
      if (ordered) return `${this.id(ordered[1]?.replace(/""/g, '"') ?? ordered[2]!)} ${ordered[3]!.toUpperCase()}`;
      return `(${element.expression})`;
    });
    return { method, elements };
  }

  /** `name type [COLLATE c] NULL|NOT NULL [DEFAULT x] [ON UPDATE x] [AUTO_INCREMENT] [COMMENT '...']`. */
  #restate(state: ColumnState): string {
    const parts = [this.id(state.name), this.renderType(state.type)];
    if (state.collation !== undefined && state.collation !== null) parts.push(this.#collateClause(state.collation));
    parts.push(state.nullable ? "NULL" : "NOT NULL");
    if (state.serverDefault !== undefined && state.serverDefault !== null) parts.push(`DEFAULT ${this.serverDefault(state.serverDefault, state.type)}`);
    if (state.onUpdate !== undefined && state.onUpdate !== null) parts.push(this.onUpdateClause(state.name, state.onUpdate));
    if (state.autoincrement) {
      if (!canAutoIncrement(state.type)) {
        throw new AthanorError(`Column ${JSON.stringify(state.name)} cannot auto-increment: its type is ${this.renderType(state.type)}`, {
          hint: "auto-increment applies to integer columns",
        });
      }
      parts.push("AUTO_INCREMENT");
    }
    if (state.comment !== undefined && state.comment !== null) parts.push(`COMMENT ${this.string(state.comment)}`);
    return parts.join(" ");
  }

  /** Each kind of constraint is dropped with its own statement. */
  #dropConstraint(operation: DropConstraint): string {
    const type = operation.type ?? operation.constraint?.type;
    const alter = `ALTER TABLE ${this.table(operation.table, operation.schema)}`;
    const ifExists = operation.ifExists ? "IF EXISTS " : "";
    if (operation.ifExists && type !== "primary" && type !== "check") this.#mariadbOnly("DROP ... IF EXISTS");
    switch (type) {
      case "foreignkey":
        return `${alter} DROP FOREIGN KEY ${ifExists}${this.id(operation.name)}`;
      case "unique":
        return `${alter} DROP INDEX ${ifExists}${this.id(operation.name)}`;
      case "primary":
        if (operation.ifExists) throw new AthanorError("MySQL has no DROP PRIMARY KEY IF EXISTS", { hint: "drop the if-exists option" });
        return `${alter} DROP PRIMARY KEY`;
      case "check":
        if (this.#flavor === "mysql") {
          if (operation.ifExists) throw new AthanorError("MySQL has no DROP CHECK IF EXISTS", { hint: "drop the if-exists option" });
          return `${alter} DROP CHECK ${this.id(operation.name)}`;
        }
        return `${alter} DROP CONSTRAINT ${ifExists}${this.id(operation.name)}`;
      case "exclude":
        throw new AthanorError(`dropConstraint ${JSON.stringify(operation.name)}: MySQL has no exclusion constraints`, { hint: "exclusion constraints exist on PostgreSQL only" });
      case undefined:
        throw new AthanorError(
          `dropConstraint ${JSON.stringify(operation.name)} on ${JSON.stringify(operation.table)}: MySQL drops each kind of constraint with its own statement and needs its type`,
          { hint: 'pass type: "foreignkey", "unique", "check" or "primary"' },
        );
      default: {
        const unknown: never = type;
        throw new AthanorError(`Unknown constraint type ${JSON.stringify(unknown)}`);
      }
    }
  }

  #mariadbOnly(syntax: string): void {
    if (this.#flavor === "mysql") {
      throw new AthanorError(`MySQL has no ${syntax} (MariaDB has)`, { hint: "drop the if-exists / if-not-exists option" });
    }
  }

  /** Engine, charset and collation names are bare words; anything else is refused rather than quoted. */
  #word(value: string, what: string): string {
    if (!/^[A-Za-z0-9_]+$/.test(value)) throw new AthanorError(`${JSON.stringify(value)} is not a valid MySQL ${what} name`);
    return value;
  }

  /** `CREATE [OR REPLACE] [ALGORITHM = ...] [SQL SECURITY INVOKER] VIEW ... [WITH ... CHECK OPTION]`. */
  protected override viewStatement(view: View, orReplace: boolean): string {
    if (view.materialized) this.refuseMaterialized(view.name);
    this.refuseViewOptions(view, ["checkOption", "securityInvoker", "algorithm"]);
    const head = ["CREATE", orReplace ? "OR REPLACE" : "", view.algorithm ? `ALGORITHM = ${view.algorithm.toUpperCase()}` : "", view.securityInvoker ? "SQL SECURITY INVOKER" : "", "VIEW"];
    return `${head.filter(Boolean).join(" ")} ${this.table(view.name, view.schema)} AS ${this.viewQuery(view)}${this.checkOptionClause(view)}`;
  }

  /** MySQL replaces a view in place, whatever its columns become. */
  protected override replaceView(operation: ReplaceView): string[] {
    if (operation.existing !== undefined && (operation.existing.name !== operation.view.name || operation.existing.schema !== operation.view.schema)) {
      return super.replaceView(operation);
    }
    return [this.viewStatement(operation.view, true)];
  }

  /** MariaDB's `CREATE SEQUENCE [IF NOT EXISTS] name options`; refused for a MySQL server, which has no sequences. */
  protected override createSequence(operation: CreateSequence): string[] {
    const sequence = operation.sequence;
    checkMariadbSequence("createSequence", sequence.name, sequence, this.#flavor);
    const options = mariadbSequenceOptions(sequence, (value, what) => this.sequenceNumber(value, what), `sequence ${JSON.stringify(sequence.name)}`);
    return [[`CREATE SEQUENCE ${operation.ifNotExists ? "IF NOT EXISTS " : ""}${this.table(sequence.name, sequence.schema)}`, ...options].join(" ")];
  }

  /** MariaDB's `DROP SEQUENCE [IF EXISTS] name`. */
  protected override dropSequence(operation: DropSequence): string[] {
    checkMariadbSequence("dropSequence", operation.name, {}, this.#flavor);
    return [`DROP SEQUENCE ${operation.ifExists ? "IF EXISTS " : ""}${this.table(operation.name, operation.schema)}`];
  }

  /**
   * MariaDB's `ALTER SEQUENCE name options [RESTART [WITH n]]` for what changes
   * (START WITH sets the value a RESTART goes back to).
   */
  protected override alterSequence(operation: AlterSequence): string[] {
    const { changes } = operation;
    checkMariadbSequence("alterSequence", operation.name, changes, this.#flavor);
    const what = `sequence ${JSON.stringify(operation.name)}`;
    const options = mariadbSequenceOptions(changes, (value, label) => this.sequenceNumber(value, label), what);
    if (changes.restart !== undefined) options.push(changes.restart === true ? "RESTART" : `RESTART WITH ${this.sequenceNumber(changes.restart, `${what} restart`)}`);
    if (options.length === 0) return [];
    return [`ALTER SEQUENCE ${this.table(operation.name, operation.schema)} ${options.join(" ")}`];
  }
}
