/**
 * The collation PostgreSQL keeps for an index's expression element: the
 * per-element definition (`pg_get_indexdef(index, n, true)`) leaves a COLLATE
 * clause out, the whole definition writes it after the element's expression.
 */
import { POSTGRESQL_QUOTING, matchingParenthesis, quotedEnd } from "../../util/sql-text.js";

/** The elements of an index definition's column list (`CREATE INDEX ... USING m (a, (lower(b)) COLLATE "C") ...`), as written. */
export function indexDefinitionElements(definition: string): string[] {
  const using = /\sUSING\s+\w+\s*\(/i.exec(definition);
  if (using === null) return [];
  const open = using.index + using[0].length - 1;
  const close = matchingParenthesis(definition, open, POSTGRESQL_QUOTING);
  if (close < 0) return [];
  const list = definition.slice(open + 1, close);
  const elements: string[] = [];
  let depth = 0;
  let start = 0;
  let i = 0;
  while (i < list.length) {
    const end = quotedEnd(list, i, POSTGRESQL_QUOTING);
    if (end !== i) {
      i = end;
      continue;
    }
    const ch = list[i];
    if (ch === "(") depth += 1;
    else if (ch === ")") depth -= 1;
    else if (ch === "," && depth === 0) {
      elements.push(list.slice(start, i).trim());
      start = i + 1;
    }
    i += 1;
  }
  elements.push(list.slice(start).trim());
  return elements;
}

const COLLATE = /^\)?\s+COLLATE\s+((?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)(?:\.(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*))?)/i;

/**
 * The collation an expression element of the index states, found after its
 * expression in the whole definition; undefined when it states none.
 *
 * @example
 * ```ts
 * expressionCollation('CREATE INDEX ix ON t USING btree (lower(a) COLLATE "C")', 0, "lower(a)"); // '"C"'
 * ```
 */
export function expressionCollation(definition: string, position: number, expression: string): string | undefined {
  const element = indexDefinitionElements(definition)[position];
  if (element === undefined) return undefined;
  const at = element.indexOf(expression);
  if (at < 0) return undefined;
  return COLLATE.exec(element.slice(at + expression.length))?.[1];
}
