import type {
  CheckConstraint,
  Column,
  ColumnType,
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
import { AthanorError } from "../../util/errors.js";
import type { Connection, ReflectOptions } from "../contract/index.js";
import { expandTableRows, perTableStatement, rowStatement, type CatalogField, type CatalogQuery, type RowMaker } from "./catalog-json.js";
import { readCatalog, type CatalogStatement } from "./result-sets.js";

type Row = Record<string, unknown>;

/** Where the tables live and which server answers. */
export interface Scope {
  readonly defaultSchema: string;
  readonly mariadb: boolean;
  /** information_schema.CHECK_CONSTRAINTS exists (MySQL 8.0.16, MariaDB 10.2.22). */
  readonly checks: boolean;
  /** STATISTICS.EXPRESSION exists (MySQL 8.0.13; MariaDB has no expression indexes). */
  readonly expressions: boolean;
  /**
   * The server sends each table's rows of columns, checks, keys and indexes as
   * one JSON array (MariaDB 10.6+, see {@link perTableStatement}): the driver
   * reads a thousand tables' catalog from a few thousand fields instead of
   * two hundred thousand.
   */
  readonly perTable: boolean;
  /** The schemas named in the request (their tables keep `schema` even when it is the connection's). */
  readonly explicit: ReadonlySet<string>;
  /** `IN (...)` conditions and their parameters, for a given schema and table column. */
  where(schemaColumn: string, tableColumn: string): { sql: string; params: unknown[] };
}

/** A table being assembled from the catalog rows. */
interface Draft {
  readonly name: string;
  readonly schema: string;
  readonly comment: string | undefined;
  readonly collation: string | undefined;
  readonly engine: string | undefined;
  readonly rowFormat: string | undefined;
  readonly columns: Column[];
  readonly jsonColumns: Set<string>;
  readonly checks: CheckConstraint[];
  readonly foreignKeys: ForeignKey[];
  readonly uniques: UniqueConstraint[];
  readonly indexes: Index[];
  primaryKey?: PrimaryKey;
  readonly longtext: Set<string>;
  /** The table's indexes being assembled from their rows, in the order of their first row. */
  readonly indexParts: IndexDraft[];
  /** The table's foreign keys being assembled from their column rows, in the order of their first row. */
  readonly keyParts: KeyDraft[];
}

/** A foreign key being assembled from its column rows (its first row names it and its target). */
interface KeyDraft {
  readonly draft: Draft;
  readonly name: string;
  readonly columns: string[];
  readonly refColumns: string[];
  readonly row: Row;
}

const ACTIONS: Readonly<Record<string, ForeignKeyAction | undefined>> = {
  CASCADE: "cascade",
  "SET NULL": "set null",
  "SET DEFAULT": "set default",
  "NO ACTION": "no action",
  // RESTRICT is what MySQL does when nothing is said: reported as unset.
  RESTRICT: undefined,
};

function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  if (Buffer.isBuffer(value)) return value.toString("utf8");
  return String(value);
}

function optional(value: unknown): string | undefined {
  const result = text(value);
  return result === "" ? undefined : result;
}

function num(value: unknown): number | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  const result = Number(value);
  return Number.isFinite(result) ? result : undefined;
}

function key(schema: string, table: string): string {
  return `${schema}\u0000${table}`;
}

/**
 * The draft a catalog row belongs to. Rows come ordered by schema and table, so
 * the last one found is tried first, before a key is built and looked up.
 */
function draftOf(drafts: ReadonlyMap<string, Draft>): (row: Row) => Draft | undefined {
  let lastSchema: unknown;
  let lastTable: unknown;
  let last: Draft | undefined;
  return (row) => {
    const schema = row.s;
    const table = row.t;
    if (typeof schema === "string" && schema === lastSchema && table === lastTable) return last;
    last = drafts.get(key(text(schema), text(table)));
    lastSchema = schema;
    lastTable = table;
    return last;
  };
}

