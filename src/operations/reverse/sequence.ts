import type { AlterSequence, CreateSequence, DropSequence, SequenceChanges } from "../../dialects/contract/index.js";
import { operation } from "../operation.js";
import { notReversible } from "./not-reversible.js";

/** A sequence created is dropped again, the drop remembering the sequence. */
export function reverseCreateSequence(create: CreateSequence): DropSequence {
  return operation("dropSequence", { name: create.sequence.name, schema: create.sequence.schema, ifExists: create.ifNotExists, sequence: create.sequence });
}

/** A dropped sequence is created again, when the drop carries it. */
export function reverseDropSequence(drop: DropSequence): CreateSequence {
  if (drop.sequence === undefined) {
    throw notReversible(`dropSequence("${drop.name}")`, "the sequence's definition is unknown", "give the drop the sequence as it was");
  }
  return operation("createSequence", { sequence: drop.sequence, ifNotExists: drop.ifExists });
}

/**
 * An altered sequence takes its options back: every changed one must be known
 * as it was. A `restart` is not undone (the values drawn since are not known).
 */
export function reverseAlterSequence(alter: AlterSequence): AlterSequence {
  const keys = (Object.keys(alter.changes) as (keyof SequenceChanges)[]).filter((key) => key !== "restart");
  for (const key of keys) {
    if (alter.changes[key] !== undefined && alter.existing[key] === undefined) {
      throw notReversible(`alterSequence("${alter.name}")`, `its ${key} before the change is unknown`, `pass existing.${key}`);
    }
  }
  const changes: Record<string, unknown> = {};
  for (const key of keys) {
    if (alter.changes[key] !== undefined) changes[key] = alter.existing[key];
  }
  const { restart: _restart, ...forward } = alter.changes;
  return operation("alterSequence", { name: alter.name, schema: alter.schema, changes: changes as SequenceChanges, existing: forward });
}
