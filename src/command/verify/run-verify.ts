/**
 * The verify run: the pure tests (heads, downgrades) first, then one walk
 * over a scratch database that upgrades one revision at a time and, for each,
 * downgrades and upgrades again (the stairway), then `check` against the
 * declared schema, then the offline script on a second scratch database.
 */
import { Config } from "../../config/index.js";
import type { Connection } from "../../dialects/contract/index.js";
import { getDialect } from "../../dialects/index.js";
import { parseUrl } from "../../dialects/url.js";
import type { MigrationStep } from "../../graph/types.js";
import { recordRevision } from "../../lint/record.js";
import type { EnvironmentDefinition } from "../../runtime/env.js";
import { loadEnvironment } from "../../runtime/run-environment.js";
import { ScriptDirectory } from "../../script/index.js";
import type { Script } from "../../script/index.js";
import { AthanorError } from "../../util/errors.js";
import { check } from "../check.js";
import { upgrade } from "../upgrade.js";
import { ClientMissingError, runWithClient } from "./client.js";
import { describeSnapshotChanges, schemaSnapshot, type SchemaSnapshot } from "./schema-snapshot.js";
import { scratchServer, type ScratchDatabase, type ScratchServer } from "./scratch.js";
import { reverseStep, runSteps } from "./steps.js";
import { VERIFY_TESTS, type VerifyResult, type VerifyTestName, type VerifyTestResult } from "./types.js";

/** Progress of a run, for a progress line: a test starting, a revision of the walk, a test done. */
export type VerifyProgress =
  | { readonly kind: "test"; readonly name: VerifyTestName }
  | { readonly kind: "revision"; readonly index: number; readonly total: number; readonly revision: string }
  | { readonly kind: "result"; readonly result: VerifyTestResult }
  | { readonly kind: "note"; readonly message: string };

/** Options of `command.verify`. */
export interface VerifyOptions {
  /** `start:end` as `history` takes it: only these revisions are checked (their ancestors are applied first). Default `base:heads`. */
  readonly revisions?: string;
  /**
   * A server URL to make the scratch databases on (`athanor_verify_<random>`,
   * dropped at the end), or `pglite` for PGlite instances in this process.
   * Default: the server of the configured URL (a PostgreSQL project whose server
   * does not answer falls back to PGlite when it is installed); for SQLite
   * always a temp file.
   */
  readonly scratchUrl?: string;
  /** Only these tests (default all, in {@link VERIFY_TESTS} order). */
  readonly tests?: readonly VerifyTestName[];
  /** Stops the run at the next safe point; the scratch databases are dropped. */
  readonly signal?: AbortSignal;
  /** Called as the run goes. */
  readonly onProgress?: (event: VerifyProgress) => void;
}

/** A test's failure, gathered while the walk runs. */
interface Finding {
  readonly revision: string;
  readonly reason: string;
  readonly details: readonly string[];
}

/** The tables verify leaves out of its comparisons: athanor's own bookkeeping. */
function bookkeepingTables(config: Config, env: EnvironmentDefinition): string[] {
  const version = env.versionTable ?? config.versionTable;
  // the applied-history table, where the config names one
  const history = (config as unknown as { readonly historyTable?: unknown }).historyTable;
  return typeof history === "string" ? [version, history] : [version];
}

function messageOf(error: unknown): string {
  if (error instanceof AthanorError) return error.oneLine();
  return error instanceof Error ? error.message : String(error);
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}

/** The project's config with the scratch connection handed in, as `config.attributes.connection`. */
function scratchConfig(config: Config, connection: Connection): Config {
  const copy = Config.from(config.raw, {
    baseDir: config.baseDir,
    ...(config.file === undefined ? {} : { file: config.file }),
    xArgs: config.xArgList,
  });
  Object.assign(copy.attributes, config.attributes, { connection });
  return copy;
}

/**
 * Run the verify tests on scratch databases made for the run and removed
 * after it. See `command.verify`.
 */
