import type { DialectCompareRules } from "../../dialects/contract/index.js";
import { withStoredNames } from "./identifier-limit.js";
import { historyTableBeside } from "../../dialects/version-table.js";
import type { Column, EnumType, ForeignKey, SchemaModel, Table } from "../../schema/model.js";
import { compareTable, withoutUnsupported, withoutUnsupportedOnUpdate } from "./compare-table.js";
import { compareViews } from "./compare-views.js";
import { compareSequences, withoutUnsupportedSecurity } from "./compare-security.js";
import { rulesOf } from "./normalize.js";
import { tableRenameCandidates } from "./renames.js";
import type { CompareObjectType, CompareOptions, CompareWarning, SchemaDiff } from "./types.js";

/** What the comparison of one schema shares between tables. */
export interface CompareState {
  readonly options: CompareOptions;
  readonly rules: DialectCompareRules;
  readonly warnings: CompareWarning[];
  /** Whether an object of either side takes part (includeName on reflected names, includeObject on both). */
  include(object: unknown, name: string | undefined, type: CompareObjectType, reflected: boolean, parent: { schema?: string; table?: string }, compareTo?: unknown): boolean;
  warn(warning: CompareWarning): void;
}

function tableKey(name: string, schema: string | undefined): string {
  return `${schema ?? ""}\u0000${name}`;
}

function qualified(name: string, schema: string | undefined): string {
  return schema === undefined ? name : `${schema}.${name}`;
}

function makeState(options: CompareOptions): CompareState {
  const warnings: CompareWarning[] = [];
  return {
    options,
    rules: rulesOf(options.dialect),
    warnings,
    include(object, name, type, reflected, parent, compareTo) {
      if (reflected && name !== undefined && options.includeName) {
        const where = {
          ...(parent.schema === undefined ? {} : { schemaName: parent.schema }),
          ...(parent.table === undefined ? {} : { tableName: parent.table }),
        };
        if (!options.includeName(name, type, where)) return false;
      }
      if (options.includeObject && !options.includeObject(object, name, type, reflected, compareTo)) return false;
      return true;
    },
    warn(warning) {
      warnings.push(warning);
      options.onWarning?.(warning);
    },
  };
}

/** The schema as the comparison sees it: the default schema's name left out. */
function withoutDefaultSchema(model: SchemaModel, defaultSchema: string | undefined): SchemaModel {
  if (defaultSchema === undefined) return model;
  const strip = <T extends { readonly schema?: string }>(item: T): T => {
    if (item.schema !== defaultSchema) return item;
    const { schema: _schema, ...rest } = item;
    return rest as T;
  };
  const stripFk = (fk: ForeignKey): ForeignKey => {
    if (fk.refSchema !== defaultSchema) return fk;
    const { refSchema: _refSchema, ...rest } = fk;
    return rest;
  };
  const stripColumn = (column: Column): Column =>
    column.type.kind === "enum" && column.type.schema === defaultSchema ? { ...column, type: strip(column.type) } : column;
  // a table naming the default schema nowhere is kept as it is (most tables: nothing is copied)
  const stripTable = (t: Table): Table => {
    const stripped = strip(t);
    const columns = mapChanged(t.columns, stripColumn);
    const foreignKeys = mapChanged(t.foreignKeys, stripFk);
    return stripped === t && columns === t.columns && foreignKeys === t.foreignKeys ? t : { ...stripped, columns, foreignKeys };
  };
  return {
    tables: model.tables.map(stripTable),
    enums: model.enums.map(strip),
    ...(model.views === undefined ? {} : { views: model.views.map(strip) }),
    ...(model.sequences === undefined ? {} : { sequences: model.sequences.map(strip) }),
    ...(model.notModelled === undefined ? {} : { notModelled: model.notModelled.map(strip) }),
  };
}

/** `items` mapped, or `items` itself when `map` returned every item unchanged. */
function mapChanged<T>(items: readonly T[], map: (item: T) => T): readonly T[] {
  for (let i = 0; i < items.length; i++) {
    const mapped = map(items[i]!);
    if (mapped === items[i]) continue;
    const result = items.slice(0, i);
    result.push(mapped);
    for (let j = i + 1; j < items.length; j++) result.push(map(items[j]!));
    return result;
  }
  return items;
}

function schemaIncluded(schema: string | undefined, options: CompareOptions): boolean {
  if (schema === undefined) return true;
  const setting = options.includeSchemas;
  if (setting === undefined || setting === true) return true;
  if (setting === false) return false;
  if (typeof setting === "function") return setting(schema);
  return setting.includes(schema);
}

/** Renames of tables the user stated: `old` → `new`, or `schema.old` → `new`. */
function statedTableRename(options: CompareOptions, name: string, schema: string | undefined): string | undefined {
  const hints = options.renames?.tables;
  if (!hints) return undefined;
  return hints[qualified(name, schema)] ?? hints[name];
}

