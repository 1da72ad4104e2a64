import type { AlterColumnData, ColumnChanges, ExistingColumn } from "../../dialects/contract/index.js";
import { notReversible } from "./operation.js";
import type { ReversibleOperation } from "./operation.js";

const ASPECTS = ["type", "nullable", "serverDefault", "comment", "autoincrement"] as const;

/**
 * Change a column: its type (with PostgreSQL `USING`), nullability, server
 * default, comment, autoincrement or name. `existing` describes the column
 * before the change (MySQL's MODIFY restates the whole column; the reverse
 * needs it). The reverse swaps `changes` and `existing`.
 *
 * @example
 * ```ts
 * new AlterColumn({ table: "users", name: "email", changes: { nullable: false }, existing: { nullable: true } })
 *   .reverse(); // changes { nullable: true }, existing { nullable: false }
 * ```
 */
export class AlterColumn implements AlterColumnData, ReversibleOperation {
  readonly kind = "alterColumn" as const;
  readonly table: string;
  readonly schema?: string;
  readonly name: string;
  readonly changes: ColumnChanges;
  readonly existing: ExistingColumn;

  constructor(data: Omit<AlterColumnData, "kind">) {
    this.table = data.table;
    if (data.schema !== undefined) this.schema = data.schema;
    this.name = data.name;
    this.changes = data.changes;
    this.existing = data.existing;
  }

  /** Whether the operation changes anything at all. */
  hasChanges(): boolean {
    return ASPECTS.some((aspect) => this.changes[aspect] !== undefined) || this.changes.newName !== undefined;
  }

  reverse(): AlterColumn {
    const changes: Record<string, unknown> = {};
    const existing: Record<string, unknown> = {};
    for (const aspect of ASPECTS) {
      const now = this.changes[aspect];
      const before = this.existing[aspect];
      if (now !== undefined) {
        if (before === undefined) {
          throw notReversible(
            `alterColumn("${this.table}", "${this.name}")`,
            `its ${aspect} before the change is unknown`,
            `pass existing${aspect[0]!.toUpperCase()}${aspect.slice(1)} so the downgrade can restore it`,
          );
        }
        changes[aspect] = before;
        existing[aspect] = now;
      } else if (before !== undefined) {
        existing[aspect] = before;
      }
    }
    if (this.changes.newName !== undefined) changes["newName"] = this.name;
    return new AlterColumn({
      table: this.table,
      ...(this.schema === undefined ? {} : { schema: this.schema }),
      name: this.changes.newName ?? this.name,
      changes: changes as ColumnChanges,
      existing: existing as ExistingColumn,
    });
  }
}
