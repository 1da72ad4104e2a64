import type {
  AddColumnData,
  AlterColumnData,
  BulkInsertData,
  Constraint,
  CreateIndexData,
  CreateTableData,
  DdlCompiler,
  DropIndexData,
  SchemaOperation,
} from "../../operations/schema-operation.js";
import type {
  CheckConstraint,
  Column,
  ColumnType,
  ForeignKey,
  ForeignKeyAction,
  Index,
  ServerDefault,
  Table,
  UniqueConstraint,
} from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";
import type { Dialect } from "../types.js";
import { renderPostgresqlType, serialType } from "./type-compiler.js";
import { isJsonDocument, multiRowInserts } from "../bulk-insert.js";
import { assertForeignKeyColumns } from "../foreign-key.js";


const ACTIONS: Readonly<Record<ForeignKeyAction, string>> = {
  cascade: "CASCADE",
  restrict: "RESTRICT",
  "set null": "SET NULL",
  "set default": "SET DEFAULT",
  "no action": "NO ACTION",
};

/** A trailing sort order of an index element: `DESC`, `ASC NULLS FIRST`, ... */
const ORDERING = /^([\s\S]*?)((?:\s+(?:ASC|DESC))?(?:\s+NULLS\s+(?:FIRST|LAST))?)\s*$/i;

/**
 * An index expression in the parentheses PostgreSQL requires, its sort order
 * (if any) left outside them.
 *
 * @example
 * ```ts
 * indexExpression("lower(email) desc"); // (lower(email)) DESC
 * ```
 */
export function indexExpression(expression: string): string {
  const [, body = expression, order = ""] = ORDERING.exec(expression) ?? [];
  if (!body.trim()) throw new AthanorError(`Index expression ${JSON.stringify(expression)} has no expression before its sort order`);
  return `(${body.trim()})${order.replace(/\s+/g, " ").toUpperCase()}`;
}

/** The part of a dialect the compiler needs: quoting and literals. */
export type QuotingDialect = Pick<Dialect, "quoteIdentifier" | "quoteTable" | "literal">;

/**
 * PostgreSQL DDL: every schema operation as the statements that perform it.
 * Identifiers are always quoted; literal defaults and inserted values go through
 * the dialect's literal rules. Enum columns name their type; the type itself is
 * created by a `createEnum` operation.
 *
 * @example
 * ```ts
 * const ddl = new PostgresqlDdlCompiler(postgresqlDialect);
 * ddl.compile({ kind: "dropTable", name: "users" }); // ['DROP TABLE "users"']
 * ```
 */
export class PostgresqlDdlCompiler implements DdlCompiler {
  readonly #dialect: QuotingDialect;

  constructor(dialect: QuotingDialect) {
    this.#dialect = dialect;
  }

