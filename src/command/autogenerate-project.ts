import type { Config } from "../config/index.js";
import { connect } from "../dialects/index.js";
import type { CanonicalView, Connection, Dialect, PolicyConditions, SchemaOperation, SequenceState } from "../dialects/contract/index.js";
import { readSequenceStates } from "./sequence-bounds.js";
import { namingConventionOf } from "../operations/naming.js";
import type { AnyOperation, CustomOperation } from "../operations/operation.js";
import { reverseOperations } from "../operations/reverse/index.js";
import { runComparators } from "../autogenerate/comparators/index.js";
import { loadEnvironment } from "../runtime/run-environment.js";
import { VersionTable } from "../runtime/version-table.js";
import { historyTableBeside } from "../dialects/version-table.js";
import type { EnumType, SchemaModel, Table, View } from "../schema/model.js";
import { sortViews } from "../schema/view.js";
import { viewKey } from "../autogenerate/compare/compare-views.js";
import type { NotModelledObject } from "../schema/not-modelled.js";
import { notComparedLines } from "../autogenerate/compare/not-compared.js";
import type { NamingConvention } from "../schema/naming.js";
import type { TargetMetadata } from "../schema/target-metadata.js";
import type { ScriptDirectory } from "../script/index.js";
import { AthanorError } from "../util/errors.js";
import { compareSchemas, diffsToOperations, expressionKey, findRenameCandidates } from "../autogenerate/compare/index.js";
import { checkKey } from "../autogenerate/compare/compare-table.js";
import type { CompareOptions, CompareWarning, RenameCandidate, RenameHints, SchemaDiff } from "../autogenerate/compare/types.js";
import type { AutogenerateHooks } from "../autogenerate/hooks.js";
import { EarlyReflection, reflectWith, type PrefetchedReflection } from "./early-reflection.js";

/** Options of {@link compareMetadata} and {@link produceMigrations}: env.ts's compare settings, given directly. */
export interface CompareMetadataOptions
  extends Pick<AutogenerateHooks, "includeName" | "includeObject" | "includeSchemas" | "compareType" | "compareServerDefault" | "renames" | "comparators"> {
  /** The version table, never compared; default `athanor_version` (or the config's). */
  readonly versionTable?: string;
  readonly versionTableSchema?: string;
  /** The history table, never compared; default beside the version table (`athanor_history`), `false` for none. */
  readonly historyTable?: string | false;
  /** Receives what compare noticed but did not turn into operations (e.g. likely renames). */
  readonly onWarning?: (warning: CompareWarning) => void;
}

/** What {@link produceMigrations} returns. */
export interface ProducedMigrations {
  /** The differences found, in order. */
  readonly diffs: readonly SchemaDiff[];
  /** The operations of `upgrade()`. */
  readonly upgradeOps: readonly (SchemaOperation | CustomOperation)[];
  /** The operations of `downgrade()`: the reverses of the upgrade, last first. */
  readonly downgradeOps: readonly AnyOperation[];
  readonly warnings: readonly CompareWarning[];
  /** Tables or columns that look renamed but were compared as a drop and an add. */
  readonly renameCandidates: readonly RenameCandidate[];
  /** Why upgrade operations that cannot be undone (an enum value added) are left out of `downgradeOps`. */
  readonly irreversible: readonly string[];
  /** The database compared against. */
  readonly dialect: string;
  /** The database's tables as reflected (what generated batch blocks carry as `copyFrom`). */
  readonly reflectedTables?: readonly Table[];
  /** The connection's dialect, which knows the server (MariaDB or MySQL): what the revision's DDL is checked against. */
  readonly targetDialect?: Dialect;
  /** Where the sequences the operations alter the bounds of stand on the database (PostgreSQL), by `sequenceTargetKey`. */
  readonly sequenceStates?: ReadonlyMap<string, SequenceState>;
  /**
   * What the database holds or the declaration states that the model does not
   * carry, one line each: `not compared: trigger "audit" on table "users"`.
   * Never an operation; `includeObject` (with the kind as type) silences one.
   */
  readonly notCompared: readonly string[];
}

function isConnection(value: unknown): value is Connection {
  const v = value as Partial<Connection> | null;
  return typeof v === "object" && v !== null && typeof v.execute === "function" && typeof v.close === "function" && typeof v.dialect === "object";
}

