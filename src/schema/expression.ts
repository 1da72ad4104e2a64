import { AthanorError } from "../util/errors.js";
import { ColumnRef } from "./column-ref.js";

/**
 * An SQL expression used as written: an index element, a partial index
 * condition, a CHECK condition, a server default or a generated column.
 */
export class SqlExpression {
  readonly sql: string;
  /** The columns interpolated into it (a check's columns for its naming convention). */
  readonly columns: readonly ColumnRef[];

  constructor(sql: string, columns: readonly ColumnRef[] = []) {
    this.sql = sql;
    this.columns = columns;
  }

  toString(): string {
    return this.sql;
  }
}

/** A name that can stand unquoted on every database (lower case, no reserved-word check). */
const PLAIN_NAME = /^[a-z_][a-z0-9_]*$/;

/** A column name as it stands in an expression: bare when plain, else in double quotes. */
export function columnInExpression(name: string): string {
  return PLAIN_NAME.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/**
 * Write an SQL expression. As a tagged template, interpolated columns
 * (`users.c.email`) are written as their name — bare when it is lower case
 * letters, digits and underscores, otherwise in double quotes (standard SQL;
 * MySQL needs `ANSI_QUOTES` for that, so write such names yourself there);
 * numbers are written as they are and nested expressions are spliced in.
 * Strings are refused: write SQL text in the template itself. The expression
 * remembers its columns, so a check's naming convention can use
 * `%(column_0_name)s`.
 *
 * @example
 * ```ts
 * index("ix_users_lower_email").on(expr`lower(${c.email})`);
 * check("ck_price_positive", expr`${c.price} > 0`);
 * expr("now()");
 * ```
 */
export function expr(strings: TemplateStringsArray | string, ...values: readonly (ColumnRef | SqlExpression | number)[]): SqlExpression {
  if (typeof strings === "string") return new SqlExpression(strings);
  let sql = "";
  const columns: ColumnRef[] = [];
  strings.forEach((part, i) => {
    sql += part;
    if (i >= values.length) return;
    const value: unknown = values[i];
    if (value instanceof ColumnRef) {
      sql += columnInExpression(value.name);
      if (!columns.includes(value)) columns.push(value);
    } else if (value instanceof SqlExpression) {
      sql += value.sql;
      for (const column of value.columns) if (!columns.includes(column)) columns.push(column);
    }
    else if (typeof value === "number" && Number.isFinite(value)) sql += String(value);
    else {
      throw new AthanorError(`expr: cannot put ${typeof value} ${JSON.stringify(value)} into an SQL expression`, {
        hint: "interpolate columns (table.c.name), numbers or other expr`...` values; write SQL text in the template",
      });
    }
  });
  return new SqlExpression(sql, columns);
}

/** SQL text from a string or an expression. */
export function sqlText(value: string | SqlExpression): string {
  return value instanceof SqlExpression ? value.sql : value;
}
