import { readFileSync, statSync } from "node:fs";
import { createRequire, isBuiltin } from "node:module";
import { dirname, extname, join, resolve as resolvePath } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Script, compileFunction } from "node:vm";
import { ModuleCache } from "./module-cache.js";
import { selfModuleLoader } from "./self-modules.js";
import { MODULE_PARAMETERS, loadTransformer, transformModule, transformerVersion } from "./transform-module.js";

interface JitiLike {
  import(id: string): Promise<unknown>;
}

/** Defined as `true` in the bundled build (dist/bundle/cli.cjs), one folder below the package's entry files. */
declare const __ATHANOR_BUNDLE__: boolean | undefined;

/** The jiti instance, created on first use: only where oxc-transform cannot load. */
let jitiInstance: Promise<JitiLike> | undefined;

const TYPESCRIPT_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".tsx"]);
const JAVASCRIPT_EXTENSIONS = new Set([".js", ".mjs", ".cjs"]);
/** Tried in this order for a relative import without a usable extension. */
const RESOLVE_EXTENSIONS = [".ts", ".mts", ".tsx", ".js", ".mjs", ".cjs", ".json"];

/**
 * `athanor` imported from a config, env.ts or revision file resolves to the
 * running copy, so a project works with a global install and never mixes two
 * copies (whose classes would not recognise each other). The bundled CLI
 * serves these from itself (see {@link selfModuleLoader}); the files named
 * here are the package's entries, which the compiled tree runs.
 */
const SELF_ALIASES: Readonly<Record<string, string>> =
  typeof __ATHANOR_BUNDLE__ !== "undefined"
    ? {
        "athanor/drizzle": fileURLToPath(new URL("../adapters/drizzle/index.js", import.meta.url)),
        athanor: fileURLToPath(new URL("../index.js", import.meta.url)),
      }
    : {
        "athanor/drizzle": fileURLToPath(new URL(`../adapters/drizzle/index${extname(import.meta.url)}`, import.meta.url)),
        athanor: fileURLToPath(new URL(`../index${extname(import.meta.url)}`, import.meta.url)),
      };

/**
 * The running copy's entry files, each with the specifier it serves: an import
 * that names one of these files by path or URL (`../node_modules/athanor/dist/index.js`)
 * is the running copy too, not a second one.
 */
const SELF_FILES: ReadonlyMap<string, string> = new Map(Object.entries(SELF_ALIASES).map(([specifier, file]) => [file, specifier]));

function getJiti(): Promise<JitiLike> {
  jitiInstance ??= import("jiti").then(({ createJiti }) =>
    createJiti(import.meta.url, { fsCache: true, interopDefault: true, alias: { ...SELF_ALIASES } }),
  );
  return jitiInstance;
}

/** Modules loaded by the transforming loader, by absolute path: each runs once per process. */
const loaded = new Map<string, Promise<Record<string, unknown>>>();

/**
 * Import a module by file path and return its namespace. `.js`, `.mjs` and
 * `.cjs` go through Node's own `import()`; TypeScript files have their types
 * stripped by oxc-transform (each statement kept on its line, so errors name
 * the right line) and run in this process, the result cached on disk by
 * content (see {@link ModuleCache}), so a warm start neither loads a compiler
 * nor transforms anything. `athanor` imported from such a file is the running
 * copy. Where oxc-transform cannot load, jiti does the work.
 *
 * A JavaScript file Node cannot parse goes through the same transform, which
 * names the line of a syntax error (Node's message does not) and accepts
 * `export` in a `.js` file of a CommonJS package.
 *
 * @example
 * ```ts
 * const mod = await importModule<{ default: AthanorConfigInput }>("/app/athanor.config.ts");
 * ```
 */
