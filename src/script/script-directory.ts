import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { Config } from "../config/config.js";
import { moduleLoadError } from "../config/errors.js";
import { importModule, importModules } from "../config/load-module.js";
import { RevisionMap, assertValidRevisionId, type Revision } from "../graph/index.js";
import { AthanorError } from "../util/errors.js";
import { listRevisionFiles, readScript, readScripts } from "./discover.js";
import { dateParts, formatCreateDate, renderFileTemplate, slugify } from "./file-name.js";
import { packageTemplatesDir } from "./package-templates.js";
import { escapeCommentText } from "./read-header.js";
import { renderTemplate } from "./render-template.js";
import type { RevisionModule, Script } from "./script.js";
import { decodeRevisionText } from "./utf8.js";
import { rememberLoadedBytes } from "./checksum.js";
import { runPostWriteHooks } from "./write-hooks.js";

/** Options of {@link ScriptDirectory.generateRevision}. */
export interface GenerateRevisionOptions {
  /** The message: first line of the header comment, and the slug of the file name. Default `"empty message"`. */
  readonly message?: string;
  /**
   * Parent(s) of the new revision: `"head"` (default), `"heads"`, an id,
   * `branch@head`, `"base"` (a new root), or several for a merge.
   */
  readonly head?: string | readonly string[];
  /** Allow a parent that is not a head (starts a new branch). */
  readonly splice?: boolean;
  /** Branch label(s) of the new revision. */
  readonly branchLabels?: string | readonly string[];
  /** Revisions the new one depends on; partial ids are resolved, branch labels kept. */
  readonly dependsOn?: string | readonly string[];
  /** The id; default 12 random hex digits. */
  readonly revId?: string;
  /** The version location to write in; default the parent's. */
  readonly versionPath?: string;
  /** Code of `upgrade()` (autogenerate). */
  readonly upgrades?: string;
  /** Code of `downgrade()` (autogenerate). */
  readonly downgrades?: string;
  /** Extra import lines. */
  readonly imports?: string | readonly string[];
  /** More template variables. */
  readonly templateArgs?: Readonly<Record<string, string>>;
  /** The create date; default now. */
  readonly date?: Date;
  /** Receives warning lines (a failed post-write hook). */
  readonly onWarning?: (line: string) => void;
}

const TEMPLATE_NAMES = ["script.ts.tmpl", "script.mts.tmpl", "script.js.tmpl", "script.mjs.tmpl"];
const ENV_NAMES = ["env.ts", "env.mts", "env.js", "env.mjs"];

/**
 * The migrations folder: its revision files, read statically into a revision
 * map, and the writing of new ones from `script.ts.tmpl`.
 *
 * @example
 * ```ts
 * const scripts = await ScriptDirectory.fromConfig(await Config.load());
 * scripts.map.heads; // ["3f1c2a9b7d10"]
 * const script = await scripts.generateRevision({ message: "add email" });
 * ```
 */
export class ScriptDirectory {
  readonly config: Config;
  /** The script location (absolute). */
  readonly dir: string;
  /** `env.ts` (or `.mts`, `.js`, `.mjs`) in the script location. */
  readonly envPath: string;
  #scripts: Script[];
  #map: RevisionMap<Script>;
  /** Revision files read and checked by {@link preloadRevisions}. */
  readonly #preloaded = new Set<string>();

  private constructor(config: Config, scripts: Script[]) {
    this.config = config;
    this.dir = config.scriptLocation;
    this.envPath = ENV_NAMES.map((n) => join(this.dir, n)).find((p) => existsSync(p)) ?? join(this.dir, "env.ts");
    this.#scripts = scripts;
    this.#map = buildMap(scripts, config);
  }

  /**
   * Read every revision file's header in the configured version locations
   * (without importing them) and build the revision map.
   */
  static async fromConfig(config: Config): Promise<ScriptDirectory> {
    if (!existsSync(config.scriptLocation)) {
      const rel = relative(config.baseDir, config.scriptLocation) || config.scriptLocation;
      throw new AthanorError(`Script location does not exist: ${config.scriptLocation}`, {
        ...(config.file === undefined ? {} : { file: config.file }),
        hint: `run \`athanor init ${rel.startsWith("..") ? config.scriptLocation : rel}\` to create it`,
      });
    }
    const identities: number[] = [];
    const files = listRevisionFiles(config.versionLocations, config.recursiveVersionLocations, identities);
    const { scripts, lines } = readScripts(files, config.versionLocations, config.recursiveVersionLocations, identities);
    try {
      return new ScriptDirectory(config, scripts);
    } catch (error) {
      // a revision declared twice is told with both files, before what the map found
      throwOnDuplicate(scripts, lines, config);
      throw error;
    }
  }

