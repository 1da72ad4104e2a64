import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { AthanorError } from "../util/errors.js";
import { requireWithCodeCache } from "./driver-code-cache.js";
import { projectFolders } from "../util/project-folder.js";

/** Defined as `true` in the bundled CLI (dist/bundle/cli.cjs). */
declare const __ATHANOR_BUNDLE__: boolean | undefined;

/**
 * The command line keeps each driver's compiled code between runs (see
 * {@link requireWithCodeCache}); a program that imports athanor requires drivers as they are.
 */
const CACHED = typeof __ATHANOR_BUNDLE__ !== "undefined";

/** athanor's own folder: a development checkout, or a project that lists the drivers next to athanor. */
const OWN_FOLDER = fileURLToPath(new URL(".", import.meta.url));

/**
 * The folders a driver package is resolved from, in order: the user's project
 * (the config file's folder, then the working folder), then athanor's own
 * location. The drivers are optional peers: a project installs the one it
 * connects with, and a global install or npx finds it there.
 */
export function driverFolders(): string[] {
  return [...projectFolders(), OWN_FOLDER];
}

/**
 * Imports a database driver package on first use, so a project pays only for the
 * driver it connects with. A missing package is a one-line error naming it.
 *
 * @param pkg the package to install when missing (`pg`)
 * @param database the database's name, for messages (`PostgreSQL`)
 * @param entry the module to import when it is not the package's main one (`mysql2/promise`)
 * @param folders where to resolve it from, first match wins; default {@link driverFolders}
 */
export async function importDriver<T>(
  pkg: string,
  database: string,
  entry?: string,
  folders: readonly string[] = driverFolders(),
): Promise<T> {
  return loadDriver<T>(resolveDriver(pkg, database, entry, folders), pkg, database);
}

/**
 * The file a driver package's module is, as {@link importDriver} finds it; a
 * missing package is a one-line error naming it.
 */
export function resolveDriver(pkg: string, database: string, entry?: string, folders: readonly string[] = driverFolders()): string {
  const file = resolveFrom(entry ?? pkg, pkg, folders);
  if (file === undefined) {
    throw new AthanorError(`The ${database} driver ${pkg} is not installed; run \`npm install ${pkg}\``);
  }
  return file;
}

/**
 * Load the driver file {@link resolveDriver} found. A CommonJS file, as every
 * driver is today, is required within this call, synchronously: no ES module
 * loader starts for it (the command line starts from the code compiled on an
 * earlier run). An ES module is imported.
 */
export async function loadDriver<T>(file: string, pkg: string, database: string): Promise<T> {
  let loaded: unknown;
  try {
    loaded = await loadFile(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AthanorError(`The ${database} driver ${pkg} failed to load: ${message}`, {
      hint: `reinstall it with \`npm install ${pkg}\``,
      cause: error,
    });
  }
  return loaded as T;
}

/** What a package file exports: a CommonJS module's `module.exports`, an ES module's default export, else its namespace. */
function loadFile(file: string): unknown {
  try {
    const exported = (CACHED ? requireWithCodeCache(file) : createRequire(file)(file)) as {
      default?: unknown;
      [Symbol.toStringTag]?: unknown;
    } | null;
    // a Node that requires ES modules returns their namespace
    return exported?.[Symbol.toStringTag] === "Module" ? (exported.default ?? exported) : exported;
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code !== "ERR_REQUIRE_ESM") throw error;
  }
  return import(pathToFileURL(file).href).then((module: { default?: unknown }) => module.default ?? module);
}

/** The file `specifier` names as seen from the first folder that has it, or undefined. */
function resolveFrom(specifier: string, pkg: string, folders: readonly string[]): string | undefined {
  for (const folder of folders) {
    try {
      // A file name inside the folder: resolution starts in the folder itself and walks up.
      return createRequire(join(folder, "noop.js")).resolve(specifier);
    } catch (error) {
      if (!isNotFound(error, pkg)) {
        const message = error instanceof Error ? error.message : String(error);
        throw new AthanorError(`The driver ${pkg} cannot be resolved from ${folder}: ${message}`, {
          hint: `reinstall it with \`npm install ${pkg}\``,
          cause: error,
        });
      }
    }
  }
  return undefined;
}

function isNotFound(error: unknown, pkg: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : "";
  return code === "MODULE_NOT_FOUND" && message.includes(pkg);
}
