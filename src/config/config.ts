import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, isAbsolute, join, resolve } from "node:path";
import type { Connection } from "../dialects/contract/index.js";
import { historyTableBeside } from "../dialects/version-table.js";
import { AthanorError } from "../util/errors.js";
import { rememberProjectFolder } from "../util/project-folder.js";
import type {
  AthanorConfigInput,
  AthanorConfigSection,
  DatabaseConfigInput,
  PostWriteHook,
} from "./define-config.js";
import { moduleLoadError } from "./errors.js";
import { jsonErrorOffset } from "./json-error.js";
import { importModule } from "./load-module.js";
import { lineOfKey, validateConfigInput, type ConfigSource } from "./validate.js";
import { parseXArgs } from "./x-args.js";

/** File names looked for, in this order, when no config path is given. */
export const CONFIG_FILE_NAMES: readonly string[] = [
  "athanor.config.ts",
  "athanor.config.mts",
  "athanor.config.js",
  "athanor.config.mjs",
  "athanor.config.json",
];

/** Options of {@link Config.load}. */
export interface ConfigLoadOptions {
  /** Config file (`-c/--config`); relative to `cwd`. Default: `$ATHANOR_CONFIG`, then `athanor.config.*` in `cwd`. */
  readonly path?: string;
  /** Section to merge over the top level (`-n/--name`). */
  readonly name?: string;
  /** Working folder. Default `process.cwd()`. */
  readonly cwd?: string;
  /** `-x key=value` arguments, given to `env.ts` as `config.xArgs`. */
  readonly xArgs?: readonly string[];
  /** Environment variables to read `ATHANOR_CONFIG` from. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Options of {@link Config.from}. */
export interface ConfigFromOptions {
  /** Folder relative paths are resolved against. Default `process.cwd()`. */
  readonly baseDir?: string;
  /** Section to merge over the top level. */
  readonly name?: string;
  /** `-x key=value` arguments. */
  readonly xArgs?: readonly string[];
  /** The file the input came from (for messages). */
  readonly file?: string;
}

/**
 * Live objects handed to commands run from code ({@link Config.attributes}).
 * athanor reads `connection`; any other key is the caller's, for its `env.ts`.
 *
 * @example
 * ```ts
 * config.attributes.connection = await connect(process.env.DATABASE_URL!);
 * config.attributes.tenant = "acme"; // read in env.ts as context.config.attributes.tenant
 * ```
 */
export interface ConfigAttributes {
  /**
   * An open connection the commands migrate and compare through instead of
   * connecting to `url`. athanor does not close it; a transaction already open
   * on it stays the caller's to commit or roll back.
   */
  connection?: Connection;
  [key: string]: unknown;
}

/** One database of a multi-database configuration, resolved. */
export interface DatabaseConfig {
  readonly name: string;
  readonly url: string;
  readonly versionTable: string;
  readonly versionTableSchema: string | undefined;
}

const DEFAULT_FILE_TEMPLATE = "{rev}_{slug}";
const DEFAULT_VERSION_TABLE = "athanor_version";

/**
 * The resolved configuration: paths made absolute, defaults filled in, the
 * chosen section applied. Commands take it as their first argument.
 *
 * @example
 * ```ts
 * const config = await Config.load({ name: "staging" });
 * config.scriptLocation; // "/app/migrations"
 * ```
 */
export class Config {
  /** The config file, when loaded from one. */
  readonly file: string | undefined;
  /** The config file's folder (or the `baseDir` given); relative paths start here. */
  readonly baseDir: string;
  /** The section applied (`-n/--name`). */
  readonly name: string | undefined;
  readonly scriptLocation: string;
  readonly versionLocations: readonly string[];
  readonly recursiveVersionLocations: boolean;
  readonly fileTemplate: string;
  readonly truncateSlugLength: number;
  readonly timezone: string | undefined;
  readonly url: string | undefined;
  readonly versionTable: string;
  readonly versionTableSchema: string | undefined;
  /** The applied-history table's name (next to the version table), or `false`: no history is kept. */
  readonly historyTable: string | false;
  /** Milliseconds to wait for the migration lock. */
  readonly lockTimeout: number;
  /** The heads the graph is meant to have (`expectedHeads`), for `athanor verify`; empty means one head. */
  readonly expectedHeads: readonly string[];
  readonly postWriteHooks: readonly PostWriteHook[];
  /** Databases of a multi-database setup, in declaration order. */
  readonly databases: readonly DatabaseConfig[];
  /** Names of the sections available with `-n`. */
  readonly sectionNames: readonly string[];
  /** Free-form values from the `extra` key. */
  readonly extra: Readonly<Record<string, unknown>>;
  /** `-x key=value` arguments (a key without `=` maps to `""`). */
  readonly xArgs: Readonly<Record<string, string>>;
  /** `-x` arguments as given, in order. */
  readonly xArgList: readonly string[];
  /** The loaded object with the section applied, for `env.ts`. */
  readonly raw: AthanorConfigInput;
  /**
   * A place to hand live objects to `env.ts` when calling commands from code
   * (for example an open connection). athanor itself leaves it alone.
   */
  readonly attributes: ConfigAttributes = {};

