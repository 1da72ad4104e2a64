import type {
  CheckConstraint,
  Column,
  ForeignKey,
  ForeignKeyAction,
  Index,
  IndexElement,
  PrimaryKey,
  SchemaModel,
  ServerDefault,
  Table,
  UniqueConstraint,
} from "../../schema/model.js";
import type { Connection, ReflectOptions } from "../contract/index.js";
import { SQLITE_QUOTING, stripOuterParentheses } from "../../util/sql-text.js";
import { parseCreateIndex, parseCreateTable, tokenize } from "./sql-text.js";
import type { ParsedForeignKey, ParsedTable } from "./sql-text.js";
import { parseSqliteType } from "./type-compiler.js";

type Row = Record<string, unknown>;

/** Tables SQLite keeps for itself (`sqlite_sequence`, `sqlite_stat1`, ...). */
const NOT_INTERNAL = `tl.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`;

const ACTIONS = new Set<ForeignKeyAction>(["cascade", "restrict", "set null", "set default"]);

function text(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, k) => name.toLowerCase() === (b[k] ?? "").toLowerCase());
}

/**
 * A default as written in CREATE TABLE (or as PRAGMA table_info reports it):
 * a parenthesized expression is SQL (without its parentheses), a string or a
 * number a literal, NULL the literal null, anything else (CURRENT_TIMESTAMP,
 * TRUE, a blob) SQL as written.
 *
 * @example
 * ```ts
 * parseDefault("'it''s'");           // { kind: "literal", value: "it's" }
 * parseDefault("(datetime('now'))"); // { kind: "sql", sql: "datetime('now')" }
 * ```
 */
export function parseDefault(written: string): ServerDefault {
  const source = written.trim();
  if (source.startsWith("(")) {
    const sql = stripOuterParentheses(source, SQLITE_QUOTING, 1);
    // Text holding NUL or CR, as the dialect writes it: a hex blob cast to text.
    const hexText = /^CAST\s*\(\s*X'((?:[0-9a-f]{2})*)'\s+AS\s+TEXT\s*\)$/i.exec(sql);
    const value = hexText ? Buffer.from(hexText[1]!, "hex").toString("utf8") : undefined;
    if (value !== undefined && Buffer.from(value, "utf8").toString("hex") === hexText![1]!.toLowerCase()) return { kind: "literal", value };
    return { kind: "sql", sql };
  }
  const tokens = tokenize(source);
  const only = tokens.length === 1 ? tokens[0] : undefined;
  if (only?.kind === "string") return { kind: "literal", value: only.value };
  if (only?.kind === "word" && only.value.toUpperCase() === "NULL") return { kind: "literal", value: null };
  if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i.test(source)) {
    const value = Number(source);
    if (Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value))) return { kind: "literal", value };
  }
  return { kind: "sql", sql: source };
}

/** An index element as written: a bare column stays a name; anything else an expression, its parentheses removed. */
function indexElement(element: { readonly text: string; readonly column?: string }): IndexElement {
  if (element.column !== undefined) return element.column;
  const match = /^([\s\S]*?)(\s+(?:ASC|DESC))?$/i.exec(element.text);
  const body = stripOuterParentheses(match?.[1] ?? element.text, SQLITE_QUOTING, 1);
  const order = match?.[2] === undefined ? "" : ` ${match[2].trim().toUpperCase()}`;
  return { expression: `${body}${order}` };
}

/**
 * The rows of a catalog query, fetched as one JSON text: the driver's cost per row,
 * large next to the query itself for the thousands of rows of a wide schema, is paid
 * once. The rows have the same keys and values; `order` sorts them (a total order
 * over the keys), which the query leaves to this side; without it they come unordered.
 */
async function catalogRows(
  connection: Connection,
  sql: string,
  params: readonly unknown[],
  keys: readonly string[],
  order?: (a: Row, b: Row) => number,
): Promise<Row[]> {
  // each row as an array of its values (the keys are not repeated in the text), unordered: sorted here
  const values = keys.map((k) => `x."${k}"`).join(", ");
  const result = await connection.execute(`SELECT json_group_array(json_array(${values})) AS rows_json FROM (${sql}) AS x`, params);
  const json = result.rows[0]?.["rows_json"];
  const arrays = typeof json === "string" ? (JSON.parse(json) as unknown[][]) : [];
  const rows: Row[] = new Array<Row>(arrays.length);
  for (let i = 0; i < arrays.length; i++) {
    const values = arrays[i]!;
    const row: Row = {};
    for (let k = 0; k < keys.length; k++) row[keys[k]!] = values[k];
    rows[i] = row;
  }
  return order === undefined ? rows : rows.sort(order);
}

