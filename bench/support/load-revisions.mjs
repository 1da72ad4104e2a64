// Run in a child process by revision-load.bench.mjs: loads every revision file of
// the project in argv[3] with the athanor build whose public entry is argv[2],
// as `upgrade` does before it runs them, and prints the milliseconds taken as JSON.
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const { Config, ScriptDirectory } = await import(pathToFileURL(process.argv[2]).href);
const config = await Config.load({ cwd: process.argv[3] });
const scripts = await ScriptDirectory.fromConfig(config);
const sources = [...scripts.map.all()].map((revision) => revision.source);
const start = performance.now();
const cpuStart = process.cpuUsage();
if (typeof scripts.preloadRevisions === "function") await scripts.preloadRevisions(sources);
const preloaded = performance.now();
let loaded = 0;
for (const source of sources) {
  const module = await scripts.loadRevision(source);
  if (typeof module.upgrade === "function") loaded++;
}
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
if (loaded !== sources.length) throw new Error(`loaded ${loaded} of ${sources.length} revisions`);
process.stdout.write(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, count: loaded, preload: preloaded - start }));
