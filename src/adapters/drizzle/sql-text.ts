/** Text helpers for SQL fragments and literals written by the adapter. */

/** `'it''s'`: a standard SQL string literal. */
export function quoteString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Whether the parentheses opening `text` close at its very end. */
function wrapsWhole(text: string): boolean {
  if (!text.startsWith("(") || !text.endsWith(")")) return false;
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === "`") quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")") {
      depth--;
      if (depth === 0 && i < text.length - 1) return false;
    }
  }
  return depth === 0;
}

/** `(unixepoch())` → `unixepoch()`; anything not wrapped whole is returned trimmed. */
export function unwrapParentheses(text: string): string {
  let result = text.trim();
  while (wrapsWhole(result)) result = result.slice(1, -1).trim();
  return result;
}
