import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { ModuleCache } from "../config/module-cache.js";
import { loadTransformer, transformerVersion } from "../config/transform-module.js";

/**
 * The two checksums of a revision file, as the history table keeps them.
 *
 * - `file`: SHA-256 of the file's bytes. Any edit changes it.
 * - `code`: SHA-256 of what runs: the file with its types stripped and
 *   reprinted by oxc (one quote style, one layout, no trailing commas), then
 *   without comments or whitespace outside string literals. An edit to
 *   comments, formatting, quotes or type annotations leaves it unchanged; an
 *   edit to what the revision does changes it. `undefined` where the
 *   transformer cannot load or the file does not parse.
 *
 * @example
 * ```ts
 * const sums = revisionChecksums("/app/migrations/versions/3f1c2a9b7d10_create_users.ts");
 * sums?.file; // "9f2b…" (64 hex digits)
 * ```
 */
export interface RevisionChecksums {
  readonly file: string;
  readonly code: string | undefined;
}

/** SHA-256 of bytes, as 64 hex digits. */
export function sha256(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The file's bytes' checksum alone, or `undefined` when it cannot be read. */
export function fileChecksum(path: string): string | undefined {
  try {
    return sha256(readFileSync(path));
  } catch {
    return undefined;
  }
}

/** Both checksums of a revision file (see {@link RevisionChecksums}); `undefined` when it cannot be read. */
export function revisionChecksums(path: string): RevisionChecksums | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  return { file: sha256(bytes), code: codeChecksum(path, bytes.toString("utf8")) };
}

const CODE_CHECKSUM_FORM = "code-checksum-1";
// read once: the transformer's version is part of every entry's key
let salt: string | undefined;

/** The bytes of revision files as they were loaded to run, until their checksums are taken. */
const loadedBytes = new Map<string, Buffer>();

/**
 * Keep the bytes a revision file was loaded from, so that
 * {@link revisionChecksumsOf} sums what ran without reading the file again.
 */
export function rememberLoadedBytes(path: string, bytes: Buffer): void {
  loadedBytes.set(path, bytes);
}

/**
 * The checksums of several revision files, as {@link revisionChecksums} gives
 * them one by one (a file that cannot be read is left out). The code checksums
 * of the whole set are one cache entry, keyed by every file's path and bytes:
 * a warm run reads that one entry instead of one a file.
 *
 * @example
 * ```ts
 * const sums = revisionChecksumsOf(plan.map((script) => script.path));
 * sums.get(plan[0].path)?.code;
 * ```
 */
export function revisionChecksumsOf(paths: readonly string[]): Map<string, RevisionChecksums> {
  const files: { path: string; bytes: Buffer; file: string }[] = [];
  for (const path of new Set(paths)) {
    try {
      const bytes = loadedBytes.get(path) ?? readFileSync(path);
      loadedBytes.delete(path);
      files.push({ path, bytes, file: sha256(bytes) });
    } catch {
      // left out: the caller's one-by-one path says what is wrong
    }
  }
  const sums = new Map<string, RevisionChecksums>();
  if (files.length === 0) return sums;
  const cache = ModuleCache.forFile(files[0]!.path, `${CODE_CHECKSUM_FORM}-set-oxc-${transformerVersion()}`);
  const key = cache.key(files.map(({ path, file }) => `${path}\0${file}`).join("\0"));
  let codes = readCodes(cache.read(key), files.length);
  if (codes === undefined) {
    const computed = files.map(({ path, bytes }) => codeChecksum(path, bytes.toString("utf8")) ?? null);
    // a checksum missing because the transformer cannot load here is not kept
    if (computed.every((code) => code !== null) || loadTransformer() !== null) cache.write(key, JSON.stringify(computed));
    codes = computed;
  }
  files.forEach(({ path, file }, i) => sums.set(path, { file, code: codes[i] ?? undefined }));
  return sums;
}

