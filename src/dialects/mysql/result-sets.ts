import type { Connection } from "../contract/index.js";

type Row = Record<string, unknown>;

/** One catalog statement: its text with `?` where each parameter goes, and the parameters. */
export interface CatalogStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/**
 * A connection that can send several SELECTs in one message and hand back each
 * one's rows (MariaDB, see {@link compoundSelect}); `undefined` when the server
 * cannot, and the statements are then run one by one.
 */
export interface ResultSetsReader {
  /** `onResult` gets each result as soon as the next one starts to arrive, in order. */
  readResultSets(statements: readonly string[], onResult?: (index: number, rows: Row[]) => void): Promise<Row[][] | undefined>;
}

/**
 * SELECTs as one anonymous compound statement (MariaDB 10.1+): the server runs
 * each as soon as it has sent the rows of the one before, so reading the
 * catalog costs one round trip, and the client reads one result while the
 * server works out the next.
 *
 * @example
 * ```ts
 * compoundSelect(["SELECT 1 AS a", "SELECT 2 AS b"]); // "BEGIN NOT ATOMIC\nSELECT 1 AS a;\nSELECT 2 AS b;\nEND"
 * ```
 */
export function compoundSelect(statements: readonly string[]): string {
  return `BEGIN NOT ATOMIC\n${statements.map((sql) => `${sql};\n`).join("")}END`;
}

/**
 * A statement with its parameters written in as literals of the connection's
 * dialect (which follows the session's NO_BACKSLASH_ESCAPES). The catalog
 * statements hold no `?` other than their placeholders.
 */
export function withLiterals(statement: CatalogStatement, literal: (value: unknown) => string): string {
  const parts = statement.sql.split("?");
  if (parts.length !== statement.params.length + 1) {
    throw new Error(`a catalog statement has ${parts.length - 1} placeholders for ${statement.params.length} parameters`);
  }
  let sql = parts[0]!;
  for (let i = 0; i < statement.params.length; i += 1) sql += literal(statement.params[i]) + parts[i + 1]!;
  return sql;
}

/**
 * The rows of each statement, in order: in one round trip where the
 * connection can (see {@link ResultSetsReader}), else one statement after the
 * other with bound parameters. `onResult`, when given, gets each statement's
 * rows once, in order, as soon as they are all there: work on one result goes
 * on while the server works out the next.
 */
export async function readCatalog(
  connection: Connection,
  statements: readonly CatalogStatement[],
  onResult?: (index: number, rows: readonly Row[]) => void,
): Promise<(readonly Row[])[]> {
  const reader = (connection as Partial<ResultSetsReader>).readResultSets;
  if (statements.length > 1 && typeof reader === "function") {
    const literal = (value: unknown): string => connection.dialect.literal(value);
    const sets = await reader.call(connection, statements.map((statement) => withLiterals(statement, literal)), onResult);
    if (sets !== undefined) return sets;
  }
  const results: (readonly Row[])[] = [];
  for (const statement of statements) {
    const { rows } = await connection.execute(statement.sql, statement.params);
    onResult?.(results.length, rows);
    results.push(rows);
  }
  return results;
}