/** Compares rows by the given keys, text or number, in turn. */
function byKeys(...keys: string[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const k of keys) {
      const x = a[k] as string | number | null;
      const y = b[k] as string | number | null;
      if (x === y) continue;
      if (x === null) return -1;
      if (y === null) return 1;
      return x < y ? -1 : 1;
    }
    return 0;
  };
}

interface TableRows {
  readonly schema: string;
  readonly name: string;
  readonly columns: Row[];
  readonly indexes: Map<string, { unique: boolean; origin: string; seq: number; columns: string[] }>;
  readonly foreignKeys: Map<number, { refTable: string; from: string[]; to: (string | null)[]; onDelete: string; onUpdate: string }>;
  sql?: string;
}

/**
 * Reads tables from SQLite's catalog in four queries however many tables there
 * are: columns, indexes and foreign keys through the table-valued pragma
 * functions joined to `pragma_table_list` (every schema in one query), and the
 * CREATE statements from `sqlite_master` for what only the text tells
 * (constraint names, CHECKs, collations, AUTOINCREMENT, generated expressions,
 * index expressions and WHERE). A schema is an attached database; `null` is
 * `main`, whose tables come back without `schema`. SQLite keeps no comments and
 * no enum types.
 *
 * @example
 * ```ts
 * const model = await reflectSqlite(connection, { tables: ["users"] });
 * model.tables[0]?.columns.map((c) => c.name);
 * ```
 */
