// Connecting to PostgreSQL does not make Node load its fetch implementation (pg's
// check for a Cloudflare Worker builds a Response where `navigator` is missing),
// and leaves the global scope as it found it. Each case runs in a fresh process,
// since a module loaded once stays loaded.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { availableServers, serverUrls } from "../../support/servers.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const DIALECTS = join(ROOT, "dist", "dialects", "index.js");
const live = availableServers().has("postgresql") && existsSync(DIALECTS);

/** Connect in a fresh process, run one statement, report what got loaded. */
function connectInFreshProcess(): { answer: number; undici: boolean; navigatorBefore: boolean; navigatorAfter: boolean; nodeStreams: boolean } {
  const script = `
    const navigatorBefore = "navigator" in globalThis;
    const { connect } = await import(${JSON.stringify(pathToFileURL(DIALECTS).href)});
    const db = await connect(${JSON.stringify(serverUrls.postgresql)});
    const rows = (await db.execute("SELECT 1 + 1 AS n")).rows;
    await db.close();
    const stream = require(require.resolve("pg/lib/stream.js", { paths: [${JSON.stringify(ROOT)}] }));
    console.log(JSON.stringify({
      answer: Number(rows[0].n),
      undici: process.moduleLoadList.some((name) => name.includes("undici")),
      navigatorBefore,
      navigatorAfter: "navigator" in globalThis,
      nodeStreams: typeof stream.getStream === "function" && stream.getStream(false).constructor.name === "Socket",
    }));
  `;
  const result = spawnSync(process.execPath, ["--input-type=commonjs", "-e", `(async () => { ${script} })().catch((e) => { console.error(e); process.exit(1); })`], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout.trim().split("\n").pop()!);
}

describe.skipIf(!live)("loading pg", () => {
  test("a connection works without loading Node's fetch, and the global scope is as before", () => {
    const seen = connectInFreshProcess();
    expect(seen.answer).toBe(2);
    expect(seen.nodeStreams).toBe(true);
    expect(seen.navigatorAfter).toBe(seen.navigatorBefore);
    expect(seen.undici).toBe(false);
  });
});
