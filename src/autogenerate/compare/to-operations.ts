import type { SchemaOperation } from "../../dialects/contract/index.js";
import type { Table } from "../../schema/model.js";
import { sortByDependency } from "../../schema/metadata.js";
import type { View } from "../../schema/model.js";
import { sortViews } from "../../schema/view.js";
import type { SchemaDiff } from "./types.js";

function tableId(name: string, schema: string | undefined): string {
  return `${schema ?? ""}\u0000${name}`;
}

function where(schema: string | undefined): { schema?: string } {
  return schema === undefined ? {} : { schema };
}

/** Where a per-table change goes among the changes of its table. */
const TABLE_STEP: Readonly<Record<string, number>> = {
  renameColumn: 0,
  removeIndex: 1,
  removeConstraint: 2,
  addColumn: 3,
  modifyColumn: 4,
  removeColumn: 5,
  addPrimaryKey: 6,
  addConstraint: 7,
  addIndex: 8,
  tableComment: 9,
  // Before the columns: a column whose collation goes back to the table's default takes the new default.
  tableOptions: 0.5,
  // A policy may name a column that changes: dropped first, created after the columns and indexes.
  removePolicy: -1,
  addPolicy: 8.5,
  rowLevelSecurity: 9.5,
};

function tableChange(diff: SchemaDiff): SchemaOperation | undefined {
  switch (diff.kind) {
    case "renameColumn":
      return {
        kind: "alterColumn",
        table: diff.table,
        ...where(diff.schema),
        name: diff.from,
        changes: { newName: diff.to },
        // MySQL's CHANGE restates the whole column.
        existing: {
          type: diff.column.type,
          nullable: diff.column.nullable,
          serverDefault: diff.column.serverDefault ?? null,
          comment: diff.column.comment ?? null,
          ...(diff.column.autoincrement === true ? { autoincrement: true } : {}),
          collation: diff.column.collation ?? null,
          ...(diff.column.onUpdate !== undefined ? { onUpdate: diff.column.onUpdate } : {}),
          ...(diff.column.computed !== undefined ? { computed: diff.column.computed } : {}),
        },
      };
    case "addColumn":
      return { kind: "addColumn", table: diff.table, ...where(diff.schema), column: diff.column };
    case "removeColumn":
      return { kind: "dropColumn", table: diff.table, ...where(diff.schema), name: diff.column.name, column: diff.column };
    case "modifyColumn":
      return { kind: "alterColumn", table: diff.table, ...where(diff.schema), name: diff.column, changes: diff.changes, existing: diff.existing };
    case "addIndex":
      return { kind: "createIndex", table: diff.table, ...where(diff.schema), index: diff.index };
    case "removeIndex":
      return { kind: "dropIndex", name: diff.index.name, table: diff.table, ...where(diff.schema), index: diff.index };
    case "addConstraint":
      return { kind: "addConstraint", table: diff.table, ...where(diff.schema), constraint: diff.constraint };
    case "removeConstraint":
      return {
        kind: "dropConstraint",
        table: diff.table,
        ...where(diff.schema),
        name: diff.constraint.name,
        type: diff.constraint.type,
        constraint: diff.constraint,
      };
    case "tableComment":
      return { kind: "tableComment", table: diff.table, ...where(diff.schema), comment: diff.comment, existingComment: diff.existing };
    case "addPolicy":
      return { kind: "createPolicy", table: diff.table, ...where(diff.schema), policy: diff.policy };
    case "removePolicy":
      return { kind: "dropPolicy", table: diff.table, ...where(diff.schema), name: diff.policy.name, policy: diff.policy };
    case "rowLevelSecurity":
      return { kind: "rowLevelSecurity", table: diff.table, ...where(diff.schema), enabled: diff.enabled, force: diff.force, existing: diff.existing };
    case "tableOptions":
      return { kind: "alterTableOptions", table: diff.table, ...where(diff.schema), options: diff.options, existing: diff.existing };
    default:
      return undefined;
  }
}

function stepOf(diff: SchemaDiff): number {
  if (diff.kind === "addConstraint" && diff.constraint.type === "primary") return TABLE_STEP["addPrimaryKey"]!;
  return TABLE_STEP[diff.kind] ?? 99;
}

/**
 * The removal of a table's primary key that a new primary key replaces, when
 * it can wait until just before the new key: MySQL refuses `DROP PRIMARY KEY`
 * alone on a table with an AUTO_INCREMENT column, and runs the drop and the
 * add as one statement only when they are adjacent (DdlCompiler.compileTogether).
 * Undefined when a column of the old key is dropped or altered in between,
 * which needs the key gone first.
 */
function replacedPrimaryKey(group: readonly SchemaDiff[]): SchemaDiff | undefined {
  const drop = group.find((d) => d.kind === "removeConstraint" && d.constraint.type === "primary");
  const adds = group.some((d) => d.kind === "addConstraint" && d.constraint.type === "primary");
  if (drop === undefined || drop.kind !== "removeConstraint" || drop.constraint.type !== "primary" || !adds) return undefined;
  const keyColumns = new Set(drop.constraint.columns);
  for (const d of group) if (d.kind === "renameColumn" && keyColumns.has(d.from)) keyColumns.add(d.to);
  const touched = group.some(
    (d) => (d.kind === "removeColumn" && keyColumns.has(d.column.name)) || (d.kind === "modifyColumn" && keyColumns.has(d.column)),
  );
  return touched ? undefined : drop;
}

