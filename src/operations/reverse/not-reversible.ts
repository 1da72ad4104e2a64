import { AthanorError } from "../../util/errors.js";

/** The error of an operation that cannot be reversed. */
export function notReversible(what: string, why: string, hint?: string): AthanorError {
  return new AthanorError(`${what} cannot be reversed: ${why}`, hint === undefined ? {} : { hint });
}