export async function reflectSqlite(connection: Connection, options: ReflectOptions = {}): Promise<SchemaModel> {
  const requested = options.schemas ?? [null];
  const schemas = [...new Set(requested.map((s) => s ?? "main"))];
  const defaultSchema = requested.includes(null) || requested.length === 0 ? "main" : undefined;
  const filters = [`tl.type = 'table'`, NOT_INTERNAL, `tl.schema IN (SELECT value FROM json_each(?))`];
  const params: unknown[] = [JSON.stringify(schemas)];
  if (options.tables !== undefined) {
    filters.push(`tl.name IN (SELECT value FROM json_each(?))`);
    params.push(JSON.stringify(options.tables));
  }
  const where = filters.join(" AND ");

  const columnRows = await catalogRows(
    connection,
    `SELECT tl.schema AS "schema", tl.name AS "table", c.cid AS cid, c.name AS name, c.type AS type, c."notnull" AS "notnull",
        c.dflt_value AS dflt_value, c.pk AS pk, c.hidden AS hidden
       FROM pragma_table_list AS tl JOIN pragma_table_xinfo(tl.name, tl.schema) AS c
       WHERE ${where}`,
    params,
    ["schema", "table", "cid", "name", "type", "notnull", "dflt_value", "pk", "hidden"],
  );
  const tables = new Map<string, TableRows>();
  const key = (schema: unknown, name: unknown): string => `${text(schema)}\u0000${text(name)}`;
  for (const row of columnRows) {
    const id = key(row["schema"], row["table"]);
    let entry = tables.get(id);
    if (entry === undefined) {
      entry = { schema: text(row["schema"]), name: text(row["table"]), columns: [], indexes: new Map(), foreignKeys: new Map() };
      tables.set(id, entry);
    }
    entry.columns.push(row);
  }
  if (tables.size === 0) return { tables: [], enums: [] };
  // each table's columns in their order (sorted per table: the tables are ordered at the end)
  const byPosition = byKeys("cid");
  for (const entry of tables.values()) entry.columns.sort(byPosition);

  const indexRows = await catalogRows(
    connection,
    `SELECT tl.schema AS "schema", tl.name AS "table", il.seq AS seq, il.name AS index_name, il."unique" AS is_unique, il.origin AS origin,
        ix.seqno AS seqno, ix.name AS column_name
       FROM pragma_table_list AS tl JOIN pragma_index_list(tl.name, tl.schema) AS il JOIN pragma_index_xinfo(il.name, il.schema) AS ix
       WHERE ${where} AND ix."key" = 1`,
    params,
    ["schema", "table", "seq", "index_name", "is_unique", "origin", "seqno", "column_name"],
    byKeys("schema", "table", "index_name", "seqno"),
  );
  for (const row of indexRows) {
    const entry = tables.get(key(row["schema"], row["table"]));
    if (entry === undefined) continue;
    const name = text(row["index_name"]);
    let index = entry.indexes.get(name);
    if (index === undefined) {
      index = { unique: Number(row["is_unique"]) === 1, origin: text(row["origin"]), seq: Number(row["seq"]), columns: [] };
      entry.indexes.set(name, index);
    }
    index.columns.push(text(row["column_name"]));
  }

  const foreignKeyRows = await catalogRows(
    connection,
    `SELECT tl.schema AS "schema", tl.name AS "table", fk.id AS id, fk.seq AS seq, fk."table" AS ref_table, fk."from" AS from_column,
        fk."to" AS to_column, fk.on_update AS on_update, fk.on_delete AS on_delete
       FROM pragma_table_list AS tl JOIN pragma_foreign_key_list(tl.name, tl.schema) AS fk
       WHERE ${where}`,
    params,
    ["schema", "table", "id", "seq", "ref_table", "from_column", "to_column", "on_update", "on_delete"],
    byKeys("schema", "table", "id", "seq"),
  );
  for (const row of foreignKeyRows) {
    const entry = tables.get(key(row["schema"], row["table"]));
    if (entry === undefined) continue;
    const id = Number(row["id"]);
    let fk = entry.foreignKeys.get(id);
    if (fk === undefined) {
      fk = { refTable: text(row["ref_table"]), from: [], to: [], onDelete: text(row["on_delete"]), onUpdate: text(row["on_update"]) };
      entry.foreignKeys.set(id, fk);
    }
    fk.from.push(text(row["from_column"]));
    fk.to.push(row["to_column"] === null ? null : text(row["to_column"]));
  }

  // The CREATE statements, from each schema that has tables here (sqlite_master is per schema).
  const present = schemas.filter((s) => [...tables.values()].some((t) => t.schema === s));
  const sqlRows = await catalogRows(
    connection,
    present
      .map(
        (s) =>
          `SELECT ? AS "schema", type, name, sql FROM ${connection.dialect.quoteIdentifier(s)}.sqlite_master WHERE type IN ('table', 'index') AND sql IS NOT NULL`,
      )
      .join(" UNION ALL "),
    present,
    ["schema", "type", "name", "sql"],
  );
  const indexSql = new Map<string, string>();
  for (const row of sqlRows) {
    if (row["type"] === "table") {
      const entry = tables.get(key(row["schema"], row["name"]));
      if (entry !== undefined) entry.sql = text(row["sql"]);
    } else {
      indexSql.set(key(row["schema"], row["name"]), text(row["sql"]));
    }
  }

  const result: Table[] = [];
  const ordered = [...tables.values()].sort(
    (a, b) => schemas.indexOf(a.schema) - schemas.indexOf(b.schema) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  for (const entry of ordered) {
    const primaryKeyOf = (table: string): string[] | undefined => {
      const parent = tables.get(key(entry.schema, table)) ?? [...tables.values()].find((t) => t.schema === entry.schema && t.name.toLowerCase() === table.toLowerCase());
      return parent?.columns.filter((c) => Number(c["pk"]) > 0).sort((a, b) => Number(a["pk"]) - Number(b["pk"])).map((c) => text(c["name"]));
    };
    result.push(
      buildTable(entry, entry.schema === defaultSchema ? undefined : entry.schema, primaryKeyOf, (name) => indexSql.get(key(entry.schema, name))),
    );
  }
  return { tables: result, enums: [] };
}

function buildTable(
  entry: TableRows,
  schema: string | undefined,
  primaryKeyOf: (table: string) => string[] | undefined,
  indexSqlOf: (name: string) => string | undefined,
): Table {
  const parsed: ParsedTable = (entry.sql === undefined ? undefined : parseCreateTable(entry.sql)) ?? {
    columns: [],
    uniques: [],
    checks: [],
    foreignKeys: [],
  };
  const parsedColumn = (name: string): ParsedTable["columns"][number] | undefined =>
    parsed.columns.find((c) => c.name === name) ?? parsed.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());

  const columns: Column[] = [];
  for (const row of entry.columns) {
    const hidden = Number(row["hidden"]);
    if (hidden === 1) continue;
    const name = text(row["name"]);
    const written = parsedColumn(name);
    const defaultText = written?.defaultText ?? (row["dflt_value"] === null ? undefined : text(row["dflt_value"]));
    const generated = hidden === 2 || hidden === 3;
    const column: Column = {
      name,
      type: parseSqliteType(written?.type ?? text(row["type"])),
      nullable: Number(row["notnull"]) !== 1 && Number(row["pk"]) === 0,
      ...(written?.autoincrement ? { autoincrement: true } : {}),
      ...(defaultText === undefined || generated ? {} : { serverDefault: parseDefault(defaultText) }),
      ...(generated ? { computed: { sql: written?.generated?.sql ?? "", stored: hidden === 3 } } : {}),
      ...(written?.collation === undefined ? {} : { collation: written.collation }),
    };
    columns.push(column);
  }

  const pkColumns = entry.columns
    .filter((c) => Number(c["pk"]) > 0)
    .sort((a, b) => Number(a["pk"]) - Number(b["pk"]))
    .map((c) => text(c["name"]));
  const pkName = parsed.primaryKey?.name;
  const primaryKey: PrimaryKey | undefined = pkColumns.length === 0 ? undefined : { ...(pkName === undefined ? {} : { name: pkName }), columns: pkColumns };

  const writtenUniques = [...parsed.uniques];
  const uniques: UniqueConstraint[] = [];
  const indexes: Index[] = [];
  const sortedIndexes = [...entry.indexes.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [name, index] of sortedIndexes) {
    if (index.origin === "pk") continue;
    if (index.origin === "u") {
      const at = writtenUniques.findIndex((u) => sameNames(u.columns, index.columns));
      const written = at === -1 ? undefined : writtenUniques.splice(at, 1)[0];
      uniques.push({ ...(written?.name === undefined ? {} : { name: written.name }), columns: index.columns });
      continue;
    }
    const sql = indexSqlOf(name);
    const parsedIndex = sql === undefined ? undefined : parseCreateIndex(sql);
    indexes.push({
      name,
      columns: parsedIndex?.elements.map(indexElement) ?? index.columns,
      unique: index.unique,
      ...(parsedIndex?.where === undefined ? {} : { where: parsedIndex.where }),
    });
  }
  // Uniques in SQLite's autoindex order follow declaration order.
  uniques.sort((a, b) => declaredAt(parsed.uniques, a) - declaredAt(parsed.uniques, b));

  const writtenKeys = [...parsed.foreignKeys];
  const foreignKeys: { order: number; fk: ForeignKey }[] = [];
  for (const fk of entry.foreignKeys.values()) {
    const refColumns = fk.to.every((c) => c !== null) ? (fk.to as string[]) : (primaryKeyOf(fk.refTable) ?? []);
    const at = writtenKeys.findIndex((w) => sameNames(w.columns, fk.from) && w.refTable.toLowerCase() === fk.refTable.toLowerCase());
    const written: ParsedForeignKey | undefined = at === -1 ? undefined : writtenKeys.splice(at, 1, { ...writtenKeys[at]!, columns: [] })[0];
    const onDelete = fk.onDelete.toLowerCase() as ForeignKeyAction;
    const onUpdate = fk.onUpdate.toLowerCase() as ForeignKeyAction;
    const match = written?.match;
    foreignKeys.push({
      order: at === -1 ? Number.MAX_SAFE_INTEGER : at,
      fk: {
        ...(written?.name === undefined ? {} : { name: written.name }),
        columns: fk.from,
        refTable: fk.refTable,
        refColumns,
        ...(ACTIONS.has(onDelete) ? { onDelete } : {}),
        ...(ACTIONS.has(onUpdate) ? { onUpdate } : {}),
        ...(match === "simple" || match === "full" || match === "partial" ? { match } : {}),
        ...(written?.deferrable === undefined ? {} : { deferrable: written.deferrable }),
        ...(written?.initially === undefined ? {} : { initially: written.initially }),
      },
    });
  }
  foreignKeys.sort((a, b) => a.order - b.order);

  const checks: CheckConstraint[] = parsed.checks.map((c) => ({ ...(c.name === undefined ? {} : { name: c.name }), sql: c.sql }));
  return {
    name: entry.name,
    ...(schema === undefined ? {} : { schema }),
    columns,
    ...(primaryKey === undefined ? {} : { primaryKey }),
    foreignKeys: foreignKeys.map((f) => f.fk),
    uniques,
    checks,
    indexes,
  };
}

function declaredAt(written: ParsedTable["uniques"], unique: UniqueConstraint): number {
  const at = written.findIndex((w) => (unique.name === undefined || w.name === unique.name) && sameNames(w.columns, unique.columns));
  return at === -1 ? Number.MAX_SAFE_INTEGER : at;
}
