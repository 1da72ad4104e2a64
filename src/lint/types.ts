import type { SchemaOperation } from "../dialects/contract/index.js";

/** How serious a finding is: an `error` makes `athanor lint` exit 1. */
export type LintSeverity = "error" | "warning" | "info";

/**
 * The operation a finding is about, as plain data: its kind and the objects it
 * names (only the fields that apply are present).
 *
 * @example
 * ```ts
 * const op: LintOperationRef = { kind: "dropColumn", table: "users", column: "email" };
 * ```
 */
export interface LintOperationRef {
  readonly kind: string;
  readonly schema?: string;
  readonly table?: string;
  readonly column?: string;
  readonly index?: string;
  readonly constraint?: string;
  readonly enum?: string;
  readonly value?: string;
}

/**
 * One finding of `athanor lint`: a stable rule id, its severity, the revision
 * and operation it is about, what is wrong and what to do instead.
 *
 * @example
 * ```ts
 * const finding: LintFinding = {
 *   rule: "drop-column", severity: "error", revision: "ae1027a6acf",
 *   operation: { kind: "dropColumn", table: "users", column: "email" },
 *   message: "dropping column users.email deletes its data",
 *   fix: "stop reading the column first, back its data up, and drop it in a later release",
 * };
 * ```
 */
export interface LintFinding {
  readonly rule: string;
  readonly severity: LintSeverity;
  readonly revision: string;
  /** `null` for a finding about the whole revision (a missing downgrade, a suppression comment). */
  readonly operation: LintOperationRef | null;
  readonly message: string;
  readonly fix: string;
}

/** The result of linting revisions: the findings left after suppressions, and the revisions read, oldest first. */
export interface LintResult {
  readonly findings: readonly LintFinding[];
  readonly revisions: readonly string[];
  /** The dialect the operations were read for (`sqlite`, `postgresql`, `mysql`). */
  readonly dialect: string;
  /** Findings a `// athanor-lint-disable` comment with a reason removed. */
  readonly suppressed: number;
  /**
   * Rules that were not checked, and why: `non-linear-history` needs the
   * applied revisions, read only when lint is given a database.
   */
  readonly notChecked: readonly { readonly rule: string; readonly reason: string }[];
}

/** `op.batchAlterTable(...)` as lint records it: its operations, and whether the table is copied. */
export interface RecordedBatch {
  readonly kind: "batchAlterTable";
  readonly table: string;
  readonly schema?: string;
  /** Whether the batch moves and copies the table (create a copy, copy every row, drop, rename). */
  readonly recreate: boolean;
}

/** Raw SQL recorded from `op.execute` (and from registered operations, which run their own SQL). */
export interface RecordedSql {
  readonly kind: "execute";
  readonly sql: string;
}

/** One step a revision function took, in order. */
export type RecordedOperation = SchemaOperation | RecordedSql | RecordedBatch;

/** An operation with where it was called from. */
export interface RecordedStep {
  readonly operation: RecordedOperation;
  /** The table of the `batchAlterTable` the operation was queued in, if any. */
  readonly inBatch?: string;
}

/** What running a revision's functions in recording mode gave. */
export interface RecordedRevision {
  readonly revision: string;
  readonly path: string;
  /** `transactional = false` in the file. */
  readonly transactional: boolean;
  /** `irreversible = true` (or a reason) in the file: the downgrade is empty on purpose. */
  readonly irreversible: boolean;
  readonly upgrade: readonly RecordedStep[];
  readonly downgrade: readonly RecordedStep[];
  /** Why a function could not be run in recording mode, if it could not. */
  readonly failure?: { readonly fn: "upgrade" | "downgrade"; readonly message: string };
}

/** What a rule sees: the dialect, the revision, and the tables its upgrade created before the operation. */
export interface RuleContext {
  readonly dialect: string;
  readonly revision: RecordedRevision;
  /** Whether the table existed before this revision (it was not created earlier in the same upgrade). */
  existing(table: string, schema?: string): boolean;
  /**
   * The applied revisions this one would land below (see `landsBelow`), read
   * from the database; `undefined` when lint was given no database.
   */
  readonly landsBelow?: readonly string[] | undefined;
}

/** A finding as a rule returns it: the runner adds the revision. */
export type RuleFinding = Omit<LintFinding, "revision">;

/**
 * One lint rule: its stable id, severity, databases, and the check of one operation.
 *
 * @example
 * ```ts
 * const rule: LintRule = {
 *   id: "drop-table", severity: "error", group: "destructive", databases: "all",
 *   summary: "drops a table and its data", fix: "...",
 *   check: (step) => step.operation.kind === "dropTable" ? ["dropping table ..."] : [],
 * };
 * ```
 */
export interface LintRule {
  readonly id: string;
  readonly severity: LintSeverity;
  readonly group: "destructive" | "backward-incompatible" | "data-dependent" | "locking" | "hygiene";
  /** `all`, or the dialects it applies to. */
  readonly databases: "all" | readonly string[];
  /** One line: what the rule finds. */
  readonly summary: string;
  /** What to do instead. */
  readonly fix: string;
  /** Messages for one operation of the upgrade (empty: nothing found). */
  check?(step: RecordedStep, context: RuleContext): readonly string[];
  /** Messages for the whole revision (operation `null`). */
  checkRevision?(context: RuleContext): readonly string[];
}
