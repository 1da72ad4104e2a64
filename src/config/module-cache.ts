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
 * each rename a whole file), and carry the SHA-256 of their content, checked
 * on reading: an entry cut short or changed on disk is never used.
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

  /** The entry of `key`, or undefined when there is none (or it is incomplete or damaged). */
  read(key: string): string | undefined {
    let text: string;
    try {
      text = readFileSync(`${this.dir}/${key}.js`, "utf8");
    } catch {
      return undefined;
    }
    // the last line: the marker, the key and the digest of everything before it
    const marker = text.lastIndexOf(`\n//athanor:${key} `);
    if (marker < 0 || text.length !== marker + key.length + 76) return undefined;
    const code = text.slice(0, marker);
    return digest(code) === text.slice(marker + key.length + 12) ? code : undefined;
  }

  /** Store `code` under `key` (best effort: a folder that cannot be written is no error). Returns `code`. */
  write(key: string, code: string): string {
    this.#writeFile(`${this.dir}/${key}.js`, `${code}\n//athanor:${key} ${digest(code)}`);
    return code;
  }

  /**
   * The texts stored together under `key` by {@link writeTexts}, or undefined
   * when there are none, not `count` of them, or the entry is incomplete or
   * damaged.
   */
  readTexts(key: string, count: number): string[] | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(`${this.dir}/${key}.set`);
    } catch {
      return undefined;
    }
    // "athanor-set <digest of the rest>\n<count>,<length of each text, comma-separated>\n<the texts>"
    const first = bytes.indexOf(10);
    const second = first < 0 ? -1 : bytes.indexOf(10, first + 1);
    if (second < 0 || bytes.toString("latin1", 0, first) !== `athanor-set ${digest(bytes.subarray(first + 1))}`) return undefined;
    const lengths = bytes.toString("latin1", first + 1, second).split(",");
    if (lengths.length !== count + 1 || lengths[0] !== String(count)) return undefined;
    lengths.shift();
    const body = bytes.subarray(second + 1);
    const text = body.toString("utf8");
    const texts: string[] = [];
    let at = 0;
    for (const length of lengths) {
      const end = at + Number(length);
      if (!(end >= at && end <= text.length)) return undefined;
      texts.push(text.slice(at, end));
      at = end;
    }
    return at === text.length ? texts : undefined;
  }

  /** Store several texts as one entry under `key` (best effort), read back whole by {@link readTexts}. */
  writeTexts(key: string, texts: readonly string[]): void {
    // the digest of the text is that of its UTF-8 bytes, which the reader sums
    const rest = `${[texts.length, ...texts.map((t) => t.length)].join(",")}\n${texts.join("")}`;
    this.#writeFile(`${this.dir}/${key}.set`, `athanor-set ${digest(rest)}\n${rest}`);
  }

  /**
   * The bytes stored under `key` by {@link writeBytes}, or undefined when there
   * are none or they are not what was written: V8 takes a code cache damaged in
   * its middle without noticing (it checks its header and length only), so the
   * entry carries its own digest.
   */
  readBytes(key: string): Buffer | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(`${this.dir}/${key}.bin`);
    } catch {
      return undefined;
    }
    const body = bytes.subarray(BYTES_HEAD.length + 65);
    if (bytes.length < BYTES_HEAD.length + 65 || bytes.toString("latin1", 0, BYTES_HEAD.length) !== BYTES_HEAD) return undefined;
    return digest(body) === bytes.toString("latin1", BYTES_HEAD.length, BYTES_HEAD.length + 64) ? body : undefined;
  }

  /** Store bytes under `key` (V8's code cache), best effort. */
  writeBytes(key: string, bytes: Buffer): void {
    this.#writeFile(`${this.dir}/${key}.bin`, Buffer.concat([Buffer.from(`${BYTES_HEAD}${digest(bytes)}\n`, "latin1"), bytes]));
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

/** The first bytes of an entry of {@link ModuleCache.writeBytes}, before the digest of the rest. */
const BYTES_HEAD = "athanor-bin ";

/** SHA-256 of an entry's content, in hex. */
function digest(content: string | Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}
