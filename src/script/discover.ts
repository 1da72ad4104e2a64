import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync } from "node:fs";
import { sep } from "node:path";
import { HeaderCache, type FileIdentity } from "./header-cache.js";
import { readRevisionHeader } from "./read-header.js";
import type { Script } from "./script.js";
import { decodeRevisionText } from "./utf8.js";

/**
 * Whether a file name can be a revision file: `.ts`, `.mts`, `.js` or `.mjs`,
 * not a declaration file (`.d.ts`), not hidden, not `env.*`, not a template.
 */
export function isRevisionFileName(name: string): boolean {
  // plain string tests: this runs once for each of thousands of files, mostly before V8 optimizes it
  const first = name.charCodeAt(0);
  if (first === 46 /* . */ || first === 35 /* # */ || name.startsWith("env.")) return false;
  if (name.endsWith(".ts")) return !name.endsWith(".d.ts");
  if (name.endsWith(".mts")) return !name.endsWith(".d.mts");
  return name.endsWith(".js") || name.endsWith(".mjs");
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
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    // names sorted by the built-in order of strings (a comparison function called
    // some 130,000 times over 10,000 files cost more than reading the folder)
    const names: string[] = [];
    const links = new Set<string>();
    const subdirs: string[] = [];
    for (let k = 0; k < entries.length; k++) {
      const entry = entries[k]!;
      const name = entry.name;
      if (entry.isFile()) {
        if (isRevisionFileName(name)) names.push(name);
      } else if (entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(prefix + name))) {
        if (recursive && !name.startsWith(".") && name !== "node_modules") subdirs.push(name);
      } else if (isRevisionFileName(name)) {
        names.push(name);
        if (entry.isSymbolicLink()) links.add(name);
      }
    }
    names.sort();
    for (let k = 0; k < names.length; k++) {
      // plain concatenation: path.join's normalising is a measurable cost on 10,000 files
      const path = prefix + names[k]!;
      const real = links.size > 0 && links.has(names[k]!) ? safeRealpath(path) : path;
      if (seen.has(real)) continue;
      seen.add(real);
      files.push(path);
    }
    subdirs.sort();
    for (const name of subdirs) {
      const sub = prefix + name;
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
    // the identity taken before the file is read: a file that changes in between
    // keeps its old identity in the cache, so the next run reads it again
    const { line, ...script } = stats === undefined ? readScript(path, identity) : readScript(path);
    cache.put(script, line, stats ?? identity);
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
