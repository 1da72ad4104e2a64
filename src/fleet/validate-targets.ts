import type { FleetTarget } from "./types.js";

const TARGET_KEYS = ["name", "url", "schema"] as const;

/**
 * Why a fleet's declaration is not usable, in one line, or `undefined` when it
 * is: an array of targets or a function. Used by the config check.
 */
export function fleetDeclarationProblem(fleet: string, value: unknown): string | undefined {
  if (typeof value === "function") return undefined;
  if (!Array.isArray(value)) return `fleets.${fleet} must be an array of targets or a function returning them, got ${kindOf(value)}`;
  return targetsProblem(fleet, value);
}

/**
 * Why a list of targets is not usable, in one line: each must be an object
 * `{ name, url, schema? }` with a unique non-empty name and a URL string.
 */
export function targetsProblem(fleet: string, targets: readonly unknown[]): string | undefined {
  const seen = new Set<string>();
  for (const [index, target] of targets.entries()) {
    const where = `fleets.${fleet}[${index}]`;
    if (typeof target !== "object" || target === null || Array.isArray(target)) {
      return `${where} must be an object { name, url, schema? }, got ${kindOf(target)}`;
    }
    const t = target as Record<string, unknown>;
    const unknown = Object.keys(t).find((key) => !(TARGET_KEYS as readonly string[]).includes(key));
    if (unknown !== undefined) return `${where} has an unknown key "${unknown}" (known keys: ${TARGET_KEYS.join(", ")})`;
    if (typeof t.name !== "string" || t.name === "") return `${where} needs a non-empty name string`;
    const named = `fleets.${fleet} target "${t.name}"`;
    if (seen.has(t.name)) return `${named} is declared twice (target names must be unique in a fleet)`;
    seen.add(t.name);
    if (typeof t.url !== "string" || t.url === "") return `${named} needs a url string`;
    if (t.schema !== undefined && (typeof t.schema !== "string" || t.schema === "")) {
      return `${named}: schema must be a non-empty string`;
    }
  }
  return undefined;
}

/** The targets, checked; throws `fail(message)` on the first problem. */
export function checkedTargets(fleet: string, value: unknown, fail: (message: string) => never): FleetTarget[] {
  if (!Array.isArray(value)) fail(`fleets.${fleet} returned ${kindOf(value)}, not an array of targets`);
  const problem = targetsProblem(fleet, value as unknown[]);
  if (problem !== undefined) fail(problem);
  return (value as FleetTarget[]).map((t) => (t.schema === undefined ? { name: t.name, url: t.url } : { name: t.name, url: t.url, schema: t.schema }));
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  return typeof value === "object" || typeof value === "undefined" ? `an ${typeof value}` : `a ${typeof value}`;
}
