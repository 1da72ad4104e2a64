// Bundles the compiled CLI (dist/) into one CommonJS script, dist/bundle/cli.cjs,
// which bin/athanor.js compiles with V8's code cache (Node 20 keeps no compiled
// code of ES modules). The public entries are in it too, each evaluated on first
// import, so a config or revision importing `athanor` gets the very instances
// the CLI uses. The first line stamps the content's hash: the code cache is kept
// per stamp. Node runs no import() in a script compiled from a code cache (nor
// without a flag), so each import() left in the bundle (a driver, a .mjs config)
// becomes a call of the importer bin/athanor.js passes in, `__athanorImport`;
// see edits() for `__athanorLazy`.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { rolldown } from "rolldown";
import { parseAst } from "rolldown/parseAst";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const out = join(ROOT, "dist", "bundle");

const bundler = await rolldown({
  input: { cli: join(ROOT, "dist", "cli", "bundle-entry.js") },
  platform: "node",
  // loaded from the user's project or on demand, never inlined
  external: [/^node:/, "jiti", "oxc-transform", "libsql", "pg", "mysql2", "better-sqlite3", /^drizzle-orm(\/|$)/],
  transform: { define: { __ATHANOR_BUNDLE__: "true" } },
  logLevel: "warn",
  // a module both imported and loaded lazily stays where it is; that is expected here
  checks: { ineffectiveDynamicImport: false },
});
const { output } = await bundler.generate({
  format: "cjs",
  // the bundled modules are ES modules, strict code
  strict: true,
  // pure ASCII, which bin/athanor.js reads as one byte a character, and no comments: a smaller
  // text to read and hash
  charset: "ascii",
  comments: false,
  entryFileNames: "[name].cjs",
  sourcemap: false,
  // one script: modules reached only through import() are evaluated when first imported
  codeSplitting: false,
});
await bundler.close();

/** Node modules that cost milliseconds to load and that few commands use (hashing a cache key, running a hook). */
const LAZY_BUILTINS = new Set(["node:crypto", "node:child_process"]);

/**
 * The edits the loaded script needs, by offset in `code`: each `import(`
 * becomes `__athanorImport(`, and `require("node:crypto")` (and the other
 * {@link LAZY_BUILTINS}) `__athanorLazy("node:crypto")`, an object that
 * requires the module when a member is first read (the bundle reads them as
 * members only, `node_crypto.createHash`), so `athanor --help` loads neither.
 */
function edits(code) {
  const found = [];
  const lazyNames = new Set();
  const uses = [];
  const isLazyRequire = (node) =>
    node?.type === "CallExpression" &&
    node.callee.type === "Identifier" &&
    node.callee.name === "require" &&
    node.arguments.length === 1 &&
    node.arguments[0].type === "Literal" &&
    LAZY_BUILTINS.has(node.arguments[0].value);
  const visit = (node, parent) => {
    if (Array.isArray(node)) return node.forEach((child) => visit(child, parent));
    if (node === null || typeof node !== "object") return;
    if (node.type === "ImportExpression") found.push({ start: node.start, end: node.start + "import".length, text: "__athanorImport" });
    if (isLazyRequire(node)) {
      // bound to a name, and that name read for members only
      if (parent?.type !== "VariableDeclarator" || parent.id.type !== "Identifier") {
        throw new Error(`bundle: require(${JSON.stringify(node.arguments[0].value)}) at offset ${node.start} is not bound to a name; import it by name or leave it out of LAZY_BUILTINS`);
      }
      lazyNames.add(parent.id.name);
      found.push({ start: node.callee.start, end: node.callee.end, text: "__athanorLazy" });
    }
    if (node.type === "Identifier") uses.push({ node, parent });
    for (const value of Object.values(node)) if (value !== null && typeof value === "object") visit(value, node);
  };
  visit(parseAst(code, { sourceType: "script" }), undefined);
  for (const { node, parent } of uses) {
    if (!lazyNames.has(node.name) || (parent?.type === "MemberExpression" && parent.property === node && !parent.computed)) continue;
    const declared = parent?.type === "VariableDeclarator" && parent.id === node && isLazyRequire(parent.init);
    const member = parent?.type === "MemberExpression" && parent.object === node && !parent.computed;
    if (!declared && !member) throw new Error(`bundle: ${node.name} at offset ${node.start} is used other than by its members; leave its module out of LAZY_BUILTINS`);
  }
  return found.sort((a, b) => b.start - a.start);
}

let code = output[0].code;
for (const { start, end, text } of edits(code)) {
  const was = code.slice(start, end);
  if (was !== "import" && was !== "require") throw new Error(`bundle: unexpected ${JSON.stringify(was)} at offset ${start}`);
  code = `${code.slice(0, start)}${text}${code.slice(end)}`;
}
const wide = /[^\x00-\x7f]/.exec(code);
if (wide !== null) {
  const line = code.slice(0, wide.index).split("\n").length;
  throw new Error(`bundle: cli.cjs line ${line} holds a character beyond ASCII, which bin/athanor.js would misread: escape it`);
}
const stamp = createHash("sha256").update(code).digest("hex").slice(0, 16);
// written whole under a temporary name, then renamed: a CLI starting meanwhile reads the old
// script or the new one, never a part
mkdirSync(out, { recursive: true });
const temporary = join(out, `cli.cjs.${process.pid}.tmp`);
writeFileSync(temporary, `// athanor-bundle ${stamp}\n${code}`);
renameSync(temporary, join(out, "cli.cjs"));
// what earlier builds left (the ES module chunks of before)
for (const name of readdirSync(out)) if (name !== "cli.cjs" && !name.endsWith(".tmp")) rmSync(join(out, name), { force: true });
