import { spawnSync } from "node:child_process";
import type { Config } from "../config/config.js";
import { ScriptDirectory } from "../script/script-directory.js";
import { splitCommandLine } from "../script/write-hooks.js";
import { AthanorError } from "../util/errors.js";
import { requireCurrentHeads, type CurrentHeadsReader } from "./current-heads.js";

/** Options of {@link edit}. */
export interface EditOptions {
  /** Environment to read `VISUAL`/`EDITOR` from. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Reads the database's revisions when `rev` is `current`. */
  readonly currentHeads?: CurrentHeadsReader;
}

/** What {@link edit} opened. */
export interface EditResult {
  /** The editor command line used. */
  readonly editor: string;
  /** The revision files opened (absolute). */
  readonly files: readonly string[];
}

/**
 * Open the file(s) of a revision in `$VISUAL` or `$EDITOR`.
 *
 * @example
 * ```ts
 * await command.edit(config, "head");
 * ```
 */
export async function edit(config: Config, rev: string, opts: EditOptions = {}): Promise<EditResult> {
  const env = opts.env ?? process.env;
  const editor = env.VISUAL?.trim() || env.EDITOR?.trim();
  if (!editor) {
    throw new AthanorError("No editor set", { hint: "set $VISUAL or $EDITOR, e.g. `export EDITOR=vim`" });
  }
  const scripts = await ScriptDirectory.fromConfig(config);
  let symbols = [rev];
  if (rev === "current") {
    symbols = [...(await requireCurrentHeads(opts.currentHeads, "edit current")(config))];
  }
  const files: string[] = [];
  for (const symbol of symbols) {
    for (const found of scripts.map.getRevisions(symbol)) files.push(found.source.path);
  }
  if (files.length === 0) {
    throw new AthanorError(`No revision files indicated by symbol "${rev}"`);
  }
  const [program, ...args] = splitCommandLine(editor);
  const result = spawnSync(program!, [...args, ...files], { stdio: "inherit", env: { ...env } as NodeJS.ProcessEnv });
  if (result.error) {
    throw new AthanorError(`Cannot start the editor "${editor}": ${result.error.message}`, {
      hint: "check $VISUAL / $EDITOR",
    });
  }
  if (result.status !== 0) {
    throw new AthanorError(`The editor "${editor}" exited with code ${result.status ?? result.signal}`);
  }
  return { editor, files };
}
