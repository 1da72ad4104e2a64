import type {
  CheckConstraint,
  Column,
  ColumnType,
  EnumType,
  ForeignKey,
  Index,
  PrimaryKey,
  ServerDefault,
  Table,
  UniqueConstraint,
} from "../../schema/model.js";

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
  | CreateEnum
  | DropEnum
  | AddEnumValue
  | RenameEnumValue
  | BulkInsert;

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
}

/** The column as it is before the alter: MySQL's MODIFY/CHANGE must restate everything. */
export interface ExistingColumn {
  readonly type?: ColumnType;
  readonly nullable?: boolean;
  readonly serverDefault?: ServerDefault | null;
  readonly comment?: string | null;
  readonly autoincrement?: boolean;
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
  | ({ readonly type: "check" } & CheckConstraint);

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
