import type { TableCommentData } from "../../dialects/contract/index.js";
import { notReversible } from "./operation.js";
import type { ReversibleOperation } from "./operation.js";

/**
 * Set (`comment` a string) or drop (`comment` null) a table's comment. The
 * reverse restores `existingComment`; a drop without it cannot be reversed.
 *
 * @example
 * ```ts
 * new TableComment({ table: "users", comment: "people", existingComment: null }).reverse(); // drops it
 * ```
 */
export class TableComment implements TableCommentData, ReversibleOperation {
  readonly kind = "tableComment" as const;
  readonly table: string;
  readonly schema?: string;
  readonly comment: string | null;
  readonly existingComment?: string | null;

  constructor(data: Omit<TableCommentData, "kind">) {
    this.table = data.table;
    if (data.schema !== undefined) this.schema = data.schema;
    this.comment = data.comment;
    if (data.existingComment !== undefined) this.existingComment = data.existingComment;
  }

  reverse(): TableComment {
    if (this.existingComment === undefined && this.comment === null) {
      throw notReversible(`dropTableComment("${this.table}")`, "the comment it removes is unknown", "pass existingComment");
    }
    return new TableComment({
      table: this.table,
      ...(this.schema === undefined ? {} : { schema: this.schema }),
      comment: this.existingComment ?? null,
      existingComment: this.comment,
    });
  }
}
