import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A TypeScript or JavaScript module turned into the body of an async function
 * that imports through `__vite_ssr_import__` and writes its exports to
 * `__vite_ssr_exports__` (the shape of Vite's module runner), with every
 * statement on the line it had in the source, so stack traces and messages
 * name the right line.
 */
export interface TransformedModule {
  /** The function body. */
  readonly code: string;
}

/** Names of the function parameters the transformed code refers to. */
export const MODULE_PARAMETERS = [
  "__vite_ssr_import__",
  "__vite_ssr_dynamic_import__",
  "__vite_ssr_exports__",
  "__vite_ssr_exportAll__",
  "__vite_ssr_import_meta__",
] as const;

interface OxcError {
  readonly message: string;
  readonly labels?: readonly { readonly start: number }[];
}
interface OxcMap {
  readonly mappings: string;
}
interface OxcResult {
  readonly code: string;
  readonly map?: OxcMap;
  readonly errors: readonly OxcError[];
}
interface Oxc {
  transformSync(file: string, text: string, options?: object): OxcResult;
  moduleRunnerTransformSync(file: string, text: string, options: object): OxcResult;
}

let oxc: Oxc | null | undefined;

/**
 * oxc-transform, loaded on first use; `null` where its native binding is missing.
 * Its entry is an ES module whose work is choosing the native binding package
 * for this platform, and requiring it starts Node's ES module loader (some
 * 20 ms); the binding this platform would get is required directly instead,
 * when it is installed at the transformer's own version (see
 * {@link requireBinding}), else the entry is.
 */
export function loadTransformer(): Oxc | null {
  if (oxc === undefined) {
    const require = createRequire(import.meta.url);
    try {
      oxc = requireBinding(require) ?? (require("oxc-transform") as Oxc);
    } catch {
      oxc = null;
    }
  }
  return oxc;
}

/**
 * The native binding package oxc-transform's entry would pick first on this
 * platform, required from the entry's own folder; undefined (the entry then
 * decides) on any other platform, under the environment variables that make the
 * entry choose otherwise, where the package is missing or at another version
 * than the transformer, or where it lacks the calls used here.
 */
function requireBinding(require: NodeJS.Require): Oxc | undefined {
  if (process.env["NAPI_RS_NATIVE_LIBRARY_PATH"] || process.env["NAPI_RS_FORCE_WASI"] || process.versions["webcontainer"]) return undefined;
  const name = bindingPackage();
  if (name === undefined) return undefined;
  try {
    const manifest = transformerManifest();
    if (manifest === undefined) return undefined;
    const fromEntry = createRequire(manifest);
    const own = JSON.parse(readFileSync(fromEntry.resolve(`${name}/package.json`), "utf8")) as { version?: unknown };
    if (own.version !== transformerVersion()) return undefined;
    const binding = fromEntry(name) as Partial<Oxc>;
    return typeof binding.transformSync === "function" && typeof binding.moduleRunnerTransformSync === "function"
      ? (binding as Oxc)
      : undefined;
  } catch {
    return undefined;
  }
}

/** `@oxc-transform/binding-<platform>` for the platforms whose choice is plain; undefined elsewhere. */
function bindingPackage(): string | undefined {
  const { platform, arch } = process;
  if (arch !== "x64" && arch !== "arm64") return undefined;
  if (platform === "darwin") return `@oxc-transform/binding-darwin-${arch}`;
  if (platform === "win32") return `@oxc-transform/binding-win32-${arch}-msvc`;
  if (platform !== "linux") return undefined;
  // the entry's first test of the C library: whether ldd's text names musl
  let ldd: string;
  try {
    ldd = readFileSync("/usr/bin/ldd", "latin1");
  } catch {
    return undefined;
  }
  return `@oxc-transform/binding-linux-${arch}-${ldd.includes("musl") ? "musl" : "gnu"}`;
}

let manifestPath: string | null | undefined;

/**
 * The path of oxc-transform's package.json as `require` would find it: the
 * `node_modules` folders from this file's folder up, in Node's order of lookup,
 * then Node's own resolution (which also knows NODE_PATH). Asking for the file
 * in each folder costs less than a first `require.resolve`, which a warm start
 * would otherwise make for this alone.
 */
function transformerManifest(): string | undefined {
  if (manifestPath !== undefined) return manifestPath ?? undefined;
  manifestPath = null;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; ) {
    if (basename(dir) !== "node_modules") {
      const candidate = join(dir, "node_modules", "oxc-transform", "package.json");
      if (statSync(candidate, { throwIfNoEntry: false })?.isFile() === true) return (manifestPath = candidate);
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  try {
    manifestPath = createRequire(import.meta.url).resolve("oxc-transform/package.json");
  } catch {
    manifestPath = null;
  }
  return manifestPath ?? undefined;
}

let version: string | undefined;

/** The transformer's identity, part of every cache key (read once a process). */
export function transformerVersion(): string {
  if (version !== undefined) return version;
  try {
    // read, not required: a warm start loads nothing of the transformer
    const file = transformerManifest();
    version = file === undefined ? "none" : (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
  } catch {
    version = "none";
  }
  return version;
}

/**
 * Strip the types of `text` (TypeScript when `typescript`) and turn its
 * imports and exports into calls, keeping each statement's line unless
 * `keepLines` is false (code whose stack frames cannot name the file anyway,
 * such as files compiled together: no source maps are made then). A syntax
 * error throws a SyntaxError whose message ends with `(file:line:column)`.
 */
export function transformModule(oxcApi: Oxc, file: string, text: string, typescript: boolean, keepLines = true): TransformedModule {
  let js = text;
  let firstLines: LineStart[] | undefined;
  if (typescript) {
    // no target: the default is esnext, and each option is read on each call
    // a `.ts` file is a TypeScript module by its name, without options to read
    const options = keepLines ? { sourceType: "module", lang: "ts", sourcemap: true } : file.endsWith(".ts") ? undefined : { sourceType: "module", lang: "ts" };
    const stripped = oxcApi.transformSync(file, text, options);
    throwSyntaxError(file, text, stripped.errors);
    js = stripped.code;
    if (keepLines) firstLines = lineStarts(stripped.map!.mappings);
  }
  if (!keepLines) {
    const plain = exportsInPlace(js);
    if (plain !== undefined) return { code: plain };
  }
  const runner = oxcApi.moduleRunnerTransformSync(file, js, { sourcemap: keepLines });
  throwSyntaxError(file, js, runner.errors);
  if (!keepLines) return { code: withoutGetters(runner.code) };
  const toJs = lineStarts(runner.map!.mappings);
  const toSource =
    firstLines === undefined ? toJs : toJs.map((s) => ({ line: s.line < 0 ? -1 : (firstLines![s.line]?.line ?? -1), column: s.column }));
  return { code: alignLines(runner.code, toSource) + settleExports(runner.code) };
}

const EXPORT_GETTER =
  /Object\.defineProperty\(__vite_ssr_exports__, ("(?:[^"\\\n]|\\.)*"), \{\s*enumerable: true,\s*configurable: true,\s*get\(\) \{\s*return ([\w$.]+);?\s*\}\s*\}\);/g;

/**
 * A last line that turns the export getters the transform defines into plain
 * values once the module has run, so reading an export later compiles no
 * getter (a thousand revision files export three thousand of them).
 */
function settleExports(code: string): string {
  const settled = [...code.matchAll(EXPORT_GETTER)].map(([, name, value]) => `${name}: { value: ${value}, enumerable: true }`);
  return settled.length === 0 ? "" : `\nObject.defineProperties(__vite_ssr_exports__, { ${settled.join(", ")} });`;
}

/** One export getter at the place searched from (and the white space before it). */
const LEADING_GETTER = new RegExp(`\\s*(?:${EXPORT_GETTER.source})`, "y");

/**
 * The code with its export getters turned into the last line of
 * {@link settleExports} alone, when nothing can read the exports before the
 * module has run (it imports nothing, so no import cycle leads back to it).
 * Less code to compile and run.
 */
function withoutGetters(code: string): string {
  if (/__vite_ssr_(dynamic_)?import__\(|__vite_ssr_exportAll__\(/.test(code)) return code + settleExports(code);
  const settled: string[] = [];
  // the transform writes the getters first: read them there, and search the rest only if more follow
  const leading = LEADING_GETTER;
  leading.lastIndex = 0;
  let end = 0;
  for (let match = leading.exec(code); match !== null; match = leading.exec(code)) {
    settled.push(`${match[1]}: { value: ${match[2]}, enumerable: true }`);
    end = leading.lastIndex;
  }
  let rest = code.slice(end);
  if (rest.includes("Object.defineProperty(__vite_ssr_exports__")) {
    rest = rest.replace(EXPORT_GETTER, (_, name: string, value: string) => {
      settled.push(`${name}: { value: ${value}, enumerable: true }`);
      return "";
    });
  }
  return settled.length === 0 ? rest : `${rest}\nObject.defineProperties(__vite_ssr_exports__, { ${settled.join(", ")} });`;
}

/**
 * The module body of code oxc has stripped of types, when it needs nothing of
 * the module transform: it imports nothing (no `import` anywhere in it) and
 * each of its exports is a declaration {@link OTHER_EXPORT} lets through, the
 * shape of a revision file: a `const` of one name whose value is one literal,
 * or a named function. Each such declaration stores its value in the exports
 * where it stands (a function's before its line, as the function is hoisted),
 * which the module's functions then keep. Undefined for any other code, which
 * the module transform takes.
 *
 * oxc's printer starts each top-level statement at the start of a line and
 * indents what is inside; only a template literal or a block comment could
 * carry a line starting with `export` that is not a statement, and code with
 * either is left to the transform. Only searches and replacements V8 runs
 * natively: this runs for a thousand files in a process whose own code is
 * still cold.
 */
export function exportsInPlace(js: string): string | undefined {
  if (js.includes("import") || js.includes("`") || js.includes("/*") || js.includes("__vite_ssr_") || js.startsWith("#!")) return undefined;
  if (OTHER_EXPORT.test(js)) return undefined;
  return js.replace(CONST_EXPORT, "const $1 = __vite_ssr_exports__.$1 = ").replace(FUNCTION_EXPORT, "__vite_ssr_exports__.$2 = $2; $1function $2(");
}

const NAME = "[A-Za-z_$][\\w$]*";
/** A string literal as oxc prints it, without escapes (one with an escape is left to the transform). */
const PLAIN_STRING = String.raw`"[^"\\\n]*"`;
/** One literal: a string, number, boolean, `null`, or a list of strings (so no second declarator can hide after it). */
const LITERAL = String.raw`(?:${PLAIN_STRING}|null|true|false|-?\d+(?:\.\d+)?|\[(?:${PLAIN_STRING}(?:, ${PLAIN_STRING})*)?\])`;
/** A line starting with `export` that is neither `export const <name> = <literal>;` nor `export [async ]function <name>(`. */
const OTHER_EXPORT = new RegExp(String.raw`^export(?! const ${NAME} = ${LITERAL};$| (?:async )?function ${NAME}\()`, "m");
const CONST_EXPORT = new RegExp(`^export const (${NAME}) = `, "gm");
const FUNCTION_EXPORT = new RegExp(String.raw`^export ((?:async )?)function (${NAME})\(`, "gm");

function throwSyntaxError(file: string, text: string, errors: readonly OxcError[]): void {
  const error = errors[0];
  if (error === undefined) return;
  const offset = error.labels?.[0]?.start ?? 0;
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  throw new SyntaxError(`${error.message} (${file}:${line}:${column})`);
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/** Base64 digit of each character code; -1 elsewhere. */
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) DIGIT[BASE64.charCodeAt(i)] = i;

/** Per generated line: the source line (0-based) of its first segment and that segment's column, or -1. */
interface LineStart {
  readonly line: number;
  readonly column: number;
}

const COMMA = 44;
const SEMICOLON = 59;

/** Read the VLQ mappings in one pass over the character codes (no strings or arrays per segment). */
function lineStarts(mappings: string): LineStart[] {
  const starts: LineStart[] = [];
  let sourceLine = 0;
  let column = 0;
  let start: LineStart = { line: -1, column: -1 };
  // fields of the segment being read: 0 generated column, 1 source, 2 source line, ...
  let field = 0;
  let firstColumn = 0;
  let value = 0;
  let shift = 0;
  const endSegment = (): void => {
    if (field === 0) return; // empty segment
    if (start.column === -1) start = { line: field >= 3 ? sourceLine : -1, column: firstColumn };
    field = 0;
  };
  for (let i = 0; i <= mappings.length; i++) {
    const code = i === mappings.length ? SEMICOLON : mappings.charCodeAt(i);
    if (code === COMMA || code === SEMICOLON) {
      endSegment();
      if (code === SEMICOLON) {
        starts.push(start);
        start = { line: -1, column: -1 };
        column = 0;
      }
      continue;
    }
    const digit = DIGIT[code] ?? -1;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    const decoded = value & 1 ? -(value >>> 1) : value >>> 1;
    if (field === 0) firstColumn = column += decoded;
    else if (field === 2) sourceLine += decoded;
    field++;
    value = 0;
    shift = 0;
  }
  return starts;
}

/**
 * Put each generated line whose code starts where a source statement starts
 * on that statement's source line, by adding empty lines before it. A line
 * whose first mapped segment is not its first character (the rest of a
 * template literal, say) is never moved. Unmapped lines before the first
 * mapped one (the export definitions the module transform puts first) are
 * joined onto it.
 */
function alignLines(code: string, starts: readonly LineStart[]): string {
  const lines = code.split("\n");
  const out: string[] = [];
  let prelude = "";
  let index = 0;
  let inComment = false;
  while (index < lines.length && (starts[index]?.line ?? -1) < 0) {
    const text = lines[index]!.trim();
    index++;
    // comments kept by the transform are dropped here, so the code they precede can join the line
    if (inComment || text.startsWith("/*")) {
      inComment = !text.includes("*/");
      continue;
    }
    if (!text.startsWith("//")) prelude += `${text} `;
  }
  for (; index < lines.length; index++) {
    const line = lines[index]!;
    const start = starts[index];
    const indent = line.length - line.trimStart().length;
    if (start !== undefined && start.line > out.length && start.column === indent) {
      while (out.length < start.line) out.push("");
    }
    out.push(prelude + line);
    prelude = "";
  }
  if (prelude !== "") out.push(prelude);
  return out.join("\n");
}
