import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { Config } from "../config/index.js";
import { AthanorError } from "../util/errors.js";
import { listInitTemplates } from "../script/package-templates.js";
import { renderTemplate } from "../script/render-template.js";

/** Options of {@link init}. */
export interface InitOptions {
  /** Template name (`athanor list-templates`). Default `"generic"`. */
  readonly template?: string;
  /** Config file to write; default `athanor.config.ts` in `cwd`. Never overwritten. */
  readonly configPath?: string;
  /** Working folder; `dir` and `configPath` are relative to it. Default `process.cwd()`. */
  readonly cwd?: string;
}

/** What {@link init} did. */
export interface InitResult {
  readonly template: string;
  /** The migrations folder (absolute). */
  readonly dir: string;
  /** The config file (absolute). */
  readonly configFile: string;
  /** `true` when the config file existed and was left alone. */
  readonly configSkipped: boolean;
  /**
   * When the kept config's `scriptLocation` is another folder than `dir`: that
   * folder (absolute), or `null` when the kept config could not be read.
   */
  readonly configPointsElsewhere?: string | null;
  /** Folders and files created, in order (absolute). */
  readonly created: readonly string[];
  /** The `.gitignore` (absolute) that `*-athanor.lock` was added to; absent when it already had that line. */
  readonly gitignore?: string;
}

/** The pattern that keeps SQLite's migration lock files (`app.db-athanor.lock`) out of version control. */
const LOCK_FILE_PATTERN = "*-athanor.lock";

/**
 * Add {@link LOCK_FILE_PATTERN} to the `.gitignore` in `folder`, creating the
 * file if needed. The SQLite lock file stays next to the database on purpose
 * (see `SqliteFileLock`): ignoring it is what keeps it out of the project's
 * history. Returns whether the file was created, changed or already had the line.
 */
function ignoreLockFiles(folder: string): "created" | "appended" | "present" {
  const path = join(folder, ".gitignore");
  if (!existsSync(path)) {
    writeFileSync(path, `# SQLite migration lock (athanor)\n${LOCK_FILE_PATTERN}\n`);
    return "created";
  }
  const text = readFileSync(path, "utf8");
  if (text.split(/\r?\n/).some((line) => line.trim() === LOCK_FILE_PATTERN)) return "present";
  const separator = text === "" || text.endsWith("\n") ? "" : "\n";
  appendFileSync(path, `${separator}# SQLite migration lock (athanor)\n${LOCK_FILE_PATTERN}\n`);
  return "appended";
}

const CONFIG_TEMPLATE = "athanor.config.ts.tmpl";

/**
 * Create a migrations folder from a template: `env.ts`, `script.ts.tmpl`,
 * `README.md` and `versions/`, plus the config file when it does not exist,
 * and `*-athanor.lock` in the `.gitignore` of `cwd` (created, or appended to).
 * Refuses a folder that exists and is not empty.
 *
 * @example
 * ```ts
 * const result = await command.init("migrations", { template: "generic" });
 * result.created; // [".../migrations", ".../migrations/versions", ...]
 * ```
 */
export async function init(dir: string, opts: InitOptions = {}): Promise<InitResult> {
  const cwd = resolve(opts.cwd ?? process.cwd());
  const templateName = opts.template ?? "generic";
  const templates = listInitTemplates();
  const template = templates.find((t) => t.name === templateName);
  if (template === undefined) {
    throw new AthanorError(`No such template "${templateName}"`, {
      hint: `available: ${templates.map((t) => t.name).join(", ")}`,
    });
  }
  const target = resolve(cwd, dir);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new AthanorError(`Directory ${target} already exists and is not empty`, {
      hint: "choose another folder, or empty this one",
    });
  }
  const configFile = resolve(cwd, opts.configPath ?? "athanor.config.ts");
  const created: string[] = [];

  for (const folder of [target, join(target, "versions")]) {
    if (!existsSync(folder)) {
      mkdirSync(folder, { recursive: true });
      created.push(folder);
    }
  }
  const keep = join(target, "versions", ".gitkeep");
  writeFileSync(keep, "");
  created.push(keep);

  for (const name of readdirSync(template.dir).sort()) {
    if (name === CONFIG_TEMPLATE || name.startsWith(".")) continue;
    const destination = join(target, name);
    copyFileSync(join(template.dir, name), destination);
    created.push(destination);
  }

  let configSkipped = false;
  let configPointsElsewhere: string | null | undefined;
  if (existsSync(configFile)) {
    configSkipped = true;
    configPointsElsewhere = await keptScriptLocation(configFile, cwd, target);
  } else {
    let scriptLocation = relative(dirname(configFile), target).split(sep).join("/");
    if (scriptLocation === "") scriptLocation = ".";
    const text =
      extname(configFile).toLowerCase() === ".json"
        ? `${JSON.stringify({ scriptLocation }, null, 2)}\n`
        : renderTemplate(
            readFileSync(join(template.dir, CONFIG_TEMPLATE), "utf8"),
            { scriptLocation: scriptLocation.replace(/["\\]/g, "\\$&") },
            join(template.dir, CONFIG_TEMPLATE),
          );
    mkdirSync(dirname(configFile), { recursive: true });
    writeFileSync(configFile, text, { flag: "wx" });
    created.push(configFile);
  }
  const gitignore = join(cwd, ".gitignore");
  const ignored = ignoreLockFiles(cwd);
  if (ignored === "created") created.push(gitignore);
  return {
    template: templateName,
    dir: target,
    configFile,
    configSkipped,
    ...(configPointsElsewhere === undefined ? {} : { configPointsElsewhere }),
    created,
    ...(ignored === "present" ? {} : { gitignore }),
  };
}

/** The kept config's script folder when it is not `target`; null when the config cannot be read. */
async function keptScriptLocation(configFile: string, cwd: string, target: string): Promise<string | null | undefined> {
  try {
    const kept = await Config.load({ path: configFile, cwd });
    return resolve(kept.scriptLocation) === target ? undefined : kept.scriptLocation;
  } catch {
    return null;
  }
}