/**
 * Reads tables, columns, keys, constraints, indexes and comments from
 * information_schema in a fixed number of queries (at most seven), however many tables
 * there are; constraints and indexes in the code-point order of their names.
 * `null` in `schemas` is the connection's database, whose tables come
 * back without `schema`. MySQL has no named enum types: `enums` is empty and an
 * enum column's type carries the column's name. Unique constraints and unique
 * indexes are one thing on MySQL: a unique index over plain columns comes back as
 * a unique constraint, one with a prefix or an expression as a unique index. On
 * MariaDB a json column (longtext checked by `json_valid`) comes back as json
 * without that check; the index MySQL adds for a foreign key is left out.
 *
 * @example
 * ```ts
 * const model = await reflectMysql(connection, { tables: ["users"] });
 * model.tables[0]?.columns.map((c) => c.name);
 * ```
 */
export async function reflectMysql(connection: Connection, options: ReflectOptions = {}): Promise<SchemaModel> {
  const context = await mysqlCatalogContext(connection, options);
  if (context === undefined) return { tables: [], enums: [] };
  const statements = tableStatements(context.scope);
  return { tables: assembleTables(context, await readCatalog(connection, statements)), enums: [] };
}

/** Where and what a reflection reads: the connection's database, the schemas asked for, the server. */
export interface MysqlCatalogContext {
  readonly scope: Scope;
  /** `DATABASE()` as the server gave it (`null` without a default database). */
  readonly current: unknown;
  /** The schemas asked for, `null` for the connection's database. */
  readonly requested: readonly (string | null)[];
}

/**
 * Asks the server for its database and version once; refuses a reflection of
 * the connection's database when there is none. `undefined` when nothing is to
 * be read (an empty list of tables).
 */
export async function mysqlCatalogContext(connection: Connection, options: ReflectOptions): Promise<MysqlCatalogContext | undefined> {
  const info = (await connection.execute("SELECT DATABASE() AS db, VERSION() AS version")).rows[0] ?? {};
  const current = optional(info.db);
  const requested = options.schemas && options.schemas.length > 0 ? options.schemas : [null];
  if (requested.includes(null) && current === undefined) {
    throw new AthanorError("The MySQL connection has no default database to reflect", {
      hint: "name the database in the URL, or pass the schemas to read",
    });
  }
  const schemas = [...new Set(requested.map((s) => s ?? current!))];
  const defaultSchema = current ?? "";
  const version = text(info.version);
  const mariadb = /mariadb/i.test(version);
  const tables = options.tables;
  if (tables && tables.length === 0) return undefined;
  const scope: Scope = {
    defaultSchema,
    mariadb,
    checks: atLeast(version, mariadb ? [10, 2, 22] : [8, 0, 16]),
    expressions: !mariadb && atLeast(version, [8, 0, 13]),
    perTable: mariadb && atLeast(version, [10, 6, 0]),
    explicit: new Set(requested.filter((s): s is string => s !== null)),
    where(schemaColumn, tableColumn) {
      let sql = `${schemaColumn} IN (${schemas.map(() => "?").join(", ")})`;
      const params: unknown[] = [...schemas];
      if (tables) {
        sql += ` AND ${tableColumn} IN (${tables.map(() => "?").join(", ")})`;
        params.push(...tables);
      }
      return { sql, params };
    },
  };
  return { scope, current: info.db ?? null, requested };
}

/**
 * The statements that read the tables, in the order {@link assembleTables}
 * takes their rows: the listing of everything the schemas hold (tables, views,
 * sequences, with their type and options), columns, checks (where the server
 * has them), foreign-key columns, referential rules, index columns.
 */
export function tableStatements(scope: Scope): CatalogStatement[] {
  const statements = [listingStatement(scope), columnsStatement(scope)];
  if (scope.checks) statements.push(checksStatement(scope));
  statements.push(keyColumnsStatement(scope), rulesStatement(scope), indexesStatement(scope));
  return statements;
}

/** The tables of the model from the rows of {@link tableStatements} (the first rows, in its order). */
export function assembleTables(context: MysqlCatalogContext, rows: readonly (readonly Row[])[]): Table[] {
  const assembler = new TableAssembler(context);
  for (const set of rows.slice(0, assembler.results)) assembler.take(set);
  return assembler.tables();
}

/**
 * Builds the tables from the results of {@link tableStatements}, taken one at a
 * time in their order (each as soon as it has arrived).
 */
