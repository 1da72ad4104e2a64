import type { Config } from "../config/index.js";
import { connect, findDialect, getDialect } from "../dialects/index.js";
import { landsBelow } from "../graph/index.js";
import { readCurrentHeadsByDatabase, VersionTable } from "../runtime/index.js";
import type { ScriptDirectory } from "../script/index.js";
import { parseUrl, unknownDatabaseKind } from "../dialects/url.js";
import { lintRevisions } from "../lint/index.js";
import type { LintResult } from "../lint/index.js";

export type { LintFinding, LintOperationRef, LintResult, LintSeverity } from "../lint/index.js";
import { loadEnvironment } from "../runtime/run-environment.js";
import { AthanorError } from "../util/errors.js";
import { scriptDirectoryOf, type GraphCommandOptions } from "./revision-info.js";

/** Options of {@link lint}. */
export interface LintOptions extends GraphCommandOptions {
  /** `start:end` as `history` takes it; default `base:heads` (every revision). */
  readonly revRange?: string;
  /** Only revisions after this one (not it, nor its ancestors). */
  readonly since?: string;
  /** `sqlite`, `postgresql` or `mysql`; default the scheme of the configured URL. */
  readonly dialect?: string;
  /**
   * Read the applied revisions from a database (its version table, nothing
   * else) for the `non-linear-history` rule: `true` for the configured one
   * (every database of a multi-database config), or a URL. Without it lint
   * opens no connection and reports that rule as not checked.
   */
  readonly database?: boolean | string;
}

/**
 * Analyse revisions without a database: run each one's `upgrade()` and
 * `downgrade()` in recording mode and report what is destructive, breaks the
 * running release, depends on the data, locks or rewrites tables, or is badly
 * written, each finding with a rule id, severity and what to do instead.
 *
 * @example
 * ```ts
 * const { findings } = await command.lint(config, { since: "ae1027a6acf" });
 * if (findings.some((f) => f.severity === "error")) process.exitCode = 1;
 * ```
 */
export async function lint(config: Config, options: LintOptions = {}): Promise<LintResult> {
  const range = options.revRange?.trim() || "base:heads";
  if (!range.includes(":")) {
    throw new AthanorError(`Lint range '${range}' has no ':'`, { hint: "give [start]:[end], e.g. base:heads or ae10:" });
  }
  const script = await scriptDirectoryOf(config, options);
  const env = await loadEnvironment(script);
  const dialect = dialectFor(config, options.dialect, env.url);
  let chosen = script.map.history(range);
  if (options.since !== undefined) {
    const before = new Set(script.map.history(`base:${options.since}`).map((rev) => rev.revision));
    chosen = chosen.filter((rev) => !before.has(rev.revision));
  }
  const revisions = [...chosen].reverse().map((rev) => rev.source);
  const applied = options.database === undefined || options.database === false ? undefined : await appliedHeads(config, script, options.database);
  return lintRevisions({
    revisions,
    load: (source) => script.loadRevision(source),
    dialect,
    targetMetadata: env.targetMetadata,
    ...(applied === undefined
      ? {}
      : { landsBelow: (revision: string) => [...new Set(applied.flatMap((heads) => landsBelow(script.map, heads, revision)))] }),
  });
}

/** The version-table rows of each database lint is pointed at (read only; a missing table is no row). */
async function appliedHeads(config: Config, script: ScriptDirectory, database: true | string): Promise<string[][]> {
  if (database === true) return (await readCurrentHeadsByDatabase(script, { command: "lint" })).map((d) => [...d.heads]);
  const connection = await connect(database, { cwd: config.baseDir, mustExist: true });
  try {
    return [await new VersionTable(connection.dialect, config.versionTable, config.versionTableSchema ?? null).readHeads(connection)];
  } finally {
    await connection.close();
  }
}

function dialectFor(config: Config, given: string | undefined, envUrl: string | undefined) {
  const named = (name: string) => {
    const dialect = findDialect(name);
    if (dialect === undefined) {
      throw new AthanorError(`Unknown dialect '${name}'`, { hint: "give --dialect sqlite, postgresql or mysql" });
    }
    return dialect;
  };
  if (given !== undefined) return named(given === "mariadb" ? "mysql" : given);
  const urls = [envUrl ?? config.url, ...config.databases.map((db) => db.url)].filter((url): url is string => typeof url === "string" && url !== "");
  const kinds = [...new Set(urls.map((url) => {
    const parsed = parseUrl(url);
    if (!findDialect(parsed.dialect)) throw unknownDatabaseKind(parsed);
    return parsed.dialect;
  }))];
  if (kinds.length === 0) {
    throw new AthanorError("No database URL is configured, so lint cannot tell which database the revisions are for", {
      hint: "give --dialect sqlite, postgresql or mysql",
    });
  }
  if (kinds.length > 1) {
    throw new AthanorError(`The configured databases are of several kinds (${kinds.join(", ")})`, {
      hint: "lint each with --dialect",
    });
  }
  return getDialect(kinds[0]!);
}
