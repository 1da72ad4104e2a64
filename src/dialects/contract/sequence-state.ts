/**
 * A sequence's state on a live database, for what autogenerate writes about
 * it: PostgreSQL refuses an `ALTER SEQUENCE` whose new bounds leave out the
 * sequence's current value or its start.
 */

/** A sequence an alter touches: a standalone one by name, or an identity column's. */
export type SequenceTarget =
  | { readonly kind: "sequence"; readonly name: string; readonly schema?: string }
  | { readonly kind: "identity"; readonly table: string; readonly column: string; readonly schema?: string };

/** What the live database holds for one sequence; numbers as decimal text (they may exceed 2^53). */
export interface SequenceState {
  /** The value the sequence stands at (its `last_value`; the start or restart value before any is drawn). */
  readonly value: string;
  readonly start: string;
  readonly minValue: string;
  readonly maxValue: string;
  readonly type: "smallint" | "integer" | "bigint";
}

/**
 * The key of a target, the same for the alter that names it and the state read for it.
 *
 * @example
 * ```ts
 * sequenceTargetKey({ kind: "sequence", name: "invoice_numbers" }); // "sequence\u0000\u0000invoice_numbers"
 * ```
 */
export function sequenceTargetKey(target: SequenceTarget): string {
  return target.kind === "sequence"
    ? `sequence\u0000${target.schema ?? ""}\u0000${target.name}`
    : `identity\u0000${target.schema ?? ""}\u0000${target.table}\u0000${target.column}`;
}
