import type { EnumType } from "../../schema/model.js";
import type { CreateEnumData } from "../schema-operation.js";
import { DropEnum } from "./drop-enum.js";
import type { ReversibleOperation } from "./operation.js";

/**
 * Create a PostgreSQL enum type. The reverse drops it, remembering its values.
 *
 * @example
 * ```ts
 * new CreateEnum({ enum: { name: "mood", values: ["sad", "ok", "happy"] } }).reverse(); // DropEnum mood
 * ```
 */
export class CreateEnum implements CreateEnumData, ReversibleOperation {
  readonly kind = "createEnum" as const;
  readonly enum: EnumType;
  readonly ifNotExists?: boolean;

  constructor(data: Omit<CreateEnumData, "kind">) {
    this.enum = data.enum;
    if (data.ifNotExists !== undefined) this.ifNotExists = data.ifNotExists;
  }

  reverse(): DropEnum {
    return new DropEnum({
      name: this.enum.name,
      ...(this.enum.schema === undefined ? {} : { schema: this.enum.schema }),
      ...(this.ifNotExists === undefined ? {} : { ifExists: this.ifNotExists }),
      enum: this.enum,
    });
  }
}
