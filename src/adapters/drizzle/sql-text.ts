/** Text helpers for SQL fragments and literals written by the adapter. */

/** `'it''s'`: a standard SQL string literal. */
export function quoteString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
