import type { Revision } from "../graph/index.js";
import type { Config } from "../config/index.js";
import { ScriptDirectory, type Script } from "../script/index.js";

/**
 * One revision as the graph commands report it: plain data, the same for the
 * programmatic API and for `--json`.
 *
 * @example
 * ```ts
 * const [head] = await command.heads(config);
 * console.log(head.revision, head.doc, head.path);
 * ```
 */
export interface RevisionInfo {
  readonly revision: string;
  /** Parents by `downRevision` (several for a merge point; none for a base). */
  readonly downRevisions: readonly string[];
  /** Revisions this one depends on (`dependsOn`), resolved to ids. */
  readonly dependencies: readonly string[];
  /** Branch labels written on this revision. */
  readonly branchLabels: readonly string[];
  /** Every branch label this revision belongs to: its own and those it inherits. */
  readonly branches: readonly string[];
  /** Children by `downRevision`. */
  readonly nextRevisions: readonly string[];
  /** No child by `downRevision`. */
  readonly isHead: boolean;
  /** No child at all, dependents included. A head that is not a real head is an "effective head". */
  readonly isRealHead: boolean;
  readonly isBase: boolean;
  readonly isBranchPoint: boolean;
  readonly isMergePoint: boolean;
  /** Whether the database is at this revision; `null` when the database was not asked. */
  readonly isCurrent: boolean | null;
  /** First line of the header comment (the message). */
  readonly doc: string;
  /** The whole header comment. */
  readonly longDoc: string;
  /** Absolute path of the revision file. */
  readonly path: string;
  readonly createDate: string | null;
}

/** Plain data for one revision of the map; `current` marks the database's revisions. */
export function describeRevision(
  rev: Revision<Script>,
  current?: ReadonlySet<string>,
): RevisionInfo {
  const script = rev.source;
  return {
    revision: rev.revision,
    // the map's arrays are frozen, so they are shared rather than copied
    downRevisions: rev.downRevisions,
    dependencies: rev.dependencies,
    branchLabels: rev.branchLabels,
    branches: rev.branches,
    nextRevisions: rev.nextRevisions,
    isHead: rev.isHead,
    isRealHead: rev.isRealHead,
    isBase: rev.isBase,
    isBranchPoint: rev.isBranchPoint,
    isMergePoint: rev.isMergePoint,
    isCurrent: current === undefined ? null : current.has(rev.revision),
    doc: script.doc,
    longDoc: script.longDoc,
    path: script.path,
    createDate: script.createDate ?? null,
  };
}

/** Options every graph command accepts. */
export interface GraphCommandOptions {
  /** A script directory already read (saves reading the headers again). */
  readonly script?: ScriptDirectory;
}

/** The script directory of `config`, or the one given. */
export async function scriptDirectoryOf(
  config: Config,
  options: GraphCommandOptions,
): Promise<ScriptDirectory> {
  return options.script ?? (await ScriptDirectory.fromConfig(config));
}
