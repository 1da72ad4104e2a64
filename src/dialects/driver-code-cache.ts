import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import Module, { isBuiltin } from "node:module";
import { dirname, join } from "node:path";
import { Script } from "node:vm";
import { cacheFolder } from "../util/cache-folder.js";
import { FileKind, identifyFile } from "../util/file-identity.js";

/** The parts of Node's CommonJS loader this file takes over while a driver loads. */
interface LoaderModule {
  filename: string | null;
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}
interface Loader {
  prototype: LoaderModule;
  _resolveFilename(request: string, parent: LoaderModule | undefined, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: LoaderModule): string[] | null;
  _extensions: unknown;
  _cache: unknown;
  enableCompileCache?: (directory: string) => unknown;
}

const loader = Module as unknown as Loader;
/** Node's own functions, as they were when athanor loaded: a process that replaced them (a coverage tool, a require hook) keeps its own. */
const nodeCompile = loader.prototype._compile;
const nodeResolve = loader._resolveFilename;

/** The first line of a pack: its form, then the length of the JSON index that follows. */
const FORM = "athanor-driver-pack-1";

/** A pack's index: what each file was when compiled, and where each request of theirs led. */
interface PackIndex {
  /** The file required. */
  readonly entry: string;
  /** Each compiled file, its identity, and the length of its compiled code in the bytes after the index. */
  readonly files: readonly { readonly path: string; readonly identity: string; readonly length: number }[];
  /** `[requiring file, request, file found]`, as Node resolved them. */
  readonly resolved: readonly (readonly [string, string, string])[];
  /** Package files and folders whose change can change a resolution: `[path, identity]`. */
  readonly layout: readonly (readonly [string, string])[];
}

interface Pack {
  readonly index: PackIndex;
  readonly code: ReadonlyMap<string, { readonly identity: string; readonly bytes: Buffer }>;
}

/**
 * Require a driver package's file (`/app/node_modules/pg/lib/index.js`) the way
 * `require` does, starting from what an earlier run kept: the code V8 compiled for
 * each file the driver loaded and where each of their `require` calls led, one
 * "pack" file in athanor's cache folder. A driver loads a hundred files, and
 * compiling them and finding each one costs more than running them.
 *
 * Nothing stale is served: a file's compiled code is used only while the file has
 * the same size, times and inode as when it was compiled (a package manager gives
 * every file one fixed modification time, so the change time and inode are what
 * tell an upgrade apart), and the resolutions only while every compiled file, each
 * package's package.json and the folders holding them are unchanged; V8 refuses
 * code of another V8 or other flags, and the pack's name carries both. A pack that
 * is missing, unreadable or refused in part is written anew after the driver
 * loaded. Where Node has a compile cache of its own (`module.enableCompileCache`,
 * Node 22), it is turned on instead; where another tool has replaced Node's module
 * compiler or resolver, the driver is required as is.
 *
 * @example
 * ```ts
 * const pg = requireWithCodeCache(require.resolve("pg"));
 * ```
 */
export function requireWithCodeCache(file: string): unknown {
  const plain = () => (Module.createRequire(file) as (id: string) => unknown)(file);
  if (typeof loader.enableCompileCache === "function") {
    enableNodeCompileCache(file);
    return plain();
  }
  if (loader.prototype._compile !== nodeCompile || loader._resolveFilename !== nodeResolve) return plain();
  const { v8, flags } = v8Fingerprint();
  const prefix = `driver-${hashOf(file)}-`;
  const packFile = join(cacheFolder(dirname(file)), `${prefix}${v8}-${flags}.bin`);
  const pack = readPack(packFile, file);
  const load = new PackLoad(pack);
  const exported = load.require(file, packFile);
  if (load.written) dropOtherVersions(packFile, prefix, v8);
  return exported;
}

let nodeCacheEnabled = false;

function enableNodeCompileCache(file: string): void {
  if (nodeCacheEnabled) return;
  nodeCacheEnabled = true;
  try {
    loader.enableCompileCache!(join(cacheFolder(dirname(file)), "node-compile-cache"));
  } catch {
    // best effort: the driver loads without it
  }
}

