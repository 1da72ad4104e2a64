import { Config } from "../config/index.js";
import { maskUrl } from "../dialects/url.js";
import { loadEnvironment } from "../runtime/run-environment.js";
import type { ScriptDirectory } from "../script/index.js";
import { connectTarget } from "./connect-target.js";
import { runPool } from "./pool.js";
import { defaultConcurrency, resolveFleet } from "./resolve.js";
import { checkConcurrency } from "./run-fleet.js";
import { targetError } from "./transient.js";
import type { FleetCheckResult, FleetCheckTarget, FleetOptions } from "./types.js";

/** `check` of one database, as the command runs it. */
export type CheckOne = (config: Config) => Promise<{ readonly upToDate: boolean; readonly differences: readonly string[] }>;

/**
 * Compare the declared schema with every target of a fleet: each target is
 * checked as `check` checks one database, through a connection working in the
 * target's schema.
 */
export async function checkFleet(script: ScriptDirectory, options: FleetOptions, checkOne: CheckOne): Promise<FleetCheckResult> {
  const config = script.config;
  const env = await loadEnvironment(script);
  const fleet = await resolveFleet(config, env, options.fleet, { only: options.only, except: options.except });
  const concurrency = checkConcurrency(options.concurrency ?? defaultConcurrency(fleet.dialect));
  const results: (FleetCheckTarget | undefined)[] = new Array(fleet.targets.length);
  await runPool(
    fleet.targets,
    concurrency,
    async (target, index) => {
      const base = { name: target.name, url: maskUrl(target.url), schema: target.schema };
      try {
        const connection = await connectTarget(target, { cwd: config.baseDir, mustExist: true });
        try {
          const input = {
            ...config.raw,
            url: target.url,
            ...(target.schema === undefined ? {} : { versionTableSchema: target.schema }),
          };
          const one = Config.from(input, { baseDir: config.baseDir, xArgs: config.xArgList, ...(config.file === undefined ? {} : { file: config.file }) });
          one.attributes.connection = connection;
          const result = await checkOne(one);
          results[index] = { ...base, upToDate: result.upToDate, differences: [...result.differences] };
        } finally {
          await connection.close().catch(() => undefined);
        }
      } catch (error) {
        results[index] = { ...base, upToDate: false, differences: [], error: targetError(error) };
      }
    },
    () => options.signal?.aborted === true,
  );
  const targets = results.filter((r): r is FleetCheckTarget => r !== undefined);
  return { fleet: fleet.name, upToDate: targets.length === fleet.targets.length && targets.every((t) => t.upToDate), targets };
}
