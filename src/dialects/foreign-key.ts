import type { ForeignKey } from "../schema/model.js";
import { AthanorError } from "../util/errors.js";

/** A foreign key must pair each local column with one referenced column. */
export function assertForeignKeyColumns(fk: ForeignKey): void {
  if (fk.columns.length === fk.refColumns.length && fk.columns.length > 0) return;
  throw new AthanorError(
    `Foreign key ${JSON.stringify(fk.name ?? fk.columns.join(", "))} has ${fk.columns.length} column(s) referencing ${fk.refColumns.length}`,
    { hint: "give as many referenced columns as local ones, at least one" },
  );
}
