import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { cacheFolder } from "../util/cache-folder.js";

/**
 * Transformed modules on disk, keyed by a hash of the source text and the
 * transformer's version: a changed file has a new key, so an entry is never
 * stale. Entries live in the `node_modules/.cache/athanor` folder nearest the
 * source file (else the system's temporary folder), are written to a
 * temporary name and renamed into place (two processes writing the same entry
 * each rename a whole file), and end with a marker line checked on reading,
 * so a half-written entry is never used.
 *
 * @example
 * ```ts
 * const cache = ModuleCache.forFile("/app/migrations/versions/a1_add.ts", "oxc-0.158.0");
 * const key = cache.key(text);
 * const code = cache.read(key) ?? cache.write(key, transform(text));
 * ```
 */
export class ModuleCache {
  /** The cache folder. */
  readonly dir: string;
  readonly #salt: string;

  private constructor(dir: string, salt: string) {
    this.dir = dir;
    this.#salt = salt;
  }

  static #byFolder = new Map<string, ModuleCache>();

  /** The cache serving `file`; `ATHANOR_CACHE_DIR` overrides where it lives. */
  static forFile(file: string, salt: string): ModuleCache {
    const folder = dirname(file);
    let cache = ModuleCache.#byFolder.get(folder);
    if (cache === undefined) {
      cache = new ModuleCache(cacheFolder(folder), salt);
      ModuleCache.#byFolder.set(folder, cache);
    }
    return cache;
  }

  /** The key of a source text. */
  key(text: string): string {
    return createHash("sha256").update(this.#salt).update("\0").update(text).digest("hex").slice(0, 40);
  }

  /** The key of several texts together, in order (each one's length is part of it, so no two lists share a key). */
  keyOfAll(texts: readonly string[]): string {
    const hash = createHash("sha256").update(this.#salt);
    for (const text of texts) hash.update(`\0${text.length}\0`).update(text);
    return hash.digest("hex").slice(0, 40);
  }

  /** The entry of `key`, or undefined when there is none (or it is incomplete). */
  read(key: string): string | undefined {
    let text: string;
    try {
      text = readFileSync(`${this.dir}/${key}.js`, "utf8");
    } catch {
      return undefined;
    }
    const marker = `\n//athanor:${key}`;
    return text.endsWith(marker) ? text.slice(0, -marker.length) : undefined;
  }

  /** The bytes stored under `key` by {@link writeBytes}, or undefined. */
  readBytes(key: string): Buffer | undefined {
    try {
      return readFileSync(`${this.dir}/${key}.bin`);
    } catch {
      return undefined;
    }
  }

  /** Store bytes under `key` (V8's code cache, which checks its own integrity), best effort. */
  writeBytes(key: string, bytes: Buffer): void {
    this.#writeFile(`${this.dir}/${key}.bin`, bytes);
  }

  /** Store `code` under `key` (best effort: a folder that cannot be written is no error). Returns `code`. */
  write(key: string, code: string): string {
    this.#writeFile(`${this.dir}/${key}.js`, `${code}\n//athanor:${key}`);
    return code;
  }

  /** Write to a temporary name, then rename: a reader sees the whole file or none. */
  #writeFile(file: string, content: string | Buffer): void {
    const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      if (!this.#made) mkdirSync(this.dir, { recursive: true });
      this.#made = true;
      writeFileSync(temporary, content);
      renameSync(temporary, file);
    } catch {
      try {
        rmSync(temporary, { force: true });
      } catch {
        // nothing was written
      }
    }
  }

  #made = false;
}