function readCodes(text: string | undefined, count: number): (string | null)[] | undefined {
  if (text === undefined) return undefined;
  try {
    const codes = JSON.parse(text) as unknown;
    if (!Array.isArray(codes) || codes.length !== count || !codes.every((c) => c === null || typeof c === "string")) return undefined;
    return codes as (string | null)[];
  } catch {
    return undefined;
  }
}

/**
 * The checksum of what a file runs (see {@link RevisionChecksums}). Cached next
 * to the transformed modules, keyed by the text: a warm run transforms nothing.
 */
export function codeChecksum(path: string, text: string): string | undefined {
  salt ??= `${CODE_CHECKSUM_FORM}-oxc-${transformerVersion()}`;
  // the folder's cache serves transformed modules too: the form in the key keeps the entries apart
  const cache = ModuleCache.forFile(path, salt);
  const key = cache.key(`${salt}\0${text}`);
  const cached = cache.read(key);
  if (cached !== undefined) return cached === "" ? undefined : cached;
  const oxc = loadTransformer();
  if (oxc === null) return undefined;
  let code: string;
  try {
    const result = oxc.transformSync(path, text, { sourceType: "module", lang: /\.[cm]?js$/i.test(path) ? "js" : "ts", target: "esnext", sourcemap: false });
    if (result.errors.length > 0) {
      cache.write(key, "");
      return undefined;
    }
    code = result.code;
  } catch {
    return undefined;
  }
  return cache.write(key, sha256(withoutCommentsAndSpace(code)));
}

/**
 * JavaScript text without comments and without whitespace outside string and
 * template literals. The input is oxc's reprint, so regular expressions are the
 * one construct read loosely: a `/` after an operator starts one.
 */
export function withoutCommentsAndSpace(code: string): string {
  let out = "";
  let i = 0;
  const n = code.length;
  // brace depth at which each open template's `${` started
  const templates: number[] = [];
  let depth = 0;
  let last = "";
  const copyQuoted = (quote: string): void => {
    const start = i;
    i++;
    while (i < n && code[i] !== quote) i += code[i] === "\\" ? 2 : 1;
    i++;
    out += code.slice(start, i);
  };
  const copyTemplate = (): void => {
    // from just after ` or } to the closing ` or the next ${
    const start = i;
    while (i < n) {
      const c = code[i]!;
      if (c === "\\") i += 2;
      else if (c === "`") {
        i++;
        break;
      } else if (c === "$" && code[i + 1] === "{") {
        i += 2;
        templates.push(depth);
        depth++;
        break;
      } else i++;
    }
    out += code.slice(start, i);
  };
  while (i < n) {
    const c = code[i]!;
    const next = code[i + 1];
    if (c === "/" && next === "/") {
      while (i < n && code[i] !== "\n") i++;
    } else if (c === "/" && next === "*") {
      const end = code.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
    } else if (/\s/.test(c)) {
      // a space stays where two words would otherwise join
      while (i < n && /\s/.test(code[i]!)) i++;
      if (/[\w$]$/.test(out) && i < n && /[\w$]/.test(code[i]!)) out += " ";
    } else if (c === "'" || c === '"') {
      copyQuoted(c);
      last = c;
    } else if (c === "`") {
      out += "`";
      i++;
      copyTemplate();
      last = "`";
    } else if (c === "/" && (last === "" || /[(,=:[!&|?{};+\-*%<>~^]$/.test(last))) {
      // a regular expression literal
      const start = i;
      i++;
      let inClass = false;
      while (i < n) {
        const r = code[i]!;
        if (r === "\\") i += 2;
        else {
          if (r === "[") inClass = true;
          else if (r === "]") inClass = false;
          else if (r === "/" && !inClass) break;
          i++;
        }
      }
      i++;
      while (i < n && /[a-z]/i.test(code[i]!)) i++;
      out += code.slice(start, i);
      last = "x";
    } else {
      if (c === "{") depth++;
      if (c === "}") {
        depth--;
        if (templates.length > 0 && templates[templates.length - 1] === depth) {
          templates.pop();
          out += "}";
          i++;
          copyTemplate();
          last = "`";
          continue;
        }
      }
      out += c;
      last = c;
      i++;
    }
  }
  return out;
}