  private constructor(input: AthanorConfigInput, options: ConfigFromOptions & { text?: string }) {
    const source: ConfigSource = { file: options.file, text: options.text };
    const validated = validateConfigInput(input, source);
    const sections = validated.sections ?? {};
    this.sectionNames = Object.keys(sections);
    this.file = options.file;
    this.baseDir = resolve(options.baseDir ?? (options.file ? dirname(options.file) : process.cwd()));
    // the project's database drivers are installed next to its config
    rememberProjectFolder(this.baseDir);
    this.name = options.name;

    let merged: AthanorConfigSection = validated;
    if (options.name !== undefined) {
      const section = sections[options.name];
      if (section === undefined) {
        const known = this.sectionNames;
        throw new AthanorError(`No section named "${options.name}" in the config`, {
          ...(options.file === undefined ? {} : { file: options.file }),
          hint: known.length ? `known sections: ${known.join(", ")}` : "the config has no `sections`",
        });
      }
      merged = { ...validated, ...withoutUndefined(section) };
    }
    const { sections: _sections, ...rest } = merged as AthanorConfigInput;
    this.raw = Object.freeze(rest);

    if (merged.scriptLocation === undefined) {
      const line = lineOfKey(options.text, "defineConfig");
      throw new AthanorError("The config has no scriptLocation", {
        ...(options.file === undefined ? {} : { file: options.file }),
        ...(line === undefined ? {} : { line }),
        hint: 'add `scriptLocation: "migrations"`',
      });
    }
    // Alembic's %(here)s (the config file's folder) reads the same as a relative path
    const here = (p: string): string => resolve(this.baseDir, p.split("%(here)s").join(this.baseDir));
    this.scriptLocation = here(merged.scriptLocation);
    const locations =
      merged.versionLocations === undefined
        ? [join(this.scriptLocation, "versions")]
        : (typeof merged.versionLocations === "string" ? [merged.versionLocations] : merged.versionLocations).map(
            here,
          );
    this.versionLocations = Object.freeze([...new Set(locations)]);
    this.recursiveVersionLocations = merged.recursiveVersionLocations ?? false;
    this.fileTemplate = merged.fileTemplate ?? DEFAULT_FILE_TEMPLATE;
    this.truncateSlugLength = merged.truncateSlugLength ?? 40;
    this.timezone = merged.timezone;
    if (this.timezone !== undefined) checkTimezone(this.timezone, source);
    this.url = merged.url;
    this.versionTable = merged.versionTable ?? DEFAULT_VERSION_TABLE;
    this.versionTableSchema = merged.versionTableSchema || undefined;
    this.historyTable = merged.historyTable ?? historyTableBeside(this.versionTable);
    this.lockTimeout = merged.lockTimeout ?? 60_000;
    this.expectedHeads = Object.freeze(typeof merged.expectedHeads === "string" ? [merged.expectedHeads] : [...(merged.expectedHeads ?? [])]);
    this.postWriteHooks = Object.freeze([...(merged.postWriteHooks ?? [])]);
    this.databases = Object.freeze(
      Object.entries(merged.databases ?? {}).map(([name, db]: [string, DatabaseConfigInput]) => ({
        name,
        url: db.url,
        versionTable: db.versionTable ?? this.versionTable,
        versionTableSchema: db.versionTableSchema ?? this.versionTableSchema,
      })),
    );
    this.extra = merged.extra ?? {};
    this.xArgList = Object.freeze([...(options.xArgs ?? [])]);
    this.xArgs = Object.freeze(parseXArgs(this.xArgList));
  }