/** A reflected table after a rename: references to it in other tables follow (the database rewrites them too). */
function renameReferences(tables: Table[], schema: string | undefined, from: string, to: string): Table[] {
  return tables.map((t) => {
    if (!t.foreignKeys.some((fk) => fk.refTable === from && fk.refSchema === schema)) return t;
    return { ...t, foreignKeys: t.foreignKeys.map((fk) => (fk.refTable === from && fk.refSchema === schema ? { ...fk, refTable: to } : fk)) };
  });
}

/** The enum types a schema uses: declared ones and those its columns name. */
function enumsOf(model: SchemaModel): EnumType[] {
  const found = new Map<string, EnumType>();
  for (const e of model.enums) found.set(tableKey(e.name, e.schema), e);
  for (const table of model.tables) {
    for (const column of table.columns) {
      let type = column.type;
      while (type.kind === "array") type = type.of;
      if (type.kind === "enum" && !found.has(tableKey(type.name, type.schema))) {
        found.set(tableKey(type.name, type.schema), { name: type.name, ...(type.schema === undefined ? {} : { schema: type.schema }), values: type.values });
      }
    }
  }
  return [...found.values()];
}

function compareEnums(declared: SchemaModel, reflected: SchemaModel, state: CompareState): SchemaDiff[] {
  const diffs: SchemaDiff[] = [];
  const wanted = enumsOf(declared).filter((e) => schemaIncluded(e.schema, state.options) && state.include(e, e.name, "enum", false, { ...(e.schema === undefined ? {} : { schema: e.schema }) }));
  const present = reflected.enums.filter((e) => schemaIncluded(e.schema, state.options) && state.include(e, e.name, "enum", true, { ...(e.schema === undefined ? {} : { schema: e.schema }) }));
  const presentByKey = new Map(present.map((e) => [tableKey(e.name, e.schema), e]));
  const wantedKeys = new Set(wanted.map((e) => tableKey(e.name, e.schema)));
  for (const e of wanted) {
    const existing = presentByKey.get(tableKey(e.name, e.schema));
    if (!existing) {
      diffs.push({ kind: "addEnum", enum: e });
      continue;
    }
    // Stated value renames first: the database's value takes its new name.
    const hints = state.options.renames?.enumValues ?? {};
    let known = [...existing.values];
    for (const value of existing.values) {
      const to = hints[`${qualified(e.name, e.schema)}.${value}`] ?? hints[`${e.name}.${value}`];
      if (to === undefined || to === value) continue;
      if (!e.values.includes(to) || e.values.includes(value) || known.includes(to)) {
        state.warn({
          code: "renameNotApplied",
          message: `The rename of value ${JSON.stringify(value)} of enum ${qualified(e.name, e.schema)} to ${JSON.stringify(to)} was not applied: it needs ${JSON.stringify(value)} in the database only and ${JSON.stringify(to)} in the declaration only`,
          ...(e.schema === undefined ? {} : { schema: e.schema }),
        });
        continue;
      }
      diffs.push({ kind: "renameEnumValue", ...(e.schema === undefined ? {} : { schema: e.schema }), name: e.name, from: value, to });
      known = known.map((v) => (v === value ? to : v));
    }
    // New values can be added where they belong; removed or reordered ones need a hand-written migration.
    const kept = e.values.filter((v) => known.includes(v));
    if (kept.length !== known.length || kept.some((v, i) => v !== known[i])) {
      state.warn({
        code: "enumValuesChanged",
        message: `Enum ${qualified(e.name, e.schema)} has values removed or reordered (database: ${known.join(", ")}; declared: ${e.values.join(", ")}); PostgreSQL cannot do that by ALTER TYPE: state a renamed value (renames: { enumValues: { "${e.name}.old": "new" } }) or write the migration by hand`,
        ...(e.schema === undefined ? {} : { schema: e.schema }),
      });
      continue;
    }
    e.values.forEach((value, i) => {
      if (known.includes(value)) return;
      const after = e.values.slice(0, i).reverse().find((v) => known.includes(v));
      const before = e.values.slice(i + 1).find((v) => known.includes(v));
      diffs.push({
        kind: "addEnumValue",
        ...(e.schema === undefined ? {} : { schema: e.schema }),
        name: e.name,
        value,
        ...(after !== undefined ? { after } : before !== undefined ? { before } : {}),
      });
    });
  }
  for (const e of present) {
    if (!wantedKeys.has(tableKey(e.name, e.schema))) diffs.push({ kind: "removeEnum", enum: e });
  }
  return diffs;
}

/**
 * The differences between the declared schema and the database: what a
 * migration must do to make the database match the declaration. Renames are
 * applied only where `options.renames` states them; a dropped and an added
 * table or column that look alike are reported through `onWarning` (see also
 * {@link findRenameCandidates}).
 *
 * @example
 * ```ts
 * const reflected = await dialect.reflect(connection);
 * const diffs = compareSchemas(metadata.toModel(), reflected, { dialect });
 * const upgrade = diffsToOperations(diffs);
 * ```
 */
