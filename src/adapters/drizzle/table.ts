import type {
  CheckConstraint,
  Column,
  ForeignKey,
  ForeignKeyAction,
  Index,
  IndexElement,
  PrimaryKey,
  Table,
  UniqueConstraint,
} from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";
import { splitCollation } from "./collation.js";
import { serverDefaultOf } from "./defaults.js";
import { isKind, tableIdentity, type DrizzleColumn, type DrizzleIndex, type DrizzleTableConfig } from "./drizzle-shapes.js";
import type { DrizzleFlavor } from "./flavor.js";
import { policyFromDrizzle, sequenceOptionsFromDrizzle, type DrizzleSequenceOptions } from "./security.js";

const ACTIONS: ReadonlySet<string> = new Set(["cascade", "restrict", "set null", "set default", "no action"]);

function display(config: { name: string; schema?: string | undefined }): string {
  return config.schema !== undefined ? `${config.schema}.${config.name}` : config.name;
}

/**
 * A foreign key action as the catalogs read it back: NO ACTION is the default
 * everywhere and left out; on MySQL, RESTRICT is the same thing and left out too.
 */
function action(flavor: DrizzleFlavor, value: string | undefined): ForeignKeyAction | undefined {
  if (value === undefined) return undefined;
  const normal = value.toLowerCase();
  if (!ACTIONS.has(normal) || normal === "no action") return undefined;
  if (flavor.dialect === "mysql" && normal === "restrict") return undefined;
  return normal as ForeignKeyAction;
}

/** An indexed element: a column name, or an expression (an SQL fragment, or a PostgreSQL column with ordering or an operator class). */
function indexElement(flavor: DrizzleFlavor, element: unknown, table: string): IndexElement {
  if (isKind(element, "SQL")) return { expression: flavor.sql(element) };
  if (isKind(element, "IndexedColumn")) {
    // pg-core `t.col.desc().nullsFirst().op("text_ops")`.
    const indexed = element as { name?: string; keyAsName?: boolean; indexConfig?: { order?: string; nulls?: string; opClass?: string } };
    const name = flavor.columnName({ name: indexed.name ?? "", keyAsName: indexed.keyAsName } as DrizzleColumn);
    const config = indexed.indexConfig ?? {};
    const desc = config.order === "desc";
    const nulls = config.nulls ?? "last";
    // PostgreSQL sorts NULLs last ascending and first descending unless told.
    const defaultNulls = desc ? "first" : "last";
    const parts = [`"${name.replace(/"/g, '""')}"`];
    if (config.opClass) parts.push(config.opClass);
    if (desc) parts.push("DESC");
    if (nulls !== defaultNulls) parts.push(`NULLS ${nulls.toUpperCase()}`);
    return parts.length === 1 ? name : { expression: parts.join(" ") };
  }
  if (isKind(element, "Column")) return flavor.columnName(element as DrizzleColumn);
  throw new AthanorError(`An index of table "${table}" has an element that is neither a column nor an SQL expression`, {
    hint: "index columns with t.column or sql`...` fragments",
  });
}

function indexFrom(flavor: DrizzleFlavor, index: DrizzleIndex, table: string): Index {
  const config = index.config;
  const columns = config.columns.map((element) => indexElement(flavor, element, table));
  let name = config.name;
  if (name === undefined || name === "") {
    // drizzle-kit's name for an unnamed index.
    if (config.columns.some((element) => isKind(element, "SQL"))) {
      throw new AthanorError(`An index on an expression in table "${table}" has no name`, { hint: "give it one: index(\"name\").on(sql`...`)" });
    }
    const names = config.columns.map((element) => flavor.columnName(element as DrizzleColumn));
    name = `${table}_${names.join("_")}_index`;
  }
  const using = flavor.dialect === "postgresql" && config.method !== undefined && config.method !== "btree" ? config.method : undefined;
  // pg-core `.with({ fillfactor: 70 })`: storage parameters.
  const storage = flavor.dialect === "postgresql" && config.with !== undefined && Object.keys(config.with).length > 0 ? config.with : undefined;
  return {
    name,
    columns,
    unique: config.unique === true,
    ...(config.where !== undefined ? { where: flavor.sql(config.where) } : {}),
    ...(using !== undefined ? { using } : {}),
    ...(storage !== undefined ? { with: storage } : {}),
  };
}

