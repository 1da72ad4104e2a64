import { resolve } from "node:path";

/**
 * The folder of the configuration loaded last. Database drivers are optional
 * peers installed by the project, not by athanor, so the driver loader looks
 * here first; athanor may run from a global install or npx, far from the
 * project's node_modules.
 */
let configFolder: string | undefined;

/** Records the folder of a configuration just loaded (its file's folder or `baseDir`). */
export function rememberProjectFolder(folder: string): void {
  configFolder = resolve(folder);
}

/**
 * The folders of the user's project, most specific first: the folder of the
 * configuration loaded last, then the working folder.
 */
export function projectFolders(): string[] {
  const cwd = process.cwd();
  return configFolder === undefined || configFolder === cwd ? [cwd] : [configFolder, cwd];
}
