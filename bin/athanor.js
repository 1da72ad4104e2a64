#!/usr/bin/env node
"use strict";
// CommonJS (bin/package.json says so): a command that imports no ES module never
// starts Node's ES module loader.
const { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const { dirname, join } = require("node:path");
const { pathToFileURL } = require("node:url");
const { Script } = require("node:vm");

/**
 * The commands that run revisions, those that compare the declared schema with the
 * database, and those that read every revision header, each with the built-in modules
 * it loads in every run: the hashing module (every one of them), the timer of each
 * step, and the child processes module (the SQLite driver's C library detection loads
 * it; a millisecond for the other databases).
 */
const SHORT_AND_LUKEWARM = new Map([
  ["upgrade", ["node:perf_hooks", "node:child_process"]],
  ["downgrade", ["node:perf_hooks", "node:child_process"]],
  ["stamp", ["node:perf_hooks", "node:child_process"]],
  ["check", ["node:child_process"]],
  ["revision", ["node:child_process"]],
  ["history", []],
  ["heads", []],
  ["show", []],
  ["branches", []],
]);

// These commands live from a tenth of a second to a few seconds, and V8's defaults suit
// a long-lived server:
// - its optimizing compiler spent more CPU compiling athanor's lukewarm code than the
//   optimized code saved (a third of an upgrade over 1,000 revisions; in a `check` of
//   1,000 tables, 300 ms of CPU on its background threads, which on a small machine the
//   database server needed at the same time; a fifth of a warm `history` of 10,000
//   revisions): it waits for sixteen times the usual work before optimizing a function,
//   so code that runs long (a data migration's loop) is still optimized;
// - the young generation starts at a megabyte and doubles when what survives a
//   collection fills it. The headers and the graph of 10,000 revisions all survive, so
//   it was collected and copied a dozen times on the way up: it grows eightfold instead
//   (to the same ceiling), which takes a tenth of the CPU off a warm `history`.
// Not for the other commands: a flag changed once Node has started makes it compile every
// built-in module it loads afterwards without the code Node ships for them (8 ms of a
// `current`). The modules each of these commands always loads are loaded first for that
// reason (compiled without it, they cost a `history` 3 ms and an `upgrade` on SQLite 5).
// A setting given to node (in its arguments or NODE_OPTIONS) is kept.
function tuneCompiler(command) {
  const modules = SHORT_AND_LUKEWARM.get(command);
  if (modules === undefined) return;
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].join(" ");
  const flags = [];
  if (!given.includes("interrupt-budget")) flags.push("--interrupt-budget=1081344");
  if (!/semi[-_]space/.test(given)) flags.push("--semi-space-growth-factor=8");
  if (flags.length === 0) return;
  require("node:crypto");
  require("node:os");
  for (const id of modules) require(id);
  require("node:v8").setFlagsFromString(flags.join(" "));
}

const ROOT = dirname(__dirname);
const BUNDLE = join(ROOT, "dist", "bundle", "cli.cjs");
const TREE = join(ROOT, "dist", "cli", "main.js");

const built = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? -1;

/** Global options that take the next argument as their value. */
const VALUED = new Set(["-c", "--config", "-n", "--name", "-x"]);

/** The command `argv` runs, which names its code cache: each command keeps the code it compiled. */
function commandOf(argv) {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") break;
    if (arg.startsWith("-")) {
      if (VALUED.has(arg)) i++;
      continue;
    }
    return /^[a-z][a-z-]{0,39}$/.test(arg) ? arg : "other";
  }
  return "help";
}

/**
 * Where code caches are kept: $ATHANOR_CACHE_DIR, else node_modules/.cache/athanor
 * nearest this package, then the temporary folder (a function: named only when
 * the first has no entry).
 */
