import type { EnumType } from "../../schema/model.js";
import type { CreateEnumData, DropEnumData } from "../../dialects/contract/index.js";
import { notReversible } from "./operation.js";
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