/** Options of {@link diffsToOperations}. */
export interface DiffsToOperationsOptions {
  /**
   * The database accepts a foreign key to a table that does not exist yet and
   * cannot add one to a table without copying it (SQLite): a new table keeps
   * every key in its CREATE TABLE, whatever the order, instead of having a
   * key that closes a cycle added afterwards.
   */
  readonly forwardReferences?: boolean;
}

/**
 * The operations of an upgrade that applies `diffs`, in an order every
 * database accepts: enum types and values; views dropped (those reading
 * others first: removed ones, and those created again around a change to what
 * they read); table renames; foreign keys that go away; new tables (referenced ones first; a key that closes a cycle is added
 * after its tables, unless `forwardReferences`); per table: column renames, dropped indexes and
 * constraints, added, altered and dropped columns, new keys (a primary key
 * replaced is dropped just before its successor), constraints,
 * indexes and the comment; new foreign keys; views created and replaced (each
 * after those it reads); dropped tables (referencing ones first); dropped enum types. The downgrade is `reverseOperations(upgrade)`:
 * each operation's reverse, last to first.
 *
 * @example
 * ```ts
 * const upgrade = diffsToOperations(compareSchemas(declared, reflected, { dialect }));
 * const downgrade = reverseOperations(upgrade);
 * ```
 */
