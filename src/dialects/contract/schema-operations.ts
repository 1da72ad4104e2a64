import type {
  CheckConstraint,
  Column,
  ColumnType,
  DialectOptions,
  EnumType,
  ExcludeConstraint,
  ForeignKey,
  Identity,
  Index,
  Policy,
  PrimaryKey,
  Sequence,
  SequenceOptions,
  SequenceValue,
  ServerDefault,
  Table,
  UniqueConstraint,
} from "../../schema/model.js";
import type { CreateView, DropView, RefreshMaterializedView, ReplaceView } from "./view-operations.js";

export type { CreateView, DropView, RefreshMaterializedView, ReplaceView } from "./view-operations.js";

/**
 * The data of every schema operation. Each dialect's DDL compiler turns one of
 * these into statements; autogenerate produces them and renders them as code;
 * `reverseOperation` (src/operations/reverse/) gives the operation that undoes one.
 */
export type SchemaOperation =
  | CreateTable
  | DropTable
  | RenameTable
  | AddColumn
  | DropColumn
  | AlterColumn
  | CreateIndex
  | DropIndex
  | AddConstraint
  | DropConstraint
  | TableComment
  | AlterTableOptions
  | CreateEnum
  | DropEnum
  | AddEnumValue
  | DropEnumValue
  | RenameEnumValue
  | BulkInsert
  | SetRowLevelSecurity
  | CreatePolicy
  | DropPolicy
  | CreateSequence
  | DropSequence
  | AlterSequence
  | CreateView
  | ReplaceView
  | DropView
  | RefreshMaterializedView;

export interface CreateTable {
  readonly kind: "createTable";
  readonly table: Table;
  readonly ifNotExists?: boolean;
}

export interface DropTable {
  readonly kind: "dropTable";
  readonly name: string;
  readonly schema?: string;
  readonly ifExists?: boolean;
  /** The whole table, when known, so the drop can be reversed. */
  readonly table?: Table;
}

export interface RenameTable {
  readonly kind: "renameTable";
  readonly name: string;
  readonly newName: string;
  readonly schema?: string;
}

export interface AddColumn {
  readonly kind: "addColumn";
  readonly table: string;
  readonly schema?: string;
  readonly column: Column;
  readonly ifNotExists?: boolean;
}

export interface DropColumn {
  readonly kind: "dropColumn";
  readonly table: string;
  readonly schema?: string;
  readonly name: string;
  readonly ifExists?: boolean;
  /** The column as it was, when known, so the drop can be reversed. */
  readonly column?: Column;
}

/** What an alter changes (`undefined` = unchanged; `null` = remove, for default and comment). */
export interface ColumnChanges {
  readonly nullable?: boolean;
  readonly type?: ColumnType;
  /** PostgreSQL `USING` expression for a type change. */
  readonly using?: string;
  readonly serverDefault?: ServerDefault | null;
  readonly newName?: string;
  readonly comment?: string | null;
  readonly autoincrement?: boolean;
  /** The new collation; `null` = the default one. */
  readonly collation?: string | null;
  /** MySQL `ON UPDATE <sql>`; `null` removes it. */
  readonly onUpdate?: string | null;
  /** PostgreSQL: the identity's kind and sequence options; `null` drops the identity. */
  readonly identity?: Identity | null;
}

/**
 * The column as it is before the alter: MySQL's MODIFY/CHANGE must restate
 * everything (what is not given here is not restated, and MySQL drops it).
 */
export interface ExistingColumn {
  readonly type?: ColumnType;
  readonly nullable?: boolean;
  readonly serverDefault?: ServerDefault | null;
  readonly comment?: string | null;
  readonly autoincrement?: boolean;
  /** `null` = the default collation. */
  readonly collation?: string | null;
  readonly onUpdate?: string | null;
  /** A generated column's expression (MySQL restates it: MODIFY without it makes the column a plain one). */
  readonly computed?: { readonly sql: string; readonly stored: boolean } | null;
  readonly identity?: Identity | null;
}

export interface AlterColumn {
  readonly kind: "alterColumn";
  readonly table: string;
  readonly schema?: string;
  readonly name: string;
  readonly changes: ColumnChanges;
  readonly existing: ExistingColumn;
}

export interface CreateIndex {
  readonly kind: "createIndex";
  readonly table: string;
  readonly schema?: string;
  readonly index: Index;
  readonly ifNotExists?: boolean;
  /** PostgreSQL `CONCURRENTLY` (the revision must run outside a transaction). */
  readonly concurrently?: boolean;
}

export interface DropIndex {
  readonly kind: "dropIndex";
  readonly name: string;
  /** Required on MySQL. */
  readonly table?: string;
  readonly schema?: string;
  readonly ifExists?: boolean;
  readonly concurrently?: boolean;
  /** The index as it was, when known, so the drop can be reversed. */
  readonly index?: Index;
}

export type Constraint =
  | ({ readonly type: "primary" } & PrimaryKey)
  | ({ readonly type: "foreignkey" } & ForeignKey)
  | ({ readonly type: "unique" } & UniqueConstraint)
  | ({ readonly type: "check" } & CheckConstraint)
  | ({ readonly type: "exclude" } & ExcludeConstraint);

