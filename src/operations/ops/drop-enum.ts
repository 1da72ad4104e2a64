import type { EnumType } from "../../schema/model.js";
import type { DropEnumData } from "../schema-operation.js";
import { CreateEnum } from "./create-enum.js";
import { notReversible } from "./operation.js";
import type { ReversibleOperation } from "./operation.js";

/**
 * Drop a PostgreSQL enum type. It reverses to a {@link CreateEnum} only when it
 * carries the type (`enum`).
 *
 * @example
 * ```ts
 * new DropEnum({ name: "mood", enum: { name: "mood", values: ["sad", "happy"] } }).reverse();
 * ```
 */
export class DropEnum implements DropEnumData, ReversibleOperation {
  readonly kind = "dropEnum" as const;
  readonly name: string;
  readonly schema?: string;
  readonly ifExists?: boolean;
  readonly enum?: EnumType;

  constructor(data: Omit<DropEnumData, "kind">) {
    this.name = data.name;
    if (data.schema !== undefined) this.schema = data.schema;
    if (data.ifExists !== undefined) this.ifExists = data.ifExists;
    if (data.enum !== undefined) this.enum = data.enum;
  }

  reverse(): CreateEnum {
    if (this.enum === undefined) {
      throw notReversible(`dropEnum("${this.name}")`, "its values are unknown", "give the drop the enum type as it was");
    }
    return new CreateEnum({ enum: this.enum, ...(this.ifExists === undefined ? {} : { ifNotExists: this.ifExists }) });
  }
}
