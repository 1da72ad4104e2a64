import { extname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

interface JitiLike {
  import(id: string): Promise<unknown>;
}

/** The jiti instance, created on first use so plain JavaScript projects never load it. */
let jitiInstance: Promise<JitiLike> | undefined;

const TYPESCRIPT_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".tsx"]);
const JAVASCRIPT_EXTENSIONS = new Set([".js", ".mjs", ".cjs"]);

/**
 * `athanor` imported from a config, env.ts or revision file resolves to the
 * running copy, so a project works with a global install and never mixes two
 * copies (whose classes would not recognise each other).
 */
const SELF_ALIASES: Readonly<Record<string, string>> = {
  "athanor/drizzle": fileURLToPath(new URL("../adapters/drizzle/index.js", import.meta.url)),
  athanor: fileURLToPath(new URL("../index.js", import.meta.url)),
};

function getJiti(): Promise<JitiLike> {
  jitiInstance ??= import("jiti").then(({ createJiti }) =>
    createJiti(import.meta.url, { fsCache: true, interopDefault: true, alias: { ...SELF_ALIASES } }),
  );
  return jitiInstance;
}

/**
 * Import a module by file path: `.js`, `.mjs` and `.cjs` through Node's own
 * `import()`, `.ts`, `.mts` and `.cts` through jiti (loaded lazily, with its
 * file-system cache on). Returns the module namespace.
 *
 * A JavaScript file Node cannot parse is handed to jiti, which names the
 * line of a syntax error (Node's message does not) and accepts `export` in a
 * `.js` file of a CommonJS package.
 *
 * @example
 * ```ts
 * const mod = await importModule<{ default: AthanorConfigInput }>("/app/athanor.config.ts");
 * ```
 */
export async function importModule<M = unknown>(path: string): Promise<M> {
  const ext = extname(path).toLowerCase();
  if (TYPESCRIPT_EXTENSIONS.has(ext)) {
    const jiti = await getJiti();
    return (await jiti.import(path)) as M;
  }
  try {
    return (await import(pathToFileURL(path).href)) as M;
  } catch (error) {
    if ((looksLikeSyntaxError(error) || missesSelf(error)) && JAVASCRIPT_EXTENSIONS.has(ext)) {
      // jiti names the line of a real syntax error, and loads ESM syntax in a
      // `.js` file of a CommonJS package, which Node refuses
      const jiti = await getJiti();
      return (await jiti.import(path)) as M;
    }
    throw error;
  }
}

/** Whether a path names a module `importModule` can load. */
export function isModulePath(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return TYPESCRIPT_EXTENSIONS.has(ext) || JAVASCRIPT_EXTENSIONS.has(ext);
}

/** Node could not resolve `athanor` itself from the file (not installed in that project). */
function missesSelf(error: unknown): boolean {
  const message = error instanceof Error ? error.message : "";
  return /Cannot find (package|module) 'athanor(\/[\w-]+)?'/.test(message);
}

function looksLikeSyntaxError(error: unknown): boolean {
  if (error instanceof SyntaxError) return true;
  const message = error instanceof Error ? error.message : String(error);
  return /parse (error|failure|failed)|syntax ?error|unexpected token/i.test(message);
}
