/**
 * Every schema construct × database, with what athanor does with it today.
 * docs/reference.md's "What autogenerate sees" table is rendered from this list (and a
 * test keeps the two equal): change a row here when a construct's handling
 * changes, then render the table again.
 */

/**
 * - `modelled`: declared (DSL and drizzle), reflected, compared, rendered and
 *   written as DDL, batch copy included.
 * - `partly`: modelled, with the gap the note names.
 * - `reported`: not modelled; a catalog (or drizzle schema) holding one is
 *   listed as `not compared: …` by `check` and autogenerate.
 * - `ignored`: not modelled and not reported yet.
 * - `n/a`: the database has no such thing.
 */
export type ConstructStatus = "modelled" | "partly" | "reported" | "ignored" | "n/a";

/** The databases of the table. */
export type ConstructDatabase = "postgresql" | "mysql" | "sqlite";

/** One cell: a status, with a short note for `partly` (what is missing) or any other. */
export type ConstructCell = ConstructStatus | { readonly status: ConstructStatus; readonly note: string };

/** One construct and its status on each database. */
export interface ConstructRow {
  readonly construct: string;
  readonly postgresql: ConstructCell;
  readonly mysql: ConstructCell;
  readonly sqlite: ConstructCell;
}

const note = (status: ConstructStatus, text: string): ConstructCell => ({ status, note: text });

/**
 * The registry: one row per construct, in the reference's order.
 *
 * @example
 * ```ts
 * const triggers = constructs.find((row) => row.construct === "triggers");
 * cellStatus(triggers!.sqlite); // "reported"
 * ```
 */
