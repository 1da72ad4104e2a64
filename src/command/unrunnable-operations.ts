import type { Dialect, SchemaOperation, SequenceState } from "../dialects/contract/index.js";
import type { AnyOperation } from "../operations/index.js";
import { sequenceBoundsProblem } from "./sequence-bounds.js";

/** Operations a batch block applies by recreating the table, where they are not compiled one by one. */
const RECREATED_IN_BATCH = new Set(["addColumn", "dropColumn", "alterColumn", "addConstraint", "dropConstraint", "tableComment"]);

function describe(operation: AnyOperation): string {
  const o = operation as { kind: string; name?: unknown; table?: unknown; index?: { name?: unknown }; constraint?: { name?: unknown } };
  const table = typeof o.table === "string" ? o.table : typeof o.table === "object" && o.table !== null ? (o.table as { name?: unknown }).name : undefined;
  const name = [o.name, o.index?.name, o.constraint?.name].find((n) => typeof n === "string");
  if (name === undefined || name === table) return typeof table === "string" ? `${o.kind} ${JSON.stringify(table)}` : o.kind;
  return `${o.kind} ${JSON.stringify(name)}${typeof table === "string" ? ` on ${JSON.stringify(table)}` : ""}`;
}

/**
 * What a generated revision asks of the database that its server cannot run
 * (an expression index on MariaDB, a PostgreSQL-only construct elsewhere, a
 * sequence's new bounds leaving out its current value): each operation is
 * compiled by the connection's dialect, which knows the server, and a refusal
 * becomes one line naming the function, the operation and the reason, said
 * when the revision is written instead of when it is run.
 */
export function unrunnableOperations(
  dialect: Dialect,
  parts: { readonly upgrade: readonly AnyOperation[]; readonly downgrade: readonly AnyOperation[] },
  asBatch: boolean,
  /** Where the altered sequences stand on the live database (see `readSequenceStates`): an alter whose bounds leave out the value is said too. */
  sequenceStates: ReadonlyMap<string, SequenceState> = new Map(),
): string[] {
  const lines: string[] = [];
  for (const [where, operations] of [["upgrade", parts.upgrade], ["downgrade", parts.downgrade]] as const) {
    for (const operation of operations) {
      if (operation.kind === "execute" || operation.kind === "custom") continue;
      if (asBatch && RECREATED_IN_BATCH.has(operation.kind)) continue;
      let reason: string | undefined;
      try {
        dialect.ddl.compile(operation as SchemaOperation);
        reason = sequenceBoundsProblem(dialect, operation, sequenceStates);
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
      }
      if (reason !== undefined) lines.push(`${where}() will fail on this database (${dialect.name}): ${describe(operation)}: ${reason}`);
    }
  }
  return lines;
}
