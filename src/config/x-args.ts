import { AthanorError } from "../util/errors.js";

/**
 * Parse `-x key=value` arguments into an object. A key without `=` maps to
 * the empty string; a later key wins. An argument without a key (`-x =value`,
 * `-x ""`) is an error: env.ts could never read its value.
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
    const key = (at < 0 ? arg : arg.slice(0, at)).trim();
    if (key === "") {
      throw new AthanorError(`-x ${JSON.stringify(arg)} has no key`, {
        hint: "write -x key=value; a bare -x key sets key to the empty string",
      });
    }
    result[key] = at < 0 ? "" : arg.slice(at + 1);
  }
  return result;
}
