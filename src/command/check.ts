import type { Config } from "../config/config.js";
import { autogenerateProject } from "./autogenerate-project.js";
import type { RenameHints, SchemaDiff } from "../autogenerate/compare/types.js";
import { describeDiff } from "../autogenerate/describe-diff.js";
import { renderOperations } from "../autogenerate/render/index.js";
import { renameWarning } from "./autogenerate-revision.js";
import { ScriptDirectory } from "../script/script-directory.js";
import { AthanorError } from "../util/errors.js";
import type { FleetCheckResult, FleetOptions } from "../fleet/types.js";

/** Options of {@link check}. */
export interface CheckOptions {
  /** Renames to apply, added to env.ts's `renames` (`--rename`). */
  readonly renames?: RenameHints;
}

/** What {@link check} found. */
export interface CheckResult {
  /** `true` when the database matches the declared schema: no operation would be generated. */
  readonly upToDate: boolean;
  /** The differences, in the order the operations would run. */
  readonly diffs: readonly SchemaDiff[];
  /** One line per difference (`add column users.age`). */
  readonly differences: readonly string[];
  /** The upgrade operations autogenerate would write, as code. */
  readonly upgrades: string;
  /** Likely renames and changes compare reports without an operation. */
  readonly warnings: readonly string[];
  /**
   * What the database holds or the declaration states that athanor does not
   * compare, one line each (`not compared: trigger "audit" on table "users"`).
   * They do not make the database out of date; `includeObject` silences one.
   */
  readonly notCompared: readonly string[];
}

/**
 * Compare the declared schema (env.ts's `targetMetadata`) with the database,
 * as `revision --autogenerate` does, without writing anything. Fails with
 * "Target database is not up to date." unless the database is at the heads.
 *
 * @example
 * ```ts
 * const result = await command.check(config);
 * if (!result.upToDate) console.log(result.differences.join("\n"));
 *
 * // every target of a fleet
 * const fleet = await command.check(config, { fleet: "tenants" });
 * for (const t of fleet.targets) if (!t.upToDate) console.log(t.name, t.differences, t.error?.message);
 * ```
 */
export async function check(config: Config, options: CheckOptions & FleetOptions): Promise<FleetCheckResult>;
export async function check(config: Config, options?: CheckOptions): Promise<CheckResult>;
export async function check(config: Config, options: CheckOptions & Partial<FleetOptions> = {}): Promise<CheckResult | FleetCheckResult> {
  const scripts = await ScriptDirectory.fromConfig(config);
  if (options.fleet !== undefined) {
    // each target compared as one database is, through a connection in its schema
    const { checkFleet } = await import("../fleet/check-fleet.js");
    const { fleet, renames } = options;
    return checkFleet(scripts, { ...options, fleet }, (one) => check(one, renames === undefined ? {} : { renames }));
  }
  const run = await autogenerateProject(config, scripts, { mustExist: true, ...(options.renames === undefined ? {} : { renames: options.renames }) });
  const upgrades = renderOperations(run.upgradeOps, { dialect: run.dialect, namingConvention: run.namingConvention, asBatch: false }).upgrades;
  return {
    upToDate: run.upgradeOps.length === 0,
    diffs: run.diffs,
    differences: run.diffs.map(describeDiff),
    upgrades,
    warnings: [
      ...run.warnings.filter((w) => w.code !== "renameCandidate").map((w) => w.message),
      ...run.renameCandidates.map(renameWarning),
      ...run.irreversible.map((reason) => `a revision's downgrade would leave out what cannot be undone: ${reason}`),
    ],
    notCompared: run.notCompared,
  };
}

/**
 * Renames as the command line states them: `table:new` renames a table,
 * `table.column:new` a column, `schema.table.column:new` a column of a schema.
 *
 * @example
 * ```ts
 * parseRenames(["user:users", "users.name:full_name"]);
 * // { tables: { user: "users" }, columns: { "users.name": "full_name" } }
 * ```
 */
export function parseRenames(values: readonly string[]): RenameHints {
  const tables: Record<string, string> = {};
  const columns: Record<string, string> = {};
  for (const text of values) {
    const colon = text.lastIndexOf(":");
    const from = colon < 0 ? "" : text.slice(0, colon).trim();
    const to = colon < 0 ? "" : text.slice(colon + 1).trim();
    const parts = from.split(".");
    if (from === "" || to === "" || to.includes(".") || parts.length > 3 || parts.some((p) => p === "")) {
      throw new AthanorError(`--rename "${text}" is not a rename`, { hint: "write --rename old_table:new_table or --rename table.old_column:new_column" });
    }
    if (parts.length === 1) tables[from] = to;
    else columns[from] = to;
  }
  return { tables, columns };
}
