import type {
  AddColumnData,
  AlterColumnData,
  BulkInsertData,
  Constraint,
  CreateIndexData,
  CreateTableData,
  DdlCompiler,
  SchemaOperation,
} from "../../operations/schema-operation.js";
import type { Column, ColumnType, ForeignKey, ForeignKeyAction, Index, ServerDefault } from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";
import type { Dialect } from "../types.js";
import { renderSqliteType } from "./type-compiler.js";
import { INSERT_CHUNK, insertColumns, insertLiteral } from "../bulk-insert.js";
import { assertForeignKeyColumns } from "../foreign-key.js";


const ACTIONS: Readonly<Record<ForeignKeyAction, string>> = {
  cascade: "CASCADE",
  restrict: "RESTRICT",
  "set null": "SET NULL",
  "set default": "SET DEFAULT",
  "no action": "NO ACTION",
};

/** A trailing sort order of an index element. */
const ORDERING = /^([\s\S]*?)((?:\s+(?:ASC|DESC))?)\s*$/i;

/** A literal SQLite takes bare after DEFAULT: a string, a signed number, NULL, a blob. */
const BARE_LITERAL = /^(?:'(?:[^']|'')*'|[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?|NULL|X'[0-9a-f]*')$/i;

/** The part of a dialect the compiler needs: quoting and literals. */
export type QuotingDialect = Pick<Dialect, "quoteIdentifier" | "quoteTable" | "literal">;

function batchHint(table: string, call: string): string {
  return `use op.batchAlterTable(${JSON.stringify(table)}, (batch) => { batch.${call}; }), which recreates the table with the change`;
}

/**
 * SQLite DDL. SQLite's ALTER TABLE only adds, renames and drops columns and
 * renames tables; every other change to an existing table (column types,
 * nullability, defaults, constraints) throws an AthanorError pointing at
 * `op.batchAlterTable`, which recreates the table. SQLite keeps no comments:
 * they are left out, and comment operations compile to nothing. Enum types are
 * text columns, so creating, dropping or extending one compiles to nothing.
 *
 * @example
 * ```ts
 * const ddl = new SqliteDdlCompiler(sqliteDialect);
 * ddl.compile({ kind: "renameTable", name: "users", newName: "members" });
 * // ['ALTER TABLE "users" RENAME TO "members"']
 * ```
 */
export class SqliteDdlCompiler implements DdlCompiler {
  readonly #dialect: QuotingDialect;

  constructor(dialect: QuotingDialect) {
    this.#dialect = dialect;
  }

  renderType(type: ColumnType): string {
    return renderSqliteType(type);
  }

