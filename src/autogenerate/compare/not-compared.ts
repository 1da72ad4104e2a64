import type { SchemaModel, Table } from "../../schema/model.js";
import { describeNotModelled, type NotModelledObject } from "../../schema/not-modelled.js";
import type { CompareOptions } from "./types.js";

function key(name: string | undefined, schema: string | undefined): string {
  return `${schema ?? ""}\u0000${name ?? ""}`;
}

/** Whether the model already carries the object (a dialect that learnt to model its kind). */
function carried(object: NotModelledObject, model: SchemaModel, tables: ReadonlyMap<string, Table>): boolean {
  const table = object.table === undefined ? undefined : tables.get(key(object.table, object.schema));
  switch (object.kind) {
    case "view":
    case "materialized view":
      return (model.views ?? []).some((v) => v.name === object.name && v.schema === object.schema && !v.existing);
    case "sequence":
      return (model.sequences ?? []).some((s) => s.name === object.name && s.schema === object.schema);
    case "policy":
      return (table?.policies ?? []).some((p) => p.name === object.name);
    case "row-level security":
      return table?.rowLevelSecurity !== undefined;
    default:
      return false;
  }
}

/**
 * The `not compared: …` lines of a comparison: what the database holds
 * (`reflected`) or the declaration states (`declared`) that the model does
 * not carry, in the schemas compared, each once. `includeName` (reflected
 * side) and `includeObject` are asked with the object's kind as type
 * (`"trigger"`, `"function"`, …); an object of a table they leave out is left
 * out with it.
 *
 * @example
 * ```ts
 * notComparedLines(declared, reflected, { dialect });
 * // ['not compared: trigger "audit" on table "users"']
 * ```
 */
export function notComparedLines(
  declared: SchemaModel,
  reflected: SchemaModel,
  options: Pick<CompareOptions, "includeName" | "includeObject"> & { readonly defaultSchema?: string },
): string[] {
  const lines = new Set<string>();
  const sides: [SchemaModel, boolean][] = [
    [declared, false],
    [reflected, true],
  ];
  for (const [model, isReflected] of sides) {
    const tables = new Map(model.tables.map((t) => [key(t.name, t.schema === options.defaultSchema ? undefined : t.schema), t]));
    for (const raw of model.notModelled ?? []) {
      const { schema: rawSchema, ...rest } = raw;
      const object: NotModelledObject = rawSchema !== undefined && rawSchema === options.defaultSchema ? rest : raw;
      if (carried(object, model, tables)) continue;
      const parent = {
        ...(object.schema === undefined ? {} : { schemaName: object.schema }),
        ...(object.table === undefined ? {} : { tableName: object.table }),
      };
      if (isReflected && options.includeName) {
        if (object.table !== undefined && !options.includeName(object.table, "table", object.schema === undefined ? {} : { schemaName: object.schema })) continue;
        if (!options.includeName(object.name ?? object.table ?? "", object.kind, parent)) continue;
      }
      if (options.includeObject) {
        const table = object.table === undefined ? undefined : tables.get(key(object.table, object.schema));
        if (table !== undefined && !options.includeObject(table, table.name, "table", isReflected, undefined)) continue;
        if (!options.includeObject(object, object.name ?? object.table ?? "", object.kind, isReflected, undefined)) continue;
      }
      lines.add(`not compared: ${describeNotModelled(object)}`);
    }
  }
  return [...lines];
}
