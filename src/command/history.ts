import type { Config } from "../config/index.js";
import { AthanorError } from "../util/errors.js";
import { requireCurrentHeads, type CurrentHeadsReader } from "./current-heads.js";
import { describeRevision, scriptDirectoryOf, type GraphCommandOptions, type RevisionInfo } from "./revision-info.js";

/** Options of {@link history}. */
export interface HistoryOptions extends GraphCommandOptions {
  /**
   * `start:end`, `start:` or `:end`; each end may be any revision symbol, a
   * relative one such as `-3` or `head-2`, or `current`.
   */
  readonly revRange?: string;
  /** Mark the revisions the database is at (`isCurrent`). */
  readonly indicateCurrent?: boolean;
  /** Reads the database's revisions; needed for `current` and `indicateCurrent`. */
  readonly currentHeads?: CurrentHeadsReader;
}

/**
 * The revisions in a range, newest first (children before their parents), as
 * `athanor history` lists them.
 *
 * @example
 * ```ts
 * const last3 = await command.history(config, { revRange: "-3:" });
 * ```
 */
export async function history(config: Config, options: HistoryOptions = {}): Promise<RevisionInfo[]> {
  const range = options.revRange?.trim();
  if (range !== undefined && !range.includes(":")) {
    throw new AthanorError(`History range '${range}' has no ':'`, {
      hint: "give [start]:[end], [start]: or :[end]",
    });
  }
  const script = await scriptDirectoryOf(config, options);
  const needsCurrent =
    options.indicateCurrent === true || (range !== undefined && mentionsCurrent(range));
  let current: readonly string[] | undefined;
  if (needsCurrent) {
    const reader = requireCurrentHeads(options.currentHeads, "'current'");
    current = await reader(config);
  }
  const marks = options.indicateCurrent && current ? new Set(current) : undefined;
  return script.map.history(range, current).map((rev) => describeRevision(rev, marks));
}

function mentionsCurrent(range: string): boolean {
  return range.split(":").some((end) => /(^|@)current([+-]\d+)?$/.test(end.trim()));
}
