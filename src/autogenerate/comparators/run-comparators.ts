import type { Connection, Dialect, SchemaOperation } from "../../dialects/contract/index.js";
import { checkOperation, isCustomOperation } from "../../operations/operation.js";
import type { AnyOperation, CustomOperation } from "../../operations/operation.js";
import { customDefinition } from "../../operations/custom/registry.js";
import type { SchemaModel, Table } from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";
import { historyTableBeside } from "../../dialects/version-table.js";
import type { CompareOptions, SchemaDiff } from "../compare/types.js";
import type { ComparatorContext, ComparatorResult, EnvironmentComparators } from "./comparator-types.js";
import { registeredComparators } from "./registry.js";

/** What the registered comparators are run with. */
export interface ComparatorRun extends Pick<CompareOptions, "includeSchemas" | "includeName" | "includeObject" | "versionTable" | "versionTableSchema" | "historyTable"> {
  readonly declared: SchemaModel;
  readonly reflected: SchemaModel;
  readonly dialect: Dialect;
  readonly connection: Connection;
  readonly defaultSchema: string | undefined;
  /** env.ts's own comparators, run after the registered ones. */
  readonly comparators?: EnvironmentComparators;
}

/** An operation a comparator added, as the diff `check` lists. */
export type OperationDiff = Extract<SchemaDiff, { readonly kind: "operation" }>;

/**
 * Run every comparator: schema level first, then table level, each the
 * registered ones in registration order and then env.ts's. Returns their
 * operations as diffs, to follow the built-in ones.
 */
export async function runComparators(run: ComparatorRun): Promise<OperationDiff[]> {
  const registered = registeredComparators();
  const schemaComparators = [...registered.schema, ...listOf(run.comparators?.schema, "schema")];
  const tableComparators = [...registered.table, ...listOf(run.comparators?.table, "table")];
  if (schemaComparators.length === 0 && tableComparators.length === 0) return [];
  const declared = withoutSchema(run.declared, run.defaultSchema);
  const reflected = withoutSchema(run.reflected, run.defaultSchema);
  const schemas = [...new Set([...declared.tables, ...reflected.tables].flatMap((t) => (t.schema === undefined ? [] : [t.schema])))];
  const context: ComparatorContext = { declared, reflected, dialect: run.dialect, connection: run.connection, defaultSchema: run.defaultSchema, schemas };
  const diffs: OperationDiff[] = [];
  for (const [i, comparator] of schemaComparators.entries()) {
    diffs.push(...collect(await called(() => comparator(context), `schema comparator #${i + 1}`), {}));
  }
  if (tableComparators.length === 0) return diffs;
  for (const pair of tablePairs(declared, reflected, run)) {
    const where = { ...(pair.schema === undefined ? {} : { schema: pair.schema }), table: pair.name };
    for (const [i, comparator] of tableComparators.entries()) {
      const result = await called(
        () => comparator({ ...context, tableName: pair.name, schema: pair.schema, declaredTable: pair.declared, reflectedTable: pair.reflected }),
        `table comparator #${i + 1} (table ${pair.schema === undefined ? "" : `${pair.schema}.`}${pair.name})`,
      );
      diffs.push(...collect(result, where));
    }
  }
  return diffs;
}

function listOf<T>(value: readonly T[] | undefined, level: string): readonly T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((f) => typeof f !== "function")) {
    throw new AthanorError(`env.ts's comparators.${level} is not a list of functions`, { hint: `write comparators: { ${level}: [async (context) => [...operations]] }` });
  }
  return value;
}

async function called(comparator: () => ComparatorResult | Promise<ComparatorResult>, what: string): Promise<ComparatorResult> {
  try {
    return await comparator();
  } catch (error) {
    if (error instanceof AthanorError) throw error;
    throw new AthanorError(`The ${what} failed: ${error instanceof Error ? error.message : String(error)}`, {
      hint: "fix the comparator registered with registerComparator in env.ts",
      cause: error,
    });
  }
}