export async function importModule<M = unknown>(path: string): Promise<M> {
  const ext = extname(path).toLowerCase();
  if (TYPESCRIPT_EXTENSIONS.has(ext)) return (await importTransformed(resolvePath(path), true)) as M;
  try {
    return (await import(pathToFileURL(path).href)) as M;
  } catch (error) {
    if ((looksLikeSyntaxError(error) || missesSelf(error)) && JAVASCRIPT_EXTENSIONS.has(ext)) {
      return (await importTransformed(resolvePath(path), false)) as M;
    }
    throw error;
  }
}

/**
 * Run several modules at once, e.g. the revision files of a plan: their
 * transformed code is one cache entry for the whole set (keyed by every
 * file's path and content hash, so a changed file makes a new entry, and the
 * set is transformed again), and all are compiled together in one script,
 * which costs far less than one compile each. Later {@link importModule}
 * calls for these paths return what ran here. `text` is the file's content
 * when the caller has already read it. Stack frames of code loaded this way
 * name the folder's batch, not the file (so its code keeps no source lines);
 * a syntax error still names the file and line.
 *
 * @example
 * ```ts
 * await importModules(plan.map((script) => ({ path: script.path })));
 * const first = await importModule<RevisionModule>(plan[0].path); // already ran
 * ```
 */
export async function importModules(files: readonly { readonly path: string; readonly text?: string }[]): Promise<void> {
  const wanted: { path: string; text: string }[] = [];
  for (const file of files) {
    const path = resolvePath(file.path);
    if (loaded.has(path) || !TYPESCRIPT_EXTENSIONS.has(extname(path).toLowerCase())) continue;
    let text: string;
    try {
      text = file.text ?? readFileSync(path, "utf8");
    } catch {
      continue; // importModule reports it
    }
    wanted.push({ path, text });
  }
  if (wanted.length === 0) return;
  cacheSalt ??= `athanor-module-v3 oxc-${transformerVersion()}`;
  // the whole set is one cache entry, keyed by every file's path and content in order
  // (one hash over them all): one read when warm, one write when cold, and any changed
  // file makes a new key
  const cache = ModuleCache.forFile(wanted[0]!.path, cacheSalt);
  const setKey = cache.keyOfAll(["set", ...wanted.flatMap(({ path, text }) => [path, text])]);
  let batch = cache.readTexts(setKey, wanted.length)?.map((code, i) => ({ path: wanted[i]!.path, code }));
  const transformed = batch === undefined;
  if (batch === undefined) {
    const oxc = loadTransformer();
    if (oxc === null) return; // no transformer here: importModule takes the slow path
    batch = [];
    for (const { path, text } of wanted) {
      try {
        // stack frames of a batch name the batch, not the file: its code need not keep each line
        batch.push({ path, code: transformModule(oxc, path, text, true, false).code });
      } catch (error) {
        loaded.set(path, Promise.reject(error));
        loaded.get(path)!.catch(() => undefined);
      }
    }
    transformCount += wanted.length;
    if (batch.length === wanted.length) cache.writeTexts(setKey, batch.map(({ code }) => code));
    if (batch.length === 0) return;
  }
  const name = join(dirname(batch[0]!.path), `[${batch.length} modules loaded together]`);
  // parenthesised, so V8 compiles each body with the script instead of parsing it twice
  const script = `[${batch.map(({ code }) => `(async function (${MODULE_PARAMETERS.join(", ")}) {\n${code}\n})`).join(",\n")}]`;
  // V8's compiled code of the same set of files is kept beside the transformed code
  const key = transformed ? "" : cache.key(`${process.version}\0${setKey}`);
  const cachedData = transformed ? undefined : cache.readBytes(key);
  let compiled: Script;
  let bodies: ModuleBody[];
  try {
    compiled = new Script(script, { filename: name, ...(cachedData === undefined ? {} : { cachedData }) });
    bodies = compiled.runInThisContext() as ModuleBody[];
  } catch {
    return; // each file on its own then, where the error names its file
  }
  batch.forEach(({ path }, i) => loaded.set(path, runBody(path, bodies[i]!)));
  await Promise.allSettled(batch.map(({ path }) => loaded.get(path)));
  // kept once the same files come back untransformed: a first run (a fresh container, say) does
  // not pay for compiled code it may never read again
  if (!transformed && (cachedData === undefined || compiled.cachedDataRejected === true)) keepCompiledAtExit(cache, key, compiled);
}

