// One fleet run in a process of its own: `node --expose-gc fleet-driver.mjs <dir> <concurrency>`
// upgrades every target of the project's fleet `tenants` to head through the built
// API, sampling memory as it goes, and prints one JSON line: wall time, peak RSS,
// heap high-water, the heap kept after the run (with the result still held), and
// the size of the result's per-target lines.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./timing.mjs";

const [dir, concurrency] = process.argv.slice(2);
const { Config, command } = await import(pathToFileURL(join(ROOT, "dist", "index.js")).href);
let peakHeap = 0;
let peakRss = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
};
const timer = setInterval(sample, 5);
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const config = await Config.load({ cwd: dir });
const started = performance.now();
const result = await command.upgrade(config, "head", { fleet: "tenants", concurrency: Number(concurrency) });
const ms = performance.now() - started;
sample();
clearInterval(timer);
globalThis.gc?.();
const retained = process.memoryUsage().heapUsed - heapBefore;
if (!result.ok) {
  const failed = result.targets.find((t) => t.status === "failed");
  console.error(`fleet run failed: ${failed?.name}: ${failed?.error?.message}`);
  process.exit(1);
}
console.log(
  JSON.stringify({
    ms,
    targets: result.summary.total,
    steps: result.summary.steps,
    peakRss: Math.max(peakRss, process.resourceUsage().maxRSS * 1024),
    peakHeap,
    retained,
    resultBytes: JSON.stringify(result.targets).length,
  }),
);
