import type { Config } from "../config/index.js";
import { historyStatus, readCurrentHeads as readHeadsOf, readCurrentHeadsByDatabase } from "../runtime/index.js";
import type { DatabaseHeads, HistoryStatus } from "../runtime/index.js";
import { ScriptDirectory } from "../script/index.js";
import { AthanorError } from "../util/errors.js";
import type { FleetCurrentResult, FleetOptions } from "../fleet/types.js";
import type { RevisionInfo } from "./revision-info.js";
import { describeRevision } from "./revision-info.js";

/** One revision the database is at. */
export interface CurrentHead extends Omit<RevisionInfo, "isCurrent"> {
  /** `false` when the version table names a revision no script defines. */
  readonly known: boolean;
}

/** What `current` returns. */
export interface CurrentResult {
  /**
   * The revisions the database is at, described from the scripts: the version
   * table's rows, plus revisions they imply through `dependsOn` that are the
   * tip of their own branch (Alembic's `current`).
   */
  readonly heads: readonly CurrentHead[];
  /** The version table's rows as they are. */
  readonly rows: readonly string[];
  /** Whether the database is at exactly the scripts' heads. */
  readonly atHeads: boolean;
  /** The scripts' heads, for comparison. */
  readonly scriptHeads: readonly string[];
  /**
   * Each database on its own (one entry in a single-database project); `heads`,
   * `rows` and `atHeads` above are for them all together.
   */
  readonly databases: readonly DatabaseCurrent[];
}

/** Where one database of the project is. */
export interface DatabaseCurrent {
  /** The database's name in a multi-database run, else `undefined`. */
  readonly database: string | undefined;
  readonly heads: readonly CurrentHead[];
  readonly rows: readonly string[];
  readonly atHeads: boolean;
  /**
   * With `{ history: true }`: what the history table says against the files
   * (changed files, rows without a file, revisions applied out of order), as
   * `athanor status` reports it.
   */
  readonly history?: HistoryStatus;
}

/** Options of `current`. */
export interface CurrentOptions {
  /** Fail (AthanorError) unless the database is at exactly the scripts' heads. */
  readonly checkHeads?: boolean;
  /** Also read the history table and compare it with the files (`current -v`, `--json`). */
  readonly history?: boolean;
}

/**
 * The revision(s) the database is at, read from the version table (which is
 * never created by this command).
 *
 * @example
 * ```ts
 * const { heads, atHeads } = await command.current(config);
 * for (const head of heads) console.log(head.revision, head.isHead ? "(head)" : "");
 *
 * // over a fleet: the targets grouped by the revisions they are at
 * const drift = await command.current(config, { fleet: "tenants" });
 * for (const group of drift.groups) console.log(group.count, group.heads.join(", ") || "base", group.atHeads);
 * ```
 */
export async function current(config: Config, options: FleetOptions): Promise<FleetCurrentResult>;
export async function current(config: Config, options?: CurrentOptions): Promise<CurrentResult>;
export async function current(config: Config, options: CurrentOptions & Partial<FleetOptions> = {}): Promise<CurrentResult | FleetCurrentResult> {
  const script = await ScriptDirectory.fromConfig(config);
  if (options.fleet !== undefined) {
    // the drift: how many targets sit at which revisions, and which ones
    const { currentFleet } = await import("../fleet/current-fleet.js");
    return currentFleet(script, { ...options, fleet: options.fleet });
  }
  const withHistory = "history" in options && options.history === true;
  const read = await readCurrentHeadsByDatabase(script, { history: withHistory });
  const perDatabase: DatabaseHeads[] = read.length > 0 ? read : [{ database: undefined, heads: [] }];
  const rows = [...new Set(perDatabase.flatMap((d) => d.heads))];
  const scriptHeads = [...script.map.heads];
  const isAtHeads = (at: readonly string[]): boolean =>
    at.length === scriptHeads.length && scriptHeads.every((h) => at.includes(h));
  const atHeads = perDatabase.every((d) => isAtHeads(d.heads));
  if (options.checkHeads === true && !atHeads) {
    const behind = perDatabase.find((d) => !isAtHeads(d.heads))!;
    const missing = scriptHeads.filter((h) => !behind.heads.includes(h));
    const which = behind.database === undefined ? "Database" : `Database ${behind.database}`;
    throw new AthanorError(`${which} is not on all head revisions`, {
      hint:
        missing.length > 0
          ? `not applied: ${missing.join(", ")}; run \`athanor upgrade heads\``
          : `the database is at ${behind.heads.join(", ") || "base"}, the scripts' heads are ${scriptHeads.join(", ")}`,
    });
  }
  const databases = perDatabase.map(
    (d): DatabaseCurrent => ({
      database: d.database,
      heads: describeRows(script, d.heads),
      rows: d.heads,
      atHeads: isAtHeads(d.heads),
      ...(withHistory ? { history: historyStatus(script.map, d.heads, d.history, d.historyTable ?? null) } : {}),
    }),
  );
  return { heads: describeRows(script, rows), rows, atHeads, scriptHeads, databases };
}

/** The revisions a database's rows name, described from the scripts. */
function describeRows(script: ScriptDirectory, rows: readonly string[]): CurrentHead[] {
  // Like Alembic, list what the rows imply: a revision reached only as a
  // dependency of a row is current too (shown when no row of its own lineage is).
  const allKnown = rows.every((r) => script.map.get(r) !== undefined);
  const shown = allKnown && rows.length > 0 ? script.map.allCurrent(rows).map((r) => r.revision) : rows;
  const heads = shown.map((revision): CurrentHead => {
    const rev = script.map.get(revision);
    if (rev === undefined) {
      return {
        revision,
        known: false,
        downRevisions: [],
        dependencies: [],
        branchLabels: [],
        branches: [],
        nextRevisions: [],
        isHead: false,
        isRealHead: false,
        isBase: false,
        isBranchPoint: false,
        isMergePoint: false,
        doc: "",
        longDoc: "",
        path: "",
        createDate: null,
      };
    }
    const { isCurrent: _ignored, ...info } = describeRevision(rev, new Set(rows));
    return { ...info, known: true };
  });
  return heads;
}

/**
 * Reads the database's current revisions for a config: the reader the graph
 * commands use for `current` in ranges (`history -r current:`).
 */
export async function readCurrentHeads(config: Config): Promise<readonly string[]> {
  return readHeadsOf(await ScriptDirectory.fromConfig(config));
}
