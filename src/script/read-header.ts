import { AthanorError } from "../util/errors.js";

/** What the header of a revision file declares. */
export interface RevisionHeader {
  readonly revision: string;
  readonly downRevision: string | readonly string[] | null;
  readonly branchLabels: readonly string[] | null;
  readonly dependsOn: readonly string[] | null;
  readonly doc: string;
  readonly longDoc: string;
  readonly createDate: string | undefined;
  /** Line of `export const revision`. */
  readonly line: number;
}

type TokenKind = "ident" | "string" | "template" | "punct" | "other";

interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  readonly line: number;
  /** Line the token ends on (multi-line template literals). */
  readonly endLine: number;
  /** A template literal with `${...}` in it. */
  readonly dynamic?: boolean;
}

const DECLARED = ["revision", "downRevision", "branchLabels", "dependsOn"] as const;
type Declared = (typeof DECLARED)[number];

const MULTI_CHAR_PUNCT = ["=>", "===", "!==", "==", "!=", "??", "?.", "||", "&&", "..."];
const MULTI_CHAR_START = "=!?|&.";

/**
 * A small tokenizer over the start of a TypeScript or JavaScript file: skips
 * whitespace and comments (keeping the first block comment as the header),
 * reads identifiers, string and template literals and punctuation.
 */
class Lexer {
  readonly #text: string;
  #pos = 0;
  #line = 1;
  #sawToken = false;
  #peeked: Token | undefined | null = null;
  header: string | undefined;
  /** Line where the last literal read by the parser ended. */
  lastLine = 0;

