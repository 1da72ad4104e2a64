import type { ColumnType, EnumType, SchemaModel, Sequence, Table, View } from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";
import { entityKinds, isPgEnum, tableIdentity, type DrizzlePgEnum } from "./drizzle-shapes.js";
import type { DrizzleDialectName, DrizzleFlavor } from "./flavor.js";
import { mysqlFlavor } from "./mysql.js";
import { postgresqlFlavor } from "./postgresql.js";
import type { DrizzleCasing } from "./render-sql.js";
import { sqliteFlavor } from "./sqlite.js";
import { tableFromDrizzle } from "./table.js";
import { dialectOfView, viewFromDrizzle } from "./views.js";
import { sortViews } from "../../schema/view.js";
import { reportedEntity, reportedOfTable } from "./not-modelled.js";
import { isPgPolicy, isPgSequence, linkedTable, policyFromDrizzle, sequenceFromDrizzle } from "./security.js";
import type { NotModelledObject } from "../../schema/not-modelled.js";

/**
 * A drizzle schema: a module namespace (`import * as schema from "./schema.js"`),
 * any object whose values are tables, enums, views, sequences, …, or a list of
 * them. Relations and helpers are passed over; a schema object the adapter does
 * not map (a `pgRole`) is reported as not compared.
 */
export type DrizzleSchemaInput = Readonly<Record<string, unknown>> | readonly unknown[];

/** Options of {@link fromDrizzle}. */
export interface FromDrizzleOptions {
  /**
   * Read only the tables of this database. Needed when the input holds tables
   * of several databases; otherwise the tables say which one it is.
   */
  readonly dialect?: DrizzleDialectName;
  /**
   * How drizzle names columns declared without a name, as in drizzle-kit's
   * config and `drizzle(..., { casing })`: `snake_case` turns `createdAt` into
   * `created_at`. Default: the property name as written.
   */
  readonly casing?: DrizzleCasing;
}

const TABLE_KINDS: Readonly<Record<string, DrizzleDialectName>> = {
  PgTable: "postgresql",
  MySqlTable: "mysql",
  SQLiteTable: "sqlite",
};

const FLAVORS: Readonly<Record<DrizzleDialectName, (casing: DrizzleCasing | undefined) => DrizzleFlavor>> = {
  postgresql: postgresqlFlavor,
  mysql: mysqlFlavor,
  sqlite: sqliteFlavor,
};

const IS_ALIAS = Symbol.for("drizzle:IsAlias");

function dialectOfTable(value: unknown): DrizzleDialectName | undefined {
  if (typeof value !== "object" || value === null || !entityKinds(value).includes("Table")) return undefined;
  // alias(table, "x") names the same table for queries: not a table of its own.
  if ((value as Record<symbol, unknown>)[IS_ALIAS] === true) return undefined;
  for (const kind of entityKinds(value)) {
    const dialect = TABLE_KINDS[kind];
    if (dialect !== undefined) return dialect;
  }
  return undefined;
}

function key(name: string, schema: string | undefined): string {
  return `${schema ?? ""}\u0000${name}`;
}

function display(name: string, schema: string | undefined): string {
  return schema !== undefined ? `${schema}.${name}` : name;
}

function collectEnumTypes(type: ColumnType, into: (e: EnumType) => void): void {
  if (type.kind === "enum") into({ name: type.name, values: type.values, ...(type.schema !== undefined ? { schema: type.schema } : {}) });
  else if (type.kind === "array") collectEnumTypes(type.of, into);
}

/**
 * Turn drizzle-orm table definitions (`pgTable`, `mysqlTable`, `sqliteTable`)
 * and PostgreSQL enums (`pgEnum`) into athanor's neutral schema model, the
 * `targetMetadata` autogenerate compares with the database.
 *
 * SQL fragments (defaults, generated columns, index expressions and
 * conditions, checks) are written without table qualifiers; JavaScript
 * defaults become SQL literals; `$defaultFn` / `$onUpdateFn` are left out
 * (they run in the application). drizzle-orm must be installed.
 *
 * @example
 * ```ts
 * // migrations/env.ts
 * import { defineEnvironment } from "athanor";
 * import { fromDrizzle } from "athanor/drizzle";
 * import * as schema from "../src/db/schema.js";
 *
 * export default defineEnvironment({ targetMetadata: fromDrizzle(schema) });
 * ```
 */