/** One driver's loading, with what the pack holds. */
class PackLoad {
  /** Resolutions taken from the pack (only when nothing they depend on changed). */
  readonly #known = new Map<string, string>();
  readonly #resolved = new Map<string, readonly [string, string, string]>();
  readonly #compiled: { path: string; identity: string; script: Script }[] = [];
  /** Identities read during this load, by path. */
  readonly #identities = new Map<string, string>();
  readonly #pack: Pack | undefined;
  /** Whether this load wrote the pack. */
  written = false;
  /** Whether the pack must be written anew once the driver loaded. */
  #stale: boolean;

  constructor(pack: Pack | undefined) {
    this.#pack = pack;
    this.#stale = pack === undefined;
    if (pack !== undefined && pack.index.layout.every(([path, identity]) => this.#identityOf(path) === identity)) {
      for (const entry of pack.index.resolved) this.#known.set(`${entry[0]}\0${entry[1]}`, entry[2]);
    } else {
      this.#stale = true;
    }
  }

  require(file: string, packFile: string): unknown {
    const load = this;
    loader.prototype._compile = function (this: LoaderModule, content: string, filename: string) {
      return load.#compile(this, content, filename);
    };
    loader._resolveFilename = function (this: unknown, request, parent, isMain, options) {
      return load.#resolve(this, request, parent, isMain, options);
    };
    let exported: unknown;
    try {
      exported = (Module.createRequire(file) as (id: string) => unknown)(file);
    } finally {
      loader.prototype._compile = nodeCompile;
      loader._resolveFilename = nodeResolve;
    }
    if (this.#stale) this.written = this.#write(file, packFile);
    return exported;
  }

  #identityOf(path: string): string {
    let identity = this.#identities.get(path);
    if (identity === undefined) {
      identity = identityOf(path);
      this.#identities.set(path, identity);
    }
    return identity;
  }

  #resolve(self: unknown, request: string, parent: LoaderModule | undefined, isMain: boolean, options: unknown): string {
    const from = parent?.filename;
    if (options !== undefined || isMain || typeof from !== "string" || isBuiltin(request)) {
      return nodeResolve.call(self, request, parent, isMain, options);
    }
    const key = `${from}\0${request}`;
    let found = this.#known.get(key);
    if (found === undefined) {
      found = nodeResolve.call(self, request, parent, isMain, options);
      this.#stale = true;
    }
    this.#resolved.set(key, [from, request, found]);
    return found;
  }

  #compile(module: LoaderModule, content: string, filename: string): unknown {
    // a script compiled with cached code runs no import(), and a hashbang line is no function body
    if (content.startsWith("#!") || content.includes("import(")) return nodeCompile.call(module, content, filename);
    const identity = this.#identityOf(filename);
    const kept = this.#pack?.code.get(filename);
    const cachedData = kept !== undefined && kept.identity === identity ? kept.bytes : undefined;
    const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${content}\n});`, {
      filename,
      ...(cachedData === undefined ? {} : { cachedData }),
    });
    if (cachedData === undefined || script.cachedDataRejected === true) this.#stale = true;
    this.#compiled.push({ path: filename, identity, script });
    const body = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return body.call(module.exports, module.exports, requireOf(module), module, filename, dirname(filename));
  }

  /** Best effort: a folder that cannot be written leaves the next run to compile again. Whether it was written. */
  #write(entry: string, packFile: string): boolean {
    const files: { path: string; identity: string; length: number }[] = [];
    const code: Buffer[] = [];
    for (const { path, identity, script } of this.#compiled) {
      if (identity === "") continue;
      const bytes = script.createCachedData();
      files.push({ path, identity, length: bytes.length });
      code.push(bytes);
    }
    const resolved = [...this.#resolved.values()];
    const layout = layoutOf(resolved);
    if (layout === undefined) return false;
    const index: PackIndex = { entry, files, resolved, layout };
    const json = Buffer.from(JSON.stringify(index), "utf8");
    const temporary = `${packFile}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(packFile), { recursive: true });
      writeFileSync(temporary, Buffer.concat([Buffer.from(`${FORM} ${json.length}\n`, "latin1"), json, ...code]));
      renameSync(temporary, packFile);
      return true;
    } catch {
      rmSync(temporary, { force: true });
      return false;
    }
  }
}