function collect(result: ComparatorResult, where: { readonly schema?: string; readonly table?: string }): OperationDiff[] {
  if (result === undefined || result === null) return [];
  if (typeof (result as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== "function") {
    throw new AthanorError(`A comparator returned ${JSON.stringify(result)} instead of a list of operations`, { hint: "return an array of operations (empty when nothing differs)" });
  }
  const diffs: OperationDiff[] = [];
  for (const item of result) {
    const operation = checkOperation(item as AnyOperation);
    if (operation.kind === "execute") {
      throw new AthanorError("A comparator returned an execute() operation, which autogenerate cannot reverse or describe", {
        hint: "register an operation of your own with registerOperation and return it",
      });
    }
    if (isCustomOperation(operation) && customDefinition(operation.name) === undefined) {
      throw new AthanorError(`A comparator returned the custom operation ${operation.name}, which is not registered`, {
        hint: "call registerOperation for it in env.ts before the comparator runs",
      });
    }
    diffs.push({ kind: "operation", operation, description: describeOperation(operation), ...where });
  }
  return diffs;
}

/** One line for an operation a comparator added: the definition's `describe`, else its name and data. */
export function describeOperation(operation: SchemaOperation | CustomOperation): string {
  if (isCustomOperation(operation)) {
    const describe = customDefinition(operation.name)?.describe;
    return describe === undefined ? `${operation.name} ${JSON.stringify(operation.data)}` : describe(operation.data);
  }
  const o = operation as { kind: string; table?: unknown; name?: unknown; schema?: unknown };
  const target = typeof o.table === "string" ? o.table : typeof o.name === "string" ? o.name : undefined;
  return target === undefined ? o.kind : `${o.kind} ${typeof o.schema === "string" ? `${o.schema}.` : ""}${target}`;
}

interface TablePair {
  readonly name: string;
  readonly schema: string | undefined;
  readonly declared: Table | undefined;
  readonly reflected: Table | undefined;
}

/** The tables of either side, by name, that take part in the comparison. */
function tablePairs(declared: SchemaModel, reflected: SchemaModel, run: ComparatorRun): TablePair[] {
  const key = (t: Table): string => `${t.schema ?? ""}\u0000${t.name}`;
  const declaredBy = new Map(declared.tables.map((t) => [key(t), t]));
  const reflectedBy = new Map(reflected.tables.map((t) => [key(t), t]));
  const versionSchema = run.versionTableSchema === run.defaultSchema ? undefined : run.versionTableSchema;
  const pairs: TablePair[] = [];
  for (const k of new Set([...declaredBy.keys(), ...reflectedBy.keys()])) {
    const d = declaredBy.get(k);
    const r = reflectedBy.get(k);
    const table = (d ?? r)!;
    const versionTable = run.versionTable ?? "athanor_version";
    const bookkeeping = table.name === versionTable || table.name === (run.historyTable ?? historyTableBeside(versionTable));
    if (bookkeeping && table.schema === versionSchema) continue;
    if (!schemaIncluded(table.schema, run.includeSchemas)) continue;
    const parent = table.schema === undefined ? {} : { schemaName: table.schema };
    if (r !== undefined && run.includeName !== undefined && !run.includeName(r.name, "table", parent)) continue;
    if (run.includeObject !== undefined) {
      if (d !== undefined && !run.includeObject(d, d.name, "table", false, r)) continue;
      if (d === undefined && r !== undefined && !run.includeObject(r, r.name, "table", true, d)) continue;
    }
    pairs.push({ name: table.name, schema: table.schema, declared: d, reflected: r });
  }
  return pairs;
}

function schemaIncluded(schema: string | undefined, setting: CompareOptions["includeSchemas"]): boolean {
  if (schema === undefined || setting === undefined || setting === true) return true;
  if (setting === false) return false;
  return typeof setting === "function" ? setting(schema) : setting.includes(schema);
}

/** The model with the default schema's name left out, as the built-in comparison sees it. */
function withoutSchema(model: SchemaModel, defaultSchema: string | undefined): SchemaModel {
  if (defaultSchema === undefined) return model;
  const strip = <T extends { readonly schema?: string }>(item: T): T => {
    if (item.schema !== defaultSchema) return item;
    const { schema: _schema, ...rest } = item;
    return rest as T;
  };
  return { tables: model.tables.map(strip), enums: model.enums.map(strip) };
}
