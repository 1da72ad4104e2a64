import type { ForeignKeyAction } from "../../schema/model.js";
import { AthanorError } from "../../util/errors.js";

/** The SQL of each referential action; every supported database spells them alike. */
const ACTIONS: Readonly<Record<ForeignKeyAction, string>> = {
  cascade: "CASCADE",
  restrict: "RESTRICT",
  "set null": "SET NULL",
  "set default": "SET DEFAULT",
  "no action": "NO ACTION",
};

/**
 * The `ON DELETE` / `ON UPDATE` action as SQL; an action outside the model is
 * refused rather than written as it came.
 *
 * @example
 * ```ts
 * referentialAction("set null"); // SET NULL
 * ```
 */
export function referentialAction(action: ForeignKeyAction): string {
  const sql = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
  if (sql === undefined) {
    throw new AthanorError(`Unknown foreign key action ${JSON.stringify(action)}`, { hint: Object.keys(ACTIONS).join(", ") });
  }
  return sql;
}