export async function runVerify(config: Config, options: VerifyOptions = {}): Promise<VerifyResult> {
  const started = Date.now();
  const wanted = new Set(options.tests ?? VERIFY_TESTS);
  for (const name of wanted) {
    if (!VERIFY_TESTS.includes(name)) {
      throw new AthanorError(`verify has no test named "${name}"`, { hint: `tests: ${VERIFY_TESTS.join(", ")}` });
    }
  }
  const range = options.revisions?.trim() || "base:heads";
  if (!range.includes(":")) {
    throw new AthanorError(`--revisions '${range}' has no ':'`, { hint: "give [start]:[end], e.g. base:heads or ae10:" });
  }
  const script = await ScriptDirectory.fromConfig(config);
  const env = await loadEnvironment(script);
  if (config.databases.length > 0) {
    throw new AthanorError("verify checks one database, and the config declares several (`databases`)", {
      hint: "verify each with its own config section (-n NAME)",
    });
  }
  const serverUrl = options.scratchUrl ?? env.url ?? config.url;
  if (!serverUrl) {
    throw new AthanorError("No database URL is configured, so verify cannot tell which database to make its scratch databases on", {
      hint: "set `url` in athanor.config.ts, or give --scratch-url",
    });
  }
  const dialectName = serverUrl === "pglite" ? "postgresql" : parseUrl(serverUrl).dialect;
  const chosen = [...script.map.history(range)].reverse();
  const ids = chosen.map((rev) => rev.revision);
  const results: VerifyTestResult[] = [];
  const report = (result: VerifyTestResult): void => {
    results.push(result);
    options.onProgress?.({ kind: "result", result });
  };
  const timed = async (name: VerifyTestName, body: () => Promise<Omit<VerifyTestResult, "name" | "durationMs">>): Promise<void> => {
    if (!wanted.has(name)) return;
    options.onProgress?.({ kind: "test", name });
    const t0 = Date.now();
    const outcome = await body();
    report({ name, ...outcome, durationMs: Date.now() - t0 });
  };

  // --- single-head: the graph alone
  await timed("single-head", async () => singleHead(script, config));

  // --- downgrades: each revision's functions recorded, nothing run
  const irreversible = new Map<string, string>();
  const dialect = getDialect(dialectName);
  const downgradeFindings: Finding[] = [];
  let nothingToUndo = 0;
  const needRecords = wanted.has("downgrades") || wanted.has("stairway");
  if (needRecords) {
    await script.preloadRevisions(chosen.map((rev) => rev.source));
    for (const rev of chosen) {
      const recorded = await recordRevision(rev.source as Script, (source) => script.loadRevision(source), dialect, env.targetMetadata);
      const module = await script.loadRevision(rev.source as Script).catch(() => undefined);
      const marker = module?.irreversible;
      if (recorded.irreversible) {
        irreversible.set(rev.revision, typeof marker === "string" ? marker.trim() : "marked irreversible");
        continue;
      }
      if (recorded.failure === undefined && recorded.upgrade.length === 0 && recorded.downgrade.length === 0) {
        // a merge, or a revision that changes nothing: nothing to undo
        nothingToUndo += 1;
        continue;
      }
      if (recorded.failure === undefined && recorded.downgrade.length === 0) {
        downgradeFindings.push({
          revision: rev.revision,
          reason: `${rev.revision}: downgrade() does nothing and the revision is not marked irreversible`,
          details: [`${script.config.relative(rev.source.path)}: write the downgrade, or add \`export const irreversible = "why"\``],
        });
      }
    }
  }
  await timed("downgrades", async () => {
    if (downgradeFindings.length > 0) {
      return {
        status: "failed",
        reason: downgradeFindings.length === 1 ? downgradeFindings[0]!.reason : `${downgradeFindings.length} revisions have an empty downgrade: ${downgradeFindings.map((f) => f.revision).join(", ")}`,
        revision: downgradeFindings[0]!.revision,
        details: downgradeFindings.flatMap((f) => f.details),
      };
    }
    const marked = [...irreversible].map(([id, why]) => `${id}: irreversible (${why})`);
    const doing = chosen.length - irreversible.size - nothingToUndo;
    const idle = nothingToUndo > 0 ? `, ${nothingToUndo} revision(s) with nothing to undo` : "";
    const marks = irreversible.size > 0 ? `, ${irreversible.size} marked irreversible` : "";
    return { status: "passed", reason: `${doing} downgrade(s) do something${idle}${marks}`, details: marked };
  });

  const needWalk = wanted.has("upgrade") || wanted.has("stairway") || wanted.has("model-matches") || wanted.has("offline-matches");
  let server: ScratchServer | undefined;
  if (!needWalk) return finish();
  refuseCustomRun(env);

  const databases: ScratchDatabase[] = [];
  try {
    server = await scratchServer(serverUrl, { cwd: config.baseDir });
    let online: ScratchDatabase;
    try {
      online = await server.create("a");
    } catch (error) {
      // a PostgreSQL project whose server does not answer is verified on PGlite when it is installed
      if (options.scratchUrl !== undefined || dialectName !== "postgresql" || !/Cannot connect/u.test(messageOf(error))) throw error;
      let embedded: ScratchServer;
      try {
        embedded = await scratchServer("pglite");
      } catch {
        throw error;
      }
      options.onProgress?.({ kind: "note", message: `the PostgreSQL server at ${parseUrl(serverUrl).masked} does not answer; verifying on PGlite (PostgreSQL 18 in this process)` });
      server = { ...embedded, where: `${embedded.where}; ${parseUrl(serverUrl).masked} did not answer` };
      online = await server.create("a");
    }
    databases.push(online);
    const connection = await online.connect();
    const onlineConfig = scratchConfig(config, connection);
    const onlineScript = await ScriptDirectory.fromConfig(onlineConfig);
    const ignore = bookkeepingTables(config, env);
    const snap = (): Promise<SchemaSnapshot> => schemaSnapshot(connection, ignore);

    // --- upgrade and stairway: one walk
    const upgradeFindings: Finding[] = [];
    const stairFindings: Finding[] = [];
    const stairSkipped: string[] = [];
    let stoppedAt: string | undefined;
    let stairStoppedAt: string | undefined;
    let heads: readonly string[] = [];
    let upgraded = 0;
    const stairway = wanted.has("stairway");
    options.onProgress?.({ kind: "test", name: wanted.has("upgrade") ? "upgrade" : "stairway" });
    const walkStart = Date.now();
    let before = stairway ? await snap() : new Map<string, string>();
    for (const [index, rev] of chosen.entries()) {
      options.signal?.throwIfAborted();
      options.onProgress?.({ kind: "revision", index: index + 1, total: chosen.length, revision: rev.revision });
      const plan = script.map.planUpgrade(heads, rev.revision);
      if (plan.length === 0) continue;
      const prelude = plan.slice(0, -1);
      const step: MigrationStep = plan.at(-1)!;
      if (prelude.length > 0) {
        try {
          heads = await runSteps(onlineScript, prelude, { signal: options.signal });
        } catch (error) {
          if (options.signal?.aborted) throw error;
          upgradeFindings.push({ revision: rev.revision, reason: `upgrade to the revisions below ${rev.revision} failed: ${firstLine(messageOf(error))}`, details: [] });
          stoppedAt = rev.revision;
          break;
        }
        if (stairway) before = await snap();
      }
      try {
        heads = await runSteps(onlineScript, [step], { signal: options.signal });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        upgradeFindings.push({ revision: rev.revision, reason: `upgrade of ${rev.revision} failed: ${firstLine(messageOf(error))}`, details: messageOf(error).split("\n").slice(1) });
        stoppedAt = rev.revision;
        break;
      }
      upgraded += 1;
      if (!stairway || stairStoppedAt !== undefined) continue;
      const up = await snap();
      const why = irreversible.get(rev.revision);
      if (why !== undefined) {
        stairSkipped.push(`${rev.revision}: skipped, marked irreversible (${why})`);
        before = up;
        continue;
      }
      try {
        heads = await runSteps(onlineScript, [reverseStep(step)], { signal: options.signal });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        stairFindings.push({ revision: rev.revision, reason: `downgrade of ${rev.revision} failed: ${firstLine(messageOf(error))}`, details: [] });
        stairStoppedAt = rev.revision;
        break;
      }
      const down = await snap();
      const trace = describeSnapshotChanges(before, down, { before: "before the upgrade", after: "after the downgrade" });
      if (trace.length > 0) {
        stairFindings.push({ revision: rev.revision, reason: `downgrade of ${rev.revision} leaves a trace: ${trace[0]}`, details: trace.map((line) => `${rev.revision}: ${line}`) });
      }
      try {
        heads = await runSteps(onlineScript, [step], { signal: options.signal });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        stairFindings.push({ revision: rev.revision, reason: `upgrade of ${rev.revision} after its downgrade failed: ${firstLine(messageOf(error))}`, details: [] });
        stairStoppedAt = rev.revision;
        break;
      }
      const again = await snap();
      const drift = describeSnapshotChanges(up, again, { before: "after the first upgrade", after: "after the second upgrade" });
      if (drift.length > 0) {
        stairFindings.push({ revision: rev.revision, reason: `upgrading ${rev.revision} again gives another schema: ${drift[0]}`, details: drift.map((line) => `${rev.revision}: ${line}`) });
      }
      before = again;
    }
    const walkMs = Date.now() - walkStart;
    const reached = stoppedAt === undefined && stairStoppedAt === undefined;

    if (wanted.has("upgrade")) {
      report(
        upgradeFindings.length > 0
          ? { name: "upgrade", status: "failed", reason: upgradeFindings[0]!.reason, revision: upgradeFindings[0]!.revision, details: upgradeFindings[0]!.details, durationMs: walkMs }
          : upgraded < chosen.length
            ? {
                name: "upgrade",
                status: "skipped",
                reason: `stopped at ${stairStoppedAt}, where the stairway failed; ${chosen.length - upgraded} revision(s) after it were not run`,
                revision: stairStoppedAt!,
                details: [],
                durationMs: walkMs,
              }
            : { name: "upgrade", status: "passed", reason: `${chosen.length} revision(s) upgraded one at a time`, details: [], durationMs: walkMs },
      );
    }
    if (stairway) {
      const checked = chosen.length - irreversible.size;
      report(
        stairFindings.length > 0
          ? {
              name: "stairway",
              status: "failed",
              reason: stairFindings.length === 1 ? stairFindings[0]!.reason : `${stairFindings[0]!.reason} (and ${stairFindings.length - 1} more)`,
              revision: stairFindings[0]!.revision,
              details: [...stairFindings.flatMap((f) => (f.details.length > 0 ? f.details : [f.reason])), ...stairSkipped],
              durationMs: walkMs,
            }
          : stoppedAt !== undefined
            ? { name: "stairway", status: "skipped", reason: `stopped at ${stoppedAt}, whose upgrade failed`, revision: stoppedAt, details: stairSkipped, durationMs: walkMs }
            : {
                name: "stairway",
                status: "passed",
                reason: `${checked} revision(s): each downgrade undoes its upgrade, and upgrading again gives the same schema`,
                details: stairSkipped,
                durationMs: walkMs,
              },
      );
    }

    // --- model-matches: check on the upgraded database
    const atHeads = reached && sameSet(heads, script.map.heads) || sameSet(heads, script.map.realHeads);
    await timed("model-matches", async () => {
      if (env.targetMetadata === undefined) return { status: "skipped", reason: "env.ts declares no targetMetadata, so there is no model to compare with", details: [] };
      if (!reached) return { status: "skipped", reason: `the walk stopped at ${stoppedAt ?? stairStoppedAt}`, details: [] };
      if (!atHeads) return { status: "skipped", reason: `the revisions checked end below the heads (${heads.join(", ") || "base"})`, details: [] };
      try {
        const result = await check(onlineConfig);
        if (result.upToDate) return { status: "passed", reason: "the declared schema and the upgraded database match", details: result.notCompared };
        return {
          status: "failed",
          reason: `the declared schema differs from the upgraded database: ${result.differences[0] ?? ""}${result.differences.length > 1 ? ` (and ${result.differences.length - 1} more)` : ""}`,
          details: result.differences,
        };
      } catch (error) {
        return { status: "failed", reason: `check failed: ${firstLine(messageOf(error))}`, details: [] };
      }
    });

    // --- offline-matches: the --sql script on a second scratch database
    await timed("offline-matches", async () => {
      if (!reached) return { status: "skipped", reason: `the walk stopped at ${stoppedAt ?? stairStoppedAt}`, details: [] };
      const first = chosen[0];
      if (first === undefined) return { status: "skipped", reason: "no revision in the range", details: [] };
      const parents = [...first.downRevisions, ...first.dependencies];
      if (parents.length > 1) return { status: "skipped", reason: `the range starts at ${first.revision}, which has several parents; an offline range needs one start`, details: [] };
      const start = parents[0] ?? "base";
      const end = range.slice(range.indexOf(":") + 1).trim() || "heads";
      let sql: string;
      try {
        sql = (await upgrade(onlineConfig, `${start}:${end}`, { sql: true })).sql ?? "";
      } catch (error) {
        return { status: "failed", reason: `the offline script cannot be written: ${firstLine(messageOf(error))}`, details: [] };
      }
      const offline = await server!.create("b");
      databases.push(offline);
      const offlineConnection = await offline.connect();
      if (start !== "base") {
        await upgrade(scratchConfig(config, offlineConnection), start, { signal: options.signal });
      }
      // the client needs the database to itself (SQLite: the file, unlocked)
      if (dialectName === "sqlite") await offlineConnection.close();
      try {
        await runWithClient(offline.url, sql, { ...(dialectName === "sqlite" ? { sqliteFile: offline.name } : {}), ...(options.signal === undefined ? {} : { signal: options.signal }) });
      } catch (error) {
        if (error instanceof ClientMissingError) return { status: "skipped", reason: messageOf(error), details: [] };
        return { status: "failed", reason: `the offline script fails where the online run did not: ${firstLine(messageOf(error))}`, details: [] };
      }
      const reader = dialectName === "sqlite" ? await offline.connect() : offlineConnection;
      const differences = describeSnapshotChanges(await snap(), await schemaSnapshot(reader, ignore), { before: "online", after: "offline" });
      const versionOnline = await versionRows(connection, env, config);
      const versionOffline = await versionRows(reader, env, config);
      if (versionOnline !== versionOffline) differences.push(`version table: online ${versionOnline || "(empty)"}, offline ${versionOffline || "(empty)"}`);
      if (differences.length > 0) {
        return { status: "failed", reason: `the offline script gives another schema than the online run: ${differences[0]}`, details: differences };
      }
      return { status: "passed", reason: `the script of ${start}:${end} gives the catalog the online run gave`, details: [] };
    });
  } catch (error) {
    if (options.signal?.aborted) {
      throw new AthanorError(`verify interrupted (${String(options.signal.reason)}); its scratch databases are dropped, the configured database was not touched`, { cause: error });
    }
    throw error;
  } finally {
    for (const database of databases) await database.drop().catch(() => undefined);
    await server?.close().catch(() => undefined);
  }
  return finish();

  function finish(): VerifyResult {
    const order = (name: VerifyTestName): number => VERIFY_TESTS.indexOf(name);
    const tests = [...results].sort((a, b) => order(a.name) - order(b.name));
    return {
      ok: tests.every((t) => t.status !== "failed"),
      dialect: dialectName,
      scratch: server?.where ?? (dialectName === "sqlite" ? "a temp file" : serverUrl === "pglite" ? "PGlite" : parseUrl(serverUrl!).masked),
      revisions: ids,
      tests,
      durationMs: Date.now() - started,
    };
  }
}