export const constructs: readonly ConstructRow[] = [
  { construct: "tables", postgresql: "modelled", mysql: "modelled", sqlite: "modelled" },
  { construct: "columns", postgresql: "modelled", mysql: "modelled", sqlite: "modelled" },
  { construct: "column types", postgresql: "modelled", mysql: "modelled", sqlite: "modelled" },
  { construct: "server defaults", postgresql: "modelled", mysql: "modelled", sqlite: "modelled" },
  { construct: "nullability", postgresql: "modelled", mysql: "modelled", sqlite: "modelled" },
  { construct: "table and column comments", postgresql: "modelled", mysql: "modelled", sqlite: "n/a" },
  {
    construct: "computed (generated) columns",
    postgresql: note("partly", "expression change warned"),
    mysql: note("partly", "expression change warned"),
    sqlite: note("partly", "expression change warned"),
  },
  { construct: "identity columns and options", postgresql: "modelled", mysql: "n/a", sqlite: "n/a" },
  { construct: "autoincrement", postgresql: "modelled", mysql: "modelled", sqlite: "modelled" },
  { construct: "column collations", postgresql: "modelled", mysql: "modelled", sqlite: "modelled" },
  {
    construct: "ON UPDATE CURRENT_TIMESTAMP",
    postgresql: note("n/a", "a declared one warned"),
    mysql: "modelled",
    sqlite: note("n/a", "a declared one warned"),
  },
  { construct: "primary keys", postgresql: "modelled", mysql: "modelled", sqlite: "modelled" },
  { construct: "foreign keys", postgresql: "modelled", mysql: "modelled", sqlite: "modelled" },
  { construct: "unique constraints", postgresql: "modelled", mysql: "modelled", sqlite: "modelled" },
  { construct: "UNIQUE NULLS NOT DISTINCT", postgresql: "modelled", mysql: note("n/a", "a declared one warned"), sqlite: note("n/a", "a declared one warned") },
  {
    construct: "CHECK constraints",
    postgresql: "modelled",
    mysql: "modelled",
    sqlite: "modelled",
  },
  { construct: "indexes", postgresql: "modelled", mysql: "modelled", sqlite: "modelled" },
  { construct: "partial indexes", postgresql: "modelled", mysql: "n/a", sqlite: "modelled" },
  { construct: "expression indexes", postgresql: "modelled", mysql: "modelled", sqlite: "modelled" },
  { construct: "index INCLUDE columns", postgresql: "modelled", mysql: "n/a", sqlite: "n/a" },
  { construct: "index storage parameters", postgresql: "modelled", mysql: note("n/a", "a declared one warned"), sqlite: note("n/a", "a declared one warned") },
  { construct: "index operator classes", postgresql: "modelled", mysql: "n/a", sqlite: "n/a" },
  { construct: "exclusion constraints", postgresql: "modelled", mysql: note("n/a", "a declared one warned"), sqlite: note("n/a", "a declared one warned") },
  {
    construct: "enums",
    postgresql: note("partly", "values removed or reordered warned"),
    mysql: "modelled",
    sqlite: note("n/a", "text"),
  },
  { construct: "sequences", postgresql: "modelled", mysql: note("modelled", "MariaDB 10.3+, bigint, no owner; MySQL has none"), sqlite: "n/a" },
  { construct: "row-level security", postgresql: "modelled", mysql: "n/a", sqlite: "n/a" },
  { construct: "policies", postgresql: "modelled", mysql: "n/a", sqlite: "n/a" },
  { construct: "roles", postgresql: note("reported", "drizzle pgRole"), mysql: note("n/a", "server-wide"), sqlite: "n/a" },
  { construct: "views", postgresql: "modelled", mysql: "modelled", sqlite: "modelled" },
  { construct: "materialized views", postgresql: "modelled", mysql: "n/a", sqlite: "n/a" },
  { construct: "table options (engine, charset, …)", postgresql: "n/a", mysql: "modelled", sqlite: "n/a" },
  {
    construct: "UNLOGGED, system versioning, STRICT, WITHOUT ROWID",
    postgresql: note("reported", "UNLOGGED"),
    mysql: note("reported", "MariaDB system versioning"),
    sqlite: note("reported", "STRICT, WITHOUT ROWID"),
  },
  {
    construct: "PostgreSQL table storage parameters, tablespaces, access methods, replica identity, CLUSTER ON",
    postgresql: "reported",
    mysql: "n/a",
    sqlite: "n/a",
  },
  { construct: "PostgreSQL column storage, compression, statistics targets", postgresql: "reported", mysql: "n/a", sqlite: "n/a" },
  { construct: "PostgreSQL index tablespaces; a constraint's INCLUDE and storage parameters", postgresql: "reported", mysql: "n/a", sqlite: "n/a" },
  { construct: "PostgreSQL NOT VALID, NO INHERIT, ON DELETE SET NULL (columns)", postgresql: "reported", mysql: "n/a", sqlite: "n/a" },
  { construct: "indexes of materialized views", postgresql: "reported", mysql: "n/a", sqlite: "n/a" },
  { construct: "PostgreSQL comments on indexes, constraints, views (and their columns), sequences, enum types", postgresql: "reported", mysql: "n/a", sqlite: "n/a" },
  { construct: "triggers", postgresql: "reported", mysql: "reported", sqlite: "reported" },
  { construct: "functions, procedures and aggregates", postgresql: "reported", mysql: "reported", sqlite: "n/a" },
  { construct: "table grants", postgresql: "reported", mysql: note("n/a", "server-wide"), sqlite: "n/a" },
  { construct: "partitioning and partitions", postgresql: "reported", mysql: "reported", sqlite: "n/a" },
  { construct: "rules", postgresql: "reported", mysql: "n/a", sqlite: "n/a" },
  { construct: "domains", postgresql: "reported", mysql: "n/a", sqlite: "n/a" },
  { construct: "extensions", postgresql: note("reported", "plpgsql aside"), mysql: "n/a", sqlite: "n/a" },
  { construct: "composite and range types", postgresql: "reported", mysql: "n/a", sqlite: "n/a" },
  { construct: "table inheritance", postgresql: "reported", mysql: "n/a", sqlite: "n/a" },
  { construct: "foreign tables", postgresql: "reported", mysql: "n/a", sqlite: "n/a" },
  { construct: "statistics objects", postgresql: "reported", mysql: "n/a", sqlite: "n/a" },
  { construct: "collations, operators, text search configurations", postgresql: "reported", mysql: "n/a", sqlite: "n/a" },
  { construct: "events", postgresql: "n/a", mysql: "reported", sqlite: "n/a" },
  { construct: "virtual tables (FTS, R*Tree, …)", postgresql: "n/a", mysql: "n/a", sqlite: "reported" },
  { construct: "schemas", postgresql: note("partly", "compared with includeSchemas, not created"), mysql: note("n/a", "a schema is a database"), sqlite: "n/a" },
];

/** The status of a cell, without its note. */
export function cellStatus(cell: ConstructCell): ConstructStatus {
  return typeof cell === "string" ? cell : cell.status;
}

const label: Readonly<Record<ConstructStatus, string>> = {
  modelled: "modelled",
  partly: "partly",
  reported: "reported",
  ignored: "not seen",
  "n/a": "—",
};

function renderCell(cell: ConstructCell): string {
  if (typeof cell === "string") return label[cell];
  return `${label[cell.status]} (${cell.note})`;
}

/**
 * The registry as the reference's markdown table (the lines between the
 * `constructs` markers), one row per construct.
 *
 * @example
 * ```ts
 * renderConstructsTable().split("\n")[0]; // "| Construct | PostgreSQL | MySQL / MariaDB | SQLite |"
 * ```
 */
export function renderConstructsTable(rows: readonly ConstructRow[] = constructs): string {
  const lines = ["| Construct | PostgreSQL | MySQL / MariaDB | SQLite |", "| --- | --- | --- | --- |"];
  for (const row of rows) {
    lines.push(`| ${row.construct} | ${renderCell(row.postgresql)} | ${renderCell(row.mysql)} | ${renderCell(row.sqlite)} |`);
  }
  return lines.join("\n");
}
