import type { Config } from "../config/index.js";
import { describeRevision, scriptDirectoryOf, type GraphCommandOptions, type RevisionInfo } from "./revision-info.js";

/** Options of {@link heads}. */
export interface HeadsOptions extends GraphCommandOptions {
  /**
   * Count `dependsOn` as a parent, so a revision that is only depended upon is
   * not a head (`athanor heads --resolve-dependencies`).
   */
  readonly resolveDependencies?: boolean;
}

/**
 * The heads of the revision graph. By default these are the revisions no other
 * revision names as its `downRevision`, which includes "effective heads" that are
 * only depended upon; with `resolveDependencies` only the real heads.
 *
 * @example
 * ```ts
 * for (const head of await command.heads(config)) console.log(head.revision, head.doc);
 * ```
 */
export async function heads(config: Config, options: HeadsOptions = {}): Promise<RevisionInfo[]> {
  const script = await scriptDirectoryOf(config, options);
  const map = script.map;
  const ids = options.resolveDependencies ? map.realHeads : map.heads;
  return ids.map((id) => describeRevision(map.get(id)!));
}
