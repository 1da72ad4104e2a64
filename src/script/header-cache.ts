import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { Script } from "./script.js";
import { cacheFolder } from "../util/cache-folder.js";

/** What identifies one version of a file on disk: its size, times and inode. */
export interface FileIdentity {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

// One entry: path (from the first version location, when inside it), size,
// mtimeMs, ctimeMs, ino, revision, downRevision, branchLabels, dependsOn,
// longDoc, doc, createDate, line.
type Entry = [
  string,
  number,
  number,
  number,
  number,
  string,
  string | readonly string[] | null,
  readonly string[] | null,
  readonly string[] | null,
  string,
  string,
  string | null,
  number,
];

const FORMAT = "athanor-headers-v3";
/** A file changed this recently may change again within the same clock tick: read it, do not keep it. */
const SETTLED_MS = 2000;

/**
 * The headers of a script location's revision files from an earlier run, kept
 * in one file per set of version locations beside the transformed-module cache
 * (`node_modules/.cache/athanor` nearest the folder, else the system's temporary
 * folder; `ATHANOR_CACHE_DIR` chooses another). An entry is used only while its
 * file has the same path, size, modification and change times and inode, so a
 * warm run opens no revision file; any other file is read again. The file is
 * written whole (temporary name, then rename) and only when something changed.
 *
 * @example
 * ```ts
 * const cache = HeaderCache.open(config.versionLocations, false);
 * const script = cache.get(path, identity) ?? readAndRemember(path);
 * cache.save();
 * ```
 */
export class HeaderCache {
  readonly #file: string;
  readonly #base: string;
  readonly #entries: Entry[];
  #byPath: Map<string, Entry> | undefined;
  readonly #next: Entry[] = [];
  #changed = false;
  readonly #now = Date.now();

  private constructor(file: string, base: string, entries: Entry[]) {
    this.#file = file;
    this.#base = base;
    this.#entries = entries;
  }

  /** The cache of these version locations (empty when there is none, or it cannot be read). */
  static open(locations: readonly string[], recursive: boolean): HeaderCache {
    const key = createHash("sha256")
      .update(`${FORMAT}\0${recursive ? 1 : 0}\0${locations.join("\0")}`)
      .digest("hex")
      .slice(0, 32);
    const folder = cacheFolder(locations[0] ?? process.cwd());
    const file = join(folder, `headers-${key}.bin`);
    let entries: Entry[] = [];
    try {
      // V8's own serialization: read back in about half the time JSON.parse takes
      const parsed = deserialize(readFileSync(file)) as { format?: unknown; entries?: unknown } | null;
      if (parsed?.format === FORMAT && Array.isArray(parsed.entries) && areEntries(parsed.entries)) {
        entries = parsed.entries as Entry[];
      }
    } catch {
      // no cache yet, or one that cannot be read: every file is read
    }
    const first = locations[0] ?? "";
    return new HeaderCache(file, first.endsWith(sep) ? first : first + sep, entries);
  }

  /**
   * The script of the `index`-th file listed, when the cache holds it with this
   * identity (its `export const revision` line then goes to `lines[index]`); the
   * entry is kept for {@link save}.
   */
  get(index: number, path: string, id: FileIdentity, lines: number[]): Script | undefined {
    let entry: Entry | undefined = this.#entries[index];
    if (entry === undefined || !this.#names(entry, path)) {
      this.#byPath ??= new Map(this.#entries.map((e) => [e[0], e]));
      entry = this.#byPath.get(this.#name(path));
    }
    if (entry === undefined || entry[1] !== id.size || entry[2] !== id.mtimeMs || entry[3] !== id.ctimeMs || entry[4] !== id.ino) {
      return undefined;
    }
    if (this.#next.length !== index || this.#entries[index] !== entry) this.#changed = true;
    this.#next.push(entry);
    lines[index] = entry[12];
    return {
      revision: entry[5],
      downRevision: entry[6],
      branchLabels: entry[7],
      dependsOn: entry[8],
      path,
      doc: entry[10],
      longDoc: entry[9],
      createDate: entry[11] ?? undefined,
    };
  }

  /** Remember a script just read from its file. */
  put(script: Script, line: number, id: FileIdentity): void {
    this.#changed = true;
    // a file changed within the last moments may change again unseen by its times
    if (this.#now - id.mtimeMs < SETTLED_MS) return;
    this.#next.push([
      this.#name(script.path),
      id.size,
      id.mtimeMs,
      id.ctimeMs,
      id.ino,
      script.revision,
      script.downRevision,
      script.branchLabels,
      script.dependsOn,
      script.longDoc,
      script.doc,
      script.createDate ?? null,
      line,
    ]);
  }

  /** Whether `entry` is the one of `path` (compared in place: no name cut out of each path). */
  #names(entry: Entry, path: string): boolean {
    const name = entry[0];
    if (name.length === path.length) return name === path;
    return path.length === this.#base.length + name.length && path.endsWith(name) && path.startsWith(this.#base);
  }

  #name(path: string): string {
    return path.startsWith(this.#base) ? path.slice(this.#base.length) : path;
  }

  /** Write the entries of this run when they differ from those read (best effort: an unwritable folder is no error). */
  save(): void {
    if (!this.#changed && this.#next.length === this.#entries.length) return;
    const temporary = `${this.#file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      mkdirSync(dirname(this.#file), { recursive: true });
      writeFileSync(temporary, serialize({ format: FORMAT, entries: this.#next }));
      renameSync(temporary, this.#file);
    } catch {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // nothing was written
      }
    }
  }
}

/**
 * Whether the values read back from the cache file have the shape of entries (a
 * damaged file is not used). A plain loop: it runs over every entry on every run.
 */
function areEntries(entries: unknown[]): boolean {
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (
      !Array.isArray(e) ||
      e.length !== 13 ||
      typeof e[0] !== "string" ||
      typeof e[5] !== "string" ||
      typeof e[9] !== "string" ||
      typeof e[10] !== "string" ||
      typeof e[12] !== "number"
    ) {
      return false;
    }
    // the size, times and inode are compared with !==: any other value only makes the file read again
    const down = e[6];
    if (down !== null && typeof down !== "string" && !isList(down)) return false;
    if ((e[7] !== null && !isList(e[7])) || (e[8] !== null && !isList(e[8])) || (e[11] !== null && typeof e[11] !== "string")) {
      return false;
    }
  }
  return true;
}

function isList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== "string") return false;
  return true;
}
