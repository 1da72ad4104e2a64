import { createRequire } from "node:module";
import { join } from "node:path";
import { AthanorError } from "../../util/errors.js";

const PACKAGE = "drizzle-orm";

function notFound(error: unknown, specifier: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : "";
  return (code === "MODULE_NOT_FOUND" || code === "ERR_MODULE_NOT_FOUND") && message.includes(specifier.split("/")[0]!);
}

/**
 * Load one entry point of drizzle-orm synchronously, from athanor's own
 * location first and then from the working directory's project (athanor may be
 * installed globally or linked). drizzle-orm is an optional peer: without it,
 * a one-line error says what to install.
 *
 * drizzle marks its classes with `Symbol.for` keys and compares entity kinds by
 * name, so the tables of a schema module and the functions loaded here work
 * together whichever of drizzle's builds (ESM or CommonJS) each came from.
 */
export function loadDrizzle<M>(specifier: string): M {
  const bases = [import.meta.url, join(process.cwd(), "package.json")];
  let last: unknown;
  for (const base of bases) {
    try {
      return createRequire(base)(specifier) as M;
    } catch (error) {
      if (!notFound(error, specifier)) throw error;
      last = error;
    }
  }
  throw new AthanorError(`athanor/drizzle needs the package ${PACKAGE}, which is not installed`, {
    hint: `npm install ${PACKAGE}`,
    cause: last,
  });
}