export interface AddConstraint {
  readonly kind: "addConstraint";
  readonly table: string;
  readonly schema?: string;
  /** Always named by the time it reaches a dialect (explicitly or by a naming convention). */
  readonly constraint: Constraint;
}

export interface DropConstraint {
  readonly kind: "dropConstraint";
  readonly table: string;
  readonly schema?: string;
  readonly name: string;
  /** Required on MySQL (it drops each kind with its own statement). */
  readonly type?: Constraint["type"];
  readonly ifExists?: boolean;
  /** The constraint as it was, when known, so the drop can be reversed. */
  readonly constraint?: Constraint;
}

/**
 * A change of a table's options for particular databases (MySQL's engine,
 * charset, collation, row format), as per-database bags like a table's
 * `dialectOptions`: each database applies its own bag and ignores the others'.
 */
export interface AlterTableOptions {
  readonly kind: "alterTableOptions";
  readonly table: string;
  readonly schema?: string;
  /** The new values, e.g. `{ mysql: { engine: "InnoDB", rowFormat: "DYNAMIC" } }`. */
  readonly options: DialectOptions;
  /** The same keys as they were, so the change can be reversed. */
  readonly existing?: DialectOptions;
}

export interface TableComment {
  readonly kind: "tableComment";
  readonly table: string;
  readonly schema?: string;
  /** The new comment; `null` drops it. */
  readonly comment: string | null;
  readonly existingComment?: string | null;
}

export interface CreateEnum {
  readonly kind: "createEnum";
  readonly enum: EnumType;
  readonly ifNotExists?: boolean;
}

export interface DropEnum {
  readonly kind: "dropEnum";
  readonly name: string;
  readonly schema?: string;
  readonly ifExists?: boolean;
  readonly enum?: EnumType;
}

export interface AddEnumValue {
  readonly kind: "addEnumValue";
  readonly name: string;
  readonly schema?: string;
  readonly value: string;
  readonly before?: string;
  readonly after?: string;
  readonly ifNotExists?: boolean;
}

/**
 * Remove a value from a PostgreSQL enum type: the type is made again without
 * it and every column of the type converted (refused while a row holds the
 * value). `before` / `after` remember where the value stood, so that the
 * reverse adds it back there.
 */
export interface DropEnumValue {
  readonly kind: "dropEnumValue";
  readonly name: string;
  readonly schema?: string;
  readonly value: string;
  readonly before?: string;
  readonly after?: string;
}

export interface RenameEnumValue {
  readonly kind: "renameEnumValue";
  readonly name: string;
  readonly schema?: string;
  readonly from: string;
  readonly to: string;
}

export interface BulkInsert {
  readonly kind: "bulkInsert";
  readonly table: string;
  readonly schema?: string;
  /** The columns written, with their types so offline literals render right. */
  readonly columns: readonly { readonly name: string; readonly type?: ColumnType }[];
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

/**
 * PostgreSQL: a table's row-level security flags set to `enabled` and `force`
 * (`ALTER TABLE ... ENABLE|DISABLE ROW LEVEL SECURITY`, `[NO] FORCE ROW LEVEL SECURITY`).
 * `existing` is how they were, so the change can be reversed.
 */
export interface SetRowLevelSecurity {
  readonly kind: "rowLevelSecurity";
  readonly table: string;
  readonly schema?: string;
  readonly enabled: boolean;
  readonly force: boolean;
  readonly existing?: { readonly enabled: boolean; readonly force: boolean };
}

/** PostgreSQL: `CREATE POLICY` on a table. */
export interface CreatePolicy {
  readonly kind: "createPolicy";
  readonly table: string;
  readonly schema?: string;
  readonly policy: Policy;
}

/** PostgreSQL: `DROP POLICY` of a table. */
export interface DropPolicy {
  readonly kind: "dropPolicy";
  readonly table: string;
  readonly schema?: string;
  readonly name: string;
  readonly ifExists?: boolean;
  /** The policy as it was, when known, so the drop can be reversed. */
  readonly policy?: Policy;
}

/** PostgreSQL: `CREATE SEQUENCE`. */
export interface CreateSequence {
  readonly kind: "createSequence";
  readonly sequence: Sequence;
  readonly ifNotExists?: boolean;
}

/** PostgreSQL: `DROP SEQUENCE`. */
export interface DropSequence {
  readonly kind: "dropSequence";
  readonly name: string;
  readonly schema?: string;
  readonly ifExists?: boolean;
  /** The sequence as it was, when known, so the drop can be reversed. */
  readonly sequence?: Sequence;
}

/** What an `ALTER SEQUENCE` sets (`ownedBy: null` = `OWNED BY NONE`); left out = unchanged. */
export interface SequenceChanges extends SequenceOptions {
  readonly type?: "smallint" | "integer" | "bigint";
  readonly ownedBy?: { readonly table: string; readonly column: string } | null;
  /**
   * PostgreSQL `RESTART [WITH n]`: the next value is `n` (`true`: the start
   * value). Needed when new bounds leave out the current value. A downgrade
   * does not undo it.
   */
  readonly restart?: true | SequenceValue;
}

/** PostgreSQL: `ALTER SEQUENCE`; `existing` holds the changed options as they were. */
export interface AlterSequence {
  readonly kind: "alterSequence";
  readonly name: string;
  readonly schema?: string;
  readonly changes: SequenceChanges;
  readonly existing: SequenceChanges;
}
