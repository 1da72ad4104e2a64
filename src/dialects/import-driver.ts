import { AthanorError } from "../util/errors.js";

/**
 * Imports a database driver package on first use, so a project pays only for the
 * driver it connects with. A missing package is a one-line error naming it.
 */
export async function importDriver<T>(pkg: string, database: string, entry?: string): Promise<T> {
  // A plain variable keeps TypeScript from resolving optional peer packages at build time.
  const specifier: string = entry ?? pkg;
  let loaded: { default?: unknown };
  try {
    loaded = (await import(specifier)) as { default?: unknown };
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    const notFound =
      code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND" || /Cannot find (package|module)|Could not resolve/i.test(message);
    if (notFound && message.includes(pkg)) {
      throw new AthanorError(`The ${database} driver ${pkg} is not installed; run \`npm install ${pkg}\``, { cause: error });
    }
    throw new AthanorError(`The ${database} driver ${pkg} failed to load: ${message}`, {
      hint: `reinstall it with \`npm install ${pkg}\``,
      cause: error,
    });
  }
  return (loaded.default ?? loaded) as T;
}
