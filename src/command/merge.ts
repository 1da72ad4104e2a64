import type { Config } from "../config/config.js";
import { ScriptDirectory } from "../script/script-directory.js";
import { AthanorError } from "../util/errors.js";
import { toResult, type RevisionResult } from "./revision.js";

/** Options of {@link merge}. */
export interface MergeOptions {
  /** The message (`-m`). */
  readonly message?: string;
  /** Branch label(s) of the merge revision. */
  readonly branchLabel?: string | readonly string[];
  /** The merge revision's id; default 12 random hex digits. */
  readonly revId?: string;
  /** Allow revisions that are not heads. */
  readonly splice?: boolean;
  /** The create date; default now. */
  readonly date?: Date;
}

/**
 * Write a revision whose parents are the given revisions (`heads` for all
 * heads), joining branches (`athanor merge heads -m "merge"`). It holds no
 * operations.
 *
 * @example
 * ```ts
 * await command.merge(config, ["heads"], { message: "merge branches" });
 * ```
 */
export async function merge(
  config: Config,
  revisions: string | readonly string[],
  opts: MergeOptions = {},
): Promise<RevisionResult> {
  const list = typeof revisions === "string" ? [revisions] : [...revisions];
  if (list.length === 0) {
    throw new AthanorError("merge needs the revisions to join", { hint: "e.g. `athanor merge heads`" });
  }
  const scripts = await ScriptDirectory.fromConfig(config);
  const warnings: string[] = [];
  const script = await scripts.generateRevision({
    head: list,
    ...(opts.message === undefined ? {} : { message: opts.message }),
    ...(opts.branchLabel === undefined ? {} : { branchLabels: opts.branchLabel }),
    ...(opts.revId === undefined ? {} : { revId: opts.revId }),
    ...(opts.splice === undefined ? {} : { splice: opts.splice }),
    ...(opts.date === undefined ? {} : { date: opts.date }),
    onWarning: (line) => warnings.push(line),
  });
  return toResult(script, warnings);
}
