import type {
  AddColumn,
  AddConstraint,
  AddEnumValue,
  AlterColumn,
  BulkInsert,
  DropColumn,
  DropConstraint,
  RenameEnumValue,
} from "../contract/index.js";
import type { Column, ColumnType, ForeignKey, Identity, Index, ServerDefault, Table, UniqueConstraint, View } from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";
import { INSERT_CHUNK, insertColumns } from "../bulk-insert.js";
import { DefaultDdlCompiler } from "../ddl/default-ddl-compiler.js";
import { assertForeignKeyColumns } from "../foreign-key.js";
import { renderSqliteType } from "./type-compiler.js";

/** A trailing sort order of an index element. */
const ORDERING = /^([\s\S]*?)((?:\s+(?:ASC|DESC))?)\s*$/i;

/** A literal SQLite takes bare after DEFAULT: a string, a signed number, NULL, a blob. */
const BARE_LITERAL = /^(?:'(?:[^']|'')*'|[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?|NULL|X'[0-9a-f]*')$/i;

/** Only a column declared exactly INTEGER is SQLite's row id. */
const ROW_ID_TYPE: ColumnType = { kind: "custom", sql: "integer" };

function batchHint(table: string, call: string): string {
  return `use op.batchAlterTable(${JSON.stringify(table)}, (batch) => { batch.${call}; }), which recreates the table with the change`;
}

function isCounter(column: Column): boolean {
  return column.autoincrement === true || column.identity !== undefined;
}

/**
 * SQLite DDL: the default compiler with what SQLite's ALTER TABLE cannot do
 * refused. It only adds, renames and drops columns and renames tables; every
 * other change to an existing table (column types, nullability, defaults,
 * constraints) throws an AthanorError pointing at `op.batchAlterTable`, which
 * recreates the table. An auto-incrementing column is the table's INTEGER
 * PRIMARY KEY AUTOINCREMENT. SQLite keeps no comments: they are left out, and
 * comment operations compile to nothing. Enum types are text columns, so
 * creating, dropping or extending one compiles to nothing.
 *
 * @example
 * ```ts
 * const ddl = new SqliteDdlCompiler(sqliteDialect);
 * ddl.compile({ kind: "renameTable", name: "users", newName: "members" });
 * // ['ALTER TABLE "users" RENAME TO "members"']
 * ```
 */
export class SqliteDdlCompiler extends DefaultDdlCompiler {
  protected readonly database = "SQLite";

  renderType(type: ColumnType): string {
    return renderSqliteType(type);
  }

  /**
   * The column as it appears in CREATE TABLE and ADD COLUMN. `primaryKey` puts
   * the (possibly named) PRIMARY KEY AUTOINCREMENT on the column itself, the only
   * place SQLite accepts AUTOINCREMENT.
   */
  override columnSpec(column: Column, primaryKey?: { readonly name?: string }): string {
    if (primaryKey === undefined) return super.columnSpec(column);
    let declared = column;
    if (isCounter(column)) {
      const type = this.renderType(column.type);
      if (!["smallint", "integer", "bigint"].includes(column.type.kind) && !/^int(eger)?$/i.test(type)) {
        throw new AthanorError(`Column ${JSON.stringify(column.name)} cannot auto-increment: its type is ${type}`, {
          hint: "auto-increment applies to integer columns",
        });
      }
      declared = { ...column, type: ROW_ID_TYPE };
    }
    const name = primaryKey.name === undefined ? "" : `CONSTRAINT ${this.id(primaryKey.name)} `;
    return `${super.columnSpec(declared)} ${name}PRIMARY KEY AUTOINCREMENT`;
  }

  protected override addColumn(operation: AddColumn): string[] {
    const { column, table } = operation;
    const refuse = (what: string): never => {
      throw new AthanorError(`SQLite cannot add column ${JSON.stringify(column.name)} to ${JSON.stringify(table)}: ${what}`, {
        hint: batchHint(table, "addColumn(...)"),
      });
    };
    if (operation.ifNotExists) {
      throw new AthanorError(`addColumn ${JSON.stringify(column.name)}: SQLite has no ADD COLUMN IF NOT EXISTS`, { hint: "drop the ifNotExists option" });
    }
    if (isCounter(column)) refuse("an auto-incrementing column must be the table's primary key");
    if (column.computed?.stored) refuse("a stored generated column cannot be added by ALTER TABLE");
    if (column.serverDefault?.kind === "sql" && column.computed === undefined) refuse("its default is an expression, and ADD COLUMN takes only constant defaults");
    const hasDefault = column.serverDefault !== undefined && !(column.serverDefault.kind === "literal" && column.serverDefault.value === null);
    if (!column.nullable && !hasDefault && column.computed === undefined) refuse("a NOT NULL column needs a default for the rows already there");
    return super.addColumn(operation);
  }