  /** The revision map of the files read. */
  get map(): RevisionMap<Script> {
    return this.#map;
  }

  /** All revision files, in discovery order. */
  get scripts(): readonly Script[] {
    return this.#scripts;
  }

  /** The template new revision files are written from: `script.ts.tmpl` of the script location, else the built-in one. */
  get templatePath(): string {
    return (
      TEMPLATE_NAMES.map((n) => join(this.dir, n)).find((p) => existsSync(p)) ??
      join(packageTemplatesDir(), "generic", "script.ts.tmpl")
    );
  }

  /**
   * Load several revision files at once, ahead of {@link loadRevision} (which
   * then finds them loaded): they are compiled together, far faster than one
   * by one. A file that fails is left for `loadRevision` to report.
   */
  async preloadRevisions(scripts: readonly Script[]): Promise<void> {
    const files: { path: string; text: string }[] = [];
    for (const script of scripts) {
      if (this.#preloaded.has(script.path)) continue;
      let text: string;
      try {
        const bytes = readFileSync(script.path);
        text = decodeRevisionText(bytes, script.path);
        // the history sums these bytes, which ran, without reading the file again
        rememberLoadedBytes(script.path, bytes);
      } catch {
        continue;
      }
      this.#preloaded.add(script.path);
      files.push({ path: script.path, text });
    }
    await importModules(files);
  }

  /**
   * Import a revision file to run it, and check its exports: `upgrade` and
   * `downgrade` functions and a `revision` equal to the header's. A file that
   * is not valid UTF-8 is refused before it is imported.
   */
  async loadRevision(script: Script): Promise<RevisionModule> {
    let mod: Record<string, unknown>;
    // the importer would read bad bytes as U+FFFD and write that into the database
    if (!this.#preloaded.has(script.path)) decodeRevisionText(readFileSync(script.path), script.path);
    try {
      mod = await importModule<Record<string, unknown>>(script.path);
    } catch (error) {
      throw moduleLoadError(script.path, error, `revision ${script.revision}`);
    }
    for (const name of ["upgrade", "downgrade"] as const) {
      if (typeof mod[name] !== "function") {
        throw new AthanorError(`Revision ${script.revision} does not export ${name === "upgrade" ? "an" : "a"} ${name}() function`, {
          file: script.path,
          hint: `add \`export async function ${name}(op: Operations): Promise<void> {}\``,
        });
      }
    }
    if (mod.revision !== script.revision) {
      throw new AthanorError(
        `Revision file exports revision ${JSON.stringify(mod.revision)} but its header reads ${JSON.stringify(script.revision)}`,
        { file: script.path },
      );
    }
    return mod as unknown as RevisionModule;
  }

  /**
   * Write a new revision file from the template, run the post-write hooks,
   * and add it to the map. Refuses what would break the graph: a parent that
   * is not a head without `splice`, several heads without an explicit `head`,
   * a used id or branch label, an unknown version path.
   */
  async generateRevision(opts: GenerateRevisionOptions = {}): Promise<Script> {
    const config = this.config;
    const map = this.#map;
    const revId = opts.revId ?? randomBytes(6).toString("hex");
    checkRevId(revId);
    if (map.get(revId) !== undefined) {
      throw new AthanorError(`Revision id ${revId} is already used by ${config.relative(map.get(revId)!.source.path)}`, {
        hint: "choose another --rev-id",
      });
    }

    const symbols = opts.head === undefined ? ["head"] : typeof opts.head === "string" ? [opts.head] : [...opts.head];
    const heads = this.#resolveHeads(symbols);

    const branchLabels = toList(opts.branchLabels);
    for (const label of branchLabels) {
      checkLabel(label);
      const owner = findLabelOwner(map, label);
      if (owner !== undefined) {
        throw new AthanorError(`Branch label "${label}" is already used by revision ${owner.revision}`, {
          file: owner.source.path,
          hint: "choose another --branch-label",
        });
      }
      if (map.get(label) !== undefined) {
        throw new AthanorError(`Branch label "${label}" is the id of a revision`, { hint: "choose another --branch-label" });
      }
    }

    const versionPath = this.#chooseVersionPath(heads, opts.versionPath);

    if (!opts.splice) {
      for (const head of heads) {
        if (head !== null && !head.isHead) {
          throw new AthanorError(
            `Revision ${head.revision} is not a head revision; pass --splice to start a new branch from it`,
            { hint: "or base the new revision on a head (see `athanor heads`)" },
          );
        }
      }
    }

    const dependsOn = toList(opts.dependsOn).map((dep) => this.#resolveDependency(dep));

    const date = dateParts(opts.date ?? new Date(), config.timezone);
    const message = opts.message ?? "empty message";
    const templatePath = this.templatePath;
    const ext = /script(\.[a-z]+)\.tmpl$/.exec(templatePath)?.[1] ?? ".ts";
    const fileName = renderFileTemplate(config.fileTemplate, {
      rev: revId,
      slug: slugify(opts.message ?? "", config.truncateSlugLength),
      date,
    });
    const path = resolve(versionPath, `${fileName}${ext}`);
    if (!path.startsWith(versionPath + sep)) {
      throw new AthanorError(`fileTemplate "${config.fileTemplate}" points outside the version location`, {
        ...(config.file === undefined ? {} : { file: config.file }),
      });
    }
    if (fileName.includes("/") && !config.recursiveVersionLocations) {
      opts.onWarning?.(
        `fileTemplate "${config.fileTemplate}" writes into subfolders; set recursiveVersionLocations: true so they are found`,
      );
    }

    const parents = heads.filter((h): h is Revision<Script> => h !== null).map((h) => h.revision);
    const downRevision = parents.length === 0 ? null : parents.length === 1 ? parents[0]! : parents;
    const imports = typeof opts.imports === "string" ? opts.imports : (opts.imports ?? []).join("\n");
    const variables: Record<string, string> = {
      message: escapeCommentText(message),
      revision: revId,
      revises: parents.join(", "),
      downRevision: literal(downRevision),
      branchLabels: literal(branchLabels.length ? branchLabels : null),
      dependsOn: literal(dependsOn.length ? dependsOn : null),
      createDate: formatCreateDate(date),
      imports,
      upgrades: opts.upgrades ?? "",
      downgrades: opts.downgrades ?? "",
      ...opts.templateArgs,
    };
    const text = renderTemplate(readFileSync(templatePath, "utf8"), variables, templatePath);

    mkdirSync(dirname(path), { recursive: true });
    try {
      writeFileSync(path, text, { flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") {
        throw new AthanorError(`File already exists: ${path}`, { hint: "choose another --rev-id or message" });
      }
      throw error;
    }

    for (const warning of await runPostWriteHooks(config.postWriteHooks, path, config.baseDir)) {
      opts.onWarning?.(warning);
    }

    const script = readScript(path);
    if (branchLabels.length && !script.branchLabels?.length) {
      throw new AthanorError(
        `The new revision was given branch labels (${branchLabels.join(", ")}) but the written file has none`,
        { file: path, hint: `add \`export const branchLabels = \${branchLabels};\` to ${config.relative(templatePath)}` },
      );
    }
    const { line: _line, ...plain } = script;
    const scripts = [...this.#scripts, plain];
    this.#map = buildMap(scripts, config);
    this.#scripts = scripts;
    return plain;
  }

  #resolveHeads(symbols: readonly string[]): (Revision<Script> | null)[] {
    const map = this.#map;
    const heads: (Revision<Script> | null)[] = [];
    for (const symbol of symbols) {
      if (symbol === "base") {
        heads.push(null);
        continue;
      }
      if (symbol === "head" && map.heads.length > 1) {
        throw new AthanorError(
          "Multiple heads are present; please specify the head revision on which the new revision should be based, or perform a merge.",
          { hint: `heads: ${map.heads.join(", ")}` },
        );
      }
      let found: Revision<Script>[];
      try {
        found = map.getRevisions(symbol);
      } catch (error) {
        throw this.#withFiles(error);
      }
      if (found.length === 0 && symbol !== "head" && symbol !== "heads") {
        throw new AthanorError(`No revision found for "${symbol}"`);
      }
      heads.push(...found);
    }
    const ids = heads.map((h) => (h === null ? "base" : h.revision));
    if (new Set(ids).size !== ids.length) {
      throw new AthanorError(`Duplicate head revisions specified: ${ids.join(", ")}`);
    }
    if (heads.length > 1 && heads.includes(null)) {
      throw new AthanorError('"base" cannot be combined with other revisions');
    }
    return heads;
  }

  #chooseVersionPath(heads: readonly (Revision<Script> | null)[], given: string | undefined): string {
    const locations = this.config.versionLocations;
    if (given !== undefined) {
      // relative to the config's folder, or else to the working folder
      const candidates = [resolve(this.config.baseDir, given), resolve(given)];
      const path = candidates.find((p) => locations.includes(p)) ?? candidates[0]!;
      if (!locations.includes(path)) {
        throw new AthanorError(`Path ${path} is not one of the version locations`, {
          hint: `version locations: ${locations.map((l) => this.config.relative(l)).join(", ")}`,
        });
      }
      return path;
    }
    if (locations.length === 1) return locations[0]!;
    for (const head of heads) {
      if (head === null) continue;
      const location = locations
        .filter((l) => head.source.path.startsWith(l + sep))
        .sort((a, b) => b.length - a.length)[0];
      if (location !== undefined) return location;
    }
    throw new AthanorError("Multiple version locations present, please specify --version-path", {
      hint: `version locations: ${locations.map((l) => this.config.relative(l)).join(", ")}`,
    });
  }

  #resolveDependency(dep: string): string {
    if (findLabelOwner(this.#map, dep) !== undefined) return dep;
    let rev: Revision<Script> | null;
    try {
      rev = this.#map.getRevision(dep);
    } catch (error) {
      throw this.#withFiles(error);
    }
    if (rev === null) throw new AthanorError(`--depends-on "${dep}" names no revision`);
    return rev.branchLabels.includes(dep) ? dep : rev.revision;
  }

  /** Add the file of the first revision a graph error names. */
  #withFiles(error: unknown): unknown {
    return mapGraphError(error, this.#scripts, this.config);
  }
}

/** Throws when two files declare the same revision, naming both (checked when the map could not be built). */
function throwOnDuplicate(scripts: readonly Script[], lines: readonly number[], config: Config): void {
  const byId = new Map<string, Script>();
  for (let i = 0; i < scripts.length; i++) {
    const script = scripts[i]!;
    const other = byId.get(script.revision);
    if (other !== undefined) {
      throw new AthanorError(
        `Revision ${script.revision} is declared in two files: ${config.relative(other.path)} and ${config.relative(script.path)}`,
        { file: script.path, line: lines[i]!, hint: "give one of them a new id" },
      );
    }
    byId.set(script.revision, script);
  }
}

function buildMap(scripts: readonly Script[], config: Config): RevisionMap<Script> {
  try {
    return new RevisionMap(scripts);
  } catch (error) {
    throw mapGraphError(error, scripts, config);
  }
}

/** Give a revision map error the file (and the other files) of the revisions it names. */
function mapGraphError(error: unknown, scripts: readonly Script[], config: Config): unknown {
  if (!(error instanceof AthanorError) || error.file !== undefined) return error;
  const revisions = (error as AthanorError & { revisions?: readonly string[] }).revisions;
  if (!revisions || revisions.length === 0) return error;
  const paths = revisions
    .map((id) => scripts.find((s) => s.revision === id)?.path)
    .filter((p): p is string => p !== undefined);
  if (paths.length === 0) return error;
  const others = paths.slice(1).map((p) => config.relative(p));
  const mapped = new AthanorError(
    others.length ? `${error.message} (see also ${others.join(", ")})` : error.message,
    {
      file: paths[0]!,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      cause: error,
    },
  );
  (mapped as AthanorError & { revisions?: readonly string[] }).revisions = revisions;
  return mapped;
}

function findLabelOwner(map: RevisionMap<Script>, label: string): Revision<Script> | undefined {
  for (const rev of map.all()) if (rev.branchLabels.includes(label)) return rev;
  return undefined;
}

function toList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === "string" ? [value] : [...value];
}

function checkRevId(id: string): void {
  const bad = [...new Set(id.match(/[@\-+:,\s/\\"'`]/g) ?? [])];
  if (bad.length) {
    throw new AthanorError(`Character(s) ${bad.map((c) => `"${c}"`).join(", ")} not allowed in a revision id: "${id}"`, {
      hint: "use letters, digits and _",
    });
  }
  assertValidRevisionId(id);
}

function checkLabel(label: string): void {
  if (label === "" || /[@\-+:,\s"'`]/.test(label) || ["head", "heads", "base", "current"].includes(label)) {
    throw new AthanorError(`"${label}" cannot be a branch label`, { hint: "use letters, digits and _" });
  }
}

function literal(value: string | readonly string[] | null): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  return `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
}
