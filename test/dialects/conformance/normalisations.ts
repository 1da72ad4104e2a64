/**
 * What a database may change between a model it creates and the model its
 * reflection reads back. Each rule follows from what the dialect declares in
 * its comparison rules (`dialect.compare`), so a new database is held to what
 * it says of itself, not to a list kept here:
 *
 * - `primaryKeyNames: false`: primary keys read back without their name (MySQL names each `PRIMARY`);
 * - `comments: false`: table and column comments are not kept;
 * - `uniqueIndexIsConstraint`: a unique index over plain columns reads back as a unique constraint;
 * - server defaults and CHECK conditions are compared in the spelling autogenerate compares them in
 *   (`defaultKey`, `expressionKey`): `'x'::text` and `'x'` are one default on PostgreSQL;
 * - table options (MySQL's engine and charset) are the database's own and left out;
 * - indexes and unique constraints are compared by name, in any order.
 */
import { defaultKey, expressionKey } from "../../../src/autogenerate/compare/index.js";
import type { Dialect } from "../../../src/dialects/contract/index.js";
import type { Column, Index, Table, UniqueConstraint } from "../../../src/schema/model.js";

function byName<T extends { readonly name?: string | undefined }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => ((a.name ?? "") < (b.name ?? "") ? -1 : (a.name ?? "") > (b.name ?? "") ? 1 : 0));
}

function column(c: Column, dialect: Dialect): Record<string, unknown> {
  const rules = dialect.compare!;
  const { serverDefault, comment, ...rest } = c;
  return {
    ...rest,
    ...(serverDefault === undefined ? {} : { serverDefault: defaultKey(serverDefault, c, dialect) }),
    ...(comment === undefined || !rules.comments ? {} : { comment }),
  };
}

/** Columns in the form both sides are compared in (see the rules above). */
export function comparableColumns(columns: readonly Column[], dialect: Dialect): Record<string, unknown>[] {
  return columns.map((c) => column(c, dialect));
}

/** The table in the form both sides are compared in (see the rules above). */
export function comparable(table: Table, dialect: Dialect): Record<string, unknown> {
  const rules = dialect.compare!;
  let indexes: Index[] = [...table.indexes];
  let uniques: UniqueConstraint[] = [...table.uniques];
  if (rules.uniqueIndexIsConstraint) {
    const plain = indexes.filter((i) => i.unique && i.where === undefined && i.columns.every((c) => typeof c === "string"));
    indexes = indexes.filter((i) => !plain.includes(i));
    uniques = [...uniques, ...plain.map((i) => ({ name: i.name, columns: i.columns as string[] }))];
  }
  const { comment, primaryKey, ...rest } = table as Table & Record<string, unknown>;
  // options for particular databases (MySQL's engine and charset) are the database's own
  delete rest["options"];
  delete rest["dialectOptions"];
  return {
    ...rest,
    columns: table.columns.map((c) => column(c, dialect)),
    ...(primaryKey === undefined ? {} : { primaryKey: rules.primaryKeyNames ? primaryKey : { columns: primaryKey.columns } }),
    ...(comment === undefined || !rules.comments ? {} : { comment }),
    checks: byName(table.checks).map((c) => ({ ...c, sql: expressionKey(c.sql, dialect) })),
    indexes: byName(indexes).map((i) => ({ ...i, ...(i.where === undefined ? {} : { where: expressionKey(i.where, dialect) }) })),
    uniques: byName(uniques),
    foreignKeys: byName(table.foreignKeys),
  };
}
