import type { RenameEnumValueData } from "../../dialects/contract/index.js";
import type { ReversibleOperation } from "./operation.js";

/**
 * Rename a value of a PostgreSQL enum type. The reverse renames it back.
 *
 * @example
 * ```ts
 * new RenameEnumValue({ name: "mood", from: "ok", to: "fine" }).reverse(); // fine -> ok
 * ```
 */
export class RenameEnumValue implements RenameEnumValueData, ReversibleOperation {
  readonly kind = "renameEnumValue" as const;
  readonly name: string;
  readonly schema?: string;
  readonly from: string;
  readonly to: string;

  constructor(data: Omit<RenameEnumValueData, "kind">) {
    this.name = data.name;
    if (data.schema !== undefined) this.schema = data.schema;
    this.from = data.from;
    this.to = data.to;
  }

  reverse(): RenameEnumValue {
    return new RenameEnumValue({ name: this.name, ...(this.schema === undefined ? {} : { schema: this.schema }), from: this.to, to: this.from });
  }
}
