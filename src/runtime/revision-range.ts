import type { RevisionMap } from "../graph/index.js";
import type { RevisionSource } from "../graph/types.js";
import { AthanorError } from "../util/errors.js";

/**
 * Split a command's target into the offline starting point and the target.
 * Online, a range is refused: the start is read from the database.
 */
export function splitRange(
  target: string,
  offline: boolean,
  command: string,
): { start: string | undefined; end: string } {
  const at = target.indexOf(":");
  if (at < 0) return { start: undefined, end: target };
  if (!offline) {
    throw new AthanorError(`Range revision not allowed: ${target}`, {
      hint: `a start:end range works only with --sql; online, ${command} starts from the database's current revision`,
    });
  }
  return { start: target.slice(0, at), end: target.slice(at + 1) };
}

/** The heads an offline run starts from: none for `base` or no start, else the revisions `start` names. */
export function startingHeads<T extends RevisionSource>(map: RevisionMap<T>, start: string | undefined): string[] {
  if (start === undefined || start === "" || start === "base") return [];
  return map.getRevisions(start).map((r) => r.revision);
}
