#!/usr/bin/env node
import { statSync } from "node:fs";

// The bundled CLI (dist/bundle, a few files) starts faster than the compiled
// tree (dist/cli, one file per module); the tree serves when it is newer, as
// after a bare `tsc` in a checkout.
const built = (path) => statSync(new URL(path, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const entry = built("../dist/bundle/cli.js") >= built("../dist/cli/main.js") ? "../dist/bundle/cli.js" : "../dist/cli/main.js";
const { main } = await import(entry);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`athanor: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