  renderType(type: ColumnType): string {
    return renderPostgresqlType(type, (name, schema) => this.#dialect.quoteTable(name, schema));
  }

  compile(operation: SchemaOperation): string[] {
    switch (operation.kind) {
      case "createTable":
        return this.#createTable(operation);
      case "dropTable":
        return [`DROP TABLE ${operation.ifExists ? "IF EXISTS " : ""}${this.#table(operation.name, operation.schema)}`];
      case "renameTable":
        // The new name stays in the table's schema and cannot be qualified.
        return [`ALTER TABLE ${this.#table(operation.name, operation.schema)} RENAME TO ${this.#id(operation.newName)}`];
      case "addColumn":
        return this.#addColumn(operation);
      case "dropColumn":
        return [
          `ALTER TABLE ${this.#table(operation.table, operation.schema)} DROP COLUMN ${operation.ifExists ? "IF EXISTS " : ""}${this.#id(operation.name)}`,
        ];
      case "alterColumn":
        return this.#alterColumn(operation);
      case "createIndex":
        return [this.#createIndex(operation.index, operation.table, operation.schema, operation)];
      case "dropIndex":
        return [this.#dropIndex(operation)];
      case "addConstraint":
        return [`ALTER TABLE ${this.#table(operation.table, operation.schema)} ADD ${this.#constraint(operation.constraint)}`];
      case "dropConstraint":
        return [
          `ALTER TABLE ${this.#table(operation.table, operation.schema)} DROP CONSTRAINT ${operation.ifExists ? "IF EXISTS " : ""}${this.#id(operation.name)}`,
        ];
      case "tableComment":
        return [`COMMENT ON TABLE ${this.#table(operation.table, operation.schema)} IS ${this.#comment(operation.comment)}`];
      case "createEnum": {
        const { name, schema, values } = operation.enum;
        const create = `CREATE TYPE ${this.#table(name, schema)} AS ENUM (${values.map((v) => this.#string(v)).join(", ")})`;
        return [operation.ifNotExists ? this.#ignoreDuplicate(create) : create];
      }
      case "dropEnum":
        return [`DROP TYPE ${operation.ifExists ? "IF EXISTS " : ""}${this.#table(operation.name, operation.schema)}`];
      case "addEnumValue": {
        if (operation.before !== undefined && operation.after !== undefined) {
          throw new AthanorError(`Enum value ${JSON.stringify(operation.value)} cannot be placed both before and after another value`, {
            hint: "give either before or after",
          });
        }
        const place =
          operation.before !== undefined
            ? ` BEFORE ${this.#string(operation.before)}`
            : operation.after !== undefined
              ? ` AFTER ${this.#string(operation.after)}`
              : "";
        return [
          `ALTER TYPE ${this.#table(operation.name, operation.schema)} ADD VALUE ${operation.ifNotExists ? "IF NOT EXISTS " : ""}${this.#string(operation.value)}${place}`,
        ];
      }
      case "renameEnumValue":
        return [
          `ALTER TYPE ${this.#table(operation.name, operation.schema)} RENAME VALUE ${this.#string(operation.from)} TO ${this.#string(operation.to)}`,
        ];
      case "bulkInsert":
        return this.#bulkInsert(operation);
      default: {
        const unknown: never = operation;
        throw new AthanorError(`Unknown schema operation ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
      }
    }
  }

  /** The column as it appears in CREATE TABLE and ADD COLUMN. */
  columnSpec(column: Column): string {
    const parts = [this.#id(column.name)];
    const serial = column.autoincrement && !column.identity && !column.computed ? serialType(column.type) : undefined;
    if (column.autoincrement && !column.identity && !column.computed && serial === undefined) {
      throw new AthanorError(`Column ${JSON.stringify(column.name)} cannot auto-increment: its type is ${this.renderType(column.type)}`, {
        hint: "auto-increment applies to smallint, integer and bigint columns",
      });
    }
    parts.push(serial ?? this.renderType(column.type));
    if (column.collation !== undefined) parts.push(`COLLATE ${this.#id(column.collation)}`);
    if (column.computed) {
      if (!column.computed.stored) {
        throw new AthanorError(`Column ${JSON.stringify(column.name)}: PostgreSQL generated columns are always stored`, {
          hint: "declare the generated column as stored",
        });
      }
      parts.push(`GENERATED ALWAYS AS (${column.computed.sql}) STORED`);
    } else if (column.identity) {
      parts.push(this.#identity(column.identity));
    } else if (column.serverDefault !== undefined) {
      parts.push(`DEFAULT ${this.#default(column.serverDefault)}`);
    }
    if (!column.nullable) parts.push("NOT NULL");
    return parts.join(" ");
  }

  #createTable(operation: CreateTableData): string[] {
    const table = operation.table;
    if (table.columns.length === 0) {
      throw new AthanorError(`Table ${JSON.stringify(table.name)} has no columns`, { hint: "a table needs at least one column" });
    }
    const name = this.#table(table.name, table.schema);
    const elements = table.columns.map((c) => this.columnSpec(c));
    if (table.primaryKey && table.primaryKey.columns.length > 0) {
      elements.push(this.#constraint({ type: "primary", ...table.primaryKey }));
    }
    for (const unique of table.uniques) elements.push(this.#constraint({ type: "unique", ...unique }));
    for (const check of table.checks) elements.push(this.#constraint({ type: "check", ...check }));
    for (const fk of table.foreignKeys) elements.push(this.#constraint({ type: "foreignkey", ...fk }));
    const statements = [`CREATE TABLE ${operation.ifNotExists ? "IF NOT EXISTS " : ""}${name} (\n  ${elements.join(",\n  ")}\n)`];
    // With IF NOT EXISTS the whole statement list can run again, so the indexes say it too.
    const indexOptions = operation.ifNotExists ? { ifNotExists: true } : {};
    for (const index of table.indexes) statements.push(this.#createIndex(index, table.name, table.schema, indexOptions));
    statements.push(...this.#comments(table));
    return statements;
  }

  #comments(table: Table): string[] {
    const name = this.#table(table.name, table.schema);
    const statements: string[] = [];
    if (table.comment !== undefined) statements.push(`COMMENT ON TABLE ${name} IS ${this.#comment(table.comment)}`);
    for (const column of table.columns) {
      if (column.comment !== undefined) {
        statements.push(`COMMENT ON COLUMN ${name}.${this.#id(column.name)} IS ${this.#comment(column.comment)}`);
      }
    }
    return statements;
  }

  #addColumn(operation: AddColumnData): string[] {
    const table = this.#table(operation.table, operation.schema);
    const statements = [`ALTER TABLE ${table} ADD COLUMN ${operation.ifNotExists ? "IF NOT EXISTS " : ""}${this.columnSpec(operation.column)}`];
    if (operation.column.comment !== undefined) {
      statements.push(`COMMENT ON COLUMN ${table}.${this.#id(operation.column.name)} IS ${this.#comment(operation.column.comment)}`);
    }
    return statements;
  }

  /** One statement per aspect: type first (its USING may rely on the old state), rename last. */
  #alterColumn(operation: AlterColumnData): string[] {
    const { changes } = operation;
    const table = this.#table(operation.table, operation.schema);
    const alter = `ALTER TABLE ${table} ALTER COLUMN ${this.#id(operation.name)}`;
    const statements: string[] = [];
    if (changes.using !== undefined && changes.type === undefined) {
      throw new AthanorError(`alterColumn ${JSON.stringify(operation.name)}: a USING expression needs a new type`, {
        hint: "pass type together with using",
      });
    }
    if (changes.type !== undefined) {
      const using = changes.using !== undefined ? ` USING ${changes.using}` : "";
      statements.push(`${alter} TYPE ${this.renderType(changes.type)}${using}`);
    }
    if (changes.nullable !== undefined) statements.push(`${alter} ${changes.nullable ? "DROP" : "SET"} NOT NULL`);
    if (changes.autoincrement !== undefined) {
      statements.push(...this.#alterAutoincrement(operation, changes.autoincrement));
    }
    if (changes.serverDefault !== undefined) {
      statements.push(changes.serverDefault === null ? `${alter} DROP DEFAULT` : `${alter} SET DEFAULT ${this.#default(changes.serverDefault)}`);
    }
    if (changes.comment !== undefined) {
      statements.push(`COMMENT ON COLUMN ${table}.${this.#id(operation.name)} IS ${this.#comment(changes.comment)}`);
    }
    if (changes.newName !== undefined && changes.newName !== operation.name) {
      statements.push(`ALTER TABLE ${table} RENAME COLUMN ${this.#id(operation.name)} TO ${this.#id(changes.newName)}`);
    }
    return statements;
  }

  /**
   * Auto-increment as SERIAL does it: a sequence owned by the column, named
   * `<table>_<column>_seq`, feeding the default and started after the largest value.
   */
  #alterAutoincrement(operation: AlterColumnData, on: boolean): string[] {
    const table = this.#table(operation.table, operation.schema);
    const column = this.#id(operation.name);
    const sequence = this.#table(`${operation.table}_${operation.name}_seq`, operation.schema);
    const alter = `ALTER TABLE ${table} ALTER COLUMN ${column}`;
    if (!on) return [`${alter} DROP DEFAULT`, `DROP SEQUENCE IF EXISTS ${sequence}`];
    const type = operation.changes.type ?? operation.existing.type;
    const as = type && serialType(type) ? ` AS ${this.renderType(type)}` : "";
    return [
      `CREATE SEQUENCE ${sequence}${as} OWNED BY ${table}.${column}`,
      `SELECT setval(${this.#string(sequence)}, COALESCE(MAX(${column}), 0) + 1, false) FROM ${table}`,
      `${alter} SET DEFAULT nextval(${this.#string(sequence)}::regclass)`,
    ];
  }

  #createIndex(index: Index, tableName: string, schema: string | undefined, options: Pick<CreateIndexData, "ifNotExists" | "concurrently">): string {
    if (index.columns.length === 0) {
      throw new AthanorError(`Index ${JSON.stringify(index.name)} has no columns`, { hint: "index at least one column or expression" });
    }
    const head = [
      "CREATE",
      index.unique ? "UNIQUE INDEX" : "INDEX",
      options.concurrently ? "CONCURRENTLY" : "",
      options.ifNotExists ? "IF NOT EXISTS" : "",
      this.#id(index.name),
      "ON",
      this.#table(tableName, schema),
      index.using !== undefined ? `USING ${this.#method(index.using)}` : "",
    ].filter(Boolean);
    const elements = index.columns.map((element) => (typeof element === "string" ? this.#id(element) : indexExpression(element.expression)));
    let sql = `${head.join(" ")} (${elements.join(", ")})`;
    if (index.include && index.include.length > 0) sql += ` INCLUDE (${this.#ids(index.include)})`;
    if (index.where !== undefined) sql += ` WHERE ${index.where}`;
    return sql;
  }

  #dropIndex(operation: DropIndexData): string {
    // An index lives in its table's schema.
    const flags = `${operation.concurrently ? "CONCURRENTLY " : ""}${operation.ifExists ? "IF EXISTS " : ""}`;
    return `DROP INDEX ${flags}${this.#table(operation.name, operation.schema)}`;
  }

  #constraint(constraint: Constraint): string {
    const named = constraint.name !== undefined ? `CONSTRAINT ${this.#id(constraint.name)} ` : "";
    switch (constraint.type) {
      case "primary":
        return `${named}PRIMARY KEY (${this.#columns(constraint.columns, constraint)})`;
      case "unique":
        return `${named}UNIQUE (${this.#columns(constraint.columns, constraint)})${this.#deferrable(constraint)}`;
      case "check":
        return `${named}CHECK (${this.#checkSql(constraint)})`;
      case "foreignkey":
        return `${named}${this.#foreignKey(constraint)}`;
      default: {
        const unknown: never = constraint;
        throw new AthanorError(`Unknown constraint type ${JSON.stringify((unknown as { type?: unknown }).type)}`);
      }
    }
  }

  #foreignKey(fk: ForeignKey): string {
    assertForeignKeyColumns(fk);
    let sql = `FOREIGN KEY (${this.#ids(fk.columns)}) REFERENCES ${this.#table(fk.refTable, fk.refSchema)} (${this.#ids(fk.refColumns)})`;
    if (fk.match !== undefined) sql += ` MATCH ${fk.match.toUpperCase()}`;
    if (fk.onDelete !== undefined) sql += ` ON DELETE ${this.#action(fk.onDelete)}`;
    if (fk.onUpdate !== undefined) sql += ` ON UPDATE ${this.#action(fk.onUpdate)}`;
    return sql + this.#deferrable(fk);
  }

  #deferrable(item: Pick<UniqueConstraint, "deferrable" | "initially">): string {
    let sql = "";
    if (item.deferrable !== undefined) sql += item.deferrable ? " DEFERRABLE" : " NOT DEFERRABLE";
    if (item.initially !== undefined) sql += ` INITIALLY ${item.initially === "deferred" ? "DEFERRED" : "IMMEDIATE"}`;
    return sql;
  }

  #action(action: ForeignKeyAction): string {
    const sql = ACTIONS[action];
    if (!sql) throw new AthanorError(`Unknown foreign key action ${JSON.stringify(action)}`, { hint: Object.keys(ACTIONS).join(", ") });
    return sql;
  }

  #checkSql(check: CheckConstraint): string {
    if (!check.sql.trim()) throw new AthanorError(`Check constraint ${check.name ? JSON.stringify(check.name) + " " : ""}has no condition`);
    return check.sql;
  }

  #columns(columns: readonly string[], constraint: { readonly name?: string; readonly type: string }): string {
    if (columns.length === 0) {
      throw new AthanorError(`The ${constraint.type} constraint ${constraint.name ? JSON.stringify(constraint.name) + " " : ""}names no columns`);
    }
    return this.#ids(columns);
  }

  #identity(identity: NonNullable<Column["identity"]>): string {
    const options: string[] = [];
    if (identity.start !== undefined) options.push(`START WITH ${this.#integer(identity.start, "identity start")}`);
    if (identity.increment !== undefined) options.push(`INCREMENT BY ${this.#integer(identity.increment, "identity increment")}`);
    const sql = `GENERATED ${identity.always ? "ALWAYS" : "BY DEFAULT"} AS IDENTITY`;
    return options.length > 0 ? `${sql} (${options.join(" ")})` : sql;
  }

  #integer(value: number, what: string): string {
    if (!Number.isSafeInteger(value)) throw new AthanorError(`The ${what} must be an integer, got ${String(value)}`);
    return String(value);
  }

  #default(value: ServerDefault): string {
    if (value.kind === "sql") {
      if (!value.sql.trim()) throw new AthanorError("An SQL server default cannot be empty", { hint: "use a literal default for an empty string" });
      return value.sql;
    }
    return this.#dialect.literal(value.value);
  }

  #method(method: string): string {
    // Access methods are plain names (btree, gin, gist, hash, brin, spgist or an extension's).
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(method)) {
      throw new AthanorError(`Index method ${JSON.stringify(method)} is not a valid access method name`);
    }
    return method.toLowerCase();
  }