  constructor(text: string) {
    this.#text = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (this.#text.startsWith("#!")) {
      const end = this.#text.indexOf("\n");
      this.#pos = end < 0 ? this.#text.length : end;
    }
  }

  peek(): Token | undefined {
    if (this.#peeked === null) this.#peeked = this.#read();
    return this.#peeked;
  }

  next(): Token | undefined {
    const token = this.peek();
    this.#peeked = null;
    return token;
  }

  #read(): Token | undefined {
    const text = this.#text;
    const length = text.length;
    for (;;) {
      if (this.#pos >= length) return undefined;
      const c = text.charCodeAt(this.#pos);
      if (c === 10) {
        this.#line++;
        this.#pos++;
      } else if (c === 32 || c === 9 || c === 13 || c === 0xa0 || c === 0x2028 || c === 0x2029 || c === 11 || c === 12) {
        this.#pos++;
      } else if (c === 47 && text.charCodeAt(this.#pos + 1) === 47) {
        const end = text.indexOf("\n", this.#pos);
        this.#pos = end < 0 ? length : end;
      } else if (c === 47 && text.charCodeAt(this.#pos + 1) === 42) {
        const end = text.indexOf("*/", this.#pos + 2);
        const stop = end < 0 ? length : end;
        const body = text.slice(this.#pos + 2, stop);
        if (!this.#sawToken && this.header === undefined) this.header = body;
        this.#line += countNewlines(body);
        this.#pos = end < 0 ? length : end + 2;
      } else {
        break;
      }
    }
    this.#sawToken = true;
    const start = this.#pos;
    const line = this.#line;
    const c = text[start]!;
    if (c === '"' || c === "'") return this.#readString(c, line);
    if (c === "`") return this.#readTemplate(line);
    const code = text.charCodeAt(start);
    if (isIdentStart(code)) {
      let end = start + 1;
      while (end < length && isIdentPart(text.charCodeAt(end))) end++;
      this.#pos = end;
      return { kind: "ident", value: text.slice(start, end), line, endLine: line };
    }
    if (MULTI_CHAR_START.includes(c)) {
      for (const p of MULTI_CHAR_PUNCT) {
        if (text.startsWith(p, start)) {
          this.#pos = start + p.length;
          return { kind: "punct", value: p, line, endLine: line };
        }
      }
    }
    this.#pos = start + 1;
    return { kind: code >= 48 && code <= 57 ? "other" : "punct", value: c, line, endLine: line };
  }

  #readString(quote: string, line: number): Token {
    const text = this.#text;
    const close = text.indexOf(quote, this.#pos + 1);
    if (close > 0) {
      const value = text.slice(this.#pos + 1, close);
      if (!value.includes("\\") && !value.includes("\n")) {
        this.#pos = close + 1;
        return { kind: "string", value, line, endLine: line };
      }
    }
    let value = "";
    let i = this.#pos + 1;
    while (i < text.length) {
      const c = text[i]!;
      if (c === quote) {
        i++;
        break;
      }
      if (c === "\n") break; // unterminated; leave the rest to the parser
      if (c === "\\") {
        const n = text[i + 1] ?? "";
        value += n === "n" ? "\n" : n === "t" ? "\t" : n === "r" ? "\r" : n;
        if (n === "\n") this.#line++;
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    this.#pos = i;
    return { kind: "string", value, line, endLine: this.#line };
  }

  #readTemplate(line: number): Token {
    const text = this.#text;
    let value = "";
    let dynamic = false;
    let i = this.#pos + 1;
    while (i < text.length) {
      const c = text[i]!;
      if (c === "`") {
        i++;
        break;
      }
      if (c === "\\") {
        value += text[i + 1] ?? "";
        if (text[i + 1] === "\n") this.#line++;
        i += 2;
        continue;
      }
      if (c === "$" && text[i + 1] === "{") {
        dynamic = true;
        let depth = 1;
        i += 2;
        while (i < text.length && depth > 0) {
          if (text[i] === "{") depth++;
          else if (text[i] === "}") depth--;
          else if (text[i] === "\n") this.#line++;
          i++;
        }
        continue;
      }
      if (c === "\n") this.#line++;
      value += c;
      i++;
    }
    this.#pos = i;
    return { kind: "template", value, line, endLine: this.#line, dynamic };
  }
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c > 0x7f;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

const OPEN = new Set(["{", "(", "["]);
const CLOSE = new Set(["}", ")", "]"]);

/** The text of a block comment without its `*` margins and blank edges. */
export function cleanComment(body: string): string {
  // the usual comment, its lines ended by "\n" alone, line by line (read for each of
  // thousands of files, mostly before V8 optimizes anything); any other through the
  // expressions below, which also take "\r", U+2028 and U+2029 as line ends
  if (body.includes("\r") || body.includes("\u2028") || body.includes("\u2029")) return cleanCommentText(body);
  let pos = 0;
  while (body.charCodeAt(pos) === 42 /* * */) pos++;
  const lines: string[] = [];
  for (;;) {
    const newline = body.indexOf("\n", pos);
    const end = newline < 0 ? body.length : newline;
    let from = pos;
    while (from < end && isBlank(body.charCodeAt(from))) from++;
    if (from < end && body.charCodeAt(from) === 42 /* * */) from++;
    if (from < end && body.charCodeAt(from) === 32) from++;
    let to = end;
    while (to > from && isBlank(body.charCodeAt(to - 1))) to--;
    lines.push(body.slice(from, to));
    if (newline < 0) break;
    pos = newline + 1;
  }
  let first = 0;
  let last = lines.length;
  while (first < last && lines[first] === "") first++;
  while (last > first && lines[last - 1] === "") last--;
  return first === 0 && last === lines.length ? lines.join("\n") : lines.slice(first, last).join("\n");
}

const isBlank = (c: number): boolean => c === 32 || c === 9;

/** {@link cleanComment} by regular expressions, for any comment. */
export function cleanCommentText(body: string): string {
  return body
    .replace(/^\*+/, "")
    .replace(/^[ \t]*\*? ?/gm, "")
    .replace(/[ \t\r]+$/gm, "")
    .replace(/^\n+|\n+$/g, "");
}

/**
 * Put text into a block comment: a `*` followed by backslashes (none or more)
 * and `/` gets one more backslash, so the text never closes the comment, and
 * {@link unescapeCommentText} gives back exactly the text, including a `*`,
 * backslash, `/` the text had itself.
 *
 * @example
 * ```ts
 * escapeCommentText("a *" + "/ b"); // "a *" + "\\/ b"
 * ```
 */
export function escapeCommentText(text: string): string {
  return text.replace(/\*(\\*)\//g, "*$1\\/");
}

/** The inverse of {@link escapeCommentText}: one backslash less between `*` and `/`. */
export function unescapeCommentText(text: string): string {
  return text.includes("*\\") ? text.replace(/\*\\(\\*)\//g, "*$1/") : text;
}

class NotLiteral extends Error {
  constructor(readonly line: number) {
    super("not a literal");
  }
}

/**
 * Read the header of a revision file without running it: the leading block
 * comment (message and long description) and the literal values of
 * `export const revision`, `downRevision`, `branchLabels` and `dependsOn`.
 * Scanning stops at the first function declaration.
 *
 * Type annotations, `as const`, any quote style, trailing commas and arrays
 * over several lines are accepted; anything that is not a literal is an error,
 * since the value cannot be known without running the file.
 *
 * @example
 * ```ts
 * readRevisionHeader('export const revision = "ae1027a6acf";\nexport const downRevision = null;', "a.ts");
 * // { revision: "ae1027a6acf", downRevision: null, ... }
 * ```
 */
export function readRevisionHeader(text: string, file: string): RevisionHeader {
  return readPlainHeader(text) ?? readHeaderTokens(text, file);
}

// The plain shape `athanor revision` writes, line by line: a leading block comment,
// then only blank lines, `//` comments, one-line imports and one-line
// `export const <name>[: type] = <literal>;` until all four names are read. Any
// other line gives the file to the tokenizer below, which reads every shape and
// explains what it refuses; on the plain shape both give the same header.
const PLAIN_IMPORT = /^import\s(?:[^;"'`]*\sfrom\s*)?(?:"[^"\\\n]*"|'[^'\\\n]*')\s*;?$/;
const PLAIN_DECLARATION =
  /^export\s+const\s+(revision|downRevision|branchLabels|dependsOn)\s*(?::[\w\s|[\].<>,]*)?=\s*(.*?)\s*;?$/;
const PLAIN_STRING = /^(?:"([^"\\\n]*)"|'([^'\\\n]*)')$/;
const PLAIN_ARRAY = /^\[\s*(?:(?:"[^"\\\n]*"|'[^'\\\n]*')\s*,\s*)*(?:(?:"[^"\\\n]*"|'[^'\\\n]*')\s*)?\]$/;
const PLAIN_ITEM = /"([^"\\\n]*)"|'([^'\\\n]*)'/g;

/** The header of a file in the plain shape, or undefined for any other shape. */
function readPlainHeader(text: string): RevisionHeader | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith("/*", start)) return undefined;
  const close = text.indexOf("*/", start + 2);
  if (close < 0) return undefined;
  const comment = text.slice(start + 2, close);
  let line = 1 + countNewlines(comment);
  let pos = close + 2;
  let revision: string | undefined;
  let revisionLine = 0;
  let down: string | readonly string[] | null = null;
  let labels: string | readonly string[] | null = null;
  let deps: string | readonly string[] | null = null;
  const seen = new Set<string>();
  let first = true;
  // the rest of the comment's own line must be blank
  while (seen.size < 4) {
    if (pos >= text.length) return undefined;
    const end = text.indexOf("\n", pos);
    const stop = end < 0 ? text.length : end;
    const content = text.slice(pos, stop).trim();
    pos = stop + 1;
    if (!first) line++;
    const onCommentLine = first;
    first = false;
    if (content === "" || (content.startsWith("//") && !onCommentLine)) continue;
    if (onCommentLine) return undefined;
    if (content.startsWith("import")) {
      if (!PLAIN_IMPORT.test(content)) return undefined;
      continue;
    }
    const m = PLAIN_DECLARATION.exec(content);
    if (m === null) return undefined;
    const name = m[1]!;
    const literal = m[2]!;
    let value: string | readonly string[] | null;
    const single = PLAIN_STRING.exec(literal);
    if (single !== null) value = single[1] ?? single[2]!;
    else if (name !== "revision" && (literal === "null" || literal === "undefined")) value = null;
    else if (name !== "revision" && PLAIN_ARRAY.test(literal)) {
      const items: string[] = [];
      for (const item of literal.matchAll(PLAIN_ITEM)) items.push(item[1] ?? item[2]!);
      value = items;
    } else return undefined;
    if (name === "revision") {
      if (typeof value !== "string" || value === "") return undefined;
      revision = value;
      revisionLine = line;
    } else if (name === "downRevision") down = value;
    else if (name === "branchLabels") labels = value;
    else deps = value;
    seen.add(name);
  }
  if (revision === undefined) return undefined;
  const longDoc = unescapeCommentText(cleanComment(comment));
  return {
    revision,
    downRevision: normalizeDown(down),
    branchLabels: asList(labels),
    dependsOn: asList(deps),
    doc: longDoc.split("\n", 1)[0]!.trim(),
    longDoc,
    createDate: createDateOf(longDoc),
    line: revisionLine,
  };
}

/** {@link readRevisionHeader} through the tokenizer alone, whatever the shape (the plain shape's reader is skipped). */
export function readHeaderTokens(text: string, file: string): RevisionHeader {
  const lexer = new Lexer(text);
  const found = new Map<Declared, { value: string | readonly string[] | null; line: number }>();
  let depth = 0;

  scan: for (;;) {
    const token = lexer.next();
    if (token === undefined) break;
    if (token.kind === "punct") {
      if (OPEN.has(token.value)) depth++;
      else if (CLOSE.has(token.value)) depth = Math.max(0, depth - 1);
      continue;
    }
    if (token.kind !== "ident" || depth > 0) continue;
    if (token.value === "function") break;
    if (token.value === "async" && lexer.peek()?.value === "function") break;
    if (token.value !== "export") continue;
    const keyword = lexer.peek();
    if (keyword?.kind !== "ident") continue;
    if (keyword.value === "function" || keyword.value === "async" || keyword.value === "class") break scan;
    if (keyword.value !== "const" && keyword.value !== "let" && keyword.value !== "var") continue;
    lexer.next();
    const name = lexer.peek();
    if (name?.kind !== "ident" || !(DECLARED as readonly string[]).includes(name.value)) continue;
    lexer.next();
    const key = name.value as Declared;
    try {
      found.set(key, { value: readDeclaration(lexer, key), line: name.line });
    } catch (error) {
      if (!(error instanceof NotLiteral)) throw error;
      throw new AthanorError(
        key === "revision"
          ? "revision must be a string literal"
          : `${key} must be a string literal, an array of string literals, or null`,
        {
          file,
          line: error.line,
          hint: "athanor reads revision headers without running the file, so the value must be written out",
        },
      );
    }
    if (found.size === DECLARED.length) break;
  }

  const revision = found.get("revision");
  if (revision === undefined) {
    throw new AthanorError('No `export const revision = "..."` in this file', {
      file,
      hint: "every file in a version location must declare its revision id; move other modules out of the versions folder",
    });
  }
  if (typeof revision.value !== "string" || revision.value === "") {
    throw new AthanorError("revision must be a non-empty string literal", { file, line: revision.line });
  }
  const longDoc = lexer.header === undefined ? "" : unescapeCommentText(cleanComment(lexer.header));
  return {
    revision: revision.value,
    downRevision: normalizeDown(found.get("downRevision")?.value ?? null),
    branchLabels: asList(found.get("branchLabels")?.value ?? null),
    dependsOn: asList(found.get("dependsOn")?.value ?? null),
    doc: longDoc.split("\n", 1)[0]!.trim(),
    longDoc,
    createDate: createDateOf(longDoc),
    line: revision.line,
  };
}

/** The `Create Date:` line of a header comment, when it has one. */
export function createDateOf(longDoc: string): string | undefined {
  let at = longDoc.indexOf("Create Date:");
  if (at < 0) return undefined;
  if (longDoc.includes("\r") || longDoc.includes("\u2028") || longDoc.includes("\u2029")) {
    return /^Create Date:[ \t]*(.+)$/m.exec(longDoc)?.[1]?.trim() || undefined;
  }
  // the first line that starts with it and has something after it
  for (; at >= 0; at = longDoc.indexOf("Create Date:", at + 1)) {
    if (at > 0 && longDoc.charCodeAt(at - 1) !== 10) continue;
    const from = at + "Create Date:".length;
    const newline = longDoc.indexOf("\n", from);
    const end = newline < 0 ? longDoc.length : newline;
    if (end > from) return longDoc.slice(from, end).trim() || undefined;
  }
  return undefined;
}

function normalizeDown(value: string | readonly string[] | null): string | readonly string[] | null {
  if (value === null || typeof value === "string") return value === "" ? null : value;
  if (value.length === 0) return null;
  return value.length === 1 ? value[0]! : value;
}

function asList(value: string | readonly string[] | null): readonly string[] | null {
  if (value === null) return null;
  const list = typeof value === "string" ? [value] : value;
  return list.length === 0 ? null : list;
}

/** After the name: an optional type annotation, `=`, a literal, an optional `as`/`satisfies`. */
function readDeclaration(lexer: Lexer, key: Declared): string | readonly string[] | null {
  let token = lexer.next();
  if (token === undefined) throw new NotLiteral(0);
  if (token.value === ":") {
    let depth = 0;
    for (;;) {
      token = lexer.next();
      if (token === undefined) throw new NotLiteral(0);
      if (token.kind !== "punct") continue;
      if (OPEN.has(token.value) || token.value === "<") depth++;
      else if (CLOSE.has(token.value) || token.value === ">") depth--;
      else if (token.value === "=" && depth <= 0) break;
      else if (token.value === ";" && depth <= 0) throw new NotLiteral(token.line);
    }
  }
  if (token.value !== "=") throw new NotLiteral(token.line);
  const valueToken = lexer.next();
  if (valueToken === undefined) throw new NotLiteral(token.line);
  const value = readLiteral(lexer, valueToken, key);
  const endLine = lexer.lastLine;
  const after = lexer.peek();
  if (after !== undefined && after.line === endLine) {
    if (after.kind === "ident" && (after.value === "as" || after.value === "satisfies")) {
      skipTypeTail(lexer);
    } else if (after.value === ";" || after.value === ",") {
      // end of statement (a `,` starts another declarator, ignored)
    } else {
      throw new NotLiteral(after.line);
    }
  }
  return value;
}

/** Skip an `as const` / `satisfies T` tail, up to `;` or the end of the line. */
function skipTypeTail(lexer: Lexer): void {
  let depth = 0;
  let line = lexer.peek()?.line ?? 0;
  for (;;) {
    const t = lexer.peek();
    if (t === undefined) return;
    if (depth <= 0 && (t.value === ";" || t.line > line)) return;
    lexer.next();
    line = t.endLine;
    if (OPEN.has(t.value) || t.value === "<") depth++;
    else if (CLOSE.has(t.value) || t.value === ">") depth--;
  }
}

function readLiteral(lexer: Lexer, token: Token, key: Declared): string | readonly string[] | null {
  const single = literalString(token);
  if (single !== undefined) {
    lexer.lastLine = token.endLine;
    return single;
  }
  if (token.kind === "ident" && (token.value === "null" || token.value === "undefined") && key !== "revision") {
    lexer.lastLine = token.endLine;
    return null;
  }
  if (token.value === "[" && key !== "revision") {
    const items: string[] = [];
    for (;;) {
      const t = lexer.next();
      if (t === undefined) throw new NotLiteral(token.line);
      if (t.value === "]") {
        lexer.lastLine = t.line;
        return items;
      }
      const s = literalString(t);
      if (s === undefined) throw new NotLiteral(t.line);
      items.push(s);
      const sep = lexer.next();
      if (sep?.value === "]") {
        lexer.lastLine = sep.line;
        return items;
      }
      if (sep?.value !== ",") throw new NotLiteral(sep?.line ?? t.line);
    }
  }
  throw new NotLiteral(token.line);
}

function literalString(token: Token): string | undefined {
  if (token.kind === "string") return token.value;
  if (token.kind === "template" && !token.dynamic) return token.value;
  return undefined;
}
