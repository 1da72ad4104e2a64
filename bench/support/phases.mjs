// Run in a child process by scaling.bench.mjs: times, inside one process, the
// phases of a graph command on the project in argv[2] and prints them as JSON.
import { performance } from "node:perf_hooks";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./timing.mjs";

const dist = (path) => import(pathToFileURL(join(ROOT, "dist", path)).href);
const { Config } = await dist("config/index.js");
const { ScriptDirectory } = await dist("script/index.js");
const { RevisionMap } = await dist("graph/index.js");

const cwd = process.argv[2];
const t0 = performance.now();
const config = await Config.load({ cwd });
const t1 = performance.now();
const scripts = await ScriptDirectory.fromConfig(config);
const t2 = performance.now();
const sources = [...scripts.map.all()].map((rev) => rev.source);
const t3 = performance.now();
const map = new RevisionMap(sources);
const t4 = performance.now();
const order = map.history();
const t5 = performance.now();
if (order.length !== sources.length) throw new Error("history lost revisions");
process.stdout.write(
  JSON.stringify({ config: t1 - t0, readScripts: t2 - t1, buildMap: t4 - t3, historyOrder: t5 - t4 }),
);
