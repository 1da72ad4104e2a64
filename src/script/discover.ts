import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync } from "node:fs";
import { sep } from "node:path";
import { FileKind, identifyFile } from "../util/file-identity.js";
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
 * folders are skipped. `identities`, when given, receives four numbers per file
 * listed (size, modification and change times, inode, through a link; NaN when
 * the file could not be asked), for {@link readScripts}.
 */
export function listRevisionFiles(locations: readonly string[], recursive: boolean, identities?: number[]): string[] {
  const files: string[] = [];
  const start = identities?.length ?? 0;
  // folders reached, by their real path; files reached through a link, by position
  const seen = new Set<string>();
  const linked = new Map<number, string>();
  const visit = (dir: string): void => {
    let entries: string[];
    try {
      // names only: each candidate is asked for its kind and identity below, one call per
      // file, where a listing with file types would build an object for every entry
      entries = readdirSync(dir);
    } catch {
      return;
    }
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    // names sorted by the built-in order of strings (a comparison function called
    // some 130,000 times over 10,000 files cost more than reading the folder)
    entries.sort();
    const subdirs: string[] = [];
    for (let k = 0; k < entries.length; k++) {
      const name = entries[k]!;
      const candidate = isRevisionFileName(name);
      const descend = recursive && name.charCodeAt(0) !== 46 /* . */ && name !== "node_modules";
      if (!candidate && !descend) continue;
      // plain concatenation, once per file: path.join's normalising is a measurable cost on 10,000 files
      const path = prefix + name;
      let found = identifyFile(path, false);
      const link = found.kind === FileKind.Link;
      if (link) found = identifyFile(path, true);
      if (found.kind === FileKind.Directory) {
        if (descend) subdirs.push(name);
        continue;
      }
      if (!candidate) continue;
      // a file, a link to one, or a path that could not be asked (reading it says what is wrong)
      if (link) linked.set(files.length, safeRealpath(path));
      files.push(path);
      if (identities === undefined) continue;
      if (found.kind === FileKind.Missing) identities.push(NaN, NaN, NaN, NaN);
      else identities.push(found.size, found.mtimeMs, found.ctimeMs, found.ino);
    }
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
  if (linked.size === 0) return files;
  // a file is listed twice only through a link (its folder is visited once): keep the first
  const kept: string[] = [];
  const reached = new Set<string>();
  for (let i = 0; i < files.length; i++) {
    const real = linked.get(i) ?? files[i]!;
    if (reached.has(real)) continue;
    reached.add(real);
    if (identities !== undefined) {
      for (let k = 0; k < 4; k++) identities[start + 4 * kept.length + k] = identities[start + 4 * i + k]!;
    }
    kept.push(files[i]!);
  }
  if (identities !== undefined) identities.length = start + 4 * kept.length;
  return kept;
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
 * `identities` are those the listing gave (each file is asked again without them).
 * `lines[i]` is the line of `export const revision` in the i-th file.
 */
export function readScripts(
  files: readonly string[],
  locations: readonly string[],
  recursive: boolean,
  identities?: readonly number[],
): { scripts: Script[]; lines: number[] } {
  const cache = HeaderCache.open(locations, recursive);
  const scripts: Script[] = new Array<Script>(files.length);
  const lines: number[] = new Array<number>(files.length);
  const identity: { -readonly [K in keyof FileIdentity]: number } = { size: 0, mtimeMs: 0, ctimeMs: 0, ino: 0 };
  for (let i = 0; i < files.length; i++) {
    const path = files[i]!;
    let known: boolean;
    if (identities !== undefined && identities.length === 4 * files.length) {
      identity.size = identities[4 * i]!;
      identity.mtimeMs = identities[4 * i + 1]!;
      identity.ctimeMs = identities[4 * i + 2]!;
      identity.ino = identities[4 * i + 3]!;
      known = !Number.isNaN(identity.size);
    } else {
      const found = identifyFile(path, true);
      known = found.kind !== FileKind.Missing;
      identity.size = found.size;
      identity.mtimeMs = found.mtimeMs;
      identity.ctimeMs = found.ctimeMs;
      identity.ino = found.ino;
    }
    const cached = known ? cache.get(i, path, identity, lines) : undefined;
    if (cached !== undefined) {
      scripts[i] = cached;
      continue;
    }
    // the identity taken before the file is read: a file that changes in between
    // keeps its old identity in the cache, so the next run reads it again
    const { line, ...script } = known ? readScript(path) : readScript(path, identity);
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
