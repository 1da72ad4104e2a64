import type { Config } from "../config/index.js";
import type { Connection } from "../dialects/contract/index.js";
import type { TargetMetadata } from "../schema/target-metadata.js";
import type { ScriptDirectory } from "../script/index.js";
import type { DatabaseRunResult } from "./migration-context.js";
import type { MigrationInfo } from "./step-info.js";
import type { AutogenerateHooks } from "../autogenerate/hooks.js";
import type { FleetSource } from "../fleet/types.js";

/** Options of one `runMigrations()` call; each overrides the environment's own setting. */
export interface RunMigrationsOptions {
  /**
   * A connection to migrate through, e.g. one taken from the application's pool.
   * athanor does not close it. If it is already inside a transaction, that
   * transaction is the caller's to commit or roll back.
   */
  readonly connection?: Connection;
  /** A database URL to connect to (closed again after the run). Default: the environment's `url`, else `config.url`. */
  readonly url?: string;
  /** The database's name in a multi-database run; revisions read it as `op.database`. */
  readonly database?: string;
  readonly transactionPerMigration?: boolean;
  readonly versionTable?: string;
  readonly versionTableSchema?: string;
  /** The history table's name (next to the version table), or `false` for none; default from the config. */
  readonly historyTable?: string | false;
  readonly onVersionApply?: (info: MigrationInfo) => void | Promise<void>;
  /** The declared schema of this database (e.g. one entry of a multi-database `targetMetadata`). */
  readonly targetMetadata?: TargetMetadata;
}

/** What a custom `run(context)` of `env.ts` is given. */
export interface EnvironmentContext {
  readonly config: Config;
  readonly script: ScriptDirectory;
  /** The command being run: `upgrade`, `downgrade`, `stamp`, `current`, `status`, `lint` (`--database`) or `ensure-version`. */
  readonly command: string;
  /** `-x key=value` arguments. */
  readonly xArgs: Readonly<Record<string, string>>;
  /** `true` with `--sql`: nothing is connected to, SQL is written out. */
  readonly isOffline: boolean;
  /** The `--tag` argument. */
  readonly tag: string | undefined;
  /** The command's target revision(s) as given (`head`, `-1`, `ae10:base`'s `base`); empty for `current`. */
  readonly destinationRevisions: readonly string[];
  /** Offline only: the start of a `start:end` range, as given. */
  readonly startingRevision: string | undefined;
  /** The databases of a multi-database config (`databases` in athanor.config.ts), in order. */
  readonly databases: readonly DatabaseEntry[];
  /**
   * Open a connection (default URL: the environment's `url`, else `config.url`).
   * Connections opened here are closed when the command ends.
   */
  connect(url?: string): Promise<Connection>;
  /** Run the command's migrations on one database; call it once per database. */
  runMigrations(options?: RunMigrationsOptions): Promise<DatabaseRunResult>;
}

/** One database of a multi-database config. */
export interface DatabaseEntry {
  readonly name: string;
  readonly url: string;
  readonly versionTable: string | undefined;
  readonly versionTableSchema: string | undefined;
}

/** The environment of a project, declared in `migrations/env.ts`. Every key is optional. */
export interface EnvironmentDefinition extends AutogenerateHooks {
  /**
   * The declared schema autogenerate compares the database with: a `MetaData`,
   * a schema model (`{ tables, enums }`, e.g. `fromDrizzle(schema)` of
   * `athanor/drizzle`), or a list of them.
   */
  readonly targetMetadata?: TargetMetadata;
  /** One transaction per revision instead of one for the whole run. Default `false`. */
  readonly transactionPerMigration?: boolean;
  /** Version table name; default from the config (`athanor_version`). */
  readonly versionTable?: string;
  /** Version table schema; default from the config. */
  readonly versionTableSchema?: string;
  /** History table name, or `false` for none; default from the config (`athanor_history`). */
  readonly historyTable?: string | false;
  /** Called after each step once its version-table change is written. */
  readonly onVersionApply?: (info: MigrationInfo) => void | Promise<void>;
  /** Database URL; default `config.url`. */
  readonly url?: string;
  /**
   * Fleets run with `--fleet NAME`, as in the config's `fleets` (a name may be
   * declared in one place only). Here a fleet can read its targets with the
   * project's own code.
   * @example { tenants: async () => (await listTenants()).map((t) => ({ name: t.slug, url: process.env.DATABASE_URL!, schema: t.slug })) }
   */
  readonly fleets?: Readonly<Record<string, FleetSource>>;
  /**
   * A custom flow replacing the default one (which migrates `url`, or every
   * entry of the config's `databases`). Use it to reuse an application's
   * connection, to migrate several databases, or to loop over tenants.
   */
  readonly run?: (context: EnvironmentContext) => Promise<void>;
}

/**
 * Declare the migration environment in `migrations/env.ts`. Without an
 * `env.ts`, or with one exporting nothing, the defaults apply: connect to
 * `config.url` and run the migrations in one transaction where the database's
 * DDL is transactional.
 *
 * @example
 * ```ts
 * // migrations/env.ts
 * import { defineEnvironment } from "athanor";
 * import { schema } from "../src/schema.js";
 *
 * export default defineEnvironment({
 *   targetMetadata: schema,
 *   transactionPerMigration: false,
 * });
 * ```
 *
 * @example
 * ```ts
 * // one schema per tenant, migrated in turn over the application's pool
 * export default defineEnvironment({
 *   async run(context) {
 *     const connection = await context.connect();
 *     for (const tenant of ["acme", "globex"]) {
 *       await context.runMigrations({ connection, versionTableSchema: tenant, database: tenant });
 *     }
 *   },
 * });
 * ```
 */
export function defineEnvironment(definition: EnvironmentDefinition): EnvironmentDefinition {
  return definition;
}
