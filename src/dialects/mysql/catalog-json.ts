import { AthanorError } from "../../util/errors.js";
import type { CatalogStatement } from "./result-sets.js";

type Row = Record<string, unknown>;

/** A catalog field: the name a row gives it, and the information_schema expression it is read from. */
export type CatalogField = readonly [alias: string, expression: string];

/** What a catalog statement reads: which view, which rows, which fields, in what order. */
export interface CatalogQuery {
  /** The information_schema view. */
  readonly view: string;
  /** Its columns naming the schema and the table of a row. */
  readonly schemaColumn: string;
  readonly tableColumn: string;
  /** The fields of a row besides schema (`s`) and table (`t`). */
  readonly fields: readonly CatalogField[];
  /** Conditions on the rows (`where` of the scope, and any other), each parameter a `?`. */
  readonly where: { readonly sql: string; readonly params: readonly unknown[] };
  /** The order of a table's rows (after schema and table), if any. */
  readonly orderBy?: string;
  /** The rows are looked up by name: in the server's order, unsorted. */
  readonly unordered?: boolean;
}

/**
 * The longest text an aggregate of one table's rows may grow to. MariaDB's
 * default (1 MB) would cut a table's rows short (the key columns of a table
 * with a few hundred foreign keys over many columns), and a cut aggregate is
 * no JSON; a row longer than the server's `max_allowed_packet` fails the
 * statement instead.
 */
const AGGREGATE_MAX_LENGTH = 1073741824;

/** One row per catalog row: schema, table and the fields, in the order asked for. */
export function rowStatement(query: CatalogQuery): CatalogStatement {
  const fields = query.fields.map(([alias, expression]) => `${expression} AS ${alias}`).join(", ");
  const order = query.unordered === true ? "" : ` ORDER BY ${query.schemaColumn}, ${query.tableColumn}${query.orderBy === undefined ? "" : `, ${query.orderBy}`}`;
  return {
    sql: `SELECT ${query.schemaColumn} AS s, ${query.tableColumn} AS t, ${fields}
     FROM information_schema.${query.view} WHERE ${query.where.sql}${order}`,
    params: query.where.params,
  };
}

/**
 * One row per table (MariaDB 10.6+): schema, table, and `j`, a JSON array
 * of the table's catalog rows in order, each an array of the fields. The
 * driver, which reads a result a field at a time, reads three fields a table
 * instead of a dozen for each of its columns, key parts and index parts (the
 * server's JSON is parsed natively); {@link expandTableRows} gives back the
 * rows of {@link rowStatement}.
 */
export function perTableStatement(query: CatalogQuery): CatalogStatement {
  const fields = query.fields.map(([, expression]) => expression).join(", ");
  const order = query.orderBy === undefined ? "" : ` ORDER BY ${query.orderBy}`;
  return {
    sql: `SET STATEMENT group_concat_max_len = ${AGGREGATE_MAX_LENGTH} FOR
     SELECT ${query.schemaColumn} AS s, ${query.tableColumn} AS t, JSON_ARRAYAGG(JSON_ARRAY(${fields})${order}) AS j
     FROM information_schema.${query.view} WHERE ${query.where.sql} GROUP BY ${query.schemaColumn}, ${query.tableColumn}`,
    params: query.where.params,
  };
}

function unexpectedShape(what: string): AthanorError {
  return new AthanorError(`The server's catalog of tables came back in an unexpected shape (${what})`, {
    hint: "this MariaDB's JSON_ARRAYAGG answers otherwise than MariaDB 10.6 and later do; report the server's version",
  });
}

/** A catalog row made from a table's schema, name and the array of its fields, in their order. */
export type RowMaker = (s: unknown, t: unknown, fields: readonly unknown[]) => Row;

/**
 * The rows of {@link rowStatement} from those of {@link perTableStatement}:
 * each of a table's arrays becomes the row `row` makes of it (an object
 * literal with `s`, `t` and the fields' aliases, so every row has one shape).
 * The driver hands `j` parsed, or as text when the connection asks for JSON
 * as strings.
 */
export function expandTableRows(rows: readonly Row[], width: number, row: RowMaker): Row[] {
  const result: Row[] = [];
  for (const table of rows) {
    const value = table.j;
    const items: unknown = typeof value === "string" ? JSON.parse(value) : value;
    if (!Array.isArray(items)) throw unexpectedShape(`${typeof items} where an array was expected`);
    const s = table.s;
    const t = table.t;
    for (const item of items as unknown[]) {
      if (!Array.isArray(item) || item.length !== width) throw unexpectedShape("a row that is not an array of its fields");
      result.push(row(s, t, item));
    }
  }
  return result;
}
