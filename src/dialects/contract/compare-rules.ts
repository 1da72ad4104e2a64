import type { Column, ColumnType, DialectOptions, ForeignKeyAction, Table } from "../../schema/model.js";
import type { SequenceDefaults } from "../../schema/sequence.js";
import type { Connection } from "./connection.js";
import type { SequenceState, SequenceTarget } from "./sequence-state.js";

/** A policy's conditions, as SQL text: `using` filters the rows seen, `withCheck` the rows written. */
export interface PolicyConditions {
  readonly using?: string;
  readonly withCheck?: string;
}

/**
 * One database's comparison rules for autogenerate: each hook takes text the
 * generic comparison has already lower-cased outside quotes and stripped of
 * redundant whitespace, and returns it in this database's canonical spelling,
 * so that two spellings of the same thing become equal strings.
 */
export interface DialectCompareRules {
  /** A rendered type (`character varying(20)`, `int4`, `int(11)`) in canonical form. */
  typeKey(rendered: string, type: ColumnType): string;
  /**
   * A default expression as this database prints it, without casts and wrappers it adds.
   * It reads the text alone: the comparison keeps its result per text.
   */
  defaultSql?(sql: string): string;
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
  /** A collation name as compared (case folded where names ignore case); `undefined` for the database's default one. Without this hook names compare as written. */
  collationKey?(collation: string): string | undefined;
  /**
   * Declared column collations as the live server resolves them, for the names
   * it resolves itself (MySQL: a character set named alone, `ascii`, is the
   * server's default collation of that set); names it cannot resolve are left
   * out of the map and compared as written.
   */
  resolveCollations?(connection: Connection, names: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** The collation a column stating none has from its table (MySQL: the table's default, for text columns); undefined where none is known. */
  defaultCollation?(column: Column, table: Table): string | undefined;
  /** An auto-incrementing key has one type whatever it declares (SQLite: INTEGER): its declared type is not compared. */
  readonly counterTypeIsFixed?: boolean;
  /**
   * The table options the declaration states that differ from the database's
   * (MySQL: engine, charset, collation, row format), as per-database bags, with
   * the database's values of the same keys; undefined when they agree. Options
   * the declaration leaves out are never a difference.
   */
  tableOptions?(declared: Table, reflected: Table): { readonly options: DialectOptions; readonly existing: DialectOptions } | undefined;
  /** Columns take `ON UPDATE <sql>` (MySQL, MariaDB); elsewhere a declared one is warned about and left out. */
  readonly onUpdate?: boolean;
  /**
   * Each CHECK condition as this database would keep it on `table` (asked of
   * the live database, whose rewriting is too free to undo by text: PostgreSQL
   * turns BETWEEN into two comparisons); `undefined` for one it could not read.
   * Nothing is left behind. Without this hook conditions compare by their text.
   */
  canonicalChecks?(connection: Connection, table: { readonly name: string; readonly schema?: string }, conditions: readonly string[]): Promise<(string | undefined)[]>;
  /**
   * Each policy's USING and WITH CHECK conditions as this database would keep
   * them on `table` (asked of the live database: PostgreSQL adds casts and
   * qualifies the columns of subqueries); `undefined` for one it could not
   * read. Nothing is left behind. Without this hook conditions compare by their text.
   */
  canonicalPolicyConditions?(connection: Connection, table: { readonly name: string; readonly schema?: string }, policies: readonly PolicyConditions[]): Promise<(PolicyConditions | undefined)[]>;
  /** Unique constraints and indexes take NULLS NOT DISTINCT (PostgreSQL 15); elsewhere a declared one is warned about and left out. */
  readonly nullsNotDistinct?: boolean;
  /** Indexes take storage parameters (`WITH (fillfactor = 70)`, PostgreSQL); elsewhere declared ones are warned about and left out. */
  readonly indexStorageParameters?: boolean;
  /** Tables take row-level security flags and policies (PostgreSQL); elsewhere declared ones are warned about and left out. */
  readonly rowLevelSecurity?: boolean;
  /** The database has standalone sequences that autogenerate compares (PostgreSQL, MariaDB); elsewhere declared ones are warned about. */
  readonly sequences?: boolean;
  /** What the database fills in for sequence options left out, where it differs from PostgreSQL (MariaDB: range, cache, bigint only, no owner). */
  readonly sequenceDefaults?: SequenceDefaults;
  /** The database has exclusion constraints (PostgreSQL); elsewhere declared ones are warned about and left out. */
  readonly exclusionConstraints?: boolean;
  /**
   * Whether `opclass` is the default operator class of some type for the
   * access method `method` (PostgreSQL): the catalog reads a default one back
   * as none, so a declared one compares equal to none.
   */
  defaultOperatorClass?(method: string, opclass: string): boolean;
  /**
   * Where each sequence stands on the live database (PostgreSQL), in the
   * order asked; `undefined` for one not found. Read when autogenerate alters
   * a sequence's bounds, to say when the alter will be refused.
   */
  sequenceStates?(connection: Connection, targets: readonly SequenceTarget[]): Promise<(SequenceState | undefined)[]>;
  /** A name as the database keeps it, when it shortens long ones without an error (PostgreSQL: 63 bytes). */
  truncateIdentifier?(name: string): string;
}
