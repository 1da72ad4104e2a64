import type { AnyOperation } from "../operations/operation.js";
import type { EnvironmentComparators } from "./comparators/comparator-types.js";
import type { CompareOptions, RenameHints } from "./compare/types.js";
import type { RenderItem } from "./render/render-context.js";

/**
 * The revision autogenerate is about to write, as `processRevisionDirectives`
 * sees it. Edit it in place: add, remove or replace operations.
 */
export interface RevisionDirective {
  /** The `-m` message. */
  message: string | undefined;
  /** The operations of `upgrade()`, in order. */
  upgradeOps: AnyOperation[];
  /** The operations of `downgrade()`, in order (the reverses, last first). */
  downgradeOps: AnyOperation[];
  /** The database compared against (`sqlite`, `postgresql`, `mysql`). */
  readonly dialect: string;
}

/** env.ts settings read by `revision --autogenerate`, `check` and the autogenerate API. */
export interface AutogenerateHooks {
  /** Asked for every reflected name before it is compared; `false` leaves it out (Alembic's `include_name`). */
  readonly includeName?: CompareOptions["includeName"];
  /** Asked for every object of both sides; `false` leaves it out (Alembic's `include_object`). */
  readonly includeObject?: CompareOptions["includeObject"];
  /** Which schemas take part besides the default one: `true` (all declared), a list, or a function. */
  readonly includeSchemas?: CompareOptions["includeSchemas"];
  /** Compare column types (default `true`), or a function deciding per column. */
  readonly compareType?: CompareOptions["compareType"];
  /** Compare server defaults (default `true`), or a function deciding per column. */
  readonly compareServerDefault?: CompareOptions["compareServerDefault"];
  /** Tables and columns renamed since the last revision: `{ tables: { old: "new" }, columns: { "table.old": "new" } }`. */
  readonly renames?: RenameHints;
  /**
   * Comparators of this environment: `{ schema: [fn], table: [fn] }`, each
   * returning operations to add to the diff (as `registerComparator`, but
   * scoped to this env.ts; they run after the registered ones).
   */
  readonly comparators?: EnvironmentComparators;
  /** Change the generated revision before it is rendered (Alembic's `process_revision_directives`). */
  readonly processRevisionDirectives?: (directive: RevisionDirective) => void | Promise<void>;
  /** Render some items your own way (Alembic's `render_item`). */
  readonly renderItem?: RenderItem;
  /** Group each table's changes in `op.batchAlterTable` blocks; default `true` on SQLite, `false` elsewhere. */
  readonly renderAsBatch?: boolean;
}