function isModel(value: unknown): value is SchemaModel {
  const v = value as Partial<SchemaModel> | null;
  return typeof v === "object" && v !== null && Array.isArray(v.tables) && (v.enums === undefined || Array.isArray(v.enums));
}

/**
 * The declared schema of a `targetMetadata`: a `MetaData` (anything with
 * `toModel()`), a schema model, or a list of them (table names must not repeat).
 *
 * @example
 * ```ts
 * declaredModel([authMetadata, billingMetadata]); // { tables: [...both], enums: [...] }
 * ```
 */
export function declaredModel(target: unknown, where = "targetMetadata"): SchemaModel {
  if (Array.isArray(target)) {
    const tables: Table[] = [];
    const enums: EnumType[] = [];
    const notModelled: NotModelledObject[] = [];
    const views: View[] = [];
    const seen = new Set<string>();
    for (const [i, item] of target.entries()) {
      const model = declaredModel(item, `${where}[${i}]`);
      for (const table of model.tables) {
        const key = `${table.schema ?? ""}.${table.name}`;
        if (seen.has(key)) {
          throw new AthanorError(`${where} declares the table "${table.schema === undefined ? "" : `${table.schema}.`}${table.name}" more than once`, {
            hint: "each table may be declared by one MetaData of the list only",
          });
        }
        seen.add(key);
        tables.push(table);
      }
      for (const e of model.enums) if (!enums.some((x) => x.name === e.name && x.schema === e.schema)) enums.push(e);
      notModelled.push(...(model.notModelled ?? []));
      views.push(...(model.views ?? []));
    }
    const base = notModelled.length === 0 ? { tables, enums } : { tables, enums, notModelled };
    return views.length === 0 ? base : { ...base, views: sortViews(views) };
  }
  const withModel = target as { toModel?: unknown } | null;
  if (typeof withModel === "object" && withModel !== null && typeof withModel.toModel === "function") {
    return declaredModel((withModel.toModel as () => unknown).call(withModel), where);
  }
  if (isModel(target)) return { ...target, tables: target.tables, enums: target.enums ?? [] };
  throw new AthanorError(`${where} is not a declared schema`, {
    hint: "give a MetaData, a schema model ({ tables, enums }), or a list of them",
  });
}

/** The naming convention of a `targetMetadata` (of its first MetaData when it is a list). */
export function declaredNamingConvention(target: unknown): NamingConvention {
  return namingConventionOf(Array.isArray(target) ? target[0] : target);
}

function mergeRenames(...all: (RenameHints | undefined)[]): RenameHints {
  const tables: Record<string, string> = {};
  const columns: Record<string, string> = {};
  for (const hints of all) {
    Object.assign(tables, hints?.tables ?? {});
    Object.assign(columns, hints?.columns ?? {});
  }
  return { tables, columns };
}

/** The schemas to read: the default one, each declared one, and the listed `includeSchemas`. */
function schemasToRead(declared: SchemaModel, includeSchemas: CompareOptions["includeSchemas"]): (string | null)[] {
  const schemas: (string | null)[] = [null];
  const add = (schema: string | undefined): void => {
    if (schema !== undefined && !schemas.includes(schema)) schemas.push(schema);
  };
  for (const table of declared.tables) add(table.schema);
  for (const e of declared.enums) add(e.schema);
  for (const v of declared.views ?? []) add(v.schema);
  if (Array.isArray(includeSchemas)) for (const s of includeSchemas) add(s);
  if (includeSchemas === false) return [null];
  if (typeof includeSchemas === "function") return schemas.filter((s) => s === null || includeSchemas(s));
  return schemas;
}

/**
 * The declared views the database already has, in the spelling the database
 * would keep them (asked of the live database), by schema and name.
 */
async function canonicalViewsOf(connection: Connection, declared: SchemaModel, reflected: SchemaModel, defaultSchema: string | undefined): Promise<Map<string, CanonicalView>> {
  const schemaOf = (schema: string | undefined): string | undefined => (schema === defaultSchema ? undefined : schema);
  const present = new Set((reflected.views ?? []).map((v) => viewKey(v.name, schemaOf(v.schema))));
  const wanted = (declared.views ?? []).filter((v) => v.existing !== true && present.has(viewKey(v.name, schemaOf(v.schema))));
  if (wanted.length === 0) return new Map();
  const results = await connection.dialect.views.canonicalize(connection, wanted);
  return new Map(wanted.map((v, i) => [viewKey(v.name, schemaOf(v.schema)), results[i]!]));
}

