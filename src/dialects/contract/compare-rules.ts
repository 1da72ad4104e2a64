import type { Column, ColumnType, ForeignKeyAction, Table } from "../../schema/model.js";

/**
 * One database's comparison rules for autogenerate: each hook takes text the
 * generic comparison has already lower-cased outside quotes and stripped of
 * redundant whitespace, and returns it in this database's canonical spelling,
 * so that two spellings of the same thing become equal strings.
 */
export interface DialectCompareRules {
  /** A rendered type (`character varying(20)`, `int4`, `int(11)`) in canonical form. */
  typeKey(rendered: string, type: ColumnType): string;
  /** A default expression as this database prints it, without casts and wrappers it adds. */
  defaultSql?(sql: string, column: Column): string;
  /** A condition or index expression as this database prints it (casts, parentheses, IN lists). */
  expression?(sql: string): string;
  /** Enum types are named schema objects (PostgreSQL): compared by name, values compared as types. */
  readonly namedEnums: boolean;
  /** Whether tables and columns keep comments. */
  readonly comments: boolean;
  /** Referential actions that mean the same as none stated. */
  readonly defaultActions: readonly ForeignKeyAction[];
  /** A unique index over plain columns is the same thing as a unique constraint (MySQL). */
  readonly uniqueIndexIsConstraint: boolean;
  /** An identity column reads back as autoincrement (MySQL). */
  readonly identityIsAutoincrement: boolean;
  /** Primary keys keep their declared names (compared only when both sides name them). */
  readonly primaryKeyNames: boolean;
  /**
   * The conversion a type change needs, when the database does not convert by
   * itself (PostgreSQL's `USING "col"::type`); `column` is quoted, `rendered` the new type's SQL.
   */
  conversion?(column: string, from: ColumnType, to: ColumnType, rendered: string): string | undefined;
  /** The database adds an index for each foreign key by itself (MySQL): an undeclared one over a key's columns is not a difference. */
  readonly implicitForeignKeyIndexes?: boolean;
  /**
   * A column collation as compared: `undefined` when it is the one a column
   * stating none gets (MySQL: the table's default, read from `table`, the
   * database's side). Without this hook collations compare as written.
   */
  collationKey?(collation: string, table: Table): string | undefined;
  /** An auto-incrementing key has one type whatever it declares (SQLite: INTEGER): its declared type is not compared. */
  readonly counterTypeIsFixed?: boolean;
  /** Columns take `ON UPDATE <sql>` (MySQL, MariaDB); elsewhere a declared one is warned about and left out. */
  readonly onUpdate?: boolean;
  /** A name as the database keeps it, when it shortens long ones without an error (PostgreSQL: 63 bytes). */
  truncateIdentifier?(name: string): string;
}
