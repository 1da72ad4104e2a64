/** One `// athanor-lint-disable rule[, rule]: reason` comment of a revision file. */
export interface Suppression {
  readonly rules: readonly string[];
  /** The text after the colon, trimmed; empty when none was given. */
  readonly reason: string;
  /** 1-based line of the comment. */
  readonly line: number;
}

const DISABLE = /\/\/\s*athanor-lint-disable\b(.*)$/;

/**
 * The suppression comments of a revision file's text.
 *
 * @example
 * ```ts
 * readSuppressions("// athanor-lint-disable drop-column: unused since v3");
 * // [{ rules: ["drop-column"], reason: "unused since v3", line: 1 }]
 * ```
 */
export function readSuppressions(text: string): Suppression[] {
  const found: Suppression[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const match = DISABLE.exec(line);
    if (!match) return;
    const rest = match[1] ?? "";
    const colon = rest.indexOf(":");
    const names = colon === -1 ? rest : rest.slice(0, colon);
    const reason = colon === -1 ? "" : rest.slice(colon + 1).trim();
    found.push({ rules: names.split(/[\s,]+/).filter((name) => name !== ""), reason, line: i + 1 });
  });
  return found;
}