/** The `require` a module's code is given, as Node makes it. */
function requireOf(module: LoaderModule): NodeJS.Require {
  const require = ((id: string) => module.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: unknown) => loader._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => loader._resolveLookupPaths(request, module);
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = loader._extensions as NodeJS.Require["extensions"];
  require.cache = loader._cache as NodeJS.Require["cache"];
  return require;
}

/**
 * What a resolution depends on beyond the files found: each file's folder up to
 * its package's root, that package.json, and the folder holding the package (a
 * `node_modules`, whose entries change when a package comes or goes). Undefined
 * when one cannot be read.
 */
function layoutOf(resolved: readonly (readonly [string, string, string])[]): [string, string][] | undefined {
  const paths = new Set<string>();
  for (const [from, , found] of resolved) {
    for (const file of [from, found]) {
      paths.add(file);
      for (let folder = dirname(file); ; ) {
        if (paths.has(folder)) break;
        paths.add(folder);
        const manifest = join(folder, "package.json");
        if (statSync(manifest, { throwIfNoEntry: false })?.isFile() === true) {
          paths.add(manifest);
          paths.add(dirname(folder));
          break;
        }
        const parent = dirname(folder);
        if (parent === folder) break;
        folder = parent;
      }
    }
  }
  const layout: [string, string][] = [];
  for (const path of paths) {
    const identity = identityOf(path);
    if (identity === "") return undefined;
    layout.push([path, identity]);
  }
  return layout;
}

/** The pack at `packFile` for `entry`, or undefined when there is none or it is not whole. */
function readPack(packFile: string, entry: string): Pack | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(packFile);
  } catch {
    return undefined;
  }
  try {
    const newline = bytes.indexOf(10);
    const head = /^athanor-driver-pack-1 (\d+)$/.exec(bytes.toString("latin1", 0, Math.max(0, newline)));
    if (newline < 0 || head === null) return undefined;
    const start = newline + 1;
    const end = start + Number(head[1]);
    const index = JSON.parse(bytes.toString("utf8", start, end)) as PackIndex;
    if (index.entry !== entry || !Array.isArray(index.files) || !Array.isArray(index.resolved) || !Array.isArray(index.layout)) return undefined;
    const code = new Map<string, { identity: string; bytes: Buffer }>();
    let offset = end;
    for (const { path, identity, length } of index.files) {
      if (typeof path !== "string" || typeof identity !== "string" || !Number.isInteger(length) || length < 0) return undefined;
      code.set(path, { identity, bytes: bytes.subarray(offset, offset + length) });
      offset += length;
    }
    if (offset !== bytes.length) return undefined;
    return { index, code };
  } catch {
    return undefined;
  }
}

/** A file's or folder's identity: size, modification and change times, inode; "" when it is gone. */
function identityOf(path: string): string {
  const found = identifyFile(path, true);
  return found.kind === FileKind.Missing ? "" : `${found.size}:${found.mtimeMs}:${found.ctimeMs}:${found.ino}`;
}

let fingerprint: { readonly v8: string; readonly flags: string } | undefined;

/**
 * What V8 checks before it takes compiled code: its version and the hash of its
 * flags, read from the head of the code it compiles for an empty script (the
 * command line and `--interrupt-budget` set while running change the flags).
 */
function v8Fingerprint(): { readonly v8: string; readonly flags: string } {
  if (fingerprint === undefined) {
    const head = new Script("").createCachedData();
    fingerprint = { v8: `${process.arch}-${head.toString("hex", 0, 8)}`, flags: head.toString("hex", 8, 16) };
  }
  return fingerprint;
}

/** Packs of `entry` compiled by another V8 (an earlier Node): nothing will read them again. */
function dropOtherVersions(packFile: string, prefix: string, v8: string): void {
  const folder = dirname(packFile);
  try {
    for (const name of readdirSync(folder)) {
      if (name.startsWith(prefix) && name.endsWith(".bin") && !name.startsWith(`${prefix}${v8}-`)) rmSync(join(folder, name), { force: true });
    }
  } catch {
    // best effort
  }
}

/** A short hash of a path for a file name (FNV-1a, 32 bits); the pack names its entry in full. */
function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, "0");
}
