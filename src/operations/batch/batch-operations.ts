import type { Column } from "../../schema/model.js";
import type { SqlExpression } from "../../schema/expression.js";
import { sqlText } from "../../schema/expression.js";
import type { ConstraintName, NamingConvention } from "../../schema/naming.js";
import { FinalName } from "../../schema/naming.js";
import { AthanorError } from "../../util/errors.js";
import { addRefusingCustomMethods } from "../custom/custom-methods.js";
import { fallbackName } from "../naming.js";
import { alterColumnOperation, createIndexOperation, excludeConstraint, nameText } from "../operation-options.js";
import type { AlterColumnOptions, CreateForeignKeyOptions, CreateIndexOptions, ExcludeConstraintOptions, ExcludeElementArgument, IndexColumnInput } from "../operation-options.js";
import { ALTER_COLUMN_KEYS, CREATE_FOREIGN_KEY_KEYS, CREATE_INDEX_KEYS, EXCLUDE_CONSTRAINT_KEYS } from "../operation-options.js";
import { operation } from "../operation.js";
import { checkOptionKeys } from "../../util/option-keys.js";
import type { ExecuteSql } from "../operation.js";
import type { Constraint, SchemaOperation } from "../../dialects/contract/index.js";
import type { SqlInput } from "../operation-context.js";
import { columnParts, nameConstraint } from "../table-input.js";
import type { ColumnInput } from "../table-input.js";

/** Where a column goes when the table is recreated. */
export interface ColumnPosition {
  readonly insertBefore?: string;
  readonly insertAfter?: string;
}

/** One queued batch operation. */
export interface BatchItem {
  readonly operation: SchemaOperation | ExecuteSql | MoveColumn;
  readonly position?: ColumnPosition;
}

/**
 * The `batch` object of `op.batchAlterTable(table, (batch) => ...)`: the
 * table-level operations without the table name. Each call queues its
 * operation; they run together when the callback ends.
 *
 * @example
 * ```ts
 * await op.batchAlterTable("users", (batch) => {
 *   batch.addColumn(op.column("age", op.type.integer()), { insertAfter: "name" });
 *   batch.dropColumn("legacy");
 * });
 * ```
 */
export class BatchOperations {
  readonly table: string;
  readonly schema: string | undefined;
  readonly #convention: NamingConvention;
  readonly #items: BatchItem[] = [];

  constructor(table: string, schema: string | undefined, convention: NamingConvention) {
    this.table = table;
    this.schema = schema;
    this.#convention = convention;
    addRefusingCustomMethods(this);
  }

  /** The operations queued so far, in order. */
  get items(): readonly BatchItem[] {
    return this.#items;
  }