  /**
   * Build a configuration from an object, without a file.
   *
   * @example
   * ```ts
   * const config = Config.from({ scriptLocation: "migrations", url: "sqlite:///app.db" }, { baseDir: "/app" });
   * ```
   */
  static from(input: AthanorConfigInput, opts: ConfigFromOptions = {}): Config {
    return new Config(input, opts);
  }

  /**
   * Find and load the config file: `opts.path` (`-c`), else `$ATHANOR_CONFIG`,
   * else `athanor.config.{ts,mts,js,mjs,json}` in the working folder.
   *
   * @example
   * ```ts
   * const config = await Config.load({ path: "config/dev.config.ts", xArgs: ["tenant=acme"] });
   * ```
   */
  static async load(opts: ConfigLoadOptions = {}): Promise<Config> {
    const cwd = resolve(opts.cwd ?? process.cwd());
    const file = findConfigFile(cwd, opts.path, opts.env ?? process.env);
    const { input, text } = await readConfigFile(file);
    return new Config(input as AthanorConfigInput, {
      file,
      text,
      baseDir: dirname(file),
      ...(opts.name === undefined ? {} : { name: opts.name }),
      ...(opts.xArgs === undefined ? {} : { xArgs: opts.xArgs }),
    });
  }

  /** A path relative to the config folder, for messages. */
  relative(path: string): string {
    const base = this.baseDir.endsWith("/") ? this.baseDir : `${this.baseDir}/`;
    return path.startsWith(base) ? path.slice(base.length) : path;
  }
}

function withoutUndefined<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkTimezone(timezone: string, source: ConfigSource): void {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
  } catch {
    const line = lineOfKey(source.text, "timezone");
    throw new AthanorError(`Unknown timezone "${timezone}"`, {
      ...(source.file === undefined ? {} : { file: source.file }),
      ...(line === undefined ? {} : { line }),
      hint: 'use an IANA name such as "UTC" or "Europe/Paris"',
    });
  }
}

/** Which config file applies: an explicit path, `$ATHANOR_CONFIG`, or the first `athanor.config.*` in `cwd`. */
export function findConfigFile(
  cwd: string,
  path: string | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const explicit = path ?? (env.ATHANOR_CONFIG ? env.ATHANOR_CONFIG : undefined);
  if (explicit !== undefined) {
    const file = isAbsolute(explicit) ? explicit : resolve(cwd, explicit);
    if (!existsSync(file)) {
      throw new AthanorError(`Config file not found: ${file}`, {
        hint:
          path === undefined
            ? "ATHANOR_CONFIG names a file that does not exist"
            : "check the -c/--config path, or run `athanor init migrations` to create one",
      });
    }
    return file;
  }
  for (const name of CONFIG_FILE_NAMES) {
    const file = join(cwd, name);
    if (existsSync(file)) return file;
  }
  throw new AthanorError(`No config file found in ${cwd} (looked for ${CONFIG_FILE_NAMES.join(", ")})`, {
    hint: "run `athanor init migrations` to create one, or pass -c PATH",
  });
}

async function readConfigFile(file: string): Promise<{ input: unknown; text: string | undefined }> {
  let text: string | undefined;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new AthanorError(`Cannot read config file: ${(error as Error).message}`, { file });
  }
  if (extname(file).toLowerCase() === ".json") {
    try {
      return { input: JSON.parse(text), text };
    } catch (error) {
      const message = (error as Error).message;
      throw new AthanorError(`Syntax error in config file: ${message}`, {
        file,
        ...jsonErrorLine(text, message),
      });
    }
  }
  let mod: Record<string, unknown>;
  try {
    mod = await importModule<Record<string, unknown>>(file);
  } catch (error) {
    throw moduleLoadError(file, error, "config file");
  }
  let input: unknown = "default" in mod ? mod.default : undefined;
  if (input === undefined) {
    throw new AthanorError("The config file has no default export", {
      file,
      hint: 'write `export default defineConfig({ scriptLocation: "migrations" })`',
    });
  }
  if (typeof input === "function") input = await (input as () => unknown)();
  return { input, text };
}

function jsonErrorLine(text: string, message: string): { line?: number } {
  const lineMatch = /line (\d+)/.exec(message);
  if (lineMatch) return { line: Number(lineMatch[1]) };
  const offset = jsonErrorOffset(text) ?? Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
  if (Number.isNaN(offset)) return {};
  return { line: text.slice(0, offset).split("\n").length };
}
