/**
 * Parse `-x key=value` arguments into an object. A key without `=` maps to
 * the empty string; a later key wins.
 *
 * @example
 * ```ts
 * parseXArgs(["tenant=acme", "dry"]); // { tenant: "acme", dry: "" }
 * ```
 */
export function parseXArgs(args: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const arg of args) {
    const at = arg.indexOf("=");
    if (at < 0) result[arg.trim()] = "";
    else result[arg.slice(0, at).trim()] = arg.slice(at + 1);
  }
  return result;
}
