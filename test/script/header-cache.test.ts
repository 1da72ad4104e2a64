import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { deserialize, serialize } from "node:v8";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readHeaderTokens, readRevisionHeader } from "../../src/script/read-header.js";
import { scriptsOf, tempProject, writeRevision } from "./project.js";

// files written "now" are never cached (they may change again within the same
// clock tick); these tests date them a minute back, as files that have settled
const settle = (path: string, secondsAgo = 60): void => {
  const when = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(path, when, when);
};

describe("header cache", () => {
  let cacheDir: string;
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env["ATHANOR_CACHE_DIR"];
    cacheDir = mkdtempSync(join(tmpdir(), "athanor-h5-headers-"));
    process.env["ATHANOR_CACHE_DIR"] = cacheDir;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env["ATHANOR_CACHE_DIR"];
    else process.env["ATHANOR_CACHE_DIR"] = saved;
    rmSync(cacheDir, { recursive: true, force: true });
  });

  const cacheFile = (): string => {
    const files = readdirSync(cacheDir).filter((f) => f.startsWith("headers-"));
    expect(files).toHaveLength(1);
    return join(cacheDir, files[0]!);
  };

  it("keeps settled headers and serves them while the files are unchanged", async () => {
    const { config } = tempProject();
    const versions = config.versionLocations[0]!;
    writeRevision(join(versions, "a1_first.ts"), "a1", null, { doc: "first" });
    writeRevision(join(versions, "b2_second.ts"), "b2", "a1", { doc: "second" });
    for (const f of readdirSync(versions)) settle(join(versions, f));

    const first = await scriptsOf(config);
    expect(first.map.heads).toEqual(["b2"]);
    const file = cacheFile();
    // the cache is what a warm run reads: a value changed in it (the files untouched) shows through
    const cached = deserialize(readFileSync(file)) as { entries: unknown[][] };
    expect(cached.entries.map((e) => e[0])).toEqual(["a1_first.ts", "b2_second.ts"]);
    cached.entries[1]![10] = "second, from the cache";
    cached.entries[1]![11] = "2026-01-02";
    writeFileSync(file, serialize(cached));
    const warm = await scriptsOf(config);
    expect(warm.map.get("b2")!.source.doc).toBe("second, from the cache");
    expect(warm.map.get("b2")!.source.createDate).toBe("2026-01-02");
    expect(warm.map.get("a1")!.source.doc).toBe("first");
  });

  it("reads a file again when it changes, and forgets removed files", async () => {
    const { config } = tempProject();
    const versions = config.versionLocations[0]!;
    writeRevision(join(versions, "a1_first.ts"), "a1", null);
    writeRevision(join(versions, "b2_second.ts"), "b2", "a1");
    writeRevision(join(versions, "c3_third.ts"), "c3", "a1");
    for (const f of readdirSync(versions)) settle(join(versions, f));
    expect([...(await scriptsOf(config)).map.heads].sort()).toEqual(["b2", "c3"]);

    // same size, new parent: the times differ, so the header is read again
    writeRevision(join(versions, "c3_third.ts"), "c3", "b2");
    settle(join(versions, "c3_third.ts"), 30);
    expect((await scriptsOf(config)).map.heads).toEqual(["c3"]);

    rmSync(join(versions, "b2_second.ts"));
    writeRevision(join(versions, "c3_third.ts"), "c3", "a1");
    settle(join(versions, "c3_third.ts"), 20);
    const after = await scriptsOf(config);
    expect(after.map.heads).toEqual(["c3"]);
    expect(after.scripts.map((s) => s.revision)).toEqual(["a1", "c3"]);
    const entries = (deserialize(readFileSync(cacheFile())) as { entries: unknown[][] }).entries;
    expect(entries.map((e) => e[0])).toEqual(["a1_first.ts", "c3_third.ts"]);
  });

  it("does not keep a file changed moments ago, and reads through a damaged cache", async () => {
    const { config } = tempProject();
    const versions = config.versionLocations[0]!;
    writeRevision(join(versions, "a1_first.ts"), "a1", null);
    writeRevision(join(versions, "b2_second.ts"), "b2", "a1");
    settle(join(versions, "a1_first.ts"));
    await scriptsOf(config);
    const entries = (deserialize(readFileSync(cacheFile())) as { entries: unknown[][] }).entries;
    expect(entries.map((e) => e[0])).toEqual(["a1_first.ts"]);

    const whole = readFileSync(cacheFile());
    writeFileSync(cacheFile(), whole.subarray(0, whole.length >> 1));
    expect((await scriptsOf(config)).map.heads).toEqual(["b2"]);
  });

  it("ignores a cache file whose entries do not have the shape of an entry", async () => {
    const { config } = tempProject();
    const versions = config.versionLocations[0]!;
    writeRevision(join(versions, "a1_first.ts"), "a1", null, { doc: "first" });
    settle(join(versions, "a1_first.ts"));
    await scriptsOf(config);
    const file = cacheFile();
    const cached = deserialize(readFileSync(file)) as { entries: unknown[][] };
    for (const damage of [(e: unknown[]) => (e[5] = null), (e: unknown[]) => (e[2] = "now"), (e: unknown[]) => e.pop()]) {
      const entries = cached.entries.map((e) => [...e]);
      entries[0]![10] = "from a damaged cache";
      damage(entries[0]!);
      writeFileSync(file, serialize({ ...cached, entries }));
      const read = await scriptsOf(config);
      expect(read.map.get("a1")!.source.doc).toBe("first");
    }
    writeFileSync(file, "not a cache");
    expect((await scriptsOf(config)).map.get("a1")!.source.doc).toBe("first");
  });

  it("reads a file changed in place whose size and modification time were put back", async () => {
    // the change time moves on any write and cannot be set back: the entry is not served
    const { config } = tempProject();
    const versions = config.versionLocations[0]!;
    const path = join(versions, "a1_first.ts");
    writeRevision(path, "a1", null, { doc: "one" });
    settle(path);
    const before = statSync(path);
    expect((await scriptsOf(config)).map.get("a1")!.source.doc).toBe("one");
    await new Promise((done) => setTimeout(done, 20));
    writeFileSync(path, readFileSync(path, "utf8").replace(" * one", " * two"));
    utimesSync(path, before.atime, before.mtime);
    expect(statSync(path).size).toBe(before.size);
    expect(statSync(path).mtimeMs).toBe(before.mtimeMs);
    expect((await scriptsOf(config)).map.get("a1")!.source.doc).toBe("two");
  });

  it("serves nothing for a revision file that went away, and reads one added since", async () => {
    const { config } = tempProject();
    const versions = config.versionLocations[0]!;
    writeRevision(join(versions, "a1_first.ts"), "a1", null);
    writeRevision(join(versions, "b2_second.ts"), "b2", "a1");
    for (const f of readdirSync(versions)) settle(join(versions, f));
    expect((await scriptsOf(config)).map.heads).toEqual(["b2"]);
    rmSync(join(versions, "b2_second.ts"));
    writeRevision(join(versions, "c3_third.ts"), "c3", "a1");
    settle(join(versions, "c3_third.ts"));
    const after = await scriptsOf(config);
    expect(after.scripts.map((s) => s.revision)).toEqual(["a1", "c3"]);
    expect(after.map.heads).toEqual(["c3"]);
  });

  it("reads a file replaced by another of the same size and modification time", async () => {
    // the entry also holds the change time and the inode, which a replaced file does not keep
    const { config } = tempProject();
    const versions = config.versionLocations[0]!;
    const path = join(versions, "a1_first.ts");
    writeRevision(path, "a1", null, { doc: "one" });
    settle(path);
    await scriptsOf(config);
    writeRevision(join(versions, "tmp.txt"), "a1", null, { doc: "two" });
    rmSync(path);
    writeFileSync(path, readFileSync(join(versions, "tmp.txt")));
    rmSync(join(versions, "tmp.txt"));
    settle(path);
    expect((await scriptsOf(config)).map.get("a1")!.source.doc).toBe("two");
  });
});

