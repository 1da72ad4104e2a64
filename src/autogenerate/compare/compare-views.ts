import type { CanonicalView } from "../../dialects/contract/index.js";
import type { SchemaModel, View } from "../../schema/model.js";
import { namesInQuery, sortViews } from "../../schema/view.js";
import type { CompareState } from "./compare-schemas.js";
import type { SchemaDiff } from "./types.js";

/** A view's place: schema and name (names compared as the database keeps them). */
export function viewKey(name: string, schema: string | undefined): string {
  return `${schema ?? ""}\u0000${name}`;
}

function qualified(view: View): string {
  return view.schema === undefined ? view.name : `${view.schema}.${view.name}`;
}

function where(view: View): { schema?: string } {
  return view.schema === undefined ? {} : { schema: view.schema };
}

/** Storage parameters with names lower-cased and values as text, in name order. */
function storageKey(parameters: View["with"]): string {
  return Object.entries(parameters ?? {})
    .map(([name, value]) => {
      const text = String(value).toLowerCase();
      return `${name.toLowerCase()}=${text === "on" ? "true" : text === "off" ? "false" : text}`;
    })
    .sort()
    .join(",");
}

/** The options of two views that differ, among those the database keeps. */
function optionChanges(declared: View, reflected: View, state: CompareState): string[] {
  const kept = state.options.dialect.views.options;
  const changes: string[] = [];
  if ((declared.materialized === true) !== (reflected.materialized === true)) changes.push("materialized");
  if (kept.includes("checkOption") && declared.checkOption !== reflected.checkOption) changes.push("checkOption");
  if (kept.includes("securityInvoker") && (declared.securityInvoker === true) !== (reflected.securityInvoker === true)) changes.push("securityInvoker");
  if (kept.includes("securityBarrier") && (declared.securityBarrier === true) !== (reflected.securityBarrier === true)) changes.push("securityBarrier");
  const algorithm = (v: View): string | undefined => (v.algorithm === "undefined" ? undefined : v.algorithm);
  if (kept.includes("algorithm") && algorithm(declared) !== algorithm(reflected)) changes.push("algorithm");
  if (state.options.dialect.views.materialized && declared.materialized === true && reflected.materialized === true) {
    // The defaults read back as none: the database's tablespace, the heap access method.
    const tablespace = (v: View): string | undefined => (v.tablespace === "pg_default" ? undefined : v.tablespace);
    const using = (v: View): string | undefined => (v.using === undefined || v.using.toLowerCase() === "heap" ? undefined : v.using.toLowerCase());
    if (tablespace(declared) !== tablespace(reflected)) changes.push("tablespace");
    if (using(declared) !== using(reflected)) changes.push("using");
    if (storageKey(declared.with) !== storageKey(reflected.with)) changes.push("with");
  }
  return changes;
}

/**
 * The view differences: views to create, drop and replace, compared by their
 * definitions in the database's own spelling (`canonical`, from the live
 * database, keyed by {@link viewKey}); and the views that must be dropped and
 * created again around other changes (`rebuildView`): those reading a table
 * whose columns change (on a database that copies tables to change them, any
 * change of the table), or a view replaced or rebuilt.
 */