/**
 * The declared named CHECKs whose text differs from the stored condition of
 * the same name, as the database itself would keep them (where the dialect
 * can ask it), by `checkKey`.
 */
async function canonicalChecksOf(connection: Connection, declared: SchemaModel, reflected: SchemaModel, defaultSchema: string | undefined): Promise<Map<string, string | undefined>> {
  const found = new Map<string, string | undefined>();
  const ask = connection.dialect.compare.canonicalChecks;
  if (ask === undefined) return found;
  const schemaOf = (schema: string | undefined): string | undefined => (schema === defaultSchema ? undefined : schema);
  const tableId = (name: string, schema: string | undefined): string => `${schemaOf(schema) ?? ""}\u0000${name}`;
  const present = new Map(reflected.tables.map((t) => [tableId(t.name, t.schema), t]));
  for (const table of declared.tables) {
    const existing = present.get(tableId(table.name, table.schema));
    if (existing === undefined) continue;
    const differing = table.checks.filter((c) => {
      const stored = c.name === undefined ? undefined : existing.checks.find((r) => r.name === c.name);
      return stored !== undefined && expressionKey(stored.sql, connection.dialect) !== expressionKey(c.sql, connection.dialect);
    });
    if (differing.length === 0) continue;
    const schema = existing.schema ?? schemaOf(table.schema);
    const spelled = await ask(connection, { name: existing.name, ...(schema === undefined ? {} : { schema }) }, differing.map((c) => c.sql));
    differing.forEach((c, i) => found.set(checkKey(schemaOf(table.schema), table.name, c.name!), spelled[i]));
  }
  return found;
}

/**
 * The declared policies whose conditions' text differs from the stored policy
 * of the same name, with their conditions as the database itself would keep
 * them (where the dialect can ask it), by `checkKey(schema, table, policy)`.
 */
async function canonicalPoliciesOf(connection: Connection, declared: SchemaModel, reflected: SchemaModel, defaultSchema: string | undefined): Promise<Map<string, PolicyConditions | undefined>> {
  const found = new Map<string, PolicyConditions | undefined>();
  const ask = connection.dialect.compare.canonicalPolicyConditions;
  if (ask === undefined) return found;
  const schemaOf = (schema: string | undefined): string | undefined => (schema === defaultSchema ? undefined : schema);
  const tableId = (name: string, schema: string | undefined): string => `${schemaOf(schema) ?? ""}\u0000${name}`;
  const present = new Map(reflected.tables.map((t) => [tableId(t.name, t.schema), t]));
  const text = (sql: string | undefined): string => (sql === undefined ? "" : expressionKey(sql, connection.dialect));
  for (const table of declared.tables) {
    const existing = present.get(tableId(table.name, table.schema));
    if (existing === undefined) continue;
    const differing = (table.policies ?? []).filter((p) => {
      const stored = existing.policies?.find((r) => r.name === p.name);
      return stored !== undefined && (text(stored.using) !== text(p.using) || text(stored.withCheck) !== text(p.withCheck));
    });
    if (differing.length === 0) continue;
    const schema = existing.schema ?? schemaOf(table.schema);
    const conditions = differing.map((p) => ({ ...(p.using === undefined ? {} : { using: p.using }), ...(p.withCheck === undefined ? {} : { withCheck: p.withCheck }) }));
    const kept = await ask(connection, { name: existing.name, ...(schema === undefined ? {} : { schema }) }, conditions);
    differing.forEach((p, i) => found.set(checkKey(schemaOf(table.schema), table.name, p.name), kept[i]));
  }
  return found;
}

/**
 * The declared model with its column collations as the server resolves them
 * (a MySQL character set named alone becomes the collation it gives), where
 * the dialect can ask; the same model otherwise.
 */
