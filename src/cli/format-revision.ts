/**
 * The text forms of a revision, as `heads`, `history`, `branches` and `show` print
 * them (the shapes Alembic users know).
 */
import type { RevisionInfo } from "../command/revision-info.js";
import type { Styles } from "./output.js";

/** What a one-line form includes. */
export interface LineParts {
  /** `down -> rev` (with `(dep, …)` before the arrow when there are dependencies). */
  readonly parents?: boolean;
  /** `(label, …)` after the id. */
  readonly branches?: boolean;
  /** `(branchpoint)`, `(mergepoint)`. */
  readonly tree?: boolean;
  /** `, message` at the end. */
  readonly doc?: boolean;
}

/**
 * One line such as `a1b2c3d4e5f6 -> 0f9e8d7c6b5a (auth) (head) (branchpoint), add users`.
 */
export function formatRevisionLine(info: RevisionInfo, parts: LineParts, style: Styles): string {
  let text = style.bold(info.revision);
  if (parts.parents) {
    const down = formatDown(info);
    text =
      info.dependencies.length > 0
        ? `${down} (${info.dependencies.join(", ")}) -> ${text}`
        : `${down} -> ${text}`;
  }
  if (parts.branches && info.branches.length > 0) {
    text += ` ${style.cyan(`(${info.branches.join(", ")})`)}`;
  }
  if (info.isRealHead) text += ` ${style.green("(head)")}`;
  else if (info.isHead) text += ` ${style.green("(effective head)")}`;
  if (info.isCurrent) text += ` ${style.yellow("(current)")}`;
  if (parts.tree ?? true) {
    if (info.isBranchPoint) text += " (branchpoint)";
    if (info.isMergePoint) text += " (mergepoint)";
  }
  if (parts.doc) text += `, ${info.doc}`;
  return text;
}

/**
 * The full entry of `show` and of `-v` listings, ending with an empty line:
 *
 * ```
 * Rev: 0f9e8d7c6b5a (head)
 * Parent: a1b2c3d4e5f6
 * Path: /app/migrations/versions/0f9e8d7c6b5a_add_users.ts
 *
 *     add users
 *
 * ```
 */
export function formatLogEntry(info: RevisionInfo, style: Styles): string[] {
  let first = `Rev: ${style.bold(info.revision)}`;
  if (info.isHead) first += ` ${style.green("(head)")}`;
  if (info.isBranchPoint) first += " (branchpoint)";
  if (info.isMergePoint) first += " (mergepoint)";
  if (info.isCurrent) first += ` ${style.yellow("(current)")}`;
  const lines = [first];
  lines.push(`${info.isMergePoint ? "Merges" : "Parent"}: ${formatDown(info)}`);
  if (info.dependencies.length > 0) lines.push(`Also depends on: ${info.dependencies.join(", ")}`);
  if (info.isBranchPoint) lines.push(`Branches into: ${info.nextRevisions.join(", ")}`);
  if (info.branches.length > 0) lines.push(`Branch names: ${info.branches.join(", ")}`);
  lines.push(`Path: ${info.path}`);
  lines.push("");
  for (const line of info.longDoc.split(/\r?\n/)) lines.push(line === "" ? "" : `    ${line}`);
  lines.push("");
  return lines;
}

function formatDown(info: RevisionInfo): string {
  return info.downRevisions.length === 0 ? "<base>" : info.downRevisions.join(", ");
}

/** A revision in a listing: its full entry when verbose, else one line with `parts`. */
export function formatListed(info: RevisionInfo, verbose: boolean, parts: LineParts, style: Styles): string[] {
  return verbose ? formatLogEntry(info, style) : [formatRevisionLine(info, parts, style)];
}
