import type { DrizzleTableConfig, DrizzleColumn } from "./drizzle-shapes.js";
import { entityKinds } from "./drizzle-shapes.js";
import { loadDrizzle } from "./load.js";

/** The column naming drizzle applies to columns declared without a name (`casing` of drizzle-kit and `drizzle()`). */
export type DrizzleCasing = "snake_case" | "camelCase";

interface DrizzleRoot {
  readonly SQL: new (chunks: unknown[]) => { inlineParams(): unknown };
}

interface DrizzleCasingModule {
  toSnakeCase(input: string): string;
  toCamelCase(input: string): string;
}

/** A drizzle dialect object: `new PgDialect({ casing })` etc. */
export interface DrizzleSqlDialect {
  sqlToQuery(sql: unknown, invokeSource?: "indexes"): { readonly sql: string };
}

/** The pieces every flavor takes from drizzle-orm. */
export interface DrizzleCore {
  getTableConfig(table: object): DrizzleTableConfig;
  /** SQL fragment → text without table qualifiers, parameters inlined. */
  sql(fragment: unknown): string;
  columnName(column: DrizzleColumn): string;
  /** A view's configuration (`getViewConfig`, `getMaterializedViewConfig`): name, schema, query, options. */
  viewConfig(view: object): Readonly<Record<string, unknown>>;
  /** A whole query (a view's) as this dialect writes it, parameters inlined. */
  query(sql: unknown): string;
}

/**
 * Load one drizzle dialect module (`drizzle-orm/pg-core`, ...) and build the
 * helpers the flavors share.
 */
export function loadCore(
  specifier: string,
  dialectClass: string,
  casing: DrizzleCasing | undefined,
): DrizzleCore {
  const core = loadDrizzle<Record<string, unknown>>(specifier);
  const root = loadDrizzle<DrizzleRoot>("drizzle-orm");
  const DialectClass = core[dialectClass] as new (config?: { casing?: DrizzleCasing }) => DrizzleSqlDialect;
  const getTableConfig = core["getTableConfig"] as (table: object) => DrizzleTableConfig;
  const dialect = new DialectClass(casing === undefined ? {} : { casing });
  const convert = casing === undefined ? undefined : loadDrizzle<DrizzleCasingModule>("drizzle-orm/casing")[casing === "snake_case" ? "toSnakeCase" : "toCamelCase"];
  return {
    getTableConfig,
    sql(fragment: unknown): string {
      const value = typeof fragment === "function" ? (fragment as () => unknown)() : fragment;
      if (typeof value === "string") return value;
      const wrapped = new root.SQL([value]).inlineParams();
      return dialect.sqlToQuery(wrapped, "indexes").sql;
    },
    columnName(column: DrizzleColumn): string {
      return convert !== undefined && column.keyAsName === true ? convert(column.name) : column.name;
    },
    viewConfig(view: object): Readonly<Record<string, unknown>> {
      const materialized = entityKinds(view).includes("PgMaterializedView");
      const read = core[materialized ? "getMaterializedViewConfig" : "getViewConfig"] as (view: object) => Record<string, unknown>;
      return read(view);
    },
    query(sql: unknown): string {
      return dialect.sqlToQuery(sql).sql;
    },
  };
}
