import type { Dialect } from "../../dialects/contract/index.js";
import type { Column, Table } from "../../schema/model.js";
import { typeKey } from "./normalize.js";
import type { RenameCandidate, SchemaDiff } from "./types.js";

function columnShape(column: Column, dialect: Dialect): string {
  return `${typeKey(column.type, dialect)}|${column.nullable ? "null" : "not null"}`;
}

function tableShape(table: Table, dialect: Dialect): string {
  return table.columns
    .map((c) => `${c.name}:${columnShape(c, dialect)}`)
    .sort()
    .join(",");
}

/** Pairs a dropped and an added item of the same shape when each side has exactly one of that shape. */
function pairs<T>(removed: readonly T[], added: readonly T[], shape: (item: T) => string): [T, T][] {
  const result: [T, T][] = [];
  const count = (items: readonly T[]): Map<string, T[]> => {
    const map = new Map<string, T[]>();
    for (const item of items) {
      const key = shape(item);
      map.set(key, [...(map.get(key) ?? []), item]);
    }
    return map;
  };
  const addedByShape = count(added);
  for (const [key, from] of count(removed)) {
    const to = addedByShape.get(key);
    if (from.length === 1 && to?.length === 1) result.push([from[0]!, to[0]!]);
  }
  return result;
}

/** Dropped and added tables (in one schema) with the same columns: likely renames. */
export function tableRenameCandidates(removed: readonly Table[], added: readonly Table[], dialect: Dialect): RenameCandidate[] {
  return pairs(removed, added, (t) => `${t.schema ?? ""}|${tableShape(t, dialect)}`).map(([from, to]) => ({
    kind: "table" as const,
    ...(from.schema === undefined ? {} : { schema: from.schema }),
    from: from.name,
    to: to.name,
  }));
}

/** Dropped and added columns of one table with the same type and nullability: likely renames. */
export function columnRenameCandidates(removed: readonly Column[], added: readonly Column[], dialect: Dialect): [Column, Column][] {
  return pairs(removed, added, (c) => columnShape(c, dialect));
}

/**
 * The likely renames among a comparison's differences: a dropped and an added
 * table of the same columns, or a dropped and an added column of one table
 * with the same type and nullability (only where exactly one of each has that
 * shape). Meant for a prompt: each answered "yes" becomes an entry of
 * `renames`, and the comparison runs again.
 *
 * @example
 * ```ts
 * for (const c of findRenameCandidates(diffs, dialect)) {
 *   if (c.kind === "column") console.log(`${c.table}.${c.from} -> ${c.to}?`);
 * }
 * ```
 */
export function findRenameCandidates(diffs: readonly SchemaDiff[], dialect: Dialect): RenameCandidate[] {
  const removedTables: Table[] = [];
  const addedTables: Table[] = [];
  const columns = new Map<string, { schema?: string; table: string; removed: Column[]; added: Column[] }>();
  const entry = (schema: string | undefined, table: string): { schema?: string; table: string; removed: Column[]; added: Column[] } => {
    const key = `${schema ?? ""}\u0000${table}`;
    let found = columns.get(key);
    if (!found) {
      found = { ...(schema === undefined ? {} : { schema }), table, removed: [], added: [] };
      columns.set(key, found);
    }
    return found;
  };
  for (const diff of diffs) {
    if (diff.kind === "removeTable") removedTables.push(diff.table);
    else if (diff.kind === "addTable") addedTables.push(diff.table);
    else if (diff.kind === "removeColumn") entry(diff.schema, diff.table).removed.push(diff.column);
    else if (diff.kind === "addColumn") entry(diff.schema, diff.table).added.push(diff.column);
  }
  const result = tableRenameCandidates(removedTables, addedTables, dialect);
  for (const { schema, table, removed, added } of columns.values()) {
    for (const [from, to] of columnRenameCandidates(removed, added, dialect)) {
      result.push({ kind: "column", ...(schema === undefined ? {} : { schema }), table, from: from.name, to: to.name });
    }
  }
  return result;
}