export class TableAssembler {
  readonly #context: MysqlCatalogContext;
  readonly #steps: ((rows: readonly Row[]) => void)[];
  /** How many results {@link tableStatements} gives. */
  readonly results: number;
  #drafts = new Map<string, Draft>();
  #keyColumns: readonly Row[] = [];

  constructor(context: MysqlCatalogContext) {
    this.#context = context;
    const { scope } = context;
    // each table's rows as the row statements give them
    const rowsOf = (rows: readonly Row[], fields: readonly CatalogField[], row: RowMaker): readonly Row[] =>
      scope.perTable ? expandTableRows(rows, fields.length, row) : rows;
    this.#steps = [
      (rows) => {
        this.#drafts = readTables(rows);
      },
      (rows) => readColumns(rowsOf(rows, COLUMN_FIELDS, columnRow), scope, this.#drafts),
      ...(scope.checks ? [(rows: readonly Row[]) => readChecks(rowsOf(rows, CHECK_FIELDS, checkRow), scope, this.#drafts)] : []),
      (rows) => {
        this.#keyColumns = rowsOf(rows, KEY_COLUMN_FIELDS, keyColumnRow);
      },
      (rows) => readForeignKeys(this.#keyColumns, rowsOf(rows, RULE_FIELDS, ruleRow), scope, this.#drafts),
      (rows) => readIndexes(rowsOf(rows, indexFields(scope), indexRow), this.#drafts),
    ];
    this.results = this.#steps.length;
  }


  /** The rows of the next statement. */
  take(rows: readonly Row[]): void {
    const step = this.#steps.shift();
    if (step === undefined) throw new Error("more catalog results than statements");
    step(rows);
  }

  /** The tables, once every result has been taken. */
  tables(): Table[] {
    if (this.#steps.length > 0) throw new Error("catalog results missing");
    return finish(this.#context.scope, this.#drafts);
  }
}

function finish(scope: Scope, drafts: Map<string, Draft>): Table[] {
  const result: Table[] = [];
  // each table and its options built field by field, in the order the model lists them
  for (const draft of drafts.values()) {
    const columns =
      draft.jsonColumns.size === 0
        ? draft.columns
        : draft.columns.map((column) => (draft.jsonColumns.has(column.name) ? withoutCollation({ ...column, type: { kind: "json" } }) : column));
    const table: { -readonly [K in keyof Table]?: Table[K] } = { name: draft.name };
    if (draft.schema !== scope.defaultSchema || scope.explicit.has(draft.schema)) table.schema = draft.schema;
    table.columns = columns;
    if (draft.primaryKey) table.primaryKey = draft.primaryKey;
    table.foreignKeys = byName(draft.foreignKeys);
    table.uniques = byName(draft.uniques);
    table.checks = byName(draft.checks);
    table.indexes = byName(draft.indexes);
    if (draft.comment !== undefined) table.comment = draft.comment;
    if (draft.engine !== undefined || draft.collation !== undefined || draft.rowFormat !== undefined) {
      const mysql: Record<string, string> = {};
      if (draft.engine !== undefined) mysql.engine = draft.engine;
      if (draft.collation !== undefined) {
        mysql.charset = draft.collation.split("_")[0]!;
        mysql.collate = draft.collation;
      }
      if (draft.rowFormat !== undefined) mysql.rowFormat = draft.rowFormat.toUpperCase();
      table.dialectOptions = { mysql };
    }
    result.push(table as Table);
  }
  return result;
}

/**
 * A draft's named things in code-point order of their names, whatever the
 * catalog's collation sorts by (sorted in place: the draft's array becomes the table's).
 */
function byName<T extends { readonly name?: string }>(items: T[]): T[] {
  if (items.length < 2) return items;
  return items.sort((a, b) => ((a.name ?? "") < (b.name ?? "") ? -1 : (a.name ?? "") > (b.name ?? "") ? 1 : 0));
}

/** Whether a `VERSION()` string (`8.0.36`, `10.11.6-MariaDB-...`) is at least `[major, minor, patch]`. */
export function atLeast(version: string, wanted: readonly [number, number, number]): boolean {
  const parts = (/^(\d+)\.(\d+)\.(\d+)/.exec(version) ?? []).slice(1).map(Number);
  if (parts.length < 3) return true;
  for (let i = 0; i < 3; i += 1) {
    if (parts[i]! !== wanted[i]) return parts[i]! > wanted[i]!;
  }
  return true;
}

function withoutCollation(column: Column): Column {
  const { collation: _collation, ...rest } = column;
  return rest;
}

/** The table types a draft is made for; the listing also holds views and sequences. */
const TABLE_TYPES: ReadonlySet<string> = new Set(["BASE TABLE", "SYSTEM VERSIONED"]);

/**
 * Everything the schemas hold, one row each (`kind` is TABLE_TYPE, `opts` CREATE_OPTIONS),
 * in the order of schema and name: what tables, views and sequences there are,
 * and which tables are partitioned or versioned, from one pass over TABLES.
 */
function listingStatement(scope: Scope): CatalogStatement {
  const where = scope.where("table_schema", "table_name");
  return {
    sql: `SELECT table_schema AS s, table_name AS t, table_type AS kind, table_comment AS comment, engine AS engine, table_collation AS coll,
            row_format AS row_format, create_options AS opts
     FROM information_schema.TABLES WHERE ${where.sql} ORDER BY table_schema, table_name`,
    params: where.params,
  };
}

function readTables(rows: readonly Row[]): Map<string, Draft> {
  const drafts = new Map<string, Draft>();
  for (const row of rows) {
    if (!TABLE_TYPES.has(text(row.kind))) continue;
    const schema = text(row.s);
    const name = text(row.t);
    drafts.set(key(schema, name), {
      name,
      schema,
      comment: optional(row.comment),
      collation: optional(row.coll),
      engine: optional(row.engine),
      rowFormat: optional(row.row_format),
      columns: [],
      jsonColumns: new Set(),
      longtext: new Set(),
      indexParts: [],
      keyParts: [],
      checks: [],
      foreignKeys: [],
      uniques: [],
      indexes: [],
    });
  }
  return drafts;
}

/** The fields of a column (COLUMNS), in order. */
const COLUMN_FIELDS: readonly CatalogField[] = [
  ["name", "column_name"],
  ["dflt", "column_default"],
  ["nullable", "is_nullable"],
  ["data_type", "data_type"],
  ["column_type", "column_type"],
  ["num_precision", "numeric_precision"],
  ["num_scale", "numeric_scale"],
  ["dt_precision", "datetime_precision"],
  ["char_length", "character_maximum_length"],
  ["coll", "collation_name"],
  ["extra", "extra"],
  ["comment", "column_comment"],
  ["generated", "generation_expression"],
];

/** A row of {@link COLUMN_FIELDS} from its array. */
const columnRow: RowMaker = (s, t, f) => ({
  s,
  t,
  name: f[0],
  dflt: f[1],
  nullable: f[2],
  data_type: f[3],
  column_type: f[4],
  num_precision: f[5],
  num_scale: f[6],
  dt_precision: f[7],
  char_length: f[8],
  coll: f[9],
  extra: f[10],
  comment: f[11],
  generated: f[12],
});

/** A row statement, or on a server that can, one row per table (see {@link perTableStatement}). */
function catalogStatement(scope: Scope, query: CatalogQuery): CatalogStatement {
  return scope.perTable ? perTableStatement(query) : rowStatement(query);
}

function columnsStatement(scope: Scope): CatalogStatement {
  return catalogStatement(scope, {
    view: "COLUMNS",
    schemaColumn: "table_schema",
    tableColumn: "table_name",
    fields: COLUMN_FIELDS,
    where: scope.where("table_schema", "table_name"),
    orderBy: "ordinal_position",
  });
}

function readColumns(rows: readonly Row[], scope: Scope, drafts: Map<string, Draft>): void {
  const draftFor = draftOf(drafts);
  for (const row of rows) {
    const draft = draftFor(row);
    if (!draft) continue;
    const name = text(row.name);
    const dataType = text(row.data_type).toLowerCase();
    const columnType = text(row.column_type);
    const extra = text(row.extra).toLowerCase();
    const type = mapType(dataType, columnType, row, name);
    if (dataType === "longtext") draft.longtext.add(name);
    const column: { -readonly [K in keyof Column]: Column[K] } = { name, type, nullable: text(row.nullable) === "YES" };
    if (extra.includes("auto_increment")) column.autoincrement = true;
    const generated = /\b(stored|virtual|persistent) generated\b/.exec(extra);
    if (generated) {
      const sql = text(row.generated);
      column.computed = { sql: scope.mariadb ? sql : unescapeExpression(sql), stored: generated[1] !== "virtual" };
    } else {
      const serverDefault = mapDefault(row.dflt, extra, dataType, scope.mariadb);
      if (serverDefault) column.serverDefault = serverDefault;
    }
    const comment = optional(row.comment);
    if (comment !== undefined) column.comment = comment;
    // MariaDB: `on update current_timestamp(3)`; MySQL: `DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)`.
    const onUpdate = /\bon update ([a-z_]+)(?:\((\d*)\))?/.exec(extra);
    if (onUpdate) {
      column.onUpdate = `${onUpdate[1]!.toUpperCase()}${onUpdate[2] ? `(${onUpdate[2]})` : ""}`;
      // MariaDB gives a NOT NULL timestamp with ON UPDATE and no default the zero date: its doing, not a declared default.
      const zero = column.serverDefault?.kind === "literal" && /^0000-00-00 00:00:00(?:\.0+)?$/.test(String(column.serverDefault.value));
      if (zero && !column.nullable) delete column.serverDefault;
    }
    const collation = optional(row.coll);
    if (collation !== undefined && collation !== draft.collation) column.collation = collation;
    draft.columns.push(column);
  }
}

/** The display width of integers (`int(11)`) is cosmetic: dropped. */
export function mapType(dataType: string, columnType: string, row: Row, name: string): ColumnType {
  const lower = columnType.toLowerCase();
  const modifiers = (lower.includes("unsigned") || lower.includes("zerofill")) && /\b(unsigned|zerofill)\b/.test(lower);
  const length = num(row.char_length);
  switch (dataType) {
    case "tinyint":
      if (/^tinyint\(1\)$/.test(lower)) return { kind: "boolean" };
      return { kind: "custom", sql: lower.replace(/^tinyint\(\d+\)/, "tinyint") };
    case "smallint":
    case "int":
    case "integer":
    case "bigint":
    case "mediumint": {
      if (!modifiers && dataType !== "mediumint") {
        return { kind: dataType === "smallint" ? "smallint" : dataType === "bigint" ? "bigint" : "integer" };
      }
      return { kind: "custom", sql: lower.replace(/^(\w+)\(\d+\)/, "$1") };
    }
    case "decimal":
    case "numeric":
      if (modifiers) return { kind: "custom", sql: lower };
      return { kind: "numeric", precision: num(row.num_precision)!, scale: num(row.num_scale) ?? 0 };
    case "float":
      return lower === "float" ? { kind: "float" } : { kind: "custom", sql: lower };
    case "double":
      return lower === "double" ? { kind: "double" } : { kind: "custom", sql: lower };
    case "varchar":
      return { kind: "string", length: length! };
    case "char":
      return { kind: "char", length: length! };
    case "text":
      return { kind: "text" };
    case "date":
      return { kind: "date" };
    case "time":
    case "datetime":
    case "timestamp": {
      const precision = num(row.dt_precision);
      const kind = dataType === "time" ? "time" : "timestamp";
      return {
        kind,
        ...(dataType === "timestamp" ? { withTimezone: true } : {}),
        ...(precision ? { precision } : {}),
      } as ColumnType;
    }
    case "varbinary":
      return { kind: "binary", length: length! };
    case "blob":
      return { kind: "binary" };
    case "json":
      return { kind: "json" };
    case "enum":
      return { kind: "enum", name, values: parseEnumValues(columnType) };
    default:
      return { kind: "custom", sql: lower };
  }
}

/** `enum('a','b''c')` → `["a", "b'c"]`. */
export function parseEnumValues(columnType: string): string[] {
  const body = columnType.slice(columnType.indexOf("(") + 1, columnType.lastIndexOf(")"));
  const values: string[] = [];
  const pattern = /'((?:[^'\\]|''|\\.)*)'/g;
  for (let match = pattern.exec(body); match; match = pattern.exec(body)) values.push(unquote(match[1]!));
  return values;
}

const UNESCAPES: Readonly<Record<string, string>> = { n: "\n", r: "\r", t: "\t", "0": "\u0000", Z: "\u001a", b: "\b" };

/** The body of a quoted literal as the catalog spells it: `''` and backslash escapes undone. */
function unquote(body: string): string {
  return body.replace(/''|\\(.)/gs, (all, escaped: string | undefined) => {
    if (escaped === undefined) return "'";
    return UNESCAPES[escaped] ?? escaped;
  });
}

/**
 * MySQL 8 shows expressions (checks, generated columns, expression defaults and
 * key parts) with their quotes backslash-escaped: `_utf8mb4\'x\'`. One level
 * undone gives the SQL as written. MariaDB shows them unescaped.
 */
export function unescapeExpression(sql: string): string {
  return sql.replace(/\\(['\\])/g, "$1");
}

/**
 * MariaDB quotes literal defaults and writes expressions bare (`NULL` text = no
 * default). MySQL writes literals bare and marks expressions DEFAULT_GENERATED.
 */
export function mapDefault(value: unknown, extra: string, dataType: string, mariadb: boolean): ServerDefault | undefined {
  if (value === null || value === undefined) return undefined;
  const raw = text(value);
  if (mariadb) {
    if (raw === "NULL") return undefined;
    const quoted = /^'(.*)'$/s.exec(raw);
    if (quoted) return { kind: "literal", value: unquote(quoted[1]!) };
    return { kind: "sql", sql: raw };
  }
  if (extra.toLowerCase().includes("default_generated")) {
    // A literal given as an expression (text/blob/json columns), escaped twice: `_utf8mb4\'it\\\'s\'`.
    const introduced = /^_[a-z0-9]+\\'(.*)\\'$/s.exec(raw);
    if (introduced) return { kind: "literal", value: unquote(unquote(introduced[1]!)) };
    return { kind: "sql", sql: unescapeExpression(raw) };
  }
  if (/^current_timestamp\b/i.test(raw)) return { kind: "sql", sql: raw };
  const numeric = /int|decimal|numeric|float|double|bit|year/.test(dataType);
  if (numeric) return { kind: "sql", sql: raw };
  return { kind: "literal", value: raw };
}

/** The fields of a CHECK on MariaDB (CHECK_CONSTRAINTS, which has the table and the level), in order. */
const CHECK_FIELDS: readonly CatalogField[] = [
  ["name", "constraint_name"],
  ["clause", "check_clause"],
  ["lvl", "level"],
];

const checkRow: RowMaker = (s, t, f) => ({ s, t, name: f[0], clause: f[1], lvl: f[2] });

function checksStatement(scope: Scope): CatalogStatement {
  if (scope.mariadb) {
    return catalogStatement(scope, {
      view: "CHECK_CONSTRAINTS",
      schemaColumn: "constraint_schema",
      tableColumn: "table_name",
      fields: CHECK_FIELDS,
      where: scope.where("constraint_schema", "table_name"),
      orderBy: "constraint_name",
    });
  }
  const where = scope.where("tc.table_schema", "tc.table_name");
  return {
    sql: `SELECT tc.table_schema AS s, tc.table_name AS t, cc.constraint_name AS name, cc.check_clause AS clause, 'Table' AS lvl
       FROM information_schema.TABLE_CONSTRAINTS tc
       JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.constraint_schema = tc.constraint_schema AND cc.constraint_name = tc.constraint_name
       WHERE tc.constraint_type = 'CHECK' AND ${where.sql} ORDER BY tc.table_schema, tc.table_name, cc.constraint_name`,
    params: where.params,
  };
}

function readChecks(rows: readonly Row[], scope: Scope, drafts: Map<string, Draft>): void {
  const draftFor = draftOf(drafts);
  for (const row of rows) {
    const draft = draftFor(row);
    if (!draft) continue;
    const name = text(row.name);
    const clause = text(row.clause);
    // MariaDB's json: longtext with a column check json_valid(`c`) named after the column.
    if (text(row.lvl) === "Column" && draft.longtext.has(name) && clause === `json_valid(\`${name.replace(/`/g, "``")}\`)`) {
      draft.jsonColumns.add(name);
      continue;
    }
    draft.checks.push({ name, sql: scope.mariadb ? clause : unescapeExpression(clause) });
  }
}

/** The fields of a foreign key's column (KEY_COLUMN_USAGE), in order. */
const KEY_COLUMN_FIELDS: readonly CatalogField[] = [
  ["name", "constraint_name"],
  ["col", "column_name"],
  ["ref_schema", "referenced_table_schema"],
  ["ref_table", "referenced_table_name"],
  ["ref_col", "referenced_column_name"],
];

const keyColumnRow: RowMaker = (s, t, f) => ({ s, t, name: f[0], col: f[1], ref_schema: f[2], ref_table: f[3], ref_col: f[4] });

function keyColumnsStatement(scope: Scope): CatalogStatement {
  const where = scope.where("table_schema", "table_name");
  return catalogStatement(scope, {
    view: "KEY_COLUMN_USAGE",
    schemaColumn: "table_schema",
    tableColumn: "table_name",
    fields: KEY_COLUMN_FIELDS,
    where: { sql: `referenced_table_name IS NOT NULL AND ${where.sql}`, params: where.params },
    orderBy: "constraint_name, ordinal_position",
  });
}

/** The fields of a foreign key's rules (REFERENTIAL_CONSTRAINTS), in order. */
const RULE_FIELDS: readonly CatalogField[] = [
  ["name", "constraint_name"],
  ["on_update", "update_rule"],
  ["on_delete", "delete_rule"],
];

const ruleRow: RowMaker = (s, t, f) => ({ s, t, name: f[0], on_update: f[1], on_delete: f[2] });

function rulesStatement(scope: Scope): CatalogStatement {
  return catalogStatement(scope, {
    view: "REFERENTIAL_CONSTRAINTS",
    schemaColumn: "constraint_schema",
    tableColumn: "table_name",
    fields: RULE_FIELDS,
    where: scope.where("constraint_schema", "table_name"),
    unordered: true,
  });
}

/** Key columns and referential rules read apart and joined here: information_schema joins them slowly. */
function readForeignKeys(rows: readonly Row[], ruleRows: readonly Row[], scope: Scope, drafts: Map<string, Draft>): void {
  if (rows.length === 0) return;
  const rules = new Map<string, Row>();
  for (const row of ruleRows) {
    rules.set(`${key(text(row.s), text(row.t))}\u0000${text(row.name)}`, row);
  }
  const all: KeyDraft[] = [];
  let last: KeyDraft | undefined;
  const draftFor = draftOf(drafts);
  for (const row of rows) {
    const draft = draftFor(row);
    if (!draft) continue;
    const name = text(row.name);
    // the columns of one key come one after another: the last key is tried first, then the table's few
    let entry = last !== undefined && last.draft === draft && last.name === name ? last : undefined;
    if (!entry) {
      entry = draft.keyParts.find((e) => e.name === name);
      if (!entry) {
        entry = { draft, name, columns: [], refColumns: [], row };
        draft.keyParts.push(entry);
        all.push(entry);
      }
    }
    last = entry;
    entry.columns.push(text(row.col));
    entry.refColumns.push(text(row.ref_col));
  }
  for (const { draft, name, columns, refColumns, row } of all) {
    const refSchema = text(row.ref_schema);
    const rule = rules.get(`${key(draft.schema, draft.name)}\u0000${name}`) ?? {};
    const onDelete = ACTIONS[text(rule.on_delete).toUpperCase()];
    const onUpdate = ACTIONS[text(rule.on_update).toUpperCase()];
    // field by field, in the order the model lists them
    const foreignKey: { -readonly [K in keyof ForeignKey]?: ForeignKey[K] } = { name, columns, refTable: text(row.ref_table) };
    if (refSchema !== scope.defaultSchema) foreignKey.refSchema = refSchema;
    foreignKey.refColumns = refColumns;
    if (onDelete) foreignKey.onDelete = onDelete;
    if (onUpdate) foreignKey.onUpdate = onUpdate;
    draft.foreignKeys.push(foreignKey as ForeignKey);
  }
}

/** The fields of an index's key part (STATISTICS), in order; `expr` is NULL where the server has no expression indexes. */
function indexFields(scope: Scope): readonly CatalogField[] {
  return scope.expressions ? INDEX_FIELDS_WITH_EXPRESSIONS : INDEX_FIELDS;
}

const INDEX_FIELDS: readonly CatalogField[] = [
  ["name", "index_name"],
  ["non_unique", "non_unique"],
  ["col", "column_name"],
  ["sub_part", "sub_part"],
  ["index_type", "index_type"],
  ["expr", "NULL"],
  ["coll", "collation"],
];

const indexRow: RowMaker = (s, t, f) => ({ s, t, name: f[0], non_unique: f[1], col: f[2], sub_part: f[3], index_type: f[4], expr: f[5], coll: f[6] });

const INDEX_FIELDS_WITH_EXPRESSIONS: readonly CatalogField[] = INDEX_FIELDS.map(([alias, expression]) =>
  alias === "expr" ? ["expr", "expression"] : [alias, expression],
);

function indexesStatement(scope: Scope): CatalogStatement {
  return catalogStatement(scope, {
    view: "STATISTICS",
    schemaColumn: "table_schema",
    tableColumn: "table_name",
    fields: indexFields(scope),
    where: scope.where("table_schema", "table_name"),
    orderBy: "index_name, seq_in_index",
  });
}

/** An index being assembled from its rows. */
interface IndexDraft {
  readonly draft: Draft;
  readonly name: string;
  readonly unique: boolean;
  readonly type: string;
  readonly elements: IndexElement[];
  plain: boolean;
}

function readIndexes(rows: readonly Row[], drafts: Map<string, Draft>): void {
  const all: IndexDraft[] = [];
  let last: IndexDraft | undefined;
  const draftFor = draftOf(drafts);
  for (const row of rows) {
    const draft = draftFor(row);
    if (!draft) continue;
    const name = text(row.name);
    // the columns of one index come one after another: the last index is tried first
    let entry = last !== undefined && last.draft === draft && last.name === name ? last : undefined;
    if (!entry) {
      // a table has a few indexes: its own list is searched
      entry = draft.indexParts.find((e) => e.name === name);
      if (!entry) {
        entry = { draft, name, unique: Number(row.non_unique) === 0, type: text(row.index_type).toUpperCase(), elements: [], plain: true };
        draft.indexParts.push(entry);
        all.push(entry);
      }
    }
    last = entry;
    const column = optional(row.col);
    const subPart = num(row.sub_part);
    // A descending key part (MySQL 8, MariaDB 10.8): COLLATION 'D'.
    const desc = optional(row.coll) === "D" ? " DESC" : "";
    if (column === undefined) {
      entry.plain = false;
      entry.elements.push({ expression: `${unescapeExpression(text(row.expr))}${desc}` });
    } else if (subPart !== undefined || desc) {
      entry.plain = false;
      entry.elements.push({ expression: `\`${column.replace(/`/g, "``")}\`${subPart !== undefined ? `(${subPart})` : ""}${desc}` });
    } else {
      entry.elements.push(column);
    }
  }
  for (const { draft, name, unique, type, elements, plain } of all) {
    if (name === "PRIMARY") {
      draft.primaryKey = { columns: elements.filter((e): e is string => typeof e === "string") };
      continue;
    }
    if (unique && plain) {
      draft.uniques.push({ name, columns: elements as string[] });
      continue;
    }
    // The index MySQL creates to back a foreign key carries the key's name and columns.
    const backsForeignKey = !unique && plain && draft.foreignKeys.some((fk) => fk.name === name && sameColumns(fk.columns, elements));
    if (backsForeignKey) continue;
    const using = type === "HASH" ? "hash" : type === "BTREE" || type === "" ? undefined : type.toLowerCase();
    draft.indexes.push({ name, columns: elements, unique, ...(using !== undefined ? { using } : {}) });
  }
}

function sameColumns(columns: readonly string[], elements: readonly IndexElement[]): boolean {
  return columns.length === elements.length && columns.every((c, i) => elements[i] === c);
}
