import type { Config } from "../config/config.js";
import { ScriptDirectory } from "../script/script-directory.js";
import type { Script } from "../script/script.js";
import { AthanorError } from "../util/errors.js";

/** Options of {@link revision}. */
export interface RevisionOptions {
  /** The message (`-m`); first line of the header and the file's slug. */
  readonly message?: string;
  /** Compare the declared schema with the database and write the operations found. */
  readonly autogenerate?: boolean;
  /** Parent revision (`--head`); default `"head"`. `base` starts a new root. */
  readonly head?: string;
  /** Allow a parent that is not a head (`--splice`), starting a new branch. */
  readonly splice?: boolean;
  /** Branch label(s) of the new revision (`--branch-label`). */
  readonly branchLabel?: string | readonly string[];
  /** Version location to write in (`--version-path`). */
  readonly versionPath?: string;
  /** The new revision's id (`--rev-id`); default 12 random hex digits. */
  readonly revId?: string;
  /** Revisions the new one depends on (`--depends-on`, repeatable). */
  readonly dependsOn?: string | readonly string[];
  /** `--sql`: refused, a revision file is not SQL. */
  readonly sql?: boolean;
  /** The create date; default now. */
  readonly date?: Date;
}

/** The file {@link revision} or {@link merge} wrote. */
export interface RevisionResult {
  readonly revision: string;
  /** Absolute path of the new file. */
  readonly path: string;
  readonly downRevision: string | readonly string[] | null;
  readonly branchLabels: readonly string[] | null;
  readonly dependsOn: readonly string[] | null;
  readonly message: string;
  readonly script: Script;
  /** Lines about post-write hooks that failed (the file is kept). */
  readonly warnings: readonly string[];
}

/** What autogenerate contributes to a new file (./autogenerate-revision.ts). */
interface AutogenerateContent {
  readonly upgrades: string;
  readonly downgrades: string;
  readonly imports?: readonly string[];
  readonly templateArgs?: Readonly<Record<string, string>>;
}

/**
 * Create a new revision file (`athanor revision`).
 *
 * @example
 * ```ts
 * const { path } = await command.revision(config, { message: "create users" });
 * ```
 */
export async function revision(config: Config, opts: RevisionOptions = {}): Promise<RevisionResult> {
  if (opts.sql) {
    throw new AthanorError(
      opts.autogenerate ? "Using --sql with --autogenerate does not make sense" : "revision does not take --sql",
      { hint: "--sql is for upgrade, downgrade and stamp" },
    );
  }
  const scripts = await ScriptDirectory.fromConfig(config);
  let content: AutogenerateContent | undefined;
  if (opts.autogenerate) {
    // imported only here, so a plain `revision` loads no compare or render code
    const { produceRevisionContent } = await import("./autogenerate-revision.js");
    content = await produceRevisionContent(config, scripts);
  }
  const warnings: string[] = [];
  const script = await scripts.generateRevision({
    ...(opts.message === undefined ? {} : { message: opts.message }),
    ...(opts.head === undefined ? {} : { head: opts.head }),
    ...(opts.splice === undefined ? {} : { splice: opts.splice }),
    ...(opts.branchLabel === undefined ? {} : { branchLabels: opts.branchLabel }),
    ...(opts.dependsOn === undefined ? {} : { dependsOn: opts.dependsOn }),
    ...(opts.revId === undefined ? {} : { revId: opts.revId }),
    ...(opts.versionPath === undefined ? {} : { versionPath: opts.versionPath }),
    ...(opts.date === undefined ? {} : { date: opts.date }),
    ...(content === undefined
      ? {}
      : {
          upgrades: content.upgrades,
          downgrades: content.downgrades,
          ...(content.imports === undefined ? {} : { imports: content.imports }),
          ...(content.templateArgs === undefined ? {} : { templateArgs: content.templateArgs }),
        }),
    onWarning: (line) => warnings.push(line),
  });
  return toResult(script, warnings);
}

/** The result shape shared by `revision` and `merge`. */
export function toResult(script: Script, warnings: readonly string[]): RevisionResult {
  return {
    revision: script.revision,
    path: script.path,
    downRevision: script.downRevision,
    branchLabels: script.branchLabels,
    dependsOn: script.dependsOn,
    message: script.doc,
    script,
    warnings,
  };
}