/**
 * A custom `run()` in env.ts may connect wherever it likes (`context.connect()`
 * opens the configured URL): the revisions could run on the real database
 * instead of the scratch one, so verify does not run them.
 */
export function refuseCustomRun(env: EnvironmentDefinition): void {
  if (env.run === undefined) return;
  throw new AthanorError("env.ts defines its own run(), so verify cannot be sure the revisions would run on its scratch database", {
    hint: "only the graph tests can run here (--test single-head --test downgrades); the others need env.ts's default flow",
  });
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

async function versionRows(connection: Connection, env: EnvironmentDefinition, config: Config): Promise<string> {
  const name = env.versionTable ?? config.versionTable;
  const schema = env.versionTableSchema ?? config.versionTableSchema ?? null;
  if (!(await connection.tableExists(name, schema))) return "";
  const result = await connection.execute(`SELECT version_num FROM ${connection.dialect.quoteTable(name, schema)}`);
  return result.rows.map((row) => String(row["version_num"] ?? Object.values(row)[0])).sort().join(", ");
}

function singleHead(script: ScriptDirectory, config: Config): Omit<VerifyTestResult, "name" | "durationMs"> {
  const heads = [...script.map.heads];
  if (config.expectedHeads.length === 0) {
    if (heads.length === 1) return { status: "passed", reason: `one head: ${heads[0]}`, details: [] };
    if (heads.length === 0) return { status: "skipped", reason: "no revisions yet", details: [] };
    return {
      status: "failed",
      reason: `${heads.length} heads (${heads.join(", ")}); one was expected`,
      details: ["merge them with `athanor merge heads -m \"merge\"`, or list them in the config's expectedHeads"],
    };
  }
  const expected = new Set<string>();
  for (const symbol of config.expectedHeads) {
    try {
      for (const rev of script.map.getRevisions(symbol)) expected.add(rev.revision);
    } catch (error) {
      return { status: "failed", reason: `expectedHeads names "${symbol}", which is not a revision: ${firstLine(messageOf(error))}`, details: [] };
    }
  }
  const missing = [...expected].filter((id) => !heads.includes(id));
  const extra = heads.filter((id) => !expected.has(id));
  if (missing.length === 0 && extra.length === 0) return { status: "passed", reason: `the heads are the expected ones: ${heads.join(", ")}`, details: [] };
  return {
    status: "failed",
    reason: `the heads are ${heads.join(", ") || "none"}, expectedHeads says ${[...expected].join(", ")}`,
    details: [...extra.map((id) => `${id}: a head not in expectedHeads`), ...missing.map((id) => `${id}: in expectedHeads but not a head`)],
  };
}
