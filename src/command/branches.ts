import type { Config } from "../config/index.js";
import { describeRevision, scriptDirectoryOf, type GraphCommandOptions, type RevisionInfo } from "./revision-info.js";

/** A branch point and the revisions it branches into. */
export interface BranchPointInfo extends RevisionInfo {
  readonly children: readonly RevisionInfo[];
}

/**
 * The branch points of the revision graph (revisions with more than one child),
 * newest first, each with its children.
 *
 * @example
 * ```ts
 * for (const point of await command.branches(config)) {
 *   console.log(point.revision, "->", point.children.map((c) => c.revision));
 * }
 * ```
 */
export async function branches(
  config: Config,
  options: GraphCommandOptions = {},
): Promise<BranchPointInfo[]> {
  const script = await scriptDirectoryOf(config, options);
  const map = script.map;
  const points: BranchPointInfo[] = [];
  for (const rev of map.history()) {
    if (!rev.isBranchPoint) continue;
    points.push({
      ...describeRevision(rev),
      children: rev.nextRevisions.map((id) => describeRevision(map.get(id)!)),
    });
  }
  return points;
}
