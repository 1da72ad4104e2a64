import type { Config } from "../config/index.js";
import { requireCurrentHeads, type CurrentHeadsReader } from "./current-heads.js";
import { describeRevision, scriptDirectoryOf, type GraphCommandOptions, type RevisionInfo } from "./revision-info.js";

/** Options of {@link show}. */
export interface ShowOptions extends GraphCommandOptions {
  /** Reads the database's revisions; needed for `show current`. */
  readonly currentHeads?: CurrentHeadsReader;
}

/**
 * The revision(s) a symbol names: an id or unique prefix, a branch label,
 * `head`, `heads`, `label@head`, a relative symbol, or `current`.
 *
 * @example
 * ```ts
 * const [rev] = await command.show(config, "a1b2");
 * console.log(rev.path, rev.longDoc);
 * ```
 */
export async function show(
  config: Config,
  symbol: string,
  options: ShowOptions = {},
): Promise<RevisionInfo[]> {
  const script = await scriptDirectoryOf(config, options);
  const map = script.map;
  if (symbol === "current") {
    const reader = requireCurrentHeads(options.currentHeads, "'show current'");
    const current = await reader(config);
    const marks = new Set(current);
    return current.map((id) => describeRevision(map.getRevision(id)!, marks));
  }
  return map.getRevisions(symbol).map((rev) => describeRevision(rev));
}
