import type { Config } from "../config/index.js";
import { AthanorError } from "../util/errors.js";

/**
 * Reads the revisions the database is at (the rows of the version table). The
 * graph commands call it only when `current` is asked for (`history -r current:`,
 * `history -i`, `show current`).
 */
export type CurrentHeadsReader = (config: Config) => Promise<readonly string[]>;

/**
 * The reader used when a command is not given one.
 */
export const defaultCurrentHeads: CurrentHeadsReader | undefined = (config) =>
  import("./current.js").then((m) => m.readCurrentHeads(config));

/** The reader to use, or an error saying why `current` cannot be answered. */
export function requireCurrentHeads(
  reader: CurrentHeadsReader | undefined,
  what: string,
): CurrentHeadsReader {
  const chosen = reader ?? defaultCurrentHeads;
  if (chosen === undefined) {
    throw new AthanorError(`${what} needs the database's current revision, which cannot be read yet`, {
      hint: "leave out 'current' and name revisions instead",
    });
  }
  return chosen;
}