  compile(operation: SchemaOperation): string[] {
    switch (operation.kind) {
      case "createTable":
        return this.#createTable(operation);
      case "dropTable":
        return [`DROP TABLE ${operation.ifExists ? "IF EXISTS " : ""}${this.#table(operation.name, operation.schema)}`];
      case "renameTable":
        return [`ALTER TABLE ${this.#table(operation.name, operation.schema)} RENAME TO ${this.#id(operation.newName)}`];
      case "addColumn":
        return [this.#addColumn(operation)];
      case "dropColumn":
        if (operation.ifExists) {
          throw new AthanorError(`dropColumn ${JSON.stringify(operation.name)}: SQLite has no DROP COLUMN IF EXISTS`, {
            hint: "drop the ifExists option",
          });
        }
        return [`ALTER TABLE ${this.#table(operation.table, operation.schema)} DROP COLUMN ${this.#id(operation.name)}`];
      case "alterColumn":
        return this.#alterColumn(operation);
      case "createIndex":
        return [this.#createIndex(operation.index, operation.table, operation.schema, operation.ifNotExists === true)];
      case "dropIndex":
        return [`DROP INDEX ${operation.ifExists ? "IF EXISTS " : ""}${this.#table(operation.name, operation.schema)}`];
      case "addConstraint": {
        const kind = { primary: "createPrimaryKey", foreignkey: "createForeignKey", unique: "createUniqueConstraint", check: "createCheckConstraint" }[
          operation.constraint.type
        ];
        throw new AthanorError(
          `SQLite cannot add a constraint to an existing table (${operation.constraint.type} ${JSON.stringify(operation.constraint.name ?? "")} on ${JSON.stringify(operation.table)})`,
          { hint: batchHint(operation.table, `${kind}(...)`) },
        );
      }
      case "dropConstraint":
        throw new AthanorError(`SQLite cannot drop a constraint of an existing table (${JSON.stringify(operation.name)} on ${JSON.stringify(operation.table)})`, {
          hint: batchHint(operation.table, `dropConstraint(${JSON.stringify(operation.name)})`),
        });
      case "tableComment":
        return [];
      case "createEnum":
      case "dropEnum":
      case "addEnumValue":
        return [];
      case "renameEnumValue":
        throw new AthanorError(`SQLite has no enum types: renaming the value ${JSON.stringify(operation.from)} of ${JSON.stringify(operation.name)} means changing the rows`, {
          hint: `update the rows with op.execute("UPDATE <table> SET <column> = ... WHERE <column> = ...")`,
        });
      case "bulkInsert":
        return this.#bulkInsert(operation);
      default: {
        const unknown: never = operation;
        throw new AthanorError(`Unknown schema operation ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
      }
    }
  }

  /**
   * The column as it appears in CREATE TABLE and ADD COLUMN. `primaryKey` puts
   * the (possibly named) PRIMARY KEY AUTOINCREMENT on the column itself, the only
   * place SQLite accepts AUTOINCREMENT.
   */
  columnSpec(column: Column, primaryKey?: { readonly name?: string }): string {
    const counter = column.autoincrement === true || column.identity !== undefined;
    let type = this.renderType(column.type);
    if (primaryKey !== undefined && counter) {
      if (!["smallint", "integer", "bigint"].includes(column.type.kind) && !/^int(eger)?$/i.test(type)) {
        throw new AthanorError(`Column ${JSON.stringify(column.name)} cannot auto-increment: its type is ${type}`, {
          hint: "auto-increment applies to integer columns",
        });
      }
      // Only a column declared exactly INTEGER is SQLite's row id.
      type = "integer";
    }
    const parts = [this.#id(column.name)];
    if (type !== "") parts.push(type);
    if (column.collation !== undefined) parts.push(`COLLATE ${this.#id(column.collation)}`);
    if (column.computed) {
      parts.push(`GENERATED ALWAYS AS (${column.computed.sql}) ${column.computed.stored ? "STORED" : "VIRTUAL"}`);
    } else if (column.serverDefault !== undefined) {
      parts.push(`DEFAULT ${this.#default(column.serverDefault)}`);
    }
    if (!column.nullable) parts.push("NOT NULL");
    if (primaryKey !== undefined) {
      parts.push(`${primaryKey.name === undefined ? "" : `CONSTRAINT ${this.#id(primaryKey.name)} `}PRIMARY KEY AUTOINCREMENT`);
    }
    return parts.join(" ");
  }

  /** A table constraint as it appears in CREATE TABLE. */
  constraintSpec(constraint: Constraint, schema?: string): string {
    const named = constraint.name === undefined ? "" : `CONSTRAINT ${this.#id(constraint.name)} `;
    switch (constraint.type) {
      case "primary":
        return `${named}PRIMARY KEY (${this.#ids(constraint.columns)})`;
      case "unique":
        if (constraint.deferrable !== undefined || constraint.initially !== undefined) {
          throw new AthanorError(`Unique constraint ${JSON.stringify(constraint.name ?? constraint.columns.join(", "))}: SQLite unique constraints cannot be deferred`, {
            hint: "drop the deferrable/initially options for SQLite",
          });
        }
        return `${named}UNIQUE (${this.#ids(constraint.columns)})`;
      case "check":
        return `${named}CHECK (${constraint.sql})`;
      case "foreignkey":
        return `${named}FOREIGN KEY (${this.#ids(constraint.columns)}) ${this.#references(constraint, schema)}`;
      default: {
        const unknown: never = constraint;
        throw new AthanorError(`Unknown constraint type ${JSON.stringify((unknown as { type?: unknown }).type)}`);
      }
    }
  }

  #createTable(operation: CreateTableData): string[] {
    const table = operation.table;
    if (table.columns.length === 0) {
      throw new AthanorError(`Table ${JSON.stringify(table.name)} has no columns`, { hint: "a table needs at least one column" });
    }
    const counters = table.columns.filter((c) => (c.autoincrement === true || c.identity !== undefined) && c.computed === undefined);
    if (counters.length > 1) {
      throw new AthanorError(`Table ${JSON.stringify(table.name)} has several auto-incrementing columns; SQLite allows one, its INTEGER PRIMARY KEY`);
    }
    const counter = counters[0];
    const pkColumns = table.primaryKey?.columns ?? [];
    if (counter !== undefined && pkColumns.length > 0 && (pkColumns.length !== 1 || pkColumns[0] !== counter.name)) {
      throw new AthanorError(
        `Column ${JSON.stringify(counter.name)} of ${JSON.stringify(table.name)} cannot auto-increment: on SQLite only the single primary key column can`,
        { hint: "make it the only primary key column, or drop autoincrement" },
      );
    }
    const elements = table.columns.map((c) =>
      c === counter ? this.columnSpec(c, table.primaryKey?.name === undefined ? {} : { name: table.primaryKey.name }) : this.columnSpec(c),
    );
    if (counter === undefined && pkColumns.length > 0) elements.push(this.constraintSpec({ type: "primary", ...table.primaryKey! }));
    for (const unique of table.uniques) elements.push(this.constraintSpec({ type: "unique", ...unique }));
    for (const check of table.checks) elements.push(this.constraintSpec({ type: "check", ...check }));
    for (const fk of table.foreignKeys) elements.push(this.constraintSpec({ type: "foreignkey", ...fk }, table.schema));
    const name = this.#table(table.name, table.schema);
    const statements = [`CREATE TABLE ${operation.ifNotExists ? "IF NOT EXISTS " : ""}${name} (\n  ${elements.join(",\n  ")}\n)`];
    for (const index of table.indexes) statements.push(this.#createIndex(index, table.name, table.schema, operation.ifNotExists === true));
    return statements;
  }

  #addColumn(operation: AddColumnData): string {
    const { column, table } = operation;
    const refuse = (what: string): never => {
      throw new AthanorError(`SQLite cannot add column ${JSON.stringify(column.name)} to ${JSON.stringify(table)}: ${what}`, {
        hint: batchHint(table, "addColumn(...)"),
      });
    };
    if (operation.ifNotExists) {
      throw new AthanorError(`addColumn ${JSON.stringify(column.name)}: SQLite has no ADD COLUMN IF NOT EXISTS`, { hint: "drop the ifNotExists option" });
    }
    if (column.autoincrement === true || column.identity !== undefined) refuse("an auto-incrementing column must be the table's primary key");
    if (column.computed?.stored) refuse("a stored generated column cannot be added by ALTER TABLE");
    if (column.serverDefault?.kind === "sql" && column.computed === undefined) refuse("its default is an expression, and ADD COLUMN takes only constant defaults");
    const hasDefault = column.serverDefault !== undefined && !(column.serverDefault.kind === "literal" && column.serverDefault.value === null);
    if (!column.nullable && !hasDefault && column.computed === undefined) refuse("a NOT NULL column needs a default for the rows already there");
    return `ALTER TABLE ${this.#table(table, operation.schema)} ADD COLUMN ${this.columnSpec(column)}`;
  }

  #alterColumn(operation: AlterColumnData): string[] {
    const { changes } = operation;
    const other = (["nullable", "type", "using", "serverDefault", "autoincrement"] as const).filter((key) => changes[key] !== undefined);
    if (other.length > 0) {
      throw new AthanorError(`SQLite cannot alter column ${JSON.stringify(operation.name)} of ${JSON.stringify(operation.table)} (${other.join(", ")})`, {
        hint: batchHint(operation.table, `alterColumn(${JSON.stringify(operation.name)}, { ... })`),
      });
    }
    if (changes.newName === undefined || changes.newName === operation.name) return [];
    return [
      `ALTER TABLE ${this.#table(operation.table, operation.schema)} RENAME COLUMN ${this.#id(operation.name)} TO ${this.#id(changes.newName)}`,
    ];
  }

  #createIndex(index: Index, tableName: string, schema: string | undefined, ifNotExists: boolean): string {
    const what = `Index ${JSON.stringify(index.name)}`;
    if (index.using !== undefined) throw new AthanorError(`${what}: SQLite has no index methods (USING ${index.using})`, { hint: "drop the using option for SQLite" });
    if (index.include !== undefined && index.include.length > 0) {
      throw new AthanorError(`${what}: SQLite has no INCLUDE columns`, { hint: "add the columns to the index itself" });
    }
    if (index.columns.length === 0) throw new AthanorError(`${what} has no columns`);
    const elements = index.columns.map((element) => {
      if (typeof element === "string") return this.#id(element);
      const [, body = element.expression, order = ""] = ORDERING.exec(element.expression) ?? [];
      if (!body.trim()) throw new AthanorError(`${what}: expression ${JSON.stringify(element.expression)} has nothing before its sort order`);
      return `(${body.trim()})${order.replace(/\s+/g, " ").toUpperCase()}`;
    });
    // The index lives in the table's database; SQLite names the table unqualified.
    const head = `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${ifNotExists ? "IF NOT EXISTS " : ""}${this.#table(index.name, schema)}`;
    const where = index.where === undefined ? "" : ` WHERE ${index.where}`;
    return `${head} ON ${this.#id(tableName)} (${elements.join(", ")})${where}`;
  }

  #references(fk: ForeignKey, schema: string | undefined): string {
    if (fk.refSchema !== undefined && fk.refSchema !== schema && !(schema === undefined && fk.refSchema === "main")) {
      throw new AthanorError(
        `Foreign key ${JSON.stringify(fk.name ?? fk.columns.join(", "))}: SQLite foreign keys refer to tables of their own database, not ${JSON.stringify(fk.refSchema)}`,
        { hint: "drop refSchema, or keep both tables in the same database" },
      );
    }
    assertForeignKeyColumns(fk);
    const parts = [`REFERENCES ${this.#id(fk.refTable)} (${this.#ids(fk.refColumns)})`];
    if (fk.onDelete !== undefined) parts.push(`ON DELETE ${ACTIONS[fk.onDelete]}`);
    if (fk.onUpdate !== undefined) parts.push(`ON UPDATE ${ACTIONS[fk.onUpdate]}`);
    if (fk.match !== undefined) parts.push(`MATCH ${fk.match.toUpperCase()}`);
    if (fk.deferrable !== undefined || fk.initially !== undefined) {
      parts.push(fk.deferrable === false ? "NOT DEFERRABLE" : "DEFERRABLE");
      if (fk.initially !== undefined) parts.push(`INITIALLY ${fk.initially.toUpperCase()}`);
    }
    return parts.join(" ");
  }

  #default(value: ServerDefault): string {
    if (value.kind === "sql") {
      if (!value.sql.trim()) throw new AthanorError("An SQL server default needs its expression");
      return `(${value.sql})`;
    }
    const literal = this.#dialect.literal(value.value);
    // Anything but a plain literal (e.g. text holding NUL, a CAST) must be parenthesized.
    return BARE_LITERAL.test(literal) ? literal : `(${literal})`;
  }

  #bulkInsert(operation: BulkInsertData): string[] {
    if (operation.rows.length === 0) return [];
    const columns = insertColumns(operation);
    const types = new Map(columns.map((c) => [c.name, c.type]));
    const order = columns.map((c) => c.name);
    const table = this.#table(operation.table, operation.schema);
    // SQLite has no DEFAULT in VALUES: rows that leave out different columns go in separate statements.
    const statements: string[] = [];
    let group: { key: string; names: string[]; rows: string[] } | undefined;
    const flush = (): void => {
      if (group === undefined) return;
      if (group.names.length === 0) {
        for (const _ of group.rows) statements.push(`INSERT INTO ${table} DEFAULT VALUES`);
      } else {
        for (let start = 0; start < group.rows.length; start += INSERT_CHUNK) {
          const rows = group.rows.slice(start, start + INSERT_CHUNK);
          statements.push(`INSERT INTO ${table} (${this.#ids(group.names)}) VALUES\n${rows.join(",\n")}`);
        }
      }
      group = undefined;
    };
    for (const row of operation.rows) {
      const names = order.filter((name) => Object.hasOwn(row, name) && row[name] !== undefined);
      const key = JSON.stringify(names);
      if (group?.key !== key) {
        flush();
        group = { key, names, rows: [] };
      }
      group.rows.push(`(${names.map((name) => this.#value(row[name], types.get(name))).join(", ")})`);
    }
    flush();
    return statements;
  }

  #value(value: unknown, type: ColumnType | undefined): string {
    return insertLiteral((v) => this.#dialect.literal(v), value, type);
  }

  #table(name: string, schema?: string | null): string {
    return this.#dialect.quoteTable(name, schema);
  }

  #id(name: string): string {
    return this.#dialect.quoteIdentifier(name);
  }

  #ids(names: readonly string[]): string {
    return names.map((n) => this.#id(n)).join(", ");
  }
}
