/**
 * Objects a schema holds that the model does not carry: a catalog's triggers,
 * functions, partitions, …, or a declaration's constructs the model has no
 * place for (a drizzle `pgRole`). Autogenerate and `check` never compare them:
 * they list each once as `not compared: …`, so nothing passes in silence.
 */

/** What kind of object; also the `type` the include hooks are asked with. */
export type NotModelledKind =
  | "trigger"
  | "function"
  | "procedure"
  | "aggregate"
  | "rule"
  | "domain"
  | "composite type"
  | "range type"
  | "partitioning"
  | "partition"
  | "inheritance"
  | "grants"
  | "extension"
  | "foreign table"
  | "statistics"
  | "event"
  | "virtual table"
  | "view"
  | "materialized view"
  | "sequence"
  | "policy"
  | "row-level security"
  | "role"
  | "collation"
  | "operator"
  | "text search configuration"
  /** A table option the model does not carry: `UNLOGGED`, `STRICT`, `WITHOUT ROWID`, `WITH SYSTEM VERSIONING`, PostgreSQL's `WITH (fillfactor=70)`, `TABLESPACE`, `REPLICA IDENTITY FULL`. */
  | "table option"
  /** A column's setting the model does not carry (PostgreSQL: `email STORAGE EXTERNAL`, `COMPRESSION lz4`, `STATISTICS 500`). */
  | "column option"
  /** An index's or a constraint's index setting the model does not carry (PostgreSQL: `ix_a TABLESPACE fast`, a unique constraint's `INCLUDE`). */
  | "index option"
  /** A constraint's setting the model does not carry (PostgreSQL: `NOT VALID`, a CHECK's `NO INHERIT`, `ON DELETE SET NULL (column)`). */
  | "constraint option"
  /** An index the model does not carry (PostgreSQL: one on a materialized view). */
  | "index"
  /** A comment on something the model keeps no comment for (PostgreSQL: `COMMENT ON INDEX`, on a constraint, a view, a sequence, an enum type). */
  | "comment";

/**
 * One object not compared. `name` is the object's own name (left out for a
 * property of a table: `grants`, `row-level security`, `partitioning`);
 * `table` the table it belongs to; `schema` the schema of both, left out for
 * the default schema.
 *
 * @example
 * ```ts
 * const trigger: NotModelledObject = { kind: "trigger", name: "audit", table: "users" };
 * describeNotModelled(trigger); // 'trigger "audit" on table "users"'
 * ```
 */
export interface NotModelledObject {
  readonly kind: NotModelledKind;
  readonly name?: string;
  readonly schema?: string;
  readonly table?: string;
}

function qualified(name: string, schema: string | undefined): string {
  return `"${schema === undefined ? name : `${schema}.${name}`}"`;
}

/**
 * The object as `check` and autogenerate name it after `not compared: `:
 * its kind, its name (schema-qualified outside the default schema) and the
 * table it belongs to.
 *
 * @example
 * ```ts
 * describeNotModelled({ kind: "partition", name: "events_2024", table: "events" }); // 'partition "events_2024" of table "events"'
 * describeNotModelled({ kind: "grants", table: "users", schema: "audit" });       // 'grants on table "audit.users"'
 * ```
 */
export function describeNotModelled(object: NotModelledObject): string {
  const table = object.table === undefined ? "" : qualified(object.table, object.schema);
  if (object.kind === "inheritance") return `inheritance of table ${table} from "${object.name ?? ""}"`;
  const preposition = object.kind === "partition" ? "of" : "on";
  const name = object.name === undefined ? "" : ` ${object.table === undefined ? qualified(object.name, object.schema) : `"${object.name}"`}`;
  return `${object.kind}${name}${table === "" ? "" : ` ${preposition} table ${table}`}`;
}
