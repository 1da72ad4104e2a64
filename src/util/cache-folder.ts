import { statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/**
 * Where athanor keeps what it can compute again (compiled modules, revision
 * headers): `$ATHANOR_CACHE_DIR`, else `node_modules/.cache/athanor` of the
 * nearest folder above `folder` that has node_modules, else a folder of the
 * user's in the temporary folder.
 *
 * @example
 * ```ts
 * cacheFolder("/srv/app/migrations"); // "/srv/app/node_modules/.cache/athanor"
 * ```
 */
export function cacheFolder(folder: string): string {
  const chosen = process.env["ATHANOR_CACHE_DIR"];
  if (chosen) return chosen;
  for (let current = folder; ; ) {
    const modules = join(current, "node_modules");
    if (statSync(modules, { throwIfNoEntry: false })?.isDirectory() === true) return join(modules, ".cache", "athanor");
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return join(tmpdir(), `athanor-cache-${typeof process.getuid === "function" ? process.getuid() : "user"}`);
}
