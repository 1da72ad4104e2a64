import type {
  AddEnumValue,
  AlterColumn,
  CreateEnum,
  DropEnum,
  DropIndex,
  RenameEnumValue,
} from "../contract/index.js";
import type { Column, ColumnType, Index } from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";
import { isJsonDocument } from "../bulk-insert.js";
import { DefaultDdlCompiler, type IndexOptions } from "../ddl/default-ddl-compiler.js";
import { renderPostgresqlType, serialType } from "./type-compiler.js";

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

/**
 * PostgreSQL DDL: the default compiler with PostgreSQL's own parts. Enum columns
 * name their type, which `createEnum` creates; a type change may convert with
 * `USING`; an auto-increment column is a serial one; indexes take an access
 * method, INCLUDE columns and CONCURRENTLY; generated columns are stored.
 * Identifiers are always quoted (and refused over 63 bytes by the dialect).
 *
 * @example
 * ```ts
 * const ddl = new PostgresqlDdlCompiler(postgresqlDialect);
 * ddl.compile({ kind: "dropTable", name: "users" }); // ['DROP TABLE "users"']
 * ```
 */
export class PostgresqlDdlCompiler extends DefaultDdlCompiler {
  protected readonly database = "PostgreSQL";

  renderType(type: ColumnType): string {
    return renderPostgresqlType(type, (name, schema) => this.table(name, schema));
  }

  protected override dropIndex(operation: DropIndex): string[] {
    // An index lives in its table's schema.
    const flags = `${operation.concurrently ? "CONCURRENTLY " : ""}${operation.ifExists ? "IF EXISTS " : ""}`;
    return [`DROP INDEX ${flags}${this.table(operation.name, operation.schema)}`];
  }