/** MySQL's `.onUpdateNow()`: CURRENT_TIMESTAMP with the column's fractional-second precision (MySQL wants the two alike). */
function onUpdateNow(type: Column["type"]): string {
  const precision = type.kind === "timestamp" || type.kind === "time" ? type.precision : undefined;
  return precision ? `CURRENT_TIMESTAMP(${precision})` : "CURRENT_TIMESTAMP";
}

/**
 * The name drizzle makes for an unnamed foreign or primary key, with each
 * column's name as the casing writes it (as drizzle-kit names the key it
 * creates): `account_userId_user_id_fk` is `account_user_id_user_id_fk` under
 * snake_case.
 */
function casedName(generated: string, columns: readonly DrizzleColumn[], name: (column: DrizzleColumn) => string): string {
  let result = generated;
  for (const column of columns) result = result.replace(column.name, name(column));
  return result;
}

/** One drizzle table as a neutral table. */
export function tableFromDrizzle(flavor: DrizzleFlavor, drizzleTable: object): Table {
  const config: DrizzleTableConfig = flavor.getTableConfig(drizzleTable);
  const where = display(config);
  const name = (column: DrizzleColumn): string => flavor.columnName(column);

  // Primary key: column-level `.primaryKey()` or one `primaryKey({ columns })`.
  const columnKeys = config.columns.filter((c) => c.primary);
  if (config.primaryKeys.length > 1 || (config.primaryKeys.length === 1 && columnKeys.length > 0) || columnKeys.length > 1) {
    throw new AthanorError(`Table "${where}" declares more than one primary key`, {
      hint: "declare a composite key once with primaryKey({ columns: [...] }) and no column-level .primaryKey()",
    });
  }
  let primaryKey: PrimaryKey | undefined;
  const composite = config.primaryKeys[0];
  if (composite !== undefined) {
    // MySQL's primary key is always called PRIMARY; SQLite keeps a name only when one is written.
    const pkName =
      flavor.dialect === "postgresql" ? (composite.name ?? casedName(composite.getName(), composite.columns, name)) : flavor.dialect === "sqlite" && composite.name ? composite.name : undefined;
    primaryKey = { ...(pkName !== undefined ? { name: pkName } : {}), columns: composite.columns.map(name) };
  } else if (columnKeys.length === 1) {
    primaryKey = { columns: [name(columnKeys[0]!)] };
  }
  const keyColumns = new Set(primaryKey?.columns ?? []);

  const uniques: UniqueConstraint[] = [];
  const columns: Column[] = config.columns.map((column) => {
    const typed = flavor.columnType(column);
    // A custom type carrying COLLATE (or, on MySQL, CHARACTER SET alone) is a type and a collation.
    const split = splitCollation(typed.type, flavor.dialect === "mysql");
    const mapped = { ...typed, type: split.type };
    const columnName = name(column);
    const identity = column.generatedIdentity;
    const notNull =
      column.notNull ||
      mapped.notNull === true ||
      identity !== undefined ||
      (flavor.primaryKeyImpliesNotNull && keyColumns.has(columnName));
    const serverDefault = column.generated === undefined ? serverDefaultOf(flavor, column, mapped.type) : undefined;
    if (column.isUnique) {
      // pg-core `.unique(name, { nulls: "not distinct" })`.
      const nullsNotDistinct = column.uniqueType === "not distinct";
      uniques.push({ name: column.uniqueName ?? `${config.name}_${columnName}_unique`, columns: [columnName], ...(nullsNotDistinct ? { nullsNotDistinct } : {}) });
    }
    if (mapped.impliedUnique === true) uniques.push({ name: columnName, columns: [columnName] });
    // Sequence options as given; a start or increment of 1 is PostgreSQL's default, left out.
    const { start, increment, ...sequenceOptions } = sequenceOptionsFromDrizzle(identity?.sequenceOptions as DrizzleSequenceOptions | undefined);
    return {
      name: columnName,
      type: mapped.type,
      nullable: !notNull,
      ...(mapped.autoincrement === true ? { autoincrement: true } : {}),
      ...(identity !== undefined
        ? {
            identity: {
              always: identity.type === "always",
              ...(start !== undefined && String(start) !== "1" ? { start } : {}),
              ...(increment !== undefined && String(increment) !== "1" ? { increment } : {}),
              ...sequenceOptions,
            },
          }
        : {}),
      ...(serverDefault !== undefined ? { serverDefault } : {}),
      ...(split.collation !== undefined ? { collation: split.collation } : {}),
      ...(column["hasOnUpdateNow"] === true ? { onUpdate: onUpdateNow(mapped.type) } : {}),
      ...(column.generated !== undefined
        ? {
            computed: {
              sql: flavor.sql(column.generated.as),
              // PostgreSQL's generated columns are always stored; MySQL's and SQLite's are virtual unless told.
              stored: flavor.dialect === "postgresql" || column.generated.mode === "stored",
            },
          }
        : {}),
    };
  });

  for (const unique of config.uniqueConstraints) {
    uniques.push({ name: unique.getName(), columns: unique.columns.map(name), ...(unique.nullsNotDistinct === true ? { nullsNotDistinct: true } : {}) });
  }

  const foreignKeys: ForeignKey[] = config.foreignKeys.map((fk) => {
    const reference = fk.reference();
    const target = reference.foreignTable ?? reference.foreignColumns[0]?.table;
    if (target === undefined) throw new AthanorError(`A foreign key of table "${where}" names no referenced columns`);
    const ref = tableIdentity(target);
    const onDelete = action(flavor, fk.onDelete);
    const onUpdate = action(flavor, fk.onUpdate);
    return {
      name: reference.name ?? casedName(fk.getName(), [...reference.columns, ...reference.foreignColumns], name),
      columns: reference.columns.map(name),
      refTable: ref.name,
      ...(ref.schema !== undefined ? { refSchema: ref.schema } : {}),
      refColumns: reference.foreignColumns.map(name),
      ...(onDelete !== undefined ? { onDelete } : {}),
      ...(onUpdate !== undefined ? { onUpdate } : {}),
    };
  });

  const checks: CheckConstraint[] = config.checks.map((check) => ({ name: check.name, sql: flavor.sql(check.value) }));
  const indexes: Index[] = config.indexes.map((index) => indexFrom(flavor, index, config.name));
  if (flavor.dialect === "sqlite") {
    // SQLite enforces a unique constraint with a unique index, and drizzle-kit writes them as
    // CREATE UNIQUE INDEX: as indexes they match such databases, and adding one later needs
    // no table rebuild.
    indexes.push(...uniques.map((u) => ({ name: u.name!, columns: u.columns, unique: true })));
    uniques.length = 0;
  }

  return {
    name: config.name,
    ...(config.schema !== undefined ? { schema: config.schema } : {}),
    columns,
    ...(primaryKey !== undefined ? { primaryKey } : {}),
    foreignKeys,
    uniques,
    checks,
    indexes,
    ...(flavor.dialect === "postgresql" ? securityOf(flavor, config) : {}),
  };
}

/**
 * pg-core `.enableRLS()` and the table's policies (`pgTable(..., () => [pgPolicy(...)])`):
 * a table with policies has row-level security on, as drizzle-kit creates it.
 */
function securityOf(flavor: DrizzleFlavor, config: DrizzleTableConfig): Pick<Table, "rowLevelSecurity" | "policies"> {
  const extra = config as DrizzleTableConfig & { readonly enableRLS?: unknown; readonly policies?: readonly unknown[] };
  const policies = (extra.policies ?? []).map((p) => policyFromDrizzle(flavor, p, config.name));
  return {
    ...(extra.enableRLS === true || policies.length > 0 ? { rowLevelSecurity: { enabled: true } } : {}),
    ...(policies.length > 0 ? { policies } : {}),
  };
}
