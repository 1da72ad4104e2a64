import { ColumnBuilder } from "../schema/column.js";
import type { Column } from "../schema/model.js";
import type { NamingConvention } from "../schema/naming.js";
import { buildColumn } from "../schema/table.js";
import type { BuildTableOptions, ColumnParts } from "../schema/table.js";
import { AthanorError } from "../util/errors.js";
import { resolveName } from "./naming.js";
import type { Constraint } from "../dialects/contract/index.js";

/** A column as operations take it: a named builder (`op.column("id", op.type.integer())`) or model data. */
export type ColumnInput = ColumnBuilder | Column;

/** Options of `op.createTable`: those of `buildTable` plus `ifNotExists`. */
export interface CreateTableOptions extends BuildTableOptions {
  readonly ifNotExists?: boolean;
}

function isColumnData(value: unknown): value is Column {
  const v = value as Partial<Column> | null;
  return typeof v === "object" && v !== null && typeof v.name === "string" && typeof v.type === "object" && typeof v.nullable === "boolean";
}

/** The model column of a builder or column data, with the constraints and indexes a builder declares on it. */
export function columnParts(table: string, input: ColumnInput, options: { readonly schema?: string; readonly namingConvention: NamingConvention }): ColumnParts {
  if (input instanceof ColumnBuilder) {
    return buildColumn(table, input, { namingConvention: options.namingConvention, ...(options.schema === undefined ? {} : { schema: options.schema }) });
  }
  if (isColumnData(input)) return { column: input, foreignKeys: [], uniques: [], indexes: [] };
  throw new AthanorError(`Expected a column for table "${table}", got ${JSON.stringify(input)?.slice(0, 80) ?? String(input)}`, {
    hint: 'write op.column("name", op.type.integer())',
  });
}

/** Apply a convention to an unnamed constraint of a table. */
export function nameConstraint(convention: NamingConvention, table: string, constraint: Constraint): Constraint {
  let name: string | undefined;
  switch (constraint.type) {
    case "primary":
      name = resolveName(convention, { kind: "pk", table, columns: constraint.columns, name: constraint.name });
      break;
    case "unique":
      name = resolveName(convention, { kind: "uq", table, columns: constraint.columns, name: constraint.name });
      break;
    case "check":
      name = resolveName(convention, { kind: "ck", table, columns: [], name: constraint.name });
      break;
    case "foreignkey":
      name = resolveName(convention, { kind: "fk", table, columns: constraint.columns, refTable: constraint.refTable, refColumns: constraint.refColumns, name: constraint.name });
      break;
  }
  return name === undefined ? constraint : { ...constraint, name };
}