  protected override dropColumn(operation: DropColumn): string[] {
    if (operation.ifExists) {
      throw new AthanorError(`dropColumn ${JSON.stringify(operation.name)}: SQLite has no DROP COLUMN IF EXISTS`, {
        hint: "drop the ifExists option",
      });
    }
    return super.dropColumn(operation);
  }

  /** Only a rename is an ALTER on SQLite (a comment is not kept); anything else needs the table recreated. */
  protected override alterColumn(operation: AlterColumn): string[] {
    const { changes } = operation;
    const other = (["nullable", "type", "using", "serverDefault", "autoincrement", "collation", "onUpdate"] as const).filter((key) => changes[key] !== undefined);
    if (other.length > 0) {
      throw new AthanorError(`SQLite cannot alter column ${JSON.stringify(operation.name)} of ${JSON.stringify(operation.table)} (${other.join(", ")})`, {
        hint: batchHint(operation.table, `alterColumn(${JSON.stringify(operation.name)}, { ... })`),
      });
    }
    if (changes.newName === undefined || changes.newName === operation.name) return [];
    return [`ALTER TABLE ${this.table(operation.table, operation.schema)} RENAME COLUMN ${this.id(operation.name)} TO ${this.id(changes.newName)}`];
  }

  protected override addConstraint(operation: AddConstraint): string[] {
    const kind = { primary: "createPrimaryKey", foreignkey: "createForeignKey", unique: "createUniqueConstraint", check: "createCheckConstraint", exclude: "createExcludeConstraint" }[
      operation.constraint.type
    ];
    throw new AthanorError(
      `SQLite cannot add a constraint to an existing table (${operation.constraint.type} ${JSON.stringify(operation.constraint.name ?? "")} on ${JSON.stringify(operation.table)})`,
      { hint: batchHint(operation.table, `${kind}(...)`) },
    );
  }

  protected override dropConstraint(operation: DropConstraint): string[] {
    throw new AthanorError(`SQLite cannot drop a constraint of an existing table (${JSON.stringify(operation.name)} on ${JSON.stringify(operation.table)})`, {
      hint: batchHint(operation.table, `dropConstraint(${JSON.stringify(operation.name)})`),
    });
  }

  /** An enum is a text column: a new value needs no statement. */
  protected override addEnumValue(_operation: AddEnumValue): string[] {
    return [];
  }

  protected override renameEnumValue(operation: RenameEnumValue): string[] {
    throw new AthanorError(`SQLite has no enum types: renaming the value ${JSON.stringify(operation.from)} of ${JSON.stringify(operation.name)} means changing the rows`, {
      hint: `update the rows with op.execute("UPDATE <table> SET <column> = ... WHERE <column> = ...")`,
    });
  }