  #comment(comment: string | null): string {
    return comment === null ? "NULL" : this.#string(comment);
  }

  #string(text: string): string {
    return this.#dialect.literal(String(text));
  }

  /** Runs a CREATE that has no IF NOT EXISTS form, ignoring "already exists". */
  #ignoreDuplicate(statement: string): string {
    let tag = "$athanor$";
    for (let n = 1; statement.includes(tag); n += 1) tag = `$athanor${n}$`;
    return `DO ${tag} BEGIN ${statement}; EXCEPTION WHEN duplicate_object THEN NULL; END ${tag}`;
  }

  #bulkInsert(operation: BulkInsertData): string[] {
    return multiRowInserts(operation, {
      table: this.#table(operation.table, operation.schema),
      id: (name) => this.#id(name),
      value: (value, type) => this.#value(value, type),
    });
  }

  /** One inserted value: arrays and JSON documents get the spelling their column type reads. */
  #value(value: unknown, type: ColumnType | undefined): string {
    if (value === null) return "NULL";
    if (type?.kind === "array" && Array.isArray(value)) {
      const items = value.map((item) => this.#value(item, type.of));
      return `ARRAY[${items.join(", ")}]::${this.renderType(type)}`;
    }
    if (isJsonDocument(value, type)) {
      const text = this.#dialect.literal(JSON.stringify(value));
      return type?.kind === "json" || type?.kind === "jsonb" ? `${text}::${type.kind}` : text;
    }
    return this.#dialect.literal(value);
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
