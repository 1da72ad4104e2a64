import type { AddEnumValue, CreateEnum, DropEnum, DropEnumValue, RenameEnumValue } from "../../dialects/contract/index.js";
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

/** An added enum value is removed again (the type made anew without it), remembering where it stood. */
export function reverseAddEnumValue(add: AddEnumValue): DropEnumValue {
  return operation("dropEnumValue", { name: add.name, schema: add.schema, value: add.value, before: add.before, after: add.after });
}

/** A removed enum value is added back where it stood. */
export function reverseDropEnumValue(drop: DropEnumValue): AddEnumValue {
  return operation("addEnumValue", { name: drop.name, schema: drop.schema, value: drop.value, before: drop.before, after: drop.after });
}

/** A renamed enum value is renamed back. */
export function reverseRenameEnumValue(rename: RenameEnumValue): RenameEnumValue {
  return operation("renameEnumValue", { name: rename.name, schema: rename.schema, from: rename.to, to: rename.from });
}
