import type { AddEnumValueData } from "../../dialects/contract/index.js";
import { notReversible } from "./operation.js";
import type { ReversibleOperation } from "./operation.js";

/**
 * Add a value to a PostgreSQL enum type (`ALTER TYPE ... ADD VALUE`). Not
 * reversible: PostgreSQL cannot remove a value from an enum type.
 *
 * @example
 * ```ts
 * new AddEnumValue({ name: "mood", value: "meh", after: "sad" });
 * ```
 */
export class AddEnumValue implements AddEnumValueData, ReversibleOperation {
  readonly kind = "addEnumValue" as const;
  readonly name: string;
  readonly schema?: string;
  readonly value: string;
  readonly before?: string;
  readonly after?: string;
  readonly ifNotExists?: boolean;

  constructor(data: Omit<AddEnumValueData, "kind">) {
    this.name = data.name;
    if (data.schema !== undefined) this.schema = data.schema;
    this.value = data.value;
    if (data.before !== undefined) this.before = data.before;
    if (data.after !== undefined) this.after = data.after;
    if (data.ifNotExists !== undefined) this.ifNotExists = data.ifNotExists;
  }

  reverse(): never {
    throw notReversible(
      `addEnumValue("${this.name}", "${this.value}")`,
      "PostgreSQL cannot remove a value from an enum type",
      "write the downgrade by hand: create a new type without the value, convert the columns (ALTER COLUMN ... TYPE ... USING), drop the old type and rename the new one",
    );
  }
}
