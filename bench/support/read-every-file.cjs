// The least any tool does to learn a revision graph it has not read before:
// start Node, list the versions folder, ask each file for its identity and read
// it whole. No parsing, no output. graph-commands.bench.mjs times it beside the
// first runs (argv[2]: the versions folder).
"use strict";
const { closeSync, lstatSync, openSync, readSync, readdirSync } = require("node:fs");

const folder = process.argv[2];
const buffer = Buffer.allocUnsafe(1 << 16);
let bytes = 0;
for (const name of readdirSync(folder).sort()) {
  const path = `${folder}/${name}`;
  if (!lstatSync(path).isFile()) continue;
  const fd = openSync(path, "r");
  try {
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) bytes += n;
  } finally {
    closeSync(fd);
  }
}
if (bytes === 0) process.exitCode = 1;
