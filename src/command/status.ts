import type { Config } from "../config/index.js";
import type { HistoryStatus } from "../runtime/index.js";
import { historyStatus, readCurrentHeadsByDatabase } from "../runtime/index.js";
import { ScriptDirectory } from "../script/index.js";

export type { ChangedRevision, HistoryStatus, OutOfOrderRevision } from "../runtime/index.js";

/** Where one database stands against its history and the revision files. */
export interface DatabaseStatus {
  /** The database's name in a multi-database run, else `undefined`. */
  readonly database: string | undefined;
  /** The version table's rows. */
  readonly rows: readonly string[];
  readonly history: HistoryStatus;
}

/** What `status` returns: one entry per database (one in a single-database project). */
export interface StatusResult {
  readonly databases: readonly DatabaseStatus[];
  /** Whether any database has a changed file (of what runs), a row without a file, or a revision applied out of order. */
  readonly clean: boolean;
}

/**
 * Compare each database's applied history with the revision files: revisions
 * whose file changed after they were applied (formatting only, or what runs),
 * version rows no file defines, revisions applied out of order (below
 * revisions already applied), and where the recorded history starts. Reads
 * the database only.
 *
 * @example
 * ```ts
 * const { databases } = await command.status(config);
 * for (const c of databases[0]!.history.changed) console.log(c.revision, c.change);
 * ```
 */
export async function status(config: Config): Promise<StatusResult> {
  const script = await ScriptDirectory.fromConfig(config);
  const read = await readCurrentHeadsByDatabase(script, { history: true, command: "status" });
  const databases = read.map(
    (d): DatabaseStatus => ({
      database: d.database,
      rows: d.heads,
      history: historyStatus(script.map, d.heads, d.history, d.historyTable ?? null),
    }),
  );
  const clean = databases.every(
    (d) => d.history.changed.every((c) => c.change === "formatting") && d.history.missingFiles.length === 0 && d.history.outOfOrder.length === 0,
  );
  return { databases, clean };
}
