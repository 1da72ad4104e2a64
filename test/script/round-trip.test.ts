import { describe, expect, it } from "vitest";
import type { Script } from "../../src/script/index.js";
import { scriptsOf, tempProject } from "./project.js";

/** A small seeded generator, so a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["add", "users", "e-mail", "Index", "drop*/", "`tick`", "'quote'", '"dq"', "été", "${x}", "$${y}", "tab\there", "x".repeat(30)];

describe("writing and reading back", () => {
  for (const seed of [1, 2, 3]) {
    it(`reads every generated revision back as written (seed ${seed})`, async () => {
      const random = prng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
      const { config } = tempProject({ versionLocations: ["migrations/a", "migrations/b"] });
      const scripts = await scriptsOf(config);
      const written: Script[] = [];
      let labels = 0;
      for (let i = 0; i < 60; i++) {
        const message = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(WORDS)).join(random() < 0.1 ? "\n" : " ");
        const heads = scripts.map.heads;
        const choice = random();
        const branchLabels = random() < 0.15 ? [`label_${labels++}`] : undefined;
        const dependsOn = written.length > 3 && random() < 0.2 ? [pick(written).revision.slice(0, 8)] : undefined;
        let script: Script;
        if (heads.length === 0 || choice < 0.1) {
          script = await scripts.generateRevision({ message, head: "base", versionPath: pick(["migrations/a", "migrations/b"]), ...(branchLabels ? { branchLabels } : {}) });
        } else if (heads.length > 1 && choice < 0.3) {
          script = await scripts.generateRevision({ message, head: [heads[0]!, heads[1]!], ...(branchLabels ? { branchLabels } : {}) });
        } else if (choice < 0.45 && written.length > 0) {
          script = await scripts.generateRevision({ message, head: pick(written).revision, splice: true, ...(dependsOn ? { dependsOn } : {}) });
        } else {
          script = await scripts.generateRevision({ message, head: pick(heads), ...(dependsOn ? { dependsOn } : {}), ...(branchLabels ? { branchLabels } : {}) });
        }
        // "*/" is written "*\/" so it cannot close the header comment, and read back as "*/"
        expect(script.doc).toBe(message.split("\n")[0]!.trim());
        written.push(script);
      }
      const reread = await scriptsOf(config);
      expect(reread.map.size).toBe(written.length);
      expect([...reread.map.heads].sort()).toEqual([...scripts.map.heads].sort());
      expect([...reread.map.bases].sort()).toEqual([...scripts.map.bases].sort());
      for (const script of written) {
        const back = reread.map.get(script.revision)!.source;
        expect(back).toEqual(script);
      }
    });
  }
});