export function compareViews(
  declaredModel: SchemaModel,
  reflectedModel: SchemaModel,
  tableDiffs: readonly SchemaDiff[],
  state: CompareState,
): SchemaDiff[] {
  const rules = state.options.dialect.views;
  const canonical = state.options.canonicalViews;
  const parent = (v: View): { schema?: string } => where(v);
  // A view declared as existing is left alone; its source lists it as not compared (notModelled).
  const allDeclared = declaredModel.views ?? [];
  const existingKeys = new Set(allDeclared.filter((v) => v.existing === true).map((v) => viewKey(v.name, v.schema)));
  const declared = allDeclared.filter((v) => v.existing !== true && state.include(v, v.name, "view", false, parent(v)));
  const reflected = (reflectedModel.views ?? []).filter(
    (v) => !existingKeys.has(viewKey(v.name, v.schema)) && state.include(v, v.name, "view", true, parent(v)),
  );
  const reflectedByKey = new Map(reflected.map((v) => [viewKey(v.name, v.schema), v]));
  const declaredByKey = new Map(declared.map((v) => [viewKey(v.name, v.schema), v]));

  // Tables whose changes the views reading them must be dropped around.
  const copiesTables = !state.options.dialect.batch.alterInPlace;
  const changedTables = new Set<string>();
  for (const diff of tableDiffs) {
    if (diff.kind === "removeTable") changedTables.add(diff.table.name.toLowerCase());
    else if (diff.kind === "modifyColumn" || diff.kind === "removeColumn" || diff.kind === "renameColumn") changedTables.add(diff.table.toLowerCase());
    else if (copiesTables && "table" in diff && typeof diff.table === "string") changedTables.add(diff.table.toLowerCase());
  }
  const readsChanged = (view: View): boolean => [...namesInQuery(view.definition)].some((name) => changedTables.has(name));

  const diffs: SchemaDiff[] = [];
  const replaced = new Set<string>();
  for (const view of declared) {
    const k = viewKey(view.name, view.schema);
    const existing = reflectedByKey.get(k);
    if (existing === undefined) {
      diffs.push({ kind: "addView", view });
      continue;
    }
    const changes = optionChanges(view, existing, state);
    const known: CanonicalView | undefined = canonical?.get(k);
    let definitionChanged = false;
    if (known !== undefined && "definition" in known) {
      definitionChanged = rules.key(known.definition) !== rules.key(existing.definition);
    } else if (rules.key(view.definition) !== rules.key(existing.definition)) {
      if (known !== undefined && "error" in known) {
        // The database refused the declared query as things stand (it reads what this revision adds): it cannot be the stored one.
        definitionChanged = true;
        state.warn({
          code: "viewNotCompared",
          message: `View ${qualified(view)}: the database cannot read the declared definition yet (${known.error}); it is written as replaced`,
          ...where(view),
        });
      } else {
        state.warn({
          code: "viewNotCompared",
          message: `not compared: view ${qualified(view)} (its definition can only be compared on a live connection)`,
          ...where(view),
        });
      }
    }
    if (definitionChanged) changes.unshift("definition");
    if (changes.length > 0) {
      replaced.add(k);
      // A view reading a table whose columns change is dropped before the change and created after it.
      diffs.push({ kind: "replaceView", view, existing, changes, ...(readsChanged(existing) ? { aroundTables: true } : {}) });
    }
  }
  for (const view of reflected) {
    if (!declaredByKey.has(viewKey(view.name, view.schema))) diffs.push({ kind: "removeView", view });
  }

  // Views dropped and created again around changes to what they read.
  const removed = new Set(diffs.filter((d) => d.kind === "removeView").map((d) => (d.kind === "removeView" ? d.view.name.toLowerCase() : "")));
  const touchedViews = new Set([...replaced].map((k) => k.split("\u0000")[1]!.toLowerCase()));
  const rebuilt = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const view of reflected) {
      const k = viewKey(view.name, view.schema);
      const wanted = declaredByKey.get(k);
      if (wanted === undefined || replaced.has(k) || rebuilt.has(k)) continue;
      const reads = namesInQuery(view.definition);
      const cause = [...reads].find((name) => changedTables.has(name) || touchedViews.has(name) || removed.has(name));
      if (cause === undefined || cause === view.name.toLowerCase()) continue;
      rebuilt.add(k);
      touchedViews.add(view.name.toLowerCase());
      diffs.push({ kind: "rebuildView", view: wanted, existing: view, because: cause });
      grew = true;
    }
  }

  // A materialized view dropped and created again loses its indexes, which the model does not carry: said, naming them.
  for (const diff of diffs) {
    if ((diff.kind !== "replaceView" && diff.kind !== "rebuildView") || diff.existing.materialized !== true) continue;
    const existing = diff.existing;
    const indexes = (reflectedModel.notModelled ?? [])
      .filter((o) => o.kind === "index" && o.table === existing.name && (o.schema ?? "") === (existing.schema ?? ""))
      .map((o) => o.name ?? "");
    if (indexes.length === 0) continue;
    state.warn({
      code: "materializedViewIndexes",
      message: `Materialized view ${qualified(existing)} is dropped and created again: its ${indexes.length === 1 ? "index" : "indexes"} ${indexes.join(", ")} ${indexes.length === 1 ? "goes" : "go"} with it and ${indexes.length === 1 ? "is" : "are"} not created again; add op.createIndex after it in the revision`,
      ...where(existing),
    });
  }
  return diffs;
}

/** Views in the order they can be created (each after the views it reads). */
export function creationOrder(views: readonly View[]): View[] {
  return sortViews(views);
}