/** Compiled code of sets of files, written when the process ends. */
const compiledToKeep: { cache: ModuleCache; key: string; script: Script }[] = [];

/**
 * Keep V8's compiled code of `script` when the process ends rather than now:
 * by then it holds the functions that ran too (each revision's `upgrade()`,
 * compiled on its first call), which the next run then reads instead of
 * compiling a thousand functions while it migrates.
 */
function keepCompiledAtExit(cache: ModuleCache, key: string, script: Script): void {
  if (compiledToKeep.length === 0) {
    process.once("exit", () => {
      for (const { cache, key, script } of compiledToKeep.splice(0)) {
        try {
          cache.writeBytes(key, script.createCachedData());
        } catch {
          // best effort, as every write of the cache: the process ends as it would have
        }
      }
    });
  }
  compiledToKeep.push({ cache, key, script });
}

type ModuleBody = (...args: unknown[]) => Promise<void>;

function importTransformed(path: string, typescript: boolean): Promise<Record<string, unknown>> {
  let module = loaded.get(path);
  if (module === undefined) {
    module = runTransformed(path, typescript);
    loaded.set(path, module);
  }
  return module;
}

let cacheSalt: string | undefined;

/** The transformed code of the module at `path` (from the cache when there), or undefined where oxc-transform cannot load. */
function transformedCode(path: string, typescript: boolean, text = readFileSync(path, "utf8")): string | undefined {
  cacheSalt ??= `athanor-module-v3 oxc-${transformerVersion()}`;
  const cache = ModuleCache.forFile(path, cacheSalt);
  const key = cache.key(text);
  const cached = cache.read(key);
  if (cached !== undefined) return cached;
  const oxc = loadTransformer();
  if (oxc === null) return undefined;
  transformCount++;
  return cache.write(key, transformModule(oxc, path, text, typescript).code);
}

/** Files transformed so far in this process (not taken from the cache). */
let transformCount = 0;

async function runTransformed(path: string, typescript: boolean): Promise<Record<string, unknown>> {
  const code = transformedCode(path, typescript);
  if (code === undefined) return (await (await getJiti()).import(path)) as Record<string, unknown>;
  const body = compileFunction(`return (async () => {${code}\n})();`, [...MODULE_PARAMETERS], { filename: path }) as ModuleBody;
  return runBody(path, body);
}

/** Run a module body as the module at `path`, its imports resolved from there. */
async function runBody(path: string, body: ModuleBody): Promise<Record<string, unknown>> {
  const exports: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  Object.defineProperty(exports, Symbol.toStringTag, { value: "Module" });
  const importFrom = (specifier: string): Promise<unknown> => importSpecifier(specifier, path);
  const meta = {
    get url() {
      return pathToFileURL(path).href;
    },
    filename: path,
    dirname: dirname(path),
    resolve: (s: string) => pathToFileURL(resolveSpecifier(s, path)).href,
  };
  const exportAll = (from: Record<string, unknown>): void => {
    for (const name of Object.keys(from)) {
      if (name === "default" || name in exports) continue;
      Object.defineProperty(exports, name, { enumerable: true, configurable: true, get: () => from[name] });
    }
  };
  await body(importFrom, importFrom, exports, exportAll, meta);
  // a module's exports are fixed once it has run, as an ES module's are
  return Object.freeze(exports);
}

const selfModules = new Map<string, Promise<unknown>>();

async function importSpecifier(specifier: string, from: string): Promise<unknown> {
  if (specifier.startsWith("node:") || isBuiltin(specifier)) return builtinNamespace(specifier);
  if (SELF_ALIASES[specifier] !== undefined) return importSelf(specifier);
  const file = resolveSpecifier(specifier, from);
  const self = SELF_FILES.get(file);
  if (self !== undefined) return importSelf(self);
  if (extname(file).toLowerCase() === ".json") return { default: JSON.parse(readFileSync(file, "utf8")) as unknown };
  return importModule(file);
}