async function withResolvedCollations(connection: Connection, declared: SchemaModel): Promise<SchemaModel> {
  const resolve = connection.dialect.compare.resolveCollations;
  const names = declared.tables.flatMap((t) => t.columns.flatMap((c) => (c.collation === undefined ? [] : [c.collation])));
  if (resolve === undefined || names.length === 0) return declared;
  const resolved = await resolve(connection, names);
  if (resolved.size === 0) return declared;
  const tables = declared.tables.map((t) =>
    t.columns.some((c) => c.collation !== undefined && resolved.has(c.collation))
      ? { ...t, columns: t.columns.map((c) => (c.collation !== undefined && resolved.has(c.collation) ? { ...c, collation: resolved.get(c.collation)! } : c)) }
      : t,
  );
  return { ...declared, tables };
}

/** Everything one comparison needs. */
interface CompareRequest extends CompareMetadataOptions {
  /** Asked about each likely rename (the TTY prompt); `true` applies it. */
  readonly confirmRename?: (candidate: RenameCandidate) => boolean | Promise<boolean>;
  /** The catalog reading begun before the comparison asked for it (see EarlyReflection). */
  readonly prefetched?: PrefetchedReflection;
}

function renameKey(candidate: RenameCandidate): { tables?: Record<string, string>; columns?: Record<string, string> } {
  const prefix = candidate.schema === undefined ? "" : `${candidate.schema}.`;
  return candidate.kind === "table"
    ? { tables: { [`${prefix}${candidate.from}`]: candidate.to } }
    : { columns: { [`${prefix}${candidate.table}.${candidate.from}`]: candidate.to } };
}

/** Reflect the database and compare it with the declared schema; ask about likely renames when a confirm function is given. */
async function compareOnConnection(connection: Connection, declaredAsWritten: SchemaModel, request: CompareRequest): Promise<ProducedMigrations> {
  const dialect: Dialect = connection.dialect;
  const declared = await withResolvedCollations(connection, declaredAsWritten);
  const defaultSchema = await dialect.defaultSchema(connection);
  const schemas = schemasToRead(declared, request.includeSchemas).filter((s) => s === null || s !== defaultSchema);
  const reflected = await reflectWith(connection, schemas, request.prefetched);
  const canonicalViews = await canonicalViewsOf(connection, declared, reflected, defaultSchema);
  const canonicalChecks = await canonicalChecksOf(connection, declared, reflected, defaultSchema);
  const canonicalPolicies = await canonicalPoliciesOf(connection, declared, reflected, defaultSchema);
  const notCompared = notComparedLines(declared, reflected, {
    ...(defaultSchema === undefined ? {} : { defaultSchema }),
    ...(request.includeName === undefined ? {} : { includeName: request.includeName }),
    ...(request.includeObject === undefined ? {} : { includeObject: request.includeObject }),
  });
  const run = (renames: RenameHints): { diffs: SchemaDiff[]; warnings: CompareWarning[] } => {
    const warnings: CompareWarning[] = [];
    const options: CompareOptions & { readonly defaultSchema?: string } = {
      dialect,
      ...(defaultSchema === undefined ? {} : { defaultSchema }),
      ...(request.includeName === undefined ? {} : { includeName: request.includeName }),
      ...(request.includeObject === undefined ? {} : { includeObject: request.includeObject }),
      ...(request.includeSchemas === undefined ? {} : { includeSchemas: request.includeSchemas }),
      ...(request.compareType === undefined ? {} : { compareType: request.compareType }),
      ...(request.compareServerDefault === undefined ? {} : { compareServerDefault: request.compareServerDefault }),
      renames,
      versionTable: request.versionTable ?? "athanor_version",
      ...(request.versionTableSchema === undefined ? {} : { versionTableSchema: request.versionTableSchema }),
      ...(request.historyTable === undefined ? {} : { historyTable: request.historyTable }),
      onWarning: (warning) => warnings.push(warning),
      canonicalViews,
      canonicalChecks,
      canonicalPolicies,
    };
    return { diffs: compareSchemas(declared, reflected, options), warnings };
  };
  let renames = mergeRenames(request.renames);
  let result = run(renames);
  let candidates = findRenameCandidates(result.diffs, dialect);
  if (request.confirmRename !== undefined && candidates.length > 0) {
    const accepted: RenameCandidate[] = [];
    for (const candidate of candidates) if (await request.confirmRename(candidate)) accepted.push(candidate);
    if (accepted.length > 0) {
      renames = mergeRenames(renames, ...accepted.map(renameKey));
      result = run(renames);
      candidates = findRenameCandidates(result.diffs, dialect);
    }
  }
  for (const warning of result.warnings) request.onWarning?.(warning);
  // registerComparator's comparators: their operations follow the built-in ones
  const added = await runComparators({ ...request, declared, reflected, dialect, connection, defaultSchema });
  const diffs = [...result.diffs, ...added];
  const upgradeOps = [...diffsToOperations(result.diffs, { forwardReferences: !dialect.batch.alterInPlace }), ...added.map((diff) => diff.operation)];
  const irreversible: string[] = [];
  const downgradeOps = reverseOperations(upgradeOps, { onIrreversible: (_operation, error) => irreversible.push(error.message) });
  const sequenceStates = await readSequenceStates(dialect, connection, [...upgradeOps, ...downgradeOps]);
  return { diffs, upgradeOps, downgradeOps, warnings: result.warnings, renameCandidates: candidates, irreversible, dialect: dialect.name, reflectedTables: reflected.tables, notCompared, targetDialect: dialect, sequenceStates };
}

