import type { Table } from "../../schema/model.js";
import type { NamingConvention } from "../../schema/naming.js";

/** What a `renderItem` hook may be asked to render. */
export type RenderItemKind = "operation" | "type" | "column" | "constraint" | "index" | "serverDefault";

/** What a `renderItem` hook receives besides the item. */
export interface RenderItemContext {
  /** Import lines the revision file needs; a hook that renders its own code adds its imports here. */
  readonly imports: Set<string>;
  /** The dialect the revision was generated against, if known. */
  readonly dialect: string | undefined;
  /** The table the item belongs to, if any. */
  readonly table: string | undefined;
}

/**
 * Override rendering of one item: return the TypeScript text to use, or
 * `false`/`undefined` for the default rendering. For `"operation"` the text is
 * the whole statement without `await` and `;`.
 */
export type RenderItem = (kind: RenderItemKind, item: unknown, context: RenderItemContext) => string | false | undefined | null;

/** Options of {@link renderOperations}. */
export interface RenderOptions {
  /** Group the changes of one existing table in `op.batchAlterTable(...)` blocks (default where the dialect's `batch.alterInPlace` is false: SQLite). */
  readonly asBatch?: boolean;
  /** Override the rendering of single items. */
  readonly renderItem?: RenderItem;
  /** The registered dialect's name (`sqlite`, `postgresql`, `mysql`, ...); decides the default of `asBatch`. */
  readonly dialect?: string;
  /**
   * The naming convention of the declared schema: names it would produce, or
   * would rewrite, are written as `op.f("name")` so they stay as they are.
   */
  readonly namingConvention?: NamingConvention;
  /**
   * The tables as they are before the operations run (for a generated upgrade,
   * the database as reflected). A batch block that moves and copies one of them
   * carries it as `copyFrom`, so the revision also runs as `--sql`, where there
   * is no database to read the table from.
   */
  readonly copyFromTables?: readonly Table[];
  /** The name of the operations object in the rendered code; default `op`. */
  readonly prefix?: string;
}

/** Shared state of one rendering. */
export interface RenderState {
  readonly options: RenderOptions;
  readonly imports: Set<string>;
  readonly op: string;
  table: string | undefined;
}

/** Ask the hook; undefined when it leaves the item to the default rendering. */
export function hook(state: RenderState, kind: RenderItemKind, item: unknown): string | undefined {
  const rendered = state.options.renderItem?.(kind, item, { imports: state.imports, dialect: state.options.dialect, table: state.table });
  return typeof rendered === "string" ? rendered : undefined;
}