export function diffsToOperations(diffs: readonly SchemaDiff[], options: DiffsToOperationsOptions = {}): SchemaOperation[] {
  const enums: SchemaOperation[] = [];
  const renames: SchemaOperation[] = [];
  const droppedKeys: SchemaOperation[] = [];
  const created: SchemaOperation[] = [];
  const perTable = new Map<string, SchemaDiff[]>();
  const addedKeys: SchemaOperation[] = [];
  const removedTables: Table[] = [];
  const droppedEnums: SchemaOperation[] = [];
  const sequencesFirst: SchemaOperation[] = [];
  const sequencesOwned: SchemaOperation[] = [];
  const sequencesAltered: SchemaOperation[] = [];
  const sequenceDropsFirst: SchemaOperation[] = [];
  const sequenceDropsLast: SchemaOperation[] = [];
  const addedTables: Table[] = [];
  const viewsDropped: View[] = [];
  const viewsCreated: { readonly view: View; readonly existing?: View }[] = [];

  for (const diff of diffs) {
    switch (diff.kind) {
      case "operation":
        // a comparator's own operation (registerComparator): the caller appends it after these
        break;
      case "addEnum":
        enums.push({ kind: "createEnum", enum: diff.enum });
        break;
      case "renameEnumValue":
        enums.push({ kind: "renameEnumValue", name: diff.name, ...where(diff.schema), from: diff.from, to: diff.to });
        break;
      case "addEnumValue":
        enums.push({
          kind: "addEnumValue",
          name: diff.name,
          ...where(diff.schema),
          value: diff.value,
          ...(diff.before === undefined ? {} : { before: diff.before }),
          ...(diff.after === undefined ? {} : { after: diff.after }),
        });
        break;
      case "removeEnum":
        droppedEnums.push({ kind: "dropEnum", name: diff.enum.name, ...where(diff.enum.schema), enum: diff.enum });
        break;
      case "renameTable":
        renames.push({ kind: "renameTable", name: diff.from, newName: diff.to, ...where(diff.schema) });
        break;
      case "addTable":
        addedTables.push(diff.table);
        break;
      case "removeTable":
        removedTables.push(diff.table);
        break;
      case "addView":
        viewsCreated.push({ view: diff.view });
        break;
      case "addSequence":
        (diff.sequence.ownedBy === undefined ? sequencesFirst : sequencesOwned).push({ kind: "createSequence", sequence: diff.sequence });
        break;
      case "removeSequence": {
        const drop: SchemaOperation = { kind: "dropSequence", name: diff.sequence.name, ...where(diff.sequence.schema), sequence: diff.sequence };
        (diff.sequence.ownedBy === undefined ? sequenceDropsLast : sequenceDropsFirst).push(drop);
        break;
      }
      case "alterSequence":
        sequencesAltered.push({ kind: "alterSequence", name: diff.name, ...where(diff.schema), changes: diff.changes, existing: diff.existing });
        break;
      case "removeView":
        viewsDropped.push(diff.view);
        break;
      case "replaceView":
        if (diff.aroundTables === true) {
          viewsDropped.push(diff.existing);
          viewsCreated.push({ view: diff.view });
        } else viewsCreated.push({ view: diff.view, existing: diff.existing });
        break;
      case "rebuildView":
        viewsDropped.push(diff.existing);
        viewsCreated.push({ view: diff.view });
        break;
      default: {
        if (diff.kind === "removeConstraint" && diff.constraint.type === "foreignkey") {
          droppedKeys.push(tableChange(diff)!);
        } else if (diff.kind === "addConstraint" && diff.constraint.type === "foreignkey") {
          addedKeys.push(tableChange(diff)!);
        } else {
          const id = tableId(diff.table, diff.schema);
          perTable.set(id, [...(perTable.get(id) ?? []), diff]);
        }
      }
    }
  }

  // New tables, referenced ones first; a reference to a new table not created yet is added afterwards.
  const ready = new Set<string>();
  const createdPolicies: SchemaOperation[] = [];
  const newIds = new Set(addedTables.map((t) => tableId(t.name, t.schema)));
  const deferredKeys: SchemaOperation[] = [];
  for (const table of sortByDependency(addedTables)) {
    const own = tableId(table.name, table.schema);
    const later = table.foreignKeys.filter((fk) => {
      const target = tableId(fk.refTable, fk.refSchema ?? table.schema);
      const targetNoSchema = tableId(fk.refTable, fk.refSchema);
      return options.forwardReferences !== true && target !== own && (newIds.has(target) || newIds.has(targetNoSchema)) && !ready.has(target) && !ready.has(targetNoSchema);
    });
    const createdTable = later.length === 0 ? table : { ...table, foreignKeys: table.foreignKeys.filter((fk) => !later.includes(fk)) };
    // Policies are created once every new table is there: a condition may read another one.
    const { policies, ...withoutPolicies } = createdTable;
    created.push({ kind: "createTable", table: policies === undefined ? createdTable : withoutPolicies });
    for (const policy of policies ?? []) createdPolicies.push({ kind: "createPolicy", table: table.name, ...where(table.schema), policy });
    for (const fk of later) {
      deferredKeys.push({ kind: "addConstraint", table: table.name, ...where(table.schema), constraint: { type: "foreignkey", ...fk } });
    }
    ready.add(own);
  }

  const changes: SchemaOperation[] = [];
  for (const group of perTable.values()) {
    const keyDrop = replacedPrimaryKey(group);
    const step = (diff: SchemaDiff): number => (diff === keyDrop ? TABLE_STEP["addPrimaryKey"]! - 0.5 : stepOf(diff));
    const ordered = group.map((diff, i) => ({ diff, i })).sort((a, b) => step(a.diff) - step(b.diff) || a.i - b.i);
    for (const { diff } of ordered) {
      const op = tableChange(diff);
      if (op) changes.push(op);
    }
  }

  // Dropped tables: those referencing others first. In a cycle, a reference to a table
  // dropped earlier is dropped beforehand, and the dropped table is remembered without it.
  const dropOrder = sortByDependency(removedTables).reverse();
  const dropsAt = new Map(dropOrder.map((t, i) => [tableId(t.name, t.schema), i]));
  const drops: SchemaOperation[] = dropOrder.map((table, i) => {
    const cyclic = table.foreignKeys.filter((fk) => {
      const at = dropsAt.get(tableId(fk.refTable, fk.refSchema ?? table.schema)) ?? dropsAt.get(tableId(fk.refTable, fk.refSchema));
      // The referenced table is dropped before this one: the reference would stop that drop.
      return at !== undefined && at < i;
    });
    for (const fk of cyclic) {
      if (fk.name === undefined) continue;
      droppedKeys.push({ kind: "dropConstraint", table: table.name, ...where(table.schema), name: fk.name, type: "foreignkey", constraint: { type: "foreignkey", ...fk } });
    }
    const kept = cyclic.length === 0 ? table : { ...table, foreignKeys: table.foreignKeys.filter((fk) => !cyclic.includes(fk) || fk.name === undefined) };
    return { kind: "dropTable" as const, name: table.name, ...where(table.schema), table: kept };
  });

  // Views: dropped (those reading others first) before any table changes; created and replaced after them, each after what it reads.
  const viewDrops: SchemaOperation[] = sortViews(viewsDropped)
    .reverse()
    .map((view) => ({ kind: "dropView", name: view.name, ...where(view.schema), ...(view.materialized === true ? { materialized: true } : {}), view }));
  const createdViews = new Map(viewsCreated.map((entry) => [entry.view, entry]));
  const viewCreates: SchemaOperation[] = sortViews(viewsCreated.map((entry) => entry.view)).map((view) => {
    const existing = createdViews.get(view)?.existing;
    return existing === undefined ? { kind: "createView", view } : { kind: "replaceView", view, existing };
  });

  // Sequences: created before the tables that may draw from them (after them when owned by a column), dropped after
  // the tables that drew from them (before them when owned by a column, which would take them along).
  return [
    ...enums,
    ...sequencesFirst,
    ...viewDrops,
    ...renames,
    ...droppedKeys,
    ...created,
    ...sequencesOwned,
    ...changes,
    ...deferredKeys,
    ...addedKeys,
    ...sequencesAltered,
    ...viewCreates,
    ...createdPolicies,
    ...sequenceDropsFirst,
    ...drops,
    ...sequenceDropsLast,
    ...droppedEnums,
  ];
}