  #where(): { table: string; schema?: string } {
    return { table: this.table, ...(this.schema === undefined ? {} : { schema: this.schema }) };
  }

  #push(queued: SchemaOperation | ExecuteSql | MoveColumn, position?: ColumnPosition): void {
    if (position?.insertBefore !== undefined && position.insertAfter !== undefined) {
      throw new AthanorError(`batchAlterTable("${this.table}"): give insertBefore or insertAfter, not both`);
    }
    const hasPosition = position?.insertBefore !== undefined || position?.insertAfter !== undefined;
    this.#items.push(hasPosition ? { operation: queued, position: position! } : { operation: queued });
  }

  /** Add a column; `insertBefore`/`insertAfter` place it (recreate only). Column-level constraints are ignored here: queue them separately. */
  addColumn(column: ColumnInput, options: ColumnPosition = {}): void {
    checkOptionKeys("batch.addColumn", options, { insertBefore: true, insertAfter: true });
    const { column: model } = columnParts(this.table, column, { namingConvention: this.#convention, ...(this.schema === undefined ? {} : { schema: this.schema }) });
    this.#push(operation("addColumn", { ...this.#where(), column: model }), options);
  }

  /** Drop a column. */
  dropColumn(name: string, options: { readonly column?: Column } = {}): void {
    checkOptionKeys("batch.dropColumn", options, { column: true });
    this.#push(operation("dropColumn", { ...this.#where(), name, ...options }));
  }

  /** Change a column (see `op.alterColumn`); `insertBefore`/`insertAfter` move it (recreate only). */
  alterColumn(name: string, options: Omit<AlterColumnOptions, "schema"> & ColumnPosition): void {
    const { schema: _schema, ...alterKeys } = ALTER_COLUMN_KEYS;
    checkOptionKeys("batch.alterColumn", options, { ...alterKeys, insertBefore: true, insertAfter: true });
    const { insertBefore, insertAfter, ...rest } = options;
    const position = { ...(insertBefore === undefined ? {} : { insertBefore }), ...(insertAfter === undefined ? {} : { insertAfter }) };
    const hasPosition = insertBefore !== undefined || insertAfter !== undefined;
    const changes = Object.keys(rest).some((k) => !k.startsWith("existing"));
    if (!changes && hasPosition) {
      this.#push({ kind: "moveColumn", name }, position);
      return;
    }
    this.#push(alterColumnOperation(this.table, name, { ...rest, ...(this.schema === undefined ? {} : { schema: this.schema }) }), position);
  }

  #constraint(raw: Constraint, given: ConstraintName | null): void {
    const constraint = given instanceof FinalName ? raw : nameConstraint(this.#convention, this.table, raw);
    const named = constraint.name === undefined ? { ...constraint, name: fallbackName(this.#convention, this.table, constraint) } : constraint;
    this.#push(operation("addConstraint", { ...this.#where(), constraint: named }));
  }

  /** Add a primary key. */
  createPrimaryKey(name: ConstraintName | null, columns: readonly string[]): void {
    this.#constraint({ type: "primary", ...(name === null ? {} : { name: nameText(name) }), columns }, name);
  }

  /** Add a unique constraint. */
  createUniqueConstraint(name: ConstraintName | null, columns: readonly string[], options: { readonly deferrable?: boolean; readonly initially?: "deferred" | "immediate"; readonly nullsNotDistinct?: boolean } = {}): void {
    checkOptionKeys("batch.createUniqueConstraint", options, { deferrable: true, initially: true, nullsNotDistinct: true });
    this.#constraint({ type: "unique", ...(name === null ? {} : { name: nameText(name) }), columns, ...options }, name);
  }

  /** Add a foreign key to `referentTable`. */
  createForeignKey(name: ConstraintName | null, referentTable: string, localColumns: readonly string[], remoteColumns: readonly string[], options: Omit<CreateForeignKeyOptions, "sourceSchema"> = {}): void {
    const { sourceSchema: _sourceSchema, ...foreignKeyKeys } = CREATE_FOREIGN_KEY_KEYS;
    checkOptionKeys("batch.createForeignKey", options, foreignKeyKeys);
    const { referentSchema, ...rest } = options;
    this.#constraint(
      { type: "foreignkey", ...(name === null ? {} : { name: nameText(name) }), columns: localColumns, refTable: referentTable, ...(referentSchema === undefined ? {} : { refSchema: referentSchema }), refColumns: remoteColumns, ...rest },
      name,
    );
  }

  /** Add a PostgreSQL exclusion constraint (see `op.createExcludeConstraint`). */
  createExcludeConstraint(name: ConstraintName | null, elements: readonly ExcludeElementArgument[], options: Omit<ExcludeConstraintOptions, "schema"> = {}): void {
    const { schema: _schema, ...excludeKeys } = EXCLUDE_CONSTRAINT_KEYS;
    checkOptionKeys("batch.createExcludeConstraint", options, excludeKeys);
    this.#constraint(excludeConstraint(name, this.table, elements, options), name);
  }

  /** Add a check constraint. */
  createCheckConstraint(name: ConstraintName | null, condition: string | SqlExpression): void {
    this.#constraint({ type: "check", ...(name === null ? {} : { name: nameText(name) }), sql: sqlText(condition) }, name);
  }

  /** Drop a constraint by name (`type` is required on MySQL). */
  dropConstraint(name: ConstraintName, options: { readonly type?: Constraint["type"] } = {}): void {
    checkOptionKeys("batch.dropConstraint", options, { type: true });
    this.#push(operation("dropConstraint", { ...this.#where(), name: nameText(name), ...options }));
  }

  /** Create an index. */
  createIndex(name: ConstraintName | null, columns: readonly IndexColumnInput[], options: Omit<CreateIndexOptions, "schema"> = {}): void {
    const { schema: _schema, ...indexKeys } = CREATE_INDEX_KEYS;
    checkOptionKeys("batch.createIndex", options, indexKeys);
    this.#push(createIndexOperation(this.#convention, name, this.table, columns, { ...options, ...(this.schema === undefined ? {} : { schema: this.schema }) }));
  }

  /** Drop an index. */
  dropIndex(name: ConstraintName): void {
    this.#push(operation("dropIndex", { name: nameText(name), ...this.#where() }));
  }

  /** Set the table's comment. */
  createTableComment(comment: string, options: { readonly existingComment?: string | null } = {}): void {
    checkOptionKeys("batch.createTableComment", options, { existingComment: true });
    this.#push(operation("tableComment", { ...this.#where(), comment, ...options }));
  }

  /** Remove the table's comment. */
  dropTableComment(options: { readonly existingComment?: string | null } = {}): void {
    checkOptionKeys("batch.dropTableComment", options, { existingComment: true });
    this.#push(operation("tableComment", { ...this.#where(), comment: null, ...options }));
  }

  /** Run SQL after the table has been changed. */
  execute(sql: SqlInput, params?: readonly unknown[]): void {
    this.#push(operation("execute", { sql, params }));
  }
}

/** A queued move of an existing column with no other change (recreate only). */
export interface MoveColumn {
  readonly kind: "moveColumn";
  readonly name: string;
}
