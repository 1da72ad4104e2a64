import { AthanorError } from "../util/errors.js";

// One fatal decoder for every revision file: it refuses what Buffer#toString
// would silently turn into U+FFFD, and costs no more than it.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Decode a revision file's bytes as UTF-8; a file that is not valid UTF-8 is an
 * error naming the file and the line (1-based) of its first bad byte, since
 * its text would otherwise reach the database with U+FFFD in place of the bytes.
 *
 * @example
 * ```ts
 * const text = decodeRevisionText(readFileSync(path), path);
 * ```
 */
export function decodeRevisionText(bytes: Uint8Array, file: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    const offset = firstInvalidByte(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
    const byte = bytes[offset] ?? 0;
    throw new AthanorError(
      `This revision file is not valid UTF-8 (byte 0x${byte.toString(16).padStart(2, "0")} at offset ${offset})`,
      { file, line, hint: "save the file as UTF-8, e.g. with `iconv -f latin1 -t utf-8`" },
    );
  }
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (the length when none). */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + need >= n) return i;
    let code = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    // overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8
    if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) return i;
    i += need + 1;
  }
  return n;
}
