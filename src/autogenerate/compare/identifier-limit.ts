import type { SchemaModel, Table } from "../../schema/model.js";

/**
 * The declared model with every name as the database will keep it. PostgreSQL
 * cuts identifiers longer than 63 bytes without an error, so a long declared
 * constraint name (drizzle's foreign key names often are) would otherwise
 * differ from its reflected self on every compare.
 */
export function withStoredNames(model: SchemaModel, truncate: ((name: string) => string) | undefined): SchemaModel {
  if (!truncate || !cutsAnyName(model, truncate)) return model;
  const cut = truncate;
  const cutAll = (names: readonly string[]): string[] => names.map(cut);
  const named = <T extends { readonly name?: string }>(item: T): T =>
    item.name === undefined ? item : { ...item, name: cut(item.name) };
  const table = (t: Table): Table => ({
    ...t,
    name: cut(t.name),
    columns: t.columns.map((c) => ({ ...c, name: cut(c.name) })),
    ...(t.primaryKey ? { primaryKey: { ...named(t.primaryKey), columns: cutAll(t.primaryKey.columns) } } : {}),
    foreignKeys: t.foreignKeys.map((fk) => ({
      ...named(fk),
      columns: cutAll(fk.columns),
      refTable: cut(fk.refTable),
      refColumns: cutAll(fk.refColumns),
    })),
    uniques: t.uniques.map((u) => ({ ...named(u), columns: cutAll(u.columns) })),
    checks: t.checks.map(named),
    indexes: t.indexes.map((ix) => ({
      ...ix,
      name: cut(ix.name),
      columns: ix.columns.map((c) => (typeof c === "string" ? cut(c) : c)),
      ...(ix.include ? { include: cutAll(ix.include) } : {}),
    })),
  });
  const views = model.views === undefined ? {} : { views: model.views };
  return { tables: model.tables.map(table), enums: model.enums.map((e) => ({ ...e, name: cut(e.name) })), ...views, ...(model.sequences ? { sequences: model.sequences.map((s) => ({ ...s, name: cut(s.name) })) } : {}) };
}

/** Whether `cut` shortens any name the model holds (nearly never: the model is then kept as it is, not copied). */
function cutsAnyName(model: SchemaModel, cut: (name: string) => string): boolean {
  const cuts = (name: string | undefined): boolean => name !== undefined && cut(name) !== name;
  const cutsElement = (element: string | { readonly expression: string }): boolean => typeof element === "string" && cuts(element);
  for (const t of model.tables) {
    if (cuts(t.name) || t.columns.some((c) => cuts(c.name))) return true;
    if (t.primaryKey && (cuts(t.primaryKey.name) || t.primaryKey.columns.some(cuts))) return true;
    if (t.foreignKeys.some((fk) => cuts(fk.name) || cuts(fk.refTable) || fk.columns.some(cuts) || fk.refColumns.some(cuts))) return true;
    if (t.uniques.some((u) => cuts(u.name) || u.columns.some(cuts)) || t.checks.some((c) => cuts(c.name))) return true;
    if (t.indexes.some((ix) => cuts(ix.name) || ix.columns.some(cutsElement) || (ix.include?.some(cuts) ?? false))) return true;
  }
  return model.enums.some((e) => cuts(e.name)) || (model.sequences?.some((q) => cuts(q.name)) ?? false);
}
