import { Config } from "../config/index.js";
import { maskUrl, parseUrl } from "../dialects/url.js";
import { loadEnvironment } from "../runtime/run-environment.js";
import type { ScriptDirectory } from "../script/index.js";
import { resolveFleet } from "./resolve.js";
import type { FleetOptions, FleetTarget } from "./types.js";

/** The verify run on one server of a fleet. */
export interface FleetVerifyServer<R> {
  /** The server, as the first of its targets names it (password masked); `sqlite` for files. */
  readonly server: string;
  /** The fleet's targets on that server. */
  readonly targets: readonly string[];
  readonly result: R;
}

/** Told as each server's run starts (`result` undefined) and ends. */
export interface FleetVerifyHooks<R> {
  readonly onServer?: (event: { readonly server: string; readonly targets: readonly string[]; readonly result: R | undefined }) => void;
}

/** What `verify` returns over a fleet: one run per server the fleet's targets live on. */
export interface FleetVerifyResult<R> {
  readonly fleet: string | undefined;
  /** `true` when every server's run passed. */
  readonly ok: boolean;
  readonly servers: readonly FleetVerifyServer<R>[];
}

/**
 * `verify` over a fleet: verify never touches a target (it makes scratch
 * databases and drops them), so it runs once per server the targets live on
 * (one dialect, host, port and user), with the scratch databases on that
 * server, and once for SQLite files. Servers run one after the other.
 */
export async function verifyFleet<R extends { readonly ok: boolean }>(
  script: ScriptDirectory,
  options: Omit<FleetOptions, "concurrency" | "failFast"> & FleetVerifyHooks<R>,
  verifyOne: (config: Config) => Promise<R>,
): Promise<FleetVerifyResult<R>> {
  const config = script.config;
  const env = await loadEnvironment(script);
  const fleet = await resolveFleet(config, env, options.fleet, { only: options.only, except: options.except });
  const groups = new Map<string, FleetTarget[]>();
  for (const target of fleet.targets) {
    const key = serverKey(target.url);
    groups.set(key, [...(groups.get(key) ?? []), target]);
  }
  const servers: FleetVerifyServer<R>[] = [];
  for (const [key, targets] of groups) {
    if (options.signal?.aborted === true) break;
    const first = targets[0]!;
    const one = Config.from(
      { ...config.raw, url: first.url },
      { baseDir: config.baseDir, xArgs: config.xArgList, ...(config.file === undefined ? {} : { file: config.file }) },
    );
    const server = key === "sqlite" ? "sqlite" : maskUrl(first.url);
    const names = targets.map((t) => t.name);
    options.onServer?.({ server, targets: names, result: undefined });
    const result = await verifyOne(one);
    options.onServer?.({ server, targets: names, result });
    servers.push({ server, targets: names, result });
  }
  return { fleet: fleet.name, ok: servers.length === groups.size && servers.every((s) => s.result.ok), servers };
}

/** One key per server: dialect, user, host and port (SQLite files are all one). */
function serverKey(url: string): string {
  const parsed = parseUrl(url);
  if (parsed.host === undefined && parsed.port === undefined && parsed.dialect === "sqlite") return "sqlite";
  return `${parsed.dialect}://${parsed.username ?? ""}@${parsed.host ?? ""}:${parsed.port ?? ""}`;
}
