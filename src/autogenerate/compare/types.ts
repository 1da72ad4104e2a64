import type { Dialect } from "../../dialects/contract/index.js";
import type { CustomOperation } from "../../operations/operation.js";
import type { ColumnChanges, Constraint, ExistingColumn, SchemaOperation, SequenceChanges } from "../../dialects/contract/index.js";
import type { Policy, Sequence } from "../../schema/model.js";
import type { Column, ColumnType, DialectOptions, EnumType, Index, ServerDefault, Table, View } from "../../schema/model.js";
import type { CanonicalView, PolicyConditions } from "../../dialects/contract/index.js";
import type { NotModelledKind } from "../../schema/not-modelled.js";

/**
 * One difference between the declared schema and the database, in the order
 * {@link diffsToOperations} turns them into operations. Tables and columns are
 * named as declared; `schema` is left out for the default schema.
 */
export type SchemaDiff =
  | { readonly kind: "addTable"; readonly table: Table }
  /** The table as the database has it, so the downgrade can recreate it. */
  | { readonly kind: "removeTable"; readonly table: Table }
  | { readonly kind: "renameTable"; readonly schema?: string; readonly from: string; readonly to: string }
  | { readonly kind: "addColumn"; readonly schema?: string; readonly table: string; readonly column: Column }
  | { readonly kind: "removeColumn"; readonly schema?: string; readonly table: string; readonly column: Column }
  | { readonly kind: "renameColumn"; readonly schema?: string; readonly table: string; readonly from: string; readonly to: string; readonly column: Column }
  /** Type, nullability, server default or comment; `existing` is the whole column as it is. */
  | {
      readonly kind: "modifyColumn";
      readonly schema?: string;
      readonly table: string;
      readonly column: string;
      readonly changes: ColumnChanges;
      readonly existing: ExistingColumn;
    }
  | { readonly kind: "addIndex"; readonly schema?: string; readonly table: string; readonly index: Index }
  | { readonly kind: "removeIndex"; readonly schema?: string; readonly table: string; readonly index: Index }
  | { readonly kind: "addConstraint"; readonly schema?: string; readonly table: string; readonly constraint: Constraint }
  /** The constraint as the database has it (always named: the name is what drops it). */
  | { readonly kind: "removeConstraint"; readonly schema?: string; readonly table: string; readonly constraint: Constraint & { readonly name: string } }
  | {
      readonly kind: "tableComment";
      readonly schema?: string;
      readonly table: string;
      readonly comment: string | null;
      readonly existing: string | null;
    }
  /** Table options the declaration states that differ (MySQL's engine, charset, collation, row format), with the database's values. */
  | {
      readonly kind: "tableOptions";
      readonly schema?: string;
      readonly table: string;
      readonly options: DialectOptions;
      readonly existing: DialectOptions;
    }
  | { readonly kind: "addEnum"; readonly enum: EnumType }
  | { readonly kind: "removeEnum"; readonly enum: EnumType }
  | { readonly kind: "renameEnumValue"; readonly schema?: string; readonly name: string; readonly from: string; readonly to: string }
  | {
      readonly kind: "addEnumValue";
      readonly schema?: string;
      readonly name: string;
      readonly value: string;
      readonly before?: string;
      readonly after?: string;
    }
  | { readonly kind: "addView"; readonly view: View }
  /** The view as the database has it, so the downgrade can create it again. */
  | { readonly kind: "removeView"; readonly view: View }
  /**
   * A view whose definition or options differ (`changes` names them); `existing` is the view as the database has it.
   * `aroundTables`: it reads a table whose columns change, so it is dropped before that and created after.
   */
  | { readonly kind: "replaceView"; readonly view: View; readonly existing: View; readonly changes: readonly string[]; readonly aroundTables?: boolean }
  /** A view dropped and created again, unchanged, around changes to `because`, a table or view it reads. */
  | { readonly kind: "rebuildView"; readonly view: View; readonly existing: View; readonly because: string }
  /** PostgreSQL: a table's row-level security flags to set, with how they are. */
  | {
      readonly kind: "rowLevelSecurity";
      readonly schema?: string;
      readonly table: string;
      readonly enabled: boolean;
      readonly force: boolean;
      readonly existing: { readonly enabled: boolean; readonly force: boolean };
    }
  | { readonly kind: "addPolicy"; readonly schema?: string; readonly table: string; readonly policy: Policy }
  /** The policy as the database has it, so the downgrade can create it again. */
  | { readonly kind: "removePolicy"; readonly schema?: string; readonly table: string; readonly policy: Policy }
  | { readonly kind: "addSequence"; readonly sequence: Sequence }
  /** The sequence as the database has it, so the downgrade can create it again. */
  | { readonly kind: "removeSequence"; readonly sequence: Sequence }
  /** The options of a sequence that change, and their values in the database. */
  | { readonly kind: "alterSequence"; readonly schema?: string; readonly name: string; readonly changes: SequenceChanges; readonly existing: SequenceChanges }
  /** An operation a comparator registered with `registerComparator` added; `description` is its line in `check`. */
  | { readonly kind: "operation"; readonly operation: SchemaOperation | CustomOperation; readonly description: string; readonly schema?: string; readonly table?: string };