  protected override createEnum(operation: CreateEnum): string[] {
    const { name, schema, values } = operation.enum;
    const create = `CREATE TYPE ${this.table(name, schema)} AS ENUM (${values.map((v) => this.string(v)).join(", ")})`;
    return [operation.ifNotExists ? this.#ignoreDuplicate(create) : create];
  }

  protected override dropEnum(operation: DropEnum): string[] {
    return [`DROP TYPE ${operation.ifExists ? "IF EXISTS " : ""}${this.table(operation.name, operation.schema)}`];
  }

  protected override addEnumValue(operation: AddEnumValue): string[] {
    if (operation.before !== undefined && operation.after !== undefined) {
      throw new AthanorError(`Enum value ${JSON.stringify(operation.value)} cannot be placed both before and after another value`, {
        hint: "give either before or after",
      });
    }
    const place =
      operation.before !== undefined
        ? ` BEFORE ${this.string(operation.before)}`
        : operation.after !== undefined
          ? ` AFTER ${this.string(operation.after)}`
          : "";
    return [
      `ALTER TYPE ${this.table(operation.name, operation.schema)} ADD VALUE ${operation.ifNotExists ? "IF NOT EXISTS " : ""}${this.string(operation.value)}${place}`,
    ];
  }

  protected override renameEnumValue(operation: RenameEnumValue): string[] {
    return [`ALTER TYPE ${this.table(operation.name, operation.schema)} RENAME VALUE ${this.string(operation.from)} TO ${this.string(operation.to)}`];
  }

  /** An auto-increment column is declared with its serial type. */
  protected override columnType(column: Column): string {
    if (!column.autoincrement || column.identity || column.computed) return this.renderType(column.type);
    const serial = serialType(column.type);
    if (serial === undefined) {
      throw new AthanorError(`Column ${JSON.stringify(column.name)} cannot auto-increment: its type is ${this.renderType(column.type)}`, {
        hint: "auto-increment applies to smallint, integer and bigint columns",
      });
    }
    return serial;
  }

  protected override generatedClause(column: Column, computed: NonNullable<Column["computed"]>): string {
    if (!computed.stored) {
      throw new AthanorError(`Column ${JSON.stringify(column.name)}: PostgreSQL generated columns are always stored`, {
        hint: "declare the generated column as stored",
      });
    }
    return super.generatedClause(column, computed);
  }

  /** `TYPE <type> [USING <expression>]`: the conversion may read the old values. */
  protected override alterColumnType(operation: AlterColumn, alter: string): string[] {
    const { changes } = operation;
    if (changes.using !== undefined && changes.type === undefined) {
      throw new AthanorError(`alterColumn ${JSON.stringify(operation.name)}: a USING expression needs a new type`, {
        hint: "pass type together with using",
      });
    }
    if (changes.type === undefined) return [];
    const using = changes.using !== undefined ? ` USING ${changes.using}` : "";
    return [`${alter} TYPE ${this.renderType(changes.type)}${using}`];
  }

  /**
   * Auto-increment as SERIAL does it: a sequence owned by the column, named
   * `<table>_<column>_seq`, feeding the default and started after the largest value.
   */
  protected override alterAutoincrement(operation: AlterColumn, on: boolean): string[] {
    const table = this.table(operation.table, operation.schema);
    const column = this.id(operation.name);
    const sequence = this.table(`${operation.table}_${operation.name}_seq`, operation.schema);
    const alter = `ALTER TABLE ${table} ALTER COLUMN ${column}`;
    if (!on) return [`${alter} DROP DEFAULT`, `DROP SEQUENCE IF EXISTS ${sequence}`];
    const type = operation.changes.type ?? operation.existing.type;
    const as = type && serialType(type) ? ` AS ${this.renderType(type)}` : "";
    return [
      `CREATE SEQUENCE ${sequence}${as} OWNED BY ${table}.${column}`,
      `SELECT setval(${this.string(sequence)}, COALESCE(MAX(${column}), 0) + 1, false) FROM ${table}`,
      `${alter} SET DEFAULT nextval(${this.string(sequence)}::regclass)`,
    ];
  }

  protected override indexModifiers(options: IndexOptions): string[] {
    return [...(options.concurrently ? ["CONCURRENTLY"] : []), ...super.indexModifiers(options)];
  }

  protected override indexMethod(index: Index): string {
    if (index.using === undefined) return "";
    // Access methods are plain names (btree, gin, gist, hash, brin, spgist or an extension's).
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(index.using)) {
      throw new AthanorError(`Index method ${JSON.stringify(index.using)} is not a valid access method name`);
    }
    return `USING ${index.using.toLowerCase()}`;
  }

  protected override indexExpression(expression: string): string {
    return indexExpression(expression);
  }

  protected override indexTail(index: Index): string {
    const include = index.include && index.include.length > 0 ? ` INCLUDE (${this.ids(index.include)})` : "";
    return `${include}${index.where !== undefined ? ` WHERE ${index.where}` : ""}`;
  }

  /** Arrays and JSON documents get the spelling their column type reads. */
  protected override insertValue(value: unknown, type: ColumnType | undefined): string {
    if (value === null) return "NULL";
    if (type?.kind === "array" && Array.isArray(value)) {
      const items = value.map((item) => this.insertValue(item, type.of));
      return `ARRAY[${items.join(", ")}]::${this.renderType(type)}`;
    }
    if (isJsonDocument(value, type)) {
      const text = this.literal(JSON.stringify(value));
      return type?.kind === "json" || type?.kind === "jsonb" ? `${text}::${type.kind}` : text;
    }
    return this.literal(value);
  }

  /** Runs a CREATE that has no IF NOT EXISTS form, ignoring "already exists". */
  #ignoreDuplicate(statement: string): string {
    let tag = "$athanor$";
    for (let n = 1; statement.includes(tag); n += 1) tag = `$athanor${n}$`;
    return `DO ${tag} BEGIN ${statement}; EXCEPTION WHEN duplicate_object THEN NULL; END ${tag}`;
  }
}
