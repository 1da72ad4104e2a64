/**
 * Glob patterns on target names: `*` any run of characters, `?` one character,
 * `[abc]` / `[a-z]` / `[!a-z]` one of a set. Whole-name match, case-sensitive.
 *
 * @example
 * ```ts
 * globMatcher(["eu-*", "acme"])("eu-west-1"); // true
 * ```
 */
export function globMatcher(patterns: readonly string[]): (name: string) => boolean {
  const regexps = patterns.map(globToRegExp);
  return (name) => regexps.some((r) => r.test(name));
}

function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") source += ".*";
    else if (c === "?") source += ".";
    else if (c === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) {
        source += "\\[";
        continue;
      }
      let set = pattern.slice(i + 1, end);
      const negate = set.startsWith("!");
      if (negate) set = set.slice(1);
      source += `[${negate ? "^" : ""}${set.replace(/[\\\]^]/g, "\\$&")}]`;
      i = end;
    } else source += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "s");
}