export function compareSchemas(declared: SchemaModel, reflected: SchemaModel, options: CompareOptions & { readonly defaultSchema?: string }): SchemaDiff[] {
  const state = makeState(options);
  const declaredModel = withStoredNames(withoutDefaultSchema(declared, options.defaultSchema), state.rules.truncateIdentifier);
  const reflectedModel = withoutDefaultSchema(reflected, options.defaultSchema);
  const versionTable = options.versionTable ?? "athanor_version";
  const historyTable = options.historyTable ?? historyTableBeside(versionTable);
  const isVersionTable = (t: Table): boolean =>
    (t.name === versionTable || t.name === historyTable) &&
    t.schema === (options.versionTableSchema === options.defaultSchema ? undefined : options.versionTableSchema);

  const where = (t: Table): { schema?: string } => (t.schema === undefined ? {} : { schema: t.schema });
  const schemaOk = new Map<string, boolean>();
  const schemaTakesPart = (schema: string | undefined, reflectedSide: boolean): boolean => {
    if (!schemaIncluded(schema, options)) return false;
    if (schema === undefined || !reflectedSide) return true;
    let ok = schemaOk.get(schema);
    if (ok === undefined) {
      ok = state.include(schema, schema, "schema", true, {});
      schemaOk.set(schema, ok);
    }
    return ok;
  };
  // includeObject sees each table with its counterpart on the other side (by name), as Alembic's compare_to.
  const declaredAll = new Map(declaredModel.tables.map((t) => [tableKey(t.name, t.schema), t]));
  const reflectedAll = new Map(reflectedModel.tables.map((t) => [tableKey(t.name, t.schema), t]));
  const declaredTables = declaredModel.tables
    .filter((t) => !isVersionTable(t) && schemaTakesPart(t.schema, false) && state.include(t, t.name, "table", false, where(t), reflectedAll.get(tableKey(t.name, t.schema))))
    .map((t) => withoutUnsupportedSecurity(t, state))
    // Index and constraint options this database cannot hold (NULLS NOT DISTINCT, storage parameters, exclusion constraints) are left out aloud.
    .map((t) => withoutUnsupported(t, state));
  let reflectedTables = reflectedModel.tables.filter(
    (t) => !isVersionTable(t) && schemaTakesPart(t.schema, true) && state.include(t, t.name, "table", true, where(t), declaredAll.get(tableKey(t.name, t.schema))),
  );

  const diffs: SchemaDiff[] = [];
  if (state.rules.namedEnums) diffs.push(...compareEnums(declaredModel, reflectedModel, state));
  diffs.push(...compareSequences(declaredModel, reflectedModel, state, schemaTakesPart));

  const declaredByKey = new Map(declaredTables.map((t) => [tableKey(t.name, t.schema), t]));
  /** The name a renamed table had, for column renames stated under it. */
  const formerNames = new Map<string, string>();
  // Stated table renames: the reflected table takes its new name before anything is compared.
  for (const [index, table] of [...reflectedTables.entries()]) {
    const to = statedTableRename(options, table.name, table.schema);
    if (to === undefined || to === table.name) continue;
    const newKey = tableKey(to, table.schema);
    if (!declaredByKey.has(newKey) || reflectedTables.some((t) => tableKey(t.name, t.schema) === newKey) || declaredByKey.has(tableKey(table.name, table.schema))) {
      state.warn({
        code: "renameNotApplied",
        message: `The rename of table ${qualified(table.name, table.schema)} to ${to} was not applied: it needs ${table.name} in the database only and ${to} in the declaration only`,
        table: table.name,
        ...where(table),
      });
      continue;
    }
    diffs.push({ kind: "renameTable", ...where(table), from: table.name, to });
    formerNames.set(newKey, table.name);
    const renamed = { ...table, name: to };
    reflectedTables = renameReferences(reflectedTables, table.schema, table.name, to);
    reflectedTables[index] = { ...renamed, foreignKeys: reflectedTables[index]!.foreignKeys };
  }

  const reflectedByKey = new Map(reflectedTables.map((t) => [tableKey(t.name, t.schema), t]));
  const added: Table[] = [];
  const removed: Table[] = [];
  for (const table of declaredTables) {
    const existing = reflectedByKey.get(tableKey(table.name, table.schema));
    if (existing === undefined) {
      const created = withoutUnsupportedOnUpdate(table, state);
      added.push(created);
      diffs.push({ kind: "addTable", table: created });
    } else {
      diffs.push(...compareTable(table, existing, state, formerNames.get(tableKey(table.name, table.schema))));
    }
  }
  for (const table of reflectedTables) {
    if (!declaredByKey.has(tableKey(table.name, table.schema))) {
      removed.push(table);
      diffs.push({ kind: "removeTable", table });
    }
  }
  diffs.push(...compareViews(declaredModel, reflectedModel, diffs, state));
  for (const candidate of tableRenameCandidates(removed, added, options.dialect)) {
    state.warn({
      code: "renameCandidate",
      message: `Table ${qualified(candidate.from, candidate.schema)} is dropped and ${candidate.to} added with the same columns: if it was renamed, state it (renames: { tables: { ${JSON.stringify(candidate.from)}: ${JSON.stringify(candidate.to)} } }) or the data is lost`,
      table: candidate.from,
      ...(candidate.schema === undefined ? {} : { schema: candidate.schema }),
      candidate,
    });
  }
  return diffs;
}
