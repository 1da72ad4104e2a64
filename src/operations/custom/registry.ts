import { AthanorError } from "../../util/errors.js";
import type { StoredCustomDefinition } from "./custom-definition.js";

/**
 * The custom operations of this process, by name. Registration happens when
 * env.ts (or a module it imports) runs, before any revision file is loaded,
 * as Alembic's `Operations.register_operation` does at import time. The map
 * hangs off `globalThis` so that env.ts, which may load its own copy of the
 * package, and the runtime see the same registrations.
 */
const REGISTRY = Symbol.for("athanor.customOperations");
const definitions: Map<string, StoredCustomDefinition> = ((globalThis as Record<symbol, unknown>)[REGISTRY] ??= new Map()) as Map<string, StoredCustomDefinition>;

export function storeCustomDefinition(definition: StoredCustomDefinition): void {
  definitions.set(definition.name, definition);
}

export function forgetCustomDefinition(name: string, definition: StoredCustomDefinition): void {
  if (definitions.get(name) === definition) definitions.delete(name);
}

export function customDefinition(name: string): StoredCustomDefinition | undefined {
  return definitions.get(name);
}

/** Every registered definition, in registration order. */
export function customDefinitions(): readonly StoredCustomDefinition[] {
  return [...definitions.values()];
}

/** The definition of a registered operation, or an error saying to register it. */
export function requireCustomDefinition(name: string): StoredCustomDefinition {
  const definition = definitions.get(name);
  if (definition === undefined) {
    throw new AthanorError(`The custom operation ${name} is not registered`, {
      hint: "call registerOperation({ name: ... }) in env.ts, or in a module env.ts imports",
    });
  }
  return definition;
}
