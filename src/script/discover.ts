import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from "node:fs";
import { sep } from "node:path";
import { HeaderCache, type FileIdentity } from "./header-cache.js";
import { readRevisionHeader } from "./read-header.js";
import type { Script } from "./script.js";
import { decodeRevisionText } from "./utf8.js";

const REVISION_EXTENSIONS = [".ts", ".mts", ".js", ".mjs"];

/**
 * Whether a file name can be a revision file: `.ts`, `.mts`, `.js` or `.mjs`,
 * not a declaration file (`.d.ts`), not hidden, not `env.*`, not a template.
 */
export function isRevisionFileName(name: string): boolean {
  if (name.startsWith(".") || name.startsWith("#") || name.startsWith("env.")) return false;
  if (/\.d\.m?ts$/.test(name) || name.endsWith(".tmpl")) return false;
  return REVISION_EXTENSIONS.some((ext) => name.endsWith(ext));
}

/**
 * Revision file paths in the version locations: each folder's files sorted by
 * name, subfolders (sorted, after the files) when `recursive`. A file reached
 * twice (through a link or overlapping locations) is listed once. Missing
 * folders are skipped.
 */
export function listRevisionFiles(locations: readonly string[], recursive: boolean): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const visit = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    for (const entry of entries) {
      // plain concatenation: path.join's normalising is a measurable cost on 10,000 files
      const path = prefix + entry.name;
      if (entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(path))) {
        if (recursive && !entry.name.startsWith(".") && entry.name !== "node_modules") subdirs.push(path);
        continue;
      }
      if (!isRevisionFileName(entry.name)) continue;
      const real = entry.isSymbolicLink() ? safeRealpath(path) : path;
      if (seen.has(real)) continue;
      seen.add(real);
      files.push(path);
    }
    for (const sub of subdirs) {
      const real = safeRealpath(sub);
      if (seen.has(`dir:${real}`)) continue;
      seen.add(`dir:${real}`);
      visit(sub);
    }
  };
  for (const location of locations) {
    if (!existsSync(location)) continue;
    const real = safeRealpath(location);
    if (seen.has(`dir:${real}`)) continue;
    seen.add(`dir:${real}`);
    visit(location);
  }
  return files;
}

function isDirectory(path: string): boolean {
  try {
    return readdirSync(path) !== undefined;
  } catch {
    return false;
  }
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Read the headers of these revision files (as {@link listRevisionFiles} lists
 * them), taking each unchanged file's header from the header cache of the
 * version locations and reading the others; the cache is then brought up to date.
 * `lines[i]` is the line of `export const revision` in the i-th file.
 */
export function readScripts(
  files: readonly string[],
  locations: readonly string[],
  recursive: boolean,
): { scripts: Script[]; lines: number[] } {
  const cache = HeaderCache.open(locations, recursive);
  const scripts: Script[] = new Array<Script>(files.length);
  const lines: number[] = new Array<number>(files.length);
  const identity: { -readonly [K in keyof FileIdentity]: number } = { size: 0, mtimeMs: 0, ctimeMs: 0, ino: 0 };
  for (let i = 0; i < files.length; i++) {
    const path = files[i]!;
    const stats = statSync(path, { throwIfNoEntry: false });
    const cached = stats === undefined ? undefined : cache.get(i, path, stats, lines);
    if (cached !== undefined) {
      scripts[i] = cached;
      continue;
    }
    const { line, ...script } = readScript(path, identity);
    cache.put(script, line, identity);
    scripts[i] = script;
    lines[i] = line;
  }
  cache.save();
  return { scripts, lines };
}

/** Read one revision file's header into a {@link Script}; `identity` receives the file's size, times and inode. */
export function readScript(
  path: string,
  identity?: { -readonly [K in keyof FileIdentity]: number },
): Script & { readonly line: number } {
  const text = readText(path, identity);
  const header = readRevisionHeader(text, path);
  return {
    revision: header.revision,
    downRevision: header.downRevision,
    branchLabels: header.branchLabels,
    dependsOn: header.dependsOn,
    path,
    doc: header.doc,
    longDoc: header.longDoc,
    createDate: header.createDate,
    line: header.line,
  };
}

const CHUNK = 64 * 1024;
let buffer: Buffer | undefined;

/** A file's text (refused when not UTF-8); one read into a shared buffer for the usual small revision file. */
function readText(path: string, identity?: { -readonly [K in keyof FileIdentity]: number }): string {
  buffer ??= Buffer.allocUnsafe(CHUNK);
  const fd = openSync(path, "r");
  try {
    if (identity !== undefined) {
      const stats = fstatSync(fd);
      identity.size = stats.size;
      identity.mtimeMs = stats.mtimeMs;
      identity.ctimeMs = stats.ctimeMs;
      identity.ino = stats.ino;
    }
    const n = readSync(fd, buffer, 0, CHUNK, 0);
    if (n < CHUNK) return decodeRevisionText(buffer.subarray(0, n), path);
  } finally {
    closeSync(fd);
  }
  return decodeRevisionText(readFileSync(path), path);
}