/** Node's modules, required: each is CommonJS inside Node. */
const requireBuiltin = createRequire(import.meta.url);
const builtins = new Map<string, Record<string, unknown>>();

/**
 * A Node module (`node:fs`) as `import` gives it, each export by name and the
 * module as `default`, but required: importing one through Node would start its
 * ES module loader, which costs a command milliseconds (and, for `node:fs`, loads
 * the streams behind `fs.promises`). A name is read from the module when used.
 */
function builtinNamespace(specifier: string): Record<string, unknown> {
  let namespace = builtins.get(specifier);
  if (namespace === undefined) {
    const exported = requireBuiltin(specifier) as Record<string, unknown>;
    namespace = Object.create(null) as Record<string, unknown>;
    for (const name of Object.keys(exported)) {
      if (name === "default") continue;
      Object.defineProperty(namespace, name, { enumerable: true, get: () => exported[name] });
    }
    Object.defineProperty(namespace, "default", { enumerable: true, value: exported });
    Object.defineProperty(namespace, Symbol.toStringTag, { value: "Module" });
    builtins.set(specifier, namespace);
  }
  return namespace;
}

/** An entry of the running copy itself (`athanor`, `athanor/drizzle`), through the loader that loaded it. */
function importSelf(specifier: string): Promise<unknown> {
  const file = SELF_ALIASES[specifier]!;
  let module = selfModules.get(file);
  if (module === undefined) {
    module = selfModuleLoader(specifier)?.() ?? import(pathToFileURL(file).href);
    selfModules.set(file, module);
  }
  return module;
}

/** The file an import in `from` names: the running athanor, a relative path (`.js` may name a `.ts` file), or a package. */
function resolveSpecifier(specifier: string, from: string): string {
  const self = SELF_ALIASES[specifier];
  if (self !== undefined) return self;
  if (specifier.startsWith("file:")) return fileURLToPath(specifier);
  if (specifier.startsWith(".") || specifier.startsWith("/")) {
    const target = resolvePath(dirname(from), specifier);
    const found = findFile(target);
    if (found !== undefined) return found;
    throw Object.assign(new Error(`Cannot find module '${target}' imported from ${from}`), { code: "ERR_MODULE_NOT_FOUND" });
  }
  // a package: Node's resolution from the importing file's folder
  return createRequire(from).resolve(specifier);
}

function findFile(target: string): string | undefined {
  const candidates = [target];
  const ext = extname(target);
  if (JAVASCRIPT_EXTENSIONS.has(ext)) {
    const stem = target.slice(0, -ext.length);
    candidates.push(...(ext === ".mjs" ? [`${stem}.mts`] : ext === ".cjs" ? [`${stem}.cts`] : [`${stem}.ts`, `${stem}.tsx`]));
  }
  candidates.push(...RESOLVE_EXTENSIONS.map((e) => target + e), ...RESOLVE_EXTENSIONS.map((e) => `${target}/index${e}`));
  return candidates.find((candidate) => statSync(candidate, { throwIfNoEntry: false })?.isFile() === true);
}

/** Whether a path names a module `importModule` can load. */
export function isModulePath(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return TYPESCRIPT_EXTENSIONS.has(ext) || JAVASCRIPT_EXTENSIONS.has(ext);
}

/** Node could not resolve `athanor` itself from the file (not installed in that project). */
function missesSelf(error: unknown): boolean {
  const message = error instanceof Error ? error.message : "";
  return /Cannot find (package|module) 'athanor(\/[\w-]+)?'/.test(message);
}

function looksLikeSyntaxError(error: unknown): boolean {
  if (error instanceof SyntaxError) return true;
  const message = error instanceof Error ? error.message : String(error);
  return /parse (error|failure|failed)|syntax ?error|unexpected token/i.test(message);
}
