import type { LintOperationRef, RecordedOperation } from "./types.js";

/** The operation a finding names: its kind and the objects it touches. */
export function operationRef(operation: RecordedOperation): LintOperationRef {
  const ref = (fields: Omit<LintOperationRef, "kind">): LintOperationRef => {
    const out: Record<string, string> = { kind: operation.kind };
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
    return out as unknown as LintOperationRef;
  };
  const op = operation;
  switch (op.kind) {
    case "createTable":
      return ref({ schema: op.table.schema, table: op.table.name });
    case "dropTable":
    case "renameTable":
      return ref({ schema: op.schema, table: op.name });
    case "addColumn":
      return ref({ schema: op.schema, table: op.table, column: op.column.name });
    case "dropColumn":
    case "alterColumn":
      return ref({ schema: op.schema, table: op.table, column: op.name });
    case "createIndex":
      return ref({ schema: op.schema, table: op.table, index: op.index.name });
    case "dropIndex":
      return ref({ schema: op.schema, table: op.table, index: op.name });
    case "addConstraint":
      return ref({ schema: op.schema, table: op.table, constraint: op.constraint.name });
    case "dropConstraint":
      return ref({ schema: op.schema, table: op.table, constraint: op.name });
    case "createEnum":
      return ref({ schema: op.enum.schema, enum: op.enum.name });
    case "dropEnum":
      return ref({ schema: op.schema, enum: op.name });
    case "addEnumValue":
    case "dropEnumValue":
      return ref({ schema: op.schema, enum: op.name, value: op.value });
    case "execute":
      return ref({});
    default: {
      const fields = op as unknown as { table?: unknown; schema?: unknown; name?: unknown };
      return ref({
        schema: typeof fields.schema === "string" ? fields.schema : undefined,
        table: typeof fields.table === "string" ? fields.table : undefined,
      });
    }
  }
}

/** `schema.table` or `table`. */
export function tableLabel(table: string, schema?: string): string {
  return schema === undefined ? table : `${schema}.${table}`;
}
