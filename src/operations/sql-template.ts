/**
 * A statement written with the `op.sql` tagged template: its text parts and the
 * values between them. The migration context renders it with the database's own
 * placeholders (online) or with inline literals (offline `--sql`).
 */
export class SqlStatement {
  readonly strings: readonly string[];
  readonly values: readonly unknown[];

  constructor(strings: readonly string[], values: readonly unknown[]) {
    this.strings = strings;
    this.values = values;
  }
}

/** A piece of SQL put into an `op.sql` statement as it is (an already quoted identifier). */
export class RawSql {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }
}

/** How to render the values of a statement: a placeholder (bound) or an inline literal. */
export interface SqlRenderer {
  /** The placeholder for the 1-based `index`-th bound value (`$1`, `?`). */
  placeholder(index: number): string;
  /** Render `value` inline; when absent, values are bound. */
  literal?(value: unknown): string;
}

/**
 * Flatten a statement (nested statements and raw pieces are spliced in) into SQL
 * text and the values to bind.
 */
export function renderSql(statement: SqlStatement, renderer: SqlRenderer): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  let sql = "";
  const walk = (node: SqlStatement): void => {
    node.strings.forEach((text, i) => {
      sql += text;
      if (i >= node.values.length) return;
      const value = node.values[i];
      if (value instanceof SqlStatement) walk(value);
      else if (value instanceof RawSql) sql += value.text;
      else if (renderer.literal) sql += renderer.literal(value);
      else {
        params.push(value);
        sql += renderer.placeholder(params.length);
      }
    });
  };
  walk(statement);
  return { sql, params };
}