  /** SQLite has no DEFAULT in VALUES: rows that leave out different columns go in separate statements. */
  protected override bulkInsert(operation: BulkInsert): string[] {
    if (operation.rows.length === 0) return [];
    const columns = insertColumns(operation);
    const types = new Map(columns.map((c) => [c.name, c.type]));
    const order = columns.map((c) => c.name);
    const table = this.table(operation.table, operation.schema);
    const statements: string[] = [];
    let group: { key: string; names: string[]; rows: string[] } | undefined;
    const flush = (): void => {
      if (group === undefined) return;
      if (group.names.length === 0) {
        for (const _ of group.rows) statements.push(`INSERT INTO ${table} DEFAULT VALUES`);
      } else {
        for (let start = 0; start < group.rows.length; start += INSERT_CHUNK) {
          const rows = group.rows.slice(start, start + INSERT_CHUNK);
          statements.push(`INSERT INTO ${table} (${this.ids(group.names)}) VALUES\n${rows.join(",\n")}`);
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
      group.rows.push(`(${names.map((name) => this.insertValue(row[name], types.get(name))).join(", ")})`);
    }
    flush();
    return statements;
  }

  /** The one auto-incrementing column carries the primary key (with AUTOINCREMENT) itself. */
  protected override tableElements(table: Table): string[] {
    const counters = table.columns.filter((c) => isCounter(c) && c.computed === undefined);
    if (counters.length > 1) {
      throw new AthanorError(`Table ${JSON.stringify(table.name)} has several auto-incrementing columns; SQLite allows one, its INTEGER PRIMARY KEY`);
    }
    const counter = counters[0];
    if (counter === undefined) return super.tableElements(table);
    const pkColumns = table.primaryKey?.columns ?? [];
    if (pkColumns.length > 0 && (pkColumns.length !== 1 || pkColumns[0] !== counter.name)) {
      throw new AthanorError(
        `Column ${JSON.stringify(counter.name)} of ${JSON.stringify(table.name)} cannot auto-increment: on SQLite only the single primary key column can`,
        { hint: "make it the only primary key column, or drop autoincrement" },
      );
    }
    const key = table.primaryKey?.name === undefined ? {} : { name: table.primaryKey.name };
    const columns = table.columns.map((c) => (c === counter ? this.columnSpec(c, key) : this.columnSpec(c)));
    return [...columns, ...this.tableConstraints(table, undefined)];
  }

  /** SQLite keeps no comments. */
  protected override commentStatements(): string[] {
    return [];
  }

  /** SQLite has no identity columns: a counter is its INTEGER PRIMARY KEY AUTOINCREMENT. */
  protected override identityClause(_identity: Identity): string | undefined {
    return undefined;
  }

  /** An expression default in parentheses, as SQLite requires; a literal bare only when SQLite reads it bare. */
  protected override serverDefault(value: ServerDefault): string {
    const sql = super.serverDefault(value);
    // Anything but a plain literal (e.g. text holding NUL, a CAST) must be parenthesized.
    return value.kind === "literal" && BARE_LITERAL.test(sql) ? sql : `(${sql})`;
  }

  protected override uniqueSpec(unique: UniqueConstraint & { readonly type: "unique" }): string {
    if (unique.deferrable !== undefined || unique.initially !== undefined) {
      throw new AthanorError(`Unique constraint ${JSON.stringify(unique.name ?? unique.columns.join(", "))}: SQLite unique constraints cannot be deferred`, {
        hint: "drop the deferrable/initially options for SQLite",
      });
    }
    return super.uniqueSpec(unique);
  }

  /** A foreign key refers to a table of its own database, named unqualified. */
  protected override references(fk: ForeignKey, schema: string | undefined): string {
    if (fk.refSchema !== undefined && fk.refSchema !== schema && !(schema === undefined && fk.refSchema === "main")) {
      throw new AthanorError(
        `Foreign key ${JSON.stringify(fk.name ?? fk.columns.join(", "))}: SQLite foreign keys refer to tables of their own database, not ${JSON.stringify(fk.refSchema)}`,
        { hint: "drop refSchema, or keep both tables in the same database" },
      );
    }
    assertForeignKeyColumns(fk);
    const parts = [`REFERENCES ${this.id(fk.refTable)} (${this.ids(fk.refColumns)})`, ...this.referentialActions(fk), this.matchClause(fk), this.deferrableClause(fk)];
    return parts.filter(Boolean).join(" ");
  }

  /** Deferrability as SQLite reads it: INITIALLY alone makes the key deferrable. */
  protected override deferrableClause(item: Pick<ForeignKey, "deferrable" | "initially">): string {
    if (item.deferrable === undefined && item.initially === undefined) return "";
    const clause = item.deferrable === false ? "NOT DEFERRABLE" : "DEFERRABLE";
    return item.initially !== undefined ? `${clause} INITIALLY ${item.initially.toUpperCase()}` : clause;
  }

  /** The index lives in the table's database; SQLite names the table unqualified. */
  protected override indexName(name: string, schema: string | undefined): string {
    return this.table(name, schema);
  }

  protected override indexTable(name: string): string {
    return this.id(name);
  }

  protected override indexExpression(expression: string, index: Index): string {
    const [, body = expression, order = ""] = ORDERING.exec(expression) ?? [];
    if (!body.trim()) throw new AthanorError(`Index ${JSON.stringify(index.name)}: expression ${JSON.stringify(expression)} has nothing before its sort order`);
    return `(${body.trim()})${order.replace(/\s+/g, " ").toUpperCase()}`;
  }

  /** SQLite views take no options (no CHECK OPTION either). */
  protected override viewStatement(view: View, orReplace: boolean): string {
    if (view.materialized) this.refuseMaterialized(view.name);
    this.refuseViewOptions(view, []);
    return super.viewStatement(view, orReplace);
  }
}
