import type { CreateView, DropView, RefreshMaterializedView, ReplaceView } from "../../dialects/contract/index.js";
import { operation } from "../operation.js";
import { notReversible } from "./not-reversible.js";

/** A view created is dropped again, the drop remembering the view. */
export function reverseCreateView(create: CreateView): DropView {
  const view = create.view;
  return operation("dropView", { name: view.name, schema: view.schema, materialized: view.materialized === true ? true : undefined, view });
}

/** A dropped view is created again, when the drop carries the view (as autogenerate's drops do). */
export function reverseDropView(drop: DropView): CreateView {
  if (drop.view === undefined) {
    throw notReversible(`dropView("${drop.name}")`, "the view's definition is unknown", "give the drop the whole view so the downgrade can create it again");
  }
  return operation("createView", { view: drop.view });
}

/** A replaced view takes its previous definition back, when the replace carries it. */
export function reverseReplaceView(replace: ReplaceView): ReplaceView {
  if (replace.existing === undefined) {
    throw notReversible(`replaceView("${replace.view.name}")`, "the previous definition is unknown", "pass existing: the view as it was");
  }
  return operation("replaceView", { view: replace.existing, existing: replace.view });
}

/** Refreshing changes rows, not the schema: its reverse refreshes again. */
export function reverseRefreshMaterializedView(refresh: RefreshMaterializedView): RefreshMaterializedView {
  return refresh;
}