async function withConnection<T>(source: Connection | Config, action: (connection: Connection) => Promise<T>): Promise<T> {
  if (isConnection(source)) return action(source);
  const shared = source.attributes["connection"];
  if (isConnection(shared)) return action(shared);
  if (!source.url) {
    throw new AthanorError("No database URL is configured", { hint: "set `url` in athanor.config.ts, or pass a connection" });
  }
  const connection = await connect(source.url, { cwd: source.baseDir });
  try {
    return await action(connection);
  } finally {
    await connection.close();
  }
}

/**
 * The differences between a declared schema and a database (Alembic's
 * `compare_metadata`). Reads the database only.
 *
 * @example
 * ```ts
 * const diffs = await compareMetadata(connection, metadata);
 * for (const diff of diffs) console.log(diff.kind);
 * ```
 */
export async function compareMetadata(connectionOrConfig: Connection | Config, metadata: TargetMetadata, options: CompareMetadataOptions = {}): Promise<SchemaDiff[]> {
  const declared = declaredModel(metadata);
  const versionOptions = isConnection(connectionOrConfig) ? {} : versionTableOf(connectionOrConfig);
  const produced = await withConnection(connectionOrConfig, (c) => compareOnConnection(c, declared, { ...versionOptions, ...options }));
  return [...produced.diffs];
}

/**
 * The operations that bring a database to a declared schema, and their
 * reverses (Alembic's `produce_migrations`). Run them with `op.invoke(...)`
 * or render them with `renderOperations`.
 *
 * @example
 * ```ts
 * const { upgradeOps, downgradeOps } = await produceMigrations(config, metadata);
 * console.log(renderOperations(upgradeOps).upgrades);
 * ```
 */
export async function produceMigrations(connectionOrConfig: Connection | Config, metadata: TargetMetadata, options: CompareMetadataOptions = {}): Promise<ProducedMigrations> {
  const declared = declaredModel(metadata);
  const versionOptions = isConnection(connectionOrConfig) ? {} : versionTableOf(connectionOrConfig);
  return withConnection(connectionOrConfig, (c) => compareOnConnection(c, declared, { ...versionOptions, ...options }));
}

function versionTableOf(config: Config): { versionTable: string; versionTableSchema?: string; historyTable: string | false } {
  return {
    versionTable: config.versionTable,
    ...(config.versionTableSchema === undefined ? {} : { versionTableSchema: config.versionTableSchema }),
    historyTable: config.historyTable,
  };
}

/** What a command (`revision --autogenerate`, `check`) adds to a comparison. */
export interface AutogenerateRequest {
  /** Renames stated on the command line, added to env.ts's `renames`. */
  readonly renames?: RenameHints;
  /** Asked about each likely rename not stated anywhere (the TTY prompt). */
  readonly confirmRename?: (candidate: RenameCandidate) => boolean | Promise<boolean>;
  /** Refuse a SQLite file that does not exist instead of creating it (`check` only reads). */
  readonly mustExist?: boolean;
}

/** The result of comparing a project's declared schema with its database. */
export interface AutogenerateRun extends ProducedMigrations {
  /** env.ts's settings. */
  readonly hooks: AutogenerateHooks;
  readonly namingConvention: NamingConvention;
}