export function fromDrizzle(schema: DrizzleSchemaInput, options: FromDrizzleOptions = {}): SchemaModel {
  if (schema === null || typeof schema !== "object") {
    throw new AthanorError("fromDrizzle() takes a drizzle schema module or a list of tables", {
      hint: 'pass the module: import * as schema from "./schema.js"; fromDrizzle(schema)',
    });
  }
  if (options.dialect !== undefined && !Object.hasOwn(FLAVORS, options.dialect)) {
    throw new AthanorError(`fromDrizzle(): unknown dialect ${JSON.stringify(options.dialect)}`, { hint: 'use "postgresql", "mysql" or "sqlite"' });
  }
  if (options.casing !== undefined && options.casing !== "snake_case" && options.casing !== "camelCase") {
    throw new AthanorError(`fromDrizzle(): unknown casing ${JSON.stringify(options.casing)}`, { hint: 'use "snake_case" or "camelCase"' });
  }
  const values = Array.isArray(schema) ? [...(schema as readonly unknown[])] : Object.values(schema);

  const tables: object[] = [];
  const dialects = new Set<DrizzleDialectName>();
  const declaredEnums: DrizzlePgEnum[] = [];
  const notModelled: NotModelledObject[] = [];
  const sequences: Sequence[] = [];
  const linkedPolicies: unknown[] = [];
  const drizzleViews: { readonly dialect: DrizzleDialectName; readonly value: object }[] = [];
  const seen = new Set<unknown>();
  for (const value of values) {
    if (seen.has(value)) continue;
    seen.add(value);
    if (isPgEnum(value)) {
      if (options.dialect === undefined || options.dialect === "postgresql") declaredEnums.push(value);
      continue;
    }
    if (isPgSequence(value) && (options.dialect === undefined || options.dialect === "postgresql")) {
      sequences.push(sequenceFromDrizzle(value));
      continue;
    }
    if (isPgPolicy(value) && linkedTable(value) !== undefined) {
      linkedPolicies.push(value);
      continue;
    }
    const viewDialect = dialectOfView(value);
    if (viewDialect !== undefined) {
      if (options.dialect === undefined || options.dialect === viewDialect) drizzleViews.push({ dialect: viewDialect, value: value as object });
      continue;
    }
    const dialect = dialectOfTable(value);
    if (dialect === undefined) {
      // roles, standalone sequences, views, outside policies: said aloud as not compared
      const reported = reportedEntity(value);
      if (reported !== undefined) notModelled.push(reported);
      continue;
    }
    if (options.dialect !== undefined && dialect !== options.dialect) continue;
    dialects.add(dialect);
    tables.push(value as object);
  }

  if (dialects.size > 1) {
    throw new AthanorError(`The drizzle schema holds tables of several databases: ${[...dialects].join(", ")}`, {
      hint: 'say which to read: fromDrizzle(schema, { dialect: "postgresql" })',
    });
  }
  const dialect = options.dialect ?? [...dialects][0] ?? (declaredEnums.length > 0 || sequences.length > 0 ? "postgresql" : undefined);
  if (dialect === undefined || (tables.length === 0 && declaredEnums.length === 0)) {
    // An empty target would make autogenerate drop every table: refuse it.
    throw new AthanorError(
      `No drizzle ${options.dialect !== undefined ? `${options.dialect} ` : ""}tables found in the schema given to fromDrizzle()`,
      { hint: "pass the module that exports your pgTable/mysqlTable/sqliteTable definitions" },
    );
  }

  const flavor = FLAVORS[dialect](options.casing);
  const byName = new Map<string, Table>();
  for (const drizzleTable of tables) {
    const table = tableFromDrizzle(flavor, drizzleTable);
    const k = key(table.name, table.schema);
    if (byName.has(k)) {
      const { name, schema: tableSchema } = tableIdentity(drizzleTable);
      throw new AthanorError(`Two different drizzle tables are named "${display(name, tableSchema)}"`, {
        hint: "each table must be declared once; export the same object where it is needed",
      });
    }
    byName.set(k, table);
    notModelled.push(...reportedOfTable(flavor.getTableConfig(drizzleTable)));
  }

  const enums = new Map<string, EnumType>();
  const addEnum = (e: EnumType): void => {
    const k = key(e.name, e.schema);
    const existing = enums.get(k);
    if (existing === undefined) {
      enums.set(k, e);
    } else if (existing.values.length !== e.values.length || existing.values.some((v, i) => v !== e.values[i])) {
      throw new AthanorError(`The enum "${display(e.name, e.schema)}" is declared twice with different values`, {
        hint: "declare each pgEnum once and use it in every column",
      });
    }
  };
  if (flavor.dialect === "postgresql") {
    for (const declared of declaredEnums) {
      addEnum({ name: declared.enumName, values: [...declared.enumValues], ...(declared.schema !== undefined ? { schema: declared.schema } : {}) });
    }
    for (const table of byName.values()) for (const column of table.columns) collectEnumTypes(column.type, addEnum);
  }

  // Policies `.link()`ed to a table from outside it: the table's, with row-level security on, as drizzle-kit has it.
  for (const policy of linkedPolicies) {
    const target = linkedTable(policy)!;
    const { name, schema } = tableIdentity(target);
    const table = byName.get(key(name, schema));
    if (table === undefined) {
      throw new AthanorError(`The drizzle policy "${String((policy as { name?: unknown }).name)}" is linked to the table "${display(name, schema)}", which the schema does not export`, {
        hint: "export the table from the same schema module",
      });
    }
    const added = policyFromDrizzle(flavor, policy, name);
    byName.set(key(name, schema), { ...table, rowLevelSecurity: table.rowLevelSecurity ?? { enabled: true }, policies: [...(table.policies ?? []), added] });
  }

  const views: View[] = [];
  for (const declared of drizzleViews) {
    if (declared.dialect !== flavor.dialect) continue;
    const view = viewFromDrizzle(flavor, declared.value);
    // managed elsewhere: kept so it is never dropped, and listed as not compared
    if (view.existing === true) {
      const reported = reportedEntity(declared.value);
      if (reported !== undefined) notModelled.push(reported);
    }
    if (byName.has(key(view.name, view.schema)) || views.some((v) => v.name === view.name && v.schema === view.schema)) {
      throw new AthanorError(`The drizzle view "${display(view.name, view.schema)}" has the name of another table or view`, { hint: "give each view its own name" });
    }
    views.push(view);
  }

  return {
    ...(views.length === 0 ? {} : { views: sortViews(views) }),
    tables: [...byName.values()],
    enums: [...enums.values()],
    ...(sequences.length === 0 || flavor.dialect !== "postgresql" ? {} : { sequences }),
    ...(notModelled.length === 0 ? {} : { notModelled }),
  };
}