describe("readRevisionHeader on the plain shape", () => {
  const shapes = [
    `/**\n * create users\n *\n * Revision ID: 3f1c2a9b7d10\n * Revises: 0a9e\n * Create Date: 2026-11-21 10:00:00.000000\n */\nimport type { Operations } from "athanor";\n\nexport const revision = "3f1c2a9b7d10";\nexport const downRevision: string | string[] | null = "0a9e";\nexport const branchLabels: string[] | null = null;\nexport const dependsOn: string[] | null = null;\n\nexport async function upgrade(op: Operations): Promise<void> {}\n`,
    `\uFEFF/* merge */\r\nimport { sql } from 'athanor';\r\n// ids\r\nexport const revision = 'm1';\r\nexport const downRevision = ['a', "b",];\r\nexport const branchLabels = ["x"]\r\nexport const dependsOn = undefined;\r\n`,
    `/** a */\nexport const revision = "r1";\nexport const revision = "r2";\nexport const downRevision = [];\nexport const branchLabels = [];\nexport const dependsOn = "d";\n`,
    `/** a */ // note\nexport const revision = "r1";\nexport const downRevision = null;\nexport const branchLabels = null;\nexport const dependsOn = null;\n`,
    `/** a */\nexport const revision = "r1" as const;\nexport const downRevision = null;\nexport const branchLabels = null;\nexport const dependsOn = null;\n`,
    `/** a */\nexport const revision = "r1";\nexport const downRevision = null;\nexport async function upgrade() {}\nexport const branchLabels = ["late"];\nexport const dependsOn = null;\n`,
    `/** a */\nimport {\n  x,\n} from "y";\nexport const revision = "r\\u0031";\nexport const downRevision = \`p\`;\nexport const branchLabels = null;\nexport const dependsOn = null;\n`,
  ];
  it.each(shapes.map((text, i) => [i, text]))("gives what the tokenizer gives (shape %i)", (_i, text) => {
    expect(readRevisionHeader(text as string, "/v/x.ts")).toEqual(readHeaderTokens(text as string, "/v/x.ts"));
  });

  it("leaves what is not a literal to the tokenizer's error", () => {
    const text = `/** a */\nexport const revision = makeId();\nexport const downRevision = null;\n`;
    expect(() => readRevisionHeader(text, "/v/x.ts")).toThrow(/revision must be a string literal/);
  });
});
