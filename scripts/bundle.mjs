// Bundles the compiled CLI and public entry points (dist/) into a few files in
// dist/bundle/: one module for `athanor --help`, with each command's code in a
// chunk loaded when the command runs. The public entries share those chunks, so
// a config or revision importing `athanor` gets the very instances the CLI uses.
import { readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "rolldown";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const out = join(ROOT, "dist", "bundle");
rmSync(out, { recursive: true, force: true });

/** The modules `dist/cli/main.js` imports statically, directly or not: what `athanor --help` loads. */
function staticGraph(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+"(\.[^"]+)";/gms)) {
      visit(resolve(dirname(file), match[1]));
    }
  };
  visit(entry);
  return seen;
}
const cliEntry = join(ROOT, "dist", "cli", "main.js");
const startup = staticGraph(cliEntry);

await build({
  input: {
    cli: join(ROOT, "dist", "cli", "main.js"),
    index: join(ROOT, "dist", "index.js"),
    drizzle: join(ROOT, "dist", "adapters", "drizzle", "index.js"),
  },
  platform: "node",
  // loaded from the user's project or on demand, never inlined
  external: [/^node:/, "jiti", "oxc-transform", "libsql", "pg", "mysql2", "better-sqlite3", /^drizzle-orm(\/|$)/],
  transform: { define: { __ATHANOR_BUNDLE__: "true" } },
  logLevel: "warn",
  // a module both imported and loaded lazily stays where it is; that is expected here
  checks: { ineffectiveDynamicImport: false },
  output: {
    dir: out,
    format: "esm",
    entryFileNames: "[name].js",
    chunkFileNames: "[name]-[hash].js",
    sourcemap: false,
    // two files for the CLI: what every command needs at start-up, and the rest, loaded by
    // the first command that needs more than its option parser (few big modules load faster
    // than many small ones)
    codeSplitting: {
      groups: [
        { name: "cli-start", test: (id) => startup.has(id) || /[\\/]node_modules[\\/]commander[\\/]/.test(id), priority: 2 },
        { name: "athanor", test: (id) => id.startsWith(join(ROOT, "dist")) && !id.includes(`${join("adapters", "drizzle")}`), priority: 1 },
      ],
    },
  },
});
