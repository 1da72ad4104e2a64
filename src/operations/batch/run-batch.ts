import type { ForeignKey, Table } from "../../schema/model.js";
import { conventionalName } from "../../schema/naming.js";
import type { NamingConvention } from "../../schema/naming.js";
import { AthanorError } from "../../util/errors.js";
import { namingConventionOf } from "../naming.js";
import type { OperationContext } from "../operation-context.js";
import { operation } from "../operation.js";
import type { Constraint, SchemaOperation } from "../../dialects/contract/index.js";
import { applyBatch } from "./apply-to-table.js";
import type { BatchPlan } from "./apply-to-table.js";
import { BatchOperations } from "./batch-operations.js";
import type { BatchSupport } from "../../dialects/contract/index.js";

/** Options of `op.batchAlterTable`. */
export interface BatchAlterTableOptions {
  /**
   * `"auto"` (default): move and copy only where the database needs it (SQLite,
   * for anything but adding columns and indexes); `"always"`: move and copy on
   * every database; `"never"`: plain ALTER statements.
   */
  readonly recreate?: "auto" | "always" | "never";
  /** The table as it is, instead of reading it from the database (required offline when recreating). */
  readonly copyFrom?: Table;
  /** Names for the table's unnamed constraints (SQLite reflects foreign keys and uniques without names), so they can be dropped by name. */
  readonly namingConvention?: NamingConvention;
  readonly schema?: string;
}

/** The name of the table a batch copies into. */
export function temporaryTableName(table: string): string {
  return `_athanor_tmp_${table}`.slice(0, 60);
}

/**
 * Run `op.batchAlterTable`: collect the operations the callback queues, then
 * apply them as ALTER statements or by move and copy.
 */
export async function runBatch(
  context: OperationContext,
  table: string,
  build: (batch: BatchOperations) => void | Promise<void>,
  options: BatchAlterTableOptions,
): Promise<void> {
  const recreateOption = options.recreate ?? "auto";
  if (!["auto", "always", "never"].includes(recreateOption)) {
    throw new AthanorError(`batchAlterTable("${table}"): recreate must be "auto", "always" or "never", not ${JSON.stringify(options.recreate)}`);
  }
  const convention = { ...namingConventionOf(context.targetMetadata), ...(options.namingConvention ?? {}) };
  const batch = new BatchOperations(table, options.schema, convention);
  await build(batch);
  const items = batch.items;
  const dialect = context.connection.dialect;
  const support = dialect.batch;
  const schemaOperations = items.flatMap((i) => (i.operation.kind === "execute" || i.operation.kind === "moveColumn" ? [] : [i.operation as SchemaOperation]));
  const recreate = recreateOption === "always" || (recreateOption === "auto" && support.requiresRecreate(schemaOperations));

  if (!recreate) {
    if (items.some((i) => i.position !== undefined)) {
      throw new AthanorError(`batchAlterTable("${table}"): insertBefore/insertAfter need the table to be recreated`, { hint: 'pass { recreate: "always" }' });
    }
    for (const { operation } of items) {
      if (operation.kind === "execute") await context.execute(operation.sql, operation.params);
      else if (operation.kind !== "moveColumn") await context.run(operation);
    }
    return;
  }

  // Move and copy reads and changes the table through the connection: nothing may still be held back.
  await context.flush?.();
  let existing = options.copyFrom;
  if (existing === undefined) {
    if (context.isOffline) {
      throw new AthanorError(
        `batchAlterTable("${table}") must recreate the table, which needs its definition, and --sql has no database to read it from`,
        { hint: "pass the table as it is in copyFrom (a Table, e.g. from your schema declaration)" },
      );
    }
    const model = await dialect.reflect(context.connection, { schemas: [options.schema ?? null], tables: [table] });
    existing = model.tables.find((t) => t.name === table);
    if (existing === undefined) throw new AthanorError(`batchAlterTable("${table}"): no such table${options.schema ? ` in schema ${options.schema}` : ""}`);
  }
  existing = nameUnnamed(existing, convention);
  const plan = applyBatch(existing, items, { quoteIdentifier: (name) => dialect.quoteIdentifier(name) });
  await moveAndCopy(context, existing, plan, support);
  for (const statement of plan.after) await context.execute(statement.sql, statement.params);
}

