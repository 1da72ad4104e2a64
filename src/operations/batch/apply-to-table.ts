import type { CheckConstraint, Column, ExcludeConstraint, ForeignKey, Index, PrimaryKey, Table, UniqueConstraint } from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";
import type { ExecuteSql } from "../operation.js";
import type { BatchItem, ColumnPosition } from "./batch-operations.js";
import { renameColumnInSql } from "./rename-in-sql.js";
import { unnamedCheckName, unnamedUniqueName } from "../naming.js";

/** One column of the new table and where its values come from. */
export interface ColumnSource {
  readonly column: Column;
  /** The old table's column copied into it; undefined for a new column. */
  readonly from: string | undefined;
  /** Whether its type was changed (the copy may need a CAST). */
  readonly typeChanged: boolean;
  /** The old column's type, when it has one. */
  readonly fromType?: Column["type"];
}

/** The new table of a batch, how to fill it from the old one, and SQL to run after it. */
export interface BatchPlan {
  readonly table: Table;
  readonly sources: readonly ColumnSource[];
  readonly after: readonly ExecuteSql[];
}

/** How `applyBatch` writes names into SQL fragments. */
export interface ApplyBatchOptions {
  /** Quotes a column name written into a CHECK condition or index expression when a rename rewrites it (default: double quotes). */
  readonly quoteIdentifier?: (name: string) => string;
}

interface Slot {
  column: Column;
  from: string | undefined;
  typeChanged: boolean;
  fromType?: Column["type"];
}

/**
 * Apply the queued operations of a batch to the old table's model: the table
 * move and copy will create. Pure.
 *
 * @example
 * ```ts
 * applyBatch(users, batch.items).table.columns.map((c) => c.name);
 * ```
 */