/** Something compare noticed but does not turn into an operation by itself. */
export interface CompareWarning {
  readonly code:
    | "renameCandidate"
    | "renameNotApplied"
    | "enumValuesChanged"
    | "computedChanged"
    | "unnamedConstraint"
    | "identityChanged"
    | "onUpdateNotSupported"
    /** NULLS NOT DISTINCT, index storage parameters or an exclusion constraint declared for a database without them. */
    | "indexOptionNotSupported"
    /** A named CHECK whose condition the database could not spell for comparison. */
    | "checkNotCompared"
    | "viewNotCompared"
    /** Row-level security or policies declared for a database without them. */
    | "rowLevelSecurityNotSupported"
    /** A standalone sequence declared for a database without them, or with a type or owner it cannot keep. */
    | "sequenceNotSupported"
    /** A materialized view dropped and created again loses the indexes the database has on it (PostgreSQL). */
    | "materializedViewIndexes";
  readonly message: string;
  readonly table?: string;
  readonly schema?: string;
  /** For `renameCandidate`: the rename it suggests, as data (for a prompt). */
  readonly candidate?: RenameCandidate;
}

/** What the include hooks are asked about. */
export type CompareObjectType =
  | "schema"
  | "table"
  | "column"
  | "index"
  | "uniqueConstraint"
  | "foreignKeyConstraint"
  | "checkConstraint"
  | "excludeConstraint"
  | "primaryKey"
  | "enum"
  | "view"
  /** Objects the model does not carry, listed as `not compared: …` (a trigger, a function, …). */
  | NotModelledKind;

/** Where an object sits, for the include hooks. */
export interface CompareParent {
  readonly schemaName?: string;
  readonly tableName?: string;
}

/** The arguments of a `compareType` / `compareServerDefault` function. */
export interface ColumnCompareContext {
  readonly schema?: string;
  readonly table: string;
  readonly column: string;
  readonly declared: Column;
  readonly reflected: Column;
  readonly dialect: Dialect;
}

/**
 * A user's type comparison: `true` = different, `false` = the same, `undefined`
 * = let the dialect's rules decide.
 */
export type CompareTypeFunction = (
  context: ColumnCompareContext,
  declaredType: ColumnType,
  reflectedType: ColumnType,
) => boolean | undefined;

/** Like {@link CompareTypeFunction}, for server defaults (`undefined` = no default). */
export type CompareServerDefaultFunction = (
  context: ColumnCompareContext,
  declaredDefault: ServerDefault | undefined,
  reflectedDefault: ServerDefault | undefined,
) => boolean | undefined;

/** Renames the user states: applied as renames instead of a drop and an add. */
export interface RenameHints {
  /** `{ old: "new" }`, or `{ "schema.old": "new" }`. */
  readonly tables?: Readonly<Record<string, string>>;
  /** `{ "table.old": "new" }` (the table's new or old name), or `{ "schema.table.old": "new" }`. */
  readonly columns?: Readonly<Record<string, string>>;
  /** PostgreSQL enum values: `{ "mood.old": "new" }`, or `{ "schema.mood.old": "new" }`. */
  readonly enumValues?: Readonly<Record<string, string>>;
}

/** env.ts's compare options, plus the database. */
export interface CompareOptions {
  /** The database compared against: its DDL compiler and comparison rules. */
  readonly dialect: Dialect;
  /**
   * Which schemas take part: `true` or omitted = every table given; `false` =
   * only tables of the default schema; a list or a function = those schemas
   * (the default schema always takes part).
   */
  readonly includeSchemas?: boolean | readonly string[] | ((schema: string) => boolean);
  /** Asked for every reflected name before it is compared; `false` leaves it out. */
  readonly includeName?: (name: string, type: CompareObjectType, parent: CompareParent) => boolean;
  /** Asked for every object of both sides; `false` leaves it out. */
  readonly includeObject?: (
    object: unknown,
    name: string | undefined,
    type: CompareObjectType,
    reflected: boolean,
    compareTo: unknown,
  ) => boolean;
  /** Compare column types (default true). */
  readonly compareType?: boolean | CompareTypeFunction;
  /** Compare server defaults (default true: each dialect normalises its spellings). */
  readonly compareServerDefault?: boolean | CompareServerDefaultFunction;
  readonly renames?: RenameHints;
  /**
   * The declared views' definitions as the live database would keep them, by
   * schema and name (`viewKey`), from `dialect.views.canonicalize`. Without one,
   * a view whose text differs from the stored one is reported as not compared.
   */
  readonly canonicalViews?: ReadonlyMap<string, CanonicalView>;
  /**
   * Declared CHECK conditions as the live database would keep them, by
   * `checkKey(schema, table, name)`, from `dialect.compare.canonicalChecks`
   * (`undefined`: the database could not read it). A named check whose text
   * differs from the stored one is compared by this form when given.
   */
  readonly canonicalChecks?: ReadonlyMap<string, string | undefined>;
  /**
   * Declared policies' conditions as the live database would keep them, by
   * `checkKey(schema, table, policy name)`, from
   * `dialect.compare.canonicalPolicyConditions` (`undefined`: the database
   * could not read them). A policy whose text differs from the stored one is
   * compared by this form when given.
   */
  readonly canonicalPolicies?: ReadonlyMap<string, PolicyConditions | undefined>;
  /** The version table, never compared (default `athanor_version`). */
  readonly versionTable?: string;
  readonly versionTableSchema?: string;
  /** The history table beside the version table, never compared either (default: the version table's name with `_history` for `_version`). */
  readonly historyTable?: string | false;
  /** Receives each warning (rename candidates, enum values that cannot be changed by ALTER, ...). */
  readonly onWarning?: (warning: CompareWarning) => void;
}

/** A dropped and an added table or column that look like one renamed. */
export type RenameCandidate =
  | { readonly kind: "table"; readonly schema?: string; readonly from: string; readonly to: string }
  | { readonly kind: "column"; readonly schema?: string; readonly table: string; readonly from: string; readonly to: string };
