import type { Config } from "../config/index.js";
import type { EnvironmentDefinition } from "../runtime/env.js";
import { parseUrl } from "../dialects/url.js";
import { AthanorError } from "../util/errors.js";
import { globMatcher } from "./glob.js";
import { schemaMeaning } from "./connect-target.js";
import { checkedTargets } from "./validate-targets.js";
import type { FleetSelector, FleetSource, FleetTarget } from "./types.js";

/** A fleet ready to run: its name and its selected targets. */
export interface ResolvedFleet {
  readonly name: string | undefined;
  readonly targets: readonly FleetTarget[];
  /** The dialect most targets use, for the default concurrency. */
  readonly dialect: string;
}

/** The fleets declared in the config (`fleets`) and in env.ts (`fleets`). */
export function declaredFleets(config: Config, env: EnvironmentDefinition): Map<string, { source: FleetSource; where: string }> {
  const fleets = new Map<string, { source: FleetSource; where: string }>();
  const fromConfig = (config.raw as { fleets?: Record<string, FleetSource> }).fleets ?? {};
  for (const [name, source] of Object.entries(fromConfig)) fleets.set(name, { source, where: "the config" });
  for (const [name, source] of Object.entries(env.fleets ?? {})) {
    if (fleets.has(name)) {
      throw new AthanorError(`Fleet "${name}" is declared both in the config and in env.ts`, { hint: "declare it in one place" });
    }
    fleets.set(name, { source, where: "env.ts" });
  }
  return fleets;
}

/**
 * Read a fleet's targets (calling its function when it is one), check them,
 * and keep those `only`/`except` select.
 */
export async function resolveFleet(
  config: Config,
  env: EnvironmentDefinition,
  selector: FleetSelector,
  filters: { only?: readonly string[] | undefined; except?: readonly string[] | undefined } = {},
): Promise<ResolvedFleet> {
  const name = typeof selector === "string" ? selector : undefined;
  const label = name ?? "given";
  const fail = (message: string): never => {
    throw new AthanorError(message, { hint: "each target is { name, url, schema? }" });
  };
  let raw: unknown;
  if (typeof selector === "string") {
    const fleets = declaredFleets(config, env);
    const found = fleets.get(selector);
    if (found === undefined) {
      const known = [...fleets.keys()];
      throw new AthanorError(`No fleet named "${selector}"`, {
        hint: known.length > 0 ? `known fleets: ${known.join(", ")}` : "declare one under `fleets` in athanor.config.ts or env.ts",
      });
    }
    try {
      raw = typeof found.source === "function" ? await found.source() : found.source;
    } catch (error) {
      throw new AthanorError(`The function of fleet "${selector}" (in ${found.where}) failed: ${error instanceof Error ? error.message : String(error)}`, {
        hint: "it must return the targets, [{ name, url, schema? }, ...]",
        cause: error,
      });
    }
  } else {
    raw = selector;
  }
  const all = checkedTargets(label, raw, fail);
  const counts = new Map<string, number>();
  for (const target of all) {
    let dialect: string;
    try {
      dialect = parseUrl(target.url).dialect;
    } catch (error) {
      throw new AthanorError(`fleets.${label} target "${target.name}": ${error instanceof Error ? error.message : String(error)}`, {
        ...(error instanceof AthanorError && error.hint !== undefined ? { hint: error.hint } : {}),
      });
    }
    if (target.schema !== undefined && schemaMeaning(dialect) === undefined) {
      throw new AthanorError(`fleets.${label} target "${target.name}" names a schema, which ${dialect} does not have`, {
        hint: "give each tenant its own database file instead, and leave out `schema`",
      });
    }
    counts.set(dialect, (counts.get(dialect) ?? 0) + 1);
  }
  const only = filters.only !== undefined && filters.only.length > 0 ? globMatcher(filters.only) : undefined;
  const except = filters.except !== undefined && filters.except.length > 0 ? globMatcher(filters.except) : undefined;
  const targets = all.filter((t) => (only === undefined || only(t.name)) && (except === undefined || !except(t.name)));
  if (targets.length === 0 && all.length > 0) {
    throw new AthanorError(`No target of fleet ${label} matches ${describeFilters(filters)}`, {
      hint: `the fleet has ${all.length} target${all.length === 1 ? "" : "s"}, e.g. ${all.slice(0, 3).map((t) => t.name).join(", ")}`,
    });
  }
  const dialect = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "sqlite";
  return { name, targets, dialect };
}

/**
 * The default number of targets run at once for a dialect: a server works on a
 * few sessions at once; SQLite's drivers are synchronous, so files gain nothing
 * from being run together in one process (`npm run bench -- fleet`) and go one
 * after the other.
 */
export function defaultConcurrency(dialect: string): number {
  return dialect === "sqlite" ? 1 : 4;
}

function describeFilters(filters: { only?: readonly string[] | undefined; except?: readonly string[] | undefined }): string {
  const parts: string[] = [];
  if (filters.only?.length) parts.push(`--only ${filters.only.join(",")}`);
  if (filters.except?.length) parts.push(`--except ${filters.except.join(",")}`);
  return parts.join(" ") || "the filters";
}
