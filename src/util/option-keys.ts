import { AthanorError } from "./errors.js";
import { nearest } from "./nearest.js";

/** Every key of an options type, each set to `true`: the compiler checks the list is whole and has nothing more. */
export type KnownKeys<T> = { readonly [K in keyof Required<T>]: true };

/**
 * Refuse an options object holding a key the method does not know (revision
 * files are loaded without type-checking, so a misspelt option would otherwise
 * be dropped without a word). Keys whose value is `undefined` are let through.
 * `known` lists every key of the options' type set to `true`; the compiler
 * checks it has them all and nothing more.
 *
 * @example
 * ```ts
 * checkOptionKeys("op.dropIndex", { tableName: "orders" } as { table?: string; schema?: string }, { table: true, schema: true });
 * // AthanorError: op.dropIndex: unknown option "tableName" (did you mean "table"?); known options: table, schema
 * ```
 */
export function checkOptionKeys<T extends object>(method: string, options: T | undefined, known: NoInfer<KnownKeys<T>>): void {
  if (typeof options !== "object" || options === null || Array.isArray(options)) return;
  const keys = Object.keys(known);
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || keys.includes(key)) continue;
    const near = nearestKey(key, keys);
    throw new AthanorError(
      `${method}: unknown option ${JSON.stringify(key)}${near === undefined ? "" : ` (did you mean ${JSON.stringify(near)}?)`}; known options: ${keys.length === 0 ? "none" : keys.join(", ")}`,
    );
  }
}

/** The known key a misspelt one most likely meant: a near spelling, else a known key it begins or ends with (`tableName` → `table`). */
function nearestKey(key: string, known: readonly string[]): string | undefined {
  const spelt = nearest(key, known);
  if (spelt !== undefined) return spelt;
  const lower = key.toLowerCase();
  const contained = known.filter((k) => k.length >= 3 && (lower.startsWith(k.toLowerCase()) || lower.endsWith(k.toLowerCase())));
  return contained.sort((a, b) => b.length - a.length)[0];
}
