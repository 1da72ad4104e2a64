import { landsBelow } from "../graph/index.js";
import type { RevisionMap } from "../graph/index.js";
import type { Script } from "../script/index.js";
import { codeChecksum, fileChecksum } from "../script/checksum.js";
import { readFileSync } from "node:fs";
import type { HistoryRow } from "./history-table.js";

/** An applied revision whose file is not the one that ran. */
export interface ChangedRevision {
  readonly revision: string;
  /**
   * `formatting`: only comments, layout, quotes or types changed (what runs is
   * the same); `code`: what the revision does changed (or could not be told).
   */
  readonly change: "formatting" | "code";
  readonly path: string;
  /** When the revision was applied (or stamped) with the file as it was. */
  readonly appliedAt: Date | null;
}

/** A revision applied below revisions already applied (non-linear history). */
export interface OutOfOrderRevision {
  readonly revision: string;
  /** The applied revisions it landed below. */
  readonly below: readonly string[];
  readonly appliedAt: Date | null;
}

/**
 * What the history table says about a database against the revision files:
 * the `status` of `athanor status`, `current -v` and `current --json`.
 */
export interface HistoryStatus {
  /** The history table's name; `null` when the config turns the history off. */
  readonly table: string | null;
  /** Whether the table exists (a database migrated before athanor kept a history has none until its next run). */
  readonly exists: boolean;
  /** The first row: where the recorded history starts. */
  readonly startsAt: { readonly revision: string; readonly direction: string; readonly at: Date | null } | null;
  readonly rowCount: number;
  /** Applied revisions whose file changed since. */
  readonly changed: readonly ChangedRevision[];
  /** Version-table rows naming a revision no file defines. */
  readonly missingFiles: readonly string[];
  /** Revisions applied below already-applied ones. */
  readonly outOfOrder: readonly OutOfOrderRevision[];
  /** Applied revisions with no upgrade or stamp row (applied before the history began): their files cannot be checked. */
  readonly unrecorded: readonly string[];
}

/**
 * Compare the history rows with the files and the version table.
 *
 * @example
 * ```ts
 * const status = historyStatus(script.map, ["c3"], rows, "athanor_history");
 * for (const c of status.changed) console.log(c.revision, c.change);
 * ```
 */
export function historyStatus(
  map: RevisionMap<Script>,
  versionRows: readonly string[],
  rows: readonly HistoryRow[] | undefined,
  table: string | null,
): HistoryStatus {
  const missingFiles = versionRows.filter((r) => map.get(r) === undefined);
  const known = versionRows.filter((r) => map.get(r) !== undefined);
  const applied = known.length === 0 ? new Set<string>() : map.ancestorsOf(known);
  const list = rows ?? [];
  // the row each applied revision was last applied (or stamped) with
  const lastApplied = new Map<string, HistoryRow>();
  const last = new Map<string, HistoryRow>();
  for (const row of list) {
    if (row.direction !== "downgrade") lastApplied.set(row.revision, row);
    last.set(row.revision, row);
  }
  // a version row without a file hides its ancestors: the history's last upgrade of each names them
  if (missingFiles.length > 0) {
    for (const [id, row] of last) if (row.direction === "upgrade" && map.get(id) !== undefined) applied.add(id);
  }
  const changed: (ChangedRevision & { order: number })[] = [];
  const unrecorded: string[] = [];
  for (const id of applied) {
    const row = lastApplied.get(id);
    const source = map.get(id)!.source;
    if (row === undefined || row.checksum === null) {
      unrecorded.push(id);
      continue;
    }
    const change = fileChange(source.path, row);
    if (change !== undefined) changed.push({ revision: id, change, path: source.path, appliedAt: row.startedAt, order: row.id });
  }
  const outOfOrder: OutOfOrderRevision[] = [];
  let before: readonly string[] | undefined;
  for (const row of list) {
    if (row.direction === "upgrade" && before !== undefined && applied.has(row.revision)) {
      const below = landsBelow(map, before, row.revision);
      if (below.length > 0) outOfOrder.push({ revision: row.revision, below, appliedAt: row.startedAt });
    }
    before = row.headsAfter === "" ? [] : row.headsAfter.split(",");
  }
  const first = list[0];
  return {
    table,
    exists: rows !== undefined,
    startsAt: first === undefined ? null : { revision: first.revision, direction: first.direction, at: first.startedAt },
    rowCount: list.length,
    // in the order they were applied
    changed: changed.sort((a, b) => a.order - b.order).map(({ order: _order, ...c }) => c),
    missingFiles,
    outOfOrder,
    unrecorded,
  };
}

/** How a file differs from the one a row recorded; `undefined` when it does not. */
export function fileChange(path: string, row: Pick<HistoryRow, "checksum" | "codeChecksum">): "formatting" | "code" | undefined {
  const now = fileChecksum(path);
  if (now === row.checksum) return undefined;
  if (now === undefined || row.codeChecksum === null) return "code";
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return "code";
  }
  return codeChecksum(path, text) === row.codeChecksum ? "formatting" : "code";
}

/** One line per finding, for `status`, `current -v` and `upgrade`'s warnings. */
export function describeStatus(status: HistoryStatus): string[] {
  const lines: string[] = [];
  for (const c of status.changed) {
    lines.push(
      c.change === "formatting"
        ? `${c.revision}: the file changed after it was applied (formatting only: what runs is the same)`
        : `${c.revision}: the file changed after it was applied, and what it runs differs from what ran`,
    );
  }
  for (const r of status.missingFiles) lines.push(`${r}: the version table names it, but no revision file defines it`);
  for (const o of status.outOfOrder) lines.push(`${o.revision}: applied out of order, below ${o.below.join(", ")} (applied before it)`);
  return lines;
}
