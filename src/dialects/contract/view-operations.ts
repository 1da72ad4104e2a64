import type { View } from "../../schema/model.js";

/**
 * `CREATE [MATERIALIZED] VIEW`. A view reads tables (and views) by name, so it
 * is created after them; autogenerate orders it so.
 *
 * @example
 * ```ts
 * const create: CreateView = { kind: "createView", view: { name: "active_users", definition: "SELECT id FROM users WHERE active" } };
 * ```
 */
export interface CreateView {
  readonly kind: "createView";
  readonly view: View;
}

/**
 * A view given a new definition (or options). `existing` is the view as it
 * was, so the change can be reversed. PostgreSQL and SQLite drop and create it
 * (PostgreSQL's CREATE OR REPLACE cannot change the view's columns), so views
 * reading it must be dropped first; MySQL replaces it in place.
 */
export interface ReplaceView {
  readonly kind: "replaceView";
  readonly view: View;
  readonly existing?: View;
}

/** `DROP [MATERIALIZED] VIEW`; `view` is the view as it was, when known, so the drop can be reversed. */
export interface DropView {
  readonly kind: "dropView";
  readonly name: string;
  readonly schema?: string;
  readonly materialized?: boolean;
  readonly ifExists?: boolean;
  readonly view?: View;
}

/** PostgreSQL: `REFRESH MATERIALIZED VIEW [CONCURRENTLY]`. */
export interface RefreshMaterializedView {
  readonly kind: "refreshMaterializedView";
  readonly name: string;
  readonly schema?: string;
  readonly concurrently?: boolean;
}
