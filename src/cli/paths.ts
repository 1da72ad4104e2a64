import { isAbsolute, relative } from "node:path";

/** `path` relative to `cwd` when it lies inside it (shorter to read), else as given. */
export function displayPath(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}
