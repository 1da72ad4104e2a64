import type { View } from "../../schema/model.js";
import type { Connection } from "./connection.js";

/** A declared view's definition as the database would keep it, or why that could not be learnt. */
export type CanonicalView = { readonly definition: string } | { readonly error: string };

/** The view options a database has (the others are refused by its DDL and not compared). */
export type ViewOption = "checkOption" | "securityInvoker" | "securityBarrier" | "algorithm";

/**
 * What a database does with views. Databases rewrite a view's query when they
 * store it, so a declared definition is compared in the database's own
 * spelling: `canonicalize` asks the live database how it would keep each one
 * (creating it under a scratch name and reading it back, undone after), and
 * `key` reduces a stored or canonical definition to the text compared.
 */
export interface ViewSupport {
  /** Whether the database has materialized views (PostgreSQL). */
  readonly materialized: boolean;
  /** The options of {@link View} this database keeps and compares. */
  readonly options: readonly ViewOption[];
  /** The text compared of a definition as the database keeps it (whitespace and letter case made one). */
  key(definition: string): string;
  /**
   * The definitions of `views`, in their order, as this database would keep
   * them. Leaves the database as it found it. A view the database refuses
   * (it reads a table not created yet) comes back as `{ error }`.
   */
  canonicalize(connection: Connection, views: readonly View[]): Promise<readonly CanonicalView[]>;
}
