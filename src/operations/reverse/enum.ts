import type { AddEnumValue, CreateEnum, DropEnum, RenameEnumValue } from "../../dialects/contract/index.js";
import { operation } from "../operation.js";
import { notReversible } from "./not-reversible.js";

/** An enum type created is dropped again, the drop remembering its values. */
export function reverseCreateEnum(create: CreateEnum): DropEnum {
  return operation("dropEnum", { name: create.enum.name, schema: create.enum.schema, ifExists: create.ifNotExists, enum: create.enum });
}

/** A dropped enum type is created again, when the drop carries the type. */
export function reverseDropEnum(drop: DropEnum): CreateEnum {
  if (drop.enum === undefined) {
    throw notReversible(`dropEnum("${drop.name}")`, "its values are unknown", "give the drop the enum type as it was");
  }
  return operation("createEnum", { enum: drop.enum, ifNotExists: drop.ifExists });
}

/** Never: PostgreSQL cannot remove a value from an enum type. */
export function reverseAddEnumValue(add: AddEnumValue): never {
  throw notReversible(
    `addEnumValue("${add.name}", "${add.value}")`,
    "PostgreSQL cannot remove a value from an enum type",
    "write the downgrade by hand: create a new type without the value, convert the columns (ALTER COLUMN ... TYPE ... USING), drop the old type and rename the new one",
  );
}

/** A renamed enum value is renamed back. */
export function reverseRenameEnumValue(rename: RenameEnumValue): RenameEnumValue {
  return operation("renameEnumValue", { name: rename.name, schema: rename.schema, from: rename.to, to: rename.from });
}