/** Give the unnamed constraints of a table the names the convention gives (those it can name). */
export function nameUnnamed(table: Table, convention: NamingConvention): Table {
  const name = (kind: "pk" | "uq" | "ck" | "fk", columns: readonly string[], extra: { refTable?: string; refColumns?: readonly string[] } = {}): string | undefined => {
    try {
      return conventionalName(convention, { kind, table: table.name, columns, ...extra });
    } catch {
      return undefined; // the convention needs a name of its own (%(constraint_name)s): leave it unnamed
    }
  };
  const withName = <T extends { readonly name?: string }>(c: T, given: string | undefined): T => (c.name !== undefined || given === undefined ? c : { ...c, name: given });
  return {
    ...table,
    ...(table.primaryKey ? { primaryKey: withName(table.primaryKey, name("pk", table.primaryKey.columns)) } : {}),
    foreignKeys: table.foreignKeys.map((c) => withName(c, name("fk", c.columns, { refTable: c.refTable, refColumns: c.refColumns }))),
    uniques: table.uniques.map((c) => withName(c, name("uq", c.columns))),
    checks: table.checks.map((c) => withName(c, name("ck", []))),
  };
}

interface Referencing {
  readonly table: string;
  readonly schema?: string;
  readonly foreignKey: ForeignKey;
}

/** Foreign keys of other tables pointing at `table`. */
async function referencingForeignKeys(context: OperationContext, table: Table): Promise<Referencing[]> {
  const dialect = context.connection.dialect;
  if (context.isOffline) return [];
  const model = await dialect.reflect(context.connection, { schemas: [table.schema ?? null] });
  const found: Referencing[] = [];
  for (const other of model.tables) {
    if (other.name === table.name && other.schema === table.schema) continue;
    for (const fk of other.foreignKeys) {
      if (fk.refTable === table.name && (fk.refSchema ?? other.schema) === table.schema) {
        found.push({ table: other.name, ...(other.schema === undefined ? {} : { schema: other.schema }), foreignKey: fk });
      }
    }
  }
  return found;
}

/**
 * Move and copy: create the new table under a temporary name, copy every row
 * (renamed columns mapped, CAST where the type changed), drop the old table,
 * rename the new one, create its indexes. Names the schema holds once are freed
 * first, and foreign keys of other tables are dropped and created again where
 * the database does not keep them by name.
 */