export function applyBatch(existing: Table, items: readonly BatchItem[], options: ApplyBatchOptions = {}): BatchPlan {
  const where = `batchAlterTable("${existing.name}")`;
  const quote = options.quoteIdentifier ?? ((name: string): string => `"${name.replace(/"/g, '""')}"`);
  const slots: Slot[] = existing.columns.map((column) => ({ column, from: column.name, typeChanged: false, fromType: column.type }));
  let primaryKey: PrimaryKey | undefined = existing.primaryKey;
  let foreignKeys: ForeignKey[] = [...existing.foreignKeys];
  let uniques: UniqueConstraint[] = [...existing.uniques];
  let checks: CheckConstraint[] = [...existing.checks];
  let indexes: Index[] = [...existing.indexes];
  let excludes: ExcludeConstraint[] = [...(existing.excludes ?? [])];
  let comment = existing.comment;
  const after: ExecuteSql[] = [];

  const find = (name: string): number => {
    const at = slots.findIndex((s) => s.column.name === name);
    if (at < 0) {
      throw new AthanorError(`${where}: the table has no column "${name}"`, { hint: `its columns: ${slots.map((s) => s.column.name).join(", ")}` });
    }
    return at;
  };
  const place = (name: string, position: ColumnPosition | undefined): void => {
    if (position === undefined) return;
    const anchor = position.insertBefore ?? position.insertAfter;
    if (anchor === undefined) return;
    const [slot] = slots.splice(find(name), 1);
    const at = find(anchor);
    slots.splice(position.insertBefore !== undefined ? at : at + 1, 0, slot!);
  };
  const renameIn = (list: readonly string[], from: string, to: string): string[] => list.map((c) => (c === from ? to : c));
  const constraintNames = (): string[] => [
    ...(primaryKey?.name ? [primaryKey.name] : []),
    ...foreignKeys.flatMap((c) => (c.name ? [c.name] : [])),
    ...uniques.flatMap((c) => (c.name ? [c.name] : [])),
    ...checks.flatMap((c) => (c.name ? [c.name] : [])),
    ...excludes.flatMap((c) => (c.name ? [c.name] : [])),
  ];

  for (const { operation, position } of items) {
    switch (operation.kind) {
      case "addColumn": {
        if (slots.some((s) => s.column.name === operation.column.name)) {
          throw new AthanorError(`${where}: the column "${operation.column.name}" already exists`);
        }
        slots.push({ column: operation.column, from: undefined, typeChanged: false });
        place(operation.column.name, position);
        break;
      }
      case "dropColumn": {
        const name = operation.name;
        slots.splice(find(name), 1);
        if (primaryKey?.columns.includes(name)) {
          const rest = primaryKey.columns.filter((c) => c !== name);
          primaryKey = rest.length === 0 ? undefined : { ...primaryKey, columns: rest };
        }
        foreignKeys = foreignKeys.filter((c) => !c.columns.includes(name));
        uniques = uniques.filter((c) => !c.columns.includes(name));
        indexes = indexes.filter((i) => !i.columns.includes(name) && !(i.include ?? []).includes(name));
        break;
      }
      case "moveColumn":
        find(operation.name);
        place(operation.name, position);
        break;
      case "alterColumn": {
        const slot = slots[find(operation.name)]!;
        const changes = operation.changes;
        let column: Column = slot.column;
        if (changes.type !== undefined) {
          column = { ...column, type: changes.type };
          slot.typeChanged = true;
        }
        if (changes.nullable !== undefined) column = { ...column, nullable: changes.nullable };
        if (changes.serverDefault !== undefined) {
          const { serverDefault: _old, ...rest } = column;
          column = changes.serverDefault === null ? rest : { ...rest, serverDefault: changes.serverDefault };
        }
        if (changes.comment !== undefined) {
          const { comment: _old, ...rest } = column;
          column = changes.comment === null ? rest : { ...rest, comment: changes.comment };
        }
        if (changes.autoincrement !== undefined) {
          const { autoincrement: _old, ...rest } = column;
          column = changes.autoincrement ? { ...rest, autoincrement: true } : rest;
        }
        if (changes.collation !== undefined) {
          const { collation: _old, ...rest } = column;
          column = changes.collation === null ? rest : { ...rest, collation: changes.collation };
        }
        if (changes.onUpdate !== undefined) {
          const { onUpdate: _old, ...rest } = column;
          column = changes.onUpdate === null ? rest : { ...rest, onUpdate: changes.onUpdate };
        }
        const oldName = column.name;
        const newName = changes.newName;
        if (newName !== undefined && newName !== oldName) {
          if (slots.some((s) => s.column.name === newName)) throw new AthanorError(`${where}: cannot rename "${oldName}" to "${newName}": that column exists`);
          column = { ...column, name: newName };
          if (primaryKey) primaryKey = { ...primaryKey, columns: renameIn(primaryKey.columns, oldName, newName) };
          foreignKeys = foreignKeys.map((c) => ({
            ...c,
            columns: renameIn(c.columns, oldName, newName),
            ...(c.refTable === existing.name && c.refSchema === existing.schema ? { refColumns: renameIn(c.refColumns, oldName, newName) } : {}),
          }));
          uniques = uniques.map((c) => ({ ...c, columns: renameIn(c.columns, oldName, newName) }));
          // The new table is created from this model, so SQL fragments naming the column must name it anew.
          const inSql = (sql: string): string => renameColumnInSql(sql, oldName, newName, quote);
          checks = checks.map((c) => ({ ...c, sql: inSql(c.sql) }));
          indexes = indexes.map((i) => ({
            ...i,
            columns: i.columns.map((e) => (e === oldName ? newName : typeof e === "string" ? e : { ...e, expression: inSql(e.expression) })),
            ...(i.include ? { include: renameIn(i.include, oldName, newName) } : {}),
            ...(i.where === undefined ? {} : { where: inSql(i.where) }),
          }));
          excludes = excludes.map((x) => ({
            ...x,
            elements: x.elements.map((e) => ({ ...e, expression: e.expression === oldName ? newName : inSql(e.expression) })),
            ...(x.where === undefined ? {} : { where: inSql(x.where) }),
          }));
          for (const other of slots) {
            if (other !== slot && other.column.computed) {
              other.column = { ...other.column, computed: { ...other.column.computed, sql: inSql(other.column.computed.sql) } };
            }
          }
          if (column.computed) column = { ...column, computed: { ...column.computed, sql: inSql(column.computed.sql) } };
        }
        slot.column = column;
        place(column.name, position);
        break;
      }
      case "addConstraint": {
        const c = operation.constraint;
        if (c.name !== undefined && constraintNames().includes(c.name)) {
          throw new AthanorError(`${where}: a constraint named "${c.name}" already exists`);
        }
        const { type: _type, ...data } = c;
        if (c.type === "primary") {
          if (primaryKey) throw new AthanorError(`${where}: the table already has a primary key`, { hint: "drop it first" });
          primaryKey = data as PrimaryKey;
        } else if (c.type === "foreignkey") foreignKeys.push(data as ForeignKey);
        else if (c.type === "unique") uniques.push(data as UniqueConstraint);
        else if (c.type === "exclude") excludes.push(data as ExcludeConstraint);
        else checks.push(data as CheckConstraint);
        break;
      }
      case "dropConstraint": {
        const name = operation.name;
        const type = operation.type;
        const before = constraintNames().length;
        if ((type === undefined || type === "primary") && primaryKey?.name === name) primaryKey = undefined;
        if (type === undefined || type === "foreignkey") foreignKeys = foreignKeys.filter((c) => c.name !== name);
        if (type === undefined || type === "unique") uniques = uniques.filter((c) => c.name !== name);
        if (type === undefined || type === "check") checks = checks.filter((c) => c.name !== name);
        if (type === undefined || type === "exclude") excludes = excludes.filter((c) => c.name !== name);
        if (constraintNames().length === before && (type === undefined || type === "check")) {
          // An unnamed CHECK (SQLite keeps none) goes by the name its condition gives it.
          const kept = checks.filter((c) => c.name !== undefined || unnamedCheckName(existing.name, c.sql) !== name);
          if (kept.length < checks.length) {
            checks = kept;
            break;
          }
        }
        if (constraintNames().length === before && (type === undefined || type === "unique")) {
          // So does an unnamed UNIQUE, by the name its columns give it.
          const kept = uniques.filter((u) => u.name !== undefined || unnamedUniqueName(existing.name, u.columns) !== name);
          if (kept.length < uniques.length) {
            uniques = kept;
            break;
          }
        }
        if (constraintNames().length === before) {
          const names = constraintNames();
          throw new AthanorError(`${where}: no ${type ?? ""}${type ? " " : ""}constraint named "${name}"`, {
            hint: names.length > 0
              ? `the table's named constraints: ${names.join(", ")}; unnamed ones get names from the naming convention (namingConvention option)`
              : "unnamed constraints get names from a naming convention: pass namingConvention to batchAlterTable",
          });
        }
        break;
      }
      case "createIndex":
        if (indexes.some((i) => i.name === operation.index.name)) throw new AthanorError(`${where}: an index named "${operation.index.name}" already exists`);
        indexes.push(operation.index);
        break;
      case "dropIndex": {
        const count = indexes.length;
        indexes = indexes.filter((i) => i.name !== operation.name);
        if (indexes.length === count) {
          throw new AthanorError(`${where}: no index named "${operation.name}"`, { hint: `the table's indexes: ${indexes.map((i) => i.name).join(", ") || "none"}` });
        }
        break;
      }
      case "tableComment":
        comment = operation.comment ?? undefined;
        break;
      case "execute":
        after.push(operation);
        break;
      default:
        throw new AthanorError(`${where}: ${operation.kind} cannot be part of a batch`);
    }
  }

  const { comment: _oldComment, primaryKey: _oldPk, excludes: _oldExcludes, ...base } = existing;
  const table: Table = {
    ...base,
    columns: slots.map((s) => s.column),
    ...(primaryKey === undefined ? {} : { primaryKey }),
    foreignKeys,
    uniques,
    checks,
    indexes,
    ...(excludes.length > 0 ? { excludes } : {}),
    ...(comment === undefined ? {} : { comment }),
  };
  const sources = slots.map((s) => ({ column: s.column, from: s.from, typeChanged: s.typeChanged, ...(s.fromType === undefined ? {} : { fromType: s.fromType }) }));
  return { table, sources, after };
}
