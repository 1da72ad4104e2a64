/**
 * SQLite's ALTER TABLE … DROP COLUMN refuses a column that is a key, unique,
 * indexed, or named by a CHECK, a foreign key, a generated column, a view or a
 * trigger. Its message names the object in the way; athanor adds what to do.
 */

const NAME = String.raw`(?:"((?:[^"]|"")*)"|\x60((?:[^\x60]|\x60\x60)*)\x60|\[([^\]]*)\]|([A-Za-z_][\w$]*))`;
const DROP_COLUMN = new RegExp(String.raw`^\s*ALTER\s+TABLE\s+(?:${NAME}\s*\.\s*)?${NAME}\s+DROP\s+(?:COLUMN\s+)?${NAME}\s*;?\s*$`, "i");

/** What SQLite says when the column cannot be dropped in place. */
const REFUSED = /cannot drop (PRIMARY KEY|UNIQUE) column|after drop column/i;

function unquote(groups: readonly (string | undefined)[]): string {
  const [double, back, bracket, bare] = groups;
  if (double !== undefined) return double.replace(/""/g, '"');
  if (back !== undefined) return back.replace(/``/g, "`");
  return (bracket ?? bare) as string;
}

/** The hint for a DROP COLUMN SQLite refused; undefined for any other statement or error. */
export function dropColumnHint(sql: string, error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!REFUSED.test(message)) return undefined;
  const match = DROP_COLUMN.exec(sql);
  if (match === null) return undefined;
  const table = unquote(match.slice(5, 9));
  const column = unquote(match.slice(9, 13));
  return (
    `SQLite drops in place only a column nothing else uses: use op.batchAlterTable(${JSON.stringify(table)}, ` +
    `(batch) => { batch.dropColumn(${JSON.stringify(column)}); }), which recreates the table without it`
  );
}
