import type { FleetSource } from "../fleet/types.js";

/**
 * A command run on every newly written revision file, e.g. a formatter.
 * `{file}` in `command` or `args` is replaced by the file's absolute path; when
 * no argument mentions `{file}`, the path is added as the last argument.
 * The command runs with the config file's folder as working directory and
 * `node_modules/.bin` of that folder on the `PATH`. A non-zero exit is reported
 * as a warning; the revision file is kept.
 *
 * @example
 * ```ts
 * { command: "prettier --write {file}" }
 * { command: "biome", args: ["format", "--write", "{file}"] }
 * ```
 */
export interface PostWriteHookCommand {
  /** A name for messages; defaults to the command. */
  readonly name?: string;
  /** The program, or a whole command line (split on spaces, quotes respected) when `args` is absent. */
  readonly command: string;
  /** Arguments, passed as they are (no shell). */
  readonly args?: readonly string[];
  /** Working directory, relative to the config file's folder. */
  readonly cwd?: string;
}

/** A function run on every newly written revision file, given its absolute path. */
export type PostWriteHookFunction = (file: string) => void | Promise<void>;

/** One post-write hook: a command line or a function. */
export type PostWriteHook = PostWriteHookCommand | PostWriteHookFunction;

/** One database of a multi-database project (see the `multidb` template). */
export interface DatabaseConfigInput {
  /** Connection URL of this database. */
  readonly url: string;
  /** Version table of this database; defaults to the top-level `versionTable`. */
  readonly versionTable?: string;
  /** Schema of this database's version table. */
  readonly versionTableSchema?: string;
}

/**
 * Keys that may appear both at the top level and in a named section. A section
 * chosen with `-n NAME` is merged over the top level, key by key.
 */
export interface AthanorConfigSection {
  /**
   * The migrations folder, holding `env.ts`, `script.ts.tmpl` and `versions/`.
   * Relative paths are resolved against the config file's folder.
   * @example "migrations"
   */
  readonly scriptLocation?: string;
  /**
   * Folders holding revision files; defaults to `<scriptLocation>/versions`.
   * Several folders form one revision graph; a new revision goes to the folder
   * of its parent unless `--version-path` says otherwise.
   * @example ["migrations/versions", "migrations/reporting"]
   */
  readonly versionLocations?: string | readonly string[];
  /** Look for revision files in subfolders of the version locations too. Default `false`. */
  readonly recursiveVersionLocations?: boolean;
  /**
   * Name of a new revision file, without extension. Tokens: `{rev}`, `{slug}`,
   * `{epoch}`, `{year}`, `{month}`, `{day}`, `{hour}`, `{minute}`, `{second}`
   * (date tokens zero-padded). Alembic's `%(rev)s` and `%(month).2d` forms work
   * too. A `/` puts files in subfolders (then set `recursiveVersionLocations`).
   * Default `"{rev}_{slug}"`.
   * @example "{year}_{month}_{day}_{hour}{minute}-{rev}_{slug}"
   */
  readonly fileTemplate?: string;
  /** Longest slug (from the message) in a file name, cut on a word boundary. Default `40`. */
  readonly truncateSlugLength?: number;
  /**
   * IANA time zone of the create date written in new files and used by the
   * date tokens of `fileTemplate`. Default: the local time zone.
   * @example "UTC"
   */
  readonly timezone?: string;
  /**
   * Database URL read by `env.ts`. Keep secrets out of the file:
   * @example process.env.DATABASE_URL ?? "sqlite:///app.db"
   */
  readonly url?: string;
  /** Name of the version table. Default `"athanor_version"` (`"alembic_version"` shares a database with Alembic). */
  readonly versionTable?: string;
  /** Schema of the version table. Default: the connection's default schema. */
  readonly versionTableSchema?: string;
  /**
   * Name of the applied-history table, kept next to the version table (same
   * schema): one row per upgrade, downgrade and stamp, with the revision file's
   * checksums, the time, the duration, athanor's version and the database user.
   * `false` writes and reads no history. Default: the version table's name
   * with `_version` turned into `_history` (`athanor_history`; `alembic_history`
   * beside `alembic_version`), else with `_history` added.
   * @example historyTable: false
   */
  readonly historyTable?: string | false;
  /** How long to wait for the migration lock, in milliseconds. Default `60000`. */
  readonly lockTimeout?: number;
  /**
   * The heads the revision graph is meant to have (ids, or branch labels), for
   * `athanor verify`'s `single-head` test. Default: exactly one head.
   * @example ["a1b2c3d4e5f6", "reporting@head"]
   */
  readonly expectedHeads?: string | readonly string[];
  /**
   * Commands (or functions) run on every new revision file, in order.
   * @example [{ command: "prettier --write {file}" }]
   */
  readonly postWriteHooks?: readonly PostWriteHook[];
  /**
   * Several databases migrated together (the `multidb` template).
   * @example { main: { url: process.env.MAIN_URL! }, audit: { url: process.env.AUDIT_URL! } }
   */
  readonly databases?: Readonly<Record<string, DatabaseConfigInput>>;
  /**
   * Named fleets: many databases or schemas migrated as one with `--fleet NAME`.
   * Each is a list of targets `{ name, url, schema? }`, or a function returning
   * them (read from a control database, a file, an API).
   * @example { tenants: [{ name: "acme", url: process.env.DATABASE_URL!, schema: "acme" }] }
   */
  readonly fleets?: Readonly<Record<string, FleetSource>>;
  /** Free-form values for your own `env.ts`; athanor does not read them. */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/**
 * The object exported by `athanor.config.ts`.
 */
export interface AthanorConfigInput extends AthanorConfigSection {
  /**
   * Named sections merged over the top level when chosen with `-n/--name`
   * (several databases or environments in one file).
   * @example { staging: { url: process.env.STAGING_URL } }
   */
  readonly sections?: Readonly<Record<string, AthanorConfigSection>>;
}

/**
 * Declare the configuration with type checking and editor completion. Returns
 * its argument unchanged.
 *
 * @example
 * ```ts
 * // athanor.config.ts
 * import { defineConfig } from "athanor";
 * export default defineConfig({
 *   scriptLocation: "migrations",
 *   url: process.env.DATABASE_URL ?? "sqlite:///app.db",
 * });
 * ```
 */
export function defineConfig(config: AthanorConfigInput): AthanorConfigInput {
  return config;
}
