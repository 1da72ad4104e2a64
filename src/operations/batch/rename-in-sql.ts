/**
 * Rewrite the references to one column in an SQL fragment (a CHECK condition,
 * an index expression or WHERE condition, a generated column's expression):
 * every identifier token naming `from` — bare (compared without regard to case)
 * or quoted with `"`, `` ` `` or `[...]` (compared exactly) — becomes `to`. String
 * literals, function names (a word followed by `(`) and qualifiers (a word
 * followed by `.`) are left alone. A bare reference is written with `quote`
 * (the new name may be a keyword); a quoted one keeps its quotes.
 *
 * @example
 * ```ts
 * renameColumnInSql(`qty > 0 AND "qty" < 9 AND note <> 'qty'`, "qty", "amount", (n) => `"${n}"`);
 * // "amount" > 0 AND "amount" < 9 AND note <> 'qty'
 * ```
 */
export function renameColumnInSql(sql: string, from: string, to: string, quote: (name: string) => string): string {
  let result = "";
  let i = 0;
  const lower = from.toLowerCase();
  /** Whether the next non-space character after `end` is `ch`. */
  const followedBy = (end: number, ch: string): boolean => {
    let j = end;
    while (j < sql.length && /\s/.test(sql[j]!)) j += 1;
    return sql[j] === ch;
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === "'") {
      const end = closing(sql, i, "'");
      result += sql.slice(i, end);
      i = end;
      continue;
    }
    if (ch === '"' || ch === "`" || ch === "[") {
      const close = ch === "[" ? "]" : ch;
      const end = closing(sql, i, close);
      const token = sql.slice(i, end);
      const name = ch === "[" ? token.slice(1, -1) : token.slice(1, -1).split(close + close).join(close);
      const complete = token.length >= 2 && token.endsWith(close);
      if (complete && name === from && !followedBy(end, ".")) {
        result += ch === "[" && !to.includes("]") ? `[${to}]` : ch === "[" ? quote(to) : `${ch}${to.split(close).join(close + close)}${close}`;
      } else {
        result += token;
      }
      i = end;
      continue;
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(ch)) {
      let end = i + 1;
      while (end < sql.length && /[\w$\u0080-\uffff]/.test(sql[end]!)) end += 1;
      const word = sql.slice(i, end);
      // A word right after a dot may still be this column (`t.qty`); one before `(` or `.` is a function or a qualifier.
      const isName = word.toLowerCase() === lower && !followedBy(end, "(") && !followedBy(end, ".");
      result += isName ? quote(to) : word;
      i = end;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      // A number (`1e5`, `0x1f`) is not a name, letters included.
      let end = i + 1;
      while (end < sql.length && /[\w.]/.test(sql[end]!)) end += 1;
      result += sql.slice(i, end);
      i = end;
      continue;
    }
    result += ch;
    i += 1;
  }
  return result;
}

/** The index just past the quoted token opening at `start` (doubled closing characters stay inside); the text's end when unclosed. */
function closing(sql: string, start: number, close: string): number {
  let j = start + 1;
  for (;;) {
    const next = sql.indexOf(close, j);
    if (next === -1) return sql.length;
    if (close !== "]" && sql[next + 1] === close) {
      j = next + 2;
      continue;
    }
    return next + 1;
  }
}
