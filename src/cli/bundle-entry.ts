/**
 * The entry of the bundled CLI (dist/bundle/cli.cjs, one script that
 * bin/athanor.js compiles with V8's code cache): the command line, and the
 * public entries a project's TypeScript files import as `athanor` and
 * `athanor/drizzle`, served from this very copy and evaluated on first import.
 */
import { provideSelfModules } from "../config/self-modules.js";
import { writeStdoutDirectly } from "./output.js";

// this script runs as the `athanor` executable: stdout is its own
writeStdoutDirectly();

provideSelfModules({
  athanor: () => import("../index.js"),
  "athanor/drizzle": () => import("../adapters/drizzle/index.js"),
});

export { main } from "./main.js";