function cacheFolders() {
  if (process.env.ATHANOR_CACHE_DIR) return [process.env.ATHANOR_CACHE_DIR];
  const folders = [];
  for (let dir = ROOT; ; ) {
    if (statSync(join(dir, "node_modules"), { throwIfNoEntry: false })?.isDirectory()) {
      folders.push(join(dir, "node_modules", ".cache", "athanor"));
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  folders.push(() => {
    const uid = typeof process.getuid === "function" ? process.getuid() : "user";
    return join(require("node:os").tmpdir(), `athanor-cache-${uid}`);
  });
  return folders;
}

const folderPath = (folder) => (typeof folder === "function" ? folder() : folder);

/**
 * Run the bundled CLI: one script, compiled with the V8 code cache this command
 * left on an earlier run (compiling a megabyte of code costs more than all the
 * rest of a small command). The cache is keyed by the bundle's stamp (a hash of
 * its content, written by scripts/bundle.mjs) and Node's version; V8 refuses a
 * cache from another V8, and it is then written anew.
 */
async function runBundle(argv) {
  // pure ASCII (scripts/bundle.mjs makes sure): read one byte a character
  const source = readFileSync(BUNDLE, "latin1");
  const stamp = /^\/\/ athanor-bundle ([0-9a-f]+)\n/.exec(source)?.[1];
  const command = commandOf(argv);
  tuneCompiler(command);
  const name = stamp === undefined ? undefined : `cli-${stamp}-${process.version}-${process.arch}-${command}.bin`;
  const folders = name === undefined ? [] : cacheFolders();
  let cachedData;
  for (const folder of folders) {
    try {
      cachedData = readFileSync(join(folderPath(folder), name));
      break;
    } catch {
      // not cached there
    }
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __athanorImport, __athanorLazy) {${source}\n})`, {
    filename: BUNDLE,
    cachedData,
  });
  const module = { exports: {} };
  const bundleRequire = createRequire(BUNDLE);
  // the bundle's import() calls (absolute URLs, node: modules, packages) run here
  const importer = (specifier) => import(specifier);
  // a Node module required when one of its members is first read
  const lazy = (id) => {
    let loaded;
    const target = () => (loaded ??= bundleRequire(id));
    return new Proxy({}, { get: (_, key) => target()[key], has: (_, key) => key in target() });
  };
  script.runInThisContext()(module.exports, bundleRequire, module, BUNDLE, dirname(BUNDLE), importer, lazy);
  const code = await module.exports.main(argv);
  // written once per command and bundle, after a run that went through (its functions are what
  // the command compiles): the code V8 compiled for this run
  if (code === 0 && name !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) {
    writeCache(folders, name, script.createCachedData());
  }
  return code;
}

/** Best effort: the first folder that takes it; entries of older bundles for the same command go. */
function writeCache(folders, name, bytes) {
  const command = name.slice(name.lastIndexOf("-"));
  for (const entry of folders) {
    const folder = folderPath(entry);
    const temporary = join(folder, `${name}.${process.pid}.tmp`);
    try {
      mkdirSync(folder, { recursive: true });
      writeFileSync(temporary, bytes);
      renameSync(temporary, join(folder, name));
      for (const other of readdirSync(folder)) {
        if (other !== name && other.startsWith("cli-") && other.endsWith(command)) rmSync(join(folder, other), { force: true });
      }
      return;
    } catch {
      rmSync(temporary, { force: true });
    }
  }
}

async function run(argv) {
  // the bundle serves unless the compiled tree is newer, as after a bare `tsc` in a checkout
  if (built(BUNDLE) >= built(TREE)) return runBundle(argv);
  tuneCompiler(commandOf(argv));
  const { main } = await import(pathToFileURL(TREE).href);
  return main(argv);
}

/** How many times {@link exitWhenIdle} looks again, a millisecond apart, before leaving the exit to Node. */
const IDLE_CHECKS = 200;

/**
 * End the process with `code` as soon as nothing of it is left to run. At a
 * natural exit V8 tears its heap down and waits for its background threads
 * first (the concurrent marking of a heap a command has filled): 50–80 ms after
 * the last line of a graph command over 10,000 revisions, more than the command
 * took to read them. When Node holds nothing more to run (no socket still
 * closing, no write pending, no timer, no file-system request: what
 * `process.getActiveResourcesInfo()` lists, but the streams of stdout and
 * stderr), that teardown is all a natural exit
 * would still do, and the process exits at once. While something is pending it
 * looks again a millisecond later, up to {@link IDLE_CHECKS} times, and then
 * leaves the exit to Node: a timer an env.ts set still runs, a socket still
 * closes, as before. Where something listens for `beforeExit`, which
 * `process.exit` skips, Node ends the process as it always did.
 */
function exitWhenIdle(code) {
  process.exitCode = code;
  // a project's code that listens for Node's own end gets it
  if (typeof process.getActiveResourcesInfo !== "function" || process.listenerCount("beforeExit") > 0) return;
  let checks = 0;
  const check = (ownTimer) => {
    // the streams of stdout and stderr (a pipe or a terminal) stay open for the process's life;
    // a write still pending on one is listed as a request of its own
    const active = process.getActiveResourcesInfo().filter((name) => name !== "PipeWrap" && name !== "TTYWrap");
    // the timer running this check is still listed while it runs
    const own = ownTimer ? active.indexOf("Timeout") : -1;
    if (own >= 0) active.splice(own, 1);
    if (active.length === 0) process.exit(code);
    else if (++checks < IDLE_CHECKS) setTimeout(check, 1, true);
  };
  // after what is already queued for the next tick (a warning Node writes then), and before
  // the event loop turns again: V8 runs its own pending work there (a full collection of the
  // heap, some 15 ms after a graph command), which exiting makes needless
  process.nextTick(check, false);
}

run(process.argv.slice(2)).then(exitWhenIdle, (error) => {
  process.stderr.write(`athanor: ${error instanceof Error ? error.message : String(error)}\n`);
  exitWhenIdle(1);
});
