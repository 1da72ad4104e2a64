import { AthanorError } from "../../util/errors.js";

/**
 * What every operation object offers besides its data: the operation that undoes
 * it. Autogenerate builds the downgrade of a revision from the reverses of its
 * upgrade operations.
 */
export interface ReversibleOperation {
  readonly kind: string;
  /** The operation that undoes this one; throws an AthanorError when that cannot be known. */
  reverse(): ReversibleOperation;
}

/** The error of an operation that cannot be reversed. */
export function notReversible(what: string, why: string, hint?: string): AthanorError {
  return new AthanorError(`${what} cannot be reversed: ${why}`, hint === undefined ? {} : { hint });
}