async function moveAndCopy(context: OperationContext, existing: Table, plan: BatchPlan, support: BatchSupport): Promise<void> {
  const connection = context.connection;
  const dialect = connection.dialect;
  const name = existing.name;
  const schema = existing.schema;
  const at = schema === undefined ? {} : { schema };
  const tmpName = temporaryTableName(name);
  const keepsReferences = support.referencesSurviveRecreate === true;

  const referencing = keepsReferences ? [] : await referencingForeignKeys(context, existing);
  for (const r of referencing) {
    if (r.foreignKey.name === undefined) continue;
    await context.run(operation("dropConstraint", { table: r.table, schema: r.schema, name: r.foreignKey.name, type: "foreignkey" }));
  }
  const wide = new Set(support.schemaWideConstraintNames ?? []);
  const freeing: Constraint[] = [
    ...(wide.has("foreignkey") ? existing.foreignKeys.map((c) => ({ type: "foreignkey" as const, ...c })) : []),
    ...(wide.has("check") ? existing.checks.map((c) => ({ type: "check" as const, ...c })) : []),
    ...(wide.has("unique") ? existing.uniques.map((c) => ({ type: "unique" as const, ...c })) : []),
    ...(wide.has("primary") && existing.primaryKey ? [{ type: "primary" as const, ...existing.primaryKey }] : []),
  ];
  for (const c of freeing) {
    if (c.name !== undefined) await context.run(operation("dropConstraint", { table: name, ...at, name: c.name, type: c.type }));
  }

  // A foreign key of the table to itself points at the copy where references
  // follow the table (by identity), and keeps the name where they go by name.
  const foreignKeys = plan.table.foreignKeys.map((fk) =>
    !keepsReferences && fk.refTable === name && (fk.refSchema ?? schema) === schema ? { ...fk, refTable: tmpName } : fk,
  );
  // Row-level security and policies come back after the copy: on the copy they would filter the rows copied in.
  const { rowLevelSecurity, policies, ...unsecured } = plan.table;
  const tmpTable: Table = { ...unsecured, name: tmpName, foreignKeys, indexes: [] };
  const ddl = dialect.ddl;
  // Generated columns compute their own values; every other kept column is copied.
  const copied = plan.sources.filter((s) => s.from !== undefined && s.column.computed === undefined);
  // Offline, a hook may write what the script's session needs around the copy;
  // its afterCopy runs only when it returned something to undo.
  const token = await support.beforeCopy?.(connection, { offline: context.isOffline, table: { name, ...at } });
  const hooks = context.isOffline && token === undefined ? undefined : support;
  let failed = true;
  let created = false;
  let dropped = false;
  try {
    await context.run(operation("createTable", { table: tmpTable }));
    created = true;
    // A table forcing row-level security hides rows from its owner too: the copy must read them all.
    const forced = existing.rowLevelSecurity;
    if (forced?.force === true) {
      await context.run(operation("rowLevelSecurity", { table: name, ...at, enabled: forced.enabled, force: false, existing: { enabled: forced.enabled, force: true } }));
    }
    if (copied.length > 0) {
      const target = copied.map((s) => dialect.quoteIdentifier(s.column.name)).join(", ");
      const select = copied
        .map((s) => {
          const source = dialect.quoteIdentifier(s.from!);
          const newType = ddl.renderType(s.column.type);
          const oldType = s.fromType === undefined ? undefined : ddl.renderType(s.fromType);
          return s.typeChanged && newType !== oldType ? `CAST(${source} AS ${newType})` : source;
        })
        .join(", ");
      const override = support.copyOverride?.(plan.table);
      await context.execute(
        `INSERT INTO ${dialect.quoteTable(tmpName, schema)} (${target}) ${override ? `${override} ` : ""}SELECT ${select} FROM ${dialect.quoteTable(name, schema)}`,
      );
    }
    await context.run(operation("dropTable", { name, ...at }));
    dropped = true;
    await context.run(operation("renameTable", { name: tmpName, newName: name, ...at }));
    for (const index of plan.table.indexes) await context.run(operation("createIndex", { table: name, ...at, index }));
    if (rowLevelSecurity !== undefined && (rowLevelSecurity.enabled || rowLevelSecurity.force === true)) {
      await context.run(operation("rowLevelSecurity", { table: name, ...at, enabled: rowLevelSecurity.enabled, force: rowLevelSecurity.force === true, existing: { enabled: false, force: false } }));
    }
    for (const policy of policies ?? []) await context.run(operation("createPolicy", { table: name, ...at, policy }));
    failed = false;
  } catch (error) {
    // Where DDL is not transactional the copy stays behind; remove it.
    if (created && !dropped && !dialect.transactionalDdl && !context.isOffline) {
      await context.run(operation("dropTable", { name: tmpName, ...at })).catch(() => undefined);
    }
    throw error;
  } finally {
    await hooks?.afterCopy?.(connection, { name, ...at }, token, failed);
  }

  const renamed = new Map<string, string>();
  for (const s of plan.sources) if (s.from !== undefined && s.from !== s.column.name) renamed.set(s.from, s.column.name);
  for (const r of referencing) {
    const fk = r.foreignKey;
    const refColumns = fk.refColumns.map((c) => renamed.get(c) ?? c);
    if (!refColumns.every((c) => plan.table.columns.some((col) => col.name === c))) {
      throw new AthanorError(`batchAlterTable("${name}"): the foreign key ${fk.name ?? ""} of "${r.table}" refers to a column the table no longer has`, {
        hint: "drop that foreign key before the batch",
      });
    }
    await context.run(operation("addConstraint", { table: r.table, schema: r.schema, constraint: { type: "foreignkey", ...fk, refColumns } }));
  }
}