/**
 * Run a project's environment for autogenerate: load env.ts's `targetMetadata`
 * and settings, connect, refuse unless the database is at the scripts' heads,
 * reflect and compare.
 *
 * @example
 * ```ts
 * const run = await autogenerateProject(config, await ScriptDirectory.fromConfig(config));
 * run.upgradeOps; // what `revision --autogenerate` would write
 * ```
 */
export async function autogenerateProject(config: Config, scripts: ScriptDirectory, request: AutogenerateRequest = {}): Promise<AutogenerateRun> {
  // relative SQLite paths are relative to the config's folder
  const connectOptions = { cwd: config.baseDir, ...(request.mustExist ? { mustExist: true } : {}) };
  // the configured database starts reading its catalog while env.ts declares the schema
  const early = isConnection(config.attributes["connection"]) || !config.url ? undefined : EarlyReflection.start(config.url, connectOptions);
  let env: Awaited<ReturnType<typeof loadEnvironment>>;
  let declared: SchemaModel;
  try {
    await early?.waitForConnection();
    env = await loadEnvironment(scripts);
    early?.environmentLoaded();
    if (env.targetMetadata === undefined || env.targetMetadata === null) {
      throw new AthanorError("Can't proceed with autogenerate: env.ts does not provide targetMetadata", {
        ...(scripts.envPath ? { file: scripts.envPath } : {}),
        hint: "export default defineEnvironment({ targetMetadata: metadata }) with your MetaData (or a schema model, or a list of them)",
      });
    }
    declared = declaredModel(env.targetMetadata);
  } catch (error) {
    early?.discard();
    throw error;
  }
  const versionTableName = env.versionTable ?? config.versionTable;
  const versionTableSchema = env.versionTableSchema ?? config.versionTableSchema;
  const run = async (connection: Connection, prefetched?: PrefetchedReflection): Promise<ProducedMigrations> => {
    const versionTable = new VersionTable(connection.dialect, versionTableName, versionTableSchema ?? null);
    const current = await versionTable.readHeads(connection);
    const heads = [...scripts.map.heads];
    const atHeads = current.length === heads.length && heads.every((h) => current.includes(h));
    if (!atHeads) {
      throw new AthanorError("Target database is not up to date.", {
        hint: `the database is at ${current.join(", ") || "base"}, the scripts' heads are ${heads.join(", ") || "none"}; run \`athanor upgrade heads\` first`,
      });
    }
    return compareOnConnection(connection, declared, {
      ...(env.includeName === undefined ? {} : { includeName: env.includeName }),
      ...(env.includeObject === undefined ? {} : { includeObject: env.includeObject }),
      ...(env.includeSchemas === undefined ? {} : { includeSchemas: env.includeSchemas }),
      ...(env.compareType === undefined ? {} : { compareType: env.compareType }),
      ...(env.compareServerDefault === undefined ? {} : { compareServerDefault: env.compareServerDefault }),
      ...(env.comparators === undefined ? {} : { comparators: env.comparators }),
      renames: mergeRenames(env.renames, request.renames),
      versionTable: versionTableName,
      ...(versionTableSchema === undefined ? {} : { versionTableSchema }),
      historyTable: env.historyTable ?? config.raw.historyTable ?? historyTableBeside(versionTableName),
      ...(request.confirmRename === undefined ? {} : { confirmRename: request.confirmRename }),
      ...(prefetched === undefined ? {} : { prefetched }),
    });
  };
  const shared = config.attributes["connection"];
  let produced: ProducedMigrations;
  if (isConnection(shared)) produced = await run(shared);
  else {
    const url = env.url ?? config.url;
    if (!url) {
      throw new AthanorError("No database URL is configured", {
        hint:
          config.databases.length > 0
            ? "autogenerate compares one database: set `url` in env.ts (or athanor.config.ts) to the one the declared schema describes"
            : "set `url` in athanor.config.ts (e.g. process.env.DATABASE_URL), or in env.ts",
      });
    }
    if (url !== early?.url) early?.discard();
    const taken = url === early?.url ? await early.take() : undefined;
    const connection = taken?.connection ?? (await connect(url, connectOptions));
    try {
      produced = await run(connection, taken?.reflection);
    } finally {
      await connection.close();
    }
  }
  return { ...produced, hooks: env, namingConvention: declaredNamingConvention(env.targetMetadata) };
}
