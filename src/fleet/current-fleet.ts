import { maskUrl } from "../dialects/url.js";
import { loadEnvironment } from "../runtime/run-environment.js";
import type { ScriptDirectory } from "../script/index.js";
import { connectTarget } from "./connect-target.js";
import { runPool } from "./pool.js";
import { defaultConcurrency, resolveFleet } from "./resolve.js";
import { checkConcurrency } from "./run-fleet.js";
import { targetVersionTable } from "./run-target.js";
import { targetError } from "./transient.js";
import type { FleetCurrentResult, FleetHeadGroup, FleetOptions, TargetError } from "./types.js";

/**
 * Where every target of a fleet is: the version table of each, read without
 * the lock and never created, grouped by the revisions they hold.
 */
export async function currentFleet(script: ScriptDirectory, options: FleetOptions): Promise<FleetCurrentResult> {
  const config = script.config;
  const env = await loadEnvironment(script);
  const fleet = await resolveFleet(config, env, options.fleet, { only: options.only, except: options.except });
  const concurrency = checkConcurrency(options.concurrency ?? defaultConcurrency(fleet.dialect));
  const scriptHeads = [...script.map.heads].sort();
  const byHeads = new Map<string, string[]>();
  const failed: { name: string; url: string; error: TargetError }[] = [];
  await runPool(
    fleet.targets,
    concurrency,
    async (target) => {
      try {
        const connection = await connectTarget(target, { cwd: config.baseDir, mustExist: true });
        try {
          const heads = (await targetVersionTable({ config, env }, target, connection.dialect).readHeads(connection)).sort();
          const key = heads.join(",");
          const list = byHeads.get(key) ?? [];
          list.push(target.name);
          byHeads.set(key, list);
        } finally {
          await connection.close().catch(() => undefined);
        }
      } catch (error) {
        failed.push({ name: target.name, url: maskUrl(target.url), error: targetError(error) });
      }
    },
    () => options.signal?.aborted === true,
  );
  const order = new Map(fleet.targets.map((t, i) => [t.name, i]));
  const byOrder = (a: string, b: string): number => order.get(a)! - order.get(b)!;
  const groups = [...byHeads.entries()]
    .map(([key, names]): FleetHeadGroup => {
      const heads = key === "" ? [] : key.split(",");
      return {
        heads,
        atHeads: heads.length === scriptHeads.length && heads.every((h, i) => h === scriptHeads[i]),
        count: names.length,
        targets: names.sort(byOrder),
      };
    })
    .sort((a, b) => b.count - a.count || Number(b.atHeads) - Number(a.atHeads));
  failed.sort((a, b) => byOrder(a.name, b.name));
  return {
    fleet: fleet.name,
    scriptHeads,
    atHeads: failed.length === 0 && groups.every((g) => g.atHeads),
    groups,
    failed,
    total: fleet.targets.length,
  };
}
