import type { Connection, Dialect } from "../../dialects/contract/index.js";
import type { CustomOperation } from "../../operations/operation.js";
import type { SchemaOperation } from "../../dialects/contract/index.js";
import type { SchemaModel, Table } from "../../schema/model.js";

/** What a comparator sees of every comparison: the two schemas and the database. */
export interface ComparatorContext {
  /** The declared schema (env.ts's `targetMetadata`), the default schema's name left out. */
  readonly declared: SchemaModel;
  /** The schema read from the database, the default schema's name left out. */
  readonly reflected: SchemaModel;
  /** The database's dialect: its name, quoting and literals. */
  readonly dialect: Dialect;
  /** The connection, for catalog reads of your own (views, triggers, grants...). */
  readonly connection: Connection;
  /** The database's default schema (`public` on PostgreSQL, the database on MySQL), when it has one. */
  readonly defaultSchema: string | undefined;
  /** The schemas compared besides the default one. */
  readonly schemas: readonly string[];
}

/** What a table comparator sees: one table by name, on either side or both. */
export interface TableComparatorContext extends ComparatorContext {
  readonly tableName: string;
  /** The table's schema; `undefined` for the default schema. */
  readonly schema: string | undefined;
  /** The table as declared; `undefined` when only the database has it (it is being dropped). */
  readonly declaredTable: Table | undefined;
  /** The table as the database has it; `undefined` when it is new. */
  readonly reflectedTable: Table | undefined;
}

/** An operation a comparator adds: a built-in schema operation or a registered custom one. */
export type ComparatorOperation = SchemaOperation | CustomOperation;

/** What a comparator returns: the operations its differences need, in order (nothing when it finds none). */
export type ComparatorResult = Iterable<ComparatorOperation> | void | undefined;

/** A comparator of the whole schema (Alembic's `comparators.dispatch_for("schema")`). */
export type SchemaComparator = (context: ComparatorContext) => ComparatorResult | Promise<ComparatorResult>;

/** A comparator called for every table of either side (Alembic's `comparators.dispatch_for("table")`). */
export type TableComparator = (context: TableComparatorContext) => ComparatorResult | Promise<ComparatorResult>;

/**
 * The comparators of one environment (env.ts's `comparators`), run after those
 * registered with `registerComparator`, each list in order.
 */
export interface EnvironmentComparators {
  /** Called once per comparison, with both schemas and the connection. */
  readonly schema?: readonly SchemaComparator[];
  /** Called once per table of either side. */
  readonly table?: readonly TableComparator[];
}
