/**
 * Fleets: many databases or schemas migrated as one (a database or a PostgreSQL
 * schema per tenant, shards, regional copies). The shapes a user declares and
 * the shapes the fleet commands return.
 */

/** One member of a fleet. */
export interface FleetTarget {
  /** Unique within the fleet; revisions read it as `op.database`; `--only`/`--except` match it. */
  readonly name: string;
  /** Connection URL (shown masked in every output). */
  readonly url: string;
  /**
   * PostgreSQL: the tenant's schema (the version table lives there and the
   * session's `search_path` is set to it). MySQL/MariaDB: the tenant's
   * database (the version table lives there and the session `USE`s it).
   * Not for SQLite (one file per tenant).
   */
  readonly schema?: string;
}

/** A fleet as declared: its targets, or a function reading them (from a control database, a file, an API). */
export type FleetSource = readonly FleetTarget[] | (() => readonly FleetTarget[] | Promise<readonly FleetTarget[]>);

/** Where a command runs over a fleet: a fleet's name (`fleets` of the config or env.ts), or the targets themselves. */
export type FleetSelector = string | readonly FleetTarget[];

/** Options every fleet command takes. */
export interface FleetOptions {
  /** The fleet: a name declared in `fleets`, or targets given directly. */
  readonly fleet: FleetSelector;
  /** Glob patterns (`*`, `?`, `[a-c]`) on target names: only matching targets run. */
  readonly only?: readonly string[];
  /** Glob patterns on target names: matching targets are left out. */
  readonly except?: readonly string[];
  /** Targets run at once. Default 4 on a database server, 1 for SQLite files (their drivers are synchronous). */
  readonly concurrency?: number;
  /** Stop starting targets after the first failure (running ones finish). Default `false`: continue. */
  readonly failFast?: boolean;
  /** Retries of a transient failure (connection refused, lock timeout, serialization failure, deadlock). Default 2. */
  readonly retries?: number;
  /** Aborting stops starting new targets; running ones finish. Targets never started are `pending` in the result. */
  readonly signal?: AbortSignal;
  /** Called as each target starts and ends, for progress output. */
  readonly onProgress?: (event: FleetProgress) => void;
  /** Warnings about the run (a target's server notices, a lock wait), prefixed with the target's name. */
  readonly onWarning?: (message: string) => void;
}

/** How a target ended. */
export type TargetStatus = "migrated" | "skipped" | "failed" | "pending";

/** What a target's failure was, in one line. */
export interface TargetError {
  readonly message: string;
  readonly hint?: string;
  /** The database's error code, when there is one (SQLSTATE, MySQL error name, `SQLITE_*`). */
  readonly code?: string;
  /** The revision that failed, when a revision failed. */
  readonly revision?: string;
  /** The error's kind: `MigrationError`, `DatabaseError`, `AthanorError`, ... */
  readonly kind: string;
}

/** One target's result. Small on purpose: a fleet's memory grows by one of these per target. */
export interface TargetResult {
  readonly name: string;
  /** The URL with its password masked. */
  readonly url: string;
  readonly schema: string | undefined;
  /**
   * `migrated`: steps ran and the target is at the goal; `skipped`: it was at
   * the goal already; `failed`: see `error`; `pending`: never started (the
   * run was aborted, or stopped by `failFast`).
   */
  readonly status: TargetStatus;
  /** Version table rows before the run (`[]` at base or when never read). */
  readonly initialHeads: readonly string[];
  /** Version table rows after the run (for a failed target: as committed, when known). */
  readonly heads: readonly string[];
  /** Steps that ran on this target. */
  readonly steps: number;
  /** Attempts made (more than one after a transient failure). */
  readonly attempts: number;
  readonly durationMs: number;
  readonly error?: TargetError;
}

/** What `upgrade`, `downgrade` and `stamp` return over a fleet. */
export interface FleetResult {
  /** The fleet's name (`undefined` when the targets were given directly). */
  readonly fleet: string | undefined;
  readonly command: string;
  /** The goal as given (`head`, `-1`, ...). */
  readonly goal: readonly string[];
  /** `true` when every selected target reached the goal. */
  readonly ok: boolean;
  readonly targets: readonly TargetResult[];
  readonly summary: FleetSummary;
}

/** Counts of a fleet run. */
export interface FleetSummary {
  readonly total: number;
  readonly migrated: number;
  readonly skipped: number;
  readonly failed: number;
  readonly pending: number;
  /** Steps run over the whole fleet. */
  readonly steps: number;
  readonly durationMs: number;
  readonly concurrency: number;
}

/** A progress event of a fleet run. */
export type FleetProgress =
  | { readonly type: "start"; readonly total: number; readonly concurrency: number }
  | { readonly type: "target-start"; readonly name: string }
  | { readonly type: "target-retry"; readonly name: string; readonly attempt: number; readonly reason: string }
  | { readonly type: "target-end"; readonly result: TargetResult };

/** Targets sharing one state in `current --fleet`. */
export interface FleetHeadGroup {
  /** The version table's rows (sorted); `[]` at base. */
  readonly heads: readonly string[];
  /** Whether these are exactly the scripts' heads. */
  readonly atHeads: boolean;
  readonly count: number;
  readonly targets: readonly string[];
}

/** What `current` returns over a fleet: the drift. */
export interface FleetCurrentResult {
  readonly fleet: string | undefined;
  readonly scriptHeads: readonly string[];
  /** `true` when every target is readable and at the scripts' heads. */
  readonly atHeads: boolean;
  /** One group per distinct state, the most common first. */
  readonly groups: readonly FleetHeadGroup[];
  /** Targets whose version table could not be read. */
  readonly failed: readonly { readonly name: string; readonly url: string; readonly error: TargetError }[];
  readonly total: number;
}

/** One target's `check` over a fleet. */
export interface FleetCheckTarget {
  readonly name: string;
  readonly url: string;
  readonly schema: string | undefined;
  /** `true` when the declared schema matches this target. */
  readonly upToDate: boolean;
  readonly differences: readonly string[];
  readonly error?: TargetError;
}

/** What `check` returns over a fleet. */
export interface FleetCheckResult {
  readonly fleet: string | undefined;
  /** `true` when every target matches the declared schema. */
  readonly upToDate: boolean;
  readonly targets: readonly FleetCheckTarget[];
}

/** Options of `upgrade`, `downgrade` and `stamp` over a fleet. */
export interface FleetMigrationOptions extends FleetOptions {
  /** An arbitrary tag (as `--tag`). */
  readonly tag?: string;
  /** Offline SQL is not written over a fleet. */
  readonly sql?: false;
  /** `stamp` only: delete every row of each target's version table first. */
  readonly purge?: boolean;
}
